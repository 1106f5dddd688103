"""Rules of a new master's set-up: which values are acceptable, what changes, what to warn.

Pure: no I/O. The Telnet dialogue that carries the values is device/telnet_menus.py; the
job that logs in, applies and verifies is services/provision.py. Values are kept as the
unit shows them, in a canonical text form (``canonical``: " 10.20.0.11" typed and
"10.20.0.11" shown, "Enable" shown and "enable" asked compare equal) so that a re-run with
the same settings changes nothing.
"""

from __future__ import annotations

import datetime
import ipaddress
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from bps_commissioner.device import telnet_menus as tm
from bps_commissioner.device.numbers import NumberError, parse_whole

#: Every BPS2000v2 master leaves the factory with these (PROTOCOL.md section 1).
FACTORY_ADDRESS = "192.168.0.163"
FACTORY_MASK = "255.255.255.0"
FACTORY_READ_COMMUNITY, FACTORY_WRITE_COMMUNITY = "public", "private"
NO_ADDRESS = "0.0.0.0"  # a trap receiver or gateway that is not set
#: A clock read back within this many seconds of the laptop's is set (the menu shows whole seconds).
CLOCK_TOLERANCE_S = 2.0
SHORT_PASSWORD = 8
#: SMTP texts: the manual says at most 30 characters; communities: our limit.
TEXT_MAX, COMMUNITY_MAX = 30, 32
#: The characters a value cannot carry in the menus' "key:value&..." formats.
FORBIDDEN_IN_VALUES = "&:"
CLOCK_FORMAT = "%Y-%m-%d %H:%M:%S"


class ValueProblem(ValueError):
    """A value this tool refuses before anything is sent; the message names it."""


def _printable_ascii(text: str) -> bool:
    return all(33 <= ord(c) <= 126 for c in text)


def _ipv4(text: str, what: str) -> ipaddress.IPv4Address:
    t = text.strip()
    if not t or not all(c in "0123456789." for c in t):
        raise ValueProblem(f"{what} {text!r} is not an IPv4 address (four numbers 0..255 with dots)")
    try:
        return ipaddress.IPv4Address(t)
    except ValueError:
        raise ValueProblem(f"{what} {text!r} is not an IPv4 address (four numbers 0..255 with dots)") from None


def prefix_of(mask: str, what: str = "mask") -> int:
    """255.255.255.0 -> 24; ValueProblem for a non-contiguous or unusable mask."""
    address = _ipv4(mask, what)
    bits = f"{int(address):032b}"
    if "01" in bits:
        raise ValueProblem(f"{what} {mask!r} is not contiguous (its ones must all come first, e.g. 255.255.255.0)")
    prefix = bits.count("1")
    if not 8 <= prefix <= 30:
        raise ValueProblem(f"{what} {mask!r} (/{prefix}) leaves no room for a network of units: use /8../30")
    return prefix


def canonical(kind: str, text: Any, what: str = "value") -> str:
    """``text`` as the unit would show it, or ValueProblem naming ``what``."""
    if not isinstance(text, str):
        text = str(text)
    t = text.strip()
    if kind == tm.IPV4:
        return str(_ipv4(t, what))
    if kind == tm.MASK:
        prefix_of(t, what)
        return str(_ipv4(t, what))
    if kind in (tm.PORT, tm.COUNT):
        low, high = (1, 65535) if kind == tm.PORT else (1, 10)
        try:
            return str(parse_whole(t, low, high, what))
        except NumberError:
            raise ValueProblem(f"{what} {text!r} is not a whole number from {low} to {high}") from None
    if kind == tm.AGENT:
        low = t.lower()
        value = {"enable": "enable", "enabled": "enable", "on": "enable",
                 "disable": "disable", "disabled": "disable", "off": "disable"}.get(low)
        if value is None:
            raise ValueProblem(f"{what} {text!r} is not enable or disable")
        return value
    if kind == tm.COMMUNITY:
        if not t:
            raise ValueProblem(f"{what} is empty: a community needs at least one character")
        if not _printable_ascii(t) or any(c in t for c in FORBIDDEN_IN_VALUES):
            raise ValueProblem(f"{what} {text!r}: a community is printable ASCII without spaces, '&' or ':'")
        if len(t) > COMMUNITY_MAX:
            raise ValueProblem(f"{what} is {len(t)} characters long: at most {COMMUNITY_MAX}")
        return t
    if kind in (tm.TEXT, tm.SECRET_TEXT):
        if t and (not _printable_ascii(t) or "&" in t):
            raise ValueProblem(f"{what} {text!r}: printable ASCII without spaces or '&'")
        if len(t) > TEXT_MAX:
            raise ValueProblem(f"{what} is {len(t)} characters long: the unit takes at most {TEXT_MAX}")
        return t
    if kind == tm.CLOCK:
        try:
            return datetime.datetime.strptime(" ".join(t.split()), CLOCK_FORMAT).strftime(CLOCK_FORMAT)
        except ValueError:
            raise ValueProblem(f"{what} {text!r} is not a date and time YYYY-MM-DD HH:MM:SS") from None
    raise ValueError(f"no rule for values of kind {kind!r}")


def recorded(kind: str, value: str | None) -> str | None:
    """A value as the audit log and the log may keep it: passwords never, a community only
    when it is the factory one (public knowledge), "(hidden)" otherwise."""
    if value is None:
        return None
    if kind in (tm.PASSWORD, tm.SECRET_TEXT):
        return "(hidden)" if value else ""
    if kind == tm.COMMUNITY and value not in (FACTORY_READ_COMMUNITY, FACTORY_WRITE_COMMUNITY):
        return "(hidden)"
    return value


def check_password(password: str, what: str = "the new password") -> None:
    """ValueProblem for a password the menu's ``old:..&new:..&confirm:..&`` cannot carry."""
    if not password:
        raise ValueProblem(f"{what} is empty")
    bad = sorted({c for c in password if c in FORBIDDEN_IN_VALUES})
    if bad:
        raise ValueProblem(f"{what} contains {' and '.join(repr(c) for c in bad)}, which the Telnet menu's "
                           f"format old:...&new:...&confirm:...& cannot carry")
    if not _printable_ascii(password):
        raise ValueProblem(f"{what} contains a space, a control or a non-ASCII character, which the unit's "
                           f"Telnet menu cannot carry")


def check_network(address: str | None, mask: str | None, gateway: str | None,
                  names: Mapping[str, str] | None = None) -> list[str]:
    """Problems of an address/mask/gateway set (canonical texts, None: not known): the address
    must be a usable host address of its subnet, the gateway inside that subnet."""
    names = {"address": "address", "mask": "mask", "gateway": "gateway", **(names or {})}
    problems: list[str] = []
    try:
        prefix = prefix_of(mask or FACTORY_MASK, names["mask"])
    except ValueProblem as exc:
        return [str(exc)]
    if address is not None:
        ip = _ipv4(address, names["address"])
        net = ipaddress.IPv4Network(f"{ip}/{prefix}", strict=False)
        if ip.is_unspecified or ip == ipaddress.IPv4Address("255.255.255.255"):
            problems.append(f"{names['address']} {address} is not a host address")
        elif ip.is_multicast or ip.is_reserved:
            problems.append(f"{names['address']} {address} is a {'multicast' if ip.is_multicast else 'reserved'} "
                            f"address, not a unit's")
        elif ip == net.network_address:
            problems.append(f"{names['address']} {address} is the network address of {net}, not a host address")
        elif ip == net.broadcast_address:
            problems.append(f"{names['address']} {address} is the broadcast address of {net}, not a host address")
        elif gateway is not None and gateway != NO_ADDRESS:
            gw = _ipv4(gateway, names["gateway"])
            if gw not in net:
                problems.append(f"{names['gateway']} {gateway} is outside the subnet {net} of {address}")
            elif gw in (net.network_address, net.broadcast_address):
                problems.append(f"{names['gateway']} {gateway} is the network or broadcast address of {net}")
            elif gw == ip:
                problems.append(f"{names['gateway']} {gateway} is the unit's own address")
    return problems


@dataclass(frozen=True)
class Change:
    """One setting to change: ``old`` as the unit shows it, ``new`` canonical (secret items:
    neither is ever shown, see :meth:`line`)."""

    key: str
    old: str | None
    new: str
    applies: str = "now"
    secret: bool = False

    def shown(self, value: str | None) -> str:
        if self.secret:
            return "(hidden)" if value else "(empty)"
        return "(not shown)" if value is None else (value if value != "" else "(empty)")

    def line(self) -> str:
        later = " (at restart)" if self.applies == "restart" else ""
        return f"{self.key}: {self.shown(self.old)} -> {self.shown(self.new)}{later}"

    def to_dict(self) -> dict[str, Any]:
        return {"setting": self.key, "old": self.shown(self.old) if self.secret else self.old,
                "new": self.shown(self.new) if self.secret else self.new, "applies": self.applies}


@dataclass(frozen=True)
class Wanted:
    """What the engineer asks for: canonical values by setting key (device/telnet_menus.py
    keys, no secrets), whether to set the clock (``clock_utc``: to UTC rather than local
    time) and whether a new password is given (the value itself stays with the caller)."""

    values: Mapping[str, str] = field(default_factory=dict)
    set_clock: bool = False
    clock_utc: bool = False
    new_password: bool = False

    @property
    def empty(self) -> bool:
        return not (self.values or self.set_clock or self.new_password)


def wanted_from(raw: Mapping[str, Any], table: tm.DialogueTable = tm.DEFAULT_TABLE,
                names: Mapping[str, str] | None = None, *, set_clock: bool = False, clock_utc: bool = False,
                new_password: bool = False) -> tuple[Wanted, list[str]]:
    """Check ``raw`` ({key: text}, None values skipped) -> (Wanted, problems). ``names``
    maps a key to what the user typed it as (``--address``) for the messages."""
    names = dict(names or {})
    values: dict[str, str] = {}
    problems: list[str] = []
    for key, text in raw.items():
        if text is None:
            continue
        item = table.item(key)
        if item.kind in (tm.PASSWORD, tm.CLOCK):
            raise ValueError(f"{key} is not given as a value")
        try:
            values[key] = canonical(item.kind, text, names.get(key, key))
        except ValueProblem as exc:
            problems.append(str(exc))
    net = {k: values.get(f"network.{k}") for k in ("address", "mask", "gateway")}
    if net["address"] or net["mask"] or net["gateway"]:
        if not problems:
            problems += check_network(net["address"] or None, net["mask"], net["gateway"],
                                      {k: names.get(f"network.{k}", k) for k in net})
    return Wanted(values, set_clock, clock_utc, new_password), problems


def merged_network_problems(current: Mapping[str, str | None], wanted: Wanted) -> list[str]:
    """The network as it will be (wanted over current), checked as a whole."""
    def value(k: str) -> str | None:
        v = wanted.values.get(f"network.{k}")
        if v is not None:
            return v
        shown = current.get(f"network.{k}")
        try:
            return canonical(tm.MASK if k == "mask" else tm.IPV4, shown) if shown else None
        except ValueProblem:
            return None
    if not any(f"network.{k}" in wanted.values for k in ("address", "mask", "gateway")):
        return []
    return check_network(value("address"), value("mask"), value("gateway"))


def same(kind: str, shown: str | None, wanted: str) -> bool:
    if shown is None:
        return False
    try:
        return canonical(kind, shown) == wanted
    except ValueProblem:
        return False


def compute_changes(current: Mapping[str, str | None], wanted: Wanted,
                    table: tm.DialogueTable = tm.DEFAULT_TABLE) -> list[Change]:
    """The settings that differ, in the table's order (menu by menu). The clock and the
    password are not here: the caller adds them (the clock's value is the moment it is sent)."""
    out: list[Change] = []
    for item in table.items:
        new = wanted.values.get(item.key)
        if new is None or item.kind in (tm.CLOCK, tm.PASSWORD):
            continue
        old = current.get(item.key)
        if not same(item.kind, old, new):
            out.append(Change(item.key, old, new, item.applies, item.secret))
    return out


def clock_skew(shown: str | None, laptop: datetime.datetime) -> float | None:
    """Seconds the unit's clock (``System clock`` as shown) is ahead of ``laptop`` (naive)."""
    if not shown:
        return None
    try:
        unit = datetime.datetime.strptime(" ".join(shown.split()), CLOCK_FORMAT)
    except ValueError:
        return None
    return (unit - laptop.replace(microsecond=0)).total_seconds()


#: Warning codes (the window words them itself; warnings_for gives the English).
FACTORY_READ, FACTORY_WRITE, CLEARTEXT_TRAPS, SHORT = ("factory-read-community", "factory-write-community",
                                                       "cleartext-traps", "short-password")
NEW_SUBNET = "laptop-not-in-new-subnet"  # data: address, advice (subnet_advice's text)
NOT_PROBED = "new-address-not-checked"  # data: address


def warning_items(settings: Mapping[str, str | None], *,
                  password_length: int | None = None) -> list[tuple[str, dict[str, Any]]]:
    """Warnings (not errors) about the settings a unit will have, as (code, data)."""
    out: list[tuple[str, dict[str, Any]]] = []
    agent = (settings.get("snmp.agent") or "").lower()
    if agent != "disable":
        if (settings.get("snmp.read_community") or "") == FACTORY_READ_COMMUNITY:
            out.append((FACTORY_READ, {"community": FACTORY_READ_COMMUNITY}))
        if (settings.get("snmp.write_community") or "") == FACTORY_WRITE_COMMUNITY:
            out.append((FACTORY_WRITE, {"community": FACTORY_WRITE_COMMUNITY}))
        trap = settings.get("snmp.trap1") or NO_ADDRESS
        if trap != NO_ADDRESS:
            out.append((CLEARTEXT_TRAPS, {"address": trap}))
    if password_length is not None and password_length < SHORT_PASSWORD:
        out.append((SHORT, {"length": password_length, "advised": SHORT_PASSWORD}))
    return out


def warning_text(code: str, data: Mapping[str, Any]) -> str:
    return {
        FACTORY_READ: "the SNMP read community is still the factory 'public'",
        FACTORY_WRITE: "the SNMP write community is still the factory 'private'",
        CLEARTEXT_TRAPS: f"SNMP v1/v2c traps to {data.get('address')} travel in cleartext, community included",
        SHORT: f"the new password has {data.get('length')} characters; {data.get('advised')} or more are advised",
        NEW_SUBNET: f"after its restart the unit answers at {data.get('address')}: {data.get('advice')}",
        NOT_PROBED: f"whether anything else has {data.get('address')} could not be checked from this laptop (it has "
                    f"no address in that subnet): make sure the address is free",
    }.get(code, code)


def warnings_for(settings: Mapping[str, str | None], *, password_length: int | None = None) -> list[str]:
    """The warnings of :func:`warning_items` in English."""
    return [warning_text(code, data) for code, data in warning_items(settings, password_length=password_length)]


def helper_address(unit: str, prefix: int = 24) -> str:
    """An address for the laptop in ``unit``'s subnet: .200 of it (.201 if that is the unit)."""
    net = ipaddress.IPv4Network(f"{unit}/{prefix}", strict=False)
    for offset in (200, 201, 10, 11):
        if offset < net.num_addresses - 1:
            candidate = net.network_address + offset
            if str(candidate) != unit:
                return str(candidate)
    return str(net.network_address + 1)


@dataclass(frozen=True)
class SubnetGap:
    """The laptop has no address in ``network``, where the unit at ``unit`` is: ``address``
    (a free-looking one of that subnet) would give it one."""

    unit: str
    network: str  # "192.168.0.0/24"
    laptop: str | None  # the address the laptop would send from now (None: no route)
    address: str
    mask: str
    prefix: int

    @property
    def windows(self) -> str:
        return f'netsh interface ipv4 add address "Ethernet" {self.address} {self.mask}'

    @property
    def linux(self) -> str:
        return f"sudo ip addr add {self.address}/{self.prefix} dev eth0"

    def text(self) -> str:
        return (f"this laptop has no address in {self.network} (it would reach {self.unit} from "
                f"{self.laptop or 'nowhere'}). Add one, then run again:\n"
                f"  Windows (administrator): {self.windows}\n"
                f"  Linux: {self.linux}\n"
                f"(use the name of the network adapter the unit is cabled to)")


def subnet_gap(unit: str, laptop: str | None, prefix: int = 24) -> SubnetGap | None:
    """None when ``laptop`` (the address the laptop would send from) is in ``unit``'s subnet."""
    try:
        net = ipaddress.IPv4Network(f"{unit}/{prefix}", strict=False)
        if laptop is not None and ipaddress.IPv4Address(laptop) in net:
            return None
    except ValueError:
        return None
    return SubnetGap(unit, str(net), laptop, helper_address(unit, prefix), str(net.netmask), prefix)


def subnet_advice(unit: str, laptop: str | None, prefix: int = 24) -> str | None:
    """:func:`subnet_gap` as an English text with the commands (Windows and Linux), or None."""
    gap = subnet_gap(unit, laptop, prefix)
    return gap.text() if gap is not None else None


def security_state(settings: Mapping[str, str | None], *, password_changed: bool | None,
                   skew_s: float | None) -> dict[str, Any]:
    """A master's network and security state for the commissioning report."""
    agent = (settings.get("snmp.agent") or "").lower() or None
    read, write = settings.get("snmp.read_community"), settings.get("snmp.write_community")
    return {
        "address": settings.get("network.address"), "mask": settings.get("network.mask"),
        "gateway": settings.get("network.gateway"), "dns": settings.get("network.dns"),
        "snmp_agent": agent,
        "communities_changed": None if read is None and write is None else
        (read != FACTORY_READ_COMMUNITY and write != FACTORY_WRITE_COMMUNITY),
        "password_changed": password_changed,
        "clock_skew_s": skew_s,
    }


def all_problems(groups: Iterable[list[str]]) -> list[str]:
    return [p for g in groups for p in g]


__all__ = ["CLOCK_FORMAT", "CLOCK_TOLERANCE_S", "Change", "FACTORY_ADDRESS", "FACTORY_MASK", "FACTORY_READ_COMMUNITY",
           "FACTORY_WRITE_COMMUNITY", "NO_ADDRESS", "SHORT_PASSWORD", "SubnetGap", "ValueProblem", "Wanted",
           "canonical", "check_network", "check_password", "clock_skew", "compute_changes", "helper_address",
           "merged_network_problems", "prefix_of", "recorded", "same", "security_state", "subnet_advice", "subnet_gap",
           "wanted_from", "warning_items", "warning_text", "warnings_for"]
