"""The firmware panel's guards (issue 17): Enter never starts a flash, a master gets the
Telnet and TFTP ports of its link and is listed by its protocol, and a file that does not
look like BPS2000v2 firmware needs an explicit "flash it anyway"."""

import os

import pytest
from PySide6.QtCore import Qt

from bps_commissioner.ui.firmware_panel import FirmwarePanel
from tests.ui.conftest import tcp_endpoint


@pytest.fixture
def panel(qtbot, translations):
    made = []

    def make(*args, **kwargs):
        p = FirmwarePanel(*args, **kwargs)
        qtbot.addWidget(p)
        made.append(p)
        p.show()
        return p

    yield make
    for p in made:
        assert p.shutdown(10)


def ready(panel, tmp_path, name="BPS2000v2-2.0.6-C.bin", size=64 * 1024):
    path = tmp_path / name
    path.write_bytes(os.urandom(size))
    panel.set_firmware_file(str(path))
    panel.add_host("127.0.0.1:1")
    for box in (panel.check_power, panel.check_cable, panel.check_update):
        box.setChecked(True)
    panel.password_edit.setText("secret")
    return path


def test_enter_never_starts_a_flash(qtbot, panel, tmp_path):
    p = panel()
    path = ready(p, tmp_path)
    assert p.start_button.isEnabled() and not p.start_button.isDefault()
    for field in (p.file_edit, p.host_edit, p.password_edit, p.tftp_port):
        field.setFocus()
        qtbot.keyClick(field, Qt.Key.Key_Return)
        qtbot.keyClick(field, Qt.Key.Key_Enter)
        assert not p.confirm_frame.isVisible() and not p.is_running
    assert p.firmware is not None and p.firmware.path == str(path)  # Enter in the file field takes the file
    p.start_button.click()  # a click opens the confirmation, which has the focus
    assert p.confirm_frame.isVisible()
    qtbot.keyClick(p.confirm_button, Qt.Key.Key_Return)
    qtbot.keyClick(p.confirm_button, Qt.Key.Key_Enter)
    assert not p.is_running and p.confirm_frame.isVisible()


def test_a_file_that_does_not_look_like_firmware_needs_flash_it_anyway(panel, tmp_path):
    p = panel()
    ready(p, tmp_path, name="holiday.bin", size=1000)
    assert p.firmware is not None and not p.anyway_box.isHidden()
    assert "does not look like BPS2000v2 firmware" in p.file_info.text()
    assert "BPS2000v2-x.y.z-C.bin" in p.file_info.text() and "smaller than 16 KiB" in p.file_info.text()
    assert not p.start_button.isEnabled() and "Flash it anyway" in p.missing()
    p.anyway_box.setChecked(True)
    assert p.start_button.isEnabled() and p.missing() == ""
    p.start_button.click()
    assert "you chose to flash it anyway" in p.confirm_label.text()
    # another file: the choice is asked again; a proper one needs none
    ready(p, tmp_path, name="firmware.img", size=64 * 1024)
    assert not p.anyway_box.isChecked() and not p.start_button.isEnabled()
    ready(p, tmp_path)
    assert p.anyway_box.isHidden() and p.start_button.isEnabled()
    assert "does not look like" not in p.file_info.text()


def test_a_link_master_gets_its_links_ports(qtbot, panel, manager, tcp_chain):
    key = manager.add_link(tcp_endpoint(tcp_chain), [1])
    p = panel(manager, link_ports=lambda k: (2323, 6969) if k == key else (None, None))
    p.check_links([key])
    (target,) = p.checked_targets()
    assert (target.telnet_port, target.tftp_port) == (2323, 6969)
    p.add_host("10.0.0.9")  # a typed host: the panel's ports
    typed = p.checked_targets()[1]
    assert (typed.telnet_port, typed.tftp_port) == (p.telnet_port.value(), p.tftp_port.value())
    assert "Modbus TCP port" in p.targets.item(0).text()


def test_the_window_gives_the_masters_telnet_port_and_lists_snmp_by_protocol(qtbot, make_window):
    from bps_commissioner.ui.simulation import SimulatedMaster

    w = make_window()
    sim = SimulatedMaster(seed=1)
    key = w.start_simulation(sim)
    assert key is not None
    w.select_unit(key, None)
    p = w.open_firmware_panel()
    p.check_links([key])
    (target,) = p.checked_targets()
    assert target.telnet_port == sim.telnet.port != p.telnet_port.value()
    text = p.targets.item(0).text()
    assert "SNMP master" in text and "Modbus TCP" not in text and str(sim.telnet.port) in text
    assert p.shutdown(10)
    w.close()
