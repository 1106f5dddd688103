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

This module drives the jobs and shows their state; the widgets are ui/telnet_form.py's, the
words for a finished job ui/telnet_results.py's.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QLocale
from PySide6.QtWidgets import QMessageBox, QTabWidget, QWidget

from bps_commissioner.device.limits import Problem, ValidationError, physical_range
from bps_commissioner.services import credentials
from bps_commissioner.services.endpoints import FACTORY_USER, SnmpEndpoint
from bps_commissioner.services.endpoints import TELNET_PORT as TELNET_DEFAULT_PORT
from bps_commissioner.services.secrets import TELNET_PASSWORD
from bps_commissioner.services.telnet_jobs import (
    CONNECT_KINDS, ENERGY_RESET, INVALID, LOGIN_REFUSED, NO_PASSWORD, THRESHOLDS, TIMEOUT, TelnetOutcome,
    TelnetTarget,
)
from bps_commissioner.services.telnet_thresholds import TELNET_QUANTITIES, validate
from bps_commissioner.ui import format as fmt
from bps_commissioner.ui import style
from bps_commissioner.ui.network import NetworkSession, is_networked
from bps_commissioner.ui.telnet_form import (
    COLUMNS, EDITABLE, PHASE_NAMES, TelnetForm, base_setting, decimals_of, energy_text, fit_table, set_colour,
    tab_title, unit_of, uptime_text,
)
from bps_commissioner.ui.telnet_results import (
    error_text, problem_text, reset_question, reset_text, threshold_report_text,
)

# the kinds after which the tab asks for the account again (no overview yet)
_ASK_LOGIN = frozenset({NO_PASSWORD, LOGIN_REFUSED, TIMEOUT, *CONNECT_KINDS})


class TelnetPanel(TelnetForm):
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
        self.read_button.clicked.connect(self.read)
        self.login_password.returnPressed.connect(self.log_in)
        self.login_button.clicked.connect(self.log_in)
        for row, button in enumerate(self.reset_buttons):
            button.clicked.connect(lambda _=False, p=row + 1: self.ask_reset((p,)))
        self.reset_all.clicked.connect(lambda: self.ask_reset((1, 2, 3)))
        for spin in self.spins.values():
            spin.valueChanged.connect(self._check)
        self.rating_combo.currentIndexChanged.connect(self._rating_changed)
        self.apply_button.clicked.connect(self.apply)
        self.revert_button.clicked.connect(self.revert)
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
            self._show_status(self.tr("Type the Telnet account (the factory one is admin)."), style.ERROR_COLOUR)
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
                              style.WARN_COLOUR)

    def ask_reset(self, phases: tuple[int, ...]) -> QMessageBox | None:
        """Ask before clearing the meters of ``phases``; the box names what will be lost."""
        overview = self.network.overview(self._key)
        if overview is None or self.network.busy(self._key):
            return None
        readings = ", ".join(f"{PHASE_NAMES[p - 1]} {energy_text(overview.energy.get(p))}" for p in phases)
        text, detail = reset_question(phases, readings, self.target.describe() if self.target else "")
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
            value = round(spin.value(), decimals_of(quantity))
            if abs(value - present) >= 0.5 * 10.0 ** -decimals_of(quantity):
                out[setting] = f"{value:.{decimals_of(quantity)}f}"
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
            set_colour(self.thresholds_message, "")
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
            self._show_status(self.tr("✓ Telnet: done at %1.").replace("%1", fmt.clock(_now())), style.OK_COLOUR)
        if outcome.action == ENERGY_RESET and outcome.ok:
            text, colour = reset_text(outcome.value, _now())
            self.energy_report.setText(text)
            set_colour(self.energy_report, colour)
        elif outcome.action == THRESHOLDS:
            if outcome.error_kind == INVALID:
                self.thresholds_message.setText("\n".join(problem_text(p) for p in outcome.problems))
                set_colour(self.thresholds_message, style.ERROR_COLOUR)
            elif outcome.ok:
                text, colour = threshold_report_text(outcome.value)
                self.thresholds_message.setText(text)
                set_colour(self.thresholds_message, colour)
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
            and last.error_kind in _ASK_LOGIN)
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
                        fmt.number(value, decimals_of(quantity)), unit_of(quantity)))
                    item.setToolTip(self.tr("Alarm limit: set it in the Thresholds tab (Modbus)"))
        self._load_spins(force=False)
        for spin in self.spins.values():
            spin.setEnabled(bool(self._present) and not busy)
        self.rating_combo.setEnabled(not busy)
        self._update_buttons()
        fit_table(self.thresholds)

    def _load_spins(self, force: bool) -> None:
        """Put the unit's values in the spin boxes (only where not edited, unless ``force``)."""
        if not self._present:
            return
        for setting, spin in self.spins.items():
            quantity, name = setting.split(".")
            loaded = self._loaded.get(setting)
            if loaded is not None and abs(spin.value() - loaded) > 1e-9 and not force:
                continue  # the user's edit: kept
            low, high = physical_range(base_setting(quantity), self.rating)
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
            sheet = f"QDoubleSpinBox {{ color: {style.ERROR_COLOUR}; background: {style.ERROR_TINT}; }}" \
                if problem else ("QDoubleSpinBox { font-weight: bold; }" if setting in requested else "")
            if spin.styleSheet() != sheet:
                spin.setStyleSheet(sheet)
            spin.setToolTip(problem_text(problem) if problem else "")
        if self._problems:
            self.thresholds_message.setText("✗ " + "\n✗ ".join(problem_text(p) for p in self._problems.values()))
            set_colour(self.thresholds_message, style.ERROR_COLOUR)
        elif requested and not self.network.busy(self._key):
            self.thresholds_message.setText(self.tr("%n change(s) to apply: checked, nothing sent yet.", "",
                                                    len(requested)))
            set_colour(self.thresholds_message, "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.network.busy(self._key)
        requested = self.changes()
        self.apply_button.setEnabled(bool(requested) and not self._problems and not busy)
        self.revert_button.setEnabled(bool(requested) and not busy)

    def _show_status(self, text: str, colour: str) -> None:
        self.status.setText(text)
        self.status.setToolTip("")
        self.status.setVisible(bool(text))
        set_colour(self.status, colour)

    def _show_error(self, outcome: TelnetOutcome) -> None:
        self._show_status("✗ " + error_text(outcome), style.ERROR_COLOUR)
        self.status.setToolTip(outcome.error or "")

    # -- language -------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            if self.locale() != QLocale():
                self.setLocale(QLocale())  # the spin boxes follow the new decimal separator
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.retranslate_form()
        self._render()


def _now() -> float:
    import time

    return time.time()


__all__ = ["TelnetPanel", "tab_title"]
