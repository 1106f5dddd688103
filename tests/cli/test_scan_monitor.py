"""`scan` and `monitor` against the simulator on pseudo-terminals and sockets."""

import json
import subprocess
import sys

import pytest

from bps_commissioner.cli import main
from bps_commissioner.device.bus import BusSettings
from bps_commissioner.simulator import build_chain
from tests.cli.test_read import console_script
from tests.conftest import posix_only

pytestmark = posix_only


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_scan_finds_exactly_the_units_and_the_conflict(capsys, rtu_factory):
    sim = rtu_factory(build_chain([3, 5, 5, 9, 17], seed=4))
    code, out, err = run(capsys, "scan", "--serial", sim.link, "--addresses", "1-20", "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["settings"] == {"baud": 9600, "parity": "N", "stopbits": 1}
    assert [u["address"] for u in doc["found"]] == [3, 9, 17]
    assert doc["conflicts"] == [5]
    assert "another address" in err
    assert doc["found"][0]["phases"] == 3 and len(doc["found"][0]["voltage"]) == 3
    assert doc["elapsed_s"] < 5


def test_scan_text_output(capsys, rtu_factory):
    sim = rtu_factory(build_chain([1, 4, 4], seed=4))
    code, out, _ = run(capsys, "scan", "--serial", sim.link, "--addresses", "1-6")
    assert code == 0
    assert "Bus 9600 8N1: 1 unit(s) found" in out
    assert "address   1: three-phase" in out
    assert "address   4: CONFLICT" in out


def test_auto_detects_19200_two_stop_bits(capsys, rtu_factory):
    sim = rtu_factory(build_chain([3, 7], seed=5), settings=BusSettings(19200, "N", 2))
    code, out, err = run(capsys, "scan", "--serial", sim.link, "--auto", "--addresses", "1-8", "--json")
    assert code == 0, err
    doc = json.loads(out)
    # a pseudo-terminal drops parity: only baud rate and stop bits can be checked here
    assert doc["settings"]["baud"] == 19200 and doc["settings"]["stopbits"] == 2
    assert [u["address"] for u in doc["found"]] == [3, 7]


def test_auto_with_nothing_on_the_bus(capsys, rtu_factory):
    sim = rtu_factory(build_chain([30]))
    code, out, _ = run(capsys, "scan", "--serial", sim.link, "--auto", "--addresses", "1",
                       "--reply-wait", "5")
    assert code == 1
    assert "No unit answered at any bus setting" in out


def test_scan_trace_file(capsys, rtu_factory, tmp_path):
    sim = rtu_factory(build_chain([2]))
    trace = tmp_path / "trace.txt"
    code, _, _ = run(capsys, "scan", "--serial", sim.link, "--addresses", "1-2", "--trace", trace)
    lines = trace.read_text().splitlines()
    assert code == 0
    assert lines[0].endswith("TX unit=1 01 03 00 00 00 03 05 CB")
    assert any(" RX unit=2 02 03 06 " in line for line in lines)


def test_monitor_json_lines(capsys, rtu_sim):
    code, out, err = run(capsys, "monitor", "--serial", rtu_sim.link, "--units", "1-3", "--interval", "0",
                         "--count", "3", "--json")
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 3
    for doc in lines:
        assert doc["t"] > 1.6e9
        assert [u["address"] for u in doc["units"]] == [1, 2, 3]
        assert all("readings" in u and "thresholds" in u for u in doc["units"])


def test_monitor_reports_failed_units_and_keeps_going(capsys, tcp_sim):
    code, out, _ = run(capsys, "monitor", "--tcp", f"127.0.0.1:{tcp_sim.port}", "--units", "1,8",
                       "--timeout", "0.2", "--interval", "0", "--count", "2", "--json")
    assert code == 1
    docs = [json.loads(line) for line in out.splitlines()]
    assert len(docs) == 2
    assert "readings" in docs[1]["units"][0] and "No reply from unit 8" in docs[1]["units"][1]["error"]


def test_monitor_keeps_printing_while_the_link_is_lost(rtu_factory):
    chain = build_chain([1, 2])
    sim = rtu_factory(chain, name="ttyMON")
    proc = subprocess.Popen([console_script(), "monitor", "--serial", sim.link, "--units", "1,2",
                             "--interval", "0.2", "--timeout", "0.1", "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        docs = [json.loads(proc.stdout.readline()) for _ in range(2)]
        sim.stop()
        docs += [json.loads(proc.stdout.readline()) for _ in range(4)]
        lost = [d for d in docs if all("link lost" in u.get("error", "") for u in d["units"])]
        assert len(lost) >= 2
        rtu_factory(chain, name="ttyMON")
        for _ in range(30):
            doc = json.loads(proc.stdout.readline())
            if all("readings" in u for u in doc["units"]):
                break
        else:
            pytest.fail("monitor did not resume after the port came back")
    finally:
        proc.send_signal(2)  # Ctrl-C exits cleanly
        out, err = proc.communicate(timeout=10)
    assert proc.returncode in (0, 1)
    assert "Traceback" not in err
    assert "link lost" in err
