"""Survival (issue 15): `read` and `monitor` against a hostile or broken Modbus TCP peer end
with a clear message, a non-zero exit and no traceback, within the timeout; the worker
survives any exception and the link recovers when the peer does."""

import time

import pytest

from bps_commissioner.cli import main
from bps_commissioner.services.endpoints import TcpEndpoint
from bps_commissioner.services.worker import LinkWorker
from bps_commissioner.transport.tcp import TcpLink
from tests.hostile.peer import BEHAVIOURS, HostilePeer

TIMEOUT = 0.6
MARGIN = 1.5  # connect, Python and a shared CI machine

#: words each behaviour's message must carry (what went wrong, in words a person reads)
EXPECTED = {
    "short": "lost", "one-byte": "lost", "close-mid-reply": "lost",
    "long": "data bytes", "wrong-byte-count": "byte count", "wrong-function": "answered function 4",
    "wrong-tid": "No reply", "silent": "No reply", "garbage": "malformed Modbus TCP header",
    "other-unit": "reply for unit 2", "bad-length": "malformed Modbus TCP header",
    "bad-protocol": "not Modbus", "exception-garbled": "malformed exception reply",
}


def run(capsys, *argv):
    start = time.monotonic()
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err, time.monotonic() - start


@pytest.mark.parametrize("behaviour", BEHAVIOURS)
def test_read_against_a_hostile_peer(capsys, behaviour):
    with HostilePeer(behaviour) as peer:
        code, out, err, took = run(capsys, "read", "--tcp", peer.host, "--timeout", TIMEOUT, "--json")
    assert code == 1
    assert "Traceback" not in out + err
    assert EXPECTED[behaviour] in out, out
    assert "could not be read" in err
    assert took <= TIMEOUT + MARGIN  # one request: the first block fails, the unit is reported


@pytest.mark.parametrize("behaviour", BEHAVIOURS)
def test_monitor_keeps_sweeping_against_a_hostile_peer(capsys, behaviour):
    with HostilePeer(behaviour) as peer:
        code, out, err, took = run(capsys, "monitor", "--tcp", peer.host, "--timeout", TIMEOUT, "--count", 3,
                                   "--interval", 0)
    assert code == 1
    assert "Traceback" not in out + err
    lines = out.splitlines()
    assert len(lines) == 3, out  # exactly --count lines, also when sweeps fail fast
    assert [line.split()[2] for line in lines] == ["1:", "2:", "3:"]
    assert all("unit 1:" in line and ("ERROR" in line or "OFFLINE" in line or "LOST" in line) for line in lines)
    assert took <= 3 * (TIMEOUT + MARGIN)


def test_monitor_count_with_an_offline_unit_prints_count_lines(capsys, tcp_sim):
    """Issue 15: `monitor --count N` printed an extra line when a unit was offline."""
    code, out, err, _ = run(capsys, "monitor", "--tcp", f"127.0.0.1:{tcp_sim.port}", "--units", "1,30",
                            "--timeout", 0.2, "--count", 4, "--interval", 0)
    assert code == 1 and len(out.splitlines()) == 4, out
    assert "OFFLINE" in out.splitlines()[-1]


def test_a_garbled_stream_is_dropped_and_the_next_request_reconnects():
    with HostilePeer("garbage") as peer:
        link = TcpLink("127.0.0.1", peer.port, timeout=TIMEOUT)
        with pytest.raises(Exception) as first:
            link.read_registers(1, 0, 2)
        assert "malformed" in str(first.value) and first.value.kind.value == "garbled"
        peer.behaviour = "good"
        assert link.read_registers(1, 0, 2) == [2300, 2301]  # a fresh connection, in step
        link.close()


def test_long_hex_dumps_are_cut(capsys):
    with HostilePeer("wrong-function") as peer:
        code, out, _, _ = run(capsys, "read", "--tcp", peer.host, "--timeout", TIMEOUT)
    assert code == 1 and "bytes)" in out and len(out) < 400


def test_worker_survives_a_job_that_raises_and_keeps_sweeping(qtbot, tcp_sim):
    """A bug in a job (not a link error) is the job's internal fault; the thread goes on."""
    worker = LinkWorker(TcpEndpoint("127.0.0.1", tcp_sim.port))
    finished, sweeps = [], []
    worker.jobFinished.connect(finished.append)
    worker.sweepFinished.connect(sweeps.append)
    worker.set_polling([1], interval=0.05)
    worker.start()
    try:
        def broken(_ctx):
            raise ZeroDivisionError("a bug")

        def index_error(_ctx):
            return b"\x00"[5]

        worker.submit(broken)
        worker.submit(index_error)
        qtbot.waitUntil(lambda: len(finished) == 2, timeout=5000)
        assert all(r.fault is not None and r.fault.kind.value == "internal" for r in finished)
        assert "Traceback" in finished[0].fault.detail or finished[0].fault.detail
        seen = len(sweeps)
        qtbot.waitUntil(lambda: len(sweeps) >= seen + 2, timeout=5000)
        assert worker.isRunning() and sweeps[-1].results[0].reading is not None
    finally:
        assert worker.stop(5)


def test_worker_link_shows_the_fault_and_recovers_with_the_peer(qtbot):
    """A one-byte reply (it once killed the worker thread): the link is reported lost, the
    worker keeps sweeping, and the unit reads again once the peer answers properly."""
    with HostilePeer("one-byte") as peer:
        worker = LinkWorker(TcpEndpoint("127.0.0.1", peer.port, timeout=TIMEOUT))
        sweeps, states = [], []
        worker.sweepFinished.connect(sweeps.append)
        worker.linkStateChanged.connect(lambda state, message, fault: states.append((state, fault)))
        worker.set_polling([1], interval=0.05)
        worker.start()
        try:
            qtbot.waitUntil(lambda: len(sweeps) >= 2, timeout=8000)
            assert all(s.results[0].reading is None for s in sweeps)
            assert any(state == "lost" and fault is not None for state, fault in states)
            peer.behaviour = "good"
            qtbot.waitUntil(lambda: sweeps[-1].results[0].reading is not None, timeout=10000)
            assert worker.isRunning()
        finally:
            assert worker.stop(5)
