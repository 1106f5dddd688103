"""The window with a networked master: the SNMP chain in the tree, SNMP values on the dashboard,
the Telnet tab (firmware, energy reset, warning thresholds), security findings, and secrets that
never reach the settings, the logs or the screen. Against the simulated agent and Telnet CLI."""

import logging

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox

from bps_commissioner.device.decode import decode_registers
from bps_commissioner.device.registers import REGISTER_COUNT
from bps_commissioner.services.credentials import SESSION
from bps_commissioner.services.endpoints import SnmpEndpoint
from bps_commissioner.services.secrets import TELNET_PASSWORD
from bps_commissioner.services.telnet_jobs import TelnetTarget
from bps_commissioner.simulator.model import SimulatedUnit
from bps_commissioner.ui.chain_model import NAME
from bps_commissioner.ui.connect_dialog import SNMP_TAB, ConnectDialog, ConnectRequest
from bps_commissioner.ui.simulation import SimulatedMaster
from bps_commissioner.ui.telnet_panel import energy_text
from tests.ethernet.conftest import (  # noqa: F401 (fixtures)
    AUTH_KEY, PRIV_KEY, SECRETS, TELNET_PASSWORD as PASSWORD, _agent, assert_no_secret, isolated_secrets,
    snmp_sim, snmp_units, telnet_sim,
)


@pytest.fixture(autouse=True)
def fresh_session(isolated_secrets):
    SESSION.clear()
    yield
    SESSION.clear()


@pytest.fixture
def master(make_window):
    w = make_window()
    w.show()
    sim = SimulatedMaster(seed=4)
    key = w.start_simulation(sim)
    assert key is not None and key.startswith("snmp:")
    return w, key, sim


def tree_names(w, key):
    link = w.model.link_index(key)
    return [w.model.index(r, NAME, link).data() for r in range(w.model.rowCount(link))]


def wait_chain(qtbot, w, key, addresses, timeout=8000):
    qtbot.waitUntil(lambda: [u.address for u in w.model.units(key)] == addresses
                    and all(u.reading is not None for u in w.model.units(key)), timeout=timeout)


def wait_overview(qtbot, w, key):
    qtbot.waitUntil(lambda: w.network.overview(key) is not None and not w.network.busy(key), timeout=8000)


def meter(unit, phase):
    return decode_registers(0, dict(enumerate(unit.read(0, REGISTER_COUNT)))).values[f"active_energy_l{phase}"]


def test_the_tree_lists_the_master_and_the_slaves_chained_now(qtbot, master):
    w, key, sim = master
    wait_chain(qtbot, w, key, [0, 1, 2])
    assert tree_names(w, key) == ["Master", "Slave 1", "Slave 2"]
    row = w.model.link_index(key).data()  # "Simulator · SNMP master · v2c": the kind and the version
    assert "SNMP master" in row and "v2c" in row
    assert w.manager.polled_units(key) == (0, 1, 2, 3, 4, 5)  # absent slaves are polled, not listed
    assert [u.state.value for u in w.model.units(key)] == ["online"] * 3
    # a slave chained later appears; one that stops answering goes
    sim.snmp.units = sim.snmp.units + (SimulatedUnit(3, seed="late"),)
    sim.chain[2].silent = True
    wait_chain(qtbot, w, key, [0, 1, 3])
    assert tree_names(w, key) == ["Master", "Slave 1", "Slave 3"]


def test_the_dashboard_shows_snmp_values_and_says_limits_are_not_available(qtbot, master):
    w, key, sim = master
    sim.chain[0].pin({"voltage_l1": 231.8, "current_l2": 7.25, "temperature": 23.4})
    wait_chain(qtbot, w, key, [0, 1, 2])
    w.select_unit(key, 0)
    assert w.unit_view.title.text() == "Master"
    dash = w.unit_view.dashboard
    table = dash.phases
    qtbot.waitUntil(lambda: table.item(0, 0).text() == "231.8", timeout=5000)
    rows = {table.verticalHeaderItem(r).text(): r for r in range(table.rowCount())}
    assert table.item(rows["Current [A]"], 1).text() == "7.25"
    # no limits or alarm states over SNMP: those rows are hidden and a note says why
    assert table.isRowHidden(rows["Voltage limits [V]"]) and table.isRowHidden(rows["Current alarm"])
    assert not table.isRowHidden(rows["Voltage [V]"])
    note = dash.findChild(QLabel, "noLimitsNote")
    assert note.isVisible() and "not available over SNMP" in note.text()
    probes = dash.probes
    prow = {probes.verticalHeaderItem(r).text(): r for r in range(probes.rowCount())}
    assert probes.item(prow["Temperature"], 0).text() == "23.4"
    assert probes.item(prow["Temperature"], 3).text() == "–" and probes.isColumnHidden(1)
    assert w.model.unit(key, 0).state.value == "online"  # not a warning for the missing limits


def test_the_telnet_tab_shows_the_firmware_of_the_master_only(qtbot, master):
    w, key, sim = master
    wait_chain(qtbot, w, key, [0, 1, 2])
    tabs, panel = w.unit_view.tabs, w.telnet_panel
    w.select_unit(key, 0)
    wait_overview(qtbot, w, key)
    assert tabs.isTabVisible(tabs.indexOf(panel))
    tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.version.text() == sim.chain[0].firmware_version, timeout=3000)
    assert panel.last_update.text() == sim.chain[0].firmware_date
    assert panel.uptime.text().endswith("min")
    assert not panel.login_box.isVisible()
    w.select_unit(key, 1)  # a slave has no Telnet of its own
    assert not tabs.isTabVisible(tabs.indexOf(panel))
    w.select_unit(key, 0)
    assert tabs.isTabVisible(tabs.indexOf(panel))


def test_an_energy_reset_asks_names_the_reading_and_is_read_back(qtbot, master):
    w, key, sim = master
    w.select_unit(key, 0)
    wait_overview(qtbot, w, key)
    panel = w.telnet_panel
    w.unit_view.tabs.setCurrentWidget(panel)
    before = w.network.overview(key).energy[2]
    assert before > 0 and panel.energy_values[1].text() == energy_text(before)
    # cancelled: nothing sent
    panel.reset_buttons[1].click()
    box = panel.confirm_box
    assert box is not None and "L2" in box.text() and energy_text(before) in box.informativeText()
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.wait(300)
    assert not any(c.startswith("clearp") for c in sim.telnet_server.state.commands)
    assert meter(sim.chain[0], 2) >= before - 1
    # confirmed
    panel.reset_buttons[1].click()
    reset = next(b for b in panel.confirm_box.buttons() if b.text() == "&Reset")
    reset.click()
    qtbot.waitUntil(lambda: "→" in panel.energy_report.text(), timeout=8000)
    report = panel.energy_report.text().replace("\N{NO-BREAK SPACE}", " ")
    assert f"✓ L2: {energy_text(before)} → 0 kWh".replace("\N{NO-BREAK SPACE}", " ")[:6] in report
    assert report.endswith("→ 0 kWh")
    assert meter(sim.chain[0], 2) < 1 < meter(sim.chain[0], 1)
    assert panel.energy_values[1].text() == energy_text(0)
    assert [c for c in sim.telnet_server.state.commands if c.startswith("clearp")] == ["clearp2"]


def test_a_warning_threshold_is_checked_inline_then_set_and_read_back(qtbot, master):
    w, key, sim = master
    w.select_unit(key, 0)
    wait_overview(qtbot, w, key)
    panel = w.telnet_panel
    w.unit_view.tabs.setCurrentWidget(panel)
    spin = panel.spins["voltage_l1.low_warning"]
    spin.setValue(280.0)  # above the high warning (276): refused before anything is sent
    assert not panel.apply_button.isEnabled()
    assert "low warning: must not be above the high alarm" in panel.thresholds_message.text()
    assert "must not be above" in spin.toolTip()
    panel.revert_button.click()
    assert spin.value() == 180.0 and not panel.apply_button.isEnabled()
    sent = len(sim.telnet_server.state.commands)
    panel.spins["current_l1.high_warning"].setValue(12.5)
    assert panel.changes() == {"current_l1.high_warning": "12.5"} and panel.apply_button.isEnabled()
    panel.apply_button.click()
    qtbot.waitUntil(lambda: "reads back" in panel.thresholds_message.text(), timeout=8000)
    message = panel.thresholds_message.text().replace("\N{NO-BREAK SPACE}", " ")
    assert "✓ Current L1, high warning: 16.0 A → 12.5 A, reads back 12.5 A" in message
    assert sim.telnet_server.state.warnings["current_l1"] == (12.5, 0.0)
    assert panel.spins["current_l1.high_warning"].value() == 12.5 and panel.changes() == {}
    assert [c for c in sim.telnet_server.state.commands[sent:] if ":" in c] == ["current one:16&12.5&0&0"]


def test_security_findings_show_on_the_unit(qtbot, master, translations):
    w, key, _sim = master
    w.select_unit(key, 0)
    strip = w.security_strip
    qtbot.waitUntil(lambda: len(strip.findings()) == 4, timeout=8000)
    assert strip.isVisible()
    assert "4 things to fix before leaving 127.0.0.1" in strip.title.text()
    text = strip.details.text()
    for part in ("factory Telnet login admin/admin", "Change the password", "SNMP v2c to the factory community",
                 "cleartext", "Disable Telnet in the web UI"):
        assert part in text, part
    assert text.index("serious") < text.index("moderate")
    w.select_unit(key, 2)  # the slaves are reached the same way
    assert strip.isVisible()
    translations.set_language("pl")
    qtbot.waitUntil(lambda: "fabryczne" in strip.details.text(), timeout=3000)
    assert "do poprawienia" in strip.title.text()


def test_a_refused_telnet_login_asks_for_the_password_and_is_not_retried(qtbot, master):
    w, key, sim = master
    SESSION.put(TELNET_PASSWORD, "admin", "127.0.0.1", "not-the-password")  # before the first read runs
    w.select_unit(key, 0)
    panel = w.telnet_panel
    qtbot.waitUntil(lambda: w.network.login_refused(key), timeout=8000)
    w.unit_view.tabs.setCurrentWidget(panel)
    assert panel.login_box.isVisible() and "refused" in panel.status.text()
    assert not panel.read_button.isEnabled()
    qtbot.wait(1500)
    assert sim.telnet_server.state.failed_logins == 1
    panel.login_password.setText("admin")
    panel.login_button.click()
    qtbot.waitUntil(lambda: panel.version.text() == sim.chain[0].firmware_version, timeout=8000)
    assert not panel.login_box.isVisible() and panel.login_password.text() == ""


def test_connecting_by_the_dialog_keeps_secrets_out_of_settings_logs_and_screen(
        qtbot, make_window, snmp_sim, telnet_sim, snmp_units, isolated_secrets, user_settings, caplog):
    caplog.set_level(logging.DEBUG)
    w = make_window()
    w.show()
    frames = []
    w.manager.frameLogged.connect(lambda _key, record: frames.append(record))
    dialog = ConnectDialog(w, recent=[], ports=lambda: [])
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(SNMP_TAB)
    dialog.snmp_host.setText(f"127.0.0.1:{snmp_sim.port}")
    dialog.snmp_version.setCurrentIndex(dialog.snmp_version.findData("3"))
    assert not dialog.community.isVisibleTo(dialog) and dialog.v3_user.isVisibleTo(dialog)
    dialog.v3_user.setText("bkt")
    dialog.v3_auth_key.setText("short")
    assert "at least 8 characters" in dialog.error_label.text()
    dialog.v3_auth_key.setText(AUTH_KEY)
    dialog.v3_priv_key.setText(PRIV_KEY)
    dialog.snmp_remember.setChecked(True)
    dialog.telnet_group.setChecked(True)
    dialog.telnet_port.setValue(telnet_sim.port)
    dialog.telnet_user.setText("bkt")
    dialog.telnet_password.setText(PASSWORD)
    request = dialog.request()
    assert request == ConnectRequest(SnmpEndpoint("127.0.0.1", snmp_sim.port, "3", "bkt", "SHA", "AES"),
                                     (0, 1, 2, 3, 4, 5), telnet=TelnetTarget("127.0.0.1", telnet_sim.port, "bkt"))
    w._connect_from(dialog)
    key = request.endpoint.key
    # the keys ticked "remember" went to the keyring, the Telnet password only to this session
    assert set(isolated_secrets.store.values()) == {AUTH_KEY, PRIV_KEY}
    assert SESSION.get(TELNET_PASSWORD, "bkt", "127.0.0.1").reveal() == PASSWORD
    wait_chain(qtbot, w, key, [0, 1, 2])
    w.select_unit(key, 0)
    wait_overview(qtbot, w, key)
    w.unit_view.tabs.setCurrentWidget(w.telnet_panel)
    assert w.telnet_panel.version.text() == snmp_units[0].firmware_version
    assert [f.code for f in w.network.findings(key)] == ["telnet-cleartext"]  # v3 authPriv with SHA/AES: fine
    recent = w._recent()[0]
    assert recent["kind"] == "snmp" and recent["link"]["v3_user"] == "bkt" and recent["telnet"] == {
        "port": telnet_sim.port, "user": "bkt"}
    # nowhere a secret: the settings file, the frame log, the log records, what the window shows
    settings_text = "".join(p.read_text(errors="replace") for p in user_settings.rglob("*") if p.is_file())
    w.save_window()
    assert "snmp" in settings_text
    shown = [label.text() + label.toolTip() for label in w.findChildren(QLabel)]
    assert_no_secret(settings_text, *(r.data.hex() + repr(r.data) for r in frames),
                     *(r.getMessage() for r in caplog.records), w.statusBar().currentMessage(), *shown,
                     *(str(v) for v in w._recent()))
    for secret in SECRETS:
        assert all(secret.encode() not in r.data for r in frames)
    # a recent entry brings the fields back, the secrets empty (the saved ones are used)
    again = ConnectDialog(w, recent=w._recent(), ports=lambda: [])
    qtbot.addWidget(again)
    again.recent_combo.activated.emit(1)
    assert again.tabs.currentIndex() == SNMP_TAB and again.v3_user.text() == "bkt"
    assert again.v3_auth_key.text() == "" and again.telnet_group.isChecked()


def test_the_demonstration_has_both_chains_and_closing_stops_everything(qtbot, make_window):
    w = make_window()
    key = w.start_simulation()
    assert key is not None and len(w.manager.keys()) == 2 and len(w.simulations) == 2
    snmp_key = next(k for k in w.manager.keys() if k.startswith("snmp:"))
    wait_chain(qtbot, w, snmp_key, [0, 1, 2], timeout=10000)
    qtbot.waitUntil(lambda: w.network.overview(snmp_key) is not None, timeout=8000)
    sims = list(w.simulations)
    w.close()
    assert w.manager.running_workers() == []
    assert not any(s.running for s in sims)


def test_a_modbus_tcp_host_gets_its_telnet_account_in_the_tab(qtbot, make_window, tcp_chain, sim_chain,
                                                             isolated_secrets):
    from bps_commissioner.simulator.telnet import TelnetSimulator
    from tests.ui.conftest import tcp_endpoint

    telnet = TelnetSimulator(list(sim_chain), "127.0.0.1", 0, account="bkt", password=PASSWORD).start()
    try:
        w = make_window()
        w.show()
        key = w.connect_link(tcp_endpoint(tcp_chain), [1, 2])
        w.select_unit(key, 1)
        panel, tabs = w.telnet_panel, w.unit_view.tabs
        assert tabs.isTabVisible(tabs.indexOf(panel))
        tabs.setCurrentWidget(panel)
        assert panel.login_box.isVisible() and "no account given yet" in panel.heading.text()
        assert not w.security_strip.isVisible()
        panel.login_port.setValue(telnet.port)
        panel.login_user.setText("bkt")
        panel.login_password.setText(PASSWORD)
        panel.login_remember.setChecked(True)
        panel.login_button.click()
        qtbot.waitUntil(lambda: panel.version.text() == sim_chain.at(1)[0].firmware_version, timeout=8000)
        assert not panel.login_box.isVisible()
        assert w.security_strip.isVisible() and [f.code for f in w.security_strip.findings()] == ["telnet-cleartext"]
        assert w.network.target(key) == TelnetTarget("127.0.0.1", telnet.port, "bkt")
        assert isolated_secrets.store == {("bps-commissioner", "telnet:bkt@127.0.0.1"): PASSWORD}  # "remember"
    finally:
        telnet.stop()
