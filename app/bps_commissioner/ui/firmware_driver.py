"""The firmware panel's job driver: runs a batch as ONE job on the link manager's network
worker (services/flasher.py ``flash_job``) and observes it.

The job's Progress carries data: a FlashEvent (``data["event"]``) for each step, upload
progress and restart countdown, and a host's FlashResult (step ``HOST_DONE``,
``data["result"]``) when the host is done. The driver hands them on as signals; nothing is
read from a text. The threshold backup and restore of a master the window polls go
through that link's worker (``manager_link_runner``): no second connection to it."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from bps_commissioner.device.faults import Progress
from bps_commissioner.services.flasher import (
    FAILED, HOST_DONE, Firmware, FlashEvent, FlashHooks, FlashResult, FlashSettings, FlashTarget, flash_job,
    manager_link_runner,
)
from bps_commissioner.services.jobs import JobResult
from bps_commissioner.services.manager import NETWORK_KEY, LinkManager


class FlashDriver(QObject):
    """One batch at a time on ``manager``'s network worker. Signals (in the manager's
    thread): ``flashEvent(FlashEvent)``, ``hostFinished(FlashResult)``,
    ``batchFinished(tuple[FlashResult, ...])`` and then ``finished()``, after which
    :attr:`running` is False."""

    flashEvent = Signal(object)
    hostFinished = Signal(object)
    batchFinished = Signal(object)
    finished = Signal()

    def __init__(self, manager: LinkManager, parent: QObject | None = None):
        super().__init__(parent)
        self.manager = manager
        self.job_id: int | None = None
        self.fault: Any = None  # the Fault of a batch that ended with one (not a host's failure)
        self._targets: list[FlashTarget] = []
        self._done: dict[str, FlashResult] = {}
        self._ended = threading.Event()
        self._ended.set()
        manager.jobProgress.connect(self._on_progress)
        manager.jobFinished.connect(self._on_finished)

    @property
    def running(self) -> bool:
        return self.job_id is not None

    def start(self, firmware: Firmware, targets: list[FlashTarget], settings: FlashSettings, *,
              password: Any = None) -> int:
        """Queue the batch, confirmed (the panel asked before). ``settings.restore`` must be
        True or False: a job does not ask."""
        if self.running:
            raise RuntimeError("a flash is running")
        hooks = FlashHooks(confirm=lambda *_: True, password=lambda _t: password,
                           run_on_link=manager_link_runner(self.manager))
        inner = flash_job(firmware, list(targets), settings, hooks=hooks)
        ended = self._ended = threading.Event()

        def job(ctx: Any) -> list[FlashResult]:
            try:
                return inner(ctx)
            finally:
                ended.set()

        self._targets = list(targets)
        self._done = {}
        self.fault = None
        self.job_id = self.manager.submit_network(job)
        return self.job_id

    def cancel(self) -> None:
        """Stop the batch at its next safe point."""
        if self.job_id is not None:
            self.manager.cancel(NETWORK_KEY, self.job_id)

    def wait(self, timeout: float) -> bool:
        """Block until the job's code has returned (application exit); True when it has.
        Its results still arrive by the signals once the event loop runs."""
        return self._ended.wait(timeout)

    @Slot(str, int, object)
    def _on_progress(self, key: str, job_id: int, progress: Progress) -> None:
        if key != NETWORK_KEY or job_id != self.job_id:
            return
        if progress.step == HOST_DONE:
            result = progress.get("result")
            self._done[result.host] = result
            self.hostFinished.emit(result)
            return
        event = progress.get("event")
        if isinstance(event, FlashEvent):
            self.flashEvent.emit(event)

    @Slot(str, object)
    def _on_finished(self, key: str, result: JobResult) -> None:
        if key != NETWORK_KEY or result.job_id != self.job_id:
            return
        if result.ok:
            results = tuple(result.value)
        else:  # the job did not get to the end (cancelled before it started, or a bug)
            self.fault = result.fault
            cause = "cancelled" if result.cancelled else ""
            error = "not flashed: the batch was cancelled" if result.cancelled else result.fault.message
            for target in self._targets:
                if target.host not in self._done:
                    missing = FlashResult(target.host, FAILED, error=error, cause=cause)
                    self._done[target.host] = missing
                    self.hostFinished.emit(missing)
            results = tuple(self._done[t.host] for t in self._targets)
        self.batchFinished.emit(results)
        self.job_id = None
        self.finished.emit()


__all__ = ["FlashDriver"]
