"""`bps-commissioner read` against the simulator: JSON, tables, and every error message."""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bps_commissioner.cli import main
from tests.conftest import posix_only
from tests.transport.test_tcp import free_port

KEYS = ["voltage_l1", "voltage_l2", "voltage_l3", "current_l1", "current_l2", "current_l3",
        "temperature", "temperature_1", "temperature_2", "humidity", "humidity_1", "humidity_2"]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def check_unit_json(u, address):
    assert u["address"] == address
    assert u["phases"] in (1, 3)
    phases = ["L1", "L2", "L3"][: u["phases"]]
    assert list(u["readings"]) == phases + ["total"]
    for p in phases:
        r = u["readings"][p]
        assert 207 <= r["voltage"] <= 253
        assert 49 <= r["frequency"] <= 51
        assert 0 <= r["power_factor"] <= 1
        assert r["active_power"] <= r["apparent_power"] + 0.5
        assert r["active_energy"] > 0
    assert set(u["readings"]["total"]) == {"active_energy", "apparent_energy"}
    assert set(u["sensors"]) == {"temperature", "temperature_1", "temperature_2", "humidity", "humidity_1",
                                 "humidity_2", "door_1", "door_2", "smoke", "water"}
    assert list(u["thresholds"]) == KEYS and list(u["alarms"]) == KEYS
    assert all(set(t) == {"low", "high"} for t in u["thresholds"].values())
    assert all(a in ("normal", "low", "high") for a in u["alarms"].values())


def test_read_json_over_tcp(capsys, tcp_sim):
    code, out, err = run(capsys, "read", "--tcp", f"127.0.0.1:{tcp_sim.port}", "--units", "1,2", "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert [u["address"] for u in doc["units"]] == [1, 2]
    for u, a in zip(doc["units"], (1, 2)):
        check_unit_json(u, a)


@posix_only
def test_read_json_over_serial(capsys, rtu_sim):
    code, out, err = run(capsys, "read", "--serial", rtu_sim.link, "--baud", "9600", "--parity", "N",
                         "--stopbits", "1", "--unit", "1", "--json")
    assert code == 0, err
    doc = json.loads(out)
    check_unit_json(doc["units"][0], 1)


def test_single_phase_and_absent_probes(capsys, tcp_sim):
    code, out, _ = run(capsys, "read", "--tcp", f"127.0.0.1:{tcp_sim.port}", "--unit", "4", "--json")
    u = json.loads(out)["units"][0]
    assert u["phases"] == 1 and list(u["readings"]) == ["L1", "total"]
    # address 4 carries a SensorBox only (see simulator.unit_kind): the T/H port reads 0
    assert u["sensors"]["temperature"] is None and u["sensors"]["humidity"] is None
    assert u["sensors"]["temperature_1"] is not None


def test_readable_table(capsys, tcp_sim):
    code, out, _ = run(capsys, "read", "--tcp", f"127.0.0.1:{tcp_sim.port}", "--units", "1,3")
    assert code == 0
    assert "Unit 1: three-phase" in out and "Unit 3:" in out
    assert "Voltage" in out and " V " in out and "Alarm thresholds and states" in out
    assert "not connected" in out  # unit 3 has no probes


def test_failed_unit_in_json_and_exit_code(capsys, tcp_sim):
    code, out, err = run(capsys, "read", "--tcp", f"127.0.0.1:{tcp_sim.port}", "--units", "1,9",
                         "--timeout", "0.3", "--json")
    assert code == 1
    doc = json.loads(out)
    assert doc["units"][0]["address"] == 1 and "readings" in doc["units"][0]
    assert doc["units"][1]["address"] == 9 and "No reply from unit 9" in doc["units"][1]["error"]
    assert "1 of 2" in err


def test_refused_host(capsys):
    start = time.monotonic()
    code, out, err = run(capsys, "read", "--tcp", f"127.0.0.1:{free_port()}", "--timeout", "1", "--json")
    assert code == 1 and time.monotonic() - start < 3
    assert "refused" in json.loads(out)["units"][0]["error"]
    assert "Traceback" not in out + err


@posix_only
def test_missing_serial_port(capsys):
    code, out, err = run(capsys, "read", "--serial", "/dev/ttyBPS-absent", "--units", "1,2")
    assert code == 1
    assert out.count("/dev/ttyBPS-absent does not exist") == 2


@posix_only
def test_no_reply_over_serial(capsys, rtu_sim):
    start = time.monotonic()
    code, out, _ = run(capsys, "read", "--serial", rtu_sim.link, "--unit", "17", "--timeout", "1")
    assert code == 1 and time.monotonic() - start < 3
    assert "No reply from unit 17 at 9600 8N1" in out and "A/B swapped" in out


@pytest.mark.parametrize("argv, message", [
    (["read", "--tcp", "h", "--units", "0"], "outside"),
    (["read", "--tcp", "h", "--units", "1-x"], "not an address"),
    (["read", "--tcp", "h:99999"], "port"),
    (["read", "--serial", "p", "--baud", "1200"], "invalid choice"),
    (["read", "--serial", "p", "--timeout", "-1"], "outside"),
    (["read", "--tcp", "h", "--block-size", "200"], "block size"),
    (["read"], "one of the arguments --tcp --serial --snmp is required"),
])
def test_bad_input_is_a_usage_error(capsys, argv, message):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert message in capsys.readouterr().err


def console_script():
    exe = shutil.which("bps-commissioner") or str(Path(sys.executable).with_name("bps-commissioner"))
    if not os.path.exists(exe):
        pytest.skip("the console command is not installed")
    return exe


def test_console_command_and_simulate_subcommand():
    """The installed console command: `simulate --tcp` in one process, `read` in another."""
    port = free_port()
    sim = subprocess.Popen([console_script(), "simulate", "--tcp", f"127.0.0.1:{port}", "--units", "1-3",
                            "--duration", "30"], stdout=subprocess.PIPE, text=True)
    try:
        assert "Modbus TCP simulator on 127.0.0.1" in sim.stdout.readline()
        res = subprocess.run([console_script(), "read", "--tcp", f"127.0.0.1:{port}", "--units", "1-3",
                              "--json"], capture_output=True, text=True, timeout=30)
        assert res.returncode == 0, res.stderr
        assert [u["address"] for u in json.loads(res.stdout)["units"]] == [1, 2, 3]
    finally:
        sim.terminate()
        assert sim.wait(10) == 0  # SIGTERM stops it cleanly


@posix_only
def test_simulate_rtu_subcommand(tmp_path):
    link = tmp_path / "ttySIM"
    sim = subprocess.Popen([console_script(), "simulate", "--rtu", str(link), "--bus", "19200,N,2",
                            "--units", "3,5", "--duration", "30"], stdout=subprocess.PIPE, text=True)
    try:
        assert "at 19200 8N2" in sim.stdout.readline()
        res = subprocess.run([console_script(), "read", "--serial", str(link), "--baud", "19200",
                              "--stopbits", "2", "--units", "3,5", "--json"], capture_output=True, text=True,
                             timeout=30)
        assert res.returncode == 0, res.stderr
        assert [u["address"] for u in json.loads(res.stdout)["units"]] == [3, 5]
    finally:
        sim.terminate()
        assert sim.wait(10) == 0
    assert not link.exists()  # the simulator removes its link


def test_simulate_refuses_bad_bus(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["simulate", "--rtu", "/tmp/x", "--bus", "9600,X,1"])
    assert exc.value.code == 2 and "parity" in capsys.readouterr().err


def test_simulate_port_zero_picks_a_free_port():
    res = subprocess.run([console_script(), "simulate", "--tcp", "127.0.0.1:0", "--duration", "0.5"],
                         capture_output=True, text=True, timeout=30)
    assert res.returncode == 0, res.stderr
    port = int(res.stdout.split("127.0.0.1:")[1].split(",")[0])
    assert 0 < port < 65536


def test_output_into_a_closed_pipe_is_no_traceback(tcp_sim):
    """`monitor ... | head -1`: the reader goes away; the command stops without a traceback."""
    proc = subprocess.Popen([console_script(), "monitor", "--tcp", f"127.0.0.1:{tcp_sim.port}", "--units", "1,2",
                             "--interval", "0.1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()
    _, err = proc.communicate(timeout=30)
    assert b"Traceback" not in err and b"BrokenPipe" not in err
