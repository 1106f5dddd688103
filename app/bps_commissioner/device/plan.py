"""Commissioning plans: what should be in the rack, as one JSON file.

    {"site": "DC Warsaw 2 / room B / rack A12", "customer": "...", "engineer": "...",
     "links": [{"serial": "COM5", "baud": 9600, "parity": "N", "stopbits": 1}],
     "units": [{"address": 1, "name": "PDU-A12-L", "phases": 3, "rating": 32,
                "probes": ["temperature", "humidity"], "profile": "rack-a.json",
                "firmware": "2.0.5-C", "host": "192.168.0.163"}]}

Links (where the units are):

* serial (Modbus RTU): ``{"serial": "COM5", "baud": 9600, "parity": "N", "stopbits": 1}``;
* Modbus TCP: ``{"tcp": "HOST[:PORT]"}``;
* SNMP (a MASTER and its slaves 1..5): ``{"snmp": "HOST[:PORT]", "version": "2c",
  "community": "public"}`` or ``{"snmp": "HOST", "version": "3", "v3_user": "bkt",
  "v3_auth_proto": "SHA", "v3_priv_proto": "AES", "v3_context": ""}``.

Each link may also give ``timeout`` (seconds a unit may take to answer). Secrets never go
into a plan: SNMPv3 keys and the Telnet password come from the environment or the system
keyring, and a plan that carries a key or password is refused.

Units: ``address`` is required (1..247 on Modbus, 0 = master and 1..5 = slaves over SNMP);
every other field is optional, and a field given is a field checked: ``name`` (a label for
the report), ``phases`` (1 or 3), ``rating`` (16 or 32 A), ``probes`` (sensor keys of the
register table: temperature, temperature_1, temperature_2, humidity, humidity_1,
humidity_2, door_1, door_2, smoke, water), ``profile`` (a threshold profile file, relative
to the plan file), ``firmware`` (the version the Telnet banner must show), ``host`` (the
unit's Telnet CLI, ``HOST[:PORT]``), ``telnet_user`` (default admin) and ``notes`` (the
engineer's notes for the report). With several links a unit names its link by index,
``"link": 1``; the default is 0, the first. A networked master may also carry ``network``
and ``snmp_setup``, its set-up for provisioning (device/plan_network.py).

Anything else (an unknown key, probe, link kind, a repeated key, a wrong type, one address
twice on a link) is refused with the file, the line and the key path in the message. Pure
Python: text in, :class:`Plan` out; reading the plan and its profiles is services/'.
"""

from __future__ import annotations

import difflib
import json
import os
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable, TypeVar

from bps_commissioner.device.address import parse_host
from bps_commissioner.device.bus import ADDRESSES, BAUD_RATES, PARITIES, STOP_BITS, BusSettings
from bps_commissioner.device.jsonfile import JsonArray, JsonFileError, JsonObject, loads
from bps_commissioner.device.limits import RATINGS
from bps_commissioner.device.links import DEFAULT_PORTS, LINK_KINDS, LinkSpec
from bps_commissioner.device.ports import TELNET_PORT
from bps_commissioner.device.plan_network import (
    SECRET_REFUSED, PlannedNetwork, PlannedSnmp, address_problems, networked_master, parse_network, parse_snmp_setup,
)
from bps_commissioner.device.oids import CHAIN_ADDRESSES, V3_AUTH_PROTOCOLS, V3_PRIV_PROTOCOLS, v3_protocol
from bps_commissioner.device.registers import Section, quantities

TOP_LEVEL_KEYS = ("site", "customer", "engineer", "notes", "links", "units")
LINK_KEYS = {
    "serial": ("serial", "baud", "parity", "stopbits", "timeout"),
    "tcp": ("tcp", "timeout"),
    "snmp": ("snmp", "version", "community", "v3_user", "v3_auth_proto", "v3_priv_proto", "v3_context",
             "timeout", "retries"),
}
UNIT_KEYS = ("address", "link", "name", "phases", "rating", "probes", "profile", "firmware", "host",
             "telnet_user", "notes", "network", "snmp_setup")
#: The sensor keys a plan's ``probes`` may name, in register order.
PROBES: tuple[str, ...] = tuple(q.key for q in quantities(Section.SENSORS))
SNMP_VERSIONS = ("1", "2c", "3")
T = TypeVar("T")


class PlanError(JsonFileError):
    """A plan that cannot be used; the message names the file, line and key."""


#: A plan's link is the application's one link description.
PlanLink = LinkSpec


@dataclass(frozen=True)
class PlannedUnit:
    """One unit as planned. ``None`` means "not in the plan, not checked"."""

    address: int
    link: int = 0
    name: str | None = None
    phases: int | None = None
    rating: int | None = None
    probes: tuple[str, ...] | None = None
    profile: str | None = None  # as written in the plan (relative to the plan file)
    firmware: str | None = None
    host: str | None = None
    telnet_user: str | None = None
    notes: str = ""
    line: int | None = field(default=None, compare=False)  # where it is in the file
    network: PlannedNetwork | None = None  # a networked master's set-up (device/plan_network.py)
    snmp_setup: PlannedSnmp | None = None

    @property
    def label(self) -> str:
        """"unit 3 (PDU-A12-L)" or "unit 3"."""
        return f"unit {self.address} ({self.name})" if self.name else f"unit {self.address}"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"address": self.address}
        if self.link:
            out["link"] = self.link
        for key in ("name", "phases", "rating"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.probes is not None:
            out["probes"] = list(self.probes)
        for key in ("profile", "firmware", "host", "telnet_user"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.notes:
            out["notes"] = self.notes
        for key in ("network", "snmp_setup"):
            block = getattr(self, key)
            if block is not None:
                out[key] = block.to_dict()
        return out


@dataclass(frozen=True)
class Plan:
    site: str = ""
    customer: str = ""
    engineer: str = ""
    links: tuple[PlanLink, ...] = ()
    units: tuple[PlannedUnit, ...] = ()
    notes: str = ""
    source: str = field(default="", compare=False)  # the file it came from, for messages and paths

    def units_on(self, link: int) -> tuple[PlannedUnit, ...]:
        return tuple(u for u in self.units if u.link == link)

    def unit(self, link: int, address: int) -> PlannedUnit | None:
        return next((u for u in self.units if u.link == link and u.address == address), None)

    def profile_path(self, unit: PlannedUnit) -> str | None:
        """The unit's profile file, relative to the plan file's folder."""
        if unit.profile is None:
            return None
        if os.path.isabs(unit.profile) or not self.source:
            return unit.profile
        return os.path.join(os.path.dirname(self.source), unit.profile)

    def with_unit(self, unit: PlannedUnit) -> "Plan":
        """This plan with ``unit`` replacing the unit of the same link and address (or added)."""
        units = [u for u in self.units if (u.link, u.address) != (unit.link, unit.address)]
        units.append(unit)
        units.sort(key=lambda u: (u.link, u.address))
        return replace(self, units=tuple(units))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"site": self.site, "customer": self.customer, "engineer": self.engineer}
        if self.notes:
            out["notes"] = self.notes
        out["links"] = [link.to_dict() for link in self.links]
        out["units"] = [u.to_dict() for u in self.units]
        return out

    def to_json(self) -> str:
        """The plan as a file: one link and one unit per line, so that a diff stays readable."""
        d = self.to_dict()
        lines = ["{"]
        for key in ("site", "customer", "engineer", "notes"):
            if key in d:
                lines.append(f"  {json.dumps(key)}: {json.dumps(d[key], ensure_ascii=False)},")
        for key in ("links", "units"):
            items = d[key]
            if not items:
                lines.append(f'  "{key}": []' + ("," if key == "links" else ""))
                continue
            lines.append(f'  "{key}": [')
            for i, item in enumerate(items):
                comma = "," if i < len(items) - 1 else ""
                lines.append(f"    {json.dumps(item, ensure_ascii=False)}{comma}")
            lines.append("  ]" + ("," if key == "links" else ""))
        lines.append("}")
        return "\n".join(lines) + "\n"


# --- parsing ---------------------------------------------------------------------------------

def _hint(word: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(known), n=1)
    return f"did you mean {close[0]}? " if close else ""


def _is_secret_key(key: str) -> bool:
    k = key.lower()
    return "pass" in k or "secret" in k or k.endswith("key")


class _Reader:
    """Reads a plan's values; every problem found is kept (:attr:`problems`), so that a plan
    is refused with all of them at once, not only the first."""

    def __init__(self, source: str):
        self.source = source
        self.problems: list[PlanError] = []

    def fail(self, message: str, line: int | None, key: str) -> PlanError:
        return PlanError(message, self.source, line, key)

    def guard(self, parse: Callable[[], T]) -> T | None:
        """``parse()``, or None with its PlanError kept among the problems."""
        try:
            return parse()
        except PlanError as exc:
            self.problems.extend(exc.problems)
            return None

    def refuse(self) -> None:
        """Raise one PlanError listing every problem kept, if any."""
        if self.problems:  # in the order of the file
            raise PlanError.collected(sorted(self.problems, key=lambda p: p.line or 0))

    def text(self, obj: JsonObject, key: str, path: str, *, allow_empty: bool = True) -> str | None:
        if key not in obj or obj[key] is None:
            return None
        value = obj[key]
        if not isinstance(value, str):
            raise self.fail(f"{json.dumps(value)} must be text (in double quotes)", obj.line_of(key), path)
        if not allow_empty and not value.strip():
            raise self.fail("must not be empty", obj.line_of(key), path)
        return value

    def integer(self, obj: JsonObject, key: str, path: str, choices: Iterable[int] | None = None,
                what: str = "", shown: str | None = None) -> int | None:
        if key not in obj or obj[key] is None:
            return None
        value = obj[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"{json.dumps(value)} is not a whole number", obj.line_of(key), path)
        if choices is not None and value not in choices:
            allowed = list(choices)
            if shown is None:
                shown = (f"{allowed[0]}..{allowed[-1]}" if isinstance(choices, range) and len(allowed) > 2
                         else " or ".join(str(c) for c in allowed))
            raise self.fail(f"{value} is not {what or 'allowed'} ({shown})", obj.line_of(key), path)
        return value

    def number(self, obj: JsonObject, key: str, path: str, low: float, high: float) -> float | None:
        if key not in obj or obj[key] is None:
            return None
        value = obj[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(f"{json.dumps(value)} is not a number", obj.line_of(key), path)
        if not low < value <= high:
            raise self.fail(f"{value} is outside {low:g}..{high:g}", obj.line_of(key), path)
        return float(value)

    def keys(self, obj: JsonObject, allowed: Iterable[str], path: str, what: str) -> None:
        allowed = tuple(allowed)
        for key in obj:
            if key in allowed:
                continue
            where = f"{path}.{key}" if path else key
            if _is_secret_key(key):  # kept, and reading goes on: every problem is listed at once
                self.problems.append(self.fail(
                    "secrets never go into a plan: SNMPv3 keys and the Telnet password come from "
                    "BPS_SNMP_AUTH_KEY, BPS_SNMP_PRIV_KEY, BPS_TELNET_PASSWORD or the system keyring",
                    obj.line_of(key), where))
            elif "write" in key.lower() and "community" in key.lower():
                self.problems.append(self.fail(SECRET_REFUSED, obj.line_of(key), where))
            else:
                self.problems.append(self.fail(f"unknown key ({_hint(key, allowed)}{what} has {', '.join(allowed)})",
                                               obj.line_of(key), where))


def _parse_link(r: _Reader, item: Any, index: int, line: int | None) -> PlanLink:
    path = f"links[{index}]"
    if not isinstance(item, dict):
        raise r.fail('must be an object such as {"serial": "COM5", "baud": 9600} or {"tcp": "10.0.0.5"}',
                     line, path)
    obj = item if isinstance(item, JsonObject) else JsonObject(item)
    kinds = [k for k in LINK_KINDS if k in obj]
    if len(kinds) != 1:
        why = "names more than one of" if kinds else "names none of"
        raise r.fail(f"{why} serial, tcp, snmp: a link is a serial port, a Modbus TCP host or an SNMP master",
                     obj.line, path)
    kind = kinds[0]
    r.keys(obj, LINK_KEYS[kind], path, f"a {kind} link")
    target = r.text(obj, kind, f"{path}.{kind}", allow_empty=False)
    assert target is not None
    timeout = r.number(obj, "timeout", f"{path}.timeout", 0, 60)
    if kind == "serial":
        baud = r.integer(obj, "baud", f"{path}.baud", BAUD_RATES, "a baud rate the unit supports")
        parity = r.text(obj, "parity", f"{path}.parity")
        if parity is not None and parity.upper() not in PARITIES:
            raise r.fail(f"{parity!r} is not N, E or O", obj.line_of("parity"), f"{path}.parity")
        stopbits = r.integer(obj, "stopbits", f"{path}.stopbits", STOP_BITS, "a stop-bit count")
        bus = BusSettings(baud or 9600, (parity or "N").upper(), stopbits or 1)
        return PlanLink("serial", target.strip(), None, bus, timeout)
    try:
        host, port = parse_host(target, DEFAULT_PORTS[kind])
    except ValueError as exc:
        raise r.fail(str(exc), obj.line_of(kind), f"{path}.{kind}") from None
    if kind == "tcp":
        return PlanLink("tcp", host, port, timeout=timeout)
    version = obj.get("version", "2c")
    if isinstance(version, int) and not isinstance(version, bool):
        version = str(version)
    if version not in SNMP_VERSIONS:
        raise r.fail(f"{json.dumps(version)} is not an SNMP version (\"1\", \"2c\" or \"3\")",
                     obj.line_of("version"), f"{path}.version")
    community = r.text(obj, "community", f"{path}.community", allow_empty=False) or "public"
    retries = r.integer(obj, "retries", f"{path}.retries", range(0, 6), "a retry count")
    fields: dict[str, Any] = {}
    if version == "3":
        user = r.text(obj, "v3_user", f"{path}.v3_user", allow_empty=False)
        if user is None:
            raise r.fail('SNMPv3 needs "v3_user"', obj.line, path)
        fields["v3_user"] = user
        for key, allowed in (("v3_auth_proto", V3_AUTH_PROTOCOLS), ("v3_priv_proto", V3_PRIV_PROTOCOLS)):
            value = r.text(obj, key, f"{path}.{key}")
            if value is not None:
                try:
                    fields[key] = v3_protocol(value, allowed, key)
                except ValueError as exc:
                    raise r.fail(str(exc), obj.line_of(key), f"{path}.{key}") from None
        fields["v3_context"] = r.text(obj, "v3_context", f"{path}.v3_context") or ""
        if fields.get("v3_priv_proto", "AES") != "none" and fields.get("v3_auth_proto", "SHA") == "none":
            raise r.fail("SNMPv3 privacy needs authentication (v3_auth_proto)", obj.line_of("v3_priv_proto"),
                         f"{path}.v3_priv_proto")
    else:
        for key in ("v3_user", "v3_auth_proto", "v3_priv_proto", "v3_context"):
            if key in obj:
                raise r.fail(f'is for SNMPv3 only (this link has "version": "{version}")', obj.line_of(key),
                             f"{path}.{key}")
    return PlanLink("snmp", host, port, timeout=timeout, snmp_version=version, community=community,
                    retries=retries, **fields)


def parse_link(item: Any, source: str = "") -> LinkSpec:
    """One link description from its dict (a plan's ``links`` entry, a recent connection):
    ``{"serial": "COM5", "baud": 9600}``, ``{"tcp": "10.0.0.5"}``, ``{"snmp": ..., "version": "3",
    "v3_user": ...}``. Raises PlanError naming the key."""
    r = _Reader(source)
    link = r.guard(lambda: _parse_link(r, item, 0, None))
    r.refuse()
    assert link is not None
    return link


def _parse_unit(r: _Reader, item: Any, index: int, line: int | None,
                links: tuple[PlanLink | None, ...]) -> PlannedUnit | None:
    """One unit; each field's problem is kept in ``r`` and the others are still read.
    None when the unit cannot be built (no address, or a problem in it)."""
    path = f"units[{index}]"
    if not isinstance(item, dict):
        r.problems.append(r.fail('must be an object such as {"address": 1, "name": "PDU-A12-L", "phases": 3}',
                                 line, path))
        return None
    before = len(r.problems)
    obj = item if isinstance(item, JsonObject) else JsonObject(item)
    r.keys(obj, UNIT_KEYS, path, "a unit")
    link_index = r.guard(lambda: r.integer(obj, "link", f"{path}.link", range(len(links)), "a link of this plan"))
    link = links[link_index or 0] if links and (link_index or 0) < len(links) else None
    address = None
    if "address" not in obj:
        r.problems.append(r.fail('has no "address" (the only field a unit must have)', obj.line, path))
    elif link is not None:  # a broken link is reported once, with its own key
        address = r.guard(lambda: r.integer(
            obj, "address", f"{path}.address", link.addresses,
            "an address on an SNMP link" if link.kind == "snmp" else "a Modbus address",
            "0 = master, 1..5 = slaves" if link.kind == "snmp" else None))
    probes = None
    if "probes" in obj and obj["probes"] is not None:
        value = obj["probes"]
        if not isinstance(value, list):
            r.problems.append(r.fail('must be a list such as ["temperature", "humidity"]', obj.line_of("probes"),
                                     f"{path}.probes"))
        else:
            items = value if isinstance(value, JsonArray) else JsonArray(value)
            seen: list[str] = []
            for i, probe in enumerate(items):
                where = f"{path}.probes[{i}]"
                if not isinstance(probe, str):
                    r.problems.append(r.fail(f"{json.dumps(probe)} must be a probe name in double quotes",
                                             items.line_of(i), where))
                elif probe not in PROBES:
                    r.problems.append(r.fail(f"unknown probe {probe!r} ({_hint(probe, PROBES)}probes are "
                                             f"{', '.join(PROBES)})", items.line_of(i), where))
                elif probe in seen:
                    r.problems.append(r.fail(f"{probe!r} is listed twice", items.line_of(i), where))
                else:
                    seen.append(probe)
            probes = tuple(p for p in PROBES if p in seen)

    def host_of() -> str | None:
        host = r.text(obj, "host", f"{path}.host", allow_empty=False)
        if host is not None:
            try:
                parse_host(host, TELNET_PORT)
            except ValueError as exc:
                raise r.fail(str(exc), obj.line_of("host"), f"{path}.host") from None
        return host

    host = r.guard(host_of)
    name = r.guard(lambda: r.text(obj, "name", f"{path}.name"))
    phases = r.guard(lambda: r.integer(obj, "phases", f"{path}.phases", (1, 3), "a phase count"))
    rating = r.guard(lambda: r.integer(obj, "rating", f"{path}.rating", RATINGS, "a rated current a BPS2000v2 has",
                                       "16 or 32 A"))
    profile = r.guard(lambda: r.text(obj, "profile", f"{path}.profile", allow_empty=False))
    firmware = r.guard(lambda: r.text(obj, "firmware", f"{path}.firmware", allow_empty=False))
    telnet_user = r.guard(lambda: r.text(obj, "telnet_user", f"{path}.telnet_user", allow_empty=False))
    notes = r.guard(lambda: r.text(obj, "notes", f"{path}.notes"))
    blocks: dict[str, Any] = {}
    for key, parse in (("network", parse_network), ("snmp_setup", parse_snmp_setup)):
        if key not in obj or obj[key] is None:
            continue
        if link is not None and not networked_master(link.kind, address, host):
            r.problems.append(r.fail('is for a networked master: give the unit a Telnet "host", or plan it as '
                                     'the master (address 0) of an SNMP link or on a Modbus TCP link',
                                     obj.line_of(key), f"{path}.{key}"))
        else:
            blocks[key] = parse(r, obj, path)
    if address is None or len(r.problems) > before:
        return None
    return PlannedUnit(
        address=address, link=link_index or 0,
        name=name.strip() if name and name.strip() else None,
        phases=phases,
        rating=rating,
        probes=probes,
        profile=profile,
        firmware=(firmware or "").strip() or None,
        host=host.strip() if host else None,
        telnet_user=telnet_user,
        notes=notes or "",
        line=obj.line,
        **blocks,
    )


def parse_plan(text: str, source: str = "") -> Plan:
    """Parse the text of a plan file; ``source`` (the file name) goes into messages and is
    the folder profile paths are relative to. Raises :class:`PlanError`, listing every
    problem of the file at once (its ``problems``; the message has one per line)."""
    r = _Reader(source)
    doc = loads(text, source, PlanError, numbers_for="a plan", positions=True)
    if not isinstance(doc, dict):
        raise PlanError('expected a JSON object {"site": ..., "links": [...], "units": [...]}', source, 1)
    r.keys(doc, TOP_LEVEL_KEYS, "", "a plan")
    header = {key: r.guard(lambda key=key: r.text(doc, key, key)) or ""
              for key in ("site", "customer", "engineer", "notes")}
    links: tuple[PlanLink | None, ...] = ()
    if "links" not in doc:
        r.problems.append(PlanError('no "links": say where the units are, e.g. [{"serial": "COM5", "baud": 9600}]',
                                    source, doc.line))
    elif not isinstance(doc["links"], list) or not doc["links"]:
        r.problems.append(r.fail('must be a non-empty list such as [{"serial": "COM5", "baud": 9600}]',
                                 doc.line_of("links"), "links"))
    else:
        links_doc = doc["links"]
        links_arr = links_doc if isinstance(links_doc, JsonArray) else JsonArray(links_doc)
        links = tuple(r.guard(lambda i=i, item=item: _parse_link(r, item, i, links_arr.line_of(i)))
                      for i, item in enumerate(links_arr))
    units_doc = doc.get("units", [])
    units: list[PlannedUnit] = []
    indices: list[int] = []
    if not isinstance(units_doc, list):
        r.problems.append(r.fail('must be a list such as [{"address": 1, "name": "PDU-A12-L"}]',
                                 doc.line_of("units"), "units"))
        units_doc = []
    units_arr = units_doc if isinstance(units_doc, JsonArray) else JsonArray(units_doc)
    for i, item in enumerate(units_arr):
        unit = _parse_unit(r, item, i, units_arr.line_of(i), links)
        if unit is None:
            continue
        twin = next((u for u in units if (u.link, u.address) == (unit.link, unit.address)), None)
        if twin is not None:
            where = f" on link {unit.link}" if len(links) > 1 else ""
            r.problems.append(r.fail(
                f"address {unit.address} is planned twice{where} (also units[{units.index(twin)}]); "
                f"two units on one address cannot both answer", unit.line, f"units[{i}].address"))
            continue
        units.append(unit)
        indices.append(i)
    r.problems.extend(address_problems(zip(indices, units), r.fail))
    r.refuse()
    assert all(link is not None for link in links)
    return Plan(header["site"], header["customer"], header["engineer"], tuple(l for l in links if l is not None),
                tuple(units), header["notes"], source)


__all__ = ["LINK_KINDS", "PROBES", "Plan", "PlanError", "PlanLink", "PlannedUnit", "parse_plan"]
