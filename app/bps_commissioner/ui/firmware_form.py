"""The firmware panel's form: its widgets and their texts (ui/firmware_panel.py drives it).

Top to bottom: 1. the file and the units, 2. the Telnet access and the ports, 3. the
pre-flight checklist with the threshold backup and restore, then the progress table, the
refusal advice, the confirmation, the details log and the buttons. The widgets become
attributes of the panel; their texts are set by :func:`retranslate_form` (context
"FirmwarePanel", the panel's, so the catalogues keep their entries)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QFrame, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QListWidget, QPlainTextEdit, QPushButton, QSpinBox, QTableWidget, QVBoxLayout,
)

from bps_commissioner.services.endpoints import TELNET_PORT, TFTP_PORT
from bps_commissioner.ui.firmware_rows import COL_PROGRESS, COL_STEP, COL_TRANSFER, COL_UNIT
from bps_commissioner.ui.style import (
    ERROR_COLOUR, ERROR_TINT, SUBTLE_COLOUR, WARN_COLOUR, WARN_TINT, frame_style,
)

if TYPE_CHECKING:
    from bps_commissioner.ui.firmware_panel import FirmwarePanel

translate = QCoreApplication.translate


def build_form(panel: "FirmwarePanel") -> None:
    """Make the panel's widgets (as its attributes) and lay them out."""
    # 1. the file and the units
    panel.what_box = QGroupBox()
    what = QVBoxLayout(panel.what_box)
    file_row = QHBoxLayout()
    panel.file_label = QLabel()
    panel.file_edit = QLineEdit()
    panel.file_edit.setObjectName("firmwareFile")
    panel.file_edit.returnPressed.connect(lambda: panel.set_firmware_file(panel.file_edit.text()))
    panel.file_label.setBuddy(panel.file_edit)
    panel.browse_button = QPushButton()
    panel.browse_button.clicked.connect(panel.browse)
    file_row.addWidget(panel.file_label)
    file_row.addWidget(panel.file_edit, 1)
    file_row.addWidget(panel.browse_button)
    what.addLayout(file_row)
    panel.file_info = QLabel()
    panel.file_info.setWordWrap(True)
    panel.file_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    what.addWidget(panel.file_info)
    panel.anyway_box = QCheckBox()  # shown when the file does not look like firmware
    panel.anyway_box.setObjectName("flashAnyway")
    panel.anyway_box.setVisible(False)
    panel.anyway_box.toggled.connect(lambda _on: panel._update_state())
    what.addWidget(panel.anyway_box)
    panel.targets_label = QLabel()
    panel.targets_label.setWordWrap(True)
    what.addWidget(panel.targets_label)
    panel.targets = QListWidget()
    panel.targets.setObjectName("firmwareTargets")
    panel.targets.setMinimumHeight(70)
    panel.targets.itemChanged.connect(panel._on_target_changed)
    panel.targets.currentItemChanged.connect(lambda *_: panel._update_state())
    panel.targets_label.setBuddy(panel.targets)
    what.addWidget(panel.targets, 1)
    host_row = QHBoxLayout()
    panel.host_edit = QLineEdit()
    panel.host_edit.setObjectName("firmwareHost")
    panel.host_edit.returnPressed.connect(lambda: panel.add_host(panel.host_edit.text()))
    panel.add_button = QPushButton()
    panel.add_button.clicked.connect(lambda: panel.add_host(panel.host_edit.text()))
    host_row.addWidget(panel.host_edit, 1)
    host_row.addWidget(panel.add_button)
    what.addLayout(host_row)

    # 2. how to reach them
    panel.access_box = QGroupBox()
    access = QFormLayout(panel.access_box)
    access.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    panel.user_edit = QLineEdit("admin")
    panel.user_edit.setObjectName("telnetUser")
    panel.password_edit = QLineEdit()
    panel.password_edit.setObjectName("telnetPassword")
    panel.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
    panel.remember_box = QCheckBox()
    panel.remember_box.setObjectName("rememberPassword")
    panel.verify_combo = QComboBox()
    panel.verify_combo.setObjectName("verifyMode")
    for mode in ("telnet", "modbus", "none"):
        panel.verify_combo.addItem("", mode)
    panel.verify_combo.currentIndexChanged.connect(lambda _i: panel._update_state())
    ports = QHBoxLayout()
    panel.tftp_port = QSpinBox()
    panel.tftp_port.setObjectName("tftpPort")
    panel.tftp_port.setRange(1, 65535)
    panel.tftp_port.setValue(TFTP_PORT)
    panel.telnet_port = QSpinBox()
    panel.telnet_port.setObjectName("telnetPort")
    panel.telnet_port.setRange(1, 65535)
    panel.telnet_port.setValue(TELNET_PORT)
    panel.tftp_port_label = QLabel()
    panel.tftp_port_label.setBuddy(panel.tftp_port)
    panel.telnet_port_label = QLabel()
    panel.telnet_port_label.setBuddy(panel.telnet_port)
    ports.addWidget(panel.tftp_port_label)
    ports.addWidget(panel.tftp_port)
    ports.addSpacing(12)
    ports.addWidget(panel.telnet_port_label)
    ports.addWidget(panel.telnet_port)
    ports.addStretch(1)
    panel.user_label, panel.password_label, panel.verify_label, panel.ports_label = (QLabel() for _ in range(4))
    access.addRow(panel.user_label, panel.user_edit)
    access.addRow(panel.password_label, panel.password_edit)
    access.addRow("", panel.remember_box)
    access.addRow(panel.verify_label, panel.verify_combo)
    access.addRow(panel.ports_label, ports)
    for label, field in ((panel.user_label, panel.user_edit), (panel.password_label, panel.password_edit),
                         (panel.verify_label, panel.verify_combo)):
        label.setBuddy(field)

    # 3. the pre-flight checklist
    panel.check_box = QGroupBox()
    check_row = QHBoxLayout(panel.check_box)
    check = QVBoxLayout()
    check_row.addLayout(check, 3)
    panel.check_power = QCheckBox()
    panel.check_power.setObjectName("checkPower")
    panel.check_cable = QCheckBox()
    panel.check_cable.setObjectName("checkCable")
    panel.check_update = QCheckBox()
    panel.check_update.setObjectName("checkUpdate")
    panel.web_button = QPushButton()
    panel.web_button.setObjectName("openWebUi")
    panel.web_button.clicked.connect(panel.open_web_ui)
    for box in (panel.check_power, panel.check_cable, panel.check_update):
        box.toggled.connect(lambda _on: panel._update_state())
        check.addWidget(box)
    web_row = QHBoxLayout()
    web_row.addSpacing(22)
    web_row.addWidget(panel.web_button)
    web_row.addStretch(1)
    check.addLayout(web_row)
    line = QFrame()
    line.setFrameShape(QFrame.Shape.VLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    check_row.addWidget(line)
    backup = QVBoxLayout()
    check_row.addLayout(backup, 2)
    panel.backup_box = QCheckBox()
    panel.backup_box.setObjectName("backupThresholds")
    panel.backup_box.setChecked(True)
    panel.restore_box = QCheckBox()
    panel.restore_box.setObjectName("restoreThresholds")
    panel.restore_box.setChecked(True)
    panel.backup_box.toggled.connect(panel.restore_box.setEnabled)
    backup.addWidget(panel.backup_box)
    backup.addWidget(panel.restore_box)
    backup.addStretch(1)

    # 4. progress per unit
    panel.table = QTableWidget(0, 5)
    panel.table.setObjectName("firmwareProgress")
    panel.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    panel.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    panel.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    panel.table.verticalHeader().setVisible(False)
    header = panel.table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    panel.table.setColumnWidth(COL_UNIT, 130)
    panel.table.setColumnWidth(COL_STEP, 175)
    panel.table.setColumnWidth(COL_PROGRESS, 150)
    panel.table.setColumnWidth(COL_TRANSFER, 250)
    panel.table.setMinimumHeight(90)
    panel.table.currentCellChanged.connect(lambda *_: panel._show_detail())
    panel.detail = QLabel()
    panel.detail.setObjectName("firmwareDetail")
    panel.detail.setWordWrap(True)
    panel.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    panel.detail.setStyleSheet(f"color: {SUBTLE_COLOUR};")

    # the refusal advice, the confirmation
    panel.advice_frame = QFrame()
    panel.advice_frame.setObjectName("firmwareAdvice")
    panel.advice_frame.setFrameShape(QFrame.Shape.StyledPanel)
    panel.advice_frame.setStyleSheet(frame_style("firmwareAdvice", WARN_COLOUR, WARN_TINT))
    advice = QHBoxLayout(panel.advice_frame)
    panel.advice_label = QLabel()
    panel.advice_label.setWordWrap(True)
    panel.advice_button = QPushButton()
    panel.advice_button.setObjectName("adviceOpenWebUi")
    panel.advice_button.clicked.connect(lambda: panel._open(panel._advice_url))
    advice.addWidget(panel.advice_label, 1)
    advice.addWidget(panel.advice_button)
    panel.advice_frame.setVisible(False)

    panel.confirm_frame = QFrame()
    panel.confirm_frame.setObjectName("firmwareConfirm")
    panel.confirm_frame.setFrameShape(QFrame.Shape.StyledPanel)
    panel.confirm_frame.setStyleSheet(frame_style("firmwareConfirm", ERROR_COLOUR, ERROR_TINT))
    confirm = QHBoxLayout(panel.confirm_frame)
    panel.confirm_label = QLabel()
    panel.confirm_label.setWordWrap(True)
    panel.confirm_button = QPushButton()
    panel.confirm_button.setObjectName("confirmFlash")
    panel.confirm_button.setAutoDefault(False)  # Enter never flashes: a click or Space
    panel.confirm_button.clicked.connect(panel.confirm)
    panel.back_button = QPushButton()
    panel.back_button.clicked.connect(panel.back)
    confirm.addWidget(panel.confirm_label, 1)
    confirm.addWidget(panel.back_button)
    confirm.addWidget(panel.confirm_button)
    panel.confirm_frame.setVisible(False)

    panel.log = QPlainTextEdit()
    panel.log.setObjectName("firmwareLog")
    panel.log.setReadOnly(True)
    panel.log.setMaximumBlockCount(1000)
    panel.log.setVisible(False)
    panel.log.setMaximumHeight(120)

    buttons = QHBoxLayout()
    panel.message = QLabel()
    panel.message.setObjectName("firmwareMessage")
    panel.message.setWordWrap(True)
    panel.details_button = QPushButton()
    panel.details_button.setCheckable(True)
    panel.details_button.toggled.connect(panel.log.setVisible)
    panel.start_button = QPushButton()
    panel.start_button.setObjectName("startFlash")
    panel.start_button.setAutoDefault(False)  # Enter in a field does not open the confirmation
    panel.start_button.clicked.connect(panel.request_start)
    panel.cancel_button = QPushButton()
    panel.cancel_button.setObjectName("cancelFlash")
    panel.cancel_button.clicked.connect(panel.cancel)
    panel.cancel_button.setVisible(False)
    panel.close_button = QPushButton()
    panel.close_button.clicked.connect(panel.close)
    buttons.addWidget(panel.message, 1)
    buttons.addWidget(panel.details_button)
    buttons.addWidget(panel.cancel_button)
    buttons.addWidget(panel.start_button)
    buttons.addWidget(panel.close_button)

    top = QGridLayout()
    top.addWidget(panel.what_box, 0, 0)
    top.addWidget(panel.access_box, 0, 1)
    top.addWidget(panel.check_box, 1, 0, 1, 2)
    top.setColumnStretch(0, 3)
    top.setColumnStretch(1, 2)
    layout = QVBoxLayout(panel)
    layout.addLayout(top, 3)
    panel.progress_label = QLabel()
    panel.progress_label.setStyleSheet("font-weight: bold;")
    layout.addWidget(panel.progress_label)
    layout.addWidget(panel.table, 2)
    layout.addWidget(panel.detail)
    layout.addWidget(panel.advice_frame)
    layout.addWidget(panel.confirm_frame)
    layout.addWidget(panel.log)
    layout.addLayout(buttons)


def retranslate_form(panel: "FirmwarePanel") -> None:
    """Set the texts of the form's widgets in the present language."""
    panel.setWindowTitle(translate("FirmwarePanel", "Firmware update"))
    panel.what_box.setTitle(translate("FirmwarePanel", "1. Firmware and units"))
    panel.file_label.setText(translate("FirmwarePanel", "&File:"))
    panel.file_edit.setPlaceholderText(
        translate("FirmwarePanel", "the firmware file from BKT, e.g. BPS2000v2-2.0.6-C.bin"))
    panel.browse_button.setText(translate("FirmwarePanel", "C&hoose…"))
    panel.anyway_box.setText(translate("FirmwarePanel", "Flash it an&yway: I know this file is the right firmware"))
    panel.targets_label.setText(translate("FirmwarePanel", "&Units to flash (networked masters; firmware goes over "
                                                           "Ethernet, one unit after another):"))
    panel.host_edit.setPlaceholderText(translate("FirmwarePanel", "another master: host name or IP address"))
    panel.add_button.setText(translate("FirmwarePanel", "&Add"))
    panel.access_box.setTitle(translate("FirmwarePanel", "2. Access"))
    panel.user_label.setText(translate("FirmwarePanel", "Telnet us&er:"))
    panel.password_label.setText(translate("FirmwarePanel", "Telnet pass&word:"))
    panel.password_edit.setPlaceholderText(
        translate("FirmwarePanel", "empty: from BPS_TELNET_PASSWORD or the system keyring"))
    panel.password_edit.setToolTip(translate("FirmwarePanel", "Used to read the firmware version before and after "
                                                              "the update. Never stored in the settings file or "
                                                              "shown anywhere."))
    panel.remember_box.setText(
        translate("FirmwarePanel", "&Remember it in the system keyring after a successful login"))
    panel.verify_label.setText(translate("FirmwarePanel", "&Verify:"))
    for i, text in enumerate((translate("FirmwarePanel", "the new firmware version (Telnet)"),
                              translate("FirmwarePanel", "the unit answers Modbus TCP again"),
                              translate("FirmwarePanel", "nothing (not recommended)"))):
        panel.verify_combo.setItemText(i, text)
    panel.ports_label.setText(translate("FirmwarePanel", "Ports:"))
    panel.tftp_port_label.setText(translate("FirmwarePanel", "TFT&P"))
    panel.telnet_port_label.setText(translate("FirmwarePanel", "Tel&net"))
    panel.check_box.setTitle(translate("FirmwarePanel", "3. Before you start"))
    panel.check_power.setText(
        translate("FirmwarePanel", "The unit's power is &stable and stays on until it has restarted"))
    panel.check_cable.setText(
        translate("FirmwarePanel", "The laptop is connected to the unit &directly by cable (no Wi-Fi, no VPN)"))
    panel.check_update.setText(
        translate("FirmwarePanel", "“Software update” is ena&bled in the unit's web UI (System Tools)"))
    panel.web_button.setText(translate("FirmwarePanel", "&Open the unit's web UI"))
    panel.backup_box.setText(translate("FirmwarePanel", "Bac&k up the alarm thresholds first (Modbus TCP)"))
    panel.restore_box.setText(translate("FirmwarePanel", "Restore &them if the update changed them"))
    panel.progress_label.setText(translate("FirmwarePanel", "Progress"))
    panel.table.setHorizontalHeaderLabels([
        translate("FirmwarePanel", "Unit"), translate("FirmwarePanel", "Step"), translate("FirmwarePanel", "Progress"),
        translate("FirmwarePanel", "Transfer"), translate("FirmwarePanel", "Result")])
    panel.back_button.setText(translate("FirmwarePanel", "Back"))
    panel.details_button.setText(translate("FirmwarePanel", "Deta&ils"))
    panel.start_button.setText(translate("FirmwarePanel", "F&lash…"))
    panel.cancel_button.setText(translate("FirmwarePanel", "&Cancel"))
    panel.close_button.setText(translate("FirmwarePanel", "&Close"))


__all__ = ["build_form", "retranslate_form"]
