"""The Telnet tab's form: its widgets, their layout and their texts (ui/telnet_panel.py
drives the jobs, ui/telnet_results.py words what came back).

The texts keep the context "TelnetPanel" (``translate("TelnetPanel", ...)``), the class
they were written in first, so the Polish catalogue needs no new entries.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QFrame, QGridLayout, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QScrollArea, QSpinBox, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from bps_commissioner.device.limits import DEFAULT_RATING, RATINGS, quantity_of
from bps_commissioner.device.registers import MONITORED_BY_KEY
from bps_commissioner.services.endpoints import FACTORY_USER
from bps_commissioner.services.endpoints import TELNET_PORT as TELNET_DEFAULT_PORT
from bps_commissioner.services.telnet_thresholds import TELNET_QUANTITIES
from bps_commissioner.ui import format as fmt
from bps_commissioner.ui import style
from bps_commissioner.ui.number_field import LimitSpinBox

translate = QCoreApplication.translate

PHASE_NAMES = ("L1", "L2", "L3")
#: The table's columns, low to high as on a scale; the warnings are editable.
COLUMNS = ("low", "low_warning", "high_warning", "high")
EDITABLE = ("low_warning", "high_warning")


def tab_title() -> str:
    return translate("TelnetPanel", "Telnet &menu")


def field_label(name: str) -> str:
    return {"low": translate("TelnetPanel", "low alarm"), "low_warning": translate("TelnetPanel", "low warning"),
            "high_warning": translate("TelnetPanel", "high warning"),
            "high": translate("TelnetPanel", "high alarm")}[name]


def quantity_label(quantity: str) -> str:
    return translate("Quantity", MONITORED_BY_KEY[quantity].label)


def base_setting(quantity: str) -> str:
    return f"{quantity}.high"


def decimals_of(quantity: str) -> int:
    return quantity_of(base_setting(quantity)).decimals


def unit_of(quantity: str) -> str:
    return quantity_of(base_setting(quantity)).unit


def energy_text(value: float | None) -> str:
    if value is None:
        return "–"
    decimals = 0 if float(value).is_integer() else 2
    return fmt.with_unit(fmt.number(value, decimals), "kWh")


def uptime_text(seconds: int | None, raw: str | None) -> str:
    if seconds is None:
        return raw or "–"
    days, rest = divmod(seconds, 86400)
    return translate("TelnetPanel", "%1 d %2 h %3 min").replace("%1", str(days)).replace(
        "%2", str(rest // 3600)).replace("%3", str(rest % 3600 // 60))


class TelnetForm(QWidget):
    """The widgets of the Telnet tab: header and status, login, firmware, energy meters and
    the thresholds table. Their signals are connected by the panel (its subclass)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # header
        self.heading = QLabel()
        self.heading.setObjectName("telnetHeading")
        self.heading.setWordWrap(True)
        self.read_button = QPushButton()
        self.read_button.setObjectName("telnetRead")
        self.status = QLabel()
        self.status.setObjectName("telnetStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.read_button)

        # login
        self.login_box = QGroupBox()
        self.login_box.setObjectName("telnetLogin")
        self.login_port = QSpinBox()
        self.login_port.setObjectName("telnetLoginPort")
        self.login_port.setRange(1, 65535)
        self.login_port.setGroupSeparatorShown(False)
        self.login_port.setValue(TELNET_DEFAULT_PORT)
        self.login_user = QLineEdit(FACTORY_USER)
        self.login_user.setObjectName("telnetLoginUser")
        self.login_password = QLineEdit()
        self.login_password.setObjectName("telnetLoginPassword")
        self.login_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.login_remember = QCheckBox()
        self.login_remember.setObjectName("telnetLoginRemember")
        self.login_button = QPushButton()
        self.login_button.setObjectName("telnetLoginButton")
        self._login_labels = [QLabel() for _ in range(3)]
        login_form = QFormLayout(self.login_box)
        for label, field in zip(self._login_labels, (self.login_port, self.login_user, self.login_password),
                                strict=True):
            login_form.addRow(label, field)
            label.setBuddy(field)
        login_form.addRow("", self.login_remember)
        login_form.addRow("", self.login_button)

        # firmware
        self.firmware_box = QGroupBox()
        self.version = _value_label("telnetVersion")
        self.last_update = _value_label("telnetLastUpdate")
        self.clock = _value_label("telnetClock")
        self.uptime = _value_label("telnetUptime")
        self.read_at = _value_label("telnetReadAt")
        self._firmware_labels = [QLabel() for _ in range(5)]
        firmware_form = QFormLayout(self.firmware_box)
        for label, field in zip(self._firmware_labels, (self.version, self.last_update, self.clock, self.uptime,
                                                        self.read_at), strict=True):
            firmware_form.addRow(label, field)
        bold = self.version.font()
        bold.setBold(True)
        self.version.setFont(bold)

        # energy
        self.energy_box = QGroupBox()
        self.energy_values: list[QLabel] = []
        self.reset_buttons: list[QPushButton] = []
        energy_grid = QGridLayout()
        for row in range(3):
            value = _value_label(f"telnetEnergy{row + 1}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setMinimumWidth(value.fontMetrics().horizontalAdvance("000 000 000 kWh"))
            button = QPushButton()
            button.setObjectName(f"telnetReset{row + 1}")
            energy_grid.addWidget(QLabel(PHASE_NAMES[row]), row, 0)
            energy_grid.addWidget(value, row, 1)
            energy_grid.addWidget(button, row, 2)
            self.energy_values.append(value)
            self.reset_buttons.append(button)
        self.reset_all = QPushButton()
        self.reset_all.setObjectName("telnetResetAll")
        energy_grid.addWidget(self.reset_all, 3, 2)
        energy_grid.setColumnStretch(3, 1)
        self.energy_report = QLabel()
        self.energy_report.setObjectName("telnetEnergyReport")
        self.energy_report.setWordWrap(True)
        self.energy_report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        energy_layout = QVBoxLayout(self.energy_box)
        energy_layout.addLayout(energy_grid)
        energy_layout.addWidget(self.energy_report)

        # thresholds
        self.thresholds_box = QGroupBox()
        self.thresholds = QTableWidget(len(TELNET_QUANTITIES), len(COLUMNS))
        self.thresholds.setObjectName("telnetThresholds")
        _fixed_table(self.thresholds)
        self.spins: dict[str, QDoubleSpinBox] = {}
        for row, quantity in enumerate(TELNET_QUANTITIES):
            for column, name in enumerate(COLUMNS):
                setting = f"{quantity}.{name}"
                if name in EDITABLE:
                    spin = LimitSpinBox()  # what is typed is kept exactly (ui/number_field.py)
                    spin.setObjectName(f"spin_{setting}")
                    spin.setDecimals(decimals_of(quantity))
                    spin.setSingleStep(10.0 ** -decimals_of(quantity))
                    spin.setSuffix(f" {unit_of(quantity)}")
                    spin.setKeyboardTracking(False)
                    spin.setEnabled(False)
                    self.thresholds.setCellWidget(row, column, spin)
                    self.spins[setting] = spin
                else:
                    self.thresholds.setItem(row, column, _cell())
        self.rating_combo = QComboBox()
        self.rating_combo.setObjectName("telnetRating")
        for rating in RATINGS:
            self.rating_combo.addItem(fmt.with_unit(str(rating), "A"), rating)
        self.rating_combo.setCurrentIndex(RATINGS.index(DEFAULT_RATING))
        self._rating_label = QLabel()
        self._rating_label.setBuddy(self.rating_combo)
        self.apply_button = QPushButton()
        self.apply_button.setObjectName("telnetApply")
        self.revert_button = QPushButton()
        self.revert_button.setObjectName("telnetRevert")
        self.thresholds_note = QLabel()
        self.thresholds_note.setObjectName("telnetThresholdsNote")
        self.thresholds_note.setWordWrap(True)
        self.thresholds_note.setStyleSheet(f"color: {style.SUBTLE_COLOUR};")
        self.thresholds_message = QLabel()
        self.thresholds_message.setObjectName("telnetThresholdsMessage")
        self.thresholds_message.setWordWrap(True)
        self.thresholds_message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tools = QHBoxLayout()
        tools.addWidget(self._rating_label)
        tools.addWidget(self.rating_combo)
        tools.addStretch(1)
        tools.addWidget(self.revert_button)
        tools.addWidget(self.apply_button)
        thresholds_layout = QVBoxLayout(self.thresholds_box)
        thresholds_layout.addWidget(self.thresholds_note)
        thresholds_layout.addWidget(self.thresholds)
        thresholds_layout.addLayout(tools)
        thresholds_layout.addWidget(self.thresholds_message)

        self.content = QWidget()
        left = QVBoxLayout()
        for box in (self.login_box, self.firmware_box, self.energy_box):
            left.addWidget(box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.thresholds_box)
        right.addStretch(1)
        columns = QHBoxLayout(self.content)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left)
        columns.addLayout(right)
        columns.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*(style.MARGIN,) * 4)
        layout.addLayout(head)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)


    def retranslate_form(self) -> None:
        self.read_button.setText(translate("TelnetPanel", "Read a&gain"))
        self.read_button.setToolTip(translate("TelnetPanel", "Log in over Telnet and read the firmware, the meters and the thresholds"))
        self.login_box.setTitle(translate("TelnetPanel", "Telnet login"))
        for label, text in zip(self._login_labels, (translate("TelnetPanel", "Telnet p&ort:"), translate("TelnetPanel", "&Login:"),
                                                    translate("TelnetPanel", "Pass&word:")), strict=True):
            label.setText(text)
        self.login_remember.setText(translate("TelnetPanel", "Remember the password in the system keyrin&g"))
        self.login_button.setText(translate("TelnetPanel", "Log &in and read"))
        self.firmware_box.setTitle(translate("TelnetPanel", "Firmware"))
        for label, text in zip(self._firmware_labels, (translate("TelnetPanel", "Version:"), translate("TelnetPanel", "Last update:"),
                                                       translate("TelnetPanel", "Unit clock:"), translate("TelnetPanel", "Up time:"),
                                                       translate("TelnetPanel", "Read at:")), strict=True):
            label.setText(text)
        self.energy_box.setTitle(translate("TelnetPanel", "Energy meters (menu 9)"))
        for row, button in enumerate(self.reset_buttons):
            button.setText(translate("TelnetPanel", "Reset %1…").replace("%1", PHASE_NAMES[row]))
        self.reset_all.setText(translate("TelnetPanel", "Reset &all three…"))
        self.thresholds_box.setTitle(translate("TelnetPanel", "Alarm and warning thresholds (menu 8)"))
        # "Low\nwarning": two short lines keep the columns as narrow as their spin boxes
        self.thresholds.setHorizontalHeaderLabels([field_label(n).capitalize().replace(" ", "\n", 1) for n in COLUMNS])
        self.thresholds.setVerticalHeaderLabels([quantity_label(q) for q in TELNET_QUANTITIES])
        self.thresholds_note.setText(translate("TelnetPanel", 
            "The warnings exist only in the unit's Telnet menu. Changes are checked as the unit checks them "
            "(low alarm ≤ low warning ≤ high warning ≤ high alarm) before anything is sent, then read back."))
        self._rating_label.setText(translate("TelnetPanel", "Rated &current:"))
        self.rating_combo.setToolTip(translate("TelnetPanel", "The unit's rated current (not readable from the unit): the highest "
                                             "current threshold"))
        self.apply_button.setText(translate("TelnetPanel", "A&pply warnings"))
        self.revert_button.setText(translate("TelnetPanel", "Re&vert"))


def _value_label(name: str) -> QLabel:
    label = QLabel("–")
    label.setObjectName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _cell() -> QTableWidgetItem:
    item = QTableWidgetItem()
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


def _fixed_table(table: QTableWidget) -> None:
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)


def fit_table(table: QTableWidget) -> None:
    """The table as large as its contents: the tab scrolls, not each table."""
    table.resizeColumnsToContents()
    width = table.verticalHeader().sizeHint().width() + 2 * table.frameWidth()
    width += sum(table.columnWidth(c) for c in range(table.columnCount()))
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(r) for r in range(table.rowCount()))
    if (table.width(), table.height()) != (width, height):
        table.setFixedSize(width, height)


def set_colour(label: QLabel, colour: str) -> None:
    style = f"color: {colour};" if colour else ""
    if label.styleSheet() != style:
        label.setStyleSheet(style)


__all__ = ["COLUMNS", "EDITABLE", "PHASE_NAMES", "TelnetForm", "energy_text", "field_label", "quantity_label",
           "tab_title", "uptime_text", "base_setting", "decimals_of", "unit_of", "fit_table", "set_colour"]
