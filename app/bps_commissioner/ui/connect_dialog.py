"""The Connect dialog: a serial port (USB-RS485 adapter) or a Modbus TCP host.

Serial ports come from the operating system's list, USB adapters first, each shown with
its chip and USB VID:PID (FTDI, CH340, CP210x, Prolific...); the list is refreshed on
demand, and a port that is not listed (a virtual port, a pseudo-terminal) can be typed.
Recent connections are offered at the top (kept by the main window in QSettings).
Bad input is shown in the dialog, next to the field, and nothing is connected.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QSpinBox, QTabWidget, QVBoxLayout, QWidget,
)

from bps_commissioner.device.bus import BAUD_RATES, BusSettings, parse_units
from bps_commissioner.services.endpoints import Endpoint, SerialEndpoint, TcpEndpoint
from bps_commissioner.services.manager import PortInfo, serial_ports
from bps_commissioner.transport.tcp import DEFAULT_PORT, parse_host

SERIAL_UNITS_DEFAULT = "1-32"
TCP_UNITS_DEFAULT = "1"


def format_units(units: Any) -> str:
    """[1, 2, 3, 5, 7, 8] -> "1-3,5,7-8"."""
    out: list[str] = []
    units = sorted(set(units))
    i = 0
    while i < len(units):
        j = i
        while j + 1 < len(units) and units[j + 1] == units[j] + 1:
            j += 1
        out.append(str(units[i]) if i == j else f"{units[i]}-{units[j]}")
        i = j + 1
    return ",".join(out)


@dataclass(frozen=True)
class ConnectRequest:
    """What the user asked for: where, which units, and whether to scan for them first."""

    endpoint: Endpoint
    units: tuple[int, ...]
    scan: bool = False

    def to_dict(self) -> dict[str, Any]:
        ep = self.endpoint
        if isinstance(ep, SerialEndpoint):
            return {"kind": "serial", "port": ep.port, "baud": ep.settings.baud, "parity": ep.settings.parity,
                    "stopbits": ep.settings.stopbits, "units": format_units(self.units), "scan": self.scan}
        return {"kind": "tcp", "host": ep.host, "port": ep.port, "units": format_units(self.units)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ConnectRequest":
        """Raises ValueError/KeyError/TypeError for a malformed entry."""
        units = tuple(parse_units(str(d["units"])))
        if d["kind"] == "serial":
            settings = BusSettings(int(d["baud"]), str(d["parity"]), int(d["stopbits"]))
            return cls(SerialEndpoint(str(d["port"]), settings), units, bool(d.get("scan", False)))
        if d["kind"] == "tcp":
            return cls(TcpEndpoint(str(d["host"]), int(d["port"])), units)
        raise ValueError(f"unknown connection kind {d['kind']!r}")

    def label(self) -> str:
        ep = self.endpoint
        where = f"{ep.port} · {ep.settings}" if isinstance(ep, SerialEndpoint) else f"{ep.host}:{ep.port}"
        return f"{where} · {format_units(self.units)}"


def port_text(port: PortInfo) -> str:
    parts = [port.device]
    detail = port.adapter or port.description
    if detail and detail != port.device:
        parts.append(f"— {detail}")
    if port.vid_pid:
        parts.append(f"({port.vid_pid})")
    return " ".join(parts)


class ConnectDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, recent: list[dict[str, Any]] | None = None,
                 ports: Callable[[], list[PortInfo]] = serial_ports):
        super().__init__(parent)
        self.setObjectName("connectDialog")
        self._ports_provider = ports
        self._ports: list[PortInfo] = []
        self._recent: list[ConnectRequest] = []
        for entry in recent or []:
            try:
                self._recent.append(ConnectRequest.from_dict(entry))
            except (ValueError, KeyError, TypeError):
                continue  # a damaged entry in the settings file: skip it

        self._recent_label = QLabel()
        self.recent_combo = QComboBox()
        self.recent_combo.setObjectName("recent")
        self._recent_label.setBuddy(self.recent_combo)
        self.recent_combo.addItem("", None)
        for request in self._recent:
            self.recent_combo.addItem(request.label(), request)
        self.recent_combo.activated.connect(self._use_recent)
        recent_row = QHBoxLayout()
        recent_row.addWidget(self._recent_label)
        recent_row.addWidget(self.recent_combo, 1)

        # serial
        self.port_combo = QComboBox()
        self.port_combo.setObjectName("port")
        self.port_combo.setEditable(True)
        self.port_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.port_combo.setMinimumContentsLength(28)
        self.port_combo.currentTextChanged.connect(self._port_changed)
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("refreshPorts")
        self.refresh_button.clicked.connect(self.refresh_ports)
        port_row = QHBoxLayout()
        port_row.addWidget(self.port_combo, 1)
        port_row.addWidget(self.refresh_button)
        self.adapter_label = QLabel()
        self.adapter_label.setWordWrap(True)
        self.adapter_label.setStyleSheet("color: #555;")
        self.baud_combo = QComboBox()
        self.baud_combo.setObjectName("baud")
        for baud in BAUD_RATES:
            self.baud_combo.addItem(str(baud), baud)
        self.baud_combo.setCurrentIndex(BAUD_RATES.index(9600))
        self.parity_combo = QComboBox()
        self.parity_combo.setObjectName("parity")
        for code in ("N", "E", "O"):
            self.parity_combo.addItem("", code)
        self.stop_combo = QComboBox()
        self.stop_combo.setObjectName("stopbits")
        for bits in (1, 2):
            self.stop_combo.addItem(str(bits), bits)
        self.serial_units = QLineEdit(SERIAL_UNITS_DEFAULT)
        self.serial_units.setObjectName("serialUnits")
        self.scan_box = QCheckBox()
        self.scan_box.setObjectName("scanAfter")
        self.scan_box.setChecked(True)
        self._serial_form = QFormLayout()
        self._serial_labels = [QLabel() for _ in range(5)]
        for label, field in zip(self._serial_labels, (port_row, self.baud_combo, self.parity_combo,
                                                      self.stop_combo, self.serial_units), strict=True):
            self._serial_form.addRow(label, field)
        for label, widget in zip(self._serial_labels, (self.port_combo, self.baud_combo, self.parity_combo,
                                                       self.stop_combo, self.serial_units), strict=True):
            label.setBuddy(widget)
        self._serial_form.insertRow(1, "", self.adapter_label)
        self._serial_form.addRow("", self.scan_box)
        serial_page = QWidget()
        serial_page.setLayout(self._serial_form)

        # tcp
        self.host_edit = QLineEdit()
        self.host_edit.setObjectName("host")
        self.host_edit.setPlaceholderText("192.168.0.163")
        self.tcp_port = QSpinBox()
        self.tcp_port.setObjectName("tcpPort")
        self.tcp_port.setRange(1, 65535)
        self.tcp_port.setValue(DEFAULT_PORT)
        self.tcp_port.setGroupSeparatorShown(False)
        self.tcp_units = QLineEdit(TCP_UNITS_DEFAULT)
        self.tcp_units.setObjectName("tcpUnits")
        self._tcp_form = QFormLayout()
        self._tcp_labels = [QLabel() for _ in range(3)]
        for label, field in zip(self._tcp_labels, (self.host_edit, self.tcp_port, self.tcp_units), strict=True):
            self._tcp_form.addRow(label, field)
            label.setBuddy(field)
        self._tcp_note = QLabel()
        self._tcp_note.setWordWrap(True)
        self._tcp_note.setStyleSheet("color: #555;")
        self._tcp_form.addRow("", self._tcp_note)
        tcp_page = QWidget()
        tcp_page.setLayout(self._tcp_form)

        self.tabs = QTabWidget()
        self.tabs.addTab(serial_page, "")
        self.tabs.addTab(tcp_page, "")
        self.tabs.currentChanged.connect(self._validate)

        self.error_label = QLabel()
        self.error_label.setObjectName("connectError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b71c1c;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        if self._recent:
            layout.addLayout(recent_row)
        else:
            self._recent_label.hide()
            self.recent_combo.hide()
        layout.addWidget(self.tabs)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        for edit in (self.serial_units, self.tcp_units, self.host_edit):
            edit.textChanged.connect(self._validate)
        self.scan_box.toggled.connect(self._validate)
        self._retranslate()
        self.refresh_ports()
        self._validate()

    # -- ports --------------------------------------------------------------------------------
    def refresh_ports(self) -> None:
        typed = self.selected_port()
        try:
            self._ports = self._ports_provider()
        except OSError:
            self._ports = []
        self.port_combo.blockSignals(True)
        self.port_combo.clear()
        for port in self._ports:
            self.port_combo.addItem(port_text(port), port.device)
        if typed:
            index = self.port_combo.findData(typed)
            if index >= 0:
                self.port_combo.setCurrentIndex(index)
            else:
                self.port_combo.setEditText(typed)
        self.port_combo.blockSignals(False)
        self._port_changed()

    def selected_port(self) -> str:
        text = self.port_combo.currentText().strip()
        index = self.port_combo.findText(text, Qt.MatchFlag.MatchExactly)
        if index >= 0:
            return str(self.port_combo.itemData(index))
        return text

    def _port_changed(self, *_: Any) -> None:
        device = self.selected_port()
        port = next((p for p in self._ports if p.device == device), None)
        if not self._ports:
            self.adapter_label.setText(self.tr("No serial port found: plug in the USB-RS485 adapter and press "
                                               "Refresh, or type the port's name."))
        elif port is None:
            self.adapter_label.setText("")
        elif port.vid is None:
            self.adapter_label.setText(self.tr("A serial port of the computer, not a USB adapter"))
        else:
            details = [port.adapter or port.description or port.device]
            if port.vid_pid:
                details.append(self.tr("USB VID:PID %1").replace("%1", port.vid_pid))
            if port.manufacturer:
                details.append(port.manufacturer)
            self.adapter_label.setText(" · ".join(details))
        self._validate()

    # -- recent -------------------------------------------------------------------------------
    def _use_recent(self, index: int) -> None:
        request = self.recent_combo.itemData(index)
        if request is not None:
            self.set_request(request)

    def set_request(self, request: ConnectRequest) -> None:
        ep = request.endpoint
        if isinstance(ep, SerialEndpoint):
            self.tabs.setCurrentIndex(0)
            index = self.port_combo.findData(ep.port)
            if index >= 0:
                self.port_combo.setCurrentIndex(index)
            else:
                self.port_combo.setEditText(ep.port)
            self.baud_combo.setCurrentIndex(self.baud_combo.findData(ep.settings.baud))
            self.parity_combo.setCurrentIndex(self.parity_combo.findData(ep.settings.parity))
            self.stop_combo.setCurrentIndex(self.stop_combo.findData(ep.settings.stopbits))
            self.serial_units.setText(format_units(request.units))
            self.scan_box.setChecked(request.scan)
        else:
            self.tabs.setCurrentIndex(1)
            self.host_edit.setText(ep.host)
            self.tcp_port.setValue(ep.port)
            self.tcp_units.setText(format_units(request.units))
        self._validate()

    # -- result -------------------------------------------------------------------------------
    def request(self) -> ConnectRequest | None:
        """What the fields describe, or None (the reason is in :attr:`error_label`)."""
        return self._build()[0]

    def _build(self) -> tuple[ConnectRequest | None, str]:
        if self.tabs.currentIndex() == 0:
            port = self.selected_port()
            if not port:
                return None, self.tr("Pick or type a serial port.")
            try:
                units = parse_units(self.serial_units.text())
            except ValueError:
                return None, self.tr("Unit addresses are numbers from 1 to 247 and ranges, such as 1-32 or "
                                     "1,2,5-8.")
            settings = BusSettings(self.baud_combo.currentData(), self.parity_combo.currentData(),
                                   self.stop_combo.currentData())
            return ConnectRequest(SerialEndpoint(port, settings), tuple(dict.fromkeys(units)),
                                  self.scan_box.isChecked()), ""
        host_text = self.host_edit.text().strip()
        if not host_text:
            return None, self.tr("Type the host name or IP address of the unit or gateway.")
        try:
            host, port = parse_host(host_text, self.tcp_port.value())
        except ValueError:
            return None, self.tr("The port after the host name must be a number from 1 to 65535.")
        if not host:
            return None, self.tr("Type the host name or IP address of the unit or gateway.")
        try:
            units = parse_units(self.tcp_units.text())
        except ValueError:
            return None, self.tr("Unit ids are numbers from 1 to 247 and ranges, such as 1 or 1-6.")
        return ConnectRequest(TcpEndpoint(host, port), tuple(dict.fromkeys(units))), ""

    def _validate(self, *_: Any) -> None:
        request, error = self._build()
        self.error_label.setText(error)
        self.error_label.setVisible(bool(error))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(request is not None)

    def _accept(self) -> None:
        if self.request() is not None:
            self.accept()

    # -- language -----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Connect"))
        self._recent_label.setText(self.tr("&Recent:"))
        self.recent_combo.setItemText(0, self.tr("(choose a recent connection)"))
        self.tabs.setTabText(0, self.tr("&Serial (RS485)"))
        self.tabs.setTabText(1, self.tr("Modbus &TCP"))
        for label, text in zip(self._serial_labels, (self.tr("&Port:"), self.tr("&Baud rate:"), self.tr("Parit&y:"),
                                                     self.tr("St&op bits:"), self.tr("&Unit addresses:")),
                               strict=True):
            label.setText(text)
        self.refresh_button.setText(self.tr("Re&fresh"))
        self.refresh_button.setToolTip(self.tr("List the serial ports again (after plugging in an adapter)"))
        for i, text in enumerate((self.tr("none"), self.tr("even"), self.tr("odd"))):
            self.parity_combo.setItemText(i, text)
        self.serial_units.setToolTip(self.tr("Addresses such as 1-32 or 1,2,5-8"))
        self.scan_box.setText(self.tr("Scan these a&ddresses for units after connecting"))
        for label, text in zip(self._tcp_labels, (self.tr("&Host:"), self.tr("&Port:"), self.tr("Unit &ids:")),
                               strict=True):
            label.setText(text)
        self.tcp_units.setToolTip(self.tr("Modbus unit ids behind the host, such as 1 or 1-6"))
        self._tcp_note.setText(self.tr("Behind Modbus TCP the units are read by the ids given; a bus scan "
                                       "applies to serial links."))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Co&nnect"))
        self._port_changed()
