"""The firmware panel against a simulated master (Modbus TCP, Telnet and TFTP on loopback,
restarting after an upload): the checklist gates the start, a flash runs to a verified
result with its progress and restart countdown on screen, cancel, a refused upload, and
the Telnet password never lands in the settings file or the log."""

import os

import pytest
from PySide6.QtCore import QUrl

from bps_commissioner.services import secrets
from bps_commissioner.services.endpoints import TcpEndpoint
from bps_commissioner.ui.firmware_panel import FirmwarePanel
from tests.flash.conftest import QUICK, start_master
from tests.flash.test_links import _worker_thread, opens  # noqa: F401 (a fixture)
from tests.ui.test_thresholds_tab import sim_thresholds

WAIT = 30000  # ms for a whole flash; the machine is shared
PASSWORD = "Ts3cret-9q"


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """Backups and the audit log in tmp_path; no password from the environment or a keyring."""
    monkeypatch.setenv("BPS_COMMISSIONER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("BPS_TELNET_PASSWORD", raising=False)
    monkeypatch.setattr(secrets, "_keyring_get", lambda account: None)


@pytest.fixture
def master():
    m = start_master()
    m.telnet.state.password = PASSWORD
    yield m
    m.stop()


@pytest.fixture
def firmware_file(tmp_path):
    path = tmp_path / "fw" / "BPS2500-3.bin"
    path.parent.mkdir()
    path.write_bytes(os.urandom(40 * 1024 + 123))
    return path


def quick_panel(panel, master, opened):
    panel.flash_settings = QUICK
    panel.open_url = opened.append
    panel.tftp_port.setValue(master.tftp.port)
    panel.telnet_port.setValue(master.telnet.port)
    return panel


@pytest.fixture
def standalone(qtbot, translations):
    """A panel of its own (typed hosts), shut down at the end even when a test fails."""
    panels = []

    def make(master, opened):
        panel = FirmwarePanel()
        qtbot.addWidget(panel)
        panels.append(panel)
        quick_panel(panel, master, opened)
        panel.show()
        return panel

    yield make
    for panel in panels:
        assert panel.shutdown(10)


def tick_checklist(panel, on=True):
    for box in (panel.check_power, panel.check_cable, panel.check_update):
        box.setChecked(on)


def run(qtbot, panel, on_event=None):
    """Flash… then the explicit confirmation; returns the batch's results."""
    panel.start_button.click()
    assert panel.confirm_frame.isVisible()
    with qtbot.waitSignal(panel.batchFinished, timeout=WAIT) as done:
        panel.confirm_button.click()
        assert panel.is_running and panel.cancel_button.isVisible() and not panel.start_button.isEnabled()
        if on_event is not None:
            panel.driver.flashEvent.connect(on_event)
    qtbot.waitUntil(lambda: not panel.is_running, timeout=5000)
    return done.args[0]


def test_the_checklist_gates_the_start(qtbot, make_window, master, firmware_file, user_settings):
    w = make_window()
    key = w.connect_link(TcpEndpoint("127.0.0.1", master.tcp.port, timeout=1.0), [1])
    w.show()
    qtbot.waitUntil(lambda: w.model.unit(key, 1) is not None, timeout=5000)
    w.select_unit(key, 1)
    opened = []
    panel = quick_panel(w.open_firmware_panel(), master, opened)
    assert panel.isVisible()
    # the master selected in the chain tree is ticked
    (target,) = panel.checked_targets()
    assert (target.host, target.modbus_port, target.unit) == ("127.0.0.1", master.tcp.port, 1)
    assert (target.tftp_port, target.telnet_port) == (master.tftp.port, master.telnet.port)
    assert not panel.start_button.isEnabled() and panel.missing() == "Choose the firmware file."
    assert not panel.set_firmware_file(str(firmware_file.parent / "missing.bin"))
    assert "does not exist" in panel.file_info.text() and not panel.start_button.isEnabled()
    assert panel.set_firmware_file(str(firmware_file))
    assert "40.1 KiB" in panel.file_info.text()
    for box in (panel.check_power, panel.check_cable):
        box.setChecked(True)
        assert not panel.start_button.isEnabled()
        assert "checklist" in panel.start_button.toolTip()
    # the checklist's web UI button opens the unit's page (injected: no browser in a test)
    panel.web_button.click()
    assert opened == [QUrl("http://127.0.0.1/")]
    panel.check_update.setChecked(True)
    assert panel.start_button.isEnabled()
    # no Telnet password anywhere: asked for, nothing starts
    panel.start_button.click()
    assert not panel.confirm_frame.isVisible() and "Telnet password" in panel.message.text()
    panel.password_edit.setText(PASSWORD)
    panel.start_button.click()
    assert panel.confirm_frame.isVisible() and "BPS2500-3.bin" in panel.confirm_label.text()
    assert "power and network must stay up" in panel.confirm_label.text()
    panel.check_cable.setChecked(False)  # a point unticked: no confirmation any more
    assert not panel.confirm_frame.isVisible() and not panel.start_button.isEnabled()
    panel.confirm()  # refused: nothing to confirm
    assert not panel.is_running
    qtbot.wait(300)
    assert master.tftp.requests == 0 and master.telnet.state.logins == 0
    # the remembered folder and user; never the password
    from bps_commissioner.ui.settings import settings
    assert settings().value("firmware/folder") == str(firmware_file.parent.resolve())
    w.close()
    stored = "".join(p.read_text(encoding="utf-8", errors="replace") for p in user_settings.rglob("*") if p.is_file())
    assert PASSWORD not in stored


def test_a_flash_runs_to_a_verified_result(qtbot, make_window, master, firmware_file, user_settings, tmp_path,
                                           opens):
    # a threshold the update will reset to the factory value: restored from the backup
    from bps_commissioner.device.decode import registers_of
    for register, word in registers_of({"current_l1.high": 12.0}).items():
        master.unit.write(register, word)
    w = make_window()
    key = w.connect_link(TcpEndpoint("127.0.0.1", master.tcp.port, timeout=1.0), [1])
    w.show()
    qtbot.waitUntil(lambda: w.model.unit(key, 1) is not None, timeout=5000)
    w.select_unit(key, 1)
    worker = _worker_thread(qtbot, w.manager, key)
    opened = []
    panel = quick_panel(w.open_firmware_panel(), master, opened)
    panel.set_firmware_file(str(firmware_file))
    tick_checklist(panel)
    panel.password_edit.setText(PASSWORD)
    panel.remember_box.setChecked(True)
    saved = []
    panel.save_secret = lambda kind, user, host, secret: saved.append((kind, user, host, secret.reveal()))
    seen = []
    results = run(qtbot, panel, lambda _e: seen.append(panel.row_texts("127.0.0.1")))

    (result,) = results
    assert result.ok, result.error
    step, bar, transfer, text = panel.row_texts("127.0.0.1")
    assert step == "Done" and bar == "done"
    assert text.startswith("✓ verified: version 2.0.5-C → 3")
    assert "1 threshold restored from the backup" in text
    assert "KiB/s" in transfer and "retransmission" in transfer
    # on the way: the upload's bytes and rate, then the restart countdown
    uploads = [s for s in seen if s[0] == "Uploading" and s[1].endswith(" KiB") and "KiB/s" in s[2]]
    assert uploads and uploads[-1][1] == "40 of 40 KiB"
    countdown = [s for s in seen if s[0].startswith("Restarting: ") and s[1].endswith(" s left")]
    assert countdown, seen
    assert panel.message.text() == "1 unit flashed and verified."
    assert sim_thresholds(master.unit)["current_l1.high"] == 12.0
    assert list((tmp_path / "data" / "backups").glob("thresholds-127.0.0.1-*.json"))
    # the restore is in the audit log, which the window refreshed
    # (newest first: the restore, then the firmware upload's outcome, written ahead as an intent)
    qtbot.waitUntil(lambda: w.audit_view.table.rowCount() == 2, timeout=3000)
    assert w.audit_view.table.item(0, 3).text() == "current_l1.high"
    assert [w.audit_view.table.item(1, c).text() for c in (2, 3)] != ["", ""]
    # "remember": saved in the keyring once the login worked; never in the settings or the log
    assert saved == [(secrets.TELNET_PASSWORD, "admin", "127.0.0.1", PASSWORD)]
    assert PASSWORD not in panel.log.toPlainText() and "127.0.0.1: ok" in panel.log.toPlainText()
    assert not opened and not panel.advice_frame.isVisible()
    # the master is polled: its backup and restore went through the polling worker, no
    # Modbus TCP connection of the flasher's own (each one the simulator accepted is the worker's)
    assert set(opens) == {worker} and master.tcp.accepted == len(opens)
    w.close()
    assert w.manager.running_workers() == []
    stored = "".join(p.read_text(encoding="utf-8", errors="replace") for p in user_settings.rglob("*") if p.is_file())
    assert PASSWORD not in stored


def test_cancel_stops_the_upload(qtbot, standalone, master, tmp_path):
    big = tmp_path / "BPS2500-4.bin"
    big.write_bytes(b"\x55" * 2_000_000)
    panel = standalone(master, [])
    assert panel.add_host(f"127.0.0.1:{master.tcp.port}")
    assert not panel.add_host("not a host:x")
    assert "host name or IP address" in panel.message.text()
    assert [t.host for t in panel.checked_targets()] == ["127.0.0.1"]
    panel.set_firmware_file(str(big))
    tick_checklist(panel)
    panel.password_edit.setText(PASSWORD)
    (result,) = run(qtbot, panel, lambda _e: panel.cancel())
    assert result.cause == "cancelled"
    step, _bar, _transfer, text = panel.row_texts("127.0.0.1")
    assert step == "Cancelled" and text.startswith("✗ cancelled")
    assert not master.tftp.uploads and master.coordinator.restarts == 0
    assert "1 unit failed: see its row." in panel.message.text()
    assert panel.start_button.isEnabled() and not panel.cancel_button.isVisible()


def test_a_refused_upload_points_to_the_web_ui(qtbot, standalone, firmware_file):
    refusing = start_master(refuse=True)
    refusing.telnet.state.password = PASSWORD
    try:
        opened = []
        panel = standalone(refusing, opened)
        panel.add_host(f"127.0.0.1:{refusing.tcp.port}")
        panel.set_firmware_file(str(firmware_file))
        tick_checklist(panel)
        panel.password_edit.setText(PASSWORD)
        (result,) = run(qtbot, panel)
    finally:
        refusing.stop()
    assert result.cause == "refused"
    assert panel.row_texts("127.0.0.1")[3] == ("✗ refused: enable “Software update” in the unit's web UI, then "
                                               "flash again")
    assert panel.advice_frame.isVisible()
    assert "“Software update” is disabled" in panel.advice_label.text()
    assert panel.advice_button.text() == "Open http://127.0.0.1/"
    panel.advice_button.click()
    assert opened == [QUrl("http://127.0.0.1/")]
    assert "Access violation" in panel.detail.text()


def test_the_panel_speaks_polish(qtbot, make_window, translations):
    from bps_commissioner.services.flasher import FlashResult, FlashTarget
    from tests.ui.test_translations import SAME_IN_BOTH, visible_texts

    w = make_window()
    w.show()
    panel = w.open_firmware_panel()
    panel._start_rows([FlashTarget("10.0.0.5")])
    panel._on_host_finished(FlashResult("10.0.0.5", "failed", cause="refused", web_url="http://10.0.0.5/",
                                        error="10.0.0.5 port 69 refused the upload: TFTP error 2"))
    english = visible_texts(panel)
    assert panel.row_texts("10.0.0.5")[0] == "Failed"
    translations.set_language("pl")
    qtbot.waitUntil(lambda: panel.windowTitle() == "Aktualizacja oprogramowania", timeout=2000)
    polish = visible_texts(panel)
    same = sorted({english[k] for k in english if polish.get(k) == english[k] and not SAME_IN_BOTH.match(english[k])}
                  - {"Tel&net", panel.detail.text()})  # a protocol's name; the service's own report (English)
    assert not same, same
    step, bar, _transfer, result = panel.row_texts("10.0.0.5")
    assert (step, bar) == ("Błąd", "–") and result.startswith("✗ odmowa: włącz „Software update”")
    assert panel.table.horizontalHeaderItem(4).text() == "Wynik"
    assert panel.verify_combo.itemText(0) == "nowa wersja oprogramowania (Telnet)"
    assert panel.advice_label.text().startswith("10.0.0.5 odmówił wgrania")
    assert w.act_firmware.text() == "Aktualizacja &oprogramowania…"
