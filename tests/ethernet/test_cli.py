"""`read --snmp`, `telnet info`, `energy reset`, `simulate --snmp/--telnet` and
`thresholds set --telnet`'s service entry, end to end; no secret in any output."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bps_commissioner.cli import main
from tests.ethernet.conftest import AUTH_KEY, PRIV_KEY, TELNET_PASSWORD, assert_no_secret

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert_no_secret(out, err)
    return code, out, err


def check_snmp_unit(u, address):
    """The Modbus read's JSON shape, readings and sensors filled, no thresholds or alarms."""
    assert u["address"] == address and u["phases"] in (1, 3)
    phases = ["L1", "L2", "L3"][: u["phases"]]
    assert list(u["readings"]) == phases + ["total"]
    for p in phases:
        r = u["readings"][p]
        assert set(r) == {"voltage", "current", "active_power", "reactive_power", "apparent_power", "frequency",
                          "power_factor", "active_energy", "apparent_energy"}
        assert 207 <= r["voltage"] <= 253 and 49 <= r["frequency"] <= 51 and 0 <= r["power_factor"] <= 1
    assert set(u["readings"]["total"]) == {"active_energy", "apparent_energy"}
    assert set(u["sensors"]) == {"temperature", "temperature_1", "temperature_2", "humidity", "humidity_1",
                                 "humidity_2", "door_1", "door_2", "smoke", "water"}
    assert u["thresholds"] == {} and u["alarms"] == {}


def test_read_snmp_json_v2c(capsys, snmp_sim):
    code, out, err = run(capsys, "read", "--snmp", f"127.0.0.1:{snmp_sim.port}", "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["device_name"] == "BPS2000v2" and doc["absent"] == [3, 4, 5]
    assert [u["address"] for u in doc["units"]] == [0, 1, 2]
    for u in doc["units"]:
        check_snmp_unit(u, u["address"])
    codes = {f["code"] for f in doc["security"]}
    assert codes == {"snmp-cleartext", "snmp-factory-community"}


def test_read_snmp_v3_keys_from_the_environment(capsys, monkeypatch, snmp_sim):
    monkeypatch.setenv("BPS_SNMP_AUTH_KEY", AUTH_KEY)
    monkeypatch.setenv("BPS_SNMP_PRIV_KEY", PRIV_KEY)
    code, out, err = run(capsys, "read", "--snmp", f"127.0.0.1:{snmp_sim.port}", "--snmp-version", "3",
                         "--v3-user", "bkt", "--v3-auth-proto", "SHA", "--v3-priv-proto", "AES", "--units", "0,1",
                         "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert [u["address"] for u in doc["units"]] == [0, 1] and doc["security"] == []
    code, out, err = run(capsys, "read", "--snmp", f"127.0.0.1:{snmp_sim.port}", "--snmp-version", "3",
                         "--v3-user", "legacy", "--v3-auth-proto", "md5", "--v3-priv-proto", "des", "--unit", "0")
    assert code == 0, err
    assert "Master (unit 0)" in out and "Voltage" in out and "Alarm thresholds" not in out
    assert "MD5 and DES, which are considered weak" in out


def test_read_snmp_v3_without_a_key_and_without_a_terminal(capsys, snmp_sim):
    with pytest.raises(SystemExit) as exc:
        main(["read", "--snmp", f"127.0.0.1:{snmp_sim.port}", "--snmp-version", "3", "--v3-user", "bkt"])
    out, err = capsys.readouterr()
    assert exc.value.code == 2
    assert "no SNMPv3 authentication key for bkt@127.0.0.1: set the environment variable BPS_SNMP_AUTH_KEY" in err


def test_read_snmp_v3_wrong_key(capsys, monkeypatch, snmp_sim):
    monkeypatch.setenv("BPS_SNMP_AUTH_KEY", AUTH_KEY + "x")
    monkeypatch.setenv("BPS_SNMP_PRIV_KEY", PRIV_KEY)
    code, out, err = run(capsys, "read", "--snmp", f"127.0.0.1:{snmp_sim.port}", "--snmp-version", "3",
                         "--v3-user", "bkt", "--json")
    assert code == 1 and "authentication key or protocol is wrong" in err
    assert AUTH_KEY + "x" not in out + err


def test_read_snmp_keys_from_the_keyring(capsys, snmp_sim, isolated_secrets):
    from bps_commissioner.services import secrets

    secrets.save(secrets.SNMP_AUTH_KEY, "bkt", "127.0.0.1", secrets.Secret(AUTH_KEY, "prompt"))
    secrets.save(secrets.SNMP_PRIV_KEY, "bkt", "127.0.0.1", secrets.Secret(PRIV_KEY, "prompt"))
    assert ("bps-commissioner", "snmp-auth:bkt@127.0.0.1") in isolated_secrets.store
    code, out, err = run(capsys, "read", "--snmp", f"127.0.0.1:{snmp_sim.port}", "--snmp-version", "3",
                         "--v3-user", "bkt", "--unit", "1", "--json")
    assert code == 0, err


def test_read_snmp_wrong_community_within_seconds(capsys, snmp_sim):
    start = time.monotonic()
    code, out, err = run(capsys, "read", "--snmp", f"127.0.0.1:{snmp_sim.port}", "--community", "guess",
                         "--timeout", "0.5")
    assert code == 1 and time.monotonic() - start < 5
    assert err.startswith("error: No SNMP reply from 127.0.0.1:") and "community is wrong" in err


def test_read_snmp_text_values_and_absent_slave_asked_for(capsys, snmp_sim, snmp_units):
    snmp_sim.value_form = "text"
    snmp_units[0].pin({"voltage_l1": 239.7})
    code, out, err = run(capsys, "read", "--snmp", f"127.0.0.1:{snmp_sim.port}", "--units", "0,4", "--json")
    assert code == 1 and "slave 4" in err
    doc = json.loads(out)
    assert doc["units"][0]["readings"]["L1"]["voltage"] == 239.7 and doc["absent"] == [4]


@pytest.mark.parametrize("argv, message", [
    (["--units", "6"], "over SNMP the units are 0 (master) and 1..5"),
    (["--snmp-scale", "volts=1"], "--snmp-scale: scale 'volts=1'"),
    (["--snmp-version", "3"], "--snmp-version 3 needs --v3-user"),
    (["--snmp-version", "3", "--v3-user", "bkt", "--v3-priv-proto", "blowfish"], "--v3-priv-proto 'blowfish'"),
])
def test_read_snmp_usage_errors(capsys, argv, message):
    with pytest.raises(SystemExit) as exc:
        main(["read", "--snmp", "127.0.0.1:1", *argv])
    assert exc.value.code == 2 and message in capsys.readouterr().err


def test_modbus_read_refuses_unit_0(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["read", "--tcp", "127.0.0.1:1", "--unit", "0"])
    assert exc.value.code == 2 and "0 is a master over SNMP" in capsys.readouterr().err


def test_telnet_info_json(capsys, monkeypatch, telnet_sim):
    monkeypatch.setenv("BPS_TELNET_PASSWORD", TELNET_PASSWORD)
    code, out, err = run(capsys, "telnet", "info", "--host", f"127.0.0.1:{telnet_sim.port}", "--user", "bkt",
                         "--slaves", "1", "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["version"] == "2.0.5-C" and doc["last_update"] == "2020-06-30"
    assert len(doc["date"]) == 10 and len(doc["time"]) == 8 and doc["uptime"].endswith("Minute")
    assert set(doc["information"]) == {"master", "slave1"}
    assert set(doc["information"]["master"]["load"]) == {"L1", "L2", "L3"}
    assert [f["code"] for f in doc["security"]] == ["telnet-cleartext"]


def test_telnet_info_flags_the_factory_login(capsys, monkeypatch, factory_telnet_sim):
    monkeypatch.setenv("BPS_TELNET_PASSWORD", "admin")
    code, out, err = run(capsys, "telnet", "info", "--host", f"127.0.0.1:{factory_telnet_sim.port}")
    assert code == 0, err
    assert "firmware 2.0.5-C" in out and "load" in out
    assert "[high] The unit accepts the factory Telnet login admin/admin." in out


def test_telnet_wrong_password(capsys, monkeypatch, telnet_sim):
    monkeypatch.setenv("BPS_TELNET_PASSWORD", "wrong-" + TELNET_PASSWORD)
    code, out, err = run(capsys, "telnet", "info", "--host", f"127.0.0.1:{telnet_sim.port}", "--user", "bkt")
    assert code == 1 and "was refused" in err and "wrong-" not in err
    assert telnet_sim.state.failed_logins == 1


def test_telnet_without_a_password_source(capsys, telnet_sim):
    with pytest.raises(SystemExit) as exc:
        main(["telnet", "info", "--host", f"127.0.0.1:{telnet_sim.port}", "--user", "bkt"])
    assert exc.value.code == 2 and "BPS_TELNET_PASSWORD" in capsys.readouterr().err
    assert telnet_sim.state.connections == 0


def test_energy_reset_refuses_without_a_terminal(capsys, monkeypatch, telnet_sim):
    monkeypatch.setenv("BPS_TELNET_PASSWORD", TELNET_PASSWORD)
    monkeypatch.setattr(sys, "stdin", open(os.devnull))
    code, out, err = run(capsys, "energy", "reset", "--host", f"127.0.0.1:{telnet_sim.port}", "--user", "bkt",
                         "--phase", "all")
    assert code == 2 and "needs a confirmation" in err and "Nothing was sent" in err
    assert telnet_sim.state.connections == 0  # not even connected


def test_energy_reset_with_yes(capsys, monkeypatch, telnet_sim, snmp_units):
    monkeypatch.setenv("BPS_TELNET_PASSWORD", TELNET_PASSWORD)
    code, out, err = run(capsys, "energy", "reset", "--host", f"127.0.0.1:{telnet_sim.port}", "--user", "bkt",
                         "--phase", "3", "--yes", "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["ok"] and list(doc["phases"]) == ["3"]
    assert doc["phases"]["3"]["before_kwh"] > 100 and doc["phases"]["3"]["after_kwh"] == 0
    assert "clearp3" in telnet_sim.state.commands and "clearp1" not in telnet_sim.state.commands
    from bps_commissioner.device.decode import decode_registers
    values = decode_registers(0, dict(enumerate(snmp_units[0].read(0, 99)))).values
    assert values["active_energy_l3"] < 0.01 and values["active_energy_l1"] > 100


def test_energy_reset_asks_at_a_terminal(capsys, monkeypatch, telnet_sim):
    class Terminal:
        def __init__(self, answer):
            self.answer = answer

        def isatty(self):
            return True

        def readline(self):
            return self.answer

    monkeypatch.setenv("BPS_TELNET_PASSWORD", TELNET_PASSWORD)
    monkeypatch.setattr(sys, "stdin", Terminal("no\n"))
    code, out, err = run(capsys, "energy", "reset", "--host", f"127.0.0.1:{telnet_sim.port}", "--user", "bkt",
                         "--phase", "1")
    assert code == 1 and "Clear the energy meter of phase 1?" in err and "Cancelled" in err
    assert not any(c.startswith("clearp") for c in telnet_sim.state.commands)
    monkeypatch.setattr(sys, "stdin", Terminal("yes\n"))
    code, out, err = run(capsys, "energy", "reset", "--host", f"127.0.0.1:{telnet_sim.port}", "--user", "bkt",
                         "--phase", "1")
    assert code == 0 and "Phase 1:" in out and "-> 0 kWh (cleared)" in out


def test_thresholds_set_telnet(capsys, monkeypatch, telnet_sim):
    """`thresholds set --telnet`: menu 8's format, read back; refused input sends nothing."""
    monkeypatch.setenv("BPS_TELNET_PASSWORD", TELNET_PASSWORD)
    host = f"127.0.0.1:{telnet_sim.port}"
    code, out, err = run(capsys, "thresholds", "set", "--telnet", host, "--user", "bkt", "--json",
                         "current_l1.high_warning=12")
    assert code == 0, err
    assert json.loads(out)["commands"] == ["current one:16&12&0&0"]
    assert TELNET_PASSWORD not in out + err
    sent = list(telnet_sim.state.commands)
    with pytest.raises(SystemExit) as exc:
        main(["thresholds", "set", "--telnet", host, "--user", "bkt", "current_l1.high_warning=40"])
    assert exc.value.code == 2
    assert "outside the unit's rated current" in capsys.readouterr().err
    changes = [c for c in telnet_sim.state.commands if ":" in c]  # threshold commands, not menu numbers
    assert changes == [c for c in sent if ":" in c] == ["current one:16&12&0&0"]  # nothing new sent
    with pytest.raises(SystemExit):
        main(["thresholds", "set", "--tcp", host, "current_l1.high=12"])
    assert "--unit N is required" in capsys.readouterr().err


def test_simulate_snmp_and_telnet_as_a_command(tmp_path):
    """`simulate --snmp --telnet` in its own process, read by the CLI; v3 keys from the
    environment, never printed."""
    import socket

    ports = []
    for kind in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
        with socket.socket(socket.AF_INET, kind) as s:
            s.bind(("127.0.0.1", 0))
            ports.append(s.getsockname()[1])
    env = dict(os.environ, BPS_SNMP_AUTH_KEY=AUTH_KEY, BPS_SNMP_PRIV_KEY=PRIV_KEY, BPS_TELNET_PASSWORD=TELNET_PASSWORD)
    proc = subprocess.Popen([sys.executable, "-m", "bps_commissioner", "simulate", "--snmp", f"127.0.0.1:{ports[0]}",
                             "--slaves", "1", "--v3-user", "bkt", "--telnet", f"127.0.0.1:{ports[1]}",
                             "--telnet-user", "bkt", "--firmware-version", "9.9.9", "--duration", "20", "--seed", "3"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        lines = [proc.stdout.readline(), proc.stdout.readline()]
        assert lines[0].startswith(f"SNMP agent on 127.0.0.1:{ports[0]}") and "v3 user bkt (authPriv)" in lines[0]
        assert lines[1].startswith(f"Telnet CLI on 127.0.0.1:{ports[1]}, account bkt, firmware 9.9.9")
        reader = subprocess.run([sys.executable, "-m", "bps_commissioner", "read", "--snmp", f"127.0.0.1:{ports[0]}",
                                 "--snmp-version", "3", "--v3-user", "bkt", "--json"],
                                capture_output=True, text=True, env=env, cwd=ROOT, timeout=30)
        assert reader.returncode == 0, reader.stderr
        assert [u["address"] for u in json.loads(reader.stdout)["units"]] == [0, 1]
        info = subprocess.run([sys.executable, "-m", "bps_commissioner", "telnet", "info", "--host",
                               f"127.0.0.1:{ports[1]}", "--user", "bkt", "--json"],
                              capture_output=True, text=True, env=env, cwd=ROOT, timeout=30)
        assert info.returncode == 0, info.stderr
        assert json.loads(info.stdout)["version"] == "9.9.9"
        assert_no_secret(*lines, reader.stdout, reader.stderr, info.stdout, info.stderr)
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=10)
    assert_no_secret(out, err)
    assert "Traceback" not in err


def test_energy_reset_and_telnet_thresholds_are_in_the_audit_log(capsys, monkeypatch, telnet_sim, tmp_path):
    """Each energy reset and each `thresholds set --telnet` leaves an intent (the meter before
    the reset, old -> new for a threshold) flushed before it goes out, then its outcome."""
    monkeypatch.setenv("BPS_TELNET_PASSWORD", TELNET_PASSWORD)
    path = tmp_path / "audit.jsonl"
    host = f"127.0.0.1:{telnet_sim.port}"
    code, _, err = run(capsys, "energy", "reset", "--host", host, "--user", "bkt", "--phase", "2", "--yes",
                       "--audit-log", str(path))
    assert code == 0, err
    code, _, err = run(capsys, "thresholds", "set", "--telnet", host, "--user", "bkt", "--audit-log", str(path),
                       "current_l1.high_warning=12")
    assert code == 0, err
    docs = [json.loads(line) for line in path.read_text().splitlines()]
    intents = [d for d in docs if d.get("event") == "intent"]
    assert len(intents) == 2, docs
    reset, threshold = intents
    assert "energy" in json.dumps(reset).lower() and reset["old"] is not None and reset["old"] > 100
    assert "current_l1" in json.dumps(threshold) and threshold["new"]["high_warning"] == 12
    assert threshold["old"]["high_warning"] == 16
    outcomes = {d["intent"]: d for d in docs if d.get("intent")}
    assert set(outcomes) == {reset["id"], threshold["id"]}
    assert docs.index(reset) < docs.index(outcomes[reset["id"]])  # intent first, outcome after
    from bps_commissioner.services.audit import AuditLog
    assert AuditLog(path).pending() == []
    assert TELNET_PASSWORD not in path.read_text()
