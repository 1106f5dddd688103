"""The commissioning run against the simulated chain on a pseudo-terminal (RS485 at 19200
baud) and over Modbus TCP: the findings, --apply, the CLI, the JSON, the CSV and the PDF."""

import csv
import io
import json
import re
import subprocess

import pytest

from bps_commissioner.cli import main
from bps_commissioner.device.plan import parse_plan
from bps_commissioner.services.audit import AuditLog
from bps_commissioner.services.commission import (
    CONFLICT, FAIL, MISSING, OK, PASS, UNEXPECTED, CommissionOptions, load_plan_file, run_commission,
)
from bps_commissioner.simulator import TcpSimulator, build_chain
from tests.commission.conftest import BUS, pdftotext, rack_plan, serial_link
from tests.conftest import posix_only

pytestmark = posix_only

SCAN = ["--addresses", "1-7"]


def failures(result):
    """{(address, status): [failed check ids]} of every unit."""
    return {(u.address, u.status): sorted(c.check for c in u.checks if c.result == FAIL) for u in result.units}


def test_the_plan_finds_exactly_the_missing_unexpected_wrong_type_alarm_and_threshold_findings(bus, write_plan):
    plan = load_plan_file(write_plan(rack_plan(bus)))
    progress = []
    result = run_commission(plan, CommissionOptions(addresses=tuple(range(1, 8))),
                            progress=lambda p: progress.append((p.done, p.total)))
    assert failures(result) == {
        (1, "failed"): ["thresholds"],  # the profile differs from the factory thresholds
        (2, OK): [],
        (3, "failed"): ["alarms"],  # in a voltage alarm
        (4, "failed"): ["phases"],  # planned three-phase, is single-phase
        (5, MISSING): ["reachable"],
        (6, UNEXPECTED): [],
    }
    assert not result.passed and result.result == FAIL
    by_address = {u.address: u for u in result.units}
    assert [c.detail for c in by_address[3].checks if c.check == "alarms"] == ["not normal: Voltage L1 high alarm"]
    assert [c.detail for c in by_address[4].checks if c.check == "phases"] == ["single-phase, planned three-phase"]
    assert by_address[5].checks[0].detail == f"no reply at address 5 on {bus.link} (19200 8N1)"
    # no warning anywhere: every probe planned is there, nothing else is connected
    assert [(u.address, c.check) for u in result.units for c in u.checks if c.result == "warn"] == []
    assert by_address[1].thresholds_before is None  # nothing was written
    assert not [w for w in bus.chain.writes]
    assert progress[-1][0] == progress[-1][1] and all(b >= a for (a, _), (b, _) in zip(progress, progress[1:]))


def test_apply_writes_the_profile_and_the_check_then_passes(bus, write_plan, tmp_path):
    doc = rack_plan(bus)
    doc["units"] = [u for u in doc["units"] if u["address"] in (1, 2)]
    doc["units"].append({"address": 3, "name": "PDU-A12-C", "phases": 3, "profile": "rack-c.json", "probes": []})
    (tmp_path / "rack-c.json").write_text('{"name": "32 A", "thresholds": {"voltage_l1": {"low": 200, "high": 253}}}')
    plan = load_plan_file(write_plan(doc))
    audit = AuditLog(tmp_path / "audit.jsonl")
    result = run_commission(plan, CommissionOptions(apply=True, addresses=(1, 2, 3), audit=audit))
    assert [(u.address, u.status) for u in result.units] == [(1, OK), (2, OK), (3, OK)], failures(result)
    checks = {u.address: {c.check: c for c in u.checks} for u in result.units}
    applied = checks[1]["thresholds"]
    assert applied.result == PASS and applied.detail.startswith("applied from rack-a.json, read back: ")
    assert "voltage_l1.low 180.0 V → 200.0 V" in applied.detail and "current_l1.high 16.0 A → 14.5 A" in applied.detail
    # unit 3's alarm came from its voltage threshold: the profile fixed it, and the alarm check sees that
    assert checks[3]["alarms"].result == PASS and "voltage_l1.high 225.0 V → 253.0 V" in checks[3]["thresholds"].detail
    assert result.passed
    assert len(audit.entries()) == 9 and {e["result"] for e in audit.entries()} == {"applied"}
    # a second run writes nothing: the unit already holds the profile
    again = run_commission(plan, CommissionOptions(apply=True, addresses=(1, 2, 3), audit=audit))
    assert again.passed and len(audit.entries()) == 9
    assert {c.detail for u in again.units for c in u.checks if c.check == "thresholds"} == \
        {"as in the profile rack-a.json", "as in the profile rack-c.json"}


def test_two_units_on_one_address_are_a_conflict(rtu_factory, write_plan):
    sim = rtu_factory(build_chain([1, 2, 2], seed=3), BUS, turnaround=0.003)
    plan = load_plan_file(write_plan({"site": "x", "links": [serial_link(sim)],
                                      "units": [{"address": 1, "probes": ["temperature", "humidity"]},
                                                {"address": 2}]}))
    result = run_commission(plan, CommissionOptions(addresses=(1, 2, 3)))
    assert [(u.address, u.status) for u in result.units] == [(1, OK), (2, CONFLICT)]
    assert result.units[1].checks[0].detail.startswith("replies to address 2 arrive garbled every time")
    assert not result.passed


def test_a_port_that_cannot_be_opened_fails_every_planned_unit_with_the_reason(write_plan, tmp_path):
    plan = load_plan_file(write_plan({"site": "x", "links": [{"serial": str(tmp_path / "ttyNONE")}],
                                      "units": [{"address": 1}, {"address": 2}]}))
    result = run_commission(plan, CommissionOptions(addresses=()))
    assert [(u.address, u.status) for u in result.units] == [(1, "failed"), (2, "failed")]
    assert "does not exist" in result.units[0].checks[0].detail


def test_cancel_reports_the_units_not_reached(bus, write_plan):
    plan = load_plan_file(write_plan(rack_plan(bus)))
    calls = []

    def stop():
        calls.append(1)
        return len(calls) > 12  # during the scan

    result = run_commission(plan, CommissionOptions(addresses=tuple(range(1, 8))), should_stop=stop)
    assert result.cancelled and not result.passed
    assert {c.detail for u in result.units for c in u.checks} >= {"not checked: the run was cancelled"}


def test_modbus_tcp_link(write_plan):
    chain = build_chain([1, 2], seed=5)
    sim = TcpSimulator(chain, "127.0.0.1", 0).start()
    try:
        plan = parse_plan(json.dumps({"site": "x", "links": [{"tcp": f"127.0.0.1:{sim.port}", "timeout": 1}],
                                      "units": [{"address": 1, "phases": 3, "probes": ["temperature", "humidity"]},
                                                {"address": 3}]}), "p.json")
        result = run_commission(plan, CommissionOptions(addresses=(1, 2, 3), tcp_probe_wait=0.2))
    finally:
        sim.stop()
    assert [(u.address, u.status) for u in result.units] == [(1, OK), (2, UNEXPECTED), (3, MISSING)]


# --- the command line ----------------------------------------------------------------------------

def run_cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_json_csv_and_exit_codes(bus, write_plan, tmp_path, capsys):
    path = write_plan(rack_plan(bus))
    code, out, err = run_cli(capsys, "commission", str(path), *SCAN, "--json", "--csv", str(tmp_path / "u.csv"))
    assert code == 1, err
    doc = json.loads(out)
    assert set(doc) >= {"site", "started", "finished", "result", "units"} and doc["result"] == "fail"
    assert doc["site"] == "DC Warsaw 2 / room B / rack A12"
    assert [(u["address"], u["name"], u["status"]) for u in doc["units"]] == [
        (1, "PDU-A12-L", "failed"), (2, "PDU-A12-R", "ok"), (3, "PDU-A12-C", "failed"), (4, "PDU-A12-S", "failed"),
        (5, "PDU-A12-X", "missing"), (6, None, "unexpected")]
    first = doc["units"][0]
    assert set(first["checks"][0]) == {"check", "result", "detail"}
    assert first["readings"]["address"] == 1 and set(first["readings"]["readings"]) == {"L1", "L2", "L3", "total"}
    assert doc["units"][4]["readings"] is None
    rows = list(csv.DictReader(io.StringIO((tmp_path / "u.csv").read_text(encoding="utf-8-sig"))))
    assert [(r["address"], r["status"]) for r in rows] == [("1", "failed"), ("2", "ok"), ("3", "failed"),
                                                           ("4", "failed"), ("5", "missing"), ("6", "unexpected")]
    assert rows[0]["name"] == "PDU-A12-L" and float(rows[0]["voltage_l1"]) > 200
    assert rows[2]["failed_checks"] == "alarms: not normal: Voltage L1 high alarm"
    # the text output names every finding; --apply makes the planned units pass where the profile was the problem
    code, out, err = run_cli(capsys, "commission", str(path), *SCAN, "--apply", "--audit-log",
                             str(tmp_path / "audit.jsonl"))
    assert code == 1
    assert "unit 1 (PDU-A12-L): ok" in out and "unit 5 (PDU-A12-X): MISSING" in out and "Result: FAIL" in out
    # a plan without the findings passes: exit 0
    doc = rack_plan(bus)
    doc["units"] = [u for u in doc["units"] if u["address"] in (1, 2)]
    code, out, err = run_cli(capsys, "commission", str(write_plan(doc, "ok.json")), "--addresses", "1,2")
    assert code == 0, out
    assert out.rstrip().endswith("Result: PASS (2 ok)")


def test_cli_refuses_a_bad_plan_with_exit_2_and_does_nothing(write_plan, capsys):
    path = write_plan('{"site": "x",\n "links": [{"serial": "COM5", "bad": 1}]}')
    code, out, err = run_cli(capsys, "commission", str(path))
    assert code == 2 and out == ""
    assert "plan refused, nothing done: " in err and "plan.json:2: links[0].bad: unknown key" in err
    code, out, err = run_cli(capsys, "plan", "check", str(path))
    assert code == 2 and "links[0].bad" in err


def test_plan_new_from_a_scan_then_commission(bus, tmp_path, capsys):
    code, out, err = run_cli(capsys, "plan", "new", "--serial", bus.link, "--baud", "19200", "--addresses", "1-7",
                             "--site", "Rack B", "--engineer", "Anna Świątek")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["links"] == [{"serial": bus.link, "baud": 19200, "parity": "N", "stopbits": 1}]
    assert [(u["address"], u["phases"]) for u in doc["units"]] == [(1, 3), (2, 3), (3, 3), (4, 1), (6, 3)]
    assert doc["units"][0]["probes"] == ["temperature", "humidity"] and doc["units"][0]["name"] == ""
    assert doc["engineer"] == "Anna Świątek"
    (tmp_path / "new.json").write_text(out, encoding="utf-8")
    code, out, err = run_cli(capsys, "commission", str(tmp_path / "new.json"), *SCAN)
    # what was found is what is planned: only unit 3's alarm fails
    assert code == 1 and "unit 3: FAILED" in out and "alarms: not normal: Voltage L1 high alarm" in out
    assert [line.split(":")[0].strip() for line in out.splitlines() if line.startswith("    FAIL")] == ["FAIL  alarms"]


@pytest.mark.skipif(pdftotext() is None, reason="pdftotext (poppler-utils) is not installed")
@pytest.mark.parametrize("language", ["en", "pl"])
def test_the_pdf_report_in_both_languages(bus, write_plan, tmp_path, capsys, language):
    path = write_plan(rack_plan(bus))
    pdf = tmp_path / f"report-{language}.pdf"
    code, out, err = run_cli(capsys, "commission", str(path), *SCAN, "--report", str(pdf), "--lang", language)
    assert code == 1 and pdf.stat().st_size > 5000, err
    text = subprocess.run([pdftotext(), "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = text.count("\f")
    assert pages >= 7  # the summary and a page (or two) per unit
    for needed in ("DC Warsaw 2 / room B / rack A12", "Łódź Data Sp. z o.o.", "Paweł Żółć", "PDU-A12-L",
                   "PDU-A12-X", "Left rear, fed from UPS A."):
        assert needed in text, needed
    if language == "en":
        for needed in ("Commissioning report", "Result: not passed", "missing", "unexpected",
                       "single-phase, planned three-phase", "not normal: Voltage L1 high alarm", "Engineer’s notes",
                       "Accepted by (customer)", "page 1 of"):
            assert needed in text, needed
        assert re.search(r"\b23\d\.\d\sV\b", text)
    else:
        for needed in ("Protokół uruchomienia", "Wynik: negatywny", "brak", "nieplanowane",
                       "jednofazowe, zaplanowano trójfazowe", "stan inny niż normalny: Napięcie L1 alarm górny",
                       "Uwagi serwisanta", "Odebrał (klient)", "strona 1 z"):
            assert needed in text, needed
        assert re.search(r"\b23\d,\d\sV\b", text), "Polish numbers use a decimal comma"
        assert not re.search(r"\b\d+\.\d+\s(V|A|Hz|W|kWh|°C|%)\b", text), "no decimal point in Polish"
        assert "Commissioning report" not in text and "Result:" not in text


def test_report_file_that_cannot_be_written_is_an_error_but_the_result_stands(bus, write_plan, tmp_path, capsys):
    doc = rack_plan(bus)
    doc["units"] = doc["units"][:2]
    del doc["units"][0]["profile"]
    code, out, err = run_cli(capsys, "commission", str(write_plan(doc)), "--addresses", "1,2", "--report",
                             str(tmp_path / "no" / "such" / "dir" / "r.pdf"), "--lang", "en")
    assert code == 1 and "Result: PASS" in out
    assert "cannot write the report" in err


def test_apply_leaves_a_limit_the_live_reading_breaks_unless_told(bus, write_plan, tmp_path):
    """A planned high voltage limit below what L1 reads now would alarm at once: --apply does
    not write that unit's profile and says why; with --yes (apply_breaking) it is written."""
    doc = rack_plan(bus)
    doc["units"] = [{"address": 2, "name": "PDU-A12-B", "phases": 3, "profile": "low.json", "probes": []}]
    (tmp_path / "low.json").write_text('{"name": "too low", "thresholds": {"voltage_l1": {"low": 180, "high": 200}}}')
    plan = load_plan_file(write_plan(doc))
    audit = AuditLog(tmp_path / "audit.jsonl")
    result = run_commission(plan, CommissionOptions(apply=True, addresses=(2,), audit=audit))
    checks = {c.check: c for c in result.units[0].checks}
    assert checks["thresholds_live"].result == FAIL
    assert "L1 reads" in checks["thresholds_live"].detail and "a high alarm at 200.0 V" in checks["thresholds_live"].detail
    assert not [w for w in bus.chain.writes] and audit.entries() == []
    told = run_commission(plan, CommissionOptions(apply=True, apply_breaking=True, addresses=(2,), audit=audit))
    assert "thresholds_live" not in {c.check for c in told.units[0].checks}
    assert [w.register for w in bus.chain.writes] == [64]
