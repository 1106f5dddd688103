"""The Thresholds tab, the profile action and the audit log in the main window, on the
simulated chain over Modbus TCP: what the tab shows is the unit's, what it writes is read
back from the simulator, and every write is listed in the audit log dock."""

import json

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from bps_commissioner.device.decode import decode_registers
from bps_commissioner.device.limits import thresholds_of
from bps_commissioner.device.registers import REGISTER_COUNT
from tests.ui.conftest import tcp_endpoint

WAIT = 10000  # ms; the machine is shared


def sim_thresholds(unit):
    """The simulated unit's thresholds, straight from its registers."""
    return thresholds_of(decode_registers(unit.address, dict(enumerate(unit.read(0, REGISTER_COUNT)))).values)


@pytest.fixture
def window(make_window, tcp_chain, tmp_path, monkeypatch):
    monkeypatch.setenv("BPS_COMMISSIONER_DATA_DIR", str(tmp_path / "data"))  # a fresh audit log
    w = make_window()
    key = w.connect_link(tcp_endpoint(tcp_chain, timeout=1.0), [1, 2, 3, 4])
    w.show()
    return w, key


def loaded_editor(qtbot, w, key, address):
    w.select_unit(key, address)
    w.act_thresholds.trigger()
    assert w.unit_view.tabs.currentWidget() is w.thresholds_tab
    editor = w.thresholds_tab.editor
    assert editor is not None and editor.unit == address
    qtbot.waitUntil(lambda: editor.is_loaded, timeout=WAIT)
    return editor


def test_the_tab_shows_the_selected_unit_and_writes_through_the_link(qtbot, window, sim_chain):
    w, key = window
    editor = loaded_editor(qtbot, w, key, 3)
    unit = sim_chain.at(3)[0]
    assert sim_thresholds(unit)["voltage_l1.high"] == 225.0  # unit 3 starts in alarm
    assert editor.present("voltage_l1.high") == 225.0 and editor.present("current_l1.high") == 32.0
    assert editor.spin("voltage_l1.high").value() == 225.0
    # the live reading beside each setting comes from the polls of the focused unit
    qtbot.waitUntil(lambda: editor._rows["voltage_l1.high"].live_label.text().endswith("(high alarm)"), timeout=WAIT)
    assert editor._rows["current_l2.low"].live_label.text().endswith(" A")
    assert editor.rating == 32 and w.thresholds_tab.rating(key, 3) == 32  # the default rating

    editor.spin("voltage_l1.high").setValue(253.0)
    editor.spin("current_l1.high").setValue(20.5)
    with qtbot.waitSignal(w.thresholds_tab.applied, timeout=WAIT):
        qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)
        assert editor.is_writing  # the window went on at once
    assert editor.status_text("voltage_l1.high") == "✓ applied"
    now = sim_thresholds(unit)
    assert now["voltage_l1.high"] == 253.0 and now["current_l1.high"] == 20.5  # read back in the simulator
    assert [r.address for r in sim_chain.writes] == [3, 3]  # one write per changed register
    qtbot.waitUntil(lambda: w.model.unit(key, 3).state.value != "alarm", timeout=WAIT)  # the alarm cleared

    # the audit log lists both writes, newest first, without a manual refresh
    assert not w.audit_dock.isVisible()
    w.act_audit.trigger()
    assert w.audit_dock.isVisible()
    table = w.audit_view.table
    assert table.rowCount() == 2
    assert {(table.item(r, 2).text(), table.item(r, 3).text(), table.item(r, 8).text()) for r in range(2)} == {
        ("3", "voltage_l1.high", "applied"), ("3", "current_l1.high", "applied")}


def test_the_rating_is_a_setting_per_unit(qtbot, window):
    w, key = window
    editor = loaded_editor(qtbot, w, key, 2)
    editor.spin("current_l1.high").setValue(20)  # fine for 32 A...
    assert editor.apply_button.isEnabled()
    editor.rating_combo.setCurrentIndex(editor.rating_combo.findData(16))  # ...but this unit is rated 16 A
    assert w.thresholds_tab.rating(key, 2) == 16
    assert not editor.apply_button.isEnabled()
    assert editor.status_text("current_l1.high").startswith("✗ outside")
    editor.revert()
    other = loaded_editor(qtbot, w, key, 1)
    assert other.rating == 32  # unit 1 keeps the default
    again = loaded_editor(qtbot, w, key, 2)
    assert again.rating == 16 and again.spin("current_l1.high").maximum() == 16


def test_a_write_in_flight_finishes_when_another_unit_is_selected(qtbot, window, sim_chain):
    w, key = window
    editor = loaded_editor(qtbot, w, key, 1)
    editor.spin("humidity.high").setValue(70)
    with qtbot.waitSignal(w.thresholds_tab.applied, timeout=WAIT) as applied:
        editor.apply()
        w.select_unit(key, 2)  # at once, while the write is queued or running
        assert w.thresholds_tab.editor is not editor and w.thresholds_tab.editor.unit == 2
    assert applied.args[0] == key and applied.args[1].ok
    assert sim_thresholds(sim_chain.at(1)[0])["humidity.high"] == 70
    assert sim_thresholds(sim_chain.at(2)[0])["humidity.high"] == 90  # untouched
    qtbot.waitUntil(lambda: w.thresholds_tab.editor.is_loaded, timeout=WAIT)
    assert w.thresholds_tab.editor.present("humidity.high") == 90


def select_rows(w, key, addresses):
    selection = w.tree.selectionModel()
    for i, address in enumerate(addresses):
        flags = QItemSelectionModel.SelectionFlag.Rows | (
            QItemSelectionModel.SelectionFlag.ClearAndSelect if i == 0 else QItemSelectionModel.SelectionFlag.Select)
        selection.select(w.model.unit_index(key, address), flags)


def test_a_profile_goes_to_the_units_selected_in_the_tree(qtbot, window, sim_chain, tmp_path):
    w, key = window
    qtbot.waitUntil(lambda: len(w.model.units(key)) == 4, timeout=WAIT)
    w.select_unit(key, 1)
    select_rows(w, key, [1, 3])
    assert w.selected_units() == [(key, 1), (key, 3)]
    # reachable from the menu, the keyboard and the chain tree's context menu
    assert w.act_profile.isEnabled() and w.act_profile.shortcut().toString()
    assert "&" in w.act_profile.text() and w.act_profile in w.menu_units.actions()
    assert w.tree.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert w.act_profile in w.tree.actions() and w.act_firmware in w.tree.actions()

    w.act_profile.trigger()
    dialog = w.profile_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.selected_units() == [1, 3]
    assert dialog.unit_list.count() == 4  # the link's other units are offered, unticked
    path = tmp_path / "rack.json"
    path.write_text(json.dumps({"name": "Rack B", "thresholds": {"voltage_l1": {"low": 200, "high": 250},
                                                                   "temperature": {"high": 35}}}),
                    encoding="utf-8")
    assert dialog.load_profile(str(path))
    with qtbot.waitSignal(dialog.applied, timeout=WAIT):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert dialog.report.ok
    for address in (1, 3):
        now = sim_thresholds(sim_chain.at(address)[0])
        assert (now["voltage_l1.low"], now["voltage_l1.high"], now["temperature.high"]) == (200, 250, 35)
    for address in (2, 4):
        assert sim_thresholds(sim_chain.at(address)[0])["voltage_l1.high"] == 276
    assert {r.address for r in sim_chain.writes} == {1, 3}
    # the audit log dock was refreshed by the apply: six writes
    table = w.audit_view.table
    assert table.rowCount() == 6
    assert sorted({table.item(r, 2).text() for r in range(6)}) == ["1", "3"]
    assert {table.item(r, 8).text() for r in range(6)} == {"applied"}
    dialog.close()


def test_a_link_row_stands_for_its_units(qtbot, window):
    w, key = window
    qtbot.waitUntil(lambda: len(w.model.units(key)) == 4, timeout=WAIT)
    w.select_unit(key, None)
    assert w.selected_units() == [(key, 1), (key, 2), (key, 3), (key, 4)]
    w.tree.selectionModel().clearSelection()
    w.select_unit(key, 2)
    assert w.selected_units() == [(key, 2)]  # a click selects one unit, as before


def test_the_tab_and_its_actions_speak_polish(qtbot, window, translations):
    w, key = window
    loaded_editor(qtbot, w, key, 1)
    index = w.unit_view.tabs.indexOf(w.thresholds_tab)
    assert w.unit_view.tabs.tabText(index) == "&Thresholds"
    translations.set_language("pl")
    qtbot.waitUntil(lambda: w.menu_file.title() == "&Plik", timeout=2000)
    assert w.unit_view.tabs.tabText(index) == "Pro&gi"
    assert w.menu_units.title() == "&Urządzenia"
    assert [a.text() for a in (w.act_thresholds, w.act_profile, w.act_audit)] == [
        "Progi &alarmowe", "Zastosuj &profil do wybranych urządzeń…", "Dzie&nnik zmian"]
    assert w.thresholds_tab._hint.text().startswith("Zmiany są sprawdzane przed zapisem")
    assert w.thresholds_tab.editor.title.text() == "Progi alarmowe urządzenia 1"
    assert w.audit_dock.windowTitle() == "Dziennik zmian"
