"""services/manager.py: the GUI's link manager, against the simulator (TCP and RTU on a pty)."""

import pytest

from bps_commissioner.device.bus import BusSettings
from bps_commissioner.services.endpoints import SerialEndpoint
from bps_commissioner.services.manager import (
    SCAN_ADDRESS, SCAN_DETECT, LinkManager, PortInfo, serial_ports,
)
from bps_commissioner.simulator import build_chain
from tests.conftest import posix_only
from tests.ui.conftest import tcp_endpoint


def collect(signal):
    got = []
    signal.connect(lambda *args: got.append(args))
    return got


def test_signals_are_tagged_with_the_link_key(qtbot, manager, tcp_chain):
    added = collect(manager.linkAdded)
    polling = collect(manager.pollingChanged)
    units = collect(manager.unitUpdated)
    states = collect(manager.linkStateChanged)
    frames = collect(manager.frameLogged)
    diagnostics = collect(manager.diagnosticsUpdated)
    endpoint = tcp_endpoint(tcp_chain)
    key = manager.add_link(endpoint, [1, 2, 2, 4])
    assert key == endpoint.key and manager.keys() == [key]
    assert added == [(key, endpoint)] and polling == [(key, (1, 2, 4))]
    qtbot.waitUntil(lambda: {r.address for _, r in units} >= {1, 2, 4} and bool(diagnostics), timeout=5000)
    assert all(k == key for k, _ in units) and all(k == key for k, _ in frames)
    assert states[0] == (key, "connected", endpoint.describe())
    assert manager.link_state(key)[0] == "connected"
    assert {d.address for d in diagnostics[-1][1]} == {1, 2, 4}


def test_focus_polling_and_remove(qtbot, manager, tcp_chain):
    key = manager.add_link(tcp_endpoint(tcp_chain), [1])
    units = collect(manager.unitUpdated)
    manager.set_polling(key, [3, 4])
    assert manager.polled_units(key) == (3, 4)
    qtbot.waitUntil(lambda: {r.address for _, r in units} >= {3, 4}, timeout=5000)
    worker = manager.workers()[0]
    removed = collect(manager.linkRemoved)
    manager.remove_link(key)
    assert removed == [(key,)] and manager.keys() == []
    qtbot.waitUntil(worker.isFinished, timeout=5000)
    qtbot.waitUntil(lambda: manager.workers() == [], timeout=2000)


def test_stop_all_leaves_no_running_worker(qtbot, manager, tcp_chain, chain):
    from bps_commissioner.simulator import TcpSimulator

    other = TcpSimulator(chain, "127.0.0.1", 0).start()
    try:
        manager.add_link(tcp_endpoint(tcp_chain), [1, 2])
        manager.add_link(tcp_endpoint(other), [1])
        qtbot.waitUntil(lambda: len(manager.running_workers()) == 2, timeout=3000)
        assert manager.stop_all(5)
        assert manager.running_workers() == []
        with pytest.raises(RuntimeError):
            manager.add_link(tcp_endpoint(other), [1])
    finally:
        other.stop()


def test_scan_over_tcp_is_refused(manager, tcp_chain):
    key = manager.add_link(tcp_endpoint(tcp_chain), [1])
    assert not manager.can_scan(key)
    with pytest.raises(ValueError, match="serial"):
        manager.scan(key, [1, 2])


@posix_only
def test_scan_job_finds_units_and_conflicts_then_polls_them(qtbot, manager, rtu_factory):
    sim = rtu_factory(build_chain([2, 5, 5, 7], seed=3))
    key = manager.add_link(SerialEndpoint(sim.link), [])
    progress = collect(manager.jobProgress)
    finished = collect(manager.jobFinished)
    job = manager.scan(key, range(1, 11))
    qtbot.waitUntil(lambda: bool(finished), timeout=15000)
    (k, result), = finished
    assert k == key and result.job_id == job and result.error is None
    scan = result.value
    assert [r.address for r in scan.found] == [2, 7] and scan.conflicts == (5,)
    phases = {p[2].step for p in progress}
    assert phases == {SCAN_ADDRESS}
    assert (progress[0][2].step, progress[0][2].get("address")) == (SCAN_ADDRESS, 1)
    units = collect(manager.unitUpdated)
    assert manager.apply_scan(key, scan, range(1, 11)) == (2, 7)
    qtbot.waitUntil(lambda: {r.address for _, r in units} >= {2, 7}, timeout=5000)


@posix_only
def test_auto_detect_switches_the_link_to_the_found_settings(qtbot, manager, rtu_factory):
    sim = rtu_factory(build_chain([4], seed=3), settings=BusSettings(19200, "N", 1))
    key = manager.add_link(SerialEndpoint(sim.link, BusSettings(9600, "N", 1)), [])
    progress = collect(manager.jobProgress)
    finished = collect(manager.jobFinished)
    manager.scan(key, [3, 4, 5], auto=True)
    qtbot.waitUntil(lambda: bool(finished), timeout=30000)
    scan = finished[0][1].value
    assert scan.settings == BusSettings(19200, "N", 1) and [r.address for r in scan.found] == [4]
    assert (SCAN_DETECT, "9600 8N1") in [(p[2].step, str(p[2].get("settings"))) for p in progress]
    changed = collect(manager.endpointChanged)
    units = collect(manager.unitUpdated)
    manager.apply_scan(key, scan, [3, 4, 5])
    assert changed and changed[0][1].settings == BusSettings(19200, "N", 1)
    assert manager.endpoint(key).settings == BusSettings(19200, "N", 1)
    # the old worker lets go of the port, the new one polls at the found settings
    qtbot.waitUntil(lambda: any(r.address == 4 and r.reading is not None for _, r in units), timeout=8000)
    assert len(manager.running_workers()) == 1


@posix_only
def test_scan_can_be_cancelled(qtbot, manager, rtu_factory):
    sim = rtu_factory(build_chain([200]))
    key = manager.add_link(SerialEndpoint(sim.link), [])
    progress = collect(manager.jobProgress)
    finished = collect(manager.jobFinished)
    job = manager.scan(key, range(1, 248))
    qtbot.waitUntil(lambda: len(progress) > 3, timeout=5000)
    manager.cancel(key, job)
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    scan = finished[0][1].value
    assert scan.cancelled and scan.found == ()


def test_usb_adapters_are_named_by_their_ids():
    ftdi = PortInfo("COM5", "USB Serial Port", 0x0403, 0x6001, "FTDI")
    ch340 = PortInfo("/dev/ttyUSB0", "USB2.0-Ser!", 0x1A86, 0x7523)
    cp210x = PortInfo("COM7", "", 0x10C4, 0xEA60)
    prolific = PortInfo("COM3", "", 0x067B, 0x2303)
    other_ftdi = PortInfo("COM9", "", 0x0403, 0x1234)
    plain = PortInfo("/dev/ttyS0", "ttyS0")
    assert (ftdi.adapter, ftdi.vid_pid) == ("FTDI FT232R", "0403:6001")
    assert ch340.adapter == "WCH CH340" and cp210x.adapter == "Silicon Labs CP210x"
    assert prolific.adapter == "Prolific PL2303" and other_ftdi.adapter == "FTDI"
    assert plain.adapter is None and plain.vid_pid == ""
    ports = serial_ports()  # whatever this machine has; USB ones first
    assert all(isinstance(p, PortInfo) for p in ports)
    assert [p.vid is None for p in ports] == sorted(p.vid is None for p in ports)


def test_manager_is_usable_without_a_gui_event_loop_running(qapp):
    m = LinkManager()
    assert m.keys() == [] and m.stop_all(1)


@posix_only
def test_auto_detect_probes_are_not_counted_against_the_units(qtbot, manager, rtu_factory):
    # the units answer at the link's own 19200 8N1, which --auto tries after the 9600 ones:
    # the link (and its counters) stay, and the wrong settings' silence is not on them
    sim = rtu_factory(build_chain([4], seed=3), settings=BusSettings(19200, "N", 1))
    key = manager.add_link(SerialEndpoint(sim.link, BusSettings(19200, "N", 1)), [])
    progress = collect(manager.jobProgress)
    finished = collect(manager.jobFinished)
    manager.scan(key, [4], auto=True)
    qtbot.waitUntil(lambda: bool(finished), timeout=30000)
    scan = finished[0][1].value
    assert scan.settings == BusSettings(19200, "N", 1) and [r.address for r in scan.found] == [4]
    assert (SCAN_DETECT, "9600 8N1") in [(p[2].step, str(p[2].get("settings"))) for p in progress]
    diagnostics = collect(manager.diagnosticsUpdated)
    assert manager.apply_scan(key, scan, [4]) == (4,)
    qtbot.waitUntil(lambda: any(d.address == 4 and d.replies >= 2 for _, ds in diagnostics for d in ds),
                    timeout=8000)
    unit4 = next(d for d in diagnostics[-1][1] if d.address == 4)
    assert (unit4.timeouts, unit4.garbled, unit4.exceptions) == (0, 0, 0)


@posix_only
def test_auto_detect_keeps_only_the_units_that_answered_at_the_found_settings(qtbot, manager, rtu_factory):
    sim = rtu_factory(build_chain([4], seed=3), settings=BusSettings(19200, "N", 1))
    key = manager.add_link(SerialEndpoint(sim.link, BusSettings(9600, "N", 1)), [4, 9])
    finished = collect(manager.jobFinished)
    manager.scan(key, [3, 4, 5], auto=True)
    qtbot.waitUntil(lambda: bool(finished), timeout=30000)
    scan = finished[0][1].value
    assert scan.settings == BusSettings(19200, "N", 1)
    # unit 9 was only ever asked at 9600 (and never answered): not polled at 19200
    assert manager.apply_scan(key, scan, [3, 4, 5]) == (4,)
    assert manager.polled_units(key) == (4,)
