"""The commissioning panel: standalone on its own thread against the RS485 simulator, and in
the main window, where the plan's link runs on the window's link worker and the chain tree
marks units as planned, missing and unexpected. Offscreen, any Qt warning fails a test."""

import csv
import io
import json

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel

from bps_commissioner.device.plan import PlannedUnit
from bps_commissioner.services.audit import AuditLog
from bps_commissioner.services.commission import FAIL, MISSING, OK, UNEXPECTED
from bps_commissioner.ui.commission_panel import CommissionPanel
from tests.commission.conftest import pdftotext, rack_plan
from tests.conftest import posix_only
from tests.ui.conftest import (  # noqa: F401
    make_window, manager, sim_chain, tcp_chain, tcp_endpoint, translations, user_settings,
)


def statuses(panel):
    return [(panel.table.item(r, 1).text(), panel.table.item(r, 9).text().split(" (")[0])
            for r in range(panel.table.rowCount())]


def checklist(panel):
    return [(panel.checks.item(r, 0).text(), panel.checks.item(r, 1).text(), panel.checks.item(r, 2).text())
            for r in range(panel.checks.rowCount())]


@posix_only
def test_standalone_panel_runs_the_plan_and_exports_the_report(qtbot, bus, write_plan, tmp_path, translations):
    panel = CommissionPanel(audit=AuditLog(tmp_path / "audit.jsonl"))
    qtbot.addWidget(panel)
    assert not panel.run_button.isEnabled() and not panel.export_button.isEnabled()
    assert not panel.load_plan(str(write_plan('{"links": []}', "bad.json")))
    assert "bad.json:1: links: must be a non-empty list" in panel.status.text()
    assert panel.load_plan(str(write_plan(rack_plan(bus))))
    assert panel.site.text() == "DC Warsaw 2 / room B / rack A12"
    assert [s for _, s in statuses(panel)] == ["planned"] * 5
    panel.scan_edit.setText("1-7")
    with qtbot.waitSignal(panel.resultReady, timeout=20000) as finished:
        assert panel.run_checks()
        assert panel.running and panel.cancel_button.isEnabled() and not panel.run_button.isEnabled()
    result = finished.args[0]
    assert [(u.address, u.status) for u in result.units] == [
        (1, "failed"), (2, OK), (3, "failed"), (4, "failed"), (5, MISSING), (6, UNEXPECTED)]
    assert statuses(panel) == [("1", "failed"), ("2", "OK"), ("3", "failed"), ("4", "failed"), ("5", "missing"),
                               ("6", "unexpected")]
    assert panel.status.text().startswith("Not passed.")
    # a unit's checklist: result (icon and word), check, reason
    panel.select_unit(0, 3)
    rows = checklist(panel)
    assert ("fail", "Alarm states", "not normal: Voltage L1 high alarm") in rows
    assert ("pass", "Phases", "three-phase, as planned") in rows
    assert not panel.checks.item(0, 0).icon().isNull()
    assert panel.checks_title.text() == "Unit 3 – PDU-A12-C: failed"
    # notes and names edited after the run go into the report
    panel.notes.setPlainText("Alarm limit of L1 to be raised by the customer's electrician.")
    panel.table.item(2, 2).setText("PDU-A12-C (centre)")
    # a bad cell is refused with a message and the plan keeps its value
    panel.table.item(3, 3).setText("2")
    assert panel.status.text() == "Phases: 1 or 3 (or empty: not checked), not 2"
    assert panel.plan.unit(0, 4).phases == 3 and panel.table.item(3, 3).text() == "3"
    panel.table.item(3, 3).setText("1")
    assert panel.plan.unit(0, 4).phases == 1
    panel.table.item(3, 5).setText("Temperature 1, humidity_1, Door 2")  # labels as shown, or the plan's keys
    assert panel.plan.unit(0, 4).probes == ("temperature_1", "humidity_1", "door_2")
    panel.table.item(3, 5).setText("thermometer")
    assert panel.status.text().startswith("Unknown probe thermometer; probes are Temperature, Temperature 1")
    # export
    assert panel.export_csv(str(tmp_path / "units.csv"))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "units.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == 6 and rows[2]["name"] == "PDU-A12-C (centre)"
    pdf = tmp_path / "report.pdf"
    assert panel.export_report(str(pdf), "en")
    assert panel.status.text().startswith(f"Report written: {pdf}")
    if pdftotext():
        import subprocess

        text = subprocess.run([pdftotext(), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "PDU-A12-C (centre)" in text and "raised by the customer" in text
    preview = panel.preview_report()
    qtbot.addWidget(preview)
    assert "Commissioning report" in preview.browser.toPlainText()
    preview.close()
    # the unexpected unit into the plan, and the plan saved
    panel.add_unexpected_to_plan()
    assert panel.plan.unit(0, 6) == PlannedUnit(6, 0, phases=3, probes=("temperature", "humidity"))
    assert panel.save_plan(str(tmp_path / "saved.json"))
    saved = json.loads((tmp_path / "saved.json").read_text(encoding="utf-8"))
    assert [u["address"] for u in saved["units"]] == [1, 2, 3, 4, 5, 6]
    assert saved["units"][2]["notes"].startswith("Alarm limit of L1")


@posix_only
def test_apply_and_cancel_from_the_panel(qtbot, bus, write_plan, tmp_path, translations):
    doc = rack_plan(bus)
    doc["units"] = doc["units"][:1]
    panel = CommissionPanel(audit=AuditLog(tmp_path / "audit.jsonl"))
    qtbot.addWidget(panel)
    panel.load_plan(str(write_plan(doc)))
    panel.scan_edit.setText("")
    panel.apply_box.setChecked(True)
    with qtbot.waitSignal(panel.resultReady, timeout=20000) as finished:
        panel.run_checks()
    assert finished.args[0].passed, [c.to_dict() for u in finished.args[0].units for c in u.checks]
    assert len(AuditLog(tmp_path / "audit.jsonl").entries()) == 7
    panel.apply_box.setChecked(False)
    panel.scan_edit.setText("1-30")
    with qtbot.waitSignal(panel.resultReady, timeout=20000) as finished:
        panel.run_checks()
        panel.cancel()
    assert finished.args[0].cancelled and panel.status.text().startswith("Cancelled")


def visible_texts(widget):
    out = {}
    for w in [*widget.findChildren(QLabel), *widget.findChildren(QAbstractButton)]:
        if w.isVisibleTo(widget) and w.text():
            out[f"{type(w).__name__}:{w.objectName()}:{id(w)}"] = w.text()
    return out


def test_in_the_main_window_the_plan_runs_on_the_link_worker_and_marks_the_chain_tree(
        qtbot, make_window, tcp_chain, translations, tmp_path):  # noqa: F811
    w = make_window()
    w.show()
    key = w.connect_link(tcp_endpoint(tcp_chain), [1, 2])
    qtbot.waitUntil(lambda: all(u.reading is not None for u in w.model.units(key)), timeout=8000)
    w.act_commission.trigger()
    assert w.commission_dock.isVisible()
    panel = w.commission_panel
    panel.site.setText("Rack T")
    panel.new_plan_from_chain()
    assert [(u.address, u.phases) for u in panel.plan.units] == [(1, 3), (2, 3)]
    panel.set_plan(panel.plan.with_unit(PlannedUnit(5, 0, name="PDU-5")))
    names = {u.address: w.model.unit_index(key, u.address).data() for u in w.model.units(key)}
    assert names[1] == "Unit 1 · planned" and names[5] == "Unit 5 · planned"  # now polled too
    panel.scan_edit.setText("1-5")
    with qtbot.waitSignal(panel.resultReady, timeout=20000) as finished:
        assert panel.run_checks()
    result = finished.args[0]
    assert [(u.address, u.status) for u in result.units] == [
        (1, OK), (2, OK), (3, UNEXPECTED), (4, UNEXPECTED), (5, MISSING)]
    assert [c.check for c in result.units[2].checks if c.result == FAIL] == ["alarms"]  # unit 3 is in alarm
    names = {u.address: w.model.unit_index(key, u.address).data() for u in w.model.units(key)}
    assert names == {1: "Unit 1 · planned", 2: "Unit 2 · planned", 3: "Unit 3 · unexpected",
                     4: "Unit 4 · unexpected", 5: "Unit 5 · missing"}
    assert set(w.manager.polled_units(key)) == {1, 2, 3, 4, 5}
    assert "Commissioning: not passed" in w.statusBar().currentMessage()
    # every text of the panel, the tree's marks and the checklist follow the language
    panel.select_unit(0, 3)
    english = visible_texts(panel)
    translations.set_language("pl")
    qtbot.waitUntil(lambda: panel.run_button.text() == "Uruchom sprawdzanie", timeout=2000)
    polish = visible_texts(panel)
    same = sorted({english[k] for k in english if polish.get(k) == english[k]})
    assert same == [], same
    assert w.model.unit_index(key, 5).data() == "Urządzenie 5 · brak"
    assert ("negatywny", "Stany alarmowe", "stan inny niż normalny: Napięcie L1 alarm górny") in checklist(panel)
    assert any("," in text and "V" in text for _, _, text in checklist(panel))  # decimal commas
    assert w.act_commission.text() == "&Uruchomienie"
