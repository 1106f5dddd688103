"""The window's Telnet actions as jobs for a link worker: read, energy reset, warning thresholds.

Telnet is how a networked MASTER shows its firmware version, clears its energy meters and
holds its warning thresholds (transport/telnet.py). The window runs each action as a job on
the worker of the link it belongs to (the master's SNMP or Modbus TCP link), so the Telnet
I/O never runs in the GUI thread and never overlaps that link's polling of the same unit.

Each job logs in, does its work and logs out (a unit may allow one Telnet session at a
time, and an idle one times out). The password is looked up in the worker's thread
(services/credentials.py: typed in this session, the environment, the keyring), or given by
the caller (the CLI, which may prompt for it first). A job does not raise for a Telnet
failure: it returns a :class:`TelnetOutcome` whose ``fault`` (a
:class:`~bps_commissioner.device.faults.Fault`, its kind from the exception's class) says
what failed, so that a Telnet failure is never taken for a failure of the link the job runs
on, and the banner and findings of a login that worked are kept beside it. A refused login
is a fault of kind ``auth-failed`` and the password typed for it is forgotten: the window
does not try it again, so the unit cannot lock the account. The CLI runs the same jobs
(services/jobs.py ``run_job``) and raises the fault with :meth:`TelnetOutcome.unwrap`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Callable, Mapping

from bps_commissioner.device.assess import energy_cleared
from bps_commissioner.device.faults import Fault, FaultKind
from bps_commissioner.device.limits import DEFAULT_RATING, Problem, ValidationError
from bps_commissioner.services.audit import APPLIED, REFUSED, UNCONFIRMED, AuditError, AuditLog
from bps_commissioner.services.credentials import SESSION, SecretUnavailable, find_secret
from bps_commissioner.services.jobs import JobFailed, fault_of
from bps_commissioner.services.secrets import TELNET_PASSWORD
from bps_commissioner.services.security import Finding, telnet_findings
from bps_commissioner.services.telnet_thresholds import (
    TelnetThresholdReport,
    read_telnet_thresholds,
    set_telnet_thresholds,
)
from bps_commissioner.transport.errors import LinkError
from bps_commissioner.transport.telnet import (
    DEFAULT_PORT,
    DEFAULT_TIMEOUT,
    FACTORY_USER,
    Banner,
    TelnetLoginError,
    TelnetSession,
)

#: TelnetOutcome.action
READ, ENERGY_RESET, THRESHOLDS = "read", "energy_reset", "thresholds"
#: TelnetOutcome.error_kind: the kind of its fault
NO_PASSWORD = FaultKind.SECRET_MISSING
LOGIN_REFUSED = FaultKind.AUTH_FAILED
TIMEOUT = FaultKind.TIMEOUT
PROTOCOL = FaultKind.PROTOCOL
INVALID = FaultKind.BAD_INPUT
CANCELLED = FaultKind.CANCELLED
OTHER = FaultKind.LINK_ERROR
#: the kinds of a Telnet connection that could not be made (nothing listens, no such host...)
CONNECT_KINDS = frozenset({FaultKind.REFUSED, FaultKind.HOST_UNKNOWN, FaultKind.UNREACHABLE})

PHASES = (1, 2, 3)


@dataclass(frozen=True)
class TelnetTarget:
    """Where a master's Telnet CLI is and the account to use (no password: see the module)."""

    host: str
    port: int = DEFAULT_PORT
    user: str = FACTORY_USER
    timeout: float = DEFAULT_TIMEOUT

    def __post_init__(self) -> None:
        if not self.host:
            raise ValueError("a Telnet target needs a host")
        if not 1 <= self.port <= 65535:
            raise ValueError(f"Telnet port {self.port} is outside 1..65535")
        if not self.user:
            raise ValueError("a Telnet target needs an account")

    @property
    def key(self) -> str:
        return f"{self.user}@{self.host}:{self.port}"

    def describe(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    def to_dict(self) -> dict[str, Any]:
        return {"host": self.host, "port": self.port, "user": self.user}


@dataclass(frozen=True)
class TelnetOverview:
    """What one login shows: the banner (firmware version...), the energy meters (menu 9)
    and the alarm and warning thresholds (menu 8)."""

    banner: Banner
    energy: Mapping[int, float]  # phase -> kWh as the unit shows it
    thresholds: Mapping[str, Mapping[str, float]]  # quantity -> {high, high_warning, low_warning, low}
    time: float


@dataclass(frozen=True)
class EnergyReset:
    """Meters before and after ``clearpN`` of ``phases``."""

    phases: tuple[int, ...]
    before: Mapping[int, float]
    after: Mapping[int, float]
    replies: tuple[str, ...] = field(default=(), compare=False)

    @property
    def not_cleared(self) -> tuple[int, ...]:
        return tuple(p for p in self.phases if not energy_cleared(self.after.get(p)))

    @property
    def ok(self) -> bool:
        return not self.not_cleared


@dataclass(frozen=True)
class TelnetInfo:
    """What ``telnet info`` shows: the banner and menu 1 of ``units``."""

    banner: Banner
    information: Mapping[str, Any]
    description: str  # host:port as the session names it
    dialogue: str  # the raw exchange (password hidden), for a banner without a version


@dataclass(frozen=True)
class TelnetOutcome:
    """What a Telnet job returns (a Telnet failure is its ``fault``, not an exception)."""

    target: TelnetTarget
    action: str
    value: Any = None  # TelnetOverview, EnergyReset, TelnetThresholdReport or TelnetInfo
    fault: Fault | None = None  # what failed (English message, never a password)
    problems: tuple[Problem, ...] = ()  # refused input (kind bad-input): nothing was sent
    findings: tuple[Finding, ...] = ()  # after a successful login
    banner: Banner | None = None  # after a successful login

    @property
    def ok(self) -> bool:
        return self.fault is None

    @property
    def error(self) -> str | None:
        return None if self.fault is None else self.fault.message

    @property
    def error_kind(self) -> FaultKind | None:
        return None if self.fault is None else self.fault.kind

    @property
    def logged_in(self) -> bool:
        return self.banner is not None

    def unwrap(self) -> Any:
        """The value, or :class:`~bps_commissioner.services.jobs.JobFailed` with the fault."""
        if self.fault is not None:
            raise JobFailed(self.fault)
        return self.value


def _frozen(mapping: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType({k: (_frozen(v) if isinstance(v, Mapping) else v) for k, v in mapping.items()})


def _run(target: TelnetTarget, action: str, work: Callable[[TelnetSession], Any],
         session_factory: Callable[[TelnetTarget], TelnetSession] | None = None,
         password: Any = None, ctx: Any = None) -> TelnetOutcome:
    """Log in, ``work(session)``, log out; every Telnet failure becomes the outcome's fault.
    ``password``: the caller's (the CLI's); None looks it up (session, environment, keyring).
    ``ctx``: the job's context: progress steps ``login`` then ``action``, and a cancel
    between the login and the work ends with a fault of kind ``cancelled``."""
    link = target.describe()
    if password is None:
        try:
            password = find_secret(TELNET_PASSWORD, target.user, target.host)
        except SecretUnavailable:
            fault = Fault(FaultKind.SECRET_MISSING, f"no Telnet password for {target.user}@{target.host}",
                          link=link, data={"user": target.user, "host": target.host})
            return TelnetOutcome(target, action, fault=fault)
    session = (session_factory or (lambda t: TelnetSession(t.host, t.port, timeout=t.timeout)))(target)
    findings: tuple[Finding, ...] = ()
    banner: Banner | None = None
    problems: tuple[Problem, ...] = ()
    if ctx is not None:
        ctx.progress(0, 2, f"logging in to {link}", step="login", host=target.host)
    try:
        try:
            banner = session.login(target.user, password)
        except TelnetLoginError as exc:
            SESSION.forget(TELNET_PASSWORD, target.user, target.host)  # never tried again by itself
            return TelnetOutcome(target, action, fault=fault_of(exc, link=link))
        findings = tuple(telnet_findings(target.user, session.factory_login))
        try:
            if ctx is not None:
                if ctx.cancelled:
                    raise _NotConfirmed(Fault(FaultKind.CANCELLED, "cancelled: nothing was sent", link=link))
                ctx.progress(1, 2, f"{action} over Telnet at {link}", step=action, host=target.host)
            value = work(session)
        finally:
            session.logout()
    except (ValidationError, LinkError, _NotConfirmed, AuditError) as exc:
        if isinstance(exc, ValidationError):
            problems = tuple(exc.problems)
        fault = exc.fault if isinstance(exc, _NotConfirmed) else \
            Fault(FaultKind.BAD_INPUT, str(exc), link=link) if isinstance(exc, AuditError) else fault_of(exc, link=link)
        return TelnetOutcome(target, action, fault=fault, problems=problems, findings=findings, banner=banner)
    finally:
        session.close()
    return TelnetOutcome(target, action, value=value, findings=findings, banner=banner)


class _NotConfirmed(Exception):
    """The user answered no to an energy reset's question: nothing was cleared."""

    def __init__(self, fault: Fault):
        super().__init__(fault.message)
        self.fault = fault


def info_job(target: TelnetTarget, units: tuple[str, ...] = ("master",), **kw: Any) -> Callable[[Any], TelnetOutcome]:
    """A job: the banner and what menu 1 shows for ``units`` (a :class:`TelnetInfo`)."""

    def work(session: TelnetSession) -> TelnetInfo:
        information = session.information(units)
        assert session.banner is not None
        return TelnetInfo(session.banner, _frozen(information), session.description, session.dialogue)

    return lambda ctx: _run(target, READ, work, ctx=ctx, **kw)


def read_job(target: TelnetTarget, **kw: Any) -> Callable[[Any], TelnetOutcome]:
    """A job: the banner, the energy meters and the thresholds (a :class:`TelnetOverview`)."""

    def work(session: TelnetSession) -> TelnetOverview:
        energy = session.read_energy()
        thresholds = read_telnet_thresholds(session)
        assert session.banner is not None
        return TelnetOverview(session.banner, _frozen(energy), _frozen(thresholds), time.time())

    return lambda ctx: _run(target, READ, work, ctx=ctx, **kw)


def energy_reset_job(target: TelnetTarget, phases: tuple[int, ...],
                     confirm: Callable[[Mapping[int, float], str], bool] | None = None,
                     audit: AuditLog | None = None, **kw: Any) -> Callable[[Any], TelnetOutcome]:
    """A job: clear the energy meters of ``phases`` (menu 9, ``clearpN``) and read them before
    and after (an :class:`EnergyReset`). ``confirm(before, description)``, when given, is
    asked (in the worker's thread) once the meters are read; False clears nothing and ends
    with a fault of kind ``cancelled``. ``audit``: an intent line per phase with the counter
    before the reset (fsynced before ``clearpN`` is sent), its outcome after the read-back."""
    phases = tuple(dict.fromkeys(phases))
    bad = [p for p in phases if p not in PHASES]
    if bad or not phases:
        raise ValueError(f"phases {phases} are not among 1, 2, 3")

    def work(session: TelnetSession) -> EnergyReset:
        before = session.read_energy()
        if confirm is not None and not confirm(_frozen(before), session.description):
            raise _NotConfirmed(Fault(FaultKind.CANCELLED, "cancelled: nothing was reset",
                                      link=session.description))
        intents: dict[int, str] = {}
        replies_: list[str] = []
        try:
            for p in phases:
                if audit is not None:
                    intents[p] = audit.intent(link=session.description, unit="master", action="energy-reset",
                                              setting=f"energy_l{p}", old=before.get(p), new=0)
                replies_.append(session.clear_energy(p))
            after = session.read_energy()
        except BaseException as exc:
            for p, intent_id in intents.items():
                _audit_outcome(audit, intent_id, session, p, UNCONFIRMED, f"the dialogue failed: {exc}")
            raise
        for p, intent_id in intents.items():
            cleared = energy_cleared(after.get(p))
            _audit_outcome(audit, intent_id, session, p, APPLIED if cleared else REFUSED,
                           "" if cleared else f"the meter reads {after.get(p)} kWh after the reset", after.get(p))
        return EnergyReset(phases, _frozen(before), _frozen(after), tuple(replies_))

    return lambda ctx: _run(target, ENERGY_RESET, work, ctx=ctx, **kw)


def _audit_outcome(audit: AuditLog | None, intent_id: str, session: TelnetSession, phase: int, outcome: str,
                   reason: str, after: Any = None) -> None:
    if audit is None:
        return
    try:
        audit.outcome(intent_id, outcome, reason, link=session.description, unit="master",
                      action="energy-reset", setting=f"energy_l{phase}", read_back=after)
    except AuditError:
        pass  # the reset has gone out; the intent line stays as the record


def thresholds_job(target: TelnetTarget, requested: Mapping[str, Any], rating: int = DEFAULT_RATING,
                   dry_run: bool = False, audit: AuditLog | None = None, **kw: Any) -> Callable[[Any], TelnetOutcome]:
    """A job: apply ``requested`` ({"current_l1.high_warning": 25, ...}) through menu 8 and
    read the listing back (a :class:`TelnetThresholdReport`); refused input comes back as
    ``problems`` with nothing sent."""
    requested = dict(requested)

    def work(session: TelnetSession) -> TelnetThresholdReport:
        return set_telnet_thresholds(session, requested, rating=rating, dry_run=dry_run, audit=audit)

    return lambda ctx: _run(target, THRESHOLDS, work, ctx=ctx, **kw)


__all__ = ["CANCELLED", "CONNECT_KINDS", "DEFAULT_PORT", "DEFAULT_TIMEOUT", "ENERGY_RESET", "EnergyReset",
           "FACTORY_USER", "INVALID", "LOGIN_REFUSED", "NO_PASSWORD", "OTHER", "PROTOCOL", "READ", "THRESHOLDS",
           "TIMEOUT", "TelnetInfo", "TelnetOutcome", "TelnetOverview", "TelnetTarget", "energy_reset_job",
           "info_job", "read_job", "thresholds_job"]
