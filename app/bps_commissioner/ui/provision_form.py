"""The set-up wizard's parts (ui/provision_wizard.py): the masters of a plan, the form of
one master (where it answers now, how to log in, what it should become) and the table of
its settings, on the unit beside planned.

The form never keeps a password beyond its fields: :meth:`MasterForm.secrets` makes the
services' ``Secret`` objects when a job is started, and :meth:`MasterForm.clear_passwords`
empties the fields after a master is done. Strings keep the context "ProvisionWizard".
"""

from __future__ import annotations

import datetime

from dataclasses import dataclass, field
from typing import Mapping

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QGroupBox, QHeaderView, QLabel, QLineEdit, QSpinBox, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from bps_commissioner.device import provisioning as pv
from bps_commissioner.device.address import parse_host
from bps_commissioner.device.plan import Plan
from bps_commissioner.device.plan_network import provisioning_values
from bps_commissioner.device.ports import FACTORY_USER, TELNET_PORT
from bps_commissioner.services.secrets import Secret

CONTEXT = "ProvisionWizard"
CHANGED_COLOUR = "#fff2c2"  # a row whose planned value differs from the unit's


translate = QCoreApplication.translate  # the name pyside6-lupdate recognizes


def setting_label(key: str) -> str:
    """A setting key of device/telnet_menus.py as the wizard names it."""
    labels = {
        "clock": translate("ProvisionWizard", "Clock"),
        "password": translate("ProvisionWizard", "Password"),
        "network.address": translate("ProvisionWizard", "IPv4 address"),
        "network.mask": translate("ProvisionWizard", "Subnet mask"),
        "network.gateway": translate("ProvisionWizard", "Gateway"),
        "network.dns": translate("ProvisionWizard", "DNS server"),
        "snmp.agent": translate("ProvisionWizard", "SNMP agent"),
        "snmp.write_community": translate("ProvisionWizard", "SNMP write community"),
        "snmp.read_community": translate("ProvisionWizard", "SNMP read community"),
        "snmp.trap1": translate("ProvisionWizard", "SNMP trap receiver 1"),
        "http.port": translate("ProvisionWizard", "HTTP port"),
        "smtp.account": translate("ProvisionWizard", "SMTP account"),
        "smtp.password": translate("ProvisionWizard", "SMTP password"),
        "smtp.server": translate("ProvisionWizard", "SMTP server"),
        "smtp.port": translate("ProvisionWizard", "SMTP port"),
        "smtp.count": translate("ProvisionWizard", "SMTP cyclical notifications"),
        "smtp.interval": translate("ProvisionWizard", "SMTP time between notifications"),
        "smtp.recipient": translate("ProvisionWizard", "SMTP recipient"),
    }
    return labels.get(key, key)


@dataclass
class Master:
    """One master to set up: where it answers now and what the plan wants of it."""

    name: str
    host: str = pv.FACTORY_ADDRESS
    telnet_port: int = TELNET_PORT
    user: str = FACTORY_USER
    planned: dict[str, str] = field(default_factory=dict)
    status: str = ""  # "", "verified", "skipped"
    final_host: str = ""

    @property
    def planned_address(self) -> str:
        return self.planned.get("network.address", "")


def masters_of_plan(plan: Plan) -> list[Master]:
    """The plan's units with a ``network`` block, in the plan's order: the masters to set up."""
    out = []
    for unit in plan.units:
        if unit.network is None:
            continue
        host, port = pv.FACTORY_ADDRESS, TELNET_PORT
        if unit.host:
            try:
                host, port = parse_host(unit.host, TELNET_PORT)
            except ValueError:
                host = unit.host
        out.append(Master(unit.name or unit.label, host, port, unit.telnet_user or FACTORY_USER,
                          provisioning_values(unit)))
    return out


# The form's value fields: setting key -> attribute of MasterForm
VALUE_FIELDS = (("network.address", "address"), ("network.mask", "mask"), ("network.gateway", "gateway"),
                ("network.dns", "dns"), ("http.port", "http_port"), ("snmp.read_community", "read_community"),
                ("snmp.trap1", "trap1"))


class MasterForm(QWidget):
    """Where the master answers now, the login, and the settings it should get.
    ``changed()`` when any field changes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("provisionForm")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.now_box = QGroupBox()
        now = QFormLayout(self.now_box)
        self.host = self._line("provisionHost", pv.FACTORY_ADDRESS)
        self.telnet_port = QSpinBox()
        self.telnet_port.setObjectName("provisionTelnetPort")
        self.telnet_port.setRange(1, 65535)
        self.telnet_port.setValue(TELNET_PORT)
        self.telnet_port.valueChanged.connect(lambda *_: self.changed.emit())
        self.user = self._line("provisionUser", FACTORY_USER)
        self.login_password = self._line("provisionLoginPassword", password=True)
        self.login_hint = QLabel()
        self.login_hint.setObjectName("provisionLoginHint")
        self.login_hint.setWordWrap(True)
        self._now_labels = [QLabel() for _ in range(4)]
        for label, widget in zip(self._now_labels, (self.host, self.telnet_port, self.user, self.login_password),
                                 strict=True):
            label.setBuddy(widget)
            now.addRow(label, widget)
        now.addRow(self.login_hint)
        layout.addWidget(self.now_box)

        self.new_box = QGroupBox()
        new = QFormLayout(self.new_box)
        self.address = self._line("provisionAddress")
        self.mask = self._line("provisionMask")
        self.gateway = self._line("provisionGateway")
        self.dns = self._line("provisionDns")
        self.http_port = self._line("provisionHttpPort")
        self.agent = QComboBox()
        self.agent.setObjectName("provisionAgent")
        for value in ("", "enable", "disable"):
            self.agent.addItem("", value)
        self.agent.currentIndexChanged.connect(lambda *_: self.changed.emit())
        self.read_community = self._line("provisionReadCommunity")
        self.trap1 = self._line("provisionTrap1")
        self.set_clock = QCheckBox()
        self.set_clock.setObjectName("provisionSetClock")
        self.set_clock.toggled.connect(lambda *_: self.changed.emit())
        self.new_password = self._line("provisionNewPassword", password=True)
        self.new_password_again = self._line("provisionNewPasswordAgain", password=True)
        widgets = (self.address, self.mask, self.gateway, self.dns, self.http_port, self.agent,
                   self.read_community, self.trap1, self.new_password, self.new_password_again)
        self._new_labels = [QLabel() for _ in widgets]
        for label, widget in zip(self._new_labels, widgets, strict=True):
            label.setBuddy(widget)
            new.addRow(label, widget)
        new.addRow(self.set_clock)
        layout.addWidget(self.new_box)
        layout.addStretch(1)
        self.retranslate()

    def _line(self, name: str, text: str = "", password: bool = False) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setObjectName(name)
        if password:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.textChanged.connect(lambda *_: self.changed.emit())
        return edit

    def retranslate(self) -> None:
        self.now_box.setTitle(translate("ProvisionWizard", "Where the master answers now"))
        now = (translate("ProvisionWizard", "&Address:"), translate("ProvisionWizard", "&Telnet port:"),
               translate("ProvisionWizard", "A&ccount:"), translate("ProvisionWizard", "Login pass&word:"))
        for label, text in zip(self._now_labels, now, strict=True):
            label.setText(text)
        self.login_hint.setText(translate("ProvisionWizard", "A new unit's password is admin."))
        self.new_box.setTitle(translate("ProvisionWizard", "What it should become (empty: left as it is)"))
        texts = (translate("ProvisionWizard", "&New address:"), translate("ProvisionWizard", "Subnet &mask:"),
                 translate("ProvisionWizard", "&Gateway:"), translate("ProvisionWizard", "&DNS server:"),
                 translate("ProvisionWizard", "&HTTP port:"), translate("ProvisionWizard", "SNMP a&gent:"),
                 translate("ProvisionWizard", "&Read community:"), translate("ProvisionWizard", "Trap receiver &1:"),
                 translate("ProvisionWizard", "New &password:"), translate("ProvisionWizard", "New password a&gain:"))
        for label, text in zip(self._new_labels, texts, strict=True):
            label.setText(text)
        agent = (translate("ProvisionWizard", "as it is"), translate("ProvisionWizard", "on"),
                 translate("ProvisionWizard", "off"))
        for index, text in enumerate(agent):
            self.agent.setItemText(index, text)
        self.set_clock.setText(translate("ProvisionWizard", "Set the unit's &clock to this laptop's time"))
        self.mask.setPlaceholderText("255.255.255.0")
        self.gateway.setPlaceholderText(translate("ProvisionWizard", "0.0.0.0: none"))

    # -- values -------------------------------------------------------------------------
    def fill(self, master: Master) -> None:
        """The form as the plan's ``master`` wants it (the passwords are left as typed)."""
        self.blockSignals(True)
        try:
            self.host.setText(master.host)
            self.telnet_port.setValue(master.telnet_port)
            self.user.setText(master.user)
            for key, attribute in VALUE_FIELDS:
                getattr(self, attribute).setText(master.planned.get(key, ""))
            index = self.agent.findData(master.planned.get("snmp.agent", ""))
            self.agent.setCurrentIndex(max(index, 0))
        finally:
            self.blockSignals(False)
        self.changed.emit()

    def raw_values(self) -> dict[str, str]:
        """{setting key: text} of the fields that are filled in."""
        out = {key: getattr(self, attribute).text().strip() for key, attribute in VALUE_FIELDS}
        out["snmp.agent"] = self.agent.currentData() or ""
        return {key: value for key, value in out.items() if value}

    def wanted(self) -> tuple[pv.Wanted, list[str]]:
        """The checked values (device/provisioning.py) and the problems, with the form's names."""
        names = {key: label.text().replace("&", "").rstrip(":")
                 for (key, _), label in zip(VALUE_FIELDS, [self._new_labels[i] for i in (0, 1, 2, 3, 4, 6, 7)],
                                            strict=True)}
        names["snmp.agent"] = self._new_labels[5].text().replace("&", "").rstrip(":")
        wanted, problems = pv.wanted_from(self.raw_values(), names=names, set_clock=self.set_clock.isChecked(),
                                          new_password=bool(self.new_password.text()))
        problems += self.password_problems()
        return wanted, problems

    def password_problems(self) -> list[str]:
        first, second = self.new_password.text(), self.new_password_again.text()
        if not first and not second:
            return []
        if first != second:
            return [translate("ProvisionWizard", "The two new passwords differ.")]
        try:
            pv.check_password(first)
        except pv.ValueProblem as exc:
            return [str(exc)]
        return []

    def target_host(self) -> tuple[str, int] | None:
        """(host, Telnet port) typed in; None when the address is not usable."""
        try:
            host, port = parse_host(self.host.text(), self.telnet_port.value())
        except ValueError:
            return None
        return host, port

    def secrets(self) -> tuple[Secret, Secret | None]:
        """The login password and the new one (None: unchanged), as the services take them."""
        new = self.new_password.text()
        return Secret(self.login_password.text(), "prompt"), (Secret(new, "prompt") if new else None)

    def clear_passwords(self) -> None:
        for edit in (self.new_password, self.new_password_again):
            edit.clear()

    def set_editable(self, on: bool) -> None:
        self.now_box.setEnabled(on)
        self.new_box.setEnabled(on)


def planned_texts(wanted: pv.Wanted | None, raw: Mapping[str, str], new_password: bool) -> dict[str, str]:
    """What the table's "planned" column shows: the checked values, else the raw text typed."""
    out = dict(raw)
    if wanted is not None:
        out.update(wanted.values)
    if wanted is not None and wanted.set_clock:
        out["clock"] = translate("ProvisionWizard", "this laptop's time")
    if new_password:
        out["password"] = translate("ProvisionWizard", "(new, hidden)")
    return out


class SettingsTable(QTableWidget):
    """Setting, on the unit, planned; a row that changes is marked (● and a background)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, 3, parent)
        self.setObjectName("provisionSettings")
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.current: dict[str, str | None] = {}
        self.planned: dict[str, str] = {}
        self.changed_keys: list[str] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([translate("ProvisionWizard", "Setting"),
                                        translate("ProvisionWizard", "On the unit"),
                                        translate("ProvisionWizard", "Planned")])
        self.show_settings(self.current, self.planned)

    def show_settings(self, current: Mapping[str, str | None], planned: Mapping[str, str]) -> None:
        self.current, self.planned = dict(current), dict(planned)
        keys = list(current)
        extra = [k for k in planned if k not in current]  # the password (not shown by menu 3) after the clock
        at = 1 if keys and keys[0] == "clock" else 0
        keys[at:at] = extra
        self.setRowCount(len(keys))
        self.changed_keys = []
        bold = QFont(self.font())
        bold.setBold(True)
        for row, key in enumerate(keys):
            shown = current.get(key)
            wanted = planned.get(key)
            changes = wanted is not None and (key == "password" or (_clock_off(shown) if key == "clock"
                                                                     else not _same(key, shown, wanted)))
            if changes:
                self.changed_keys.append(key)
            cells = (("● " if changes else "") + setting_label(key),
                     "" if shown is None else shown, "" if wanted is None else wanted)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, key)
                if changes:
                    item.setBackground(QBrush(QColor(CHANGED_COLOUR)))
                    item.setForeground(QBrush(QColor("#000000")))
                    if column == 2:
                        item.setFont(bold)
                self.setItem(row, column, item)

    def texts(self) -> list[list[str]]:
        return [[self.item(r, c).text() for c in range(3)] for r in range(self.rowCount())]


def _clock_off(shown: str | None) -> bool:
    """Whether the unit's clock as shown is further from this laptop's than the job leaves."""
    skew = pv.clock_skew(shown, datetime.datetime.now())
    return skew is None or abs(skew) > pv.CLOCK_TOLERANCE_S


def _same(key: str, shown: str | None, wanted: str) -> bool:
    from bps_commissioner.device import telnet_menus as tm

    try:
        kind = tm.DEFAULT_TABLE.item(key).kind
    except KeyError:
        return shown == wanted
    try:
        return pv.same(kind, shown, pv.canonical(kind, wanted))
    except pv.ValueProblem:
        return False


__all__ = ["CONTEXT", "Master", "MasterForm", "SettingsTable", "VALUE_FIELDS", "masters_of_plan",
           "planned_texts", "setting_label"]
