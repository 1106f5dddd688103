"""The link worker against the simulator: polling, priorities, faults, clean shutdown."""

import threading
import time

import pytest

from bps_commissioner.device.bus import BusSettings
from bps_commissioner.services.endpoints import SerialEndpoint, TcpEndpoint
from bps_commissioner.services.worker import LinkWorker, Priority
from bps_commissioner.simulator import build_chain
from tests.conftest import posix_only


def collect(worker, signal_name):
    got = []
    getattr(worker, signal_name).connect(lambda *args: got.append(args if len(args) > 1 else args[0]))
    return got


@pytest.fixture
def make_worker(qtbot):
    workers = []

    def make(endpoint, **kw):
        w = LinkWorker(endpoint, **kw)
        workers.append(w)
        return w

    yield make
    for w in workers:
        assert w.stop(5), "worker did not stop"


def test_sweeps_over_tcp(qtbot, tcp_sim, make_worker):
    w = make_worker(TcpEndpoint("127.0.0.1", tcp_sim.port))
    sweeps = collect(w, "sweepFinished")
    w.set_polling([1, 2, 4], interval=0)
    w.start()
    qtbot.waitUntil(lambda: len(sweeps) >= 3, timeout=10000)
    s = sweeps[-1]
    assert [r.address for r in s.results] == [1, 2, 4]
    assert all(r.error is None and r.state == "online" for r in s.results)
    d = s.to_dict()
    assert [u["address"] for u in d["units"]] == [1, 2, 4]
    assert d["units"][2]["phases"] == 1
    # thresholds are read once, then only the live spans: 2 requests per unit and sweep
    diags = {x.address: x for x in w.diagnostics()}
    assert diags[1].timeouts == 0 and diags[1].replies == diags[1].requests


@posix_only
def test_write_jumps_the_queue(qtbot, chain, rtu_factory, make_worker):
    sim = rtu_factory(chain)
    w = make_worker(SerialEndpoint(sim.link))
    order = []
    w.unitUpdated.connect(lambda r: order.append(("poll", r.address)))
    finished = collect(w, "jobFinished")
    w.set_polling([1, 2, 3, 4], interval=0)
    w.start()
    qtbot.waitUntil(lambda: len(order) >= 2, timeout=5000)

    def write(ctx):
        ctx.link.write_register(2, 64, 2500)
        return ctx.link.read_registers(2, 64, 1)

    job = w.submit(write, Priority.WRITE)
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    assert finished[0].job_id == job and finished[0].value == [2500]
    assert chain.at(2)[0].read(64, 1) == [2500]


@posix_only
def test_focus_unit_refreshes_often_on_a_slow_bus(qtbot, rtu_factory, make_worker):
    sim = rtu_factory(build_chain(range(1, 17), seed=1))
    w = make_worker(SerialEndpoint(sim.link))
    polls = []
    w.unitUpdated.connect(lambda r: polls.append((time.monotonic(), r.address)))
    w.set_polling(list(range(1, 17)), interval=0)
    w.set_focus(16)
    w.start()
    qtbot.wait(4000)
    times = [t for t, a in polls if a == 16]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert len(times) >= 4 and max(gaps[1:]) < 1.0, gaps  # at least once a second


@posix_only
def test_silent_unit_goes_offline_and_is_polled_less(qtbot, chain, rtu_factory, make_worker):
    sim = rtu_factory(chain)
    chain.at(3)[0].silent = True
    endpoint = SerialEndpoint(sim.link, timeout=0.05)
    w = make_worker(endpoint)
    sweeps = collect(w, "sweepFinished")
    w.set_polling([1, 3], interval=0)
    w.start()
    qtbot.waitUntil(lambda: len(sweeps) >= 12, timeout=20000)
    states = [s.results[1].state for s in sweeps]
    assert states[:2] == ["error", "error"] and states[2] == "offline"
    assert all(s.results[0].state == "online" for s in sweeps)
    diag = {d.address: d for d in w.diagnostics()}[3]
    assert diag.requests < 12 - 3  # offline: not polled every sweep
    chain.at(3)[0].silent = False
    qtbot.waitUntil(lambda: sweeps[-1].results[1].state == "online", timeout=20000)


@posix_only
def test_port_removed_mid_poll_then_back(qtbot, chain, rtu_factory, tmp_path, make_worker):
    sim = rtu_factory(chain, name="ttyLOST")
    w = make_worker(SerialEndpoint(sim.link, timeout=0.1))
    w.reopen_interval = 0.2
    sweeps = collect(w, "sweepFinished")
    states = collect(w, "linkStateChanged")
    w.set_polling([1, 2], interval=0.1)
    w.start()
    qtbot.waitUntil(lambda: len(sweeps) >= 2, timeout=5000)
    sim.stop()  # the adapter is unplugged: the port disappears
    qtbot.waitUntil(lambda: any(r.state == "lost" for r in sweeps[-1].results), timeout=5000)
    n = len(sweeps)
    qtbot.waitUntil(lambda: len(sweeps) >= n + 2, timeout=5000)  # still sweeping, with errors
    assert all("link lost" in r.error for r in sweeps[-1].results)
    rtu_factory(chain, name="ttyLOST")  # plugged back in
    qtbot.waitUntil(lambda: all(r.state == "online" for r in sweeps[-1].results), timeout=10000)
    assert ("lost",) == tuple(s for s, *_ in states if s == "lost")[:1]
    assert states[-1][0] == "connected"


@posix_only
def test_garbled_reply_is_counted_and_retried(qtbot, rtu_factory, make_worker):
    sim = rtu_factory(build_chain([5, 5], seed=2))
    w = make_worker(SerialEndpoint(sim.link))
    sweeps = collect(w, "sweepFinished")
    w.set_polling([5], interval=0)
    w.start()
    qtbot.waitUntil(lambda: len(sweeps) >= 2, timeout=5000)
    assert "Garbled" in sweeps[-1].results[0].error
    diag = w.diagnostics()[0]
    assert diag.garbled >= 4 and diag.garbled == diag.requests  # each poll: one try + one retry


def test_scan_job_with_progress_and_cancel(qtbot, make_worker, tmp_path):
    pytest.importorskip("termios")
    from bps_commissioner.services.scan import Scanner
    from bps_commissioner.simulator import RtuSimulator

    sim = RtuSimulator(build_chain([2, 30]), str(tmp_path / "tty"), BusSettings()).start()
    try:
        w = make_worker(SerialEndpoint(sim.link))
        progress = collect(w, "jobProgress")
        finished = collect(w, "jobFinished")
        w.start()

        def scan(ctx):
            return Scanner(ctx.link, progress=lambda t, d, n: ctx.progress(d, n, t),
                           cancelled=lambda: ctx.cancelled).scan(list(range(1, 248)))

        job = w.submit(scan)
        qtbot.waitUntil(lambda: len(progress) > 5, timeout=5000)
        w.cancel(job)
        qtbot.waitUntil(lambda: bool(finished), timeout=5000)
        result = finished[0].value
        assert result.cancelled and [r.address for r in result.found] == [2]
        assert progress[-1][1].total == 247
    finally:
        sim.stop()


def python_threads() -> int:
    """Threads Python started. A QThread that logs shows up in threading as a "dummy" thread
    that Python never removes (threading.current_thread() in a foreign thread): not counted."""
    return sum(1 for t in threading.enumerate() if not isinstance(t, threading._DummyThread))


def test_stop_leaves_no_thread(qtbot, tcp_sim):
    before = python_threads()
    w = LinkWorker(TcpEndpoint("127.0.0.1", tcp_sim.port))
    w.set_polling([1], interval=0)
    w.start()
    qtbot.waitUntil(w.isRunning, timeout=2000)
    qtbot.wait(200)
    assert w.stop(3)
    assert not w.isRunning() and w.isFinished()
    # the simulator's connection thread ends once it sees the worker's socket closed
    qtbot.waitUntil(lambda: python_threads() <= before, timeout=3000)
