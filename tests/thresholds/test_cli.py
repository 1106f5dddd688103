"""`bps-commissioner thresholds` against the simulator: every check looks at the simulator's own
record of writes (chain.writes) and registers, not only at the exit code."""

import json
import sys

import pytest

from bps_commissioner.cli import main
from bps_commissioner.device.limits import SETTINGS
from bps_commissioner.services.audit import default_audit_path
from bps_commissioner.simulator import WriteRecord
from tests.conftest import posix_only


@pytest.fixture
def audit_path(tmp_path):
    return tmp_path / "audit.jsonl"


@pytest.fixture
def cli(capsys, tcp_sim, audit_path):
    """Run `thresholds ACTION ...` on the TCP simulator with the audit log in tmp_path."""

    def run(action, *argv, audit=True, link=True, yes=True):
        args = ["thresholds", action] + (["--yes"] if yes and action in ("set", "apply") else [])
        if link:
            args += ["--tcp", f"127.0.0.1:{tcp_sim.port}"]
        if audit and action != "export":
            args += ["--audit-log", str(audit_path)]
        code = main(args + list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def regs(chain, unit, *registers):
    return [chain.at(unit)[0].read(r, 1)[0] for r in registers]


def audit_lines(path):
    """The outcome lines (the intent lines are checked in test_audit_write_ahead.py)."""
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []
    return [a for a in lines if a.get("event") != "intent"]


def test_set_writes_each_changed_register_once_and_reads_back(cli, chain, audit_path):
    code, out, err = cli("set", "--unit", "1", "current_l1.high=25", "voltage_l2.low=190.5", "humidity.high=90")
    assert code == 0, err
    # humidity.high is 90 already (factory limit): no write for it
    assert chain.writes == [WriteRecord(1, 65, 1905), WriteRecord(1, 70, 250)]
    assert regs(chain, 1, 65, 70) == [1905, 250]
    assert "voltage_l2.low   180.0 V  190.5 V  190.5 V    applied" in out
    assert "humidity.high" in out and "unchanged" in out
    assert "Unit 1: 2 applied (confirmed by read-back), 1 unchanged." in out
    entries = audit_lines(audit_path)
    assert [(e["unit"], e["setting"], e["register"], e["old"], e["new"], e["read_back"], e["result"])
            for e in entries] == [(1, "voltage_l2.low", 65, 180.0, 190.5, 190.5, "applied"),
                                  (1, "current_l1.high", 70, 16.0, 25.0, 25.0, "applied")]
    assert all(e["link"].startswith("127.0.0.1:") and e["time"] for e in entries)


def test_unchanged_values_write_nothing(cli, chain, audit_path):
    code, out, _ = cli("set", "--unit", "2", "current_l1.high=16.0", "humidity.high=90", "voltage_l1.low=180")
    assert code == 0
    assert chain.writes == [] and not audit_path.exists()
    assert out.count("  unchanged") == 3 and "Unit 2: 0 applied (confirmed by read-back), 3 unchanged." in out


@pytest.mark.parametrize("settings, named", [
    (["current_l1.high=abc"], "current_l1.high: 'abc' is not a number"),
    (["current_l9.high=5"], "current_l9.high: no such threshold"),
    (["voltage_l1.lo=200"], "voltage_l1.lo: no such threshold; did you mean voltage_l1.low?"),
    (["current_l1.high"], "expected SETTING=VALUE"),
    (["voltage_l1.low=250", "voltage_l1.high=240"], "voltage_l1.low = 250.0 V is above voltage_l1.high = 240.0 V"),
    (["current_l1.low=17"], "current_l1.low = 17.0 A is above current_l1.high = 16.0 A (the unit's present value"),
    (["humidity.high=-1"], "humidity.high = -1 % is outside the physical range"),
    (["voltage_l3.high=301"], "voltage_l3.high = 301.0 V is outside"),
    (["temperature_2.low=-25"], "temperature_2.low = -25 °C is outside"),
    (["current_l2.high=32.5"], "current_l2.high = 32.5 A is outside the unit's rated current (32 A)"),
    (["--rating", "16", "current_l2.high=20"], "current_l2.high = 20.0 A is outside the unit's rated current (16 A)"),
    (["voltage_l2.low=190.55"], "voltage_l2.low = 190.55 V: more decimals than the register holds"),
    (["temperature.high=35.5"], "temperature.high = 35.5 °C: more decimals than the register holds (whole numbers"),
    (["current_l1.high=20", "current_l1.high=21"], "current_l1.high: given twice"),
])
def test_each_rule_refuses_and_writes_nothing(cli, chain, audit_path, settings, named):
    before = regs(chain, 1, *range(63, 87))
    # a valid setting alongside must not be written either
    code, out, err = cli("set", "--unit", "1", *settings, "humidity.low=5")
    assert code == 2
    assert named in err and "nothing was written" in err
    assert chain.writes == [] and regs(chain, 1, *range(63, 87)) == before
    assert not audit_path.exists() and "Traceback" not in err


def test_refusal_as_json(cli, chain):
    code, out, _ = cli("set", "--unit", "1", "current_l1.low=17", "--json")
    doc = json.loads(out)
    assert code == 2 and doc["ok"] is False and chain.writes == []
    assert doc["refused"] == [{"setting": "current_l1.low", "problem": "order", "unit": 1,
                               "message": doc["refused"][0]["message"]}]


def test_dry_run_prints_old_new_and_writes_nothing(cli, chain, audit_path):
    code, out, err = cli("set", "--unit", "3", "humidity.high=60", "current_l1.high=25", "humidity.low=0", "--dry-run")
    assert code == 0, err
    assert "Dry run: nothing was written." in out
    assert "current_l1.high: 32.0 A -> 25.0 A" in out and "humidity.high: 90 % -> 60 %" in out
    assert "humidity.low: 0 % (unchanged" in out
    assert chain.writes == [] and not audit_path.exists()
    code, out, _ = cli("set", "--unit", "3", "humidity.high=60", "--dry-run", "--json")
    assert json.loads(out)["units"][0]["results"][0] == {
        "setting": "humidity.high", "register": 82, "old": 90, "new": 60, "read_back": None,
        "result": "planned", "reason": ""}
    assert chain.writes == []


@pytest.mark.parametrize("low, high, order", [
    ("260", "290", [64, 63]),  # moving up: high first (low 260 above the old high 276 otherwise)
    ("100", "150", [63, 64]),  # moving down: low first
    ("200", "250", [64, 63]),  # shrinking from below
    ("170", "290", [63, 64]),  # widening
])
def test_write_order_keeps_low_at_most_high(cli, chain, low, high, order):
    code, _, err = cli("set", "--unit", "1", f"voltage_l1.high={high}", f"voltage_l1.low={low}")
    assert code == 0, err
    assert [w.register for w in chain.writes] == order
    state = {63: 1800, 64: 2760}
    for w in chain.writes:
        state[w.register] = w.value
        assert state[63] <= state[64], chain.writes
    assert regs(chain, 1, 63, 64) == [int(low) * 10, int(high) * 10]


def test_exception_04_gives_an_exact_partial_report(cli, chain, audit_path):
    chain.at(1)[0].fail_writes[70] = 4
    code, out, err = cli("set", "--unit", "1", "current_l1.high=25", "voltage_l2.low=190.5", "humidity.high=60")
    assert code == 1
    assert [w.register for w in chain.writes] == [65, 70, 82]  # the refused write does not stop the others
    assert regs(chain, 1, 65, 70, 82) == [1905, 160, 60]
    assert "Unit 1: NOT fully applied: 2 applied (confirmed by read-back), 1 not applied, 0 unchanged." in out
    assert "applied: voltage_l2.low, humidity.high" in out
    assert ("not applied: current_l1.high (unit 1 answered function 06 with Modbus exception 04 "
            "(server device failure: the unit could not perform the request); the unit holds 16.0 A)") in out
    assert "1 setting(s) NOT applied" in err
    assert [(e["setting"], e["result"], e["read_back"]) for e in audit_lines(audit_path)] == [
        ("voltage_l2.low", "applied", 190.5), ("current_l1.high", "failed", 16.0), ("humidity.high", "applied", 60)]


def test_read_back_mismatch_gives_an_exact_partial_report(cli, chain):
    chain.at(2)[0].mangle_writes.add(65)
    code, out, _ = cli("set", "--unit", "2", "current_l1.high=12.5", "voltage_l2.low=190.5", "--json")
    assert code == 1
    doc = json.loads(out)
    results = {r["setting"]: r for r in doc["units"][0]["results"]}
    assert results["voltage_l2.low"] == {"setting": "voltage_l2.low", "register": 65, "old": 180.0, "new": 190.5,
                                         "read_back": 190.6, "result": "failed",
                                         "reason": "read back 190.6 V instead of 190.5 V"}
    assert results["current_l1.high"]["result"] == "applied" and results["current_l1.high"]["read_back"] == 12.5
    assert doc["ok"] is False and doc["units"][0]["ok"] is False


def test_failed_first_write_skips_a_second_that_would_invert_the_window(cli, chain):
    chain.at(1)[0].fail_writes[64] = 4  # voltage_l1.high refuses
    code, out, _ = cli("set", "--unit", "1", "voltage_l1.low=280", "voltage_l1.high=295")
    assert code == 1
    assert chain.writes == [WriteRecord(1, 64, 2950)]  # low 280 > high 276 would follow: not written
    assert regs(chain, 1, 63, 64) == [1800, 2760]
    assert ("not applied: voltage_l1.low (not written: with voltage_l1.high at 276.0 V (as the unit holds it "
            "now), 280.0 V would put low above high)") in out


def test_the_second_write_goes_on_when_it_keeps_the_window_valid(cli, chain):
    chain.at(1)[0].fail_writes[64] = 4
    code, out, _ = cli("set", "--unit", "1", "voltage_l1.low=200", "voltage_l1.high=290")
    assert code == 1
    assert [w.register for w in chain.writes] == [64, 63] and regs(chain, 1, 63, 64) == [2000, 2760]
    assert "applied: voltage_l1.low" in out


PROFILE = {"name": "Rack A", "thresholds": {"voltage_l1": {"low": 200, "high": 253}, "current_l1": {"high": 15.5},
                                            "humidity": {"low": 10, "high": 80}}}


def write_profile(tmp_path, doc, name="rack.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    return str(path)


def test_profile_on_several_units(cli, chain, tmp_path):
    path = write_profile(tmp_path, PROFILE)
    chain.at(2)[0].fail_writes[82] = 4
    code, out, err = cli("apply", path, "--units", "1-3")
    assert code == 1
    for unit in (1, 3):
        assert regs(chain, unit, 63, 64, 70, 81, 82) == [2000, 2530, 155, 10, 80]
    assert regs(chain, 2, 63, 64, 70, 81, 82) == [2000, 2530, 155, 10, 90]
    assert [w.address for w in chain.writes] == [1] * 5 + [2] * 5 + [3] * 5  # unit by unit
    lines = out.splitlines()
    assert lines[0].split() == ["unit", "setting", "old", "new", "read", "back", "result"]
    assert "   2  humidity.high    90 %     80 %     90 %       FAILED: unit 2 answered function 06 with " \
           "Modbus exception 04" in out
    assert "Unit 1: 5 applied (confirmed by read-back), 0 unchanged." in out
    assert "Unit 2: NOT fully applied: 4 applied (confirmed by read-back), 1 not applied, 0 unchanged." in out
    # applying it again writes only what still differs
    chain.at(2)[0].fail_writes.clear()
    chain.writes.clear()
    code, out, _ = cli("apply", path, "--units", "1-3")
    assert code == 0 and chain.writes == [WriteRecord(2, 82, 80)]


def test_profile_is_validated_against_every_unit_before_the_first_write(cli, chain, tmp_path):
    # current_l1.low = 20 A fits unit 3 (32 A, high 32) but not units 1 and 2 (high 16)
    path = write_profile(tmp_path, {"name": "x", "thresholds": {"current_l1": {"low": 20}}})
    code, out, err = cli("apply", path, "--units", "3,1,2")
    assert code == 2 and chain.writes == []
    assert "unit 1: current_l1.low = 20.0 A is above current_l1.high = 16.0 A" in err
    assert "unit 2: current_l1.low" in err and "unit 3" not in err


def test_profile_apply_refuses_a_unit_that_does_not_answer(cli, chain, tmp_path):
    path = write_profile(tmp_path, PROFILE)
    code, out, err = cli("apply", path, "--units", "1,7", "--timeout", "0.3")
    assert code == 1 and chain.writes == []
    assert "unit 7: cannot read its present thresholds: No reply from unit 7" in err
    assert "unit 1" not in err


def test_bad_profile_is_refused_with_file_line_and_key(cli, chain, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"name": "x",\n "thresholds": {\n  "voltage_l1": {"low": 200},\n  "curent_l1": {"high": 16}\n}}\n')
    code, _, err = cli("apply", str(path), "--units", "1")
    assert code == 2 and chain.writes == []
    assert f"{path}:4: thresholds.curent_l1: no such quantity" in err
    path.write_text('{"name": "x",\n "thresholds": {\n  "voltage_l1": {"low": 200,}}}\n')
    code, _, err = cli("apply", str(path), "--units", "1")
    assert code == 2 and f"{path}:3: not valid JSON" in err
    code, _, err = cli("apply", str(tmp_path / "missing.json"), "--units", "1")
    assert code == 2 and "missing.json: cannot read the profile" in err
    # a valid profile whose value breaks a rule: the key is named too
    bad_value = write_profile(tmp_path, {"thresholds": {"temperature": {"high": 70}}}, "hot.json")
    code, _, err = cli("apply", bad_value, "--units", "1,2")
    assert code == 2 and "temperature.high = 70 °C is outside" in err and chain.writes == []


def test_export_then_apply_round_trips(cli, chain, tmp_path):
    cli("set", "--unit", "1", "temperature.low=-5", "current_l2.high=12.3")
    chain.writes.clear()
    code, out, err = cli("export", "--unit", "1", "--name", "golden")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["name"] == "golden" and list(doc["thresholds"]) == [s.split(".")[0] for s in SETTINGS[::2]]
    assert doc["thresholds"]["temperature"] == {"low": -5, "high": 40}
    assert doc["thresholds"]["current_l2"] == {"low": 0.0, "high": 12.3}
    path = tmp_path / "golden.json"
    path.write_text(out, encoding="utf-8")
    code, out, _ = cli("apply", str(path), "--units", "1")
    assert code == 0 and chain.writes == [] and out.count("  unchanged") == 24
    code, out, _ = cli("apply", str(path), "--units", "2,4")
    assert code == 0
    assert sorted((w.address, w.register) for w in chain.writes) == [(2, 72), (2, 75), (4, 72), (4, 75)]
    assert regs(chain, 4, 75) == [0x10000 - 5]  # signed 16-bit


def test_unwritable_audit_log_refuses_before_writing(cli, chain, tmp_path):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    code, _, err = cli("set", "--unit", "1", "humidity.high=60", "--audit-log", str(folder), audit=False)
    assert code == 1 and chain.writes == []
    assert f"cannot write the audit log {folder}" in err


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG_DATA_HOME is how Linux picks the folder")
def test_default_audit_log_is_in_the_user_data_folder(cli, chain, tmp_path, monkeypatch):
    monkeypatch.delenv("BPS_COMMISSIONER_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_audit_path() == tmp_path / "data" / "bps-commissioner" / "audit.jsonl"
    monkeypatch.setenv("BPS_COMMISSIONER_DATA_DIR", str(tmp_path / "portable"))
    assert default_audit_path() == tmp_path / "portable" / "audit.jsonl"
    monkeypatch.setenv("BPS_COMMISSIONER_DATA_DIR", str(tmp_path / "data" / "bps-commissioner"))
    code, _, err = cli("set", "--unit", "1", "humidity.high=60", audit=False)
    assert code == 0, err
    (entry,) = audit_lines(default_audit_path())
    assert entry["setting"] == "humidity.high" and entry["result"] == "applied"
    assert set(entry) == {"time", "link", "unit", "setting", "register", "old", "new", "written", "read_back",
                          "result", "reason", "event", "intent", "outcome"}


def test_usage_errors(cli, chain):
    with pytest.raises(SystemExit) as exc:
        cli("set", "current_l1.high=20")  # no --unit
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        cli("set", "--unit", "1", "--rating", "20", "current_l1.high=20")
    assert exc.value.code == 2 and chain.writes == []


@posix_only
def test_set_over_serial(capsys, chain, rtu_sim, audit_path):
    code = main(["thresholds", "set", "--serial", rtu_sim.link, "--baud", "9600", "--unit", "3",
                 "humidity.high=60", "temperature.low=-10", "--audit-log", str(audit_path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert chain.writes == [WriteRecord(3, 75, 0x10000 - 10), WriteRecord(3, 82, 60)]
    assert "Unit 3: 2 applied (confirmed by read-back), 0 unchanged." in out
    assert audit_lines(audit_path)[0]["link"].startswith(rtu_sim.link)


@posix_only
def test_ctrl_c_stops_after_the_write_in_progress_and_reports(chain, rtu_factory, audit_path, tmp_path):
    """A slow bus (4800 baud, 20 ms turnaround) and 24 changes: Ctrl-C after the first write."""
    import signal
    import subprocess
    import time

    from bps_commissioner.device.bus import BusSettings
    from tests.cli.test_read import console_script

    sim = rtu_factory(chain, BusSettings(4800), turnaround=0.02)
    limits = {"voltage": (190, 260), "current": (1, 15), "temperature": (5, 35), "humidity": (10, 80)}
    quantities = [s.split(".")[0] for s in SETTINGS[::2]]
    doc = {"name": "all", "thresholds": {q: dict(zip(("low", "high"), limits[q.split("_")[0]])) for q in quantities}}
    path = write_profile(tmp_path, doc)
    proc = subprocess.Popen([console_script(), "thresholds", "apply", path, "--serial", sim.link, "--baud", "4800",
                             "--units", "1", "--audit-log", str(audit_path), "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 20
        while not audit_lines(audit_path) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.01)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    finally:
        proc.kill()
    assert proc.returncode == 130, err
    report = json.loads(out)
    results = report["units"][0]["results"]
    applied = [r["setting"] for r in results if r["result"] == "applied"]
    skipped = [r for r in results if r["result"] == "skipped"]
    assert 1 <= len(applied) < 24 and len(applied) + len(skipped) == 24
    assert all(r["reason"] == "not written: cancelled" for r in skipped)
    # exactly what the report says was applied, and nothing else, reached the unit
    assert [w.register for w in chain.writes] == [r["register"] for r in results if r["result"] == "applied"]
    assert [e["setting"] for e in audit_lines(audit_path)] == applied
    assert "Traceback" not in err and "interrupted" in err


@pytest.mark.parametrize("value, why", [
    ("1_0", "it has an underscore"),
    ("1e1", "it has an exponent"),
    ("１０", "it has digits other than 0-9"),
    ("٣٠", "it has digits other than 0-9"),
    ("1 0", "it has a space"),
    ("Infinity", ""),
    ("0x1e", ""),
])
def test_a_limit_is_plain_ascii_and_anything_else_is_refused_before_any_unit_is_asked(
        cli, chain, audit_path, value, why):
    """Issue 15: `temperature.high=1_0`, `1e1`, `１０`, `٣٠` were written to the unit."""
    before = regs(chain, 1, *range(63, 87))
    code, out, err = cli("set", "--unit", "1", f"temperature.high={value}", "humidity.low=5")
    assert code == 2, err
    assert f"temperature.high: {value!r} is not a number" in err and why in err and "nothing was written" in err
    assert chain.writes == [] and regs(chain, 1, *range(63, 87)) == before
    assert not audit_path.exists() and "Traceback" not in err


def test_a_profile_limit_with_an_exponent_is_refused_with_file_and_line(cli, chain, tmp_path):
    path = tmp_path / "rack.json"
    path.write_text('{"name": "x",\n "thresholds": {"temperature": {"high": 1e1}}}', encoding="utf-8")
    code, out, err = cli("apply", str(path), "--units", "1")
    assert code == 2 and chain.writes == []
    assert "rack.json:2: 1e1 is not a plain number" in err


def test_numbers_on_the_command_line_are_ascii_digits(cli, chain):
    for argv in (["--unit", "１", "humidity.low=5"], ["--unit", "1_0", "humidity.low=5"],
                 ["--unit", "1", "--rating", "１６", "humidity.low=5"], ["--unit", "1", "--block-size", "1e1",
                                                                       "humidity.low=5"]):
        with pytest.raises(SystemExit) as exc:
            cli("set", *argv)
        assert exc.value.code == 2
    assert chain.writes == []
