"""One link of the LinkManager, seen through the interface of a LinkWorker.

The threshold editor and the profile dialog (ui/threshold_editor.py, ui/profile_dialog.py)
are written against a worker: ``submit(job, priority)``, ``cancel(job_id)``,
``refresh_thresholds(unit)`` and the signals ``jobFinished``, ``jobProgress`` and
``unitUpdated``. In the main window the link's worker belongs to the LinkManager, which
replaces it when the bus settings change, and the GUI must not hold on to it. A
:class:`LinkHandle` gives those widgets the same interface for one link key: calls go to
the manager (so to whichever worker serves the link now), and the manager's signals for
that key come back as the worker's would. When the link is gone, a job submitted to it
ends at once with an error (delivered queued, like a worker's), instead of raising.
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from bps_commissioner.device.faults import Fault, FaultKind
from bps_commissioner.services.manager import LinkManager
from bps_commissioner.services.worker import Job, JobResult, Priority

_dead_ids = itertools.count(-1, -1)  # ids for jobs refused because the link is gone: never a worker's


class LinkHandle(QObject):
    """The link ``key`` of ``manager``, with a LinkWorker's job interface and signals."""

    jobFinished = Signal(object)  # JobResult
    jobProgress = Signal(int, object)  # job id, Progress
    unitUpdated = Signal(object)  # UnitResult

    def __init__(self, manager: LinkManager, key: str, parent: QObject | None = None):
        super().__init__(parent)
        self.manager = manager
        self.key = key
        manager.jobFinished.connect(self._on_job_finished)
        manager.jobProgress.connect(self._on_job_progress)
        manager.unitUpdated.connect(self._on_unit)

    @property
    def alive(self) -> bool:
        return self.key in self.manager.keys()

    def submit(self, job: Job, priority: Priority = Priority.FOREGROUND) -> int:
        if not self.alive:
            job_id = next(_dead_ids)
            error = QCoreApplication.translate("LinkHandle", "the link is closed: connect again")
            fault = Fault(FaultKind.LINK_ERROR, error, link=self.key)
            QTimer.singleShot(0, self, lambda: self.jobFinished.emit(JobResult(job_id, fault=fault)))
            return job_id
        return self.manager.submit(self.key, job, priority)

    def cancel(self, job_id: int) -> None:
        self.manager.cancel(self.key, job_id)

    def refresh_thresholds(self, unit: int) -> None:
        if self.alive:
            self.manager.refresh_thresholds(self.key, unit)

    @Slot(str, object)
    def _on_job_finished(self, key: str, result: Any) -> None:
        if key == self.key:
            self.jobFinished.emit(result)

    @Slot(str, int, object)
    def _on_job_progress(self, key: str, job_id: int, progress: Any) -> None:
        if key == self.key:
            self.jobProgress.emit(job_id, progress)

    @Slot(str, object)
    def _on_unit(self, key: str, result: Any) -> None:
        if key == self.key:
            self.unitUpdated.emit(result)


__all__ = ["LinkHandle"]
