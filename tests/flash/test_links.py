"""A master the window polls is flashed without a second Modbus TCP connection: the
threshold backup, the post-restart comparison and restore (and the ``modbus`` restart
probe) run as jobs on the polling worker (services/flash/links.py). Counted at the
simulator: every connection it accepted was opened by the polling worker's own thread."""

from __future__ import annotations

import dataclasses
import threading

import pytest

from bps_commissioner.services.endpoints import TcpEndpoint
from bps_commissioner.services.flasher import FlashHooks, flash_job, load_firmware, manager_link_runner
from bps_commissioner.services.manager import NETWORK_KEY, LinkManager
from bps_commissioner.transport.tcp import TcpLink

from .conftest import QUICK


@pytest.fixture
def opens(monkeypatch):
    """The thread id of every Modbus TCP connection a TcpLink opens."""
    seen: list[int] = []
    original = TcpLink.open

    def open_(self):
        before = self._sock
        original(self)
        if before is None and self._sock is not None:
            seen.append(threading.get_ident())

    monkeypatch.setattr(TcpLink, "open", open_)
    return seen


def _worker_thread(qtbot, manager, key) -> int:
    """The polling worker's thread id (from a job on it)."""
    done = []
    manager.jobFinished.connect(lambda k, r: done.append(r) if k == key else None)
    job_id = manager.submit(key, lambda ctx: threading.get_ident())
    qtbot.waitUntil(lambda: any(r.job_id == job_id for r in done), timeout=5000)
    return next(r.value for r in done if r.job_id == job_id)


@pytest.mark.parametrize("verify", ["telnet", "modbus"])
def test_a_polled_master_is_flashed_over_its_polling_link(qtbot, master, firmware_file, opens, verify):
    master.unit.write(70, 123)  # current_l1.high = 12.3 A: the update resets it, the restore puts it back
    manager = LinkManager(worker_options={"reopen_interval": 0.2})
    try:
        key = manager.add_link(TcpEndpoint("127.0.0.1", master.tcp.port, timeout=1.0), [1], interval=0.2)
        polled = []
        manager.unitUpdated.connect(lambda k, r: polled.append(r) if r.reading is not None else None)
        qtbot.waitUntil(lambda: bool(polled), timeout=5000)
        worker = _worker_thread(qtbot, manager, key)

        hooks = FlashHooks(run_on_link=manager_link_runner(manager, fallback=_no_own_link))
        finished = []
        manager.jobFinished.connect(lambda k, r: finished.append(r) if k == NETWORK_KEY else None)
        manager.submit_network(flash_job(load_firmware(firmware_file), [master.target()],
                                         dataclasses.replace(QUICK, verify=verify, restore=True), confirmed=True,
                                         password="admin", hooks=hooks))
        qtbot.waitUntil(lambda: bool(finished), timeout=30000)
        (job,) = finished
        (result,) = job.value
        assert result.ok, result.error
        assert result.backup and [c.setting for c in result.thresholds_changed] == ["current_l1.high"]
        assert result.restored is True and master.unit.read(70, 1) == [123]
        assert master.coordinator.restarts == 1
        # polling goes on after the restart
        polled.clear()
        qtbot.waitUntil(lambda: bool(polled), timeout=5000)
    finally:
        assert manager.stop_all(5)
    # every Modbus TCP connection the simulator accepted is the polling worker's own
    # (its first, and its reconnections after the restart): none for the backup or restore
    assert opens and set(opens) == {worker}
    assert master.tcp.accepted == len(opens)


def test_without_the_runner_the_flasher_opens_its_own_connections(master, firmware_file, opens):
    """The control: the CLI's default runner connects by itself (and is counted too)."""
    from bps_commissioner.services.flasher import flash_host

    result = flash_host(load_firmware(firmware_file), master.target(), dataclasses.replace(QUICK, restore=True),
                        FlashHooks(confirm=lambda *_: True, password=lambda _t: "admin"))
    assert result.ok, result.error
    assert master.tcp.accepted == len(opens) >= 2  # the backup, the comparison after the restart


def _no_own_link(target, fn, timeout):
    raise AssertionError(f"{target.host}:{target.modbus_port} is polled: no connection of its own")
