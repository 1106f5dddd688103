"""The result of a commissioning run: each unit's outcome (planned and/or found, its
checks, what was read) and the whole result, with the JSON of ``bps-commissioner
commission --json`` (:meth:`CommissionResult.to_dict`) and the CSV (:func:`write_csv`);
and the files around a run: the plan, its profiles, a new plan from what was found.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Mapping

from bps_commissioner import __version__
from bps_commissioner.device.decode import UnitReading
from bps_commissioner.device.jsonfile import decode_text
from bps_commissioner.device.limits import DEFAULT_RATING, ValidationError, validate
from bps_commissioner.device.plan import Plan, PlanError, PlanLink, PlannedUnit, parse_plan
from bps_commissioner.device.profile import Profile, ProfileError
from bps_commissioner.services.commission.checks import SENSORS, TelnetLook
from bps_commissioner.services.commission.reasons import (
    FAIL, OK, PASS, WARN, Check,
)
from bps_commissioner.services.paths import replacing
from bps_commissioner.services.thresholds import load_profile_file

# --- results -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class UnitOutcome:
    """One unit of the report: planned and/or found, its checks and what was read."""

    link: int
    address: int
    status: str
    checks: tuple[Check, ...] = ()
    planned: PlannedUnit | None = None
    reading: UnitReading | None = None
    link_description: str = ""
    profile_name: str | None = None
    profile: Profile | None = None
    thresholds_before: Mapping[str, Any] | None = None  # when a profile was applied
    telnet: TelnetLook | None = None

    @property
    def name(self) -> str | None:
        return self.planned.name if self.planned is not None else None

    @property
    def notes(self) -> str:
        return self.planned.notes if self.planned is not None else ""

    @property
    def firmware(self) -> str | None:
        return self.telnet.version if self.telnet is not None else None

    @property
    def network(self) -> Mapping[str, Any] | None:
        """The master's network and security state its Telnet menus show (address, mask,
        gateway, dns, snmp_agent, communities_changed, password_changed, clock_skew_s);
        None when not read (:attr:`network_error` says why, if a login was made)."""
        return self.telnet.network if self.telnet is not None else None

    @property
    def network_error(self) -> str:
        return self.telnet.network_error if self.telnet is not None else ""

    def count(self, result: str) -> int:
        return sum(1 for c in self.checks if c.result == result)

    @property
    def worst(self) -> str:
        for result in (FAIL, WARN):
            if self.count(result):
                return result
        return PASS

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"address": self.address, "name": self.name, "link": self.link,
                               "status": self.status, "checks": [c.to_dict() for c in self.checks],
                               "readings": self.reading.to_dict() if self.reading is not None else None}
        if self.firmware is not None:
            out["firmware"] = self.firmware
        if self.network is not None:
            out["network"] = dict(self.network)
        elif self.network_error:
            out["network_error"] = self.network_error
        if self.notes:
            out["notes"] = self.notes
        return out


@dataclass(frozen=True)
class CommissionResult:
    plan: Plan
    units: tuple[UnitOutcome, ...]
    started: str
    finished: str
    applied: bool = False
    cancelled: bool = False
    tool_version: str = __version__

    @property
    def passed(self) -> bool:
        """Every planned unit ok, nothing unexpected or in conflict, not cancelled."""
        return not self.cancelled and all(u.status == OK for u in self.units)

    @property
    def result(self) -> str:
        return PASS if self.passed else FAIL

    def by_status(self, status: str) -> tuple[UnitOutcome, ...]:
        return tuple(u for u in self.units if u.status == status)

    @property
    def planned_count(self) -> int:
        return len(self.plan.units)

    @property
    def found_count(self) -> int:
        return sum(1 for u in self.units if u.reading is not None)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "site": self.plan.site, "customer": self.plan.customer, "engineer": self.plan.engineer,
            "started": self.started, "finished": self.finished, "result": self.result,
            "units": [u.to_dict() for u in self.units],
            "plan": self.plan.source, "tool_version": self.tool_version,
            "links": [link.describe() for link in self.plan.links], "applied": self.applied,
        }
        if self.cancelled:
            out["cancelled"] = True
        return out


CSV_COLUMNS = ("link", "address", "name", "status", "pass", "warn", "fail", "phases",
               "voltage_l1", "voltage_l2", "voltage_l3", "current_l1", "current_l2", "current_l3", "frequency",
               "probes", "firmware", "failed_checks", "warnings", "telnet_host", "security", "security_findings",
               "network_address", "snmp_agent", "communities_changed", "password_changed", "clock_skew_s")


def security_of(unit: "UnitOutcome") -> tuple[Check, ...]:
    """A unit's security checks (factory login and communities, cleartext protocols, Telnet
    on or off); none when the run had neither a Telnet host nor an SNMP link for it."""
    return tuple(c for c in unit.checks if c.check == "security" or c.check.startswith("security_"))


def security_result(unit: "UnitOutcome") -> str:
    """fail, warn or pass: the worst of the unit's security checks; "" without any."""
    results = {c.result for c in security_of(unit)}
    return next((r for r in (FAIL, WARN, PASS) if r in results), "")


def _yes_no(value: Any) -> str:
    return "" if value is None else ("yes" if value else "no")


def network_columns(state: Mapping[str, Any] | None) -> dict[str, Any]:
    """The CSV's network and security columns of a master's state ("" where not known)."""
    state = state or {}
    skew = state.get("clock_skew_s")
    return {
        "network_address": state.get("address") or "",
        "snmp_agent": state.get("snmp_agent") or "",
        "communities_changed": _yes_no(state.get("communities_changed")),
        "password_changed": _yes_no(state.get("password_changed")),
        "clock_skew_s": "" if skew is None else f"{skew:g}",
    }


def csv_rows(result: CommissionResult) -> list[dict[str, Any]]:
    rows = []
    for u in result.units:
        r = u.reading
        row: dict[str, Any] = {
            "link": u.link, "address": u.address, "name": u.name or "", "status": u.status,
            "pass": u.count(PASS), "warn": u.count(WARN), "fail": u.count(FAIL),
            "phases": r.phases if r is not None else "",
            "frequency": r.value("frequency_l1") if r is not None else "",
            "probes": " ".join(k for k in SENSORS if r is not None and r.value(k) is not None),
            "firmware": u.firmware or "",
            "failed_checks": "; ".join(f"{c.check}: {c.detail}" for c in u.checks if c.result == FAIL),
            "warnings": "; ".join(f"{c.check}: {c.detail}" for c in u.checks if c.result == WARN),
            "telnet_host": u.telnet.host if u.telnet is not None else "",
            "security": security_result(u),
            "security_findings": "; ".join(f"{c.result} {c.check}: {c.detail}" for c in security_of(u)),
            **network_columns(u.network),
        }
        for key in ("voltage_l1", "voltage_l2", "voltage_l3", "current_l1", "current_l2", "current_l3"):
            value = r.value(key) if r is not None and int(key[-1]) <= r.phases else None
            row[key] = "" if value is None else value
        rows.append(row)
    return rows


def csv_text(result: CommissionResult) -> str:
    """One row per unit: comma separated, decimal point, columns named like the JSON keys."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(csv_rows(result))
    return buf.getvalue()


def write_text_file(path: str | os.PathLike[str], text: str, *, bom: bool = False) -> None:
    """Write ``text`` (UTF-8) through a temporary file, so a failed write leaves no half
    file. Raises OSError."""
    with replacing(path) as tmp, open(tmp, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        f.write(text)


def write_csv(result: CommissionResult, path: str | os.PathLike[str]) -> None:
    """The CSV, with a BOM so that Excel opens the UTF-8 names right."""
    write_text_file(path, csv_text(result), bom=True)


# --- plans and profiles from files ---------------------------------------------------------------

def load_plan_file(path: str | os.PathLike[str]) -> Plan:
    """Read and parse a plan file. Raises PlanError naming the file (and line and key)."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise PlanError(f"cannot read the plan: {exc.strerror or exc}", name) from None
    return parse_plan(decode_text(data, name, PlanError), name)


def load_profiles(plan: Plan) -> dict[str, Profile]:
    """Every profile the plan names ({the unit's profile text: Profile}), each checked
    against the unit's rating. Raises PlanError naming the plan, the unit's line and key,
    and the profile's own problem."""
    out: dict[str, Profile] = {}
    for index, unit in enumerate(plan.units):
        if unit.profile is None:
            continue
        key = f"units[{index}].profile"
        if unit.profile not in out:
            path = plan.profile_path(unit)
            assert path is not None
            try:
                out[unit.profile] = load_profile_file(path)
            except ProfileError as exc:
                raise PlanError(f"the profile cannot be used: {exc}", plan.source, unit.line, key) from None
        rating = unit.rating or DEFAULT_RATING
        try:
            validate({}, out[unit.profile].thresholds, rating)
        except ValidationError as exc:
            problems = "; ".join(p.message for p in exc.problems)
            raise PlanError(f"{unit.profile} does not suit a {rating} A unit: {problems}", plan.source,
                            unit.line, key) from None
    return out


def save_plan(plan: Plan, path: str | os.PathLike[str]) -> None:
    write_text_file(path, plan.to_json())

def now_text() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def plan_from_found(found: Iterable[UnitReading], link: PlanLink, *, site: str = "", customer: str = "",
                    engineer: str = "", profile: str | None = None,
                    firmware: Mapping[int, tuple[str, str | None]] | None = None) -> Plan:
    """A plan for the engineer to name and complete: one unit per reading, with its phase
    count and connected probes; ``firmware`` gives {address: (host, version)} where known."""
    units = []
    for reading in sorted(found, key=lambda r: r.address):
        probes = tuple(k for k in SENSORS if reading.value(k) is not None)
        host, version = (firmware or {}).get(reading.address, (None, None))
        # name "" goes into the file for the engineer to fill in
        units.append(PlannedUnit(reading.address, 0, name="", phases=reading.phases, probes=probes,
                                 profile=profile, firmware=version, host=host))
    return Plan(site, customer, engineer, (link,), tuple(units))
