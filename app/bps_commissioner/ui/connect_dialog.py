"""The Connect dialog: a serial port (USB-RS485 adapter), a Modbus TCP host or an SNMP master.

Serial ports come from the operating system's list, USB adapters first, each shown with
its chip and USB VID:PID (FTDI, CH340, CP210x, Prolific...); the list is refreshed on
demand, and a port that is not listed (a virtual port, a pseudo-terminal) can be typed.
Recent connections are offered at the top (kept by the main window in QSettings).
Bad input is shown in the dialog, next to the field, and nothing is connected. What it
returns, a :class:`ConnectRequest`, is ui/connect_request.py's (importable from here too).

An SNMP master is read with v1/v2c (a community) or v3 (a user, its protocols and keys); its
slaves are found by themselves. For a networked master (Modbus TCP or SNMP) the Telnet
account can be given too (firmware version, energy meters, warning thresholds). Secrets (the
community, the SNMPv3 keys, the Telnet password) never go into the request or the settings:
:meth:`ConnectDialog.commit_secrets` keeps them for the session and, when "remember" is
ticked, in the system keyring (services/credentials.py). A secret left empty means the one
saved before (the community: the factory "public" when none was saved).
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QScrollArea, QSpinBox, QTabWidget, QVBoxLayout, QWidget,
)

from bps_commissioner.device.bus import BAUD_RATES, BusSettings, parse_units
from bps_commissioner.device.oids import CHAIN_ADDRESSES, V3_AUTH_PROTOCOLS, V3_PRIV_PROTOCOLS
from bps_commissioner.services import credentials
from bps_commissioner.services.endpoints import (
    SNMP_DEFAULT_PORT, SNMP_VERSIONS, SerialEndpoint, SnmpEndpoint, TcpEndpoint,
)
from bps_commissioner.services.manager import PortInfo, serial_ports
from bps_commissioner.services.secrets import SNMP_AUTH_KEY, SNMP_PRIV_KEY, TELNET_PASSWORD
from bps_commissioner.services.telnet_jobs import TelnetTarget
from bps_commissioner.services.endpoints import DEFAULT_PORT, FACTORY_USER, parse_host
from bps_commissioner.services.endpoints import TELNET_PORT as TELNET_DEFAULT_PORT
from bps_commissioner.ui import style
from bps_commissioner.ui.screen import height_room, keep_inside
from bps_commissioner.ui.connect_request import ConnectRequest, format_units  # noqa: F401 (importable from here)

#: The shortest SNMPv3 key RFC 3414 allows.
MIN_KEY_LENGTH = 8
SNMP_TAB = 2

SERIAL_UNITS_DEFAULT = "1-32"
TCP_UNITS_DEFAULT = "1"


def _secret_edit(name: str) -> QLineEdit:
    """A field for a secret: hidden as typed, not copyable."""
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


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
        self.adapter_label.setStyleSheet(f"color: {style.SUBTLE_COLOUR};")
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
        self._tcp_note.setStyleSheet(f"color: {style.SUBTLE_COLOUR};")
        self._tcp_form.addRow("", self._tcp_note)
        tcp_page = QWidget()
        tcp_page.setLayout(self._tcp_form)

        # snmp
        self.snmp_host = QLineEdit()
        self.snmp_host.setObjectName("snmpHost")
        self.snmp_host.setPlaceholderText("192.168.0.163")
        self.snmp_port = QSpinBox()
        self.snmp_port.setObjectName("snmpPort")
        self.snmp_port.setRange(1, 65535)
        self.snmp_port.setValue(SNMP_DEFAULT_PORT)
        self.snmp_port.setGroupSeparatorShown(False)
        self.snmp_version = QComboBox()
        self.snmp_version.setObjectName("snmpVersion")
        for version in SNMP_VERSIONS:
            self.snmp_version.addItem(version, version)
        self.snmp_version.setCurrentIndex(SNMP_VERSIONS.index("2c"))
        self.community = _secret_edit("community")
        self.community.setPlaceholderText("public")
        self.v3_user = QLineEdit()
        self.v3_user.setObjectName("v3User")
        self.v3_auth = QComboBox()
        self.v3_auth.setObjectName("v3Auth")
        for proto in V3_AUTH_PROTOCOLS:
            self.v3_auth.addItem(proto, proto)
        self.v3_auth.setCurrentIndex(V3_AUTH_PROTOCOLS.index("SHA"))
        self.v3_auth_key = _secret_edit("v3AuthKey")
        self.v3_priv = QComboBox()
        self.v3_priv.setObjectName("v3Priv")
        for proto in V3_PRIV_PROTOCOLS:
            self.v3_priv.addItem(proto, proto)
        self.v3_priv.setCurrentIndex(V3_PRIV_PROTOCOLS.index("AES"))
        self.v3_priv_key = _secret_edit("v3PrivKey")
        self.v3_context = QLineEdit()
        self.v3_context.setObjectName("v3Context")
        self.snmp_remember = QCheckBox()
        self.snmp_remember.setObjectName("snmpRemember")
        self._snmp_form = QFormLayout()
        self._snmp_fields = (self.snmp_host, self.snmp_port, self.snmp_version, self.community, self.v3_user,
                             self.v3_auth, self.v3_auth_key, self.v3_priv, self.v3_priv_key, self.v3_context)
        self._snmp_labels = [QLabel() for _ in self._snmp_fields]
        for label, field in zip(self._snmp_labels, self._snmp_fields, strict=True):
            self._snmp_form.addRow(label, field)
            label.setBuddy(field)
        self._snmp_form.addRow("", self.snmp_remember)
        self._snmp_note = QLabel()
        self._snmp_note.setWordWrap(True)
        self._snmp_note.setStyleSheet(f"color: {style.SUBTLE_COLOUR};")
        self._snmp_form.addRow("", self._snmp_note)
        snmp_form_page = QWidget()
        snmp_form_page.setLayout(self._snmp_form)
        snmp_page = QScrollArea()  # SNMPv3's rows scroll where the screen is short
        snmp_page.setObjectName("snmpScroll")
        snmp_page.setFrameShape(QScrollArea.Shape.NoFrame)
        snmp_page.setWidgetResizable(True)
        snmp_page.setWidget(snmp_form_page)
        self.snmp_version.currentIndexChanged.connect(self._version_changed)

        # telnet (for a networked master: the Modbus TCP and SNMP tabs)
        self.telnet_group = QGroupBox()
        self.telnet_group.setObjectName("telnetGroup")
        self.telnet_group.setCheckable(True)
        self.telnet_group.setChecked(False)
        self.telnet_port = QSpinBox()
        self.telnet_port.setObjectName("telnetPort")
        self.telnet_port.setRange(1, 65535)
        self.telnet_port.setValue(TELNET_DEFAULT_PORT)
        self.telnet_port.setGroupSeparatorShown(False)
        self.telnet_user = QLineEdit(FACTORY_USER)
        self.telnet_user.setObjectName("telnetUser")
        self.telnet_password = _secret_edit("telnetPassword")
        self.telnet_remember = QCheckBox()
        self.telnet_remember.setObjectName("telnetRemember")
        self._telnet_form = QFormLayout(self.telnet_group)
        self._telnet_labels = [QLabel() for _ in range(3)]
        for label, field in zip(self._telnet_labels, (self.telnet_port, self.telnet_user, self.telnet_password),
                                strict=True):
            self._telnet_form.addRow(label, field)
            label.setBuddy(field)
        self._telnet_form.addRow("", self.telnet_remember)

        self.tabs = QTabWidget()
        self.tabs.addTab(serial_page, "")
        self.tabs.addTab(tcp_page, "")
        self.tabs.addTab(snmp_page, "")
        self.tabs.currentChanged.connect(self._validate)
        self.tabs.currentChanged.connect(lambda _i: self._grow())

        self.error_label = QLabel()
        self.error_label.setObjectName("connectError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(style.error_text_style())
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
        layout.addWidget(self.telnet_group)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        for edit in (self.serial_units, self.tcp_units, self.host_edit, self.snmp_host, self.community, self.v3_user,
                     self.v3_auth_key, self.v3_priv_key, self.telnet_user):
            edit.textChanged.connect(self._validate)
        for combo in (self.v3_auth, self.v3_priv):
            combo.currentIndexChanged.connect(self._validate)
        self.scan_box.toggled.connect(self._validate)
        self.telnet_group.toggled.connect(self._validate)
        self.telnet_group.toggled.connect(lambda _on: self._grow())
        self._version_changed()
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
        elif isinstance(ep, SnmpEndpoint):
            self.tabs.setCurrentIndex(SNMP_TAB)
            self.snmp_host.setText(ep.host)
            self.snmp_port.setValue(ep.port)
            self.snmp_version.setCurrentIndex(self.snmp_version.findData(ep.version))
            self.v3_user.setText(ep.user)
            self.v3_auth.setCurrentIndex(max(0, self.v3_auth.findData(ep.auth_protocol)))
            self.v3_priv.setCurrentIndex(max(0, self.v3_priv.findData(ep.priv_protocol)))
            self.v3_context.setText(ep.context)
        else:
            self.tabs.setCurrentIndex(1)
            self.host_edit.setText(ep.host)
            self.tcp_port.setValue(ep.port)
            self.tcp_units.setText(format_units(request.units))
        for edit in (self.community, self.v3_auth_key, self.v3_priv_key, self.telnet_password):
            edit.clear()  # secrets are never in a recent entry: empty means "the saved one"
        self.telnet_group.setChecked(request.telnet is not None)
        if request.telnet is not None:
            self.telnet_port.setValue(request.telnet.port)
            self.telnet_user.setText(request.telnet.user)
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
        snmp = self.tabs.currentIndex() == SNMP_TAB
        host_text = (self.snmp_host if snmp else self.host_edit).text().strip()
        if not host_text:
            return None, self.tr("Type the host name or IP address of the unit or gateway.")
        try:
            host, port = parse_host(host_text, (self.snmp_port if snmp else self.tcp_port).value())
        except ValueError:
            return None, self.tr("The port after the host name must be a number from 1 to 65535.")
        if not host:
            return None, self.tr("Type the host name or IP address of the unit or gateway.")
        telnet = None
        if self.telnet_group.isChecked():
            if not self.telnet_user.text().strip():
                return None, self.tr("Type the Telnet account (the factory one is admin), or untick Telnet.")
            telnet = TelnetTarget(host, self.telnet_port.value(), self.telnet_user.text().strip())
        if snmp:
            return self._build_snmp(host, port, telnet)
        try:
            units = parse_units(self.tcp_units.text())
        except ValueError:
            return None, self.tr("Unit ids are numbers from 1 to 247 and ranges, such as 1 or 1-6.")
        return ConnectRequest(TcpEndpoint(host, port), tuple(dict.fromkeys(units)), telnet=telnet), ""

    def _build_snmp(self, host: str, port: int, telnet: TelnetTarget | None) -> tuple[ConnectRequest | None, str]:
        version = self.snmp_version.currentData()
        if version != "3":
            return ConnectRequest(SnmpEndpoint(host, port, version), tuple(CHAIN_ADDRESSES), telnet=telnet), ""
        user = self.v3_user.text().strip()
        if not user:
            return None, self.tr("SNMPv3 needs the user name set on the unit.")
        auth, priv = self.v3_auth.currentData(), self.v3_priv.currentData()
        if priv != "none" and auth == "none":
            return None, self.tr("SNMPv3 privacy needs authentication: pick an authentication protocol.")
        for proto, edit in ((auth, self.v3_auth_key), (priv, self.v3_priv_key)):
            if proto != "none" and 0 < len(edit.text()) < MIN_KEY_LENGTH:
                return None, self.tr("An SNMPv3 key has at least %1 characters.").replace("%1", str(MIN_KEY_LENGTH))
        endpoint = SnmpEndpoint(host, port, "3", user, auth, priv, self.v3_context.text().strip())
        return ConnectRequest(endpoint, tuple(CHAIN_ADDRESSES), telnet=telnet), ""

    def _version_changed(self, *_: Any) -> None:
        v3 = self.snmp_version.currentData() == "3"
        self._snmp_form.setRowVisible(self.community, not v3)
        for field in (self.v3_user, self.v3_auth, self.v3_auth_key, self.v3_priv, self.v3_priv_key,
                      self.v3_context):
            self._snmp_form.setRowVisible(field, v3)
        self._validate()
        self._grow()

    def _grow(self) -> None:
        """Rows shown or hidden (SNMPv3, Telnet): make room, the notes must not be clipped."""
        if hasattr(self, "tabs"):
            page = self.tabs.currentWidget()
            inner = page.widget() if isinstance(page, QScrollArea) else page
            want = inner.sizeHint().height() + self.tabs.tabBar().sizeHint().height() + 8
            room = height_room(self)
            if room is not None:  # the rest of the dialog stays on the screen; the page scrolls
                rest = self.sizeHint().height() - self.tabs.sizeHint().height()
                want = min(want, max(room - rest, 160))
            self.tabs.setMinimumHeight(0)
            self.tabs.setMinimumHeight(want)
        if self.isVisible():
            self.adjustSize()
            keep_inside(self)

    def commit_secrets(self, session: credentials.SessionSecrets | None = None) -> list[str]:
        """Keep the secrets typed in the dialog for this session, and in the system keyring
        where "remember" is ticked. Returns what the keyring refused (no secret in the text).
        Call it after the dialog was accepted; empty fields are left alone."""
        request = self.request()
        if request is None:
            return []
        problems: list[str] = []
        ep = request.endpoint
        typed = []
        if isinstance(ep, SnmpEndpoint):
            if ep.version != "3":
                typed.append((credentials.SNMP_COMMUNITY, "", self.community))
            else:
                typed += [(SNMP_AUTH_KEY, ep.user, self.v3_auth_key), (SNMP_PRIV_KEY, ep.user, self.v3_priv_key)]
            keep = self.snmp_remember.isChecked()
            for kind, user, edit in typed:
                if edit.text():
                    problem = credentials.remember(kind, user, ep.host, edit.text(), keyring=keep, session=session)
                    if problem:
                        problems.append(problem)
        if request.telnet is not None and self.telnet_password.text():
            problem = credentials.remember(TELNET_PASSWORD, request.telnet.user, request.telnet.host,
                                           self.telnet_password.text(), keyring=self.telnet_remember.isChecked(),
                                           session=session)
            if problem:
                problems.append(problem)
        return list(dict.fromkeys(problems))

    def _validate(self, *_: Any) -> None:
        if not hasattr(self, "telnet_group"):
            return  # still being built
        self.telnet_group.setVisible(self.tabs.currentIndex() != 0)
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
        self.tabs.setTabText(SNMP_TAB, self.tr("SN&MP master"))
        for label, text in zip(self._snmp_labels, (
                self.tr("&Host:"), self.tr("&Port:"), self.tr("&Version:"), self.tr("&Community:"),
                self.tr("&User:"), self.tr("&Authentication:"), self.tr("Authentication &key:"),
                self.tr("Pr&ivacy:"), self.tr("Privacy k&ey:"), self.tr("Conte&xt:")), strict=True):
            label.setText(text)
        self.community.setToolTip(self.tr("The unit's read community; empty: the one saved before, else the "
                                          "factory \"public\""))
        for edit in (self.v3_auth_key, self.v3_priv_key):
            edit.setPlaceholderText(self.tr("empty: the one saved before"))
        self.v3_context.setPlaceholderText(self.tr("none"))
        self.snmp_remember.setText(self.tr("Remem&ber the community or keys in the system keyring"))
        self._snmp_note.setText(self.tr("The master and the slaves chained behind it (up to 5) are read over SNMP; "
                                        "slaves appear as they answer. SNMP has no alarm limits: the Telnet "
                                        "account below shows them for the master."))
        self.telnet_group.setTitle(self.tr("Telnet account of the master (firmware version, energy meters, "
                                           "warning thresholds)"))
        for label, text in zip(self._telnet_labels, (self.tr("Telnet p&ort:"), self.tr("&Login:"),
                                                     self.tr("Pass&word:")), strict=True):
            label.setText(text)
        self.telnet_password.setPlaceholderText(self.tr("empty: the one saved before"))
        self.telnet_remember.setText(self.tr("Remember the password in the system keyrin&g"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Co&nnect"))
        self._port_changed()
