"""What the hand-over serves, taken from a plan: the networked masters, their units, the
metric names and the planned limits. Pure: a parsed plan and its profiles in, data out.

Which links are served: every SNMP link of the plan (a MASTER and its slaves 1..5). A
Modbus TCP link is not turned into an SNMP target: the plan says nothing of SNMP on that
host (whether the agent is on, its version, user or protocols), and its unit ids
(1..247) do not map onto the SNMP chain positions (master, slave 1..5). Serial links are
not networked. Both are named in the README as not handed over.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from typing import Mapping

from bps_commissioner.device.limits import SIDES, setting_name
from bps_commissioner.device.links import LinkSpec
from bps_commissioner.device.oids import BASE, CHAIN_ADDRESSES, SNMP_QUANTITIES, oid_of, oid_text, unit_branch
from bps_commissioner.device.plan import Plan
from bps_commissioner.device.profile import Profile
from bps_commissioner.device.registers import MONITORED, Kind, Quantity

PREFIX = "bps"
#: Prometheus unit suffix of each engineering unit of the device table.
UNIT_SUFFIX = {"V": "volts", "A": "amperes", "W": "watts", "var": "volt_amperes_reactive", "VA": "volt_amperes",
               "Hz": "hertz", "kWh": "kilowatt_hours", "kVAh": "kilovolt_ampere_hours", "°C": "celsius",
               "%": "percent", "": "ratio"}
DOOR_STATES = {1: "open", 2: "closed"}
PRESENCE_STATES = {1: "yes", 2: "no"}
ALARM_STATES = {0: "normal", 1: "low alarm", 16: "high alarm"}


class HandoverError(ValueError):
    """A plan the hand-over cannot serve (exit 2, nothing written)."""


def metric_name(q: Quantity) -> str:
    """``bps_voltage_l1_volts``, ``bps_door_1_state``: the device table's key, then the unit."""
    if q.kind in (Kind.DOOR, Kind.PRESENCE):
        return f"{PREFIX}_{q.key}_state"
    return f"{PREFIX}_{q.key}_{UNIT_SUFFIX[q.unit]}"


def position(address: int) -> str:
    """The chain position label: "master", "slave 1" .. "slave 5"."""
    return "master" if address == 0 else f"slave {address}"


def position_id(address: int) -> str:
    """The same, as an identifier: "master", "slave1" .. "slave5"."""
    return "master" if address == 0 else f"slave{address}"


def module_name(address: int) -> str:
    return f"bps2000v2_{position_id(address)}"


def quantity_label(q: Quantity) -> str:
    """"Voltage L1", "Temperature 1", "Door 2": the English label with its phase."""
    return f"{q.label} {q.group}" if q.group in ("L1", "L2", "L3") else q.label


def quantity_help(q: Quantity) -> str:
    if q.kind is Kind.DOOR:
        meaning = "1 = open, 2 = closed, other = not connected"
    elif q.kind is Kind.PRESENCE:
        meaning = "1 = yes (alarm), 2 = no, other = not connected"
    elif q.kind is Kind.PROBE:
        meaning = f"in {q.unit}; 0 = probe not connected"
    else:
        meaning = f"in {q.unit}" if q.unit else "(ratio)"
    return f"BPS2000v2 {quantity_label(q)} {meaning} (SNMP item {q.oid_item})"


def fake_uuid(*parts: str) -> str:
    """A UUIDv4-shaped id (Zabbix wants one) derived from ``parts``, so files are reproducible."""
    digest = hashlib.sha256("\x1f".join(("bps-commissioner-handover",) + parts).encode()).digest()[:16]
    return uuid.UUID(bytes=digest, version=4).hex


@dataclass(frozen=True)
class Limit:
    setting: str  # "voltage_l1.high"
    quantity: Quantity  # the reading it watches
    side: str  # "low" / "high"
    value: float | int


@dataclass(frozen=True)
class Unit:
    address: int  # chain address 0..5
    name: str  # the planned name, else "master" / "slave N"
    limits: tuple[Limit, ...]
    profile: str = ""

    @property
    def position(self) -> str:
        return position(self.address)


@dataclass(frozen=True)
class Master:
    index: int  # the link's index in the plan
    link: LinkSpec
    units: tuple[Unit, ...]  # the master (always) and the planned slaves, by address

    @property
    def target(self) -> str:
        host = f"[{self.link.target}]" if ":" in self.link.target else self.link.target
        return f"{host}:{self.link.port}"

    @property
    def auth(self) -> str:
        version = "v3" if self.link.snmp_version == "3" else f"v{self.link.snmp_version}"
        return f"bps_link{self.index}_{version}"

    @property
    def name(self) -> str:
        return self.units[0].name


@dataclass(frozen=True)
class Handover:
    site: str
    rack: str
    customer: str
    masters: tuple[Master, ...]
    skipped: tuple[str, ...]  # links not handed over, with why


def split_site(text: str) -> tuple[str, str]:
    """"DC Warsaw 2 / room B / rack A12" -> ("DC Warsaw 2 / room B", "rack A12"); a site
    without " / " has no rack."""
    parts = [p.strip() for p in text.split("/") if p.strip()]
    if len(parts) < 2:
        return text.strip(), ""
    return " / ".join(parts[:-1]), parts[-1]


def _limits(profile: Profile | None) -> tuple[Limit, ...]:
    if profile is None:
        return ()
    by_reading = {q.key: q for q in SNMP_QUANTITIES}
    out = []
    for mon in MONITORED:
        for side in SIDES:
            setting = setting_name(mon.key, side)
            if setting in profile.thresholds:
                out.append(Limit(setting, by_reading[mon.reading], side, profile.thresholds[setting]))
    return tuple(out)


def build(plan: Plan, profiles: Mapping[str, Profile]) -> Handover:
    """The masters of ``plan`` with their units and limits. Raises HandoverError when the
    plan has no SNMP master, or a unit on an SNMP link at an address a chain cannot have."""
    masters, skipped, problems = [], [], []
    for index, link in enumerate(plan.links):
        if link.kind != "snmp":
            why = ("Modbus TCP: the plan gives no SNMP access for this host (add it as an snmp link)"
                   if link.kind == "tcp" else "a serial bus is not on the network")
            skipped.append(f"link {index}, {link.describe()}: {why}")
            continue
        units = {0: Unit(0, position(0), ())}
        for unit in plan.units_on(index):
            if unit.address not in CHAIN_ADDRESSES:
                problems.append(f"{unit.label} on link {index} ({link.describe()}): a master answers for chain "
                                f"addresses 0 (master) to 5 (slave 5) only")
                continue
            profile = profiles.get(unit.profile) if unit.profile else None
            units[unit.address] = Unit(unit.address, unit.name or position(unit.address), _limits(profile),
                                       unit.profile or "")
        masters.append(Master(index, link, tuple(units[a] for a in sorted(units))))
    if problems:
        raise HandoverError("; ".join(problems))
    if not masters:
        raise HandoverError("the plan has no networked master to hand over (no snmp link): " +
                            ("; ".join(skipped) or "no links"))
    targets = [m.target for m in masters]
    twice = sorted({t for t in targets if targets.count(t) > 1})
    if twice:
        raise HandoverError(f"the master {', '.join(twice)} is planned on more than one link")
    site, rack = split_site(plan.site)
    return Handover(site, rack, plan.customer, tuple(masters), tuple(skipped))


def item_oid(address: int, q: Quantity) -> str:
    """Dotted OID without the leading dot (Prometheus and Zabbix take it so)."""
    return oid_text(oid_of(address, q))[1:]


def branch_oid(address: int) -> str:
    """The subtree of one chain position: ``1.3.6.1.4.1.47394.1.<2 + address>``."""
    return oid_text(BASE + (unit_branch(address),))[1:]


__all__ = ["ALARM_STATES", "DOOR_STATES", "Handover", "HandoverError", "Limit", "Master", "PRESENCE_STATES",
           "Unit", "build", "branch_oid", "fake_uuid", "item_oid", "metric_name", "module_name", "position",
           "position_id", "quantity_help", "quantity_label", "split_site"]
