"""The commissioning panel's job driver: every link of the plan runs as a job, observed.

A serial or Modbus TCP link runs on the window's worker of that link (the worker owns the
port; the link is connected first if needed, at the plan's bus settings), so nothing else
opens the port meanwhile. An SNMP master, and every link of a panel without a window (it
runs on a LinkManager of its own), runs on the manager's network worker with a connection
of its own. Links run one after another; progress arrives as a Progress (step and data,
shown translated, never parsed), a failed job's Fault gives its units' reason, and cancel
is the manager's cancel of the job in progress.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Callable, Mapping

from PySide6.QtCore import QCoreApplication, QObject, Signal

from bps_commissioner.device.faults import Progress
from bps_commissioner.device.plan import Plan
from bps_commissioner.device.profile import Profile
from bps_commissioner.services.commission import (
    STEP_CHAIN, STEP_LINK, STEP_SCAN, STEP_UNIT, CommissionOptions, LinkOutcome, assemble, failed_outcome, link_job,
    network_link_job, now_text,
)
from bps_commissioner.services.endpoints import Endpoint, SerialEndpoint
from bps_commissioner.services.links import endpoint_of
from bps_commissioner.services.manager import NETWORK_KEY, LinkManager
from bps_commissioner.services.worker import Priority


def endpoint_for(link: Any) -> Endpoint | None:
    """The LinkManager endpoint of a plan's Modbus link (None for SNMP)."""
    return endpoint_of(link) if link.kind in ("serial", "tcp") else None


def step_text(progress: Progress) -> str:
    """A run's progress in the window's language, from its step and data."""
    address = str(progress.get("address", ""))
    if progress.step == STEP_SCAN:
        return QCoreApplication.translate("CommissionPanel", "scanning address %1").replace("%1", address)
    if progress.step == STEP_CHAIN:
        if progress.get("found") is None:
            return QCoreApplication.translate("CommissionPanel", "reading the chain")
        return QCoreApplication.translate("CommissionPanel", "units found: %1").replace("%1", str(progress.get("found")))
    if progress.step == STEP_UNIT:
        state = progress.get("state")
        if state == "checking":
            text = QCoreApplication.translate("CommissionPanel", "unit %1: checking")
        elif state == "missing":
            text = QCoreApplication.translate("CommissionPanel", "unit %1: missing")
        elif state == "conflict":
            text = QCoreApplication.translate("CommissionPanel", "unit %1: address conflict")
        else:
            text = QCoreApplication.translate("CommissionPanel", "unit %1: answered with an error")
        return text.replace("%1", address)
    if progress.step == STEP_LINK:
        return QCoreApplication.translate("CommissionPanel", "the link could not be used")
    return ""


class CommissionDriver(QObject):
    """Runs a plan's links as jobs on ``manager`` (None: a LinkManager of its own, every link
    on its network worker). ``progressed(done, total, text)`` while it runs, then
    ``finished(CommissionResult)``."""

    progressed = Signal(int, int, str)
    finished = Signal(object)

    def __init__(self, manager: Any = None, connect_link: Callable[[Endpoint], str] | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.own_manager = manager is None
        self.manager: Any = None
        self._connect_link = connect_link
        if manager is not None:
            self._observe(manager)
        self._running = False
        self._cancelled = False
        self._job: tuple[str, int] | None = None
        self._index = -1
        self._pending: list[int] = []
        self._collected: list[LinkOutcome] = []
        self._link_text = ""

    def _observe(self, manager: Any) -> None:
        self.manager = manager
        manager.jobProgress.connect(self._on_job_progress)
        manager.jobFinished.connect(self._on_job_finished)

    def _close_own_manager(self, timeout: float = 5.0) -> bool:
        """A manager of the driver's own lives for one run: its worker thread ends with it."""
        manager, self.manager = self.manager, None
        if manager is None:
            return True
        ok = manager.stop_all(timeout)
        manager.deleteLater()
        return ok

    @property
    def running(self) -> bool:
        return self._running

    def start(self, plan: Plan, options: CommissionOptions, profiles: Mapping[str, Profile]) -> None:
        self._plan, self._options, self._profiles = plan, options, profiles
        if self.own_manager and self.manager is None:
            self._observe(LinkManager(self))
        self._started = now_text()
        self._collected = []
        self._pending = list(range(len(plan.links)))
        self._running = True
        self._cancelled = False
        self._next_link()

    def cancel(self) -> None:
        if not self._running:
            return
        self._cancelled = True
        if self._job is not None:
            self.manager.cancel(*self._job)

    def shutdown(self, timeout: float = 5.0) -> bool:
        """Cancel a run (the window is closing); a manager of the driver's own is stopped and
        waited for. True when no thread of the driver is left."""
        self.cancel()
        if self.own_manager:
            return self._close_own_manager(timeout)
        return True

    def _next_link(self) -> None:
        plan = self._plan
        if not self._pending:
            self._finish()
            return
        index = self._pending.pop(0)
        link = plan.links[index]
        if self._cancelled:
            self._collected.append(failed_outcome(plan, index, "", cancelled=True))
            self._next_link()
            return
        self._link_text = QCoreApplication.translate("CommissionPanel", "Link %1 of %2: %3").replace(
            "%1", str(index + 1)).replace("%2", str(len(plan.links))).replace("%3", link.describe())
        self._index = index
        endpoint = endpoint_for(link)
        if endpoint is not None and not self.own_manager:
            key = self._ensure_link(endpoint)
            job_id = self.manager.submit(key, link_job(plan, index, self._options, self._profiles),
                                         Priority.FOREGROUND)
        else:
            key = NETWORK_KEY
            job_id = self.manager.submit_network(network_link_job(plan, index, self._options, self._profiles))
        self._job = (key, job_id)

    def _ensure_link(self, endpoint: Endpoint) -> str:
        """The manager's key of ``endpoint``: connected (by the window) if it is not yet,
        switched to the plan's bus settings if the window uses others."""
        key = endpoint.key
        if key in self.manager.keys():
            current = self.manager.endpoint(key)
            if isinstance(current, SerialEndpoint) and isinstance(endpoint, SerialEndpoint) \
                    and current.settings != endpoint.settings:
                self.manager.replace_endpoint(key, dataclasses.replace(current, settings=endpoint.settings))
            return key
        if self._connect_link is not None:
            return self._connect_link(endpoint)
        return self.manager.add_link(endpoint, ())

    def _on_job_progress(self, key: str, job_id: int, progress: Progress) -> None:
        if self._job == (key, job_id):
            text = step_text(progress)
            self.progressed.emit(progress.done, progress.total,
                                 f"{self._link_text} – {text}" if text else self._link_text)

    def _on_job_finished(self, key: str, result: Any) -> None:
        if self._job is None or self._job != (key, result.job_id):
            return
        self._job = None
        if result.cancelled:
            outcome = failed_outcome(self._plan, self._index, "", cancelled=True)
        elif result.fault is not None:
            outcome = failed_outcome(self._plan, self._index, result.fault)
        else:
            outcome = result.value
        self._collected.append(outcome)
        self._next_link()

    def _finish(self) -> None:
        result = assemble(self._plan, self._collected, self._started, applied=self._options.apply,
                          cancelled=self._cancelled)
        self._running = False
        if self.own_manager:
            self._close_own_manager()
        self.finished.emit(result)


__all__ = ["CommissionDriver", "endpoint_for", "step_text"]
