"""`bps-commissioner flash` and `simulate --tftp` against the simulator over loopback."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time

import pytest

from bps_commissioner.cli import main

from .conftest import start_master

QUICK = ["--yes", "--timeout", "2", "--restart-timeout", "15", "--probe-interval", "0.1", "--gone-timeout", "5"]


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def ports(m) -> list:
    return ["--tftp-port", m.tftp.port, "--telnet-port", m.telnet.port, "--modbus-port", m.tcp.port]


def test_flash_json_ok(capsys, master, firmware_file, _data_dir):
    master.unit.write(70, 123)
    code, out, err = run(capsys, "flash", firmware_file, "--host", "127.0.0.1", *ports(master), *QUICK,
                         "--restore", "--json")
    assert code == 0, err
    (line,) = out.splitlines()
    r = json.loads(line)
    for key in ("host", "result", "bytes", "seconds", "retransmissions", "version_before", "version_after", "error"):
        assert key in r
    assert r["host"] == "127.0.0.1" and r["result"] == "ok" and r["error"] is None
    assert r["bytes"] == firmware_file.stat().st_size and r["retransmissions"] == 0
    assert (r["version_before"], r["version_after"]) == ("2.0.5-C", "3")
    assert r["restored"] is True and r["backup"].startswith(str(_data_dir))
    assert bytes(master.tftp.uploads[0].data) == firmware_file.read_bytes()
    assert master.unit.read(70, 1) == [123]
    assert "admin" not in err  # the password is never shown (it is "admin" here)


def test_flash_text_verify_modbus(capsys, master, firmware_file):
    code, out, err = run(capsys, "flash", firmware_file, "--host", "127.0.0.1", *ports(master), *QUICK,
                         "--verify", "modbus", "--no-backup")
    assert code == 0, err
    assert out.startswith("127.0.0.1: ok") and f"{firmware_file.stat().st_size} bytes" in out
    assert master.coordinator.restarts == 1


def test_no_terminal_and_no_yes_sends_nothing(capsys, master, firmware_file, _data_dir):
    code, out, err = run(capsys, "flash", firmware_file, "--host", "127.0.0.1", *ports(master))
    assert code == 2 and out == ""
    assert "--yes" in err and "Nothing was sent" in err and "configuration may be lost" in err
    assert master.tftp.requests == 0 and master.telnet.state.logins == 0
    # not even a backup was made (the data folder holds the log of the command, nothing else)
    assert not _data_dir.exists() or {p.name for p in _data_dir.iterdir()} <= {"logs"}


def test_missing_and_empty_files(capsys, master, tmp_path):
    code, out, err = run(capsys, "flash", tmp_path / "BPS2500-9.bin", "--host", "127.0.0.1", *ports(master), "--yes")
    assert code == 2 and "BPS2500-9.bin" in err and "does not exist" in err and "nothing was sent" in err
    empty = tmp_path / "BPS2500-9.bin"
    empty.write_bytes(b"")
    code, out, err = run(capsys, "flash", empty, "--host", "127.0.0.1", *ports(master), "--yes")
    assert code == 2 and "empty" in err
    assert master.tftp.requests == 0 and master.telnet.state.logins == 0


def test_refused(capsys, firmware_file):
    m = start_master(refuse=True)
    try:
        code, out, err = run(capsys, "flash", firmware_file, "--host", "127.0.0.1", *ports(m), *QUICK, "--json")
    finally:
        m.stop()
    assert code == 1
    r = json.loads(out)
    assert r["result"] == "failed" and r["cause"] == "refused"
    assert "Access violation" in r["error"] and '"Software update"' in r["error"]
    assert "http://127.0.0.1/" in r["error"]
    assert m.tftp.transfers == []


def test_silence_names_host_and_port(capsys, master, firmware_file):
    quiet = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    quiet.bind(("127.0.0.1", 0))
    port = quiet.getsockname()[1]
    try:
        start = time.monotonic()
        code, out, err = run(capsys, "flash", firmware_file, "--host", "127.0.0.1", "--tftp-port", port,
                             "--telnet-port", master.telnet.port, "--modbus-port", master.tcp.port, "--yes",
                             "--timeout", "1", "--json")
        took = time.monotonic() - start
    finally:
        quiet.close()
    assert code == 1 and took < 5
    r = json.loads(out)
    assert r["cause"] == "no_answer"
    assert f"No answer from 127.0.0.1 port {port} within 1 s" in r["error"]


def test_no_telnet_password(capsys, monkeypatch, master, firmware_file):
    monkeypatch.delenv("BPS_TELNET_PASSWORD")
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    code, out, err = run(capsys, "flash", firmware_file, "--host", "127.0.0.1", *ports(master), *QUICK, "--json")
    assert code == 1
    assert json.loads(out)["cause"] == "preflight" and "BPS_TELNET_PASSWORD" in err + out
    assert master.tftp.requests == 0


@pytest.mark.parametrize("argv,message", [
    (["--host", "127.0.0.1:69"], "--tftp-port"),
    (["--hosts", "127.0.0.1,,10.0.0.2"], "empty host"),
])
def test_bad_hosts(capsys, firmware_file, argv, message):
    with pytest.raises(SystemExit) as info:
        main(["flash", str(firmware_file), *argv, "--yes"])
    assert info.value.code == 2
    assert message in capsys.readouterr().err


def test_bad_port(capsys, firmware_file):
    with pytest.raises(SystemExit):
        main(["flash", str(firmware_file), "--host", "h", "--tftp-port", "70000"])
    assert "1 to 65535" in capsys.readouterr().err


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="127.0.0.2 is a loopback address on Linux")
def test_batch_reports_each_host(capsys, firmware_file):
    good = start_master("127.0.0.1")
    try:
        refusing = start_master("127.0.0.2", refuse=True, ports=(good.tcp.port, good.telnet.port, good.tftp.port))
    except OSError:
        good.stop()
        pytest.skip("the same ports are taken on 127.0.0.2")
    try:
        code, out, err = run(capsys, "flash", firmware_file, "--hosts", "127.0.0.2,127.0.0.1", *ports(good), *QUICK,
                             "--json")
    finally:
        good.stop()
        refusing.stop()
    assert code == 1
    first, second = (json.loads(line) for line in out.splitlines())
    assert (first["host"], first["result"], first["cause"]) == ("127.0.0.2", "failed", "refused")
    assert (second["host"], second["result"], second["version_after"]) == ("127.0.0.1", "ok", "3")


def _free_port(kind=socket.SOCK_STREAM) -> int:
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_simulate(*extra):
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "bps_commissioner", "simulate", "--tcp",
                             f"127.0.0.1:{_free_port()}", "--telnet", f"127.0.0.1:{_free_port()}", "--tftp",
                             f"127.0.0.1:{_free_port(socket.SOCK_DGRAM)}", "--reboot-s", "0.5", "--units",
                             "1,2", "--duration", "30", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    found: dict[str, int] = {}
    deadline = time.monotonic() + 20
    while len(found) < 3 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        for name in ("Modbus TCP", "Telnet", "TFTP"):
            m = re.match(rf"{name} .*?on 127\.0\.0\.1:(\d+)", line)
            if m:
                found[name] = int(m.group(1))
    if len(found) < 3:
        proc.kill()
        raise AssertionError(f"the simulator did not start: {proc.stderr.read()}")
    return proc, found


def test_simulate_command_serves_a_flashable_master(capsys, firmware_file):
    proc, found = _start_simulate()
    try:
        code, out, err = run(capsys, "flash", firmware_file, "--host", "127.0.0.1", "--tftp-port", found["TFTP"],
                             "--telnet-port", found["Telnet"], "--modbus-port", found["Modbus TCP"], *QUICK, "--json")
    finally:
        proc.terminate()
        proc.wait(10)
    assert code == 0, err
    r = json.loads(out)
    assert (r["version_before"], r["version_after"]) == ("2.0.5-C", "3")


def test_simulate_command_refuses(capsys, firmware_file):
    proc, found = _start_simulate("--tftp-refuse")
    try:
        code, out, err = run(capsys, "flash", firmware_file, "--host", "127.0.0.1", "--tftp-port", found["TFTP"],
                             "--telnet-port", found["Telnet"], "--modbus-port", found["Modbus TCP"], *QUICK, "--json")
    finally:
        proc.terminate()
        proc.wait(10)
    assert code == 1 and "Access violation" in json.loads(out)["error"]


def test_a_file_that_does_not_look_like_firmware_needs_force(capsys, master, tmp_path):
    odd = tmp_path / "holiday-photos.bin"
    odd.write_bytes(os.urandom(40 * 1024))
    code, out, err = run(capsys, "flash", odd, "--host", "127.0.0.1", *ports(master), *QUICK, "--verify", "modbus",
                         "--no-backup")
    assert code == 2 and out == ""
    assert "not named like BPS2000v2 firmware" in err and "--force" in err and "Nothing was sent" in err
    assert master.tftp.requests == 0
    tiny = tmp_path / "BPS2000v2-2.0.6-C.bin"
    tiny.write_bytes(b"\x00" * 100)
    code, out, err = run(capsys, "flash", tiny, "--host", "127.0.0.1", *ports(master), *QUICK)
    assert code == 2 and "too small" in err and master.tftp.requests == 0
    # --force: warned, then flashed
    code, out, err = run(capsys, "flash", odd, "--host", "127.0.0.1", *ports(master), *QUICK, "--verify", "modbus",
                         "--no-backup", "--force")
    assert code == 0, err
    assert "warning:" in err and "not named like BPS2000v2 firmware" in err
    assert bytes(master.tftp.uploads[0].data) == odd.read_bytes()
