"""The settings a simulated MASTER keeps, and its Telnet menus 2-7 that show and change them.

The screens are the manual's (section 9), showing the values stored now. To set a value
the engineer types the item's number inside the menu; the unit answers with that item's
``Command format`` line, then takes the value command:

====  ====  ===========================================  =====================================
menu  item  value command                                 takes effect
====  ====  ===========================================  =====================================
2     1     ``date 2026-12-03,time 14:05:00``             at once (the unit's clock)
3     1     ``old:X&new:Y&confirm:Y&`` (last & optional)  at once (the Telnet login)
4     1-4   ``address:a.b.c.d`` (address, mask,           at the next restart
            gateway, DNS)
5     1     ``agent:enable`` / ``agent:disable``          at once (the SNMP agent)
5     2, 3  ``community:<text>`` (write, read)            at once
5     4     ``address:a.b.c.d`` (trap 1)                  at once
6     1     ``port:<1..65535>`` (HTTP)                    at the next restart
7     1-7   ``account:``, ``password:``, ``server:``,     at once
            ``port:``, ``number:``, ``time:`` (1..10),
            ``recipient:``
====  ====  ===========================================  =====================================

The key word before ":" is case-insensitive and spaces around ":" are tolerated. A value
taken answers ``OK`` and the menu's screen again; a value command without an item chosen,
or a malformed one, answers ``Command error!``, a well-formed value the unit refuses
``Invalid value!`` (menu 3: ``Old password error!`` / ``New password and confirmation
differ!``), then the screen; nothing changes. The item choice is cleared after every value
command. Communities are 1..32 printable ASCII characters without spaces.
"""

from __future__ import annotations

import datetime
import re
import threading
from typing import Any

#: The address a master shows when its CLI was started on a wildcard address or a name.
FALLBACK_ADDRESS = "192.168.0.163"
SETTINGS_MENUS = ("2", "3", "4", "5", "6", "7")

_ADDRESS_FORMAT = "Command format: address:xxx.xxx.xxx.xxx"
#: (menu, item) -> (key word, attribute, kind, format line)
ITEMS: dict[tuple[str, str], tuple[str, str, str, str]] = {
    ("2", "1"): ("date", "clock", "clock", "Command format:date yyyy-mm-dd,time hh:mm:ss"),
    ("3", "1"): ("old", "password", "password", "Command format: old:xxxxxx&new:xxxxxx&confirm:xxxxxx&"),
    ("4", "1"): ("address", "address", "ipv4", _ADDRESS_FORMAT),
    ("4", "2"): ("address", "mask", "ipv4", _ADDRESS_FORMAT),
    ("4", "3"): ("address", "gateway", "ipv4", _ADDRESS_FORMAT),
    ("4", "4"): ("address", "dns", "ipv4", _ADDRESS_FORMAT),
    ("5", "1"): ("agent", "snmp_agent", "agent", "Command format: agent:enable or agent:disable"),
    ("5", "2"): ("community", "write_community", "community", "Command format: community:xxxxxx"),
    ("5", "3"): ("community", "read_community", "community", "Command format: community:xxxxxx"),
    ("5", "4"): ("address", "trap1", "ipv4", _ADDRESS_FORMAT),
    ("6", "1"): ("port", "http_port", "port", "Command format: port:xx"),
    ("7", "1"): ("account", "smtp_account", "text", "Command format: account:xxxxx@xx.com"),
    ("7", "2"): ("password", "smtp_password", "text", "Command format: password:xxxxxx"),
    ("7", "3"): ("server", "smtp_server", "text", "Command format: server:smtp.xx.com"),
    ("7", "4"): ("port", "smtp_port", "port", "Command format: port:xx"),
    ("7", "5"): ("number", "smtp_number", "count", "Command format: number:x"),
    ("7", "6"): ("time", "smtp_time", "count", "Command format: time:x"),
    ("7", "7"): ("recipient", "smtp_recipient", "text", "Command format: recipient:xxxxx@xx.com"),
}
SNMP_ATTRIBUTES = frozenset({"snmp_agent", "write_community", "read_community"})
COMMAND_ERROR, INVALID_VALUE = "Command error!", "Invalid value!"


def dotted(text: str) -> str | None:
    """``text`` as a dotted IPv4 address (``010.000.0.1`` -> ``10.0.0.1``); None when it is not one."""
    m = re.fullmatch(r"(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})", text.strip())
    if not m or any(int(g) > 255 for g in m.groups()):
        return None
    return ".".join(str(int(g)) for g in m.groups())


def factory_network(host: str) -> dict[str, str]:
    """The factory network settings of a master served on ``host``: that address (or
    :data:`FALLBACK_ADDRESS` for a wildcard address or a name), mask 255.255.255.0, the
    /24's .1 as gateway, DNS 8.8.8.8."""
    address = dotted(host)
    if address is None or address == "0.0.0.0":
        address = FALLBACK_ADDRESS
    return {"address": address, "mask": "255.255.255.0",
            "gateway": ".".join(address.split(".")[:3] + ["1"]), "dns": "8.8.8.8"}


class TelnetSettings:
    """What a master keeps through restarts: the Telnet login, its clock (laptop time plus
    ``clock_offset_s`` seconds), network, SNMP, HTTP and SMTP settings. The values given to
    the constructor are its factory settings (:meth:`restore_factory`)."""

    def __init__(self, account: str = "admin", password: str = "admin", *, host: str = FALLBACK_ADDRESS,
                 address: str | None = None, mask: str | None = None, gateway: str | None = None,
                 dns: str | None = None, clock_offset_s: float = 0.0) -> None:
        network = factory_network(host)
        for key, value in (("address", address), ("mask", mask), ("gateway", gateway), ("dns", dns)):
            if value is not None:
                if dotted(value) is None:
                    raise ValueError(f"{key} {value!r} is not a dotted IPv4 address")
                network[key] = dotted(value)  # type: ignore[assignment]
        self._factory: dict[str, Any] = {
            "account": account, "password": password, **network,
            "snmp_agent": True, "write_community": "private", "read_community": "public", "trap1": "0.0.0.0",
            "http_port": 80, "smtp_account": "", "smtp_password": "", "smtp_server": "", "smtp_port": 25,
            "smtp_number": 1, "smtp_time": 1, "smtp_recipient": ""}
        self.account: str = account
        self.password: str = password
        self.address = self.mask = self.gateway = self.dns = self.trap1 = ""
        self.snmp_agent = True
        self.write_community = self.read_community = ""
        self.http_port = self.smtp_port = self.smtp_number = self.smtp_time = 0
        self.smtp_account = self.smtp_password = self.smtp_server = self.smtp_recipient = ""
        self.__dict__.update(self._factory)
        self.clock_offset_s = float(clock_offset_s)
        self.lock = threading.RLock()

    # --- views ----------------------------------------------------------------------------
    @property
    def factory(self) -> dict[str, Any]:
        return dict(self._factory)

    def now(self) -> datetime.datetime:
        """The unit's clock: the laptop's local time plus the offset."""
        return datetime.datetime.now() + datetime.timedelta(seconds=self.clock_offset_s)

    @property
    def clock(self) -> datetime.datetime:
        return self.now()

    def set_clock(self, when: datetime.datetime) -> None:
        self.clock_offset_s = (when - datetime.datetime.now()).total_seconds()

    @property
    def network(self) -> dict[str, str]:
        return {"address": self.address, "mask": self.mask, "gateway": self.gateway, "dns": self.dns}

    @property
    def snmp(self) -> dict[str, Any]:
        return {"agent": self.snmp_agent, "write_community": self.write_community,
                "read_community": self.read_community, "trap1": self.trap1}

    @property
    def http(self) -> dict[str, int]:
        return {"port": self.http_port}

    @property
    def smtp(self) -> dict[str, Any]:
        return {"account": self.smtp_account, "password": self.smtp_password, "server": self.smtp_server,
                "port": self.smtp_port, "number": self.smtp_number, "time": self.smtp_time,
                "recipient": self.smtp_recipient}

    def restore_factory(self) -> None:
        """Every setting back to its factory value; the clock keeps running."""
        with self.lock:
            self.__dict__.update(self._factory)

    # --- the menus ------------------------------------------------------------------------
    def screen(self, menu: str) -> str:
        """The screen of settings menu ``menu`` ("2".."7") with the values stored now."""
        if menu == "2":
            now = self.now()
            return (f"System clock: Date: {now:%Y-%m-%d} Time: {now:%H:%M:%S}\n"
                    "Command:1.Set Date/Time 2.Back\nCommand format:date yyyy-mm-dd,time hh:mm:ss\n\n")
        if menu == "3":
            return (f"Users:{self.account}\nCommand:1.Change password 2.Back\n"
                    "Command format: old:xxxxxx&new:xxxxxx&confirm:xxxxxx&\n\n")
        if menu == "4":
            return (f"Network\nIPv4 Address:{self.address}\nIPv4 Subnet Mask:{self.mask}\nGateway:{self.gateway}\n"
                    f"DNS:{self.dns}\nCommand:1.Set IPv4 Address 2.Set IPv4 Subnet Mask 3.Set Gateway 4.Set DNS "
                    f"5.Back\n{_ADDRESS_FORMAT}\n\n")
        if menu == "5":
            return (f"SNMP service\nSNMP agent:{'Enable' if self.snmp_agent else 'Disable'}\n"
                    f"Write community:{self.write_community}\nRead community:{self.read_community}\n"
                    f"Trap1 address:{self.trap1}\nCommand:1.Set agent 2.Set Write community 3.Set Read community "
                    f"4.Set Trap1 address 5.Back\n{_ADDRESS_FORMAT}\n\n")
        if menu == "6":
            return f"HTTP Settings\nHTTP port:{self.http_port}\nCommand:1.Set port 2.Back\nCommand format: port:xx\n\n"
        if menu == "7":
            return (f"SMTP Settings\nSMTP Account:{self.smtp_account}\nSMTP Password:{self.smtp_password}\n"
                    f"SMTP Server:{self.smtp_server}\nSMTP Port:{self.smtp_port}\n"
                    f"Number of cyclical notification:{self.smtp_number}\n"
                    f"Time between cyclical notification:{self.smtp_time}\n"
                    f"SMTP Recipient Email:{self.smtp_recipient}\nCommand:1.Set Account 2.Set Password "
                    "3.Set Server 4.Set Port 5.Set Number 6.Set time between 7 .Set Recipient 8.Back\n"
                    "Command format: account:xxxxx@xx.com\n\n")
        raise ValueError(menu)

    def command(self, menu: str, command: str, item: str | None) -> tuple[str, str | None, str | None]:
        """One line typed in settings menu ``menu`` while ``item`` is chosen (None: none).
        Returns (the reply, the item chosen afterwards, the attribute changed or None)."""
        text = command.strip()
        if (menu, text) in ITEMS:  # choosing an item
            return ITEMS[menu, text][3] + "\n", text, None
        if item is None or (menu, item) not in ITEMS:
            return f"{COMMAND_ERROR}\n" + self.screen(menu), None, None
        word, attribute, kind, _ = ITEMS[menu, item]
        with self.lock:
            outcome = self._value(word, attribute, kind, text)
            reply = "OK" if outcome is None else outcome
            return f"{reply}\n" + self.screen(menu), None, attribute if outcome is None else None

    def _value(self, word: str, attribute: str, kind: str, text: str) -> str | None:
        """Apply one value command; None when taken, else the refusal."""
        if kind == "clock":
            m = re.fullmatch(r"date\s*:?\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*,\s*time\s*:?\s*(\d{1,2}):(\d{1,2}):(\d{1,2})",
                             text, re.IGNORECASE)
            if not m:
                return COMMAND_ERROR
            try:
                self.set_clock(datetime.datetime(*(int(g) for g in m.groups())))  # type: ignore[misc]
            except ValueError:
                return INVALID_VALUE
            return None
        if kind == "password":
            m = re.fullmatch(r"old\s*:\s*([^&]*?)\s*&\s*new\s*:\s*([^&]*?)\s*&\s*confirm\s*:\s*([^&]*?)\s*&?",
                             text, re.IGNORECASE)
            if not m:
                return COMMAND_ERROR
            old, new, confirm = m.groups()
            if old != self.password:
                return "Old password error!"
            if not new or new != confirm:
                return "New password and confirmation differ!"
            self.password = new
            return None
        key, colon, value = text.partition(":")
        if not colon or key.strip().lower() != word:
            return COMMAND_ERROR
        value = value.strip()
        parsed: Any
        if kind == "ipv4":
            parsed = dotted(value)
        elif kind == "agent":
            parsed = {"enable": True, "disable": False}.get(value.lower())
        elif kind == "community":
            parsed = value if re.fullmatch(r"[!-~]{1,32}", value) else None
        elif kind == "port":
            parsed = int(value) if value.isdigit() and 1 <= int(value) <= 65535 else None
        elif kind == "count":
            parsed = int(value) if value.isdigit() and 1 <= int(value) <= 10 else None
        else:  # text
            parsed = value if re.fullmatch(r"[ -~]{0,64}", value) else None
        if parsed is None:
            return INVALID_VALUE
        setattr(self, attribute, parsed)
        return None


def apply_snmp(settings: TelnetSettings, agent: Any) -> None:
    """Give the SNMP agent ``agent`` (an SnmpSimulator) the stored SNMP settings: read and
    write community, and whether it answers at all. An agent whose communities change is
    started again on the same host and port; an OSError leaves it down."""
    agent.enabled = settings.snmp_agent
    wanted = (settings.read_community, settings.write_community)
    if (agent.community, agent.write_community) == wanted:
        return
    agent.community, agent.write_community = wanted
    if getattr(agent, "_thread", None) is not None:  # running: its engine knows the old ones
        if getattr(agent, "_port", None) == 0:
            agent._port = agent.port
        agent.stop()
        agent.start()


__all__ = ["FALLBACK_ADDRESS", "ITEMS", "SETTINGS_MENUS", "SNMP_ATTRIBUTES", "TelnetSettings", "apply_snmp",
           "dotted", "factory_network"]
