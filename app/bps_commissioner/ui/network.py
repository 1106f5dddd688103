"""What the window knows of its networked masters: Telnet accounts, Telnet reads, security.

A link to a networked master (an SNMP master, or a Modbus TCP host) may have a Telnet
account (:class:`~bps_commissioner.services.telnet_jobs.TelnetTarget`, from the Connect
dialog or the Telnet tab). :class:`NetworkSession` runs the Telnet actions as jobs on that
link's worker, or on the manager's network worker for a master whose link is not (or no
longer) polled, so never in the GUI thread and never on a thread of their own. A Telnet
failure comes back as the outcome's :class:`~bps_commissioner.device.faults.Fault` (a job
that was cancelled or failed itself: the JobResult's fault). It keeps the latest read of each master (banner,
energy meters, thresholds) and the security findings of each link (SNMP from the link's own
credentials once it answers, Telnet after each login), and tells the widgets by signals.

When a link connects, its SNMP findings are asked for, and a master with a Telnet account
is read once by itself. A refused Telnet login is never retried by itself: the next login
waits for the user to type the password again (a unit could lock the account).
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, Signal, Slot

from bps_commissioner.device.faults import Fault, FaultKind
from bps_commissioner.services.endpoints import SnmpEndpoint, TcpEndpoint
from bps_commissioner.services.manager import NETWORK_KEY, LinkManager
from bps_commissioner.services.security import Finding, sort_findings
from bps_commissioner.services.snmp_poll import snmp_security_job
from bps_commissioner.services.telnet_jobs import (
    ENERGY_RESET, LOGIN_REFUSED, NO_PASSWORD, READ, THRESHOLDS, TelnetOutcome, TelnetOverview, TelnetTarget,
    energy_reset_job, read_job, thresholds_job,
)
from bps_commissioner.services.worker import Priority


def is_networked(endpoint: Any) -> bool:
    """A link to a networked master (it has a host with a Telnet CLI)."""
    return isinstance(endpoint, (SnmpEndpoint, TcpEndpoint))


class NetworkSession(QObject):
    """Create and use it in the GUI thread, beside the LinkManager."""

    changed = Signal(str)  # link key: its target, overview, findings or busy state changed
    outcome = Signal(str, object)  # link key, TelnetOutcome (after every Telnet job)

    def __init__(self, manager: LinkManager, parent: QObject | None = None):
        super().__init__(parent)
        self.manager = manager
        self._targets: dict[str, TelnetTarget] = {}
        self._overviews: dict[str, TelnetOverview] = {}
        self._last: dict[str, TelnetOutcome] = {}
        self._snmp_findings: dict[str, tuple[Finding, ...]] = {}
        self._telnet_findings: dict[str, tuple[Finding, ...]] = {}
        self._jobs: dict[tuple[str, int], str] = {}  # (key, job id) -> "telnet" or "security"
        self._network_jobs: dict[int, str] = {}  # job id on the network worker -> link key
        self._refused: set[str] = set()  # keys whose Telnet login was refused: no login by itself
        self._read_once: set[str] = set()
        manager.jobFinished.connect(self._on_job)
        manager.linkStateChanged.connect(self._on_link_state)
        manager.linkRemoved.connect(self._drop)

    # -- queries ------------------------------------------------------------------------------
    def target(self, key: str | None) -> TelnetTarget | None:
        return self._targets.get(key) if key is not None else None

    def overview(self, key: str | None) -> TelnetOverview | None:
        return self._overviews.get(key) if key is not None else None

    def last_outcome(self, key: str | None) -> TelnetOutcome | None:
        return self._last.get(key) if key is not None else None

    def busy(self, key: str | None) -> bool:
        return any(k == key and kind == "telnet" for (k, _), kind in self._jobs.items())

    def login_refused(self, key: str | None) -> bool:
        return key in self._refused

    def findings(self, key: str | None) -> list[Finding]:
        """The link's security findings, most serious first (SNMP and Telnet)."""
        if key is None:
            return []
        return sort_findings(list(self._snmp_findings.get(key, ())) + list(self._telnet_findings.get(key, ())))

    def host(self, key: str | None) -> str | None:
        """The host of a networked link (None for a serial link or an unknown key)."""
        if key is None or key not in self.manager.keys():
            return None
        endpoint = self.manager.endpoint(key)
        return endpoint.host if is_networked(endpoint) else None

    # -- commands -----------------------------------------------------------------------------
    def set_target(self, key: str, target: TelnetTarget | None, *, read: bool = False) -> None:
        """The Telnet account of link ``key`` (None: no Telnet). A new account may log in again."""
        if target is None:
            self._targets.pop(key, None)
        else:
            self._targets[key] = target
        self._refused.discard(key)
        self.changed.emit(key)
        if read and target is not None:
            self.read(key)

    def read(self, key: str) -> int | None:
        """Log in and read the banner, the energy meters and the thresholds."""
        target = self._targets.get(key)
        return None if target is None else self._submit_telnet(key, read_job(target))

    def reset_energy(self, key: str, phases: tuple[int, ...]) -> int | None:
        target = self._targets.get(key)
        return None if target is None else self._submit_telnet(key, energy_reset_job(target, phases))

    def set_thresholds(self, key: str, requested: dict[str, Any], rating: int) -> int | None:
        target = self._targets.get(key)
        return None if target is None else self._submit_telnet(key, thresholds_job(target, requested, rating))

    def _submit_telnet(self, key: str, job: Callable[[Any], TelnetOutcome]) -> int | None:
        """On the link's worker (never overlapping its polls of the master); a master with no
        polled link: on the manager's network worker."""
        if key in self.manager.keys():
            job_id = self.manager.submit(key, job, Priority.FOREGROUND)
        else:
            try:
                job_id = self.manager.submit_network(job)
            except RuntimeError:  # the manager is shutting down
                return None
            self._network_jobs[job_id] = key
        self._jobs[(key, job_id)] = "telnet"
        self.changed.emit(key)
        return job_id

    # -- manager ------------------------------------------------------------------------------
    @Slot(str, str, str)
    def _on_link_state(self, key: str, state: str, _message: str) -> None:
        if state != "connected" or key not in self.manager.keys():
            return
        if isinstance(self.manager.endpoint(key), SnmpEndpoint):
            job_id = self.manager.submit(key, snmp_security_job, Priority.BACKGROUND)
            self._jobs[(key, job_id)] = "security"
        if key in self._targets and key not in self._read_once and key not in self._refused:
            self._read_once.add(key)
            self.read(key)

    @Slot(str, object)
    def _on_job(self, key: str, result: Any) -> None:
        if key == NETWORK_KEY:
            if result.job_id not in self._network_jobs:
                return
            key = self._network_jobs.pop(result.job_id)
        kind = self._jobs.pop((key, result.job_id), None)
        if kind is None:
            return
        if kind == "security":
            if result.error is None and not result.cancelled:
                self._snmp_findings[key] = tuple(result.value or ())
                self.changed.emit(key)
            return
        outcome = result.value if isinstance(result.value, TelnetOutcome) else None
        if outcome is None:  # the job itself failed (an internal error) or was cancelled
            target = self._targets.get(key)
            if target is None:
                self.changed.emit(key)
                return
            fault = result.fault or Fault(FaultKind.INTERNAL, "the Telnet job returned nothing", link=key)
            outcome = TelnetOutcome(target, READ, fault=fault)
        if outcome.error_kind == LOGIN_REFUSED:
            self._refused.add(key)
        elif outcome.error_kind != NO_PASSWORD and outcome.banner is not None:
            self._refused.discard(key)
            self._telnet_findings[key] = outcome.findings
        value = outcome.value
        if outcome.ok and isinstance(value, TelnetOverview):
            self._overviews[key] = value
        elif outcome.ok and outcome.action == ENERGY_RESET and key in self._overviews:
            self._overviews[key] = _replace(self._overviews[key], energy=value.after)
        elif outcome.action == THRESHOLDS and value is not None and key in self._overviews:
            self._overviews[key] = _replace(self._overviews[key], thresholds=value.after)
        self._last[key] = outcome
        self.outcome.emit(key, outcome)
        self.changed.emit(key)

    @Slot(str)
    def _drop(self, key: str) -> None:
        for store in (self._targets, self._overviews, self._last, self._snmp_findings, self._telnet_findings):
            store.pop(key, None)  # type: ignore[attr-defined]
        self._jobs = {ref: kind for ref, kind in self._jobs.items() if ref[0] != key}
        self._network_jobs = {job_id: k for job_id, k in self._network_jobs.items() if k != key}
        self._refused.discard(key)
        self._read_once.discard(key)
        self.changed.emit(key)


def _replace(overview: TelnetOverview, **changes: Any) -> TelnetOverview:
    import dataclasses

    return dataclasses.replace(overview, **changes)


__all__ = ["NetworkSession", "is_networked"]
