"""The commissioning run, link by link, as jobs.

For each link of the plan: **scan** (a serial bus with
:class:`~bps_commissioner.services.scan.Scanner`, which also finds address conflicts; a
Modbus TCP host asked for each address with a short wait; an SNMP master's chain), **match**
planned against found (services/commission/match.py), **apply** the planned threshold
profile (``apply``: validated, each write read back, every attempt in the audit log), then
**read and check** each unit once more (services/commission/checks.py).

One link's part is a job: :func:`link_job` on the worker that polls the link (the window's
serial port or Modbus TCP host), :func:`network_link_job` on a network worker for a link
it opens itself (an SNMP master; every link of a panel without a window). The CLI runs the
whole plan as one job (:func:`commission_job`) and waits for it. Progress is a
:class:`~bps_commissioner.device.faults.Progress`: step ``scan`` (``address``), ``chain``
(an SNMP master's chain being read; ``found`` once read), ``unit`` (``address``, ``state``:
checking, missing, conflict, error) or ``link`` (the link could not be used).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping

from bps_commissioner.device.address import parse_host
from bps_commissioner.device.assess import limits_broken_now
from bps_commissioner.device.decode import UnitReading
from bps_commissioner.device.faults import Fault, Progress
from bps_commissioner.device.limits import DEFAULT_RATING
from bps_commissioner.device.plan import TELNET_PORT, Plan, PlanLink, PlannedUnit
from bps_commissioner.device.ports import FACTORY_USER
from bps_commissioner.device.profile import Profile
from bps_commissioner.services import secrets
from bps_commissioner.services.audit import AuditLog
from bps_commissioner.services.commission import match
from bps_commissioner.services.commission.checks import (
    TelnetLook, alarm_check, electrical_checks, firmware_check, link_checks, phase_check, probe_checks,
    security_checks, threshold_check,
)
from bps_commissioner.services.commission.reasons import (
    FAIL, WARN, Check, L_REACHABLE, L_THRESHOLDS, T_LIVE_BREAKS, T_STOPPED, T_THRESHOLDS_SNMP, _c,
)
from bps_commissioner.services.commission.result import CommissionResult, UnitOutcome, load_profiles, now_text
from bps_commissioner.services.commission.survey import (
    TCP_PROBE_WAIT, SecretSource, default_open_link, scan_tcp, telnet_host, telnet_look,
)
from bps_commissioner.services.diagnostics import Counters
from bps_commissioner.services.scan import DEFAULT_REPLY_WAIT, Scanner
from bps_commissioner.services.security import Finding, snmp_findings, telnet_findings
from bps_commissioner.services.thresholds import ApplyReport, write_thresholds
from bps_commissioner.transport.errors import ConnectError, LinkError, LinkLost, PortError
from bps_commissioner.transport.modbus import ModbusLink

#: Addresses scanned on a serial or Modbus TCP link besides the planned ones.
DEFAULT_SCAN = tuple(range(1, 33))
#: The steps of a run's Progress.
STEP_SCAN, STEP_CHAIN, STEP_UNIT, STEP_LINK = "scan", "chain", "unit", "link"

ProgressSink = Callable[[Progress], None]


@dataclass(frozen=True)
class CommissionOptions:
    """``addresses``: scanned on serial and Modbus TCP links besides the planned ones
    (default 1..32). ``audit``: where --apply's writes are recorded (required to apply).
    ``secret``: where the Telnet password and SNMPv3 keys come from (default
    :func:`secrets.lookup`, prompting at a terminal when ``interactive``)."""

    apply: bool = False
    addresses: tuple[int, ...] | None = None
    reply_wait: float = DEFAULT_REPLY_WAIT
    tcp_probe_wait: float = TCP_PROBE_WAIT
    telnet_timeout: float = 5.0
    audit: AuditLog | None = None
    #: apply a planned limit even when the unit's present reading already breaks it (it then
    #: alarms at once); without it such a unit's profile is not applied and the check fails
    apply_breaking: bool = False
    interactive: bool | None = None
    secret: SecretSource | None = None


class _LinkDown(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class _Run:
    def __init__(self, plan: Plan, profiles: Mapping[str, Profile], options: CommissionOptions,
                 progress: ProgressSink | None, should_stop: Callable[[], bool] | None,
                 open_link: Callable[[PlanLink], Any] | None, links: Iterable[int] | None = None,
                 borrowed: bool = False):
        self.plan = plan
        self.links = list(range(len(plan.links)) if links is None else links)
        self.borrowed = borrowed  # the links belong to someone else (a LinkWorker): never closed here
        self.profiles = profiles
        self.options = options
        self._progress = progress or (lambda p: None)
        self.should_stop = should_stop or (lambda: False)
        interactive = options.interactive
        self.secret: SecretSource = options.secret or (
            lambda kind, user, host: secrets.lookup(kind, user=user, host=host, interactive=interactive))
        self.open_link = open_link or (lambda link: default_open_link(link, self.secret))
        self.telnet_cache: dict[tuple[str, int, str], TelnetLook] = {}
        self.cancelled = False
        extra = options.addresses if options.addresses is not None else DEFAULT_SCAN
        self.scan_sets = []
        for index, link in enumerate(plan.links):
            planned = {u.address for u in plan.units_on(index)}
            if link.kind == "snmp":
                self.scan_sets.append(sorted(set(link.addresses)))
            else:
                self.scan_sets.append(sorted(set(a for a in extra if a in link.addresses) | planned))
        self.total = sum(len(self.scan_sets[i]) + len(plan.units_on(i)) for i in self.links)
        self.done = 0
        self.index = 0  # the link being run

    def report(self, text: str, step: str, advance: int = 1, **data: Any) -> None:
        self.done = min(self.total, self.done + advance)
        self._progress(Progress(self.done, self.total, step, {"link": self.index, **data}, text))

    def unit_step(self, address: int, state: str, text: str) -> None:
        self.report(f"unit {address}: {text}", STEP_UNIT, address=address, state=state)

    def stop_requested(self) -> bool:
        if not self.cancelled and self.should_stop():
            self.cancelled = True
        return self.cancelled

    # -- links ------------------------------------------------------------------------------

    def run(self) -> list[UnitOutcome]:
        out: list[UnitOutcome] = []
        for index in self.links:
            self.index = index
            link = self.plan.links[index]
            if self.stop_requested():
                out.extend(match.not_checked(index, link, self.plan.units_on(index)))
                continue
            out.extend(self._link(index, link))
        out.sort(key=lambda u: (u.link, u.address))
        return out

    def _link(self, index: int, link: PlanLink) -> list[UnitOutcome]:
        try:
            handle = self.open_link(link)
        except (secrets.SecretUnavailable, ValueError, LinkError) as exc:
            self.report(f"{link.describe()}: {exc}", STEP_LINK, len(self.scan_sets[index]), error=str(exc))
            return match.link_failed(index, link, self.plan.units_on(index), str(exc))
        try:
            if link.kind == "snmp":
                return self._snmp_link(index, link, handle)
            return self._modbus_link(index, link, handle)
        except _LinkDown as down:
            return match.link_failed(index, link, self.plan.units_on(index), down.message)
        finally:
            if not self.borrowed:
                try:
                    handle.close()
                except Exception:  # closing a link that already failed: nothing left to do
                    pass

    def _modbus_link(self, index: int, link: PlanLink, handle: ModbusLink) -> list[UnitOutcome]:
        """Counts each unit's outcomes during the run (on top of any observer the link's owner,
        e.g. a LinkWorker, has: it is restored afterwards)."""
        counters = Counters()
        previous = handle.outcome_observer

        def observe(unit: int, outcome: str, seconds: float) -> None:
            counters.record(unit, outcome, seconds)
            if previous is not None:
                previous(unit, outcome, seconds)

        handle.outcome_observer = observe
        try:
            return self._modbus_units(index, link, handle, counters)
        finally:
            handle.outcome_observer = previous

    def _scan(self, link: PlanLink, handle: ModbusLink, addresses: list[int]
              ) -> tuple[dict[int, UnitReading], list[int], dict[int, str]]:
        start = self.done

        def scan_progress(text: str, done: int, total: int) -> None:
            self.done = start + done
            address = addresses[min(done, len(addresses) - 1)]
            self.report(f"{link.describe()}: {text}", STEP_SCAN, 0, address=address)

        if link.kind != "serial":
            def tcp_progress(text: str, done: int, total: int) -> None:
                self.report(f"{link.describe()}: {text}", STEP_SCAN, address=addresses[done])

            found, errors = scan_tcp(handle, addresses, self.options.tcp_probe_wait, progress=tcp_progress,
                                     cancelled=self.stop_requested)
            return found, [], errors
        scanner = Scanner(handle, reply_wait=self.options.reply_wait,  # type: ignore[arg-type]
                          progress=scan_progress, cancelled=self.stop_requested)
        try:
            result = scanner.scan(addresses)
        except (PortError, LinkLost) as exc:
            raise _LinkDown(str(exc)) from None
        self.done = start + len(addresses)
        return {r.address: r for r in result.found}, list(result.conflicts), dict(result.errors)

    def _modbus_units(self, index: int, link: PlanLink, handle: ModbusLink, counters: Counters
                      ) -> list[UnitOutcome]:
        addresses = self.scan_sets[index]
        try:
            handle.open()
        except LinkError as exc:
            self.report(str(exc), STEP_LINK, len(addresses), error=str(exc))
            raise _LinkDown(str(exc)) from None
        found, conflicts, errors = self._scan(link, handle, addresses)
        planned = match.planned_by_address(self.plan.units_on(index))
        out: list[UnitOutcome] = []
        for address in match.addresses_to_report(found, planned, conflicts, errors):
            unit = planned.get(address)
            if self.stop_requested():
                if unit is not None:
                    out.extend(match.not_checked(index, link, [unit]))
                continue
            if address in conflicts:
                out.append(match.conflict(index, link, address, unit))
                self.unit_step(address, "conflict", "address conflict")
            elif address in errors:
                out.append(match.odd_reply(index, link, address, unit, errors[address]))
                self.unit_step(address, "error", errors[address])
            elif address not in found:
                assert unit is not None
                out.append(match.missing(index, link, unit))
                self.unit_step(address, "missing", "missing")
            else:
                out.append(self._modbus_unit(index, link, handle, counters, unit, found[address]))
        return out

    def _modbus_unit(self, index: int, link: PlanLink, handle: ModbusLink, counters: Counters,
                     unit: PlannedUnit | None, scanned: UnitReading) -> UnitOutcome:
        address = scanned.address
        self.unit_step(address, "checking", "checking")
        profile = self.profiles.get(unit.profile) if unit is not None and unit.profile else None
        applied: ApplyReport | None = None
        before = None
        broken = limits_broken_now(scanned, profile.thresholds) if profile is not None and self.options.apply else []
        if broken and not self.options.apply_breaking:
            profile_to_apply = None
        else:
            profile_to_apply = profile
        if profile_to_apply is not None and self.options.apply:
            before = {s: scanned.value(s) for s in profile.thresholds}
            applied = write_thresholds(handle, [address], dict(profile.thresholds),
                                       unit.rating or DEFAULT_RATING if unit else DEFAULT_RATING,
                                       audit=self.options.audit, should_stop=self.stop_requested)
            if applied.units:
                before = dict(applied.units[0].before)
        reading = scanned
        lost = ""
        try:
            reading = handle.read_unit(address)
        except (PortError, ConnectError, LinkLost) as exc:
            raise _LinkDown(str(exc)) from None
        except LinkError as exc:  # checked on what the scan read; reachable fails
            lost = str(exc)
        look = self._telnet_for(link, unit, address)
        checks = link_checks(counters.snapshot(address))
        if lost:
            checks[0] = Check("reachable", FAIL, T_STOPPED, {"error": lost}, label=_c(L_REACHABLE))
        checks.extend(self._unit_checks(unit, reading, profile, applied, look, []))
        if broken and profile_to_apply is None:
            checks.append(Check("thresholds_live", FAIL, T_LIVE_BREAKS,
                                {"count": len(broken), "limits": "; ".join(b.message() for b in broken)},
                                label=_c(L_THRESHOLDS)))
        return UnitOutcome(index, address, match.unit_status(unit, checks), tuple(checks), unit, reading,
                           link.describe(), unit.profile if unit else None, profile, before, look)

    def _unit_checks(self, unit: PlannedUnit | None, reading: UnitReading, profile: Profile | None,
                     applied: ApplyReport | None, look: TelnetLook | None, findings: list[Finding],
                     *, snmp: bool = False) -> list[Check]:
        checks = [phase_check(reading, unit)]
        checks.extend(electrical_checks(reading, unit))
        checks.extend(probe_checks(reading, unit))
        if not snmp:
            checks.append(alarm_check(reading))
        if profile is not None and unit is not None and unit.profile:
            checks.append(threshold_check(reading, unit.profile, profile, applied) if not snmp
                          else Check("thresholds", WARN, T_THRESHOLDS_SNMP, label=_c(L_THRESHOLDS)))
        firmware = firmware_check(unit, look)
        if firmware is not None:
            checks.append(firmware)
        if look is not None or findings:
            look_findings = telnet_findings(look.user, look.factory_login) if look and look.logged_in else []
            checks.extend(security_checks(list(findings) + look_findings, look))
        return checks

    def _snmp_link(self, index: int, link: PlanLink, handle: Any) -> list[UnitOutcome]:
        addresses = self.scan_sets[index]
        self.report(f"{link.describe()}: reading the chain", STEP_CHAIN, 0)
        try:
            chain = handle.read_chain(addresses)
        except LinkError as exc:
            self.report(str(exc), STEP_LINK, len(addresses), error=str(exc))
            raise _LinkDown(str(exc)) from None
        self.report(f"{link.describe()}: {len(chain.units)} found", STEP_CHAIN, len(addresses),
                    found=len(chain.units))
        credentials = handle.credentials
        findings = snmp_findings(credentials.version, community=credentials.community,
                                 auth_protocol=credentials.auth_protocol, priv_protocol=credentials.priv_protocol)
        found = {r.address: r for r in chain.units}
        planned = match.planned_by_address(self.plan.units_on(index))
        out: list[UnitOutcome] = []
        for address in match.addresses_to_report(found, planned):
            unit = planned.get(address)
            if self.stop_requested():
                if unit is not None:
                    out.extend(match.not_checked(index, link, [unit]))
                continue
            if address not in found:
                assert unit is not None
                out.append(match.missing(index, link, unit))
                self.unit_step(address, "missing", "missing")
                continue
            self.unit_step(address, "checking", "checking")
            reading = found[address]
            profile = self.profiles.get(unit.profile) if unit is not None and unit.profile else None
            look = self._telnet_for(link, unit, address)
            checks = link_checks(None, snmp=True)
            # every unit on the link is reached with the master's SNMP settings: each gets them checked
            checks.extend(self._unit_checks(unit, reading, profile, None, look, findings, snmp=True))
            out.append(UnitOutcome(index, address, match.unit_status(unit, checks), tuple(checks), unit, reading,
                                   link.describe(), unit.profile if unit else None, profile, None, look))
        return out

    def _telnet_for(self, link: PlanLink, unit: PlannedUnit | None, address: int) -> TelnetLook | None:
        """Log in where the plan gives a host (or, for a planned firmware version on an SNMP
        master, at the master's host); once per host and account."""
        host_text = telnet_host(link, unit, address)
        if host_text is None or unit is None:
            return None
        user = unit.telnet_user or FACTORY_USER
        key = (*parse_host(host_text, TELNET_PORT), user)
        if key not in self.telnet_cache:
            self.telnet_cache[key] = telnet_look(host_text, user, self.secret, self.options.telnet_timeout,
                                                   settings=True)
        return self.telnet_cache[key]


def run_commission(plan: Plan, options: CommissionOptions = CommissionOptions(), *,
                   profiles: Mapping[str, Profile] | None = None, progress: ProgressSink | None = None,
                   should_stop: Callable[[], bool] | None = None,
                   open_link: Callable[[PlanLink], Any] | None = None) -> CommissionResult:
    """Scan, match, apply (``options.apply``) and check every link of ``plan``, in this thread.

    ``profiles``: the plan's profiles (default: :func:`load_profiles`, which raises
    PlanError). ``progress`` is called with a Progress; ``should_stop`` is polled between
    addresses and units (cancel): the units not reached are reported as not checked.
    ``open_link`` replaces :func:`default_open_link` (tests)."""
    if profiles is None:
        profiles = load_profiles(plan)
    if options.apply and options.audit is None and any(u.profile for u in plan.units):
        raise ValueError("applying thresholds needs an audit log")
    started = now_text()
    run = _Run(plan, profiles, options, progress, should_stop, open_link)
    units = run.run()
    return CommissionResult(plan, tuple(units), started, now_text(), applied=options.apply,
                            cancelled=run.cancelled)


def commission_job(plan: Plan, options: CommissionOptions, profiles: Mapping[str, Profile] | None = None
                   ) -> Callable[[Any], CommissionResult]:
    """The whole run of ``plan`` as a job on a network worker (the CLI's way: it waits for
    it with services/jobs.py ``wait_job``); cancelling it stops at the next address or
    unit, and the result reports the units not reached."""
    def job(ctx: Any) -> CommissionResult:
        return run_commission(plan, options, profiles=profiles, progress=_sink(ctx),
                              should_stop=lambda: ctx.cancelled)

    return job


@dataclass(frozen=True)
class LinkOutcome:
    """What :func:`link_job` returns: the units of one link of the plan."""

    link: int
    units: tuple[UnitOutcome, ...]
    cancelled: bool = False


def commission_links(plan: Plan, links: Iterable[int], options: CommissionOptions, *,
                     profiles: Mapping[str, Profile], progress: ProgressSink | None = None,
                     should_stop: Callable[[], bool] | None = None,
                     open_link: Callable[[PlanLink], Any] | None = None, borrowed: bool = False) -> LinkOutcome:
    """Run the links ``links`` of ``plan`` only (see :func:`run_commission`); ``borrowed``:
    the links ``open_link`` returns belong to their caller and are left open."""
    links = list(links)
    run = _Run(plan, profiles, options, progress, should_stop, open_link, links, borrowed)
    units = run.run()
    return LinkOutcome(links[0] if len(links) == 1 else -1, tuple(units), run.cancelled)


def failed_outcome(plan: Plan, index: int, error: str | Fault, *, cancelled: bool = False) -> LinkOutcome:
    """The outcome of a link whose part of the run could not happen (``error``: a message or
    the job's Fault), or was cancelled before it started: every planned unit failed with the
    reason."""
    link = plan.links[index]
    units = plan.units_on(index)
    if cancelled:
        return LinkOutcome(index, tuple(match.not_checked(index, link, units)), True)
    message = error.message if isinstance(error, Fault) else error
    return LinkOutcome(index, tuple(match.link_failed(index, link, units, message)), False)


def _sink(ctx: Any) -> ProgressSink:
    return lambda p: ctx.progress(p.done, p.total, p.text, step=p.step, **p.data)


def link_job(plan: Plan, index: int, options: CommissionOptions, profiles: Mapping[str, Profile]
             ) -> Callable[[Any], LinkOutcome]:
    """A LinkWorker job (submit it on the worker that owns the plan's link ``index``, a
    serial port or a Modbus TCP host): the link's part of the run on the worker's own link,
    which stays open and keeps its observers. Its JobResult.value is a :class:`LinkOutcome`;
    cancelling the job stops at the next address or unit."""
    def job(ctx: Any) -> LinkOutcome:
        return commission_links(plan, [index], options, profiles=profiles, progress=_sink(ctx),
                                should_stop=lambda: ctx.cancelled, open_link=lambda link: ctx.link, borrowed=True)

    return job


def network_link_job(plan: Plan, index: int, options: CommissionOptions, profiles: Mapping[str, Profile]
                     ) -> Callable[[Any], LinkOutcome]:
    """A job for a network worker (LinkManager.submit_network): the link's part of the run
    on a link the job opens and closes itself (an SNMP master, or any link nobody polls)."""
    def job(ctx: Any) -> LinkOutcome:
        return commission_links(plan, [index], options, profiles=profiles, progress=_sink(ctx),
                                should_stop=lambda: ctx.cancelled)

    return job


def assemble(plan: Plan, outcomes: Iterable[LinkOutcome], started: str, *, applied: bool = False,
             cancelled: bool = False) -> CommissionResult:
    """One result from the links' outcomes (in plan order)."""
    outcomes = list(outcomes)
    units = sorted((u for o in outcomes for u in o.units), key=lambda u: (u.link, u.address))
    return CommissionResult(plan, tuple(units), started, now_text(), applied=applied,
                            cancelled=cancelled or any(o.cancelled for o in outcomes))


__all__ = ["CommissionOptions", "DEFAULT_SCAN", "LinkOutcome", "STEP_CHAIN", "STEP_LINK", "STEP_SCAN", "STEP_UNIT",
           "assemble", "commission_job", "commission_links", "failed_outcome", "link_job", "network_link_job",
           "run_commission"]
