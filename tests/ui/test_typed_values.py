"""Typed values are exact (issue 17): "350", "40", "253.5" (English) and "253,5" (Polish),
typed key by key into every number field of the threshold editor, the Telnet tab's warning
thresholds, the profile dialog and the plan table, read back as exactly that value, from the
field and from what would be written. A value outside the limits is kept as typed and
refused, in words, by the editor's own validation; never cut to "35.0" or put back."""

import json

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit

from bps_commissioner.device.limits import SETTINGS
from bps_commissioner.services.audit import AuditLog
from bps_commissioner.services.worker import LinkWorker
from bps_commissioner.ui.commission_panel import CommissionPanel
from bps_commissioner.ui.commission_table import PHASES, RATING
from bps_commissioner.ui.connect_dialog import ConnectDialog
from bps_commissioner.ui.number_field import LimitSpinBox
from bps_commissioner.ui.profile_dialog import ProfileDialog
from bps_commissioner.ui.simulation import SimulatedMaster
from bps_commissioner.ui.threshold_editor import ThresholdEditor
from tests.ui.conftest import tcp_endpoint

WAIT = 10000
TYPED = {"en": [("350", 350.0), ("40", 40.0), ("253.5", 253.5)], "pl": [("350", 350.0), ("40", 40.0), ("253,5", 253.5)]}


def type_into(spin, text):
    """Select the field's text and type ``text`` key by key, then commit it as leaving the
    field does."""
    spin.setFocus()
    spin.selectAll()
    QTest.keyClicks(spin.lineEdit(), text)
    typed = spin.lineEdit().text()
    spin.interpretText()
    return typed


def typed_values(spin):
    """What this field is given: whole-number fields (temperature, humidity: the register
    holds whole degrees) are not given a decimal."""
    return [(t, v) for t, v in TYPED[QLocale().name()[:2]] if spin.decimals() or v == int(v)]


@pytest.fixture
def worker(qtbot, tcp_chain):
    w = LinkWorker(tcp_endpoint(tcp_chain, timeout=1.0))
    w.start()
    yield w
    assert w.stop(5), "worker did not stop"


@pytest.mark.parametrize("language", ["en", "pl"])
def test_the_threshold_editor_takes_exactly_what_is_typed(qtbot, worker, tmp_path, translations, language):
    translations.set_language(language)
    editor = ThresholdEditor(worker, 1, audit=AuditLog(tmp_path / "audit.jsonl"))
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.is_loaded, timeout=WAIT)
    for setting in SETTINGS:
        spin = editor.spin(setting)
        assert isinstance(spin, LimitSpinBox) and spin.separator() == ("," if language == "pl" else ".")
        for text, value in typed_values(spin):
            assert type_into(spin, text) == text + spin.suffix(), (setting, text)
            assert spin.value() == value and editor.changes().get(setting, editor.present(setting)) == value, \
                (setting, text, spin.value())
            assert spin.out_of_range() == (not spin.minimum() <= value <= spin.maximum())
            if spin.out_of_range():  # kept as typed, refused in words before anything is written
                assert setting in editor.problems() and editor.status_text(setting).startswith("✗")
                assert not editor.apply_button.isEnabled()
        editor.revert()


def test_a_limit_field_typed_past_its_limits_is_not_put_back_on_commit(qapp):
    spin = LimitSpinBox()
    spin.setDecimals(1)
    spin.setRange(0, 300)
    spin.setSuffix(" V")
    spin.setSingleStep(0.1)
    spin.setValue(230)
    type_into(spin, "350")
    spin.editingFinished.emit()
    assert spin.value() == 350.0 and spin.text() == "350.0 V" and spin.out_of_range()
    assert spin.minimum() == 0 and spin.maximum() == 300  # the limits, as the owner set them
    spin.stepBy(-1)  # the arrows stay with the limits
    assert spin.value() == 349.9
    spin.setValue(299.9)
    spin.stepBy(5)
    assert spin.value() == 300.0 and not spin.out_of_range()
    assert spin.stepEnabled() == QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
    assert spin.sizeHint().width() < 200
    spin.deleteLater()


@pytest.mark.parametrize("language", ["en", "pl"])
def test_the_telnet_warning_thresholds_take_exactly_what_is_typed(qtbot, make_window, translations, language):
    translations.set_language(language)
    w = make_window()
    w.show()
    key = w.start_simulation(SimulatedMaster(seed=4))
    w.select_unit(key, 0)
    qtbot.waitUntil(lambda: w.network.overview(key) is not None and not w.network.busy(key), timeout=8000)
    panel = w.telnet_panel
    w.unit_view.tabs.setCurrentWidget(panel)
    assert panel.spins
    for setting, spin in panel.spins.items():
        assert isinstance(spin, LimitSpinBox)
        for text, value in typed_values(spin):
            assert type_into(spin, text) == text + spin.suffix(), (setting, text)
            assert spin.value() == value, (setting, text, spin.value())
            decimals = spin.decimals()
            assert panel.changes().get(setting, f"{value:.{decimals}f}") == f"{value:.{decimals}f}"
        panel.revert_button.click()


def test_the_profile_dialog_has_no_typed_number_but_the_rating_choice(qtbot, worker):
    dialog = ProfileDialog(worker, [1, 2])
    qtbot.addWidget(dialog)
    assert not dialog.findChildren(QAbstractSpinBox)  # the limits come from the file; the rating is a choice
    assert [dialog.rating_combo.itemData(i) for i in range(dialog.rating_combo.count())] == [16, 32]


def type_in_cell(table, row, column, text):
    """Open the cell's editor, type ``text`` key by key, and press Enter."""
    table.setCurrentCell(row, column)
    table.editItem(table.item(row, column))
    editor = table.indexWidget(table.model().index(row, column))
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    QTest.keyClicks(editor, text)
    assert editor.text() == text  # every key is kept
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits and closes queued
    assert table.indexWidget(table.model().index(row, column)) is None


@pytest.mark.parametrize("language", ["en", "pl"])
def test_the_plan_table_takes_exactly_what_is_typed(qtbot, tmp_path, translations, language):
    translations.set_language(language)
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"links": [{"tcp": "127.0.0.1:1502"}],
                                "units": [{"address": 1, "name": "PDU-1", "phases": 1, "rating": 16}]}))
    panel = CommissionPanel(audit=AuditLog(tmp_path / "audit.jsonl"))
    qtbot.addWidget(panel)
    assert panel.load_plan(str(plan)), panel.status.text()
    for column, text, value in ((PHASES, "3", 3), (RATING, "32", 32)):
        type_in_cell(panel.table, 0, column, text)
        unit = panel.plan.unit(0, 1)
        assert (unit.phases if column == PHASES else unit.rating) == value
        assert panel.table.item(0, column).text() == text
    for column, (text, _value) in ((c, t) for c in (PHASES, RATING) for t in TYPED[language]):
        type_in_cell(panel.table, 0, column, text)  # not a phase count or a rating: refused, named as typed
        assert text in panel.status.text(), (column, text, panel.status.text())
        assert (panel.plan.unit(0, 1).phases, panel.plan.unit(0, 1).rating) == (3, 32)


@pytest.mark.parametrize("language", ["en", "pl"])
def test_the_connect_dialog_ports_take_exactly_what_is_typed(qtbot, translations, language):
    translations.set_language(language)
    dialog = ConnectDialog(ports=lambda: [])
    qtbot.addWidget(dialog)
    dialog.telnet_group.setChecked(True)
    for spin in (dialog.tcp_port, dialog.snmp_port, dialog.telnet_port):
        for text in ("350", "40", "5020", "65535"):
            assert type_into(spin, text) == text and spin.value() == int(text), (spin.objectName(), text)
