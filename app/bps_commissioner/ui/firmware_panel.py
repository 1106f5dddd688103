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

The batch runs on a :class:`~bps_commissioner.services.flasher.FlashThread` (services/
flasher.py does every step: pre-flight, backup, upload, restart wait, verification,
restore); the window never waits for it. Each unit has a row: the step, a progress bar
(the upload's bytes, then the restart countdown), the rate and retransmissions, and the
verified result. A unit that refuses the upload gets the advice to enable "Software
update", with a button to its web UI. Cancel stops the batch at the next safe point.

The service's event texts are English (they are shared with the CLI): they appear only
in the details log and in tooltips; everything else is translated here.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QEvent, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QBrush, QCloseEvent, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QFileDialog, QFormLayout, QFrame, QGridLayout, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QProgressBar,
    QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from bps_commissioner.services import secrets
from bps_commissioner.services.audit import AuditLog
from bps_commissioner.services.endpoints import SerialEndpoint, TcpEndpoint
from bps_commissioner.services.flasher import (
    Firmware, FirmwareFileError, FlashEvent, FlashResult, FlashSettings, FlashTarget, FlashThread, load_firmware,
    web_url,
)
from bps_commissioner.services.manager import LinkManager
from bps_commissioner.services.endpoints import DEFAULT_PORT, parse_host
from bps_commissioner.ui import format as fmt
from bps_commissioner.ui.settings import settings

OK_COLOUR, WARN_COLOUR, ERROR_COLOUR = "#2e7d32", "#ef6c00", "#c62828"
FOLDER_KEY = "firmware/folder"
USER_KEY = "firmware/user"

COL_UNIT, COL_STEP, COL_PROGRESS, COL_TRANSFER, COL_RESULT = range(5)


@dataclass
class _Row:
    """What the panel knows about one host of the batch (texts are made from it anew on a
    language change)."""

    target: FlashTarget
    row: int
    bar: QProgressBar
    step: str = "waiting"
    upload: Any = None  # the latest TftpProgress
    remaining: float | None = None
    total: float | None = None
    result: FlashResult | None = None
    uploaded_once: bool = False


class FirmwarePanel(QDialog):
    """Flash firmware to networked masters. ``manager``: the session's links (its Modbus TCP
    links are offered as targets). ``open_url``: how a web page is opened (default
    QDesktopServices.openUrl; tests pass their own). ``flash_settings``: the flasher's
    timing (the verify, backup and restore choices of the panel replace its own).

    Signal ``batchFinished(tuple[FlashResult, ...])``."""

    batchFinished = Signal(object)

    def __init__(self, manager: LinkManager | None = None, parent: QWidget | None = None, *,
                 open_url: Callable[[QUrl], Any] | None = None, flash_settings: FlashSettings | None = None,
                 audit: AuditLog | None = None):
        super().__init__(parent)
        self.setObjectName("firmwarePanel")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.manager = manager
        self.open_url: Callable[[QUrl], Any] = open_url or QDesktopServices.openUrl
        self.flash_settings = flash_settings or FlashSettings()
        self.audit = audit
        #: stores a password in the system keyring (services/secrets.py); tests replace it
        self.save_secret: Callable[..., str | None] = secrets.save
        self.firmware: Firmware | None = None
        self.thread: FlashThread | None = None
        self.results: tuple[FlashResult, ...] = ()
        self.rows: dict[str, _Row] = {}
        self._file_error = ""
        self._typed: list[tuple[str, int]] = []  # hosts typed in: (host, Modbus port)
        self._checked: set[str] = set()  # ids of the ticked targets
        self._message = ("", "")  # (text, colour) under the buttons
        self._advice_url: str | None = None
        self._advice_host = ""
        self._advice_refused = False
        self._run_verify = "telnet"  # the verification of the batch on show
        self._confirming = False
        self._password_used: Any = None
        self._build()
        if manager is not None:
            manager.linkAdded.connect(lambda *_: self.refresh_targets())
            manager.linkRemoved.connect(lambda *_: self.refresh_targets())
            manager.endpointChanged.connect(lambda *_: self.refresh_targets())
            manager.pollingChanged.connect(lambda *_: self.refresh_targets())
        user = settings().value(USER_KEY)
        if isinstance(user, str) and user:
            self.user_edit.setText(user)
        self.refresh_targets()
        self.retranslate()
        self.resize(1080, 700)

    # -- construction -------------------------------------------------------------------------
    def _build(self) -> None:
        # 1. the file and the units
        self.what_box = QGroupBox()
        what = QVBoxLayout(self.what_box)
        file_row = QHBoxLayout()
        self.file_label = QLabel()
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("firmwareFile")
        self.file_edit.returnPressed.connect(lambda: self.set_firmware_file(self.file_edit.text()))
        self.file_label.setBuddy(self.file_edit)
        self.browse_button = QPushButton()
        self.browse_button.clicked.connect(self.browse)
        file_row.addWidget(self.file_label)
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        what.addLayout(file_row)
        self.file_info = QLabel()
        self.file_info.setWordWrap(True)
        self.file_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        what.addWidget(self.file_info)
        self.targets_label = QLabel()
        self.targets_label.setWordWrap(True)
        what.addWidget(self.targets_label)
        self.targets = QListWidget()
        self.targets.setObjectName("firmwareTargets")
        self.targets.setMinimumHeight(70)
        self.targets.itemChanged.connect(self._on_target_changed)
        self.targets.currentItemChanged.connect(lambda *_: self._update_state())
        self.targets_label.setBuddy(self.targets)
        what.addWidget(self.targets, 1)
        host_row = QHBoxLayout()
        self.host_edit = QLineEdit()
        self.host_edit.setObjectName("firmwareHost")
        self.host_edit.returnPressed.connect(lambda: self.add_host(self.host_edit.text()))
        self.add_button = QPushButton()
        self.add_button.clicked.connect(lambda: self.add_host(self.host_edit.text()))
        host_row.addWidget(self.host_edit, 1)
        host_row.addWidget(self.add_button)
        what.addLayout(host_row)

        # 2. how to reach them
        self.access_box = QGroupBox()
        access = QFormLayout(self.access_box)
        access.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.user_edit = QLineEdit("admin")
        self.user_edit.setObjectName("telnetUser")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("telnetPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember_box = QCheckBox()
        self.remember_box.setObjectName("rememberPassword")
        self.verify_combo = QComboBox()
        self.verify_combo.setObjectName("verifyMode")
        for mode in ("telnet", "modbus", "none"):
            self.verify_combo.addItem("", mode)
        self.verify_combo.currentIndexChanged.connect(lambda _i: self._update_state())
        ports = QHBoxLayout()
        self.tftp_port = QSpinBox()
        self.tftp_port.setObjectName("tftpPort")
        self.tftp_port.setRange(1, 65535)
        self.tftp_port.setValue(69)
        self.telnet_port = QSpinBox()
        self.telnet_port.setObjectName("telnetPort")
        self.telnet_port.setRange(1, 65535)
        self.telnet_port.setValue(23)
        self.tftp_port_label = QLabel()
        self.tftp_port_label.setBuddy(self.tftp_port)
        self.telnet_port_label = QLabel()
        self.telnet_port_label.setBuddy(self.telnet_port)
        ports.addWidget(self.tftp_port_label)
        ports.addWidget(self.tftp_port)
        ports.addSpacing(12)
        ports.addWidget(self.telnet_port_label)
        ports.addWidget(self.telnet_port)
        ports.addStretch(1)
        self.user_label, self.password_label, self.verify_label, self.ports_label = (QLabel() for _ in range(4))
        access.addRow(self.user_label, self.user_edit)
        access.addRow(self.password_label, self.password_edit)
        access.addRow("", self.remember_box)
        access.addRow(self.verify_label, self.verify_combo)
        access.addRow(self.ports_label, ports)
        for label, field in ((self.user_label, self.user_edit), (self.password_label, self.password_edit),
                             (self.verify_label, self.verify_combo)):
            label.setBuddy(field)

        # 3. the pre-flight checklist
        self.check_box = QGroupBox()
        check_row = QHBoxLayout(self.check_box)
        check = QVBoxLayout()
        check_row.addLayout(check, 3)
        self.check_power = QCheckBox()
        self.check_power.setObjectName("checkPower")
        self.check_cable = QCheckBox()
        self.check_cable.setObjectName("checkCable")
        self.check_update = QCheckBox()
        self.check_update.setObjectName("checkUpdate")
        self.web_button = QPushButton()
        self.web_button.setObjectName("openWebUi")
        self.web_button.clicked.connect(self.open_web_ui)
        for box in (self.check_power, self.check_cable, self.check_update):
            box.toggled.connect(lambda _on: self._update_state())
            check.addWidget(box)
        web_row = QHBoxLayout()
        web_row.addSpacing(22)
        web_row.addWidget(self.web_button)
        web_row.addStretch(1)
        check.addLayout(web_row)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        check_row.addWidget(line)
        backup = QVBoxLayout()
        check_row.addLayout(backup, 2)
        self.backup_box = QCheckBox()
        self.backup_box.setObjectName("backupThresholds")
        self.backup_box.setChecked(True)
        self.restore_box = QCheckBox()
        self.restore_box.setObjectName("restoreThresholds")
        self.restore_box.setChecked(True)
        self.backup_box.toggled.connect(self.restore_box.setEnabled)
        backup.addWidget(self.backup_box)
        backup.addWidget(self.restore_box)
        backup.addStretch(1)

        # 4. progress per unit
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("firmwareProgress")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(COL_UNIT, 130)
        self.table.setColumnWidth(COL_STEP, 175)
        self.table.setColumnWidth(COL_PROGRESS, 150)
        self.table.setColumnWidth(COL_TRANSFER, 250)
        self.table.setMinimumHeight(90)
        self.table.currentCellChanged.connect(lambda *_: self._show_detail())
        self.detail = QLabel()
        self.detail.setObjectName("firmwareDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setStyleSheet("color: #555;")

        # the refusal advice, the confirmation
        self.advice_frame = QFrame()
        self.advice_frame.setObjectName("firmwareAdvice")
        self.advice_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.advice_frame.setStyleSheet("QFrame#firmwareAdvice { background: #fff4e5; border: 1px solid #ef6c00; }")
        advice = QHBoxLayout(self.advice_frame)
        self.advice_label = QLabel()
        self.advice_label.setWordWrap(True)
        self.advice_button = QPushButton()
        self.advice_button.setObjectName("adviceOpenWebUi")
        self.advice_button.clicked.connect(lambda: self._open(self._advice_url))
        advice.addWidget(self.advice_label, 1)
        advice.addWidget(self.advice_button)
        self.advice_frame.setVisible(False)

        self.confirm_frame = QFrame()
        self.confirm_frame.setObjectName("firmwareConfirm")
        self.confirm_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.confirm_frame.setStyleSheet("QFrame#firmwareConfirm { background: #fdecea; border: 1px solid #c62828; }")
        confirm = QHBoxLayout(self.confirm_frame)
        self.confirm_label = QLabel()
        self.confirm_label.setWordWrap(True)
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("confirmFlash")
        self.confirm_button.clicked.connect(self.confirm)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back)
        confirm.addWidget(self.confirm_label, 1)
        confirm.addWidget(self.back_button)
        confirm.addWidget(self.confirm_button)
        self.confirm_frame.setVisible(False)

        self.log = QPlainTextEdit()
        self.log.setObjectName("firmwareLog")
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(1000)
        self.log.setVisible(False)
        self.log.setMaximumHeight(120)

        buttons = QHBoxLayout()
        self.message = QLabel()
        self.message.setObjectName("firmwareMessage")
        self.message.setWordWrap(True)
        self.details_button = QPushButton()
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self.log.setVisible)
        self.start_button = QPushButton()
        self.start_button.setObjectName("startFlash")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.request_start)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancelFlash")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setVisible(False)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.details_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.close_button)

        top = QGridLayout()
        top.addWidget(self.what_box, 0, 0)
        top.addWidget(self.access_box, 0, 1)
        top.addWidget(self.check_box, 1, 0, 1, 2)
        top.setColumnStretch(0, 3)
        top.setColumnStretch(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 3)
        self.progress_label = QLabel()
        self.progress_label.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.progress_label)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.detail)
        layout.addWidget(self.advice_frame)
        layout.addWidget(self.confirm_frame)
        layout.addWidget(self.log)
        layout.addLayout(buttons)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Firmware update"))
        self.what_box.setTitle(self.tr("1. Firmware and units"))
        self.file_label.setText(self.tr("&File:"))
        self.file_edit.setPlaceholderText(self.tr("the firmware file from BKT, e.g. BPS2000v2-2.0.6-C.bin"))
        self.browse_button.setText(self.tr("C&hoose…"))
        self.targets_label.setText(self.tr("&Units to flash (networked masters; firmware goes over Ethernet, "
                                           "one unit after another):"))
        self.host_edit.setPlaceholderText(self.tr("another master: host name or IP address"))
        self.add_button.setText(self.tr("&Add"))
        self.access_box.setTitle(self.tr("2. Access"))
        self.user_label.setText(self.tr("Telnet us&er:"))
        self.password_label.setText(self.tr("Telnet pass&word:"))
        self.password_edit.setPlaceholderText(self.tr("empty: from BPS_TELNET_PASSWORD or the system keyring"))
        self.password_edit.setToolTip(self.tr("Used to read the firmware version before and after the update. "
                                              "Never stored in the settings file or shown anywhere."))
        self.remember_box.setText(self.tr("&Remember it in the system keyring after a successful login"))
        self.verify_label.setText(self.tr("&Verify:"))
        for i, text in enumerate((self.tr("the new firmware version (Telnet)"),
                                  self.tr("the unit answers Modbus TCP again"),
                                  self.tr("nothing (not recommended)"))):
            self.verify_combo.setItemText(i, text)
        self.ports_label.setText(self.tr("Ports:"))
        self.tftp_port_label.setText(self.tr("TFT&P"))
        self.telnet_port_label.setText(self.tr("Tel&net"))
        self.check_box.setTitle(self.tr("3. Before you start"))
        self.check_power.setText(self.tr("The unit's power is &stable and stays on until it has restarted"))
        self.check_cable.setText(self.tr("The laptop is connected to the unit &directly by cable (no Wi-Fi, no VPN)"))
        self.check_update.setText(self.tr("“Software update” is ena&bled in the unit's web UI (System Tools)"))
        self.web_button.setText(self.tr("&Open the unit's web UI"))
        self.backup_box.setText(self.tr("Bac&k up the alarm thresholds first (Modbus TCP)"))
        self.restore_box.setText(self.tr("Restore &them if the update changed them"))
        self.progress_label.setText(self.tr("Progress"))
        self.table.setHorizontalHeaderLabels([self.tr("Unit"), self.tr("Step"), self.tr("Progress"),
                                              self.tr("Transfer"), self.tr("Result")])
        self.back_button.setText(self.tr("Back"))
        self.details_button.setText(self.tr("Deta&ils"))
        self.start_button.setText(self.tr("F&lash…"))
        self.cancel_button.setText(self.tr("&Cancel"))
        self.close_button.setText(self.tr("&Close"))
        self._show_file_info()
        for item in self._target_items():
            item.setText(self._target_text(item.data(Qt.ItemDataRole.UserRole)))
        for row in self.rows.values():
            self._render_row(row)
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
        if path:
            try:
                self.firmware = load_firmware(path)
            except FirmwareFileError as exc:
                self._file_error = str(exc)
            else:
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
        else:
            self.file_info.setText(self.tr("Choose the firmware file."))
            self.file_info.setStyleSheet("")

    # -- the targets --------------------------------------------------------------------------
    def _target_items(self) -> list[QListWidgetItem]:
        return [self.targets.item(i) for i in range(self.targets.count())]

    def refresh_targets(self) -> None:
        """The Modbus TCP links of the session and the typed hosts, ticks kept."""
        entries: list[tuple[str, ...]] = []
        if self.manager is not None:
            for key in self.manager.keys():
                if self._link_target(key) is not None:
                    entries.append(("link", key))
        entries += [("host", host, str(port)) for host, port in self._typed]
        self.targets.blockSignals(True)
        self.targets.clear()
        for entry in entries:
            item = QListWidgetItem(self._target_text(entry))
            item.setData(Qt.ItemDataRole.UserRole, entry)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if self._entry_id(entry) in self._checked
                               else Qt.CheckState.Unchecked)
            self.targets.addItem(item)
        self.targets.blockSignals(False)
        self._update_state()

    @staticmethod
    def _entry_id(entry: tuple[str, ...]) -> str:
        return "|".join(entry)

    def _target_text(self, entry: tuple[str, ...]) -> str:
        if entry[0] == "link":
            target = self._link_target(entry[1])
            if target is None:
                return entry[1]
            return self.tr("%1 · Modbus TCP port %2, unit %3 (chain tree)").replace(
                "%1", target.host).replace("%2", str(target.modbus_port)).replace("%3", str(target.unit))
        return self.tr("%1 · Modbus TCP port %2 (typed in)").replace("%1", entry[1]).replace("%2", entry[2])

    def _link_target(self, key: str) -> FlashTarget | None:
        if self.manager is None or key not in self.manager.keys():
            return None
        endpoint = self.manager.endpoint(key)
        host = getattr(endpoint, "host", None)
        if isinstance(endpoint, SerialEndpoint) or not host:
            return None  # firmware goes over Ethernet, never over RS485
        if isinstance(endpoint, TcpEndpoint):
            units = self.manager.polled_units(key)
            return self._target(host, endpoint.port, min(units) if units else 1)
        return self._target(host, DEFAULT_PORT)  # another networked link (SNMP): Modbus TCP at its default

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
        if (host, port) not in self._typed:
            self._typed.append((host, port))
        self._checked.add(self._entry_id(("host", host, str(port))))
        self.host_edit.clear()
        self._set_message("")
        self.refresh_targets()
        return True

    def check_links(self, keys: list[str]) -> None:
        """Tick the Modbus TCP links ``keys`` (the chain tree's selection), untick the other links."""
        self._checked = {c for c in self._checked if not c.startswith("link|")}
        self._checked |= {self._entry_id(("link", k)) for k in keys}
        self.refresh_targets()

    def _on_target_changed(self, item: QListWidgetItem) -> None:
        entry_id = self._entry_id(item.data(Qt.ItemDataRole.UserRole))
        if item.checkState() == Qt.CheckState.Checked:
            self._checked.add(entry_id)
        else:
            self._checked.discard(entry_id)
        self._update_state()

    def checked_targets(self) -> list[FlashTarget]:
        out = []
        for item in self._target_items():
            if item.checkState() != Qt.CheckState.Checked:
                continue
            entry = item.data(Qt.ItemDataRole.UserRole)
            if entry[0] == "link":
                target = self._link_target(entry[1])
                if target is not None:
                    out.append(target)
            else:
                out.append(self._target(entry[1], int(entry[2])))
        return out

    def _web_host(self) -> str | None:
        """The unit whose web UI the checklist's button opens: the highlighted one, else
        the first ticked one."""
        item = self.targets.currentItem()
        if item is not None:
            entry = item.data(Qt.ItemDataRole.UserRole)
            if entry[0] == "link":
                target = self._link_target(entry[1])
                return target.host if target is not None else None
            return str(entry[1])
        targets = self.checked_targets()
        return targets[0].host if targets else None

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
        return self.thread is not None

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
                  self.telnet_port, self.check_power, self.check_cable, self.check_update, self.backup_box):
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
        self._run_verify = flash_settings.verify
        self._start_rows(targets)
        self._advice_url = None
        self._render_advice()
        self.results = ()
        self._password_used = secret if self.password_edit.text() else None
        thread = FlashThread(self.firmware, targets, flash_settings, confirmed=True, password=secret, parent=self)
        thread.flashEvent.connect(self._on_event)
        thread.hostFinished.connect(self._on_host_finished)
        thread.batchFinished.connect(self._on_batch_finished)
        thread.finished.connect(self._on_thread_finished)
        self.thread = thread
        self._set_message(self.tr("Flashing: keep the units powered and connected."), WARN_COLOUR)
        self._log(self.tr("Started: %1 to %2").replace("%1", self.firmware.name).replace(
            "%2", ", ".join(t.host for t in targets)))
        thread.start()
        self._update_state()

    @Slot()
    def cancel(self) -> None:
        if self.thread is not None:
            self.thread.cancel()
            self.cancel_button.setEnabled(False)
            self._set_message(self.tr("Cancelling: the flasher stops at the next safe point…"), WARN_COLOUR)

    def shutdown(self, timeout: float = 5.0) -> bool:
        """Cancel a running batch and wait for its thread (application exit). True when none is left."""
        thread = self.thread
        if thread is None:
            return True
        thread.cancel()
        return thread.wait(int(timeout * 1000))

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

    # -- the thread's reports -----------------------------------------------------------------
    def _start_rows(self, targets: list[FlashTarget]) -> None:
        self.table.setRowCount(0)
        self.rows = {}
        for i, target in enumerate(targets):
            self.table.insertRow(i)
            bar = QProgressBar()
            bar.setRange(0, 1)
            bar.setValue(0)
            bar.setTextVisible(True)
            self.table.setCellWidget(i, COL_PROGRESS, bar)
            for col in (COL_UNIT, COL_STEP, COL_TRANSFER, COL_RESULT):
                self.table.setItem(i, col, QTableWidgetItem())
            row = _Row(target, i, bar)
            self.rows[target.host] = row
            self._render_row(row)

    @Slot(object)
    def _on_event(self, event: FlashEvent) -> None:
        row = self.rows.get(event.host)
        self._log(f"{event.host}: {event.text}")
        if row is None:
            return
        row.step = event.step
        if event.upload is not None:
            row.upload = event.upload
        if event.step == "restart" and event.remaining is not None:
            row.remaining, row.total = event.remaining, event.total
        self._render_row(row)

    @Slot(object)
    def _on_host_finished(self, result: FlashResult) -> None:
        row = self.rows.get(result.host)
        self._log(f"{result.host}: {result.result}" + (f": {result.error}" if result.error else ""))
        for warning in result.warnings:
            self._log(f"{result.host}: {warning}")
        if row is None:
            return
        row.result = result
        row.step = "done"
        self._render_row(row)
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
        text = self.tr("%n unit(s) flashed and verified.", "", ok) if self._run_verify != "none" else \
            self.tr("%n unit(s) flashed (not verified).", "", ok)
        if failed:
            text += " " + self.tr("%n unit(s) failed: see their rows.", "", failed)
        self._set_message(text, ERROR_COLOUR if failed else OK_COLOUR)
        self._remember_password(results)
        self.batchFinished.emit(self.results)

    @Slot()
    def _on_thread_finished(self) -> None:
        thread = self.thread
        self.thread = None
        self.cancel_button.setEnabled(True)
        if thread is not None:
            thread.deleteLater()
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
    def _render_row(self, row: _Row) -> None:
        step_text = self._step_text(row)
        transfer = self._transfer_text(row)
        result_text, colour, tip = self._result_text(row.result)
        items = {COL_UNIT: row.target.host, COL_STEP: step_text, COL_TRANSFER: transfer, COL_RESULT: result_text}
        for col, text in items.items():
            item = self.table.item(row.row, col)
            if item is None:
                continue
            item.setText(text)
            item.setToolTip(tip if col == COL_RESULT and tip else text)
        result_item = self.table.item(row.row, COL_RESULT)
        if result_item is not None:
            result_item.setForeground(QColor(colour) if colour else QBrush())
            if row.result is not None:
                self.table.resizeRowToContents(row.row)  # a result may take two lines
        bar = row.bar
        if row.result is not None and row.result.ok:
            bar.setRange(0, 1)
            bar.setValue(1)
            bar.setFormat(self.tr("done"))
        elif row.step == "restart" and row.remaining is not None and row.total:
            bar.setRange(0, max(1, int(round(row.total))))
            bar.setValue(max(0, int(round(row.remaining))))
            bar.setFormat(self.tr("%1 s left").replace("%1", str(int(round(row.remaining)))))
        elif row.upload is not None:  # uploading, or how far a failed upload went
            u = row.upload
            bar.setRange(0, max(1, u.bytes_total))
            bar.setValue(u.bytes_done)
            bar.setFormat(self.tr("%1 of %2 KiB").replace("%1", fmt.number(u.bytes_done / 1024, 0)).replace(
                "%2", fmt.number(u.bytes_total / 1024, 0)))
        elif row.step == "waiting":
            bar.setRange(0, 1)
            bar.setValue(0)
            bar.setFormat(self.tr("waiting"))
        elif row.result is not None:  # failed before the upload
            bar.setRange(0, 1)
            bar.setValue(0)
            bar.setFormat("–")
        else:
            bar.setRange(0, 0)  # busy: pre-flight, verification
            bar.setFormat("")

    def _step_text(self, row: _Row) -> str:
        if row.result is not None:
            if row.result.ok:
                return self.tr("Done")
            return self.tr("Cancelled") if row.result.cause == "cancelled" else self.tr("Failed")
        if row.step == "restart" and row.remaining is not None:
            return self.tr("Restarting: %1 s left").replace("%1", str(int(round(row.remaining))))
        steps = {
            "waiting": self.tr("Waiting"),
            "preflight": self.tr("Pre-flight: version, backup"),
            "confirm": self.tr("Pre-flight: version, backup"),
            "upload": self.tr("Uploading"),
            "restart": self.tr("Restarting"),
            "verify": self.tr("Verifying"),
            "thresholds": self.tr("Comparing the thresholds"),
            "done": self.tr("Finishing"),
        }
        return steps.get(row.step, row.step)

    def _transfer_text(self, row: _Row) -> str:
        r = row.result
        if r is not None and r.seconds and r.bytes:
            rate, retrans = r.bytes / r.seconds, r.retransmissions
        elif row.upload is not None:
            rate, retrans = row.upload.rate, row.upload.retransmissions
        else:
            return ""
        return self.tr("%1 KiB/s").replace("%1", fmt.number(rate / 1024, 0)) + " · " + self.tr(
            "%n retransmission(s)", "", retrans)

    def _result_text(self, r: FlashResult | None) -> tuple[str, str, str]:
        """(text, colour, tooltip) of a host's result; symbol first, never colour alone."""
        if r is None:
            return "", "", ""
        detail = r.error or ""
        if r.ok:
            if self._run_verify == "telnet":
                text = self.tr("✓ verified: version %1 → %2").replace("%1", r.version_before or "?").replace(
                    "%2", r.version_after or "?")
            elif self._run_verify == "modbus":
                text = self.tr("✓ verified: the unit answers Modbus TCP again")
            else:
                text = self.tr("✓ uploaded (not verified)")
            if r.thresholds_changed:
                if r.restored:
                    text += "; " + self.tr("%n threshold(s) restored from the backup", "", len(r.thresholds_changed))
                else:
                    text += "; " + self.tr("%n threshold(s) differ from the backup", "", len(r.thresholds_changed))
            tip = "\n".join([text, *r.warnings])
            colour = WARN_COLOUR if r.thresholds_changed and not r.restored else OK_COLOUR
            return text, colour, tip or text
        texts = {
            "preflight": self.tr("✗ pre-flight failed: nothing was sent"),
            "not_confirmed": self.tr("✗ not confirmed: nothing was sent"),
            "refused": self.tr("✗ refused: enable “Software update” in the unit's web UI, then flash again"),
            "no_answer": self.tr("✗ no answer to the upload: check the address and the TFTP port"),
            "upload": self.tr("✗ the upload failed and is incomplete: repeat it"),
            "restart": self.tr("✗ the unit did not restart as expected"),
            "verify": self.tr("✗ not verified"),
            "restore": self.tr("✗ the thresholds could not all be restored"),
        }
        if r.cause == "cancelled":
            if r.uploaded:
                text = self.tr("✗ cancelled after the upload: the unit restarts by itself; check it")
            elif r.bytes:
                text = self.tr("✗ cancelled during the upload: repeat the upload")
            else:
                text = self.tr("✗ cancelled: nothing was sent")
        else:
            text = texts.get(r.cause, self.tr("✗ failed"))
        return text, ERROR_COLOUR, detail or text

    def _show_detail(self) -> None:
        """Under the table: the full report of the highlighted row (the service's own words)."""
        row_index = self.table.currentRow()
        row = next((r for r in self.rows.values() if r.row == row_index), None)
        if row is None or row.result is None:
            self.detail.setText("")
            self.detail.setVisible(False)
            return
        r = row.result
        parts = [r.error] if r.error else []
        if r.backup:
            parts.append(self.tr("Threshold backup: %1").replace("%1", r.backup))
        parts += list(r.warnings)
        self.detail.setText(f"{r.host}: " + " · ".join(p for p in parts if p) if parts else "")
        self.detail.setVisible(bool(parts))

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
        row = self.rows[host]
        return (self.table.item(row.row, COL_STEP).text(), row.bar.text(),
                self.table.item(row.row, COL_TRANSFER).text(), self.table.item(row.row, COL_RESULT).text())


__all__ = ["FirmwarePanel"]
