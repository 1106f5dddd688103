"""Writing alarm thresholds to units: validate, plan, write (function 06), read back, report.

One function, :func:`write_thresholds`, serves the CLI (called directly on a ModbusLink)
and the GUI (wrapped by :func:`threshold_job` and run on the link's LinkWorker at
Priority.WRITE). It never raises for a unit's failure: it returns an :class:`ApplyReport`
that says, per unit and setting, what the unit holds now.

The steps:

1. Check the requested values on their own (names, numbers, decimals, physical range):
   a problem here refuses everything before any traffic.
2. Read every listed unit's present thresholds (function 03) and validate the request
   against each (low <= high with the present value of a side not given). A unit that cannot
   be read, or any problem on any unit, refuses everything: nothing is written anywhere.
3. Plan per unit: one write per register whose value changes, none for an unchanged value,
   ordered so that each intermediate state keeps low <= high (device/limits.py).
4. Write unit by unit. After each write the register is read back (function 03) and
   compared; the read-back decides: a setting is ``applied`` only when the unit holds the
   new value. Write-ahead: an intent line (fsynced) goes to the audit log before each write,
   its outcome line after the read-back; an intent that cannot be recorded sends nothing.

After a failure, decided here and documented for users:

* the writes of other quantities go on (each quantity's pair is independent);
* the other side of the same quantity is written only if the unit would still hold
  low <= high with the value the failed register actually reads back; otherwise, or when
  that value is unknown, it is ``skipped`` with the reason;
* no write is ever repeated: a failed write is reported, and the engineer retries it (a
  read that comes back garbled is read once more, as the poller does);
* a write with no reply whose read-back gets no reply either: the unit has stopped
  answering and its remaining writes are skipped;
* a lost link (adapter unplugged, connection dropped), a cancel, Ctrl-C or an audit log
  that cannot be written: every remaining write, on this and later units, is skipped.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping

from bps_commissioner.device.assess import BrokenLimit, limits_broken_now
from bps_commissioner.device.decode import decode_registers
from bps_commissioner.device.limits import (
    THRESHOLD_REGISTERS,
    PlannedWrite,
    Problem,
    ValidationError,
    decode,
    format_value,
    order_ok,
    partner,
    plan_writes,
    quantity_of,
    split_setting,
    thresholds_of,
    validate,
)
from bps_commissioner.device.profile import Profile, ProfileError, parse_profile, profile_from_thresholds
from bps_commissioner.services.audit import APPLIED as AUDIT_APPLIED
from bps_commissioner.services.audit import REFUSED as AUDIT_REFUSED
from bps_commissioner.services.audit import UNCONFIRMED as AUDIT_UNCONFIRMED
from bps_commissioner.services.audit import AuditEntry, AuditError, AuditLog
from bps_commissioner.transport.errors import (
    ConnectError,
    FrameError,
    LinkError,
    LinkLost,
    ModbusExceptionError,
    NoReplyError,
    PortError,
)
from bps_commissioner.transport.modbus import ModbusLink

if TYPE_CHECKING:
    from bps_commissioner.services.worker import JobContext

APPLIED, FAILED, UNCHANGED, SKIPPED, PLANNED = "applied", "failed", "unchanged", "skipped", "planned"

#: Causes that stop every remaining write (this unit and the next ones).
HALT_ALL = ("link_lost", "cancelled", "interrupted", "audit")

_SKIP_TEXT = {
    "link_lost": "not written: the link was lost",
    "cancelled": "not written: cancelled",
    "interrupted": "not written: interrupted",
    "audit": "not written: the audit log could not be written",
    "unit_unreachable": "not written: the unit stopped answering",
}

ProgressCallback = Callable[[int, int, str], None]


@dataclass(frozen=True)
class SettingResult:
    """What happened to one setting on one unit.

    ``result``: applied (the read-back holds the new value), failed (written or attempted,
    the unit does not hold the new value or its value is unknown), skipped (not written,
    see ``cause``), unchanged (the unit already held the value), planned (dry run).
    ``cause``: exception, timeout, garbled, mismatch, no_read_back, link_lost, interrupted,
    order, partner_unknown, cancelled, unit_unreachable, audit; empty for success.
    ``error``: the link's own message where one applies. ``other``/``other_value``: the
    other side of the quantity for ``order``/``partner_unknown`` skips."""

    setting: str
    register: int
    old: float | int | None
    new: float | int
    read_back: float | int | None = None
    result: str = PLANNED
    cause: str = ""
    error: str = ""
    other: str = ""
    other_value: float | int | None = None

    @property
    def reason(self) -> str:
        """Why it failed or was skipped (English); empty when applied or unchanged."""
        s = self.setting
        if self.result == APPLIED:
            return f"the read-back confirms it despite: {self.error}" if self.error else ""
        if self.cause == "mismatch":
            return (f"read back {format_value(s, self.read_back)} instead of {format_value(s, self.new)}"
                    f"{'' if not self.error else f' ({self.error})'}")
        if self.cause == "no_read_back":
            return f"written, but the read-back failed: {self.error}"
        if self.cause in ("exception", "timeout", "garbled"):
            held = "" if self.read_back is None else f"; the unit holds {format_value(s, self.read_back)}"
            return f"{self.error}{held}"
        if self.cause in ("link_lost", "interrupted") and self.result == FAILED:
            return f"{self.error or self.cause.replace('_', ' ')}; the unit's value is unknown"
        if self.cause == "order":
            return (f"not written: with {self.other} at {format_value(self.other, self.other_value)} "
                    f"(as the unit holds it now), {format_value(s, self.new)} would put low above high")
        if self.cause == "partner_unknown":
            return (f"not written: {self.other} is unknown after its failed write, so low <= high "
                    f"cannot be assured")
        return _SKIP_TEXT.get(self.cause, self.cause)

    def to_dict(self) -> dict[str, Any]:
        return {"setting": self.setting, "register": self.register, "old": self.old, "new": self.new,
                "read_back": self.read_back, "result": self.result, "reason": self.reason}


@dataclass(frozen=True)
class UnitReport:
    """One unit: its present thresholds before, and every requested setting's result."""

    unit: int
    link: str
    before: Mapping[str, float | int]
    results: tuple[SettingResult, ...] = ()

    def of(self, result: str) -> tuple[SettingResult, ...]:
        return tuple(r for r in self.results if r.result == result)

    @property
    def applied(self) -> tuple[SettingResult, ...]:
        return self.of(APPLIED)

    @property
    def not_applied(self) -> tuple[SettingResult, ...]:
        """Failed and skipped settings: the unit does not (knowingly) hold their new value."""
        return tuple(r for r in self.results if r.result in (FAILED, SKIPPED))

    @property
    def ok(self) -> bool:
        return not self.not_applied

    @property
    def after(self) -> dict[str, float | int | None]:
        """The thresholds as the unit holds them now, as far as known (None: unknown)."""
        out: dict[str, float | int | None] = dict(self.before)
        for r in self.results:
            if r.result in (APPLIED, FAILED):
                out[r.setting] = r.read_back
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"unit": self.unit, "link": self.link, "ok": self.ok,
                "results": [r.to_dict() for r in self.results]}


@dataclass(frozen=True)
class ApplyReport:
    """The outcome of a request over one or more units. ``refused``: the problems that
    stopped it before the first write (then ``units`` is empty and nothing was written)."""

    units: tuple[UnitReport, ...] = ()
    refused: tuple[Problem, ...] = ()
    dry_run: bool = False
    halted: str = ""  # a HALT_ALL cause that stopped the run early
    audit_errors: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.refused and not self.audit_errors and all(u.ok for u in self.units)

    @property
    def written(self) -> int:
        return sum(1 for u in self.units for r in u.results if r.result in (APPLIED, FAILED))

    def unit(self, address: int) -> UnitReport | None:
        return next((u for u in self.units if u.unit == address), None)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"ok": self.ok, "dry_run": self.dry_run}
        if self.refused:
            out["refused"] = [p.to_dict() for p in self.refused]
        out["units"] = [u.to_dict() for u in self.units]
        if self.halted:
            out["halted"] = self.halted
        if self.audit_errors:
            out["audit_errors"] = list(self.audit_errors)
        return out


# --- reading -------------------------------------------------------------------------------

def _read(link: ModbusLink, unit: int, start: int, count: int) -> dict[int, int]:
    """Function 03, read once more after a garbled reply (line noise), as the poller does.
    Reads only: a write is never repeated."""
    try:
        return link.read_block(unit, start, count)
    except FrameError:
        return link.read_block(unit, start, count)


def read_thresholds(link: ModbusLink, unit: int) -> dict[str, float | int]:
    """The unit's present thresholds ({setting: value}), one function-03 read."""
    first, count = THRESHOLD_REGISTERS
    return thresholds_of(decode_registers(unit, _read(link, unit, first, count)).values)


def export_profile(link: ModbusLink, unit: int, name: str = "", description: str = "") -> Profile:
    """A profile of the unit's present thresholds."""
    return profile_from_thresholds(name or f"unit {unit}", read_thresholds(link, unit), description)


def load_profile_file(path: str | os.PathLike[str]) -> Profile:
    """Read and parse a profile file (UTF-8, with or without the BOM Windows editors add)."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise ProfileError(f"cannot read the profile: {exc.strerror or exc}", name) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ProfileError("not UTF-8 text", name, line) from None
    return parse_profile(text, name)


# --- writing -------------------------------------------------------------------------------

@dataclass
class _Plan:
    unit: int
    present: dict[str, float | int]
    writes: tuple[PlannedWrite, ...]
    unchanged: tuple[str, ...]


def _halt_for(exc: BaseException) -> str:
    return "link_lost" if isinstance(exc, (LinkLost, PortError, ConnectError)) else ""


def _cause_of(exc: LinkError) -> str:
    if isinstance(exc, ModbusExceptionError):
        return "exception"
    if isinstance(exc, NoReplyError):
        return "timeout"
    if isinstance(exc, FrameError):
        return "garbled"
    return "link_lost"


def write_thresholds(link: ModbusLink, units: Iterable[int], requested: Mapping[str, Any],
                     rating: int = 32, *, audit: AuditLog | None, dry_run: bool = False,
                     should_stop: Callable[[], bool] | None = None,
                     progress: ProgressCallback | None = None) -> ApplyReport:
    """Apply ``requested`` ({setting: value as given}) to each of ``units`` over ``link``.

    ``audit``: where every write attempt is recorded (None: not recorded; tests of the
    pure logic only). ``should_stop``: polled before each write (cancel). ``progress``:
    called with (writes done, writes planned, text) after each write."""
    units = list(dict.fromkeys(units))
    # 1. the request on its own: nothing here depends on a unit
    try:
        validate({}, requested, rating)
    except ValidationError as exc:
        return ApplyReport(refused=exc.problems, dry_run=dry_run)
    # 2. every unit's present values, and the request against them
    stop = should_stop or (lambda: False)
    plans: list[_Plan] = []
    refused: list[Problem] = []
    for index, unit in enumerate(units):
        if stop():
            return ApplyReport(refused=(Problem("", "cancelled", "cancelled before the first write"),),
                               dry_run=dry_run, halted="cancelled")
        try:
            present = read_thresholds(link, unit)
        except LinkError as exc:
            refused.append(Problem("", "unreadable", f"cannot read its present thresholds: {exc}",
                                   {"error": str(exc)}, unit))
            if _halt_for(exc):
                refused.extend(Problem("", "unreadable", "not read: the link failed (see above)", {"error": str(exc)}, u)
                               for u in units[index + 1:])
                break
            continue
        try:
            values = validate(present, requested, rating)
        except ValidationError as exc:
            refused.extend(p.for_unit(unit) for p in exc.problems)
            continue
        writes, unchanged = plan_writes(present, values)
        plans.append(_Plan(unit, present, writes, unchanged))
    if refused:
        return ApplyReport(refused=tuple(refused), dry_run=dry_run)
    description = link.description
    if dry_run:
        return ApplyReport(tuple(
            UnitReport(p.unit, description, dict(p.present),
                       tuple(SettingResult(w.setting, w.register, w.old, w.new) for w in p.writes)
                       + _unchanged_results(p))
            for p in plans), dry_run=True)
    # 3. write
    if audit is not None and any(p.writes for p in plans):
        try:
            audit.ensure_writable()
        except AuditError as exc:
            return ApplyReport(refused=(Problem("", "audit", str(exc), {"error": str(exc)}),))
    run = _Run(link, description, audit, stop, progress,
               sum(len(p.writes) for p in plans))
    reports = tuple(run.apply(p) for p in plans)
    return ApplyReport(reports, halted=run.halt, audit_errors=tuple(run.audit_errors))


def _unchanged_results(plan: _Plan) -> tuple[SettingResult, ...]:
    return tuple(SettingResult(s, quantity_of(s).register, plan.present[s], plan.present[s],
                               result=UNCHANGED) for s in plan.unchanged)


class _Run:
    """The write phase over the units of one request."""

    def __init__(self, link: ModbusLink, description: str, audit: AuditLog | None,
                 should_stop: Callable[[], bool], progress: ProgressCallback | None, total: int):
        self.link = link
        self.description = description
        self.audit = audit
        self.should_stop = should_stop
        self.progress = progress
        self.total = total
        self.done = 0
        self.halt = ""  # a HALT_ALL cause
        self.audit_errors: list[str] = []

    def apply(self, plan: _Plan) -> UnitReport:
        state: dict[str, float | int | None] = dict(plan.present)  # None: unknown
        results: list[SettingResult] = []
        unit_halt = ""
        for w in plan.writes:
            if not self.halt and self.should_stop():
                self.halt = "cancelled"
            halt = self.halt or unit_halt
            if halt:
                results.append(SettingResult(w.setting, w.register, w.old, w.new, result=SKIPPED, cause=halt))
                continue
            other = partner(w.setting)
            other_value = state.get(other)
            if other in plan.present and other_value is None:
                results.append(SettingResult(w.setting, w.register, w.old, w.new, result=SKIPPED,
                                             cause="partner_unknown", other=other))
                continue
            low, high = (w.new, other_value) if split_setting(w.setting)[1] == "low" else (other_value, w.new)
            if not order_ok(low, high):
                results.append(SettingResult(w.setting, w.register, w.old, w.new, result=SKIPPED,
                                             cause="order", other=other, other_value=other_value))
                continue
            result, stop_unit = self._write_one(plan.unit, w)
            state[w.setting] = result.read_back
            results.append(result)
            if stop_unit:
                unit_halt = "unit_unreachable"
            self.done += 1
            if self.progress is not None:
                self.progress(self.done, self.total, f"unit {plan.unit}: {w.setting}")
        return UnitReport(plan.unit, self.description, dict(plan.present),
                          tuple(results) + _unchanged_results(plan))

    def _write_one(self, unit: int, w: PlannedWrite) -> tuple[SettingResult, bool]:
        """Record the intent, write, read back, record the outcome. Returns the result and
        whether the unit stopped answering."""
        intent_id = ""
        if self.audit is not None:
            try:
                intent_id = self.audit.intent(link=self.description, unit=unit, action="threshold",
                                              setting=w.setting, old=w.old, new=w.new, register=w.register,
                                              written=w.word)
            except AuditError as exc:
                self.audit_errors.append(str(exc))
                self.halt = self.halt or "audit"
                return SettingResult(w.setting, w.register, w.old, w.new, result=SKIPPED, cause="audit"), False
        write_error: LinkError | None = None
        read_error: LinkError | None = None
        word: int | None = None
        interrupted = False
        try:
            try:
                self.link.write_register(unit, w.register, w.word)
            except LinkError as exc:
                write_error = exc
                if _halt_for(exc):
                    self.halt = "link_lost"
            if not self.halt:
                try:
                    word = _read(self.link, unit, w.register, 1)[w.register]
                except LinkError as exc:
                    read_error = exc
                    if _halt_for(exc):
                        self.halt = "link_lost"
        except KeyboardInterrupt:
            interrupted = True
            self.halt = "interrupted"
        read_back = None if word is None else decode(w.setting, word)
        error_text = str(write_error) if write_error else ""
        if word is not None and word == w.word:
            result = SettingResult(w.setting, w.register, w.old, w.new, read_back, APPLIED, error=error_text)
        elif interrupted:
            result = SettingResult(w.setting, w.register, w.old, w.new, read_back, FAILED, "interrupted",
                                   "interrupted before the read-back")
        elif write_error is not None:
            result = SettingResult(w.setting, w.register, w.old, w.new, read_back, FAILED,
                                   _cause_of(write_error), error_text)
        elif word is not None:
            result = SettingResult(w.setting, w.register, w.old, w.new, read_back, FAILED, "mismatch")
        else:
            assert read_error is not None
            cause = "link_lost" if _halt_for(read_error) else "no_read_back"
            result = SettingResult(w.setting, w.register, w.old, w.new, None, FAILED, cause, str(read_error))
        self._record(unit, w, result, intent_id)
        unreachable = isinstance(write_error, NoReplyError) and isinstance(read_error, NoReplyError)
        return result, unreachable

    def _record(self, unit: int, w: PlannedWrite, result: SettingResult, intent_id: str = "") -> None:
        if self.audit is None:
            return
        entry = AuditEntry(AuditEntry.now(), self.description, unit, w.setting, w.register, w.old, w.new,
                           w.word, result.read_back, result.result, result.reason, intent_id,
                           outcome_of(result))
        try:
            self.audit.append(entry)
        except AuditError as exc:
            self.audit_errors.append(str(exc))
            self.halt = self.halt or "audit"


def outcome_of(result: SettingResult) -> str:
    """The audit outcome of a write: applied (read back), refused (the unit answered with an
    exception or holds another value) or unconfirmed (its value is unknown)."""
    if result.result == APPLIED:
        return AUDIT_APPLIED
    if result.cause in ("exception", "mismatch") or (result.cause in ("timeout", "garbled")
                                                      and result.read_back is not None):
        return AUDIT_REFUSED
    return AUDIT_UNCONFIRMED


# --- the GUI's entry point -------------------------------------------------------------------

def broken_now(link: ModbusLink, units: Iterable[int], requested: Mapping[str, Any]) -> dict[int, list[BrokenLimit]]:
    """Per unit, the requested limits its present reading already breaks (device/assess.py
    :func:`limits_broken_now`); a unit that cannot be read is left out (the write's own
    read refuses it)."""
    out: dict[int, list[BrokenLimit]] = {}
    for unit in dict.fromkeys(units):
        try:
            validate(read_thresholds(link, unit), requested)
            broken = limits_broken_now(link.read_unit(unit), requested)
        except ValidationError:
            return {}  # the write refuses the whole request and says why
        except LinkError:
            continue
        if broken:
            out[unit] = broken
    return out


def live_check_job(units: Iterable[int], requested: Mapping[str, Any]) -> Callable[["JobContext"], dict[int, list[BrokenLimit]]]:
    """A LinkWorker job running :func:`broken_now` on the worker's link."""
    units, requested = tuple(units), dict(requested)
    return lambda ctx: broken_now(ctx.link, units, requested)


def threshold_job(units: Iterable[int], requested: Mapping[str, Any], rating: int = 32, *,
                  audit: AuditLog | None, dry_run: bool = False) -> Callable[["JobContext"], ApplyReport]:
    """A LinkWorker job (submit it at Priority.WRITE) running :func:`write_thresholds` on the
    worker's link; its JobResult.value is the ApplyReport. Cancelling the job skips the
    remaining writes and still returns the report."""
    units = tuple(units)
    requested = dict(requested)

    def job(ctx: "JobContext") -> ApplyReport:
        return write_thresholds(ctx.link, units, requested, rating, audit=audit, dry_run=dry_run,
                                should_stop=lambda: ctx.cancelled,
                                progress=lambda done, total, text: ctx.progress(done, total, text, step="write"))

    return job


__all__ = [
    "APPLIED", "FAILED", "PLANNED", "SKIPPED", "UNCHANGED", "ApplyReport", "SettingResult", "UnitReport",
    "broken_now", "export_profile", "live_check_job", "load_profile_file", "read_thresholds", "threshold_job", "write_thresholds",
]
