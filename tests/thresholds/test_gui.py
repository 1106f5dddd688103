"""The threshold editor and the profile dialog with pytest-qt, on a LinkWorker talking Modbus TCP
to the simulator: inline validation, per-row results, retry, profiles on several units."""

import json

import pytest
from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtWidgets import QApplication

from bps_commissioner.services.audit import AuditLog
from bps_commissioner.services.endpoints import TcpEndpoint
from bps_commissioner.services.worker import LinkWorker
from bps_commissioner.ui.profile_dialog import ProfileDialog
from bps_commissioner.ui.threshold_editor import AuditLogView, ThresholdEditor

WAIT = 10000  # ms; generous, the machine is shared


@pytest.fixture
def worker(qtbot, tcp_sim):
    w = LinkWorker(TcpEndpoint("127.0.0.1", tcp_sim.port, timeout=1.0))
    w.start()
    yield w
    assert w.stop(5), "worker did not stop"


@pytest.fixture
def audit(tmp_path):
    return AuditLog(tmp_path / "audit.jsonl")


@pytest.fixture
def editor(qtbot, worker, audit):
    ed = ThresholdEditor(worker, 1, audit=audit)
    qtbot.addWidget(ed)
    ed.show()
    qtbot.waitUntil(lambda: ed.is_loaded, timeout=WAIT)
    return ed


def test_present_values_and_live_readings(editor):
    assert editor.present("current_l1.high") == 16.0 and editor.present("temperature.high") == 40
    assert editor.spin("current_l1.high").value() == 16.0 and editor.spin("current_l1.high").suffix() == " A"
    assert editor.spin("voltage_l1.low").decimals() == 1 and editor.spin("humidity.low").decimals() == 0
    assert editor.spin("voltage_l1.high").maximum() == 300 and editor.spin("temperature.low").minimum() == -20
    assert editor._rows["voltage_l1.low"].live_label.text().endswith(" V")
    assert editor._rows["temperature_1.low"].live_label.text() == "not connected"  # unit 1: T/H probe only
    assert not editor.apply_button.isEnabled()  # nothing changed


def test_inline_validation_keeps_apply_disabled_and_says_why(qtbot, editor, chain):
    editor.spin("current_l1.low").setValue(20)
    assert not editor.apply_button.isEnabled()
    assert editor.status_text("current_l1.low") == "✗ above the high alarm (16.0 A), the unit's present value"
    assert editor.spin("current_l1.low").toolTip() == editor.status_text("current_l1.low")
    qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)
    editor.apply()  # refused by the editor itself too
    editor.spin("current_l1.high").setValue(25)
    assert editor.apply_button.isEnabled() and editor.status_text("current_l1.low") == "to write: 0.0 A → 20.0 A"
    editor.set_rating(16)  # a 16 A unit: 25 A is out of range now, and the field says so
    assert not editor.apply_button.isEnabled()
    assert editor.status_text("current_l1.high") == "✗ outside 0.0 A .. 16.0 A"
    assert editor.spin("current_l1.high").value() == 25  # never clamped silently
    editor.spin("voltage_l1.low").setValue(280)  # above the present high 276
    assert editor.status_text("voltage_l1.low").startswith("✗ above the high alarm (276.0 V)")
    editor.revert()
    assert not editor.changes() and not editor.apply_button.isEnabled()
    qtbot.wait(200)
    assert chain.writes == []


def test_apply_shows_per_row_results_and_retries_the_failed(qtbot, editor, chain, audit):
    chain.at(1)[0].fail_writes[70] = 4
    editor.spin("current_l1.high").setValue(25)
    editor.spin("voltage_l2.low").setValue(190.5)
    with qtbot.waitSignal(editor.applied, timeout=WAIT) as applied:
        qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)
        assert editor.is_writing and not editor.apply_button.isEnabled()  # the window went on at once
    report = applied.args[0]
    assert [w.register for w in chain.writes] == [65, 70]
    assert editor.status_text("voltage_l2.low") == "✓ applied"
    assert editor.status_text("current_l1.high").startswith("✗ failed: unit 1 answered function 06 with Modbus "
                                                           "exception 04")
    assert editor.status_text("current_l1.high").endswith("; the unit holds 16.0 A")
    assert "1 setting(s) applied and confirmed by read-back. 1 setting(s) NOT applied" in editor.message.text()
    assert not report.ok and editor.retry_button.isEnabled()
    assert editor.present("voltage_l2.low") == 190.5 and editor.spin("current_l1.high").value() == 25
    # retry once the unit accepts it: only the failed setting is written again
    chain.at(1)[0].fail_writes.clear()
    with qtbot.waitSignal(editor.applied, timeout=WAIT) as applied:
        qtbot.mouseClick(editor.retry_button, Qt.MouseButton.LeftButton)
    assert applied.args[0].ok
    assert [w.register for w in chain.writes] == [65, 70, 70]
    assert editor.status_text("current_l1.high") == "✓ applied"
    qtbot.waitUntil(lambda: editor.present("current_l1.high") == 25.0, timeout=WAIT)
    assert not editor.retry_button.isEnabled() and not editor.changes()
    assert [(e["setting"], e["result"]) for e in audit.entries()] == [
        ("voltage_l2.low", "applied"), ("current_l1.high", "failed"), ("current_l1.high", "applied")]
    view = AuditLogView(audit)
    qtbot.addWidget(view)
    assert view.table.rowCount() == 3
    assert [view.table.item(0, c).text() for c in (2, 3, 5, 6, 7, 8)] == [
        "1", "current_l1.high", "16.0 A", "25.0 A", "25.0 A", "applied"]  # newest first


def test_read_back_mismatch_is_shown_on_its_row(qtbot, editor, chain):
    chain.at(1)[0].mangle_writes.add(82)
    editor.spin("humidity.high").setValue(70)
    with qtbot.waitSignal(editor.applied, timeout=WAIT):
        editor.apply()
    assert editor.status_text("humidity.high") == "✗ failed: the unit reads back 71 % instead of 70 %"
    assert editor.present("humidity.high") == 71


def test_polish_decimal_comma(qtbot, editor):
    editor.setLocale(QLocale(QLocale.Language.Polish, QLocale.Country.Poland))
    QApplication.processEvents()
    spin = editor.spin("voltage_l2.low")
    assert spin.text() == "180,0 V" and editor._rows["voltage_l2.low"].present_label.text() == "180,0 V"
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), "190,5")
    assert spin.value() == 190.5
    assert editor.status_text("voltage_l2.low") == "to write: 180,0 V → 190,5 V"
    editor.retranslate()  # a language switch keeps the edits
    assert editor.changes() == {"voltage_l2.low": 190.5}


def test_language_switch_takes_the_new_default_locale(qtbot, editor):
    before = QLocale()
    try:
        QLocale.setDefault(QLocale(QLocale.Language.Polish, QLocale.Country.Poland))  # as ui/i18n.py does
        QApplication.sendEvent(editor, QEvent(QEvent.Type.LanguageChange))
        assert editor.spin("voltage_l1.high").text() == "276,0 V"
        assert editor._rows["voltage_l1.high"].present_label.text() == "276,0 V"
    finally:
        QLocale.setDefault(before)


def write_profile(tmp_path, doc, name="rack.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


PROFILE = {"name": "Rack A", "thresholds": {"voltage_l1": {"low": 200, "high": 253}, "humidity": {"high": 80}}}


@pytest.fixture
def dialog(qtbot, worker, audit):
    d = ProfileDialog(worker, [1, 2, 3, 4], audit=audit)
    qtbot.addWidget(d)
    d.show()
    return d


def test_profile_dialog_applies_to_selected_units_with_a_result_table(qtbot, dialog, chain, tmp_path):
    assert dialog.load_profile(write_profile(tmp_path, PROFILE))
    assert dialog.profile_info.text() == "“Rack A”: 3 setting(s)"
    dialog.set_selected_units([1, 2, 3])
    chain.at(2)[0].fail_writes[82] = 4
    with qtbot.waitSignal(dialog.applied, timeout=WAIT):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    rows = dialog.result_rows()
    assert len(rows) == 9 and {r[0] for r in rows} == {"1", "2", "3"}
    assert ("2", "Humidity: high alarm", "90 %", "80 %", "90 %") == rows[5][:5]
    assert rows[5][5].startswith("✗ failed: unit 2 answered function 06 with Modbus exception 04")
    assert all(r[5] == "✓ applied" for i, r in enumerate(rows) if i != 5)
    assert "(units 2)" in dialog.summary.text() and dialog.retry_button.isEnabled()
    assert not [w for w in chain.writes if w.address == 4]
    chain.at(2)[0].fail_writes.clear()
    chain.writes.clear()
    with qtbot.waitSignal(dialog.applied, timeout=WAIT):
        qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
    assert chain.writes and {(w.address, w.register) for w in chain.writes} == {(2, 82)}
    assert [r[5] for r in dialog.result_rows()] == ["✓ applied", "= unchanged", "= unchanged"]
    assert not dialog.retry_button.isEnabled()


def test_profile_dialog_preview_writes_nothing(qtbot, dialog, chain, tmp_path):
    dialog.load_profile(write_profile(tmp_path, PROFILE))
    dialog.preview()
    qtbot.waitUntil(lambda: dialog.report is not None and not dialog.is_writing, timeout=WAIT)
    assert dialog.report.dry_run and chain.writes == []
    # rows in write order: the window moves up, so high first
    assert dialog.result_rows()[:2] == [
        ("1", "Voltage L1: high alarm", "276.0 V", "253.0 V", "", "planned: 276.0 V → 253.0 V"),
        ("1", "Voltage L1: low alarm", "180.0 V", "200.0 V", "", "planned: 180.0 V → 200.0 V")]
    assert "nothing was written" in dialog.summary.text()


def test_profile_dialog_refuses_bad_files_and_bad_values(qtbot, dialog, chain, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x",\n "thresholds": {"voltage_l1": {"lo": 1}}}')
    assert not dialog.load_profile(str(bad))
    assert f"{bad}:2: thresholds.voltage_l1.lo: no such threshold" in dialog.profile_info.text()
    assert not dialog.apply_button.isEnabled() and not dialog.preview_button.isEnabled()
    # low 20 A fits unit 3 (32 A) but not units 1 and 2: refused on every unit, nothing written
    dialog.load_profile(write_profile(tmp_path, {"name": "y", "thresholds": {"current_l1": {"low": 20}}}))
    dialog.set_selected_units([3, 1, 2])
    dialog.apply()
    qtbot.waitUntil(lambda: dialog.report is not None and not dialog.is_writing, timeout=WAIT)
    assert dialog.report.refused and chain.writes == []
    assert [r[0] for r in dialog.result_rows()] == ["1", "2"]
    assert dialog.result_rows()[0][5] == "✗ above the high alarm (16.0 A), the unit's present value"
    assert dialog.summary.text().startswith("Refused: nothing was written on any unit.")


def test_polling_during_a_write_never_reverts_the_fields(qtbot, worker, editor, chain):
    """The poller caches thresholds; a poll between the write and the cache refresh carries the
    old values. The editor takes thresholds only from its own re-read after a write."""
    worker.set_polling([1], interval=0)
    worker.set_focus(1)
    seen = []
    editor.spin("humidity.high").valueChanged.connect(seen.append)
    for value in (70, 60, 50):
        editor.spin("humidity.high").setValue(value)
        with qtbot.waitSignal(editor.applied, timeout=WAIT):
            editor.apply()
        qtbot.waitUntil(lambda: editor.present("humidity.high") == value and not editor._await_fresh, timeout=WAIT)
        qtbot.wait(150)  # a few more polls
        assert editor.spin("humidity.high").value() == value and not editor.changes()
    assert seen == [70, 60, 50]  # set by the test only: never pulled back to a stale value
    assert [w.value for w in chain.writes] == [70, 60, 50]


def test_a_limit_the_live_reading_breaks_is_named_before_it_is_written(qtbot, editor, chain):
    """A high voltage limit below what L1 reads now would alarm at once: the first Apply names
    it with the reading and writes nothing; Apply again with the same value writes it."""
    reading = editor._reading.value("voltage_l1")
    assert reading is not None and reading > 200
    editor.spin("voltage_l1.high").setValue(200.0)
    qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)
    assert "L1 reads" in editor.message.text() and "a high alarm at 200.0 V alarms at once" in editor.message.text()
    assert not editor.is_writing
    qtbot.wait(300)
    assert chain.writes == []
    with qtbot.waitSignal(editor.applied, timeout=WAIT):
        qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)
    assert [w.register for w in chain.writes] == [64]


def test_profile_dialog_names_limits_the_live_readings_break(qtbot, dialog, worker, chain, tmp_path):
    """Units polled by the link: a profile whose high voltage limit is below what they read
    now is named per unit first, nothing written; Apply again writes it."""
    worker.set_polling([1, 2], 0.2)
    qtbot.waitUntil(lambda: {1, 2} <= set(dialog._readings), timeout=WAIT)
    assert dialog.load_profile(write_profile(tmp_path, {"name": "too low",
                                                        "thresholds": {"voltage_l1": {"low": 180, "high": 200}}}))
    dialog.set_selected_units([1, 2])
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    text = dialog.summary.text()
    assert "unit 1: L1 reads" in text and "unit 2: L1 reads" in text and "a high alarm at 200.0 V" in text
    qtbot.wait(300)
    assert not dialog.is_writing and chain.writes == []
    with qtbot.waitSignal(dialog.applied, timeout=WAIT):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert {(w.address, w.register) for w in chain.writes} == {(1, 64), (2, 64)}
