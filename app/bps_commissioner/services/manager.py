"""The links of a session, for the GUI: one :class:`LinkWorker` per endpoint.

:class:`LinkManager` starts and stops the workers and re-emits their signals tagged with
the link's key (``endpoint.key``), always from the thread the manager lives in (the GUI
thread): each worker's signals reach a small relay object there through a queued
connection, and the relay re-emits them on the manager. The GUI therefore connects once,
to the manager, and never touches a worker, a link or a transport.

A bus scan is a job on the link's worker (the port stays owned by that one thread), with
progress and cancel; while it runs the worker's polling waits, as RS485 carries one request
at a time. Scanning applies to serial links only: behind Modbus TCP the unit ids are given.

Stopping is cooperative and never blocks the GUI except in :meth:`LinkManager.stop_all`
(application exit): a worker being replaced (new bus settings after a scan) or removed is
asked to stop and dropped when its thread has ended; its successor on the same port starts
only then, as the port is opened exclusively.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from PySide6.QtCore import QObject, Signal, Slot

from bps_commissioner.device.bus import BusSettings
from bps_commissioner.services.endpoints import Endpoint, SerialEndpoint
from bps_commissioner.services.scan import SCAN_ADDRESS, SCAN_DETECT, DEFAULT_REPLY_WAIT, ScanResult, scan_job
from bps_commissioner.services.worker import Job, JobContext, LinkWorker, Priority

log = logging.getLogger(__name__)


DEFAULT_INTERVAL = 1.0
#: The key of the session's network worker (jobs that are not on a polled link).
NETWORK_KEY = "network:jobs"


# --- serial ports ----------------------------------------------------------------------------

#: USB-serial chips by USB vendor id and (vendor, product) id, as engineers know them.
_VENDORS = {0x0403: "FTDI", 0x1A86: "WCH CH34x", 0x10C4: "Silicon Labs CP210x", 0x067B: "Prolific PL2303",
            0x04E2: "MaxLinear/Exar", 0x2341: "Arduino"}
_PRODUCTS = {
    (0x0403, 0x6001): "FTDI FT232R", (0x0403, 0x6010): "FTDI FT2232", (0x0403, 0x6011): "FTDI FT4232",
    (0x0403, 0x6014): "FTDI FT232H", (0x0403, 0x6015): "FTDI FT-X",
    (0x1A86, 0x7523): "WCH CH340", (0x1A86, 0x7522): "WCH CH340", (0x1A86, 0x5523): "WCH CH341",
    (0x1A86, 0x55D4): "WCH CH9102",
    (0x10C4, 0xEA60): "Silicon Labs CP210x", (0x10C4, 0xEA70): "Silicon Labs CP2105",
    (0x10C4, 0xEA71): "Silicon Labs CP2108",
    (0x067B, 0x2303): "Prolific PL2303", (0x067B, 0x23A3): "Prolific PL2303GC",
    (0x067B, 0x23C3): "Prolific PL2303GT", (0x067B, 0x23D3): "Prolific PL2303GL",
}


@dataclass(frozen=True)
class PortInfo:
    """A serial port as the operating system lists it."""

    device: str  # "COM5", "/dev/ttyUSB0"
    description: str = ""
    vid: int | None = None
    pid: int | None = None
    manufacturer: str | None = None

    @property
    def adapter(self) -> str | None:
        """The USB-serial chip ("FTDI FT232R", "WCH CH340", ...) when the ids are known."""
        if self.vid is None:
            return None
        return _PRODUCTS.get((self.vid, self.pid or 0)) or _VENDORS.get(self.vid)

    @property
    def vid_pid(self) -> str:
        """``"0403:6001"``, or "" for a port that is not on USB."""
        if self.vid is None:
            return ""
        return f"{self.vid:04X}:{(self.pid or 0):04X}"


def serial_ports() -> list[PortInfo]:
    """The serial ports present now, USB adapters first, then by name."""
    import serial.tools.list_ports  # the transport's library; imported here to keep startup fast

    ports = []
    for p in serial.tools.list_ports.comports():
        description = p.description if p.description and p.description != "n/a" else ""
        ports.append(PortInfo(p.device, description, p.vid, p.pid, p.manufacturer))
    return sorted(ports, key=lambda p: (p.vid is None, p.device))


# --- the manager ----------------------------------------------------------------------------

class _Relay(QObject):
    """Lives in the manager's thread; receives one worker's signals queued and re-emits them
    on the manager tagged with the link key. Signals of a worker that has been replaced are
    dropped."""

    def __init__(self, manager: "LinkManager", key: str, worker: LinkWorker):
        super().__init__(manager)
        self._manager = manager
        self.key = key
        self.worker = worker
        worker.linkStateChanged.connect(self.on_link_state)
        worker.unitUpdated.connect(self.on_unit)
        worker.sweepFinished.connect(self.on_sweep)
        worker.framesLogged.connect(self.on_frames)
        worker.diagnosticsUpdated.connect(self.on_diagnostics)
        worker.jobProgress.connect(self.on_job_progress)
        worker.jobFinished.connect(self.on_job_finished)
        worker.finished.connect(self.on_finished)

    def _current(self) -> bool:
        return self._manager._current_worker(self.key) is self.worker

    @Slot(str, str, object)
    def on_link_state(self, state: str, message: str, fault: Any) -> None:
        if self._current():
            self._manager._link_state[self.key] = (state, message)
            self._manager._link_fault[self.key] = fault
            self._manager.linkStateChanged.emit(self.key, state, message)

    @Slot(object)
    def on_unit(self, result: Any) -> None:
        if self._current():
            self._manager.unitUpdated.emit(self.key, result)

    @Slot(object)
    def on_sweep(self, sweep: Any) -> None:
        if self._current():
            self._manager.sweepFinished.emit(self.key, sweep)

    @Slot(object)
    def on_frames(self, records: Any) -> None:
        if self._current():
            for record in records:
                self._manager.frameLogged.emit(self.key, record)

    @Slot(object)
    def on_diagnostics(self, diagnostics: Any) -> None:
        if self._current():
            self._manager.diagnosticsUpdated.emit(self.key, diagnostics)

    @Slot(int, object)
    def on_job_progress(self, job_id: int, progress: Any) -> None:
        self._manager.jobProgress.emit(self.key, job_id, progress)

    @Slot(object)
    def on_job_finished(self, result: Any) -> None:
        self._manager.jobFinished.emit(self.key, result)

    @Slot()
    def on_finished(self) -> None:
        self._manager._worker_finished(self)


@dataclass
class _Link:
    endpoint: Endpoint
    worker: LinkWorker
    relay: _Relay
    units: tuple[int, ...]
    interval: float


class LinkManager(QObject):
    """Owns the session's link workers. Create and use it in the GUI thread."""

    linkAdded = Signal(str, object)  # key, Endpoint
    linkRemoved = Signal(str)  # key
    endpointChanged = Signal(str, object)  # key, Endpoint (new bus settings after a scan)
    pollingChanged = Signal(str, object)  # key, tuple[int, ...] of polled unit addresses
    linkStateChanged = Signal(str, str, str)  # key, state ("connected", "lost", "closed"), message
    unitUpdated = Signal(str, object)  # key, UnitResult
    sweepFinished = Signal(str, object)  # key, Sweep
    frameLogged = Signal(str, object)  # key, FrameRecord
    diagnosticsUpdated = Signal(str, object)  # key, tuple[UnitDiagnostics, ...]
    jobProgress = Signal(str, int, object)  # key, job id, Progress
    jobFinished = Signal(str, object)  # key, JobResult

    def __init__(self, parent: QObject | None = None, *, log_frames: bool = True,
                 worker_options: dict[str, Any] | None = None):
        super().__init__(parent)
        self.log_frames = log_frames
        #: attributes set on every new worker (e.g. {"offline_after": 2}); for tests and tuning
        self.worker_options = dict(worker_options or {})
        self._links: dict[str, _Link] = {}
        self._link_state: dict[str, tuple[str, str]] = {}
        self._link_fault: dict[str, Any] = {}
        self._network: tuple[LinkWorker, _Relay] | None = None
        self._retiring: list[_Relay] = []  # workers asked to stop, not yet ended
        self._pending_start: dict[str, LinkWorker] = {}  # key -> worker waiting for its port
        self._closing = False
        self._focus: tuple[str | None, int | None] = (None, None)

    # -- queries ------------------------------------------------------------------------------
    def keys(self) -> list[str]:
        return list(self._links)

    def endpoint(self, key: str) -> Endpoint:
        return self._link(key).endpoint

    def polled_units(self, key: str) -> tuple[int, ...]:
        return self._link(key).units

    def link_state(self, key: str) -> tuple[str, str]:
        """The latest (state, message) the link reported; ("closed", "") before any."""
        return self._link_state.get(key, ("closed", ""))

    def link_fault(self, key: str) -> Any:
        """The Fault of the link's latest state change (None when it is up or closed)."""
        return self._link_fault.get(key)

    def workers(self) -> list[LinkWorker]:
        """Every worker object the manager still holds, running or about to end."""
        network = [self._network[0]] if self._network is not None else []
        return [link.worker for link in self._links.values()] + [r.worker for r in self._retiring] + network

    def running_workers(self) -> list[LinkWorker]:
        return [w for w in self.workers() if w.isRunning()]

    def diagnostics(self, key: str) -> tuple[Any, ...]:
        return self._link(key).worker.diagnostics()

    def _link(self, key: str) -> _Link:
        try:
            return self._links[key]
        except KeyError:
            raise KeyError(f"no link {key!r}") from None

    def _current_worker(self, key: str) -> LinkWorker | None:
        if key == NETWORK_KEY and self._network is not None:
            return self._network[0]
        link = self._links.get(key)
        return link.worker if link else None

    # -- links --------------------------------------------------------------------------------
    def add_link(self, endpoint: Endpoint, units: Iterable[int] = (),
                 interval: float = DEFAULT_INTERVAL) -> str:
        """Start a worker for ``endpoint`` polling ``units`` every ``interval`` seconds.
        An endpoint already connected (same key) is replaced: new settings, new units."""
        if self._closing:
            raise RuntimeError("the link manager is shutting down")
        key = endpoint.key
        units = tuple(dict.fromkeys(units))
        if key in self._links:
            self.replace_endpoint(key, endpoint, units)
            return key
        worker = self._new_worker(key, endpoint, units, interval)
        log.info("%s: link added (%s), polling units %s every %s s", key, endpoint.describe(), list(units), interval)
        self._links[key] = _Link(endpoint, worker, _Relay(self, key, worker), units, interval)
        self.linkAdded.emit(key, endpoint)
        self.pollingChanged.emit(key, units)
        worker.start()
        return key

    def _new_worker(self, key: str, endpoint: Endpoint, units: tuple[int, ...], interval: float) -> LinkWorker:
        worker = LinkWorker(endpoint, log_frames=self.log_frames)
        for name, value in self.worker_options.items():
            setattr(worker, name, value)
        worker.set_polling(list(units), interval)
        if self._focus[0] == key:
            worker.set_focus(self._focus[1])
        return worker

    def replace_endpoint(self, key: str, endpoint: Endpoint, units: Iterable[int] | None = None) -> None:
        """Go on with ``endpoint`` (same key, e.g. other bus settings): the old worker is
        asked to stop and the new one starts on the port once the old one has let go."""
        if endpoint.key != key:
            raise ValueError(f"endpoint {endpoint.key!r} does not belong to link {key!r}")
        link = self._link(key)
        units = link.units if units is None else tuple(dict.fromkeys(units))
        log.info("%s: link changed (%s), polling units %s", key, endpoint.describe(), list(units))
        old_relay = link.relay
        worker = self._new_worker(key, endpoint, units, link.interval)
        link.endpoint, link.worker, link.units = endpoint, worker, units
        link.relay = _Relay(self, key, worker)
        self._retire(old_relay)
        self.endpointChanged.emit(key, endpoint)
        self.pollingChanged.emit(key, units)
        if old_relay.worker.isRunning():
            self._pending_start[key] = worker
        else:
            worker.start()

    def remove_link(self, key: str) -> None:
        """Stop polling ``key`` and close its port or connection (in the background)."""
        link = self._links.pop(key)
        log.info("%s: link removed", key)
        self._pending_start.pop(key, None)
        self._link_state.pop(key, None)
        self._retire(link.relay)
        self.linkRemoved.emit(key)

    def _retire(self, relay: _Relay) -> None:
        relay.worker.stop(0)  # ask, do not wait: the GUI thread never blocks on a worker
        if relay.worker.isRunning():
            self._retiring.append(relay)
        else:
            relay.deleteLater()

    def _worker_finished(self, relay: _Relay) -> None:
        if relay in self._retiring:
            self._retiring.remove(relay)
            relay.deleteLater()
            # a successor waiting for this port may start now
            waiting = self._pending_start.get(relay.key)
            if waiting is not None and not self._closing and not any(r.key == relay.key for r in self._retiring):
                del self._pending_start[relay.key]
                waiting.start()

    def stop_all(self, timeout: float = 5.0) -> bool:
        """Stop every worker and wait for them (at most ``timeout`` seconds in all). Used at
        application exit; True when no worker thread is left running."""
        self._closing = True
        self._pending_start.clear()
        relays = [link.relay for link in self._links.values()] + list(self._retiring)
        if self._network is not None:
            relays.append(self._network[1])
        for relay in relays:
            relay.worker.stop(0)
        deadline = time.monotonic() + timeout
        ok = True
        for relay in relays:
            remaining = max(0.0, deadline - time.monotonic())
            if relay.worker.isRunning() and not relay.worker.wait(int(remaining * 1000)):
                ok = False
        if ok:
            self._retiring.clear()
        return ok

    # -- polling and jobs ---------------------------------------------------------------------
    def set_polling(self, key: str, units: Iterable[int], interval: float | None = None) -> None:
        link = self._link(key)
        link.units = tuple(dict.fromkeys(units))
        if interval is not None:
            link.interval = interval
        link.worker.set_polling(list(link.units), link.interval)
        self.pollingChanged.emit(key, link.units)

    def set_focus(self, key: str | None, unit: int | None) -> None:
        """The unit on screen: re-read often by its link; every other link has no focus."""
        self._focus = (key, unit)
        for k, link in self._links.items():
            link.worker.set_focus(unit if k == key else None)

    def submit(self, key: str, job: Job, priority: Priority = Priority.FOREGROUND) -> int:
        if key == NETWORK_KEY:
            return self.submit_network(job)
        return self._link(key).worker.submit(job, priority)

    def submit_network(self, job: Job) -> int:
        """Queue a job that is not on a polled link (a TFTP upload, a Telnet session, an SNMP
        walk) on the session's network worker, started on first use. Its progress and result
        arrive by jobProgress / jobFinished with the key NETWORK_KEY."""
        if self._closing:
            raise RuntimeError("the link manager is shutting down")
        if self._network is None:
            worker = LinkWorker.network("jobs")
            self._network = (worker, _Relay(self, NETWORK_KEY, worker))
            worker.start()
        return self._network[0].submit(job)

    def cancel(self, key: str, job_id: int) -> None:
        worker = self._current_worker(key)
        if worker is not None:
            worker.cancel(job_id)

    def refresh_thresholds(self, key: str, unit: int) -> None:
        self._link(key).worker.refresh_thresholds(unit)

    # -- scanning -----------------------------------------------------------------------------
    def can_scan(self, key: str) -> bool:
        return isinstance(self.endpoint(key), SerialEndpoint)

    def scan(self, key: str, addresses: Sequence[int], settings: BusSettings | None = None, *,
             auto: bool = False, reply_wait: float = DEFAULT_REPLY_WAIT) -> int:
        """Scan a serial link as a job; the ScanResult arrives in jobFinished's value.

        ``settings``: the bus settings to scan at (default: the link's); ``auto``: detect
        them first (factory 9600 8N1 first). Progress texts: see :func:`parse_scan_progress`.
        The link is left at its own settings afterwards: :meth:`apply_scan` switches it."""
        endpoint = self.endpoint(key)
        if not isinstance(endpoint, SerialEndpoint):
            raise ValueError("a bus scan applies to serial (RS485) links; behind Modbus TCP give the unit ids")
        addresses = list(addresses)
        if not addresses:
            raise ValueError("no address to scan")
        return self.submit(key, scan_job(addresses, settings, auto, reply_wait), Priority.FOREGROUND)

    def apply_scan(self, key: str, result: ScanResult, scanned: Iterable[int]) -> tuple[int, ...]:
        """Poll what a scan found: the found units replace the polled units within the
        scanned addresses (units outside them stay), and when the units answered at other
        bus settings than the link's, the link switches to those and polls only the units
        that answered there (the others were never heard at them). Returns the polled units."""
        link = self._link(key)
        scanned = set(scanned)
        found = {r.address for r in result.found}
        units = tuple(sorted((set(link.units) - scanned) | found))
        endpoint = link.endpoint
        if (found and result.settings is not None and isinstance(endpoint, SerialEndpoint)
                and result.settings != endpoint.settings):
            units = tuple(sorted(found))
            self.replace_endpoint(key, dataclasses.replace(endpoint, settings=result.settings), units)
        else:
            self.set_polling(key, units)
        return units


__all__ = ["DEFAULT_INTERVAL", "LinkManager", "NETWORK_KEY", "PortInfo", "SCAN_ADDRESS", "SCAN_DETECT",
           "scan_job", "serial_ports"]
