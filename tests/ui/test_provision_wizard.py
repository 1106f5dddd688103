"""Units > Set up new masters… (issue 16) against the simulated networked master over real
sockets: connect shows the unit's settings beside the planned ones, Apply sets, restarts and
verifies at the new address; a bad value is refused before anything is sent; a value the unit
refuses shows the raw Telnet dialogue one click away; a plan's masters one after another, one
already at its planned address skipped; no password in any text the wizard shows or logs."""

import json
import logging

import pytest
from PySide6.QtWidgets import QLabel, QPlainTextEdit

from bps_commissioner.services import secrets
from bps_commissioner.services.audit import AuditLog
from bps_commissioner.simulator.network_master import SimulatedNetworkMaster
from bps_commissioner.simulator.telnet_settings import INVALID_VALUE
from bps_commissioner.ui.provision_wizard import ProvisionWizard

OLD_PASSWORD, NEW_PASSWORD = "Old-pass-77", "N3w-secret-pw"


@pytest.fixture(autouse=True)
def no_keyring(monkeypatch):
    saved = []
    monkeypatch.setattr(secrets, "save", lambda kind, user, host, secret: saved.append(host) or "no keyring in tests")
    return saved


@pytest.fixture
def master():
    m = SimulatedNetworkMaster("127.0.0.163", reboot_s=0.3, password=OLD_PASSWORD)
    yield m
    m.stop()


@pytest.fixture
def audit_path(tmp_path):
    return tmp_path / "audit.jsonl"


@pytest.fixture
def wizard(qtbot, manager, translations, audit_path):
    w = ProvisionWizard(manager, audit=AuditLog(audit_path), restart_timeout=20)
    qtbot.addWidget(w)
    w.show()
    return w


def type_in(w, m, **values):
    f = w.form
    f.host.setText(m.host)
    f.telnet_port.setValue(m.telnet_port)
    f.login_password.setText(OLD_PASSWORD)
    fields = {"address": "127.0.0.21", "mask": "255.255.255.0", "gateway": "127.0.0.1", "read_community": "mon-ro-7"}
    fields.update(values)
    for name, text in fields.items():
        getattr(f, name).setText(text)
    f.new_password.setText(NEW_PASSWORD)
    f.new_password_again.setText(NEW_PASSWORD)


def connect(qtbot, w):
    w.connect_button.click()
    qtbot.waitUntil(lambda: w.shown is not None or w.fault is not None, timeout=15000)
    assert w.fault is None, w.fault
    qtbot.waitUntil(lambda: w.apply_button.isEnabled(), timeout=5000)


def apply(qtbot, w):
    w.apply_button.click()
    qtbot.waitUntil(lambda: not w.running, timeout=40000)


def rows(w):
    return {r[0].lstrip("● "): r for r in w.table.texts()}


def visible_texts(w):
    out = [label.text() for label in w.findChildren(QLabel)]
    out += [edit.toPlainText() for edit in w.findChildren(QPlainTextEdit)]
    out += [" ".join(row) for row in w.table.texts()]
    return "\n".join(out)


def assert_no_password(*texts):
    for text in texts:
        assert OLD_PASSWORD not in text and NEW_PASSWORD not in text


def test_a_typed_in_master_is_connected_applied_restarted_and_verified(qtbot, wizard, master, audit_path, caplog):
    caplog.set_level(logging.DEBUG)
    type_in(wizard, master)
    assert not wizard.apply_button.isEnabled()
    connect(qtbot, wizard)
    table = rows(wizard)
    assert table["IPv4 address"][1:] == ["127.0.0.163", "127.0.0.21"]
    assert table["SNMP read community"][1:] == ["public", "mon-ro-7"]
    assert {"network.address", "snmp.read_community", "password"} <= set(wizard.table.changed_keys)
    assert "network.mask" not in wizard.table.changed_keys  # the factory mask already
    assert "Connected to 127.0.0.163" in wizard.outcome.text()
    apply(qtbot, wizard)
    assert wizard.fault is None, wizard.fault
    assert wizard.result.verified and wizard.result.restarted
    assert "Verified at 127.0.0.21" in wizard.outcome.text()
    assert master.wait_up(5) and master.host == "127.0.0.21"
    s = master.settings
    assert (s.address, s.mask, s.gateway, s.read_community, s.password) == (
        "127.0.0.21", "255.255.255.0", "127.0.0.1", "mon-ro-7", NEW_PASSWORD)
    assert rows(wizard)["IPv4 address"][1] == "127.0.0.21"
    assert wizard.form.new_password.text() == ""  # not kept after the master is done
    audit = audit_path.read_text(encoding="utf-8")
    assert '"setting": "network.address"' in audit and '"setting": "restart"' in audit
    assert_no_password(visible_texts(wizard), audit, caplog.text)


def test_a_bad_value_is_refused_and_nothing_is_sent(qtbot, wizard, master, audit_path):
    type_in(wizard, master, mask="255.0.255.0")
    connect(qtbot, wizard)
    sent = list(master.settings.commands)
    wizard.apply_button.click()
    qtbot.wait(300)
    assert not wizard.running
    text = wizard.outcome.text()
    assert "Refused, nothing was sent" in text and "255.0.255.0" in text and "contiguous" in text
    assert master.settings.commands == sent
    assert master.settings.mask == "255.255.255.0" and master.settings.password == OLD_PASSWORD
    assert not audit_path.exists() or "provision" not in audit_path.read_text(encoding="utf-8")


def test_two_different_new_passwords_are_refused(qtbot, wizard, master):
    type_in(wizard, master)
    wizard.form.new_password_again.setText(NEW_PASSWORD + "x")
    connect(qtbot, wizard)
    sent = list(master.settings.commands)
    wizard.apply_button.click()
    assert "The two new passwords differ." in wizard.outcome.text()
    assert master.settings.commands == sent


def test_a_value_the_unit_refuses_shows_the_raw_dialogue(qtbot, wizard, master, monkeypatch, caplog):
    state = master.settings
    original = state._value

    def refusing(word, attribute, kind, text):
        return INVALID_VALUE if attribute == "read_community" else original(word, attribute, kind, text)

    monkeypatch.setattr(state, "_value", refusing)
    type_in(wizard, master)
    connect(qtbot, wizard)
    apply(qtbot, wizard)
    assert wizard.fault is not None and wizard.fault.kind.value == "unit-refused-value"
    assert "The master did not take a value" in wizard.outcome.text()
    assert "snmp.read_community" in wizard.outcome.text()
    assert wizard.dialogue_button.isVisible() and not wizard.dialogue.isVisible()
    wizard.dialogue_button.click()
    assert wizard.dialogue.isVisible()
    assert "Invalid value!" in wizard.dialogue.toPlainText()
    assert "community:********" in wizard.dialogue.toPlainText()  # what was typed, the community hidden
    assert "mon-ro-7" not in wizard.dialogue.toPlainText()
    assert master.host == "127.0.0.163" and master.restarts == 0  # stopped before the restart
    assert_no_password(visible_texts(wizard), caplog.text)


def test_a_wrong_login_password_is_named(qtbot, wizard, master):
    type_in(wizard, master)
    wizard.form.login_password.setText("not-it")
    wizard.connect_button.click()
    qtbot.waitUntil(lambda: wizard.fault is not None, timeout=15000)
    assert "refused the Telnet login" in wizard.outcome.text()
    assert not wizard.apply_button.isEnabled()


def write_plan(tmp_path, first, second_port):
    plan = {"site": "Test", "links": [{"snmp": "127.0.0.163"}, {"snmp": "192.168.0.163"}], "units": [
        {"address": 0, "name": "PDU-A11-L", "host": f"{first.host}:{first.telnet_port}",
         "network": {"address": "127.0.0.22/24", "gateway": "127.0.0.1"},
         "snmp_setup": {"read_community": "mon-ro-7"}},
        {"address": 0, "link": 1, "name": "PDU-A12-L", "host": f"192.168.0.163:{second_port}",
         "network": {"address": "127.0.0.23/24"}}]}
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    return str(path)


def test_a_plans_masters_one_after_another_and_one_already_there_is_skipped(qtbot, wizard, master, tmp_path):
    there = SimulatedNetworkMaster("127.0.0.23", reboot_s=0.3)
    try:
        assert wizard.load_plan(write_plan(tmp_path, master, there.telnet_port))
        assert wizard.master_list.count() == 2
        f = wizard.form
        assert (f.host.text(), f.telnet_port.value(), f.address.text(), f.read_community.text()) == (
            "127.0.0.163", master.telnet_port, "127.0.0.22", "mon-ro-7")
        assert "Connect PDU-A11-L (it answers at 127.0.0.163)" in wizard.guide.text()
        f.login_password.setText(OLD_PASSWORD)
        connect(qtbot, wizard)
        apply(qtbot, wizard)
        assert wizard.result is not None and wizard.result.verified, wizard.fault
        assert master.wait_up(5) and master.host == "127.0.0.22"
        assert "verified at 127.0.0.22" in wizard.master_list.item(0).text()
        assert "Next: connect PDU-A12-L at 192.168.0.163" in wizard.outcome.text()
        wizard.next_button.click()
        assert wizard.master_list.currentRow() == 1
        assert "Connect PDU-A12-L at its factory address 192.168.0.163" in wizard.guide.text()
        qtbot.waitUntil(lambda: wizard.skip_button.isEnabled(), timeout=10000)
        assert "already answers at its planned address 127.0.0.23" in wizard.guide.text()
        wizard.skip_button.click()
        assert "skipped: already answers at 127.0.0.23" in wizard.master_list.item(1).text()
        assert "Every master of the plan is done." in wizard.outcome.text()
        assert there.settings.commands == []  # nothing was sent to the skipped one
    finally:
        there.stop()


def test_the_window_opens_the_wizard_from_the_units_menu(qtbot, make_window):
    w = make_window()
    assert w.act_provision in w.menu_units.actions()
    w.act_provision.trigger()
    wizard = w.provision_wizard
    assert wizard is not None and wizard.isVisible() and not wizard.isModal()
    assert wizard.manager is w.manager
    w.act_provision.trigger()
    assert w.provision_wizard is wizard
    wizard.close()


def test_the_wizard_speaks_polish(qtbot, wizard, translations):
    translations.set_language("pl")
    qtbot.waitUntil(lambda: wizard.windowTitle() == "Konfiguracja nowych masterów", timeout=3000)
    assert wizard.connect_button.text() == "&Połącz" and wizard.apply_button.text() == "&Zastosuj"
    assert wizard.table.horizontalHeaderItem(1).text() == "W urządzeniu"
    assert wizard.form.now_box.title() == "Gdzie master odpowiada teraz"
    assert "Podłącz mastera" in wizard.guide.text()
    from bps_commissioner.device import provisioning as pv

    items = pv.warning_items({"snmp.agent": "Enable", "snmp.read_community": "public", "snmp.trap1": "10.0.0.5"},
                             password_length=5)
    texts = [wizard.warning(code, data) for code, data in items]
    assert "fabryczne 'public'" in texts[0] and "10.0.0.5" in texts[1] and "5 znaków" in texts[2]


def test_on_the_built_in_simulator_the_wizard_moves_the_master_to_a_loopback_address(qtbot, make_window):
    w = make_window()
    assert w.start_simulation() is not None
    simulated = next(s for s in w.simulations if getattr(s, "telnet_server", None) is not None)
    w.act_provision.trigger()
    wizard = w.provision_wizard
    assert (wizard.form.host.text(), wizard.form.telnet_port.value()) == ("127.0.0.1", simulated.telnet.port)
    assert "127.0.0.21" in wizard.guide.text()
    wizard.form.login_password.setText("admin")
    wizard.form.address.setText("127.0.0.21")
    wizard.form.read_community.setText("mon-ro-7")
    connect(qtbot, wizard)
    apply(qtbot, wizard)
    assert wizard.fault is None, wizard.fault
    assert wizard.result.verified and wizard.result.final_host == "127.0.0.21"
    assert simulated.telnet_server.host == "127.0.0.21" and simulated.snmp.host == "127.0.0.21"
    # the window follows the master: its SNMP link now polls 127.0.0.21 with the new community
    moved = [k for k in w.manager.keys() if getattr(w.manager.endpoint(k), "host", None) == "127.0.0.21"]
    assert len(moved) == 1 and not any(getattr(w.manager.endpoint(k), "host", None) == "127.0.0.1"
                                       for k in w.manager.keys())
    assert w.link_label(moved[0]) == "Simulator · SNMP master" and w.network.target(moved[0]).host == "127.0.0.21"
    qtbot.waitUntil(lambda: any(u.reading is not None for u in w.model.units(moved[0])), timeout=15000)
    wizard.close()


def test_a_master_outside_the_laptops_subnet_gets_the_commands_that_add_an_address(qtbot, wizard, translations,
                                                                                   monkeypatch):
    import bps_commissioner.services.provision as provision_service

    monkeypatch.setattr(provision_service.probe, "source_address", lambda host, port=23: "10.1.2.3")
    wizard.form.host.setText("192.168.0.163")
    wizard._update_advice()
    text = wizard.advice.text()
    assert wizard.advice.isVisibleTo(wizard) and "192.168.0.0/24" in text
    assert 'netsh interface ipv4 add address "Ethernet" 192.168.0.200 255.255.255.0' in text
    assert "sudo ip addr add 192.168.0.200/24 dev eth0" in text
    translations.set_language("pl")
    wizard._update_advice()
    assert "Ten laptop nie ma adresu w podsieci mastera 192.168.0.0/24" in wizard.advice.text()
    monkeypatch.setattr(provision_service.probe, "source_address", lambda host, port=23: "192.168.0.20")
    wizard._update_advice()
    assert not wizard.advice.isVisibleTo(wizard)
