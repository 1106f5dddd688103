"""The restart of a simulated master: its services go silent, then come back.

A real BPS2000v2 restarts by itself when a firmware upload is complete (manual section 15):
for a while nothing answers, then it is back with the new firmware and possibly its
configuration lost. :class:`RestartCoordinator` plays that for the services of one simulated
master (Modbus TCP, Telnet, SNMP, TFTP):

* :meth:`RestartCoordinator.restart` pauses every registered service, waits ``reboot_s``
  seconds, applies the new firmware version (and, unless ``keep_config``, the factory
  alarm thresholds, as the manual warns an update may do), then resumes every service;
* :meth:`RestartCoordinator.firmware_uploaded` is what the TFTP server calls after a
  complete upload: the version becomes the file name without extension after its first
  "-" (:func:`version_from_filename`).

A service is paused by its ``pause()``/``resume()`` when it has them (:class:`TcpSimulator`:
connections stay open but nothing answers; at the resume they are dropped, as a rebooted
unit forgets them). A service without them is stopped and started again on the same port
(``stop()``/``start()``): its port refuses connections meanwhile.

Re-addressing: a Telnet CLI added to the coordinator gives it the master's stored settings
(:meth:`RestartCoordinator.attach_settings`). When a restart ends and the stored address
differs from the one in effect, every registered service bound to the old host is stopped
and started on the new address with the same port number (one asked for port 0 keeps the
port it got); services on other hosts stay where they are. A service that cannot bind
there (the address is taken) stays down, and :attr:`RestartCoordinator.failures` records it.
"""

from __future__ import annotations

import datetime
import re
import threading
from typing import Any, Callable, Sequence

from bps_commissioner.device.decode import registers_of
from bps_commissioner.simulator.model import SimulatedUnit, default_thresholds

_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,7}$")


def version_from_filename(name: str) -> str:
    """The firmware version a simulated unit reports after ``name`` was uploaded: the file
    name without its extension, after its first "-" (``BPS2500-3.bin`` -> ``3``,
    ``BPS2000v2-2.0.6-C.bin`` -> ``2.0.6-C``); a name without "-" gives the whole stem.
    Only an extension that starts with a letter is removed, so ``BPS-2.0.6`` -> ``2.0.6``."""
    base = re.split(r"[\\/]", name)[-1]
    stem = _EXTENSION.sub("", base) or base
    _, dash, after = stem.partition("-")
    return after if dash and after else stem


class _StopStart:
    """pause()/resume() for a service that can only stop() and start() (same port)."""

    def __init__(self, service: Any) -> None:
        self.service = service

    def pause(self) -> None:
        svc = self.service
        if getattr(svc, "_port", None) == 0:  # asked for any free port: keep the one it got
            svc._port = svc.port
        svc.stop()

    def resume(self) -> None:
        self.service.start()


class RestartCoordinator:
    """Restarts of one simulated master. ``master``: the unit whose firmware version and
    thresholds change; several units when the simulator models the one master more than
    once (e.g. the Modbus TCP chain's first unit and the Telnet/SNMP master): each gets the
    new version and the factory thresholds. ``reboot_s``: how long its services stay silent."""

    def __init__(self, master: SimulatedUnit | Sequence[SimulatedUnit], reboot_s: float = 3.0, *,
                 keep_config: bool = False) -> None:
        if reboot_s < 0:
            raise ValueError("reboot_s must be 0 or more")
        masters = (master,) if isinstance(master, SimulatedUnit) else tuple(master)
        if not masters:
            raise ValueError("a restart coordinator needs the master unit")
        self.masters = tuple({id(u): u for u in masters}.values())
        self.master = self.masters[0]
        self.reboot_s = reboot_s
        self.keep_config = keep_config
        self.restarts = 0
        self.uploads: list[tuple[str, int]] = []  # (file name, size) of every complete upload
        self.on_restarted: list[Callable[[str], None]] = []  # called with the version after each restart
        # called with ``factory`` in the restart's thread, before the services come back
        self.on_rebooting: list[Callable[[bool], None]] = []
        self.on_moved: list[Callable[[str], None]] = []  # called with the new address after a move
        self.settings: Any = None  # the master's stored settings (``.address``), see attach_settings
        self.address: str | None = None  # the address in effect
        self.bound_host: str | None = None  # the host the master's services are bound to
        #: True: a restart moves the services to the stored address; False: they stay; or a
        #: function of the stored address saying whether to move there (e.g. loopback only)
        self.readdress: bool | Callable[[str], bool] = True
        # (service class, host, port, error) of every service that could not come back
        self.failures: list[tuple[str, str, int, str]] = []
        self._services: list[Any] = []
        self._lock = threading.Lock()
        self._up = threading.Event()
        self._up.set()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def add(self, service: Any) -> Any:
        """Register a running service (it needs pause/resume, or stop/start). Returns it.
        A service with ``attach_coordinator`` (the Telnet CLI) is told about this coordinator."""
        with self._lock:
            self._services.append(service)
        if hasattr(service, "attach_coordinator"):
            service.attach_coordinator(self)
        return service

    def attach_settings(self, settings: Any, bound_host: str) -> None:
        """Re-address by ``settings.address`` (the stored address) at every restart; the
        address in effect is the stored one now, the services are bound to ``bound_host``."""
        self.settings = settings
        self.address = settings.address
        self.bound_host = bound_host

    @property
    def services(self) -> list[Any]:
        with self._lock:
            return list(self._services)

    @property
    def version(self) -> str:
        return self.master.firmware_version

    @property
    def rebooting(self) -> bool:
        return not self._up.is_set()

    def wait_up(self, timeout: float | None = None) -> bool:
        """Block until no restart is under way; False on timeout."""
        return self._up.wait(timeout)

    def firmware_uploaded(self, filename: str, data: bytes) -> None:
        """A complete upload arrived: restart with the version its name carries."""
        with self._lock:
            self.uploads.append((filename, len(data)))
        self.restart(version_from_filename(filename))

    def restart(self, new_version: str | None = None, *, factory: bool = False,
                announce: Callable[[], None] | None = None) -> bool:
        """Start a restart in the background; False when one is already under way.
        ``factory``: the thresholds go back to factory values even with ``keep_config``.
        ``announce`` is called once the restart is under way, before the services go silent."""
        with self._lock:
            if not self._up.is_set() or self._stop.is_set():
                return False
            self._up.clear()
            services = list(self._services)
            self._thread = threading.Thread(target=self._reboot, args=(services, new_version, factory),
                                            name="simulated-master restart", daemon=True)
        if announce is not None:
            try:
                announce()
            except OSError:
                pass
        for service in services:
            self._pause(service)
        self._thread.start()
        return True

    def _reboot(self, services: list[Any], new_version: str | None, factory: bool) -> None:
        try:
            self._stop.wait(self.reboot_s)
            for unit in self.masters:
                if new_version is not None:
                    unit.firmware_version = new_version
                    unit.firmware_date = datetime.date.today().isoformat()
                if factory or (new_version is not None and not self.keep_config):
                    for register, word in registers_of(default_thresholds(unit.rating)).items():
                        unit.write(register, word)
            self.restarts += 1
        finally:
            moved = None
            if not self._stop.is_set():
                for hook in list(self.on_rebooting):
                    try:
                        hook(factory)
                    except Exception as exc:  # noqa: BLE001 - recorded, never raised in this thread
                        self.failures.append((getattr(hook, "__qualname__", "hook"), "", 0, str(exc)))
                moved = self._new_address()
                for service in services:
                    if moved is not None and getattr(service, "host", None) == self.bound_host:
                        self._move(service, moved)
                    else:
                        self._resume(service)
                if moved is not None:
                    self.address = self.bound_host = moved
            self._up.set()
        if moved is not None:
            for moved_callback in list(self.on_moved):
                moved_callback(moved)
        for callback in list(self.on_restarted):
            callback(self.master.firmware_version)

    def _new_address(self) -> str | None:
        """The stored address when it differs from the one in effect, else None."""
        wanted = getattr(self.settings, "address", None)
        if not wanted or self.address is None or wanted == self.address:
            return None
        allowed = self.readdress(wanted) if callable(self.readdress) else self.readdress
        return wanted if allowed else None

    def _move(self, service: Any, host: str) -> None:
        """Stop ``service`` and start it on ``host`` with the same port number; a failure
        leaves it down and is recorded."""
        try:
            if getattr(service, "_port", None) == 0:  # asked for any free port: keep the one it got
                service._port = service.port
            service.stop()
            service.host = host
            service.start()
            if hasattr(service, "pause") and hasattr(service, "resume"):
                service.resume()  # it was paused for the restart
        except (OSError, RuntimeError) as exc:
            try:
                service.stop()
            except (OSError, RuntimeError):
                pass
            self.failures.append((type(service).__name__, host, getattr(service, "port", 0), str(exc)))

    def stop(self) -> None:
        """End a restart under way at once (the services stay as they are: stop them)."""
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(2.0)

    @staticmethod
    def _adapter(service: Any) -> Any:
        return service if hasattr(service, "pause") and hasattr(service, "resume") else _StopStart(service)

    def _pause(self, service: Any) -> None:
        try:
            self._adapter(service).pause()
        except OSError:
            pass

    def _resume(self, service: Any) -> None:
        try:
            self._adapter(service).resume()
        except (OSError, RuntimeError):
            pass  # a port taken meanwhile: the service stays down, as a unit with a conflict would


__all__ = ["RestartCoordinator", "version_from_filename"]
