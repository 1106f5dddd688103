"""The commissioning panel: a plan, the checks against it, the report.

The engineer opens a plan (or makes one from what the chain tree shows), names the units
and sets what is expected in the table, runs the checks (with progress and cancel; the
planned thresholds applied when asked), reads each unit's checklist (pass / warn / fail,
an icon and a word, never colour alone), adds notes per unit, and previews and exports
the report (PDF, in the window's language) and the CSV.

The parts: this module the form and the buttons; ui/commission_table.py the plan table,
the checklist and the notes; ui/commission_driver.py the job driver (every link of the plan
runs as a job: on the window's link worker for a serial or Modbus TCP link, on the
manager's network worker for an SNMP master, or for every link of a panel that stands
alone); ui/commission_result.py the result's texts, the report preview and the exports.

After a run the panel emits :attr:`CommissionPanel.chainMarks`: {link key: {address:
mark}} with mark "planned", "missing", "unexpected" or "conflict", which the window shows
in its chain tree.
"""

from __future__ import annotations

import dataclasses
import os
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QFormLayout, QGridLayout, QHeaderView, QInputDialog, QLabel, QLineEdit,
    QPlainTextEdit, QProgressBar, QPushButton, QSplitter, QTableWidget, QVBoxLayout, QWidget,
)

from bps_commissioner.device.bus import parse_units
from bps_commissioner.device.decode import UnitReading
from bps_commissioner.device.i18n import QT_TRANSLATE_NOOP
from bps_commissioner.device.plan import PROBES, Plan, PlanError, PlanLink, PlannedUnit
from bps_commissioner.device.plan import TELNET_PORT
from bps_commissioner.device.ports import FACTORY_USER
from bps_commissioner.services import credentials, secrets
from bps_commissioner.services.audit import AuditLog
from bps_commissioner.services.commission import (
    CONFLICT, MISSING, UNEXPECTED, CommissionOptions, CommissionResult, UnitOutcome, load_plan_file, load_profiles,
    plan_from_found, save_plan, secrets_needed,
)
from bps_commissioner.services.endpoints import FACTORY_COMMUNITY, Endpoint
from bps_commissioner.services.links import spec_of
from bps_commissioner.ui.commission_driver import CommissionDriver, endpoint_for
from bps_commissioner.ui.commission_result import ReportExports, ReportPreview, summary
from bps_commissioner.ui.commission_table import _COLUMNS, PlanTable
from bps_commissioner.ui.style import MUTED_COLOUR, error_text_style

CONTEXT = "CommissionPanel"


# The marks of the chain tree.
PLANNED = "planned"


def _t(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP("CommissionPanel", ...), translated."""
    return QCoreApplication.translate(CONTEXT, text)


def plan_link_for(endpoint: Endpoint) -> PlanLink:
    """The plan's description of a window's link (no secret): an SNMP v1/v2c master keeps the
    factory community "public" only when that is what it answers to; any other community is
    a secret, left out of the plan and looked up when the run opens the link."""
    spec = dataclasses.replace(spec_of(endpoint), timeout=None)
    if spec.kind == "snmp" and spec.snmp_version != "3":
        spec = dataclasses.replace(spec, community=FACTORY_COMMUNITY if _factory_community(endpoint) else "")
    return spec


def _factory_community(endpoint: Any) -> bool:
    """Whether an SNMP master is read with the factory community (given with the link,
    typed in this session, saved, or found nowhere: then the factory one is used)."""
    given = getattr(endpoint, "community", None)
    if given:
        return given == FACTORY_COMMUNITY
    try:
        return credentials.find_secret(credentials.SNMP_COMMUNITY, "", endpoint.host).reveal() == FACTORY_COMMUNITY
    except credentials.SecretUnavailable:
        return True


def master_host(link: PlanLink, telnet: Any = None) -> str | None:
    """The Telnet host of an SNMP master (``telnet``: the TelnetTarget the window reaches it
    with, else the link's host at its Telnet port), as a plan writes it: HOST or HOST:PORT."""
    if link.kind != "snmp":
        return None
    host = telnet.host if telnet is not None else link.target
    port = telnet.port if telnet is not None else link.telnet_port
    text = f"[{host}]" if ":" in host else host
    return text if port == TELNET_PORT else f"{text}:{port}"


class CommissionPanel(PlanTable, ReportExports, QWidget):
    """``manager``: the window's LinkManager (None: every link runs on a thread of the
    panel's own). ``connect_link(endpoint) -> key``: how the window connects a link the plan
    needs (default: the manager's add_link). ``chain``: () -> [(Endpoint, [UnitReading])],
    what the chain tree shows, for a new plan. ``audit``: where applied thresholds are
    recorded (default: the user's audit log)."""

    chainMarks = Signal(object)  # {link key: {address: mark}}
    resultReady = Signal(object)  # CommissionResult
    planChanged = Signal(object)  # Plan

    def __init__(self, manager: Any = None, *, connect_link: Callable[[Endpoint], str] | None = None,
                 chain: Callable[[], list[tuple[Endpoint, list[UnitReading]]]] | None = None,
                 audit: AuditLog | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("commissionPanel")
        self.manager = manager
        self._connect_link = connect_link
        self._chain = chain
        self.audit = audit
        self.plan: Plan | None = None
        self.path: str | None = None
        self.result: CommissionResult | None = None
        self._outcomes: dict[int, UnitOutcome] = {}
        self._rows: list[tuple[int, int]] = []  # (link, address) of each table row
        self._secrets: dict[tuple[str, str, str], secrets.Secret | None] = {}
        self.driver = CommissionDriver(manager, connect_link, self)
        self.driver.progressed.connect(self._on_progress)
        self.driver.finished.connect(self._finish)

        # header: site, customer, engineer
        self.site = QLineEdit()
        self.site.setObjectName("planSite")
        self.customer = QLineEdit()
        self.customer.setObjectName("planCustomer")
        self.engineer = QLineEdit()
        self.engineer.setObjectName("planEngineer")
        for edit in (self.site, self.customer, self.engineer):
            edit.editingFinished.connect(self._header_edited)
        self.file_label = QLabel()
        self.file_label.setObjectName("planFile")
        self.file_label.setStyleSheet(f"color: {MUTED_COLOUR};")
        self.form = QFormLayout()
        self._site_label, self._customer_label, self._engineer_label = QLabel(), QLabel(), QLabel()
        self.form.addRow(self._site_label, self.site)
        self.form.addRow(self._customer_label, self.customer)
        self.form.addRow(self._engineer_label, self.engineer)

        # buttons
        self.new_button = QPushButton()
        self.new_button.setObjectName("planNew")
        self.new_button.clicked.connect(self.new_plan_from_chain)
        self.open_button = QPushButton()
        self.open_button.setObjectName("planOpen")
        self.open_button.clicked.connect(self.open_plan_dialog)
        self.save_button = QPushButton()
        self.save_button.setObjectName("planSave")
        self.save_button.clicked.connect(self.save_plan_dialog)
        self.run_button = QPushButton()
        self.run_button.setObjectName("commissionRun")
        self.run_button.clicked.connect(self.run_checks)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("commissionCancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.apply_box = QCheckBox()
        self.apply_box.setObjectName("commissionApply")
        self.scan_edit = QLineEdit("1-32")
        self.scan_edit.setObjectName("commissionScan")
        self._scan_label = QLabel()
        self._scan_label.setBuddy(self.scan_edit)
        scan_row = QWidget()
        scan_layout = QFormLayout(scan_row)
        scan_layout.setContentsMargins(0, 0, 0, 0)
        scan_layout.addRow(self._scan_label, self.scan_edit)
        self.preview_button = QPushButton()
        self.preview_button.setObjectName("reportPreviewButton")
        self.preview_button.clicked.connect(self.preview_report)
        self.export_button = QPushButton()
        self.export_button.setObjectName("reportExport")
        self.export_button.clicked.connect(self.export_report_dialog)
        self.csv_button = QPushButton()
        self.csv_button.setObjectName("reportCsv")
        self.csv_button.clicked.connect(self.export_csv_dialog)
        self.add_found_button = QPushButton()
        self.add_found_button.setObjectName("planAddFound")
        self.add_found_button.clicked.connect(self.add_unexpected_to_plan)
        buttons = QGridLayout()
        for column, button in enumerate((self.new_button, self.open_button, self.save_button, self.add_found_button)):
            buttons.addWidget(button, 0, column)
        for column, widget in enumerate((self.run_button, self.cancel_button, self.apply_box, scan_row)):
            buttons.addWidget(widget, 1, column)
        for column, button in enumerate((self.preview_button, self.export_button, self.csv_button)):
            buttons.addWidget(button, 2, column)

        self.progress = QProgressBar()
        self.progress.setObjectName("commissionProgress")
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(12)
        self.status = QLabel()
        self.status.setObjectName("commissionStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # the plan and what was found
        self.table = QTableWidget(0, len(_COLUMNS))
        self.table.setObjectName("planTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemChanged.connect(self._cell_edited)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_unit(row))

        # the selected unit's checklist and notes
        self.checks_title = QLabel()
        self.checks_title.setObjectName("checksTitle")
        font = self.checks_title.font()
        font.setBold(True)
        self.checks_title.setFont(font)
        self.checks = QTableWidget(0, 3)
        self.checks.setObjectName("checkList")
        self.checks.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.checks.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.checks.verticalHeader().setVisible(False)
        self.checks.horizontalHeader().setStretchLastSection(True)
        self.checks.setWordWrap(True)
        self.notes_label = QLabel()
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("unitNotes")
        self.notes.setMaximumHeight(90)
        self.notes.textChanged.connect(self._notes_edited)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.checks_title)
        lower_layout.addWidget(self.checks, 1)
        lower_layout.addWidget(self.notes_label)
        lower_layout.addWidget(self.notes)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.file_label)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.splitter, 1)

        self._retranslate()
        self._update_buttons()

    # -- the plan -------------------------------------------------------------------------------
    def set_plan(self, plan: Plan, path: str | None = None) -> None:
        self.plan = plan
        self.path = path
        self.result = None
        self._outcomes = {}
        for edit, text in ((self.site, plan.site), (self.customer, plan.customer), (self.engineer, plan.engineer)):
            with QSignalBlocker(edit):
                edit.setText(text)
        self._fill_table()
        self._update_file_label()
        self._update_buttons()
        self._emit_marks()
        self.planChanged.emit(plan)

    def load_plan(self, path: str) -> bool:
        """Open a plan file; a refused plan leaves the panel as it was and says why."""
        try:
            plan = load_plan_file(path)
            load_profiles(plan)
        except PlanError as exc:
            self._say(self.tr("The plan was refused: %1").replace("%1", str(exc)), error=True)
            return False
        self.set_plan(plan, path)
        self._say(self.tr("Plan opened: %1").replace("%1", path))
        return True

    def open_plan_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a commissioning plan"), self.path or "",
                                              self.tr("Plans (*.json)"))
        if path:
            self.load_plan(path)

    def save_plan(self, path: str) -> bool:
        if self.plan is None:
            return False
        plan = dataclasses.replace(self.plan, source=path)
        try:
            save_plan(plan, path)
        except OSError as exc:
            self._say(self.tr("Could not write %1: %2").replace("%1", path).replace("%2", exc.strerror or str(exc)),
                      error=True)
            return False
        self.plan, self.path = plan, path
        self._update_file_label()
        self._say(self.tr("Plan saved: %1").replace("%1", path))
        return True

    def save_plan_dialog(self) -> None:
        if self.plan is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the commissioning plan"),
                                              self.path or os.path.join(os.path.expanduser("~"), "plan.json"),
                                              self.tr("Plans (*.json)"))
        if path:
            self.save_plan(path)

    def new_plan_from_chain(self) -> None:
        """A plan of what the chain tree shows: every link, every unit that answered, with
        its phases and connected probes, for the engineer to name and complete."""
        chain = self._chain() if self._chain is not None else []
        links: list[PlanLink] = []
        units: list[PlannedUnit] = []
        for endpoint, readings, *rest in chain:
            if not readings:
                continue
            index = len(links)
            sub = plan_from_found(readings, plan_link_for(endpoint))
            links.append(sub.links[0])
            telnet = rest[0] if rest else None
            host = master_host(sub.links[0], telnet)
            for u in sub.units:
                u = dataclasses.replace(u, link=index)
                if host is not None and u.address == 0:  # the master: its Telnet CLI is checked too
                    user = getattr(telnet, "user", "") or None
                    u = dataclasses.replace(u, host=host, telnet_user=None if user == FACTORY_USER else user)
                units.append(u)
        if not links:
            self._say(self.tr("Nothing to plan yet: connect to a chain and let its units answer first."), error=True)
            return
        site = self.site.text().strip()
        plan = Plan(site, self.customer.text().strip(), self.engineer.text().strip(), tuple(links), tuple(units))
        self.set_plan(plan, None)
        self._say(self.tr("A new plan of %n unit(s) from the chain: name them, complete what you expect, "
                          "save it.", "", len(units)))

    def add_unexpected_to_plan(self) -> None:
        """Put the units the last run found but the plan did not list into the plan."""
        if self.plan is None or self.result is None:
            return
        plan = self.plan
        added = 0
        for u in self.result.units:
            if u.status == UNEXPECTED and u.reading is not None:
                probes = tuple(k for k in PROBES if u.reading.value(k) is not None)
                plan = plan.with_unit(PlannedUnit(u.address, u.link, phases=u.reading.phases, probes=probes))
                added += 1
        if added:
            result = self.result
            self.set_plan(plan, self.path)
            self.result = result
            self._say(self.tr("%n unit(s) added to the plan; run the checks again.", "", added))

    def _header_edited(self) -> None:
        if self.plan is None:
            return
        self.plan = dataclasses.replace(self.plan, site=self.site.text().strip(),
                                        customer=self.customer.text().strip(), engineer=self.engineer.text().strip())

    # -- running --------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.driver.running

    @property
    def _running(self) -> bool:
        return self.driver.running

    def run_checks(self) -> bool:
        """Start the checks (and the apply, when ticked). False when they cannot start (the
        reason is shown)."""
        if self.plan is None or self._running:
            return False
        self._header_edited()
        plan = self.plan
        if plan.source == "" and self.path:
            plan = dataclasses.replace(plan, source=self.path)
        try:
            profiles = load_profiles(plan)
        except PlanError as exc:
            self._say(self.tr("The plan was refused: %1").replace("%1", str(exc)), error=True)
            return False
        try:
            addresses = tuple(parse_units(self.scan_edit.text())) if self.scan_edit.text().strip() else ()
        except ValueError as exc:
            self._say(self.tr("Addresses to scan: %1").replace("%1", str(exc)), error=True)
            return False
        self._ask_secrets(plan)
        apply = self.apply_box.isChecked()
        options = CommissionOptions(apply=apply, addresses=addresses,
                                    audit=(self.audit or AuditLog()) if apply else None,
                                    interactive=False, secret=self._secret)
        self.driver.start(plan, options, profiles)
        if self._running:
            self.progress.setRange(0, 0)
            self._say(self.tr("Checking…"))
            self._update_buttons()
        return True

    def cancel(self) -> None:
        if not self._running:
            return
        self.driver.cancel()
        self._say(self.tr("Cancelling after the step in progress…"))

    def shutdown(self, timeout: float = 5.0) -> bool:
        """Cancel a run (the window is closing); a job on a window's worker ends with the
        worker, the panel's own manager (a panel without a window) is stopped. True when no
        thread of the panel is left."""
        return self.driver.shutdown(timeout)

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        self.status.setStyleSheet("")
        self.status.setText(text)

    def _finish(self, result: CommissionResult) -> None:
        self.result = result
        self._outcomes = {(u.link, u.address): u for u in result.units}
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self._fill_table()
        self._say(summary(result), error=not result.passed)
        self._update_buttons()
        self._emit_marks()
        self.resultReady.emit(result)

    # -- secrets --------------------------------------------------------------------------------
    def _ask_secrets(self, plan: Plan) -> None:
        """The Telnet passwords and SNMPv3 keys the plan needs, from the environment or the
        keyring, else asked for here (a hidden field); never kept beyond this session."""
        wanted = secrets_needed(plan)
        for kind, user, host in wanted:
            key = (kind.env, user, host)
            if key in self._secrets and self._secrets[key] is not None:
                continue
            try:
                # typed in this session (the Connect dialog, the Telnet tab), the environment, the keyring
                self._secrets[key] = credentials.find_secret(kind, user, host)
                continue
            except secrets.SecretUnavailable:
                pass
            text, ok = QInputDialog.getText(
                self, self.tr("Password needed"),
                self.tr("%1 for %2@%3 (not saved):").replace("%1", _t(_SECRET_LABELS.get(kind.env, kind.label)))
                .replace("%2", user).replace("%3", host), QLineEdit.EchoMode.Password)
            self._secrets[key] = secrets.Secret(text, "prompt") if ok and text else None

    def _secret(self, kind: secrets.SecretKind, user: str, host: str) -> secrets.Secret:
        value = self._secrets.get((kind.env, user, host))
        if value is None:
            raise secrets.SecretUnavailable(f"no {kind.label} for {user}@{host}: set {kind.env} or enter it "
                                            f"when asked")
        return value

    # -- chain tree marks -------------------------------------------------------------------------
    def marks(self) -> dict[str, dict[int, str]]:
        """{link key: {address: "planned" | "missing" | "unexpected" | "conflict"}} of the
        plan's links (an SNMP master under the key the LinkManager gives it)."""
        out: dict[str, dict[int, str]] = {}
        if self.plan is None:
            return out
        for index, link in enumerate(self.plan.links):
            endpoint = endpoint_for(link)
            # an SNMP master's key in the LinkManager (services/endpoints.py SnmpEndpoint.key)
            key = endpoint.key if endpoint is not None else f"snmp:{link.target}:{link.port}"
            marks = out.setdefault(key, {})
            for unit in self.plan.units_on(index):
                marks[unit.address] = PLANNED
            for (link_index, address), outcome in self._outcomes.items():
                if link_index != index:
                    continue
                marks[address] = {MISSING: MISSING, UNEXPECTED: UNEXPECTED, CONFLICT: CONFLICT}.get(
                    outcome.status, PLANNED)
        return out

    def _emit_marks(self) -> None:
        self.chainMarks.emit(self.marks())

    def current_plan(self) -> Plan | None:
        """The plan as the panel shows it (the header's edits in, the file it came from)."""
        if self.plan is None:
            return None
        self._header_edited()
        plan = self.plan
        return dataclasses.replace(plan, source=self.path) if plan.source == "" and self.path else plan

    def say(self, text: str, error: bool = False) -> None:
        """Show ``text`` in the panel's status line (red when ``error``)."""
        self._say(text, error)

    # -- look ---------------------------------------------------------------------------------------
    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(error_text_style() if error else "")
        self.status.setText(text)

    def _update_file_label(self) -> None:
        if self.plan is None:
            self.file_label.setText(self.tr("No plan: open one, or make one from the chain."))
        else:
            self.file_label.setText(self.tr("Plan: %1").replace("%1", self.path or self.tr("not saved yet")))

    def _update_buttons(self) -> None:
        idle = not self._running
        has_plan = self.plan is not None
        has_result = self.result is not None
        self.new_button.setEnabled(idle)
        self.open_button.setEnabled(idle)
        self.save_button.setEnabled(idle and has_plan)
        self.run_button.setEnabled(idle and has_plan)
        self.cancel_button.setEnabled(self._running)
        self.apply_box.setEnabled(idle)
        self.scan_edit.setEnabled(idle)
        for button in (self.preview_button, self.export_button, self.csv_button):
            button.setEnabled(idle and has_result)
        self.add_found_button.setEnabled(idle and has_result and any(
            u.status == UNEXPECTED for u in (self.result.units if self.result else ())))
        for edit in (self.site, self.customer, self.engineer):
            edit.setEnabled(idle and has_plan)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed if idle
                                   else QAbstractItemView.EditTrigger.NoEditTriggers)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._site_label.setText(self.tr("&Site:"))
        self._site_label.setBuddy(self.site)
        self._customer_label.setText(self.tr("C&ustomer:"))
        self._customer_label.setBuddy(self.customer)
        self._engineer_label.setText(self.tr("&Engineer:"))
        self._engineer_label.setBuddy(self.engineer)
        self.site.setPlaceholderText(self.tr("e.g. DC Warsaw 2 / room B / rack A12"))
        self.new_button.setText(self.tr("New plan from the chain"))
        self.new_button.setToolTip(self.tr("Plan every unit the chain tree shows, with its phases and probes"))
        self.open_button.setText(self.tr("Open plan…"))
        self.save_button.setText(self.tr("Save plan…"))
        self.add_found_button.setText(self.tr("Add unexpected units"))
        self.add_found_button.setToolTip(self.tr("Put the units the last run found but the plan did not list "
                                                 "into the plan"))
        self.run_button.setText(self.tr("Run the checks"))
        self.run_button.setToolTip(self.tr("Scan each link of the plan and check every unit against the plan"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.apply_box.setText(self.tr("Apply the planned thresholds"))
        self.apply_box.setToolTip(self.tr("Write each unit's planned threshold profile before checking it (every write "
                                     "is read back and recorded in the audit log)"))
        self._scan_label.setText(self.tr("Scan &also:"))
        self.scan_edit.setToolTip(self.tr("Addresses scanned on serial and Modbus TCP links besides the planned ones, "
                                          "to find unexpected units, e.g. 1-32 or 1,2,5-8 (empty: the planned only)"))
        self.preview_button.setText(self.tr("Preview the report…"))
        self.export_button.setText(self.tr("Export the report (PDF)…"))
        self.csv_button.setText(self.tr("Export the units (CSV)…"))
        self.notes_label.setText(self.tr("Engineer’s notes for this unit (they go into the report):"))
        self._update_file_label()
        self._fill_table()
        if self.result is not None and not self._running:
            self._say(summary(self.result), error=not self.result.passed)


_SECRET_LABELS = {
    "BPS_TELNET_PASSWORD": QT_TRANSLATE_NOOP("CommissionPanel", "Telnet password"),
    "BPS_SNMP_AUTH_KEY": QT_TRANSLATE_NOOP("CommissionPanel", "SNMPv3 authentication key"),
    "BPS_SNMP_PRIV_KEY": QT_TRANSLATE_NOOP("CommissionPanel", "SNMPv3 privacy key"),
}


__all__ = ["CommissionPanel", "ReportPreview", "endpoint_for", "plan_link_for"]
