"""The unit view's Telnet tab of a networked master: firmware, energy meters, warning thresholds.

What only the master's Telnet CLI shows or does (transport/telnet.py):

* the firmware version, its last update, the unit's clock and uptime (the login banner);
* the energy meter of each phase, with a reset per phase or of all three (menu 9). A reset
  destroys the meter's reading for good, so it is confirmed first, naming the reading that
  will be lost, and reported before and after;
* the warning thresholds (menu 8) beside the alarm thresholds. The warnings are edited in
  locale-aware spin boxes, checked inline as in the unit (low alarm <= low warning <= high
  warning <= high alarm, range, decimals) before anything is sent, then applied with
  services/telnet_thresholds.set_telnet_thresholds and read back.

Every action is a job on the link's worker (ui/network.py); the tab never waits for one.
Without a password (or after a refused login) the tab asks for the account and password.
The tab is shown for the master of an SNMP link and for the units of a Modbus TCP host.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QFrame, QGridLayout, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMessageBox, QPushButton, QScrollArea, QSpinBox, QTableWidget,
    QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from bps_commissioner.device.limits import (
    DEFAULT_RATING, RATINGS, Problem, ValidationError, physical_range, quantity_of,
)
from bps_commissioner.device.registers import MONITORED_BY_KEY
from bps_commissioner.services import credentials
from bps_commissioner.services.endpoints import SnmpEndpoint
from bps_commissioner.services.secrets import TELNET_PASSWORD
from bps_commissioner.services.telnet_jobs import (
    CONNECT, ENERGY_RESET, INVALID, LOGIN_REFUSED, NO_PASSWORD, PROTOCOL, THRESHOLDS, TIMEOUT, EnergyReset,
    TelnetOutcome, TelnetTarget,
)
from bps_commissioner.services.telnet_thresholds import FIELDS, TELNET_QUANTITIES, validate
from bps_commissioner.services.endpoints import FACTORY_USER
from bps_commissioner.services.endpoints import TELNET_PORT as TELNET_DEFAULT_PORT
from bps_commissioner.ui import format as fmt
from bps_commissioner.ui.network import NetworkSession, is_networked

translate = QCoreApplication.translate

OK_COLOUR, WARN_COLOUR, ERROR_COLOUR = "#2e7d32", "#8a3c00", "#b71c1c"
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


def _base(quantity: str) -> str:
    return f"{quantity}.high"


def _decimals(quantity: str) -> int:
    return quantity_of(_base(quantity)).decimals


def _unit(quantity: str) -> str:
    return quantity_of(_base(quantity)).unit


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


class TelnetPanel(QWidget):
    """The Telnet tab. Call :meth:`attach` with the unit view's tab widget so that the tab is
    shown only where it applies."""

    def __init__(self, network: NetworkSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("telnetPanel")
        self.network = network
        self._key: str | None = None
        self._address: int | None = None
        self._tabs: QTabWidget | None = None
        self._present: dict[str, dict[str, float]] = {}  # the thresholds the unit holds (last read)
        self._problems: dict[str, Problem] = {}
        self._loaded: dict[str, float] = {}  # what each spin box was last set to from the unit
        self._login_for: Any = ()  # the account the login fields were last filled from
        self._pending: tuple[int, ...] | None = None  # phases of a reset awaiting confirmation
        self.confirm_box: QMessageBox | None = None

        # header
        self.heading = QLabel()
        self.heading.setObjectName("telnetHeading")
        self.heading.setWordWrap(True)
        self.read_button = QPushButton()
        self.read_button.setObjectName("telnetRead")
        self.read_button.clicked.connect(self.read)
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
        self.login_password.returnPressed.connect(self.log_in)
        self.login_remember = QCheckBox()
        self.login_remember.setObjectName("telnetLoginRemember")
        self.login_button = QPushButton()
        self.login_button.setObjectName("telnetLoginButton")
        self.login_button.clicked.connect(self.log_in)
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
            button.clicked.connect(lambda _=False, p=row + 1: self.ask_reset((p,)))
            energy_grid.addWidget(QLabel(PHASE_NAMES[row]), row, 0)
            energy_grid.addWidget(value, row, 1)
            energy_grid.addWidget(button, row, 2)
            self.energy_values.append(value)
            self.reset_buttons.append(button)
        self.reset_all = QPushButton()
        self.reset_all.setObjectName("telnetResetAll")
        self.reset_all.clicked.connect(lambda: self.ask_reset((1, 2, 3)))
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
                    spin = QDoubleSpinBox()
                    spin.setObjectName(f"spin_{setting}")
                    spin.setDecimals(_decimals(quantity))
                    spin.setSingleStep(10.0 ** -_decimals(quantity))
                    spin.setSuffix(f" {_unit(quantity)}")
                    spin.setKeyboardTracking(False)
                    spin.setEnabled(False)
                    spin.valueChanged.connect(self._check)
                    self.thresholds.setCellWidget(row, column, spin)
                    self.spins[setting] = spin
                else:
                    self.thresholds.setItem(row, column, _cell())
        self.rating_combo = QComboBox()
        self.rating_combo.setObjectName("telnetRating")
        for rating in RATINGS:
            self.rating_combo.addItem(fmt.with_unit(str(rating), "A"), rating)
        self.rating_combo.setCurrentIndex(RATINGS.index(DEFAULT_RATING))
        self.rating_combo.currentIndexChanged.connect(self._rating_changed)
        self._rating_label = QLabel()
        self._rating_label.setBuddy(self.rating_combo)
        self.apply_button = QPushButton()
        self.apply_button.setObjectName("telnetApply")
        self.apply_button.clicked.connect(self.apply)
        self.revert_button = QPushButton()
        self.revert_button.setObjectName("telnetRevert")
        self.revert_button.clicked.connect(self.revert)
        self.thresholds_note = QLabel()
        self.thresholds_note.setObjectName("telnetThresholdsNote")
        self.thresholds_note.setWordWrap(True)
        self.thresholds_note.setStyleSheet("color: #555;")
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
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(head)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)

        self.status.hide()
        network.changed.connect(self._on_changed)
        network.outcome.connect(self._on_outcome)
        self._retranslate()
        self._render()

    # -- where it applies ---------------------------------------------------------------------
    def attach(self, tabs: QTabWidget) -> None:
        """Show this tab in ``tabs`` only for a networked master."""
        self._tabs = tabs
        self._update_visibility()

    def applies(self) -> bool:
        key, address = self._key, self._address
        if key is None or address is None or key not in self.network.manager.keys():
            return False
        endpoint = self.network.manager.endpoint(key)
        if isinstance(endpoint, SnmpEndpoint):
            return address == 0  # slaves have no Telnet: their master has
        return is_networked(endpoint)

    def _update_visibility(self) -> None:
        if self._tabs is None:
            return
        index = self._tabs.indexOf(self)
        if index >= 0 and self._tabs.isTabVisible(index) != self.applies():
            self._tabs.setTabVisible(index, self.applies())

    # -- UnitView's calls -----------------------------------------------------------------------
    def unit_selected(self, key: str | None, address: int | None) -> None:
        changed_link = key != self._key
        self._key, self._address = key, address
        if changed_link:
            self._present = {}
            self._problems = {}
            self._loaded = {}
            self.energy_report.clear()
            self.thresholds_message.clear()
            self._show_status("", "")
            self._login_for = ()
            self.login_password.clear()
        self._update_visibility()
        self._render()

    # -- commands -------------------------------------------------------------------------------
    @property
    def target(self) -> TelnetTarget | None:
        return self.network.target(self._key)

    def read(self) -> None:
        if self._key is not None and self.target is not None:
            self.network.read(self._key)
            self._render()

    def log_in(self) -> None:
        """Use the account and password typed in the tab (kept for the session; in the
        system keyring when ticked) and read the master."""
        key = self._key
        host = self.network.host(key)
        user = self.login_user.text().strip()
        if key is None or host is None:
            return
        if not user:
            self._show_status(self.tr("Type the Telnet account (the factory one is admin)."), ERROR_COLOUR)
            return
        password = self.login_password.text()
        problem = None
        if password:
            problem = credentials.remember(TELNET_PASSWORD, user, host, password,
                                           keyring=self.login_remember.isChecked())
        self.login_password.clear()
        self.network.set_target(key, TelnetTarget(host, self.login_port.value(), user), read=True)
        if problem:
            self._show_status(self.tr("The password is kept for this session only: %1").replace("%1", problem),
                              WARN_COLOUR)

    def ask_reset(self, phases: tuple[int, ...]) -> QMessageBox | None:
        """Ask before clearing the meters of ``phases``; the box names what will be lost."""
        overview = self.network.overview(self._key)
        if overview is None or self.network.busy(self._key):
            return None
        readings = ", ".join(f"{PHASE_NAMES[p - 1]} {energy_text(overview.energy.get(p))}" for p in phases)
        where = self.target.describe() if self.target else ""
        if len(phases) == 1:
            text = self.tr("Reset the energy meter of phase %1 on the master at %2?").replace(
                "%1", PHASE_NAMES[phases[0] - 1]).replace("%2", where)
        else:
            text = self.tr("Reset the energy meters of all three phases on the master at %1?").replace("%1", where)
        if len(phases) == 1:
            detail = self.tr("The meter reading that will be lost for good: %1. The unit keeps no copy; note it "
                             "down first if it is needed.").replace("%1", readings)
        else:
            detail = self.tr("The meter readings that will be lost for good: %1. The unit keeps no copy; note them "
                             "down first if they are needed.").replace("%1", readings)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Reset energy meters"), text,
                          QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("telnetResetConfirm")
        box.setInformativeText(detail)
        reset = box.addButton(self.tr("&Reset"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self._pending = phases
        box.buttonClicked.connect(lambda button: self._confirmed(phases) if button is reset else None)
        box.finished.connect(lambda _r: setattr(self, "confirm_box", None))
        self.confirm_box = box
        box.open()
        return box

    def _confirmed(self, phases: tuple[int, ...]) -> None:
        self._pending = None
        if self._key is not None and self.network.reset_energy(self._key, phases) is not None:
            self.energy_report.clear()
            self._render()

    def changes(self) -> dict[str, str]:
        """The edited warning thresholds that differ from the unit's: {setting: value text}."""
        out = {}
        for setting, spin in self.spins.items():
            quantity, name = setting.split(".")
            present = self._present.get(quantity, {}).get(name)
            if present is None:
                continue
            value = round(spin.value(), _decimals(quantity))
            if abs(value - present) >= 0.5 * 10.0 ** -_decimals(quantity):
                out[setting] = f"{value:.{_decimals(quantity)}f}"
        return out

    @property
    def rating(self) -> int:
        return int(self.rating_combo.currentData())

    def apply(self) -> None:
        requested = self.changes()
        if not requested or self._problems or self._key is None:
            return
        if self.network.set_thresholds(self._key, requested, self.rating) is not None:
            self.thresholds_message.setText(self.tr("Sending %n change(s) and reading them back…", "",
                                                    len(requested)))
            _colour(self.thresholds_message, "")
            self._render()

    def revert(self) -> None:
        self._load_spins(force=True)
        self.thresholds_message.clear()
        self._check()

    # -- what the session tells -------------------------------------------------------------------
    def _on_changed(self, key: str) -> None:
        if key == self._key:
            self._render()

    def _on_outcome(self, key: str, outcome: TelnetOutcome) -> None:
        if key != self._key:
            return
        overview = self.network.overview(key)
        if overview is not None:  # what the unit holds now (read back)
            self._present = {q: dict(v) for q, v in overview.thresholds.items()}
        if not outcome.ok:
            self._show_error(outcome)
        else:
            self._show_status(self.tr("✓ Telnet: done at %1.").replace("%1", fmt.clock(_now())), OK_COLOUR)
        if outcome.action == ENERGY_RESET and outcome.ok:
            self._show_reset(outcome.value)
        elif outcome.action == THRESHOLDS:
            if outcome.error_kind == INVALID:
                self.thresholds_message.setText("\n".join(self._problem_text(p) for p in outcome.problems))
                _colour(self.thresholds_message, ERROR_COLOUR)
            elif outcome.ok:
                self._show_threshold_report(outcome.value)
        self._load_spins(force=outcome.action == THRESHOLDS and outcome.ok)
        self._render()

    # -- display ----------------------------------------------------------------------------------
    def _render(self) -> None:
        key = self._key
        target = self.target
        overview = self.network.overview(key)
        busy = self.network.busy(key)
        if target != self._login_for:  # a new account for this link: the login fields show it
            self._login_for = target
            self.login_port.setValue(target.port if target else TELNET_DEFAULT_PORT)
            self.login_user.setText(target.user if target else FACTORY_USER)
        if target is None:
            host = self.network.host(key) or ""
            self.heading.setText(self.tr("<b>Telnet</b> of the master at %1: no account given yet.").replace(
                "%1", host))
        else:
            self.heading.setText(self.tr("<b>Telnet</b> of the master at %1, account %2").replace(
                "%1", target.describe()).replace("%2", target.user))
        need_login = target is None or self.network.login_refused(key) or (
            overview is None and (last := self.network.last_outcome(key)) is not None
            and last.error_kind in (NO_PASSWORD, LOGIN_REFUSED, CONNECT))
        self.login_box.setVisible(bool(need_login))
        self.login_button.setEnabled(not busy)
        self.read_button.setEnabled(target is not None and not busy and not self.network.login_refused(key))
        if busy:
            self._show_status(self.tr("Working over Telnet with %1…").replace(
                "%1", target.describe() if target else ""), "")
        banner = overview.banner if overview is not None else None
        self.version.setText(banner.version or "–" if banner else "–")
        self.last_update.setText(banner.last_update or "–" if banner else "–")
        self.clock.setText(" ".join(x for x in (banner.date, banner.time) if x) or "–" if banner else "–")
        self.uptime.setText(uptime_text(banner.uptime_seconds, banner.uptime) if banner else "–")
        self.read_at.setText(fmt.clock(overview.time) if overview else "–")
        for row in range(3):
            value = overview.energy.get(row + 1) if overview else None
            self.energy_values[row].setText(energy_text(value))
            self.reset_buttons[row].setEnabled(overview is not None and not busy)
        self.reset_all.setEnabled(overview is not None and not busy)
        if overview is not None:
            self._present = {q: dict(v) for q, v in overview.thresholds.items()}
        for row, quantity in enumerate(TELNET_QUANTITIES):
            values = self._present.get(quantity, {})
            for column, name in enumerate(COLUMNS):
                if name not in EDITABLE:
                    item = self.thresholds.item(row, column)
                    value = values.get(name)
                    item.setText("–" if value is None else fmt.with_unit(
                        fmt.number(value, _decimals(quantity)), _unit(quantity)))
                    item.setToolTip(self.tr("Alarm limit: set it in the Thresholds tab (Modbus)"))
        self._load_spins(force=False)
        for spin in self.spins.values():
            spin.setEnabled(bool(self._present) and not busy)
        self.rating_combo.setEnabled(not busy)
        self._update_buttons()
        _fit(self.thresholds)

    def _load_spins(self, force: bool) -> None:
        """Put the unit's values in the spin boxes (only where not edited, unless ``force``)."""
        if not self._present:
            return
        for setting, spin in self.spins.items():
            quantity, name = setting.split(".")
            loaded = self._loaded.get(setting)
            if loaded is not None and abs(spin.value() - loaded) > 1e-9 and not force:
                continue  # the user's edit: kept
            low, high = physical_range(_base(quantity), self.rating)
            present = self._present.get(quantity, {}).get(name)
            spin.blockSignals(True)
            spin.setRange(min(low, present if present is not None else low),
                          max(high, present if present is not None else high))
            if present is not None:
                spin.setValue(present)
                self._loaded[setting] = spin.value()
            spin.blockSignals(False)
        self._check()

    def _rating_changed(self) -> None:
        self._load_spins(force=False)

    def _check(self, *_: Any) -> None:
        """Validate the edits as the unit would (nothing is sent here)."""
        requested = self.changes()
        self._problems = {}
        if requested and self._present:
            try:
                validate(self._present, requested, self.rating)
            except ValidationError as exc:
                self._problems = {p.setting: p for p in exc.problems}
        for setting, spin in self.spins.items():
            problem = self._problems.get(setting)
            style = f"QDoubleSpinBox {{ color: {ERROR_COLOUR}; background: #ffe3e3; }}" if problem else (
                "QDoubleSpinBox { font-weight: bold; }" if setting in requested else "")
            if spin.styleSheet() != style:
                spin.setStyleSheet(style)
            spin.setToolTip(self._problem_text(problem) if problem else "")
        if self._problems:
            self.thresholds_message.setText("✗ " + "\n✗ ".join(self._problem_text(p) for p in self._problems.values()))
            _colour(self.thresholds_message, ERROR_COLOUR)
        elif requested and not self.network.busy(self._key):
            self.thresholds_message.setText(self.tr("%n change(s) to apply: checked, nothing sent yet.", "",
                                                    len(requested)))
            _colour(self.thresholds_message, "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.network.busy(self._key)
        requested = self.changes()
        self.apply_button.setEnabled(bool(requested) and not self._problems and not busy)
        self.revert_button.setEnabled(bool(requested) and not busy)

    def _problem_text(self, p: Problem) -> str:
        setting = p.setting
        quantity, _, name = setting.partition(".")
        if quantity not in TELNET_QUANTITIES or name not in FIELDS:
            return p.message
        where = self.tr("%1, %2").replace("%1", quantity_label(quantity)).replace("%2", field_label(name))
        d = p.data
        decimals, unit = _decimals(quantity), _unit(quantity)

        def value(v: Any) -> str:
            return fmt.with_unit(fmt.number(float(v), decimals), unit)

        if p.code == "range":
            return self.tr("%1: outside %2 .. %3").replace("%1", where).replace("%2", value(d["low"])).replace(
                "%3", value(d["high"]))
        if p.code == "order":
            other = str(d.get("other", "")).partition(".")[2]
            text = self.tr("%1: must not be below the %2 (%3)") if FIELDS.index(name) < FIELDS.index(other) else \
                self.tr("%1: must not be above the %2 (%3)")
            return text.replace("%1", where).replace("%2", field_label(other)).replace("%3", value(d["other_value"]))
        if p.code == "decimals":
            return self.tr("%1: more decimals than the unit takes").replace("%1", where)
        return p.message

    def _show_status(self, text: str, colour: str) -> None:
        self.status.setText(text)
        self.status.setToolTip("")
        self.status.setVisible(bool(text))
        _colour(self.status, colour)

    def _show_error(self, outcome: TelnetOutcome) -> None:
        where = outcome.target.describe()
        kind = outcome.error_kind
        if kind == NO_PASSWORD:
            text = self.tr("No Telnet password for %1 yet: type it below.").replace("%1", outcome.target.user)
        elif kind == LOGIN_REFUSED:
            text = self.tr("The master at %1 refused the login as %2. It is not tried again by itself, so that the "
                           "unit does not lock the account: check the account and type the password again.").replace(
                "%1", where).replace("%2", outcome.target.user)
        elif kind == CONNECT:
            text = self.tr("No Telnet connection to %1: Telnet may be off on the unit (web UI Network > Telnet), "
                           "or the port differs.").replace("%1", where)
        elif kind == TIMEOUT:
            text = self.tr("The master at %1 did not answer in time over Telnet.").replace("%1", where)
        elif kind == PROTOCOL:
            text = self.tr("The master at %1 answered something this tool does not understand; the raw dialogue "
                           "is in the tooltip.").replace("%1", where)
        elif kind == INVALID:
            text = self.tr("Nothing was sent: a value was refused (see the thresholds).")
        else:
            text = self.tr("Telnet with %1 failed.").replace("%1", where)
        self._show_status("✗ " + text, ERROR_COLOUR)
        self.status.setToolTip(outcome.error or "")

    def _show_reset(self, reset: EnergyReset) -> None:
        lines = []
        for p in reset.phases:
            before, after = reset.before.get(p), reset.after.get(p)
            mark = "✓" if after == 0 else "✗"
            lines.append(f"{mark} {PHASE_NAMES[p - 1]}: {energy_text(before)} → {energy_text(after)}")
        if reset.ok:
            head = self.tr("Reset at %1, read back:").replace("%1", fmt.clock(_now()))
        else:
            head = self.tr("Not every meter reads 0 after the reset (%1):").replace(
                "%1", ", ".join(PHASE_NAMES[p - 1] for p in reset.not_cleared))
        self.energy_report.setText(head + "\n" + "\n".join(lines))
        _colour(self.energy_report, OK_COLOUR if reset.ok else ERROR_COLOUR)

    def _show_threshold_report(self, report: Any) -> None:
        lines = []
        for change in report.changes:
            quantity, _, name = change.setting.partition(".")
            decimals, unit = _decimals(quantity), _unit(quantity)

            def value(v: Any) -> str:
                return "–" if v is None else fmt.with_unit(fmt.number(float(v), decimals), unit)

            where = self.tr("%1, %2").replace("%1", quantity_label(quantity)).replace("%2", field_label(name))
            if change.ok:
                lines.append("✓ " + self.tr("%1: %2 → %3, reads back %4").replace("%1", where).replace(
                    "%2", value(change.old)).replace("%3", value(change.new)).replace("%4", value(change.read_back)))
            else:
                lines.append("✗ " + self.tr("%1: sent %2, but the unit reads back %3").replace("%1", where).replace(
                    "%2", value(change.new)).replace("%3", value(change.read_back)))
        for setting in report.collateral:
            quantity, _, name = setting.partition(".")
            lines.append("⚠ " + self.tr("%1 changed although not asked for: check the unit").replace(
                "%1", self.tr("%1, %2").replace("%1", quantity_label(quantity)).replace("%2", field_label(name))))
        self.thresholds_message.setText("\n".join(lines))
        _colour(self.thresholds_message, OK_COLOUR if report.ok else ERROR_COLOUR)

    # -- language -------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            if self.locale() != QLocale():
                self.setLocale(QLocale())  # the spin boxes follow the new decimal separator
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.read_button.setText(self.tr("Read a&gain"))
        self.read_button.setToolTip(self.tr("Log in over Telnet and read the firmware, the meters and the thresholds"))
        self.login_box.setTitle(self.tr("Telnet login"))
        for label, text in zip(self._login_labels, (self.tr("Telnet p&ort:"), self.tr("&Login:"),
                                                    self.tr("Pass&word:")), strict=True):
            label.setText(text)
        self.login_remember.setText(self.tr("Remember the password in the system keyrin&g"))
        self.login_button.setText(self.tr("Log &in and read"))
        self.firmware_box.setTitle(self.tr("Firmware"))
        for label, text in zip(self._firmware_labels, (self.tr("Version:"), self.tr("Last update:"),
                                                       self.tr("Unit clock:"), self.tr("Up time:"),
                                                       self.tr("Read at:")), strict=True):
            label.setText(text)
        self.energy_box.setTitle(self.tr("Energy meters (menu 9)"))
        for row, button in enumerate(self.reset_buttons):
            button.setText(self.tr("Reset %1…").replace("%1", PHASE_NAMES[row]))
        self.reset_all.setText(self.tr("Reset &all three…"))
        self.thresholds_box.setTitle(self.tr("Alarm and warning thresholds (menu 8)"))
        # "Low\nwarning": two short lines keep the columns as narrow as their spin boxes
        self.thresholds.setHorizontalHeaderLabels([field_label(n).capitalize().replace(" ", "\n", 1) for n in COLUMNS])
        self.thresholds.setVerticalHeaderLabels([quantity_label(q) for q in TELNET_QUANTITIES])
        self.thresholds_note.setText(self.tr(
            "The warnings exist only in the unit's Telnet menu. Changes are checked as the unit checks them "
            "(low alarm ≤ low warning ≤ high warning ≤ high alarm) before anything is sent, then read back."))
        self._rating_label.setText(self.tr("Rated &current:"))
        self.rating_combo.setToolTip(self.tr("The unit's rated current (not readable from the unit): the highest "
                                             "current threshold"))
        self.apply_button.setText(self.tr("A&pply warnings"))
        self.revert_button.setText(self.tr("Re&vert"))
        self._render()


def _now() -> float:
    import time

    return time.time()


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


def _fit(table: QTableWidget) -> None:
    """The table as large as its contents: the tab scrolls, not each table."""
    table.resizeColumnsToContents()
    width = table.verticalHeader().sizeHint().width() + 2 * table.frameWidth()
    width += sum(table.columnWidth(c) for c in range(table.columnCount()))
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(r) for r in range(table.rowCount()))
    if (table.width(), table.height()) != (width, height):
        table.setFixedSize(width, height)


def _colour(label: QLabel, colour: str) -> None:
    style = f"color: {colour};" if colour else ""
    if label.styleSheet() != style:
        label.setStyleSheet(style)


__all__ = ["TelnetPanel", "tab_title"]
