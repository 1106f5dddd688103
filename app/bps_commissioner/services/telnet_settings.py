"""A master's settings menus (Telnet menus 2-7 and 10) read and set by the dialogue table.

device/telnet_menus.py says how each setting is chosen, typed and shown; this module walks
that table over a logged-in :class:`~bps_commissioner.transport.telnet.TelnetSession`:

* :func:`read_settings` opens each menu and reads every item it shows;
* :func:`set_item` chooses the item, types its value, and re-reads the menu's screen: a
  reply the table calls a refusal, or a screen that does not show the new value, raises
  :class:`SettingNotShown` (a protocol fault carrying the raw dialogue), so the caller
  stops and changes nothing further;
* :func:`restart` chooses menu 10 and restarts (or restores the factory settings); the unit
  closes the connection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from bps_commissioner.device import telnet_menus as tm
from bps_commissioner.device.faults import FaultKind
from bps_commissioner.device.provisioning import canonical, recorded, same
from bps_commissioner.transport.telnet import TelnetProtocolError, TelnetSession


class SettingNotShown(TelnetProtocolError):
    """The unit refused a value or does not show it after it was sent."""

    kind = FaultKind.UNIT_REFUSED_VALUE


@dataclass(frozen=True)
class Settings:
    """What the menus show: {setting key: text as shown, or None when the screen has no such
    line} and the account menu 3 names."""

    values: Mapping[str, str | None]
    user: str | None = None

    def public(self, table: tm.DialogueTable = tm.DEFAULT_TABLE) -> dict[str, str | None]:
        """The values with secret items masked (``********`` when set, "" when empty)."""
        out: dict[str, str | None] = {}
        for key, value in self.values.items():
            secret = key in table.keys and table.item(key).secret
            out[key] = ("********" if value else value) if secret else value
        return out


def read_settings(session: TelnetSession, table: tm.DialogueTable = tm.DEFAULT_TABLE,
                  menus: tuple[int, ...] = tm.SETTINGS_MENUS) -> Settings:
    values: dict[str, str | None] = {}
    user = None
    for menu in menus:
        screen = session.open_menu(menu)
        for item in table.in_menu(menu):
            if item.shown:
                values[item.key] = item.read(screen)
        if menu == 3:
            m = re.search(tm.USER_PATTERN, screen, re.IGNORECASE | re.MULTILINE)
            user = m.group(1).strip() if m else None
    session.main_menu()
    return Settings(values, user)


def set_item(session: TelnetSession, item: tm.MenuItem, value: str, *, old: str = "",
             table: tm.DialogueTable = tm.DEFAULT_TABLE) -> str | None:
    """Set ``item`` to ``value`` (``old``: the current password, for the password item) and
    read it back; returns what the screen shows afterwards (None for an item not shown)."""
    if item.secret:
        session.hide(value, old)
    if session.menu != str(item.menu):
        session.open_menu(item.menu)
    reply = session.command(item.select)
    if table.is_refusal(reply):
        raise _refused(session, f"Telnet menu {item.menu}: the unit refused item {item.select} ({item.key}). "
                                f"Nothing further was changed.")
    sent = item.render(value, old)
    reply = session.command(sent, secret=item.secret)
    if table.is_refusal(reply):
        first = next((line.strip() for line in reply.splitlines() if line.strip()), "")
        raise _refused(session, f"Telnet menu {item.menu}: the unit refused {item.key} = "
                                f"{recorded(item.kind, value)} ({first}). Nothing further was changed.")
    screen = session.open_menu(item.menu)
    if not item.shown:
        return None
    shown = item.read(screen)
    if item.kind == tm.CLOCK or same(item.kind, shown, canonical(item.kind, value)):
        return shown
    raise _refused(session, f"Telnet menu {item.menu}: after {item.key} was sent, the unit shows "
                            f"{recorded(item.kind, shown)!r} instead of {recorded(item.kind, value)!r}. "
                            f"Nothing further was changed.")


def _refused(session: TelnetSession, message: str) -> SettingNotShown:
    error = session.protocol_error(message)
    return SettingNotShown(str(error), error.dialogue)


def restart(session: TelnetSession, *, factory: bool = False) -> str:
    """Menu 10, then 1 (restart) or 2 (restart to factory defaults); the unit closes the
    connection. Returns what it showed."""
    screen = session.open_menu(tm.RESTART_MENU)
    if "restart" not in screen.lower():
        raise session.protocol_error(f"Telnet menu {tm.RESTART_MENU} does not show the restart choices.")
    return session.last_command(tm.FACTORY_RESET if factory else tm.RESTART)


__all__ = ["SettingNotShown", "Settings", "read_settings", "restart", "set_item"]
