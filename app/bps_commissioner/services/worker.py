"""One worker thread per physical link.

The worker alone owns its link (a serial port or a TCP connection): RS485 is half-duplex, so
exactly one request is on the bus at a time, taken in priority order: a user's write, then
the unit on screen, then the background sweep. Results leave as Qt signals carrying frozen
dataclasses; a receiver in another thread gets them queued, so the GUI never waits on a
worker. The CLI's ``monitor`` runs on this same worker.

Faults: a link that goes away (adapter unplugged, connection dropped) is reported as lost,
reopened every :attr:`LinkWorker.reopen_interval` seconds and polling resumes by itself; a
unit that misses :attr:`LinkWorker.offline_after` polls in a row is offline and re-polled
only every :attr:`LinkWorker.offline_every` sweeps; a garbled reply is counted and the
request retried once before the sweep records an error.

A link that reads a whole unit itself offers ``poll_unit(address) -> UnitReading | None``
(an SNMP master: services/snmp_poll.py); the worker then calls it instead of reading
Modbus registers, and everything else (priorities, focus, offline, lost and reopened, jobs)
stays the same. A unit it reports as not there (None) gets the state "absent".

Jobs (services/jobs.py): every long action is a job queued here, cancellable, reporting
:class:`~bps_commissioner.device.faults.Progress` and ending with a JobResult (a value or
a :class:`~bps_commissioner.device.faults.Fault`). A worker made with :meth:`LinkWorker.network`
has no polled link: it runs jobs that open their own connections (TFTP, Telnet, an SNMP
walk), one after another. It is the one QThread subclass of the application.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any, Callable

from PySide6.QtCore import QThread, Signal

from bps_commissioner.device.decode import UnitReading, decode_registers
from bps_commissioner.device.faults import Fault, FaultKind, Progress
from bps_commissioner.device.registers import LAST_REGISTER, THRESHOLD_FIRST, THRESHOLD_LAST
from bps_commissioner.services.diagnostics import Counters, FrameRecord, UnitDiagnostics
from bps_commissioner.services.endpoints import Endpoint
from bps_commissioner.services.jobs import Cancelled, Job, JobResult, cancelled_fault, fault_of
from bps_commissioner.services.logs import job_name
from bps_commissioner.transport.errors import ConnectError, FrameError, LinkError, LinkLost, PortError
from bps_commissioner.transport.modbus import ModbusLink

#: What a poll reads: the live values 0..62 and the alarm states 87..98 every time; the
#: thresholds 63..86 once, and again after a write (see :meth:`LinkWorker.refresh_thresholds`).
LIVE_SPANS = ((0, THRESHOLD_FIRST), (THRESHOLD_LAST + 1, LAST_REGISTER - THRESHOLD_LAST))
THRESHOLD_SPAN = (THRESHOLD_FIRST, THRESHOLD_LAST - THRESHOLD_FIRST + 1)

log = logging.getLogger(__name__)


class Priority(IntEnum):
    WRITE = 0  # a user's write
    FOREGROUND = 1  # the unit on screen, a user's scan
    BACKGROUND = 2  # the sweep


@dataclass(frozen=True)
class UnitResult:
    """The outcome of polling one unit: a reading, or a fault (``error`` is its message)."""

    address: int
    time: float  # wall clock
    reading: UnitReading | None
    fault: Fault | None = None
    state: str = "online"  # online, offline, error, lost; absent (a link that polls whole units: not there)

    @property
    def error(self) -> str | None:
        return None if self.fault is None else self.fault.message

    def to_dict(self) -> dict[str, Any]:
        if self.reading is not None and self.error is None:
            return self.reading.to_dict()
        if self.state == "absent":
            return {"address": self.address, "absent": True}
        return {"address": self.address, "error": self.error or "no data"}


@dataclass(frozen=True)
class Sweep:
    """One pass over every polled unit."""

    number: int
    time: float  # wall clock at the end of the sweep
    results: tuple[UnitResult, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"t": round(self.time, 3), "units": [r.to_dict() for r in self.results]}


class JobContext:
    """What a job sees inside the worker thread."""

    def __init__(self, worker: "LinkWorker", job_id: int):
        self._worker = worker
        self.job_id = job_id
        self.cancel_event = threading.Event()

    @property
    def link(self) -> ModbusLink:
        if self._worker.endpoint is None:
            raise RuntimeError("a network worker has no link: the job opens its own connection")
        return self._worker._ensure_link()

    @property
    def key(self) -> str:
        """The link's key ("serial:/dev/ttyUSB0", "tcp:10.0.0.5:502"; "network:NAME")."""
        return self._worker.key

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set() or self._worker._stopping.is_set()

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled()

    def progress(self, done: int, total: int, text: str = "", *, step: str = "", **data: Any) -> None:
        """Report progress: ``done`` of ``total``, the ``step`` (a stable key the window
        translates) with its ``data``, and an English ``text`` for the CLI and logs."""
        self._worker._flush_frames()
        self._worker.jobProgress.emit(self.job_id, Progress(done, total, step, data, text))

    def report(self, progress: Progress) -> None:
        self._worker.jobProgress.emit(self.job_id, progress)


@dataclass(order=True)
class _Queued:
    priority: int
    seq: int
    job_id: int = field(compare=False)
    job: Job = field(compare=False)


class _UnitState:
    def __init__(self) -> None:
        self.registers: dict[int, int] = {}
        self.thresholds_valid = False
        self.misses = 0
        self.offline = False
        self.last: UnitResult | None = None


class LinkWorker(QThread):
    linkStateChanged = Signal(str, str, object)  # state ("connected", "lost", "closed"), message, Fault | None
    unitUpdated = Signal(object)  # UnitResult, after every poll of a unit
    sweepFinished = Signal(object)  # Sweep
    framesLogged = Signal(object)  # tuple[FrameRecord, ...]: the frames of one poll or job step
    diagnosticsUpdated = Signal(object)  # tuple[UnitDiagnostics, ...], after every sweep
    jobProgress = Signal(int, object)  # job id, Progress
    jobFinished = Signal(object)  # JobResult

    reopen_interval = 1.0
    offline_after = 3
    offline_every = 5
    focus_period = 0.5  # the unit on screen is re-read at least this often
    frame_batch = 16  # frames logged during a job are sent on in batches of this many

    def __init__(self, endpoint: Endpoint | None, parent: Any = None, *, log_frames: bool = True,
                 name: str = ""):
        super().__init__(parent)
        self.endpoint = endpoint
        self.key = endpoint.key if endpoint is not None else f"network:{name or 'jobs'}"
        self.log_frames = log_frames
        self.setObjectName(f"LinkWorker {self.key}")
        self._cond = threading.Condition()
        self._queue: list[_Queued] = []
        self._seq = itertools.count()
        self._job_ids = itertools.count(1)
        self._contexts: dict[int, JobContext] = {}
        self._stopping = threading.Event()
        # polling (guarded by _cond)
        self._poll_units: list[int] = []
        self._interval = 1.0
        self._focus: int | None = None
        # worker-thread state
        self._link: ModbusLink | None = None
        self._link_state = "closed"
        self._counters = Counters()
        self._units: dict[int, _UnitState] = {}
        self._sweep_pending: list[int] = []
        self._sweep_results: list[UnitResult] = []
        self._sweep_number = 0
        self._next_sweep_at = 0.0
        self._last_focus_poll = 0.0
        self._frames: list[FrameRecord] = []

    @classmethod
    def network(cls, name: str = "jobs", parent: Any = None) -> "LinkWorker":
        """A worker with no polled link, for jobs that open their own connections (a TFTP
        upload, a Telnet session to a master, an SNMP walk): queued, cancellable, one at a
        time, with progress, like every job."""
        return cls(None, parent, name=name)

    # -- API for other threads ----------------------------------------------------------------
    def submit_lock(self) -> Any:
        """Held around :meth:`submit`, the job cannot start (nor end) before the caller has
        noted its id."""
        return self._cond

    def submit(self, job: Job, priority: Priority = Priority.FOREGROUND) -> int:
        """Queue ``job(context)`` to run on this link; its JobResult arrives by jobFinished."""
        job_id = next(self._job_ids)
        with self._cond:
            self._contexts[job_id] = JobContext(self, job_id)
            heapq.heappush(self._queue, _Queued(int(priority), next(self._seq), job_id, job))
            self._cond.notify()
        return job_id

    def cancel(self, job_id: int) -> None:
        with self._cond:
            ctx = self._contexts.get(job_id)
        if ctx is not None:
            ctx.cancel_event.set()

    def set_polling(self, units: list[int], interval: float = 1.0) -> None:
        """Sweep ``units`` every ``interval`` seconds (0: back to back). Empty list: stop."""
        with self._cond:
            self._poll_units = list(dict.fromkeys(units))
            self._interval = max(0.0, interval)
            self._cond.notify()

    def set_focus(self, unit: int | None) -> None:
        """The unit on screen: re-read at least every :attr:`focus_period` seconds."""
        with self._cond:
            self._focus = unit
            self._cond.notify()

    def refresh_thresholds(self, unit: int) -> None:
        """Read the unit's thresholds again at its next poll (after a write)."""
        self.submit(lambda ctx: self._invalidate(unit), Priority.WRITE)

    def stop(self, timeout: float = 3.0) -> bool:
        """Ask the worker to stop, let it close its link, and join it. True if it ended."""
        self._stopping.set()
        with self._cond:
            for ctx in self._contexts.values():
                ctx.cancel_event.set()
            self._cond.notify_all()
        if not self.isRunning():
            return True
        return self.wait(int(timeout * 1000))

    # -- worker thread ------------------------------------------------------------------------
    def run(self) -> None:
        try:
            while not self._stopping.is_set():
                try:
                    item = self._take_job()
                    if item is not None:
                        self._run_job(item)
                        continue
                    if not self._poll_step():
                        self._idle_wait()
                except Exception as exc:  # never let the link's thread die: log it and go on
                    fault_of(exc, link=self.key)
                    self._sweep_pending = []
                    self._stopping.wait(0.1)
        finally:
            self._close_link("closed", "stopped")

    def _take_job(self) -> _Queued | None:
        with self._cond:
            if self._queue:
                return heapq.heappop(self._queue)
        return None

    def _run_job(self, item: _Queued) -> None:
        with self._cond:
            ctx = self._contexts[item.job_id]
        result: JobResult
        log.info("%s: job %d (%s, %s) started", self.key, item.job_id, job_name(item.job),
                 Priority(item.priority).name.lower())
        try:
            if ctx.cancelled:
                raise Cancelled()
            result = JobResult(item.job_id, item.job(ctx))
        except Cancelled:
            result = JobResult(item.job_id, fault=cancelled_fault(self.key))
        except LinkLost as exc:
            fault = fault_of(exc, link=self.key)
            self._close_link("lost", str(exc), fault)
            result = JobResult(item.job_id, fault=fault)
        except Exception as exc:  # a bug in a job must not kill the link's thread
            result = JobResult(item.job_id, fault=fault_of(exc, link=self.key))
        with self._cond:
            self._contexts.pop(item.job_id, None)
        if result.fault is None:
            log.info("%s: job %d ended", self.key, item.job_id)
        else:
            log.info("%s: job %d ended with a fault (%s): %s", self.key, item.job_id, result.fault.kind.value,
                     result.fault.message)
        self._flush_frames()
        self.jobFinished.emit(result)

    def _idle_wait(self) -> None:
        with self._cond:
            if self._queue or self._stopping.is_set():
                return
            now = time.monotonic()
            deadlines = []
            if self._poll_units and self.endpoint is not None:
                deadlines.append(self._next_sweep_at)
                if self._focus is not None:
                    deadlines.append(self._last_focus_poll + self.focus_period)
            timeout = max(0.0, min(deadlines) - now) if deadlines else None
            self._cond.wait(timeout if timeout is None else min(timeout, 1.0))

    # link ------------------------------------------------------------------------------------
    def _ensure_link(self) -> ModbusLink:
        if self._link is None:
            observer = self._on_frame if self.log_frames else None
            try:
                link = self.endpoint.open_link(observer)
            except (PortError, ConnectError) as exc:
                self._set_link_state("lost", str(exc), fault_of(exc, link=self.key))
                lost = LinkLost(str(exc), kind=exc.kind, **exc.data)
                raise lost from None
            link.outcome_observer = self._counters.record
            self._link = link
            self._set_link_state("connected", self.endpoint.describe())
        return self._link

    def _close_link(self, state: str, message: str, fault: Fault | None = None) -> None:
        if self._link is not None:
            try:
                self._link.close()
            except Exception:  # closing a broken link must not stop the worker
                pass
            self._link = None
        self._set_link_state(state, message, fault)

    def _set_link_state(self, state: str, message: str, fault: Fault | None = None) -> None:
        if state != self._link_state:
            if state == "lost":
                log.warning("%s: link lost: %s", self.key, message)
            elif state == "connected":
                log.info("%s: link %s: %s", self.key, "restored" if self._link_state == "lost" else "opened", message)
            else:
                log.info("%s: link %s: %s", self.key, state, message)
            self._link_state = state
            self.linkStateChanged.emit(state, message, fault)

    def _on_frame(self, direction: str, unit: int, data: bytes, _mono: float) -> None:
        # batched: one queued signal per poll (or per FRAME_BATCH frames of a job), not one
        # per frame, so that 40 links of 6 units do not flood the window's event queue
        self._frames.append(FrameRecord(time.time(), direction, unit, data))
        if len(self._frames) >= self.frame_batch:
            self._flush_frames()

    def _flush_frames(self) -> None:
        if self._frames:
            frames, self._frames = tuple(self._frames), []
            self.framesLogged.emit(frames)

    # polling ---------------------------------------------------------------------------------
    def _invalidate(self, unit: int) -> None:
        self._units.setdefault(unit, _UnitState()).thresholds_valid = False

    def _poll_step(self) -> bool:
        """Poll one unit if one is due. Returns False when there was nothing to do."""
        with self._cond:
            units = list(self._poll_units)
            interval = self._interval
            focus = self._focus
        if not units or self.endpoint is None:
            self._sweep_pending = []
            return False
        now = time.monotonic()
        if self._link is None and self._link_state == "lost":
            return self._poll_while_lost(units, interval, now)
        if focus is not None and now - self._last_focus_poll >= self.focus_period:
            self._last_focus_poll = now
            self._poll_unit(focus)
            return True
        if not self._sweep_pending:
            if now < self._next_sweep_at:
                return False
            self._sweep_number += 1
            self._next_sweep_at = now + interval
            self._sweep_pending = list(units)
            self._sweep_results = []
        unit = self._sweep_pending.pop(0)
        state = self._units.setdefault(unit, _UnitState())
        if state.offline and self._sweep_number % self.offline_every and state.last is not None:
            result = state.last  # offline: re-polled every offline_every sweeps only
        else:
            result = self._poll_unit(unit)
        self._sweep_results.append(result)
        if not self._sweep_pending:
            self._finish_sweep()
        return True

    def _poll_while_lost(self, units: list[int], interval: float, now: float) -> bool:
        """Link lost: try to reopen; every interval, report a sweep of errors."""
        try:
            self._ensure_link()
            return True
        except LinkLost as exc:
            fault = fault_of(exc, link=self.key)
        if now >= self._next_sweep_at:
            self._sweep_number += 1
            self._next_sweep_at = now + max(interval, self.reopen_interval)
            self._sweep_pending = []
            self._sweep_results = [self._lost_result(u, fault) for u in units]
            for r in self._sweep_results:
                self.unitUpdated.emit(r)
            self._finish_sweep()
        with self._cond:
            if not self._queue and not self._stopping.is_set():
                self._cond.wait(self.reopen_interval)
        return True

    def _lost_result(self, unit: int, fault: Fault) -> UnitResult:
        fault = Fault(fault.kind, f"link lost: {fault.message}", unit=unit, link=self.key, detail=fault.detail,
                      data=fault.data)
        result = UnitResult(unit, time.time(), None, fault, "lost")
        self._units.setdefault(unit, _UnitState()).last = result
        return result

    def _finish_sweep(self) -> None:
        sweep = Sweep(self._sweep_number, time.time(), tuple(self._sweep_results))
        self._sweep_results = []
        self.sweepFinished.emit(sweep)
        self.diagnosticsUpdated.emit(self.diagnostics())

    def diagnostics(self) -> tuple[UnitDiagnostics, ...]:
        return tuple(self._counters.snapshot(u) for u in self._counters.units())

    def _poll_unit(self, unit: int) -> UnitResult:
        state = self._units.setdefault(unit, _UnitState())
        try:
            link = self._ensure_link()
            poll = getattr(link, "poll_unit", None)
            if poll is not None:
                result = self._poll_with(poll, unit, state)
            else:
                spans = list(LIVE_SPANS) + ([] if state.thresholds_valid else [THRESHOLD_SPAN])
                for start, count in spans:
                    state.registers.update(self._read_retrying(link, unit, start, count))
                state.thresholds_valid = True
                state.misses = 0
                state.offline = False
                result = UnitResult(unit, time.time(), decode_registers(unit, state.registers))
        except LinkLost as exc:
            fault = fault_of(exc, link=self.key)
            self._close_link("lost", str(exc), fault)
            result = self._lost_result(unit, fault)
        except Exception as exc:  # a link error, or a bug: the unit's fault, and the sweep goes on
            fault = fault_of(exc, link=self.key, unit=unit)
            state.misses += 1
            state.offline = state.misses >= self.offline_after
            if state.offline:
                fault = Fault(fault.kind, f"offline after {state.misses} failed polls, re-polled every "
                              f"{self.offline_every} sweeps: {fault.message}", unit=unit, link=self.key,
                              detail=fault.detail, data={**fault.data, "misses": state.misses})
            result = UnitResult(unit, time.time(), None, fault, "offline" if state.offline else "error")
        state.last = result
        self._flush_frames()
        self.unitUpdated.emit(result)
        return result

    @staticmethod
    def _poll_with(poll: Callable[[int], UnitReading | None], unit: int, state: _UnitState) -> UnitResult:
        """A link that reads a whole unit itself (``link.poll_unit(address)``, e.g. SNMP): its
        reading, or None for a unit that is not there (a slave not chained behind an SNMP
        master), which is reported as state "absent" and re-polled like an offline unit."""
        reading = poll(unit)
        state.misses = 0
        state.offline = reading is None
        if reading is None:
            return UnitResult(unit, time.time(), None, None, "absent")
        return UnitResult(unit, time.time(), reading)

    @staticmethod
    def _read_retrying(link: ModbusLink, unit: int, start: int, count: int) -> dict[int, int]:
        try:
            return link.read_block(unit, start, count)
        except FrameError:  # line noise: one retry before the error counts
            return link.read_block(unit, start, count)
