"""The Connect and Scan dialogs, recent connections, the in-process simulator."""

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from bps_commissioner.device.bus import BusSettings
from bps_commissioner.services.endpoints import SerialEndpoint, TcpEndpoint
from bps_commissioner.services.manager import PortInfo
from bps_commissioner.simulator import build_chain
from bps_commissioner.ui.chain_model import STATE
from bps_commissioner.ui.connect_dialog import ConnectDialog, ConnectRequest, format_units
from bps_commissioner.ui.simulation import SimulatedLink
from tests.conftest import posix_only

PORTS = [PortInfo("/dev/ttyUSB0", "FT232R USB UART", 0x0403, 0x6001, "FTDI"),
         PortInfo("/dev/ttyUSB1", "USB Serial", 0x1A86, 0x7523, "QinHeng Electronics"),
         PortInfo("/dev/ttyS0", "ttyS0")]


def ok_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_connect_dialog_lists_adapters_and_builds_a_serial_request(qtbot, translations):
    d = ConnectDialog(ports=lambda: list(PORTS))
    qtbot.addWidget(d)
    texts = [d.port_combo.itemText(i) for i in range(d.port_combo.count())]
    assert texts[0] == "/dev/ttyUSB0 — FTDI FT232R (0403:6001)"
    assert texts[1] == "/dev/ttyUSB1 — WCH CH340 (1A86:7523)"
    assert "USB VID:PID 0403:6001" in d.adapter_label.text() and "FTDI" in d.adapter_label.text()
    d.port_combo.setCurrentIndex(1)
    d.baud_combo.setCurrentIndex(d.baud_combo.findData(19200))
    d.parity_combo.setCurrentIndex(d.parity_combo.findData("E"))
    d.serial_units.setText("1-4,9")
    request = d.request()
    assert request == ConnectRequest(SerialEndpoint("/dev/ttyUSB1", BusSettings(19200, "E", 1)), (1, 2, 3, 4, 9),
                                     True)


def test_connect_dialog_refuses_bad_input_inline(qtbot, translations):
    d = ConnectDialog(ports=lambda: [])
    qtbot.addWidget(d)
    assert "No serial port found" in d.adapter_label.text()
    assert not ok_button(d).isEnabled()  # no port
    d.port_combo.setEditText("/tmp/ttyV0")
    assert ok_button(d).isEnabled()
    d.serial_units.setText("1-300")
    assert not ok_button(d).isEnabled()
    assert "1 to 247" in d.error_label.text()
    d.tabs.setCurrentIndex(1)
    d.host_edit.setText("10.0.0.5:99999")
    assert not ok_button(d).isEnabled() and "65535" in d.error_label.text()
    d.host_edit.setText("10.0.0.5:1502")
    d.tcp_units.setText("1,2")
    assert ok_button(d).isEnabled()
    assert d.request() == ConnectRequest(TcpEndpoint("10.0.0.5", 1502), (1, 2))


def test_recent_connections_are_remembered(qtbot, make_window, tcp_chain):
    w = make_window()
    request = ConnectRequest(TcpEndpoint("127.0.0.1", tcp_chain.port, timeout=0.3), (1, 2))
    key = w.connect_request(request)
    assert key in w.manager.keys()
    recent = w._recent()
    assert recent[0]["kind"] == "tcp" and recent[0]["units"] == "1-2"
    d = ConnectDialog(recent=recent + [{"kind": "bogus"}], ports=lambda: [])
    qtbot.addWidget(d)
    assert d.recent_combo.count() == 2  # the damaged entry is skipped
    d.recent_combo.setCurrentIndex(1)
    d.recent_combo.activated.emit(1)
    assert d.tabs.currentIndex() == 1 and d.host_edit.text() == "127.0.0.1"
    assert d.tcp_units.text() == "1-2"
    w._fill_recent_menu()
    assert w.menu_recent.actions()[0].text().startswith("&1 127.0.0.1:")


def test_format_units():
    assert format_units([5, 1, 2, 3, 7, 8]) == "1-3,5,7-8"
    assert format_units([]) == ""


@posix_only
def test_scan_from_the_window_fills_the_tree_and_shows_conflicts(qtbot, make_window, rtu_factory):
    sim = rtu_factory(build_chain([2, 5, 5, 9], seed=5))
    w = make_window()
    w.show()
    key = w.connect_link(SerialEndpoint(sim.link), [])
    dialog = w.open_scan_dialog(key, (1, 12), start=True)
    assert dialog.running and not dialog.start_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.running, timeout=15000)
    assert "2 units found" in dialog.status.text() and "1 address conflict" in dialog.status.text()
    items = [dialog.results.item(i).text() for i in range(dialog.results.count())]
    assert items[0].startswith("Unit 2: three-phase") and items[1].startswith("Unit 9: three-phase")
    assert items[2].startswith("Address 5: conflict. Two or more units answer at address 5")
    model = w.model
    qtbot.waitUntil(lambda: [u.address for u in model.units(key)] == [2, 5, 9], timeout=3000)
    conflict = model.unit(key, 5)
    assert conflict.conflict
    state = model.index(1, STATE, model.link_index(key))
    assert state.data() == "conflict" and "another address" in state.data(3)  # 3: tooltip role
    assert w.manager.polled_units(key) == (2, 9)
    qtbot.waitUntil(lambda: model.unit(key, 9).reading is not None, timeout=5000)
    w.select_unit(key, 5)
    assert w.unit_view.banner.isVisible() and "Address conflict" in w.unit_view.banner.title
    dialog.close()


@posix_only
def test_scan_dialog_cancel(qtbot, make_window, rtu_factory):
    sim = rtu_factory(build_chain([240]))
    w = make_window()
    key = w.connect_link(SerialEndpoint(sim.link), [])
    dialog = w.open_scan_dialog(key, (1, 247), start=True)
    qtbot.waitUntil(lambda: "Scanning address" in dialog.status.text(), timeout=5000)
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=5000)
    assert "Cancelled before the end" in dialog.status.text()
    assert dialog.start_button.isEnabled()


def test_scan_is_refused_for_tcp_links(qtbot, make_window, tcp_chain):
    from tests.ui.conftest import tcp_endpoint

    w = make_window()
    key = w.connect_link(tcp_endpoint(tcp_chain), [1])
    w.select_unit(key, 1)
    assert not w.act_scan.isEnabled()
    assert w.open_scan_dialog(key) is None
    assert "serial links" in w.statusBar().currentMessage()


@pytest.mark.parametrize("transport", ["tcp", pytest.param("rtu", marks=posix_only)])
def test_the_window_on_the_simulator(qtbot, make_window, transport):
    w = make_window()
    sim = SimulatedLink(transport=transport, seed=1)
    key = w.start_simulation(sim)
    assert key is not None and "simulator" in w.windowTitle()
    assert isinstance(sim.endpoint, TcpEndpoint if transport == "tcp" else SerialEndpoint)
    qtbot.waitUntil(lambda: len(w.model.units(key)) == 6 and all(
        u.reading is not None for u in w.model.units(key)), timeout=15000)
    states = {u.address: u.state.value for u in w.model.units(key)}
    assert states[3] == "alarm" and states[1] == "online"
    assert {u.address: u.phases for u in w.model.units(key)}[4] == 1
    w.close()
    assert not sim.running and w.manager.running_workers() == []


def test_default_command_starts_the_window(monkeypatch):
    """``bps-commissioner`` alone and ``gui`` reach the GUI's entry point with their options."""
    from bps_commissioner import cli
    from bps_commissioner.ui import app

    calls = []
    monkeypatch.setattr(app, "run", lambda **kw: calls.append(kw) or 0)
    assert cli.main([]) == 0
    assert cli.main(["gui", "--simulate", "--lang", "pl"]) == 0
    assert calls == [{"simulate": False, "language": None}, {"simulate": True, "language": "pl"}]


@posix_only
def test_gui_simulate_command_runs_and_stops_on_ctrl_c(tmp_path):
    """The README's command, as a process: it starts, polls the simulator, and exits 0 on SIGINT."""
    import os
    import signal
    import subprocess
    import time

    from tests.cli.test_read import console_script

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    proc = subprocess.Popen([console_script(), "gui", "--simulate", "--lang", "en"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(4)
        assert proc.poll() is None, proc.communicate()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err


def test_disconnect_stops_the_link_and_its_simulator(qtbot, make_window):
    w = make_window()
    sim = SimulatedLink(transport="tcp", seed=2)
    key = w.start_simulation(sim)
    qtbot.waitUntil(lambda: any(u.reading is not None for u in w.model.units(key)), timeout=8000)
    worker = w.manager.workers()[0]
    w.select_unit(key, 1)
    assert w.act_disconnect.isEnabled()
    w.act_disconnect.trigger()
    assert w.manager.keys() == [] and w.model.rowCount() == 0 and not sim.running
    assert "simulator" not in w.windowTitle()
    qtbot.waitUntil(worker.isFinished, timeout=5000)
    assert w.unit_view.unit == (None, None) and not w.act_disconnect.isEnabled()


def test_simulator_links_have_distinct_names_that_say_their_kind(qtbot, make_window, tcp_chain):
    from bps_commissioner.ui.simulation import SimulatedMaster
    from tests.ui.conftest import tcp_endpoint

    w = make_window()
    chain_key = w.start_simulation(SimulatedLink(transport="tcp", seed=1))
    master_key = w.start_simulation(SimulatedMaster(seed=1))
    assert chain_key is not None and master_key is not None
    assert w.link_label(chain_key) == "Simulator · Modbus TCP"
    assert w.link_label(master_key) == "Simulator · SNMP master"
    # the chain tree's row gives the settings after the name, not the kind again
    from bps_commissioner.ui.chain_model import NAME
    rows = {k: w.model.item(w.model._link_row(k), NAME).text() for k in (chain_key, master_key)}
    assert rows[master_key].startswith("Simulator · SNMP master · v2c") and rows[master_key].count("SNMP") == 1
    assert rows[chain_key].count("Modbus TCP") == 1 and "127.0.0.1:" in rows[chain_key]
    # any two links with the same name are told apart
    other = w.connect_link(tcp_endpoint(tcp_chain), [1], label="Simulator · Modbus TCP")
    labels = [w.link_label(k) for k in (chain_key, master_key, other)]
    assert len(set(labels)) == 3 and labels[2] == "Simulator · Modbus TCP (2)"
    w.close()
