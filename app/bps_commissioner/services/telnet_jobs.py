"""The window's Telnet actions as jobs for a link worker: read, energy reset, warning thresholds.

Telnet is how a networked MASTER shows its firmware version, clears its energy meters and
holds its warning thresholds (transport/telnet.py). The window runs each action as a job on
the worker of the link it belongs to (the master's SNMP or Modbus TCP link), so the Telnet
I/O never runs in the GUI thread and never overlaps that link's polling of the same unit.

Each job logs in, does its work and logs out (a unit may allow one Telnet session at a
time, and an idle one times out). The password is looked up in the worker's thread
(services/credentials.py: typed in this session, the environment, the keyring). A job
never raises: it returns a :class:`TelnetOutcome` with the value or the error, so that a
Telnet failure is never taken for a failure of the link the job runs on. A refused login
is reported as such (``error_kind`` "login") and the password typed for it is forgotten:
the window does not try it again, so the unit cannot lock the account.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Callable, Mapping

from bps_commissioner.device.limits import DEFAULT_RATING, Problem, ValidationError
from bps_commissioner.services.credentials import SESSION, SecretUnavailable, find_secret
from bps_commissioner.services.secrets import TELNET_PASSWORD
from bps_commissioner.services.security import Finding, telnet_findings
from bps_commissioner.services.telnet_thresholds import (
    TelnetThresholdReport,
    read_telnet_thresholds,
    set_telnet_thresholds,
)
from bps_commissioner.transport.errors import ConnectError, LinkError
from bps_commissioner.transport.telnet import (
    DEFAULT_PORT,
    DEFAULT_TIMEOUT,
    FACTORY_USER,
    Banner,
    TelnetLoginError,
    TelnetProtocolError,
    TelnetSession,
    TelnetTimeout,
)

#: TelnetOutcome.action
READ, ENERGY_RESET, THRESHOLDS = "read", "energy_reset", "thresholds"
#: TelnetOutcome.error_kind
NO_PASSWORD, LOGIN_REFUSED, CONNECT, TIMEOUT, PROTOCOL, INVALID, OTHER = (
    "password", "login", "connect", "timeout", "protocol", "invalid", "other")

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
        return tuple(p for p in self.phases if self.after.get(p) != 0)

    @property
    def ok(self) -> bool:
        return not self.not_cleared


@dataclass(frozen=True)
class TelnetOutcome:
    """What a Telnet job returns (never an exception)."""

    target: TelnetTarget
    action: str
    value: Any = None  # TelnetOverview, EnergyReset or TelnetThresholdReport
    error: str | None = None  # English, names what failed; never a password
    error_kind: str | None = None
    problems: tuple[Problem, ...] = ()  # refused input (error_kind "invalid"): nothing was sent
    findings: tuple[Finding, ...] = ()  # after a successful login
    banner: Banner | None = None  # after a successful login

    @property
    def ok(self) -> bool:
        return self.error is None


def _frozen(mapping: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType({k: (_frozen(v) if isinstance(v, Mapping) else v) for k, v in mapping.items()})


def _run(target: TelnetTarget, action: str, work: Callable[[TelnetSession], Any],
         session_factory: Callable[[TelnetTarget], TelnetSession] | None = None) -> TelnetOutcome:
    """Log in, ``work(session)``, log out; every failure becomes the outcome's error."""
    try:
        password = find_secret(TELNET_PASSWORD, target.user, target.host)
    except SecretUnavailable:
        return TelnetOutcome(target, action, error=f"no Telnet password for {target.user}@{target.host}",
                             error_kind=NO_PASSWORD)
    session = (session_factory or (lambda t: TelnetSession(t.host, t.port, timeout=t.timeout)))(target)
    findings: tuple[Finding, ...] = ()
    banner: Banner | None = None
    try:
        try:
            banner = session.login(target.user, password)
        except TelnetLoginError as exc:
            SESSION.forget(TELNET_PASSWORD, target.user, target.host)  # never tried again by itself
            return TelnetOutcome(target, action, error=str(exc).split("\n")[0], error_kind=LOGIN_REFUSED)
        findings = tuple(telnet_findings(target.user, session.factory_login))
        try:
            value = work(session)
        finally:
            session.logout()
    except ValidationError as exc:
        return TelnetOutcome(target, action, error=str(exc), error_kind=INVALID, problems=exc.problems,
                             findings=findings, banner=banner)
    except ConnectError as exc:
        return TelnetOutcome(target, action, error=str(exc), error_kind=CONNECT, findings=findings, banner=banner)
    except TelnetTimeout as exc:
        return TelnetOutcome(target, action, error=str(exc), error_kind=TIMEOUT, findings=findings, banner=banner)
    except TelnetProtocolError as exc:
        return TelnetOutcome(target, action, error=str(exc), error_kind=PROTOCOL, findings=findings, banner=banner)
    except LinkError as exc:
        return TelnetOutcome(target, action, error=str(exc), error_kind=OTHER, findings=findings, banner=banner)
    finally:
        session.close()
    return TelnetOutcome(target, action, value=value, findings=findings, banner=banner)


def read_job(target: TelnetTarget, **kw: Any) -> Callable[[Any], TelnetOutcome]:
    """A job: the banner, the energy meters and the thresholds (a :class:`TelnetOverview`)."""

    def work(session: TelnetSession) -> TelnetOverview:
        energy = session.read_energy()
        thresholds = read_telnet_thresholds(session)
        assert session.banner is not None
        return TelnetOverview(session.banner, _frozen(energy), _frozen(thresholds), time.time())

    return lambda _ctx: _run(target, READ, work, **kw)


def energy_reset_job(target: TelnetTarget, phases: tuple[int, ...], **kw: Any) -> Callable[[Any], TelnetOutcome]:
    """A job: clear the energy meters of ``phases`` (menu 9, ``clearpN``) and read them before
    and after (an :class:`EnergyReset`)."""
    phases = tuple(dict.fromkeys(phases))
    bad = [p for p in phases if p not in PHASES]
    if bad or not phases:
        raise ValueError(f"phases {phases} are not among 1, 2, 3")

    def work(session: TelnetSession) -> EnergyReset:
        before = session.read_energy()
        replies = tuple(session.clear_energy(p) for p in phases)
        after = session.read_energy()
        return EnergyReset(phases, _frozen(before), _frozen(after), replies)

    return lambda _ctx: _run(target, ENERGY_RESET, work, **kw)


def thresholds_job(target: TelnetTarget, requested: Mapping[str, Any], rating: int = DEFAULT_RATING,
                   **kw: Any) -> Callable[[Any], TelnetOutcome]:
    """A job: apply ``requested`` ({"current_l1.high_warning": 25, ...}) through menu 8 and
    read the listing back (a :class:`TelnetThresholdReport`); refused input comes back as
    ``problems`` with nothing sent."""
    requested = dict(requested)

    def work(session: TelnetSession) -> TelnetThresholdReport:
        return set_telnet_thresholds(session, requested, rating=rating)

    return lambda _ctx: _run(target, THRESHOLDS, work, **kw)


__all__ = ["CONNECT", "ENERGY_RESET", "EnergyReset", "INVALID", "LOGIN_REFUSED", "NO_PASSWORD", "OTHER", "PROTOCOL",
           "READ", "THRESHOLDS", "TIMEOUT", "TelnetOutcome", "TelnetOverview", "TelnetTarget", "energy_reset_job",
           "read_job", "thresholds_job"]
