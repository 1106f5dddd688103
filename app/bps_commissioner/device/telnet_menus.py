"""The settings dialogue of a BPS2000v2 master's Telnet menus 2-7 and 10, as one table.

The manual (section 9) shows each menu's screen and one "Command format" line per menu;
how each numbered item is set is not documented. This table is the assumption this tool
works by, kept as data so that a transcript from a real unit corrects it without touching
the code (README: "Correcting the Telnet dialogue"):

* to set an item, type its number (``select``), then the value in the item's ``command``
  format (``{value}`` is replaced by the value; the password item has ``{old}``/``{new}``);
* a reply matching ``REFUSED`` is a refusal; any other reply is taken as accepted, and the
  menu's screen is then read again: the unit must show the new value (``pattern``: a
  regular expression over the screen whose groups, joined by a space, are the value);
* ``applies``: "now", or "restart" (the unit keeps its old setting until it restarts:
  the network menu, by assumption, and the HTTP port).

:func:`load_table` reads a corrected table from a JSON file of the same shape
(``provision --dialogue FILE``); :func:`table_to_json` writes the shipped one out as a
starting point.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from typing import Any, Iterable

#: Kinds of value, for validation and comparison (device/provisioning.py).
IPV4, MASK, PORT, TEXT, COMMUNITY, AGENT, CLOCK, PASSWORD, COUNT, SECRET_TEXT = (
    "ipv4", "mask", "port", "text", "community", "agent", "clock", "password", "count", "secret-text")
KINDS = frozenset({IPV4, MASK, PORT, TEXT, COMMUNITY, AGENT, CLOCK, PASSWORD, COUNT, SECRET_TEXT})

#: A reply to a value that means the unit did not take it.
REFUSED = r"error|invalid|differ|fail|wrong|denied|not\s+allowed"


@dataclass(frozen=True)
class MenuItem:
    """One setting of one menu."""

    key: str  # the setting's name in this tool ("network.address")
    menu: int  # the main menu's number (4)
    select: str  # what is typed to choose the item ("1")
    command: str  # the value as typed ("address:{value}")
    pattern: str  # where the screen shows it (a regex, groups joined by a space); "" when not shown
    kind: str  # one of KINDS
    applies: str = "now"  # "now" or "restart"

    @property
    def shown(self) -> bool:
        return bool(self.pattern)

    @property
    def secret(self) -> bool:
        return self.kind in (PASSWORD, SECRET_TEXT)

    def render(self, value: str, old: str = "") -> str:
        """The value command as typed: ``address:10.20.0.11``."""
        if self.kind == CLOCK:
            date, _, time = value.partition(" ")
            return self.command.replace("{date}", date).replace("{time}", time)
        return self.command.replace("{old}", old).replace("{new}", value).replace("{value}", value)

    def read(self, screen: str) -> str | None:
        """The value the menu's ``screen`` shows for this item; None when it shows no such line."""
        if not self.pattern:
            return None
        m = re.search(self.pattern, screen, re.IGNORECASE | re.MULTILINE)
        if not m:
            return None
        return " ".join((g or "").strip() for g in m.groups()).strip()


_L = r"[ \t]*:[ \t]*(.*?)[ \t]*$"  # "Label:value" to the end of the line

#: The shipped table (the manual's screens; the item dialogue is this tool's assumption).
ITEMS: tuple[MenuItem, ...] = (
    MenuItem("clock", 2, "1", "date {date},time {time}",
             r"System\s+clock\s*:\s*Date\s*:\s*(\d{4}-\d{1,2}-\d{1,2})\s+Time\s*:\s*(\d{1,2}:\d{2}:\d{2})", CLOCK),
    MenuItem("password", 3, "1", "old:{old}&new:{new}&confirm:{new}&", "", PASSWORD),
    MenuItem("network.address", 4, "1", "address:{value}", r"^\s*IPv4\s+Address" + _L, IPV4, "restart"),
    MenuItem("network.mask", 4, "2", "address:{value}", r"^\s*IPv4\s+Subnet\s+Mask" + _L, MASK, "restart"),
    MenuItem("network.gateway", 4, "3", "address:{value}", r"^\s*Gateway" + _L, IPV4, "restart"),
    MenuItem("network.dns", 4, "4", "address:{value}", r"^\s*DNS" + _L, IPV4, "restart"),
    MenuItem("snmp.agent", 5, "1", "agent:{value}", r"^\s*SNMP\s+agent" + _L, AGENT),
    MenuItem("snmp.write_community", 5, "2", "community:{value}", r"^\s*Write\s+community" + _L, COMMUNITY),
    MenuItem("snmp.read_community", 5, "3", "community:{value}", r"^\s*Read\s+community" + _L, COMMUNITY),
    MenuItem("snmp.trap1", 5, "4", "address:{value}", r"^\s*Trap\s*1\s+address" + _L, IPV4),
    MenuItem("http.port", 6, "1", "port:{value}", r"^\s*HTTP\s+port" + _L, PORT, "restart"),
    MenuItem("smtp.account", 7, "1", "account:{value}", r"^\s*SMTP\s+Account" + _L, TEXT),
    MenuItem("smtp.password", 7, "2", "password:{value}", r"^\s*SMTP\s+Password" + _L, SECRET_TEXT),
    MenuItem("smtp.server", 7, "3", "server:{value}", r"^\s*SMTP\s+Server" + _L, TEXT),
    MenuItem("smtp.port", 7, "4", "port:{value}", r"^\s*SMTP\s+Port" + _L, PORT),
    MenuItem("smtp.count", 7, "5", "number:{value}", r"^\s*Number\s+of\s+cyclical\s+notification" + _L, COUNT),
    MenuItem("smtp.interval", 7, "6", "time:{value}", r"^\s*Time\s+between\s+cyclical\s+notification" + _L, COUNT),
    MenuItem("smtp.recipient", 7, "7", "recipient:{value}", r"^\s*SMTP\s+Recipient\s+Email" + _L, TEXT),
)

#: Menus read by ``provision --show``, in order.
SETTINGS_MENUS = (2, 3, 4, 5, 6, 7)
#: Menu 10: what is typed to restart, and to restart to factory defaults.
RESTART_MENU, RESTART, FACTORY_RESET = 10, "1", "2"
#: The values menu 5 shows for the agent (lowercased), and what is typed for them.
AGENT_VALUES = {"enable": "enable", "disable": "disable"}
#: Menu 3 shows the account as "Users:bkt".
USER_PATTERN = r"^\s*Users?" + _L


@dataclass(frozen=True)
class DialogueTable:
    items: tuple[MenuItem, ...] = ITEMS
    refused: str = REFUSED
    source: str = "built in"

    def item(self, key: str) -> MenuItem:
        for it in self.items:
            if it.key == key:
                return it
        raise KeyError(key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(it.key for it in self.items)

    def in_menu(self, menu: int) -> tuple[MenuItem, ...]:
        return tuple(it for it in self.items if it.menu == menu)

    def is_refusal(self, reply: str) -> bool:
        return bool(re.search(self.refused, reply, re.IGNORECASE))


DEFAULT_TABLE = DialogueTable()


class TableError(ValueError):
    """A dialogue table file that cannot be used; the message names the entry."""


def table_to_json(table: DialogueTable = DEFAULT_TABLE) -> str:
    return json.dumps({"refused": table.refused, "items": [asdict(it) for it in table.items]}, indent=2)


def _check_items(raw: Iterable[Any], source: str) -> tuple[MenuItem, ...]:
    items: list[MenuItem] = []
    known = {it.key: it for it in ITEMS}
    for n, entry in enumerate(raw, 1):
        if not isinstance(entry, dict):
            raise TableError(f"{source}: item {n} is not an object")
        key = entry.get("key")
        base = known.get(key) if isinstance(key, str) else None
        if base is None:
            raise TableError(f"{source}: item {n}: key {key!r} is not one of {', '.join(known)}")
        unknown = set(entry) - set(asdict(base))
        if unknown:
            raise TableError(f"{source}: item {key}: unknown field(s) {', '.join(sorted(unknown))}")
        merged = {**asdict(base), **entry}
        for field in ("select", "command", "pattern", "kind", "applies"):
            if not isinstance(merged[field], str):
                raise TableError(f"{source}: item {key}: {field} must be text")
        if not isinstance(merged["menu"], int) or isinstance(merged["menu"], bool) or not 2 <= merged["menu"] <= 9:
            raise TableError(f"{source}: item {key}: menu must be a whole number 2..9")
        if merged["kind"] != base.kind:
            raise TableError(f"{source}: item {key}: kind is {base.kind!r} and cannot change")
        if merged["applies"] not in ("now", "restart"):
            raise TableError(f"{source}: item {key}: applies must be \"now\" or \"restart\"")
        if merged["pattern"]:
            try:
                compiled = re.compile(merged["pattern"])
            except re.error as exc:
                raise TableError(f"{source}: item {key}: pattern is not a regular expression ({exc})") from None
            if compiled.groups < 1:
                raise TableError(f"{source}: item {key}: pattern needs a group around the value")
        items.append(MenuItem(**merged))
    keys = [it.key for it in items]
    if len(set(keys)) != len(keys):
        raise TableError(f"{source}: an item is listed twice")
    # items the file leaves out keep the shipped entry
    return tuple(items) + tuple(it for it in ITEMS if it.key not in keys)


def load_table(text: str, source: str = "dialogue table") -> DialogueTable:
    """A corrected table from JSON: {"refused": REGEX, "items": [{"key": ..., changed fields}]}."""
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise TableError(f"{source}: not JSON ({exc})") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("items", []), list):
        raise TableError(f"{source}: expected an object with an \"items\" list")
    unknown = set(doc) - {"refused", "items"}
    if unknown:
        raise TableError(f"{source}: unknown field(s) {', '.join(sorted(unknown))}")
    refused = doc.get("refused", REFUSED)
    try:
        re.compile(refused)
    except (re.error, TypeError) as exc:
        raise TableError(f"{source}: refused is not a regular expression ({exc})") from None
    return DialogueTable(_check_items(doc.get("items", []), source), refused, source)


__all__ = ["AGENT", "AGENT_VALUES", "CLOCK", "COMMUNITY", "COUNT", "DEFAULT_TABLE", "DialogueTable", "FACTORY_RESET",
           "IPV4", "ITEMS", "MASK", "MenuItem", "PASSWORD", "PORT", "REFUSED", "RESTART", "RESTART_MENU",
           "SECRET_TEXT", "SETTINGS_MENUS", "TEXT", "TableError", "USER_PATTERN", "load_table", "table_to_json"]
