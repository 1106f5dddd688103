"""The main window on the built-in simulator: tree, dashboard, states, language, export, shutdown."""

import csv

import numpy as np
import pytest
from PySide6.QtCore import Qt

from bps_commissioner.ui.chain_model import ADDRESS_ROLE, NAME, STATE
from tests.ui.conftest import tcp_endpoint


def tree_units(window, key):
    """{address: (type text, state text)} of a link's unit rows, as the tree shows them."""
    model = window.model
    link = model.link_index(key)
    out = {}
    for r in range(model.rowCount(link)):
        name = model.index(r, NAME, link)
        out[name.data(ADDRESS_ROLE)] = (model.index(r, 1, link).data(), model.index(r, STATE, link).data())
    return out


@pytest.fixture
def window(make_window, tcp_chain):
    w = make_window()
    key = w.connect_link(tcp_endpoint(tcp_chain), [1, 2, 3, 4])
    w.show()
    return w, key


def wait_states(qtbot, window, key, expected, timeout=8000):
    qtbot.waitUntil(lambda: {a: s for a, (_, s) in tree_units(window, key).items()} == expected, timeout=timeout)


def test_tree_fills_from_the_simulator(qtbot, window):
    w, key = window
    wait_states(qtbot, w, key, {1: "online", 2: "online", 3: "alarm", 4: "online"})
    units = tree_units(w, key)
    assert [units[a][0] for a in (1, 2, 3, 4)] == ["3-phase", "3-phase", "3-phase", "1-phase"]
    link_text = w.model.link_index(key).data()
    assert "Modbus TCP" in link_text
    # the first unit is selected and its dashboard shown
    assert w.unit_view.unit == (key, 1)
    assert w.unit_view.title.text() == "Unit 1"
    # last reply time shown
    last = w.model.index(0, 3, w.model.link_index(key)).data()
    assert len(last) == 8 and last.count(":") == 2


def test_dashboard_shows_the_decoded_values(qtbot, window, sim_chain):
    w, key = window
    unit = sim_chain.at(2)[0]
    unit.pin({"voltage_l1": 231.8, "current_l2": 7.25, "frequency_l1": 49.97, "temperature": 23.4,
              "door_1": "open"})
    w.select_unit(key, 2)
    table = w.unit_view.dashboard.phases
    qtbot.waitUntil(lambda: table.item(0, 0).text() == "231.8", timeout=5000)
    rows = {table.verticalHeaderItem(r).text(): r for r in range(table.rowCount())}
    assert table.item(rows["Current [A]"], 1).text() == "7.25"
    assert table.item(rows["Frequency [Hz]"], 0).text() == "49.97"
    assert table.item(rows["Voltage limits [V]"], 0).text() == "180 – 276"
    assert table.item(rows["Voltage alarm"], 0).text() == "normal"
    probes = w.unit_view.dashboard.probes
    prow = {probes.verticalHeaderItem(r).text(): r for r in range(probes.rowCount())}
    assert probes.item(prow["Temperature"], 0).text() == "23.4"
    assert probes.item(prow["Door 1"], 0).text() == "open"
    assert probes.item(prow["Door 1"], 3).text() == "open"
    # the energy totals come from their own registers
    reading = w.model.unit(key, 2).reading
    total = f"{reading.value('active_energy_total'):,.3f}"
    assert table.item(rows["Active energy [kWh]"], 3).text() == total


def test_single_phase_unit_and_absent_probes(qtbot, window):
    w, key = window
    w.select_unit(key, 4)
    dash = w.unit_view.dashboard
    qtbot.waitUntil(lambda: w.model.unit(key, 4).reading is not None, timeout=5000)
    qtbot.waitUntil(lambda: dash.phases.isColumnHidden(1) and dash.phases.isColumnHidden(2), timeout=3000)
    probes = dash.probes
    rows = {probes.verticalHeaderItem(r).text(): r for r in range(probes.rowCount())}
    # unit 4 has a SensorBox but no T/H probe (simulator.unit_kind)
    assert probes.item(rows["Temperature"], 0).text() == "not connected"
    assert probes.columnSpan(rows["Temperature"], 0) == 4
    assert probes.item(rows["Door 2"], 0).text() == "closed"


def test_alarm_is_shown_with_text_and_colour(qtbot, window):
    w, key = window
    w.select_unit(key, 3)
    qtbot.waitUntil(lambda: w.unit_view.state_label.text() == "alarm", timeout=5000)
    table = w.unit_view.dashboard.phases
    rows = {table.verticalHeaderItem(r).text(): r for r in range(table.rowCount())}
    cell = table.item(rows["Voltage alarm"], 0)
    assert cell.text() == "high alarm"
    assert not cell.icon().isNull()
    assert cell.background().color().name() == "#ffe3e3"
    assert "above 225.0" in table.item(rows["Voltage [V]"], 0).toolTip()
    state_item = w.model.index(2, STATE, w.model.link_index(key))
    assert "Voltage L1" in state_item.data(Qt.ItemDataRole.ToolTipRole)


def test_a_unit_going_silent_turns_offline(qtbot, window, sim_chain):
    w, key = window
    wait_states(qtbot, w, key, {1: "online", 2: "online", 3: "alarm", 4: "online"})
    w.select_unit(key, 2)
    sim_chain.at(2)[0].silent = True
    qtbot.waitUntil(lambda: tree_units(w, key)[2][1] == "offline", timeout=10000)
    assert w.unit_view.banner.isVisible()
    assert "Unit 2 is offline" in w.unit_view.banner.title
    assert "No reply from unit 2" in w.unit_view.banner.detail
    qtbot.waitUntil(lambda: "without reply" in w.unit_view.banner.detail, timeout=5000)  # the counters
    assert w.unit_view.dashboard.findChild(type(w.unit_view.title), "staleNote").isVisible()
    assert tree_units(w, key)[1][1] == "online"
    # dismissed, it stays away while the same condition lasts
    w.unit_view.banner.dismiss()
    qtbot.wait(1500)
    assert not w.unit_view.banner.isVisible()
    sim_chain.at(2)[0].silent = False
    qtbot.waitUntil(lambda: tree_units(w, key)[2][1] == "online", timeout=10000)
    assert not w.unit_view.banner.isVisible()


def test_language_switch_changes_the_visible_texts(qtbot, window, sim_chain):
    w, key = window
    sim_chain.at(1)[0].pin({"voltage_l1": 231.8})
    qtbot.waitUntil(lambda: w.unit_view.dashboard.phases.item(0, 0).text() == "231.8", timeout=5000)
    assert w.menu_file.title() == "&File"
    w.set_language("pl")
    qtbot.waitUntil(lambda: w.menu_file.title() == "&Plik", timeout=2000)  # LanguageChange is posted
    assert w.unit_view.tabs.tabText(0) == "Pu&lpit"
    assert w.act_connect.text() == "&Połącz…"
    assert w.unit_view.title.text() == "Urządzenie 1"
    assert w.windowTitle().startswith("BPS Commissioner")
    table = w.unit_view.dashboard.phases
    assert table.verticalHeaderItem(0).text() == "Napięcie [V]"
    qtbot.waitUntil(lambda: table.item(0, 0).text() == "231,8", timeout=5000)  # decimal comma
    qtbot.waitUntil(lambda: "online" not in w.status_units.text(), timeout=3000)
    assert "urządze" in w.status_units.text()
    assert w.model.headerData(0, Qt.Orientation.Horizontal) == "Łącze / urządzenie"
    # remembered
    from bps_commissioner.ui.i18n import remembered_language
    assert remembered_language() == "pl"
    w.set_language("en")
    qtbot.waitUntil(lambda: w.menu_file.title() == "&File", timeout=2000)
    qtbot.waitUntil(lambda: table.item(0, 0).text() == "231.8", timeout=5000)


def test_closing_the_window_leaves_no_worker_thread(qtbot, make_window, manager, tcp_chain, chain):
    from bps_commissioner.simulator import TcpSimulator

    other = TcpSimulator(chain, "127.0.0.1", 0).start()
    try:
        w = make_window()
        w.show()
        w.connect_link(tcp_endpoint(tcp_chain), [1, 2])
        w.connect_link(tcp_endpoint(other), [3])
        qtbot.waitUntil(lambda: len(manager.running_workers()) == 2, timeout=3000)
        workers = manager.workers()
        qtbot.waitUntil(lambda: all(u.reading is not None for u in w.model.units()), timeout=8000)
        w.close()
        assert manager.running_workers() == []
        assert all(worker.isFinished() for worker in workers)
    finally:
        other.stop()


def test_csv_export_writes_what_the_plot_shows(qtbot, window, tmp_path):
    w, key = window
    w.select_unit(key, 1)
    w.unit_view.tabs.setCurrentIndex(1)
    history = w.history.get(key, 1)
    qtbot.waitUntil(lambda: len(history) >= 3, timeout=8000)
    w.plots.refresh(force=True)
    shown_t, shown_v = w.plots.curves["voltage_l1"].getOriginalDataset()
    assert len(shown_t) >= 3
    path = tmp_path / "plot.csv"
    rows = w.plots.export_csv(path)
    with open(path, newline="", encoding="utf-8") as f:
        table = list(csv.reader(f))
    header, data = table[0], table[1:]
    assert header[:2] == ["time", "unix_time"]
    assert header[2:] == [f"{k}_{u}" for k in ("voltage_l1", "voltage_l2", "voltage_l3", "current_l1",
                                                "current_l2", "current_l3", "active_power_l1",
                                                "active_power_l2", "active_power_l3")
                          for u in [{"v": "V", "c": "A", "a": "W"}[k[0]]]]
    assert rows == len(data) == len(shown_t)
    x0, x1 = w.plots.visible_range()
    assert all(x0 <= float(r[1]) <= x1 for r in data)
    np.testing.assert_allclose([float(r[1]) for r in data], shown_t, atol=0.001)
    np.testing.assert_allclose([float(r[2]) for r in data], shown_v, atol=0.051)
    for name in ("current_l3", "active_power_l2"):
        t, v = w.plots.curves[name].getOriginalDataset()
        column = header.index(f"{name}_{'A' if name.startswith('current') else 'W'}")
        np.testing.assert_allclose([float(r[column]) for r in data], v, atol=0.051)
    # zoomed in: only the visible part is written
    w.plots.set_paused(True)
    w.plots.plots["voltage"].setXRange(shown_t[1] - 0.1, shown_t[-1] + 0.1, padding=0)
    assert w.plots.export_csv(path) == len(shown_t) - 1
    assert w.plots.export_image(tmp_path / "plot.png")
    assert (tmp_path / "plot.png").stat().st_size > 1000


def test_single_phase_plot_shows_l1_only(qtbot, window, tmp_path):
    w, key = window
    w.select_unit(key, 4)
    w.unit_view.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: len(w.history.get(key, 4)) >= 2, timeout=8000)
    w.plots.refresh(force=True)
    assert len(w.plots.curves["voltage_l1"].getOriginalDataset()[0]) >= 2
    assert w.plots.curves["voltage_l2"].getOriginalDataset()[0] is None or \
        len(w.plots.curves["voltage_l2"].getOriginalDataset()[0]) == 0
    w.plots.export_csv(tmp_path / "one.csv")
    header = (tmp_path / "one.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header == ["time", "unix_time", "voltage_l1_V", "current_l1_A", "active_power_l1_W"]


def test_time_window_and_pause_from_the_keyboard(qtbot, window):
    w, key = window
    assert w.plots.window == 300
    w.act_windows[2].trigger()
    assert w.plots.window == 8 * 3600 and w.plots.window_combo.currentIndex() == 2
    w.plots.window_combo.setCurrentIndex(1)
    assert w.plots.window == 3600 and w.act_windows[1].isChecked()
    w.act_pause.trigger()
    assert w.plots.paused and w.plots.pause_button.isChecked()
    w.plots.pause_button.click()
    assert not w.plots.paused and not w.act_pause.isChecked()


def test_frame_log_filter_pause_copy(qtbot, window, qapp):
    w, key = window
    log = w.diagnostics
    qtbot.waitUntil(lambda: log.model.rowCount() > 10, timeout=5000)
    log.unit_filter.setCurrentIndex(log.unit_filter.findData(3))
    assert log.model.rowCount() > 0
    assert all(f.record.unit == 3 for f in log.model.frames())
    log.direction_filter.setCurrentIndex(log.direction_filter.findData("tx"))
    assert all(f.record.direction == "tx" for f in log.model.frames())
    log.text_filter.setText("03 00 00")  # function 03 from register 0
    assert log.model.rowCount() > 0 and all("030000" in f.record.data.hex() for f in log.model.frames())
    text = log.copy()
    assert qapp.clipboard().text() == text
    assert text.splitlines()[0].split()[1:3] == ["TX", "unit=3"]
    log.pause_box.setChecked(True)
    n = len(log.model.frames())
    qtbot.wait(1500)
    assert len(log.model.frames()) == n
    log.pause_box.setChecked(False)
    qtbot.waitUntil(lambda: len(log.model.frames()) > n, timeout=5000)
    # the counters of the service layer
    qtbot.waitUntil(lambda: log.counters.rowCount() == 4, timeout=5000)
    assert int(log.counters.item(0, 2).text().replace(",", "")) > 0
    assert "%" in w.status_efficiency.text() and "/s" in w.status_rate.text()


def test_every_menu_action_is_reachable_from_the_keyboard(window):
    w, _ = window
    for menu in (w.menu_file, w.menu_view, w.menu_language, w.menu_help):
        assert "&" in menu.title()
        for action in menu.actions():
            if action.isSeparator() or action.menu() is not None:
                continue
            assert "&" in action.text() or action.shortcut().toString(), action.text()
    shortcuts = [a.shortcut().toString() for a in w.findChildren(type(w.act_connect)) if a.shortcut().toString()]
    assert len(shortcuts) == len(set(shortcuts)), shortcuts


@pytest.mark.parametrize("language", ["en", "pl"])
def test_fits_a_1366x768_laptop(qtbot, window, language, translations):
    w, _ = window
    translations.set_language(language)
    qtbot.waitUntil(lambda: w.menu_file.title() == {"en": "&File", "pl": "&Plik"}[language], timeout=2000)
    hint = w.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 700, hint
    w.resize(1366, 700)
    assert w.width() <= 1366


def test_window_geometry_is_restored(qtbot, make_window):
    w = make_window()
    w.resize(731, 517)  # within the offscreen screen (800 x 600)
    w.show()
    qtbot.waitExposed(w)
    w.save_window()
    again = make_window()
    assert (again.width(), again.height()) == (731, 517)


def test_the_rooms_of_the_window_translate_in_its_context(qtbot, make_window, translations):
    """The window is put together from mixins (ui/window_actions.py, window_docks.py,
    window_status.py); their texts keep the context "MainWindow", plural forms included."""
    w = make_window()
    translations.set_language("pl")
    qtbot.waitUntil(lambda: w.menu_file.title() == "&Plik", timeout=2000)
    assert w.act_scan.text() == "&Skanuj magistralę…"  # window_actions
    assert w.menu_units.title() == "&Urządzenia"  # window_docks
    assert w.status_rate.text().startswith("Odczyty: ")  # window_status
    assert w._counted_texts(5)["rows"] == "Zapisano 5 wierszy do %1"
    assert w._counted_texts(2)["found"] == "Skanowanie %1: znaleziono 2 urządzenia"


def test_no_room_of_the_window_is_over_500_lines():
    from pathlib import Path

    import bps_commissioner.ui.main_window as main_window

    ui = Path(main_window.__file__).parent
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines())
             for p in [ui / "main_window.py", *ui.glob("window_*.py")]}
    assert len(sizes) == 4 and max(sizes.values()) < 500, sizes


def test_unfinished_changes_in_the_audit_log_are_named_at_start(qtbot, make_window, monkeypatch, tmp_path):
    """A change cut short (an intent without its outcome: the laptop died mid-write) is named in
    the status bar when the window starts; a finished one is not."""
    from bps_commissioner.services.audit import AuditLog

    monkeypatch.setenv("BPS_COMMISSIONER_DATA_DIR", str(tmp_path))
    audit = AuditLog()
    done = audit.intent(link="tcp:10.0.0.5:502", unit=2, action="threshold write", setting="voltage_l1.high",
                        old=276.0, new=253.0)
    audit.outcome(done, "applied")
    w = make_window()
    assert w.status_pending.isHidden() and w.check_pending_changes() == []
    audit.intent(link="tcp:10.0.0.5:502", unit=3, action="threshold write", setting="voltage_l1.high",
                 old=276.0, new=253.0)
    w2 = make_window()
    assert not w2.status_pending.isHidden()
    assert "tcp:10.0.0.5:502 unit 3" in w2.status_pending.text() and "unit 2" not in w2.status_pending.text()
    assert str(audit.path) in w2.status_pending.toolTip()
