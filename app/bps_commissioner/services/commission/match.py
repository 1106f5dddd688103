"""Planned against found: which addresses a link's part of the report covers, and the
outcome of a unit that is not checked (missing, in conflict, answering with an error, on
a link that could not be used, or not reached before a cancel). Pure functions.

Planned and not found: ``missing``; found and not planned: ``unexpected``; an address
whose replies always collide: ``conflict``; planned and found: ``ok`` when no check fails,
else ``failed``.
"""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

from bps_commissioner.device.plan import PlanLink, PlannedUnit
from bps_commissioner.services.commission.reasons import (
    CONFLICT, FAIL, FAILED, MISSING, OK, UNEXPECTED, WARN, Check, L_CONFLICT, L_REACHABLE, T_CANCELLED, T_CONFLICT,
    T_LINK_FAILED, T_NO_REPLY, T_ODD_REPLY, _c,
)
from bps_commissioner.services.commission.result import UnitOutcome


def addresses_to_report(found: Iterable[int], planned: Iterable[int], conflicts: Iterable[int] = (),
                        errors: Iterable[int] = ()) -> list[int]:
    """Every address the link's part of the report has a row for, in order."""
    return sorted(set(found) | set(planned) | set(conflicts) | set(errors))


def unit_status(unit: PlannedUnit | None, checks: Sequence[Check]) -> str:
    """A checked unit: unexpected when not planned, else failed when a check fails, else ok."""
    if unit is None:
        return UNEXPECTED
    return FAILED if any(c.result == FAIL for c in checks) else OK


def _outcome(index: int, link: PlanLink, address: int, status: str, check: Check,
             unit: PlannedUnit | None) -> UnitOutcome:
    return UnitOutcome(index, address, status, (check,), unit, link_description=link.describe(),
                       profile_name=unit.profile if unit else None)


def not_checked(index: int, link: PlanLink, units: Iterable[PlannedUnit]) -> list[UnitOutcome]:
    """Planned units the run did not reach (it was cancelled)."""
    return [_outcome(index, link, u.address, FAILED, Check("reachable", WARN, T_CANCELLED, label=_c(L_REACHABLE)), u)
            for u in units]


def link_failed(index: int, link: PlanLink, units: Iterable[PlannedUnit], error: str) -> list[UnitOutcome]:
    """Planned units of a link that could not be used: each fails with the reason."""
    return [_outcome(index, link, u.address, FAILED,
                     Check("reachable", FAIL, T_LINK_FAILED, {"error": error}, label=_c(L_REACHABLE)), u)
            for u in units]


def conflict(index: int, link: PlanLink, address: int, unit: PlannedUnit | None) -> UnitOutcome:
    return _outcome(index, link, address, CONFLICT,
                    Check("conflict", FAIL, T_CONFLICT, {"address": address}, label=_c(L_CONFLICT)), unit)


def odd_reply(index: int, link: PlanLink, address: int, unit: PlannedUnit | None, error: str) -> UnitOutcome:
    return _outcome(index, link, address, FAILED if unit else UNEXPECTED,
                    Check("reachable", FAIL, T_ODD_REPLY, {"error": error}, label=_c(L_REACHABLE)), unit)


def missing(index: int, link: PlanLink, unit: PlannedUnit) -> UnitOutcome:
    return _outcome(index, link, unit.address, MISSING,
                    Check("reachable", FAIL, T_NO_REPLY, {"address": unit.address, "link": link.describe()},
                          label=_c(L_REACHABLE)), unit)


def planned_by_address(units: Iterable[PlannedUnit]) -> Mapping[int, PlannedUnit]:
    return {u.address: u for u in units}


__all__ = ["addresses_to_report", "conflict", "link_failed", "missing", "not_checked", "odd_reply",
           "planned_by_address", "unit_status"]
