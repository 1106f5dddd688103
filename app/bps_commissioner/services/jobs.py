"""The job model: what a job is, how it ends, and how the CLI waits for one.

A job is a callable ``job(ctx) -> value`` queued on a worker (services/worker.py): on the
worker of the link it uses (a serial port, a Modbus TCP host, an SNMP master), or on a
*network worker* (a :class:`~bps_commissioner.services.worker.LinkWorker` without a polled
link) for work that is not on a polled link: a TFTP upload, a Telnet session, an SNMP
walk. Inside, the job reports :class:`~bps_commissioner.device.faults.Progress` through
``ctx.progress(...)`` and polls ``ctx.cancelled`` / ``ctx.check()`` at safe points. It
ends with a :class:`JobResult`: its value, or a :class:`~bps_commissioner.device.faults.Fault`
(any exception is turned into one by :func:`fault_of`; a bug becomes kind ``internal`` with
the traceback as its detail, and the worker goes on).

The window observes jobs (the worker's ``jobProgress`` / ``jobFinished`` signals, relayed by
services/manager.py); the CLI waits for them with :func:`wait_job` or :func:`run_job`.
"""

from __future__ import annotations

import logging
import threading
import traceback
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from bps_commissioner.device.faults import Fault, FaultKind, Progress
from bps_commissioner.transport.errors import LinkError

if TYPE_CHECKING:
    from bps_commissioner.services.worker import JobContext, LinkWorker, Priority

log = logging.getLogger(__name__)

Job = Callable[["JobContext"], Any]


class Cancelled(Exception):
    """Raised inside a job by :meth:`JobContext.check` when the user cancelled it."""


class JobFailed(Exception):
    """Raised by :func:`run_job` / :meth:`JobResult.unwrap` for a job that ended with a fault."""

    def __init__(self, fault: Fault):
        super().__init__(fault.message)
        self.fault = fault


@dataclass(frozen=True)
class JobResult:
    """How a job ended: ``value``, or ``fault`` (a cancelled job has a fault of kind
    ``cancelled`` and ``cancelled`` True)."""

    job_id: int
    value: Any = None
    fault: Fault | None = None

    @property
    def cancelled(self) -> bool:
        return self.fault is not None and self.fault.kind is FaultKind.CANCELLED

    @property
    def error(self) -> str | None:
        """The fault's English message (None when the job succeeded or was cancelled)."""
        return None if self.fault is None or self.cancelled else self.fault.message

    @property
    def ok(self) -> bool:
        return self.fault is None

    def unwrap(self) -> Any:
        if self.fault is not None:
            raise JobFailed(self.fault)
        return self.value


def cancelled_fault(link: str = "", unit: int | None = None) -> Fault:
    return Fault(FaultKind.CANCELLED, "cancelled", unit=unit, link=link)


def fault_of(exc: BaseException, *, link: str = "", unit: int | None = None) -> Fault:
    """Any exception as a Fault. Link errors carry their kind and data; a refused input
    (ValueError and its kin: a bad file, a bad value) is ``bad-input``; a cancel is
    ``cancelled``; anything else is a bug: ``internal``, with the traceback as detail."""
    if isinstance(exc, JobFailed):
        return exc.fault
    if isinstance(exc, Cancelled):
        return cancelled_fault(link, unit)
    if isinstance(exc, LinkError):
        unit = getattr(exc, "unit", None) if getattr(exc, "unit", None) is not None else unit
        data = dict(getattr(exc, "data", {}) or {})
        for name in ("code", "function", "waited"):
            if hasattr(exc, name) and name not in data:
                data[name] = getattr(exc, name)
        return Fault(exc.kind, str(exc), unit=unit, link=link, detail=getattr(exc, "dialogue", "") or "",
                     data=data)
    if isinstance(exc, (ValueError, KeyError)) and not isinstance(exc, UnicodeError):
        return Fault(FaultKind.BAD_INPUT, str(exc), unit=unit, link=link)
    if isinstance(exc, TimeoutError):
        return Fault(FaultKind.TIMEOUT, str(exc) or "timed out", unit=unit, link=link)
    detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log.error("internal error on %s: %s", link or "a worker", detail)
    return Fault(FaultKind.INTERNAL, f"internal error: {exc!r}", unit=unit, link=link, detail=detail)


def wait_job(worker: "LinkWorker", job: Job, priority: "Priority | None" = None, *,
             on_progress: Callable[[Progress], None] | None = None,
             timeout: float | None = None, cancel_when: Callable[[], bool] | None = None) -> JobResult:
    """Submit ``job`` on a running ``worker`` and block until it ends (the CLI's way; the
    window never waits). ``on_progress`` is called in the worker's thread. The job is
    cancelled (and still waited for, to its next safe point) after ``timeout`` seconds, when
    ``cancel_when()`` turns true (polled every 0.1 s), or on KeyboardInterrupt (re-raised)."""
    import time
    from PySide6.QtCore import Qt

    from bps_commissioner.services.worker import Priority as _Priority

    done = threading.Event()
    box: dict[int, JobResult] = {}
    wanted: list[int] = []

    def finished(result: JobResult) -> None:
        if wanted and result.job_id == wanted[0]:
            box[result.job_id] = result
            done.set()

    def progressed(job_id: int, progress: Progress) -> None:
        if on_progress is not None and wanted and job_id == wanted[0]:
            on_progress(progress)

    worker.jobFinished.connect(finished, Qt.ConnectionType.DirectConnection)
    worker.jobProgress.connect(progressed, Qt.ConnectionType.DirectConnection)
    try:
        with worker.submit_lock():
            job_id = worker.submit(job, _Priority.FOREGROUND if priority is None else priority)
            wanted.append(job_id)
        try:
            deadline = None if timeout is None else time.monotonic() + timeout
            while not done.wait(0.1 if cancel_when is not None or deadline is not None else None):
                if (cancel_when is not None and cancel_when()) or (deadline is not None
                                                                   and time.monotonic() >= deadline):
                    worker.cancel(job_id)
                    done.wait()
                    break
        except KeyboardInterrupt:
            worker.cancel(job_id)
            done.wait()
            raise
        return box[job_id]
    finally:
        worker.jobFinished.disconnect(finished)
        worker.jobProgress.disconnect(progressed)


def run_job(job: Job, *, name: str = "network", on_progress: Callable[[Progress], None] | None = None,
            cancel_when: Callable[[], bool] | None = None) -> Any:
    """Run ``job`` on a network worker of its own (no polled link) and return its value;
    a fault is raised as :class:`JobFailed`. The CLI's way to run the window's jobs.
    ``cancel_when``: as for :func:`wait_job` (the wait also wakes every 0.1 s then, so that
    a Ctrl-C handler runs on every platform)."""
    from bps_commissioner.services.worker import LinkWorker

    worker = LinkWorker.network(name)
    worker.start()
    try:
        return wait_job(worker, job, on_progress=on_progress, cancel_when=cancel_when).unwrap()
    finally:
        worker.stop()


__all__ = ["Cancelled", "Job", "JobFailed", "JobResult", "cancelled_fault", "fault_of", "run_job", "wait_job"]
