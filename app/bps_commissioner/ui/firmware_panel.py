"""The firmware panel: flash networked masters over TFTP, one after another.

What the engineer does here, top to bottom:

1. choose the firmware file (the folder is remembered) and tick the masters to flash: the
   Modbus TCP links of the chain tree, or host names typed in (firmware goes over
   Ethernet, never over RS485);
2. give the Telnet account the version is read with (the password is typed here or comes
   from the environment or the system keyring; it is never written to the settings file
   or shown anywhere; "remember" saves it in the keyring once a login with it worked);
3. tick the pre-flight checklist (stable power, a direct cable, "Software update" enabled
   in the unit's web UI, which a button opens), choose the threshold backup and restore;
4. press Flash, read the warning, and confirm with a second, explicit button.

The batch is one job on the link manager's network worker (ui/firmware_driver.py; services/
flasher.py does every step: pre-flight, backup, upload, restart wait, verification,
restore); the window never waits for it. The backup and restore of a master the window
polls go through that link's worker. Each unit has a row (ui/firmware_rows.py): the step,
a progress bar (the upload's bytes, then the restart countdown), the rate and
retransmissions, and the verified result. A unit that refuses the upload gets the advice to
enable "Software update", with a button to its web UI. Cancel stops the batch at the next
safe point. The form's widgets are made by ui/firmware_form.py.

The service's event texts are English (they are shared with the CLI): they appear only
in the details log and in tooltips; everything else is translated here.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QEvent, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QCloseEvent, QDesktopServices, QKeyEvent
from PySide6.QtWidgets import QDialog, QFileDialog, QListWidgetItem, QWidget

from bps_commissioner.device.faults import FaultKind
from bps_commissioner.device.firmware import MAX_SIZE, MIN_SIZE, NAME, NAME_EXAMPLE, SMALL, FirmwareDoubt, check_firmware
from bps_commissioner.services import secrets
from bps_commissioner.services.audit import AuditLog
from bps_commissioner.services.endpoints import DEFAULT_PORT, parse_host
from bps_commissioner.services.flasher import (
    Firmware, FirmwareFileError, FlashEvent, FlashResult, FlashSettings, FlashTarget, load_firmware, result_text,
    web_url,
)
from bps_commissioner.services.manager import LinkManager
from bps_commissioner.ui import format as fmt
from bps_commissioner.ui.firmware_driver import FlashDriver
from bps_commissioner.ui.firmware_form import build_form, retranslate_form
from bps_commissioner.ui.firmware_rows import COL_RESULT, FlashRows, Row
from bps_commissioner.ui.firmware_targets import LinkPorts, TargetList
from bps_commissioner.ui.screen import fit_size
from bps_commissioner.ui.settings import settings
from bps_commissioner.ui.style import ERROR_COLOUR, OK_COLOUR, WARN_COLOUR

FOLDER_KEY = "firmware/folder"
USER_KEY = "firmware/user"


class FirmwarePanel(QDialog):
    """Flash firmware to networked masters. ``manager``: the session's links (its Modbus TCP
    links are offered as targets, and its network worker runs the batch; without one the
    panel has a manager of its own). ``open_url``: how a web page is opened (default
    QDesktopServices.openUrl; tests pass their own). ``flash_settings``: the flasher's
    timing (the verify, backup and restore choices of the panel replace its own).
    ``link_ports(key)``: the (Telnet, TFTP) ports of a link's master where the window knows
    them (None each where not: the panel's ports are used).

    Signal ``batchFinished(tuple[FlashResult, ...])``."""

    batchFinished = Signal(object)

    def __init__(self, manager: LinkManager | None = None, parent: QWidget | None = None, *,
                 open_url: Callable[[QUrl], Any] | None = None, flash_settings: FlashSettings | None = None,
                 audit: AuditLog | None = None, link_ports: LinkPorts | None = None):
        super().__init__(parent)
        self.setObjectName("firmwarePanel")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._own_manager = manager is None
        self.manager = manager if manager is not None else LinkManager(self)
        self.open_url: Callable[[QUrl], Any] = open_url or QDesktopServices.openUrl
        self.flash_settings = flash_settings or FlashSettings()
        self.audit = audit
        # stores a password in the system keyring (services/secrets.py); tests replace it
        self.save_secret: Callable[..., str | None] = secrets.save
        self.firmware: Firmware | None = None
        self.results: tuple[FlashResult, ...] = ()
        self._file_error = ""
        self._doubts: list[FirmwareDoubt] = []  # why the file does not look like firmware
        self._message = ("", "")  # (text, colour) under the buttons
        self._advice_url: str | None = None
        self._advice_host = ""
        self._advice_refused = False
        self._confirming = False
        self._password_used: Any = None
        build_form(self)
        self.target_list = TargetList(self.targets, self.manager, self._target, link_ports)
        self.flash_rows = FlashRows(self.table, self.detail, self._count_text)
        self.driver = FlashDriver(self.manager, self)
        self.driver.flashEvent.connect(self._on_event)
        self.driver.hostFinished.connect(self._on_host_finished)
        self.driver.batchFinished.connect(self._on_batch_finished)
        self.driver.finished.connect(self._on_driver_finished)
        for signal in (self.manager.linkAdded, self.manager.linkRemoved, self.manager.endpointChanged,
                       self.manager.pollingChanged):
            signal.connect(lambda *_: self.refresh_targets())
        user = settings().value(USER_KEY)
        if isinstance(user, str) and user:
            self.user_edit.setText(user)
        self.refresh_targets()
        self.retranslate()
        fit_size(self, 1080, 700)

    # -- construction -------------------------------------------------------------------------
    @property
    def rows(self) -> dict[str, Row]:
        """The batch's rows by host."""
        return self.flash_rows.rows

    def retranslate(self) -> None:
        retranslate_form(self)
        self._show_file_info()
        self.target_list.retranslate()
        for row in self.rows.values():
            self.flash_rows.render(row)
        self._show_detail()
        self._render_advice()
        if self._confirming:
            self._render_confirmation()
        self._update_state()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- the file -----------------------------------------------------------------------------
    @Slot()
    def browse(self) -> None:
        folder = settings().value(FOLDER_KEY)
        start = self.file_edit.text() or (folder if isinstance(folder, str) else str(Path.home()))
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Choose the firmware file"), start,
                                                    self.tr("Firmware (*.bin *.img *.fw);;All files (*)"))
        if path:
            self.set_firmware_file(path)

    def set_firmware_file(self, path: str) -> bool:
        """Check and take a firmware file (its folder is remembered); True when usable."""
        self.file_edit.setText(path)
        self.firmware = None
        self._file_error = ""
        self._doubts = []
        self.anyway_box.setChecked(False)
        if path:
            try:
                self.firmware = load_firmware(path)
            except FirmwareFileError as exc:
                self._file_error = str(exc)
            else:
                self._doubts = check_firmware(self.firmware.name, self.firmware.size)
                settings().setValue(FOLDER_KEY, str(Path(path).resolve().parent))
        self._show_file_info()
        self._update_state()
        return self.firmware is not None

    def _show_file_info(self) -> None:
        if self._file_error:
            self.file_info.setText(self.tr("✗ This file cannot be used: %1").replace("%1", self._file_error))
            self.file_info.setStyleSheet(f"color: {ERROR_COLOUR};")
        elif self.firmware is not None:
            self.file_info.setText(self.tr("%1 KiB, sent to the units as “%2”").replace(
                "%1", fmt.number(self.firmware.size / 1024, 1)).replace("%2", self.firmware.name))
            self.file_info.setStyleSheet("")
            if self._doubts:
                self.file_info.setText(self.file_info.text() + "\n" + self.tr(
                    "⚠ This file does not look like BPS2000v2 firmware: %1. Flash it only if you are sure it is "
                    "the right file.").replace("%1", "; ".join(self._doubt_text(d) for d in self._doubts)))
                self.file_info.setStyleSheet(f"color: {WARN_COLOUR};")
        else:
            self.file_info.setText(self.tr("Choose the firmware file."))
            self.file_info.setStyleSheet("")
        self.anyway_box.setVisible(bool(self._doubts))

    def _doubt_text(self, doubt: FirmwareDoubt) -> str:
        if doubt.kind == NAME:
            return self.tr("its name is not like %1").replace("%1", NAME_EXAMPLE)
        if doubt.kind == SMALL:
            return self.tr("it is smaller than %1 KiB").replace("%1", fmt.number(MIN_SIZE / 1024, 0))
        return self.tr("it is larger than %1 MiB").replace("%1", fmt.number(MAX_SIZE / 1024 / 1024, 0))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Enter in a field does nothing: no default button, a flash starts only by a click."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    # -- the targets (ui/firmware_targets.py) -------------------------------------------------
    def refresh_targets(self) -> None:
        """The Modbus TCP links of the session and the typed hosts, ticks kept."""
        self.target_list.refresh()
        self._update_state()

    def _target(self, host: str, modbus_port: int, unit: int = 1) -> FlashTarget:
        return FlashTarget(host, tftp_port=self.tftp_port.value(), telnet_port=self.telnet_port.value(),
                           modbus_port=modbus_port, unit=unit, user=self.user_edit.text().strip() or "admin")

    def add_host(self, text: str) -> bool:
        """Add a master by name (``HOST`` or ``HOST:MODBUS_PORT``), ticked. False: not a host."""
        try:
            host, port = parse_host(text, DEFAULT_PORT)
        except ValueError:
            host, port = "", 0
        if not host or any(c.isspace() for c in host):
            self._set_message(self.tr("Type a host name or IP address, optionally with the Modbus TCP port "
                                      "(192.168.0.163 or 192.168.0.163:502)."), ERROR_COLOUR)
            return False
        self.host_edit.clear()
        self._set_message("")
        self.target_list.add(host, port)
        self._update_state()
        return True

    def check_links(self, keys: list[str]) -> None:
        """Tick the Modbus TCP links ``keys`` (the chain tree's selection), untick the other links."""
        self.target_list.check_links(keys)
        self._update_state()

    def _on_target_changed(self, item: QListWidgetItem) -> None:
        self.target_list.item_changed(item)
        self._update_state()

    def checked_targets(self) -> list[FlashTarget]:
        return self.target_list.targets()

    def _web_host(self) -> str | None:
        return self.target_list.web_host()

    @Slot()
    def open_web_ui(self) -> None:
        host = self._web_host()
        if host:
            self._open(web_url(host))

    def _open(self, url: str | None) -> None:
        if url:
            self.open_url(QUrl(url))

    # -- state --------------------------------------------------------------------------------
    @property
    def is_running(self) -> bool:
        return self.driver.running

    @property
    def checklist_done(self) -> bool:
        return all(b.isChecked() for b in (self.check_power, self.check_cable, self.check_update))

    def _verify(self) -> str:
        return str(self.verify_combo.currentData())

    def missing(self) -> str:
        """Why Flash cannot start yet ("" when it can)."""
        if self.is_running:
            return self.tr("A flash is running.")
        if self.firmware is None:
            return self.tr("Choose the firmware file.")
        if self._doubts and not self.anyway_box.isChecked():
            return self.tr("This file does not look like BPS2000v2 firmware: tick “Flash it anyway” if you are "
                           "sure it is the right file.")
        targets = self.checked_targets()
        if not targets:
            return self.tr("Tick at least one unit to flash.")
        hosts = [t.host for t in targets]
        twice = sorted({h for h in hosts if hosts.count(h) > 1})
        if twice:
            return self.tr("%1 is ticked twice: flash each unit once.").replace("%1", ", ".join(twice))
        if not self.checklist_done:
            return self.tr("Go through the checklist “Before you start” and tick each point.")
        return ""

    def _update_state(self) -> None:
        running = self.is_running
        missing = self.missing()
        self.start_button.setEnabled(not missing and not self._confirming)
        self.start_button.setToolTip(missing or self.tr("Checks everything, then asks for a last confirmation"))
        self.cancel_button.setVisible(running)
        self.close_button.setEnabled(not running)
        for w in (self.file_edit, self.browse_button, self.targets, self.host_edit, self.add_button,
                  self.user_edit, self.password_edit, self.remember_box, self.verify_combo, self.tftp_port,
                  self.telnet_port, self.check_power, self.check_cable, self.check_update, self.backup_box,
                  self.anyway_box):
            w.setEnabled(not running)
        self.restore_box.setEnabled(not running and self.backup_box.isChecked())
        self.web_button.setEnabled(self._web_host() is not None)
        verify = self._verify() == "telnet"
        for w in (self.user_edit, self.password_edit, self.remember_box):
            w.setEnabled(not running and verify)
        if self._confirming and missing:
            self.back()
        if not running and not self._message[0] and missing and self.firmware is not None:
            self.message.setText(missing)
            self.message.setStyleSheet("")
        elif not self._message[0]:
            self.message.setText("")

    def _set_message(self, text: str, colour: str = "") -> None:
        self._message = (text, colour)
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {colour};" if colour else "")

    # -- running ------------------------------------------------------------------------------
    def _password(self, targets: list[FlashTarget]) -> tuple[bool, Any]:
        """(available, Secret or None). Typed here, else the environment or the keyring."""
        if self._verify() != "telnet":
            return True, None
        typed = self.password_edit.text()
        if typed:
            return True, secrets.Secret(typed, "window")
        try:
            return True, secrets.lookup(secrets.TELNET_PASSWORD, user=targets[0].user, host=targets[0].host,
                                        interactive=False)
        except secrets.SecretUnavailable:
            return False, None

    @Slot()
    def request_start(self) -> None:
        """Flash…: check everything, then ask for the explicit confirmation."""
        missing = self.missing()
        if missing:
            self._set_message(missing, ERROR_COLOUR)
            return
        targets = self.checked_targets()
        available, _secret = self._password(targets)
        if not available:
            self._set_message(self.tr("Type the Telnet password of %1: the firmware version is read with it before "
                                      "and after the update (or verify over Modbus TCP).").replace(
                "%1", targets[0].user), ERROR_COLOUR)
            self.password_edit.setFocus()
            return
        self._set_message("")
        self._confirming = True
        self._render_confirmation()
        self.confirm_frame.setVisible(True)
        self.confirm_button.setFocus()
        self._update_state()

    def _render_confirmation(self) -> None:
        targets = self.checked_targets()
        name = self.firmware.name if self.firmware is not None else ""
        text = self.tr("Flash %1 to %n unit(s): %2.", "", len(targets)).replace("%1", name).replace(
            "%2", ", ".join(t.host for t in targets))
        text += " " + self.tr("The unit's configuration may be lost by the update, and its power and network must "
                              "stay up until it has restarted: an interrupted upload can leave the unit unusable.")
        if self._doubts:
            text += " " + self.tr("The file does not look like BPS2000v2 firmware; you chose to flash it anyway.")
        self.confirm_label.setText(text)
        self.confirm_button.setText(self.tr("Confir&m: flash now"))

    @Slot()
    def back(self) -> None:
        self._confirming = False
        self.confirm_frame.setVisible(False)
        self._update_state()

    @Slot()
    def confirm(self) -> None:
        """The explicit confirmation: start the batch (the flasher's confirm hook says yes)."""
        if not self._confirming:
            return
        self._confirming = False
        self.confirm_frame.setVisible(False)
        missing = self.missing()
        targets = self.checked_targets()
        available, secret = self._password(targets) if not missing else (False, None)
        if missing or not available or self.firmware is None:
            self._set_message(missing or self.tr("The Telnet password is missing."), ERROR_COLOUR)
            self._update_state()
            return
        settings().setValue(USER_KEY, self.user_edit.text().strip() or "admin")
        restore = self.restore_box.isChecked() and self.backup_box.isChecked()
        flash_settings = dataclasses.replace(self.flash_settings, verify=self._verify(),
                                             backup=self.backup_box.isChecked(), restore=restore,
                                             audit_path=self.audit.path if self.audit is not None
                                             else self.flash_settings.audit_path)
        self.flash_rows.verify = flash_settings.verify
        self._start_rows(targets)
        self._advice_url = None
        self._render_advice()
        self.results = ()
        self._password_used = secret if self.password_edit.text() else None
        self._set_message(self.tr("Flashing: keep the units powered and connected."), WARN_COLOUR)
        self._log(self.tr("Started: %1 to %2").replace("%1", self.firmware.name).replace(
            "%2", ", ".join(t.host for t in targets)))
        self.driver.start(self.firmware, targets, flash_settings, password=secret)
        self._update_state()

    @Slot()
    def cancel(self) -> None:
        if self.is_running:
            self.driver.cancel()
            self.cancel_button.setEnabled(False)
            self._set_message(self.tr("Cancelling: the flasher stops at the next safe point…"), WARN_COLOUR)

    def shutdown(self, timeout: float = 5.0) -> bool:
        """Cancel a running batch and wait for its job to end (application exit); a panel
        with a manager of its own stops it. True when nothing of the panel runs any more."""
        deadline = time.monotonic() + timeout
        ok = True
        if self.is_running:
            self.driver.cancel()
            ok = self.driver.wait(timeout)
        if self._own_manager:
            ok = self.manager.stop_all(max(0.0, deadline - time.monotonic())) and ok
        return ok

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self.is_running:
            self._set_message(self.tr("A flash is running: cancel it or let it finish before closing."),
                              ERROR_COLOUR)
            event.ignore()
            return
        self.back()
        super().closeEvent(event)

    def reject(self) -> None:  # Esc
        if self.is_running:
            return
        super().reject()

    # -- the job's reports --------------------------------------------------------------------
    def _start_rows(self, targets: list[FlashTarget]) -> None:
        self.flash_rows.start(targets)

    @Slot(object)
    def _on_event(self, event: FlashEvent) -> None:
        self._log(f"{event.host}: {event.text}")
        self.flash_rows.apply_event(event)

    @Slot(object)
    def _on_host_finished(self, result: FlashResult) -> None:
        self._log(result_text(result))
        for warning in result.warnings:
            self._log(f"{result.host}: {warning}")
        row = self.flash_rows.apply_result(result)
        if row is None:
            return
        if result.cause == "refused" or (not result.ok and result.web_url):
            self._advice_url = result.web_url or web_url(result.host)
            self._advice_host = result.host
            self._advice_refused = result.cause == "refused"
            self._render_advice()
        if self.table.currentRow() == row.row or not result.ok:
            self.table.setCurrentCell(row.row, COL_RESULT)
        self._show_detail()

    @Slot(object)
    def _on_batch_finished(self, results: tuple[FlashResult, ...]) -> None:
        self.results = tuple(results)
        ok = sum(1 for r in results if r.ok)
        failed = len(results) - ok
        text = self.tr("%n unit(s) flashed and verified.", "", ok) if self.flash_rows.verify != "none" else \
            self.tr("%n unit(s) flashed (not verified).", "", ok)
        if failed:
            text += " " + self.tr("%n unit(s) failed: see their rows.", "", failed)
        self._set_message(text, ERROR_COLOUR if failed else OK_COLOUR)
        self._remember_password(results)
        self.batchFinished.emit(self.results)

    @Slot()
    def _on_driver_finished(self) -> None:
        self.cancel_button.setEnabled(True)
        if self.driver.fault is not None and self.driver.fault.kind is not FaultKind.CANCELLED:
            self._log(self.driver.fault.message)
        self._update_state()

    def _remember_password(self, results: tuple[FlashResult, ...]) -> None:
        secret, self._password_used = self._password_used, None
        if secret is None or not self.remember_box.isChecked():
            return
        saved, errors = [], []
        for r in results:
            if r.version_before is None:  # the login with it did not work (or was not tried)
                continue
            row = self.rows.get(r.host)
            user = row.target.user if row is not None else self.user_edit.text().strip()
            error = self.save_secret(secrets.TELNET_PASSWORD, user, r.host, secret)
            (errors if error else saved).append(error or r.host)
        if saved:
            self._log(self.tr("The Telnet password is saved in the system keyring for %1.").replace(
                "%1", ", ".join(saved)))
        if errors:
            self._set_message(self.message.text() + " " + self.tr(
                "The password could not be saved in the system keyring: %1").replace("%1", errors[0]), ERROR_COLOUR)

    # -- rendering ----------------------------------------------------------------------------
    def _show_detail(self) -> None:
        self.flash_rows.show_detail()

    def _count_text(self, what: str, n: int) -> str:
        """The rows' texts with a count (here, as lupdate finds plural forms in self.tr only)."""
        if what == "retransmissions":
            return self.tr("%n retransmission(s)", "", n)
        if what == "restored":
            return self.tr("%n threshold(s) restored from the backup", "", n)
        return self.tr("%n threshold(s) differ from the backup", "", n)

    def _render_advice(self) -> None:
        if not self._advice_url:
            self.advice_frame.setVisible(False)
            return
        if self._advice_refused:
            text = self.tr("%1 refused the upload: “Software update” is disabled. Enable it in the unit's web UI "
                           "(System Tools > Software update), then flash again.").replace("%1", self._advice_host)
        else:
            text = self.tr("Check %1 in its web UI.").replace("%1", self._advice_host)
        self.advice_label.setText(text)
        self.advice_button.setText(self.tr("Open %1").replace("%1", self._advice_url))
        self.advice_frame.setVisible(True)

    def _log(self, text: str) -> None:
        self.log.appendPlainText(f"{time.strftime('%H:%M:%S')} {text}")

    # -- for tests and the main window --------------------------------------------------------
    def row_texts(self, host: str) -> tuple[str, str, str, str]:
        """(step, progress bar text, transfer, result) of a host's row."""
        return self.flash_rows.row_texts(host)


__all__ = ["FirmwarePanel"]
