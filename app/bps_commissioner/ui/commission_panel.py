"""The commissioning panel: a plan, the checks against it, the report.

The engineer opens a plan (or makes one from what the chain tree shows), names the units
and sets what is expected in the table, runs the checks (with progress and cancel; the
planned thresholds applied when asked), reads each unit's checklist (pass / warn / fail,
an icon and a word, never colour alone), adds notes per unit, and previews and exports
the report (PDF, in the window's language) and the CSV.

Where the checks run: a serial or Modbus TCP link of the plan runs as a job on the link's
worker in the LinkManager (the worker owns the port; the window connects the link first if
needed, at the plan's bus settings), so nothing else opens the port meanwhile. SNMP links,
and every link when the panel has no manager (it can stand alone), run on a
:class:`~bps_commissioner.services.commission.CommissionThread` with links of its own.

After a run the panel emits :attr:`CommissionPanel.chainMarks`: {link key: {address:
mark}} with mark "planned", "missing", "unexpected" or "conflict", which the window shows
in its chain tree.
"""

from __future__ import annotations

import dataclasses
import os
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGridLayout,
    QHeaderView, QInputDialog, QLabel, QLineEdit, QPlainTextEdit, QProgressBar, QPushButton, QSplitter,
    QTableWidget, QTableWidgetItem, QTextBrowser, QVBoxLayout, QWidget,
)

from bps_commissioner.device.address import parse_host
from bps_commissioner.device.bus import parse_units
from bps_commissioner.device.decode import UnitReading
from bps_commissioner.device.i18n import QT_TRANSLATE_NOOP
from bps_commissioner.device.plan import PROBES, TELNET_PORT, Plan, PlanError, PlanLink, PlannedUnit
from bps_commissioner.services import secrets
from bps_commissioner.services.audit import AuditLog
from bps_commissioner.services.commission import (
    CONFLICT, FAIL, FAILED, MISSING, OK, PASS, UNEXPECTED, WARN, Check, CommissionOptions, CommissionResult,
    CommissionThread, LinkOutcome, UnitOutcome, assemble, failed_outcome, link_job, load_plan_file, load_profiles,
    now_text, plan_from_found, render, render_value, save_plan, write_csv,
)
from bps_commissioner.services.endpoints import Endpoint, SerialEndpoint, TcpEndpoint
from bps_commissioner.services.worker import Priority
from bps_commissioner.services.endpoints import DEFAULT_SERIAL_TIMEOUT as DEFAULT_REPLY_TIMEOUT
from bps_commissioner.services.endpoints import DEFAULT_TCP_TIMEOUT as DEFAULT_TIMEOUT
from bps_commissioner.ui import format as fmt
from bps_commissioner.ui.icons import icon

CONTEXT = "CommissionPanel"

#: Table columns.
LINK, ADDRESS, NAME, PHASES, RATING, PROBES_COL, PROFILE, FIRMWARE, HOST, STATUS = range(10)
_COLUMNS = (QT_TRANSLATE_NOOP("CommissionPanel", "Link"), QT_TRANSLATE_NOOP("CommissionPanel", "Address"),
            QT_TRANSLATE_NOOP("CommissionPanel", "Name"), QT_TRANSLATE_NOOP("CommissionPanel", "Phases"),
            QT_TRANSLATE_NOOP("CommissionPanel", "Rating (A)"), QT_TRANSLATE_NOOP("CommissionPanel", "Probes"),
            QT_TRANSLATE_NOOP("CommissionPanel", "Threshold profile"),
            QT_TRANSLATE_NOOP("CommissionPanel", "Firmware"), QT_TRANSLATE_NOOP("CommissionPanel", "Telnet host"),
            QT_TRANSLATE_NOOP("CommissionPanel", "Status"))
_EDITABLE = (NAME, PHASES, RATING, PROBES_COL, PROFILE, FIRMWARE, HOST)

_STATUS_TEXT = {
    OK: QT_TRANSLATE_NOOP("CommissionPanel", "OK"),
    FAILED: QT_TRANSLATE_NOOP("CommissionPanel", "failed"),
    MISSING: QT_TRANSLATE_NOOP("CommissionPanel", "missing"),
    UNEXPECTED: QT_TRANSLATE_NOOP("CommissionPanel", "unexpected"),
    CONFLICT: QT_TRANSLATE_NOOP("CommissionPanel", "address conflict"),
}
_STATUS_ICON = {OK: "state-online", FAILED: "state-alarm", MISSING: "state-offline", UNEXPECTED: "state-warning",
                CONFLICT: "state-conflict"}
_RESULT_TEXT = {PASS: QT_TRANSLATE_NOOP("CommissionPanel", "pass"),
                WARN: QT_TRANSLATE_NOOP("CommissionPanel", "warning"),
                FAIL: QT_TRANSLATE_NOOP("CommissionPanel", "fail")}
_RESULT_ICON = {PASS: "state-online", WARN: "state-warning", FAIL: "state-alarm"}

#: The marks of the chain tree.
PLANNED = "planned"


def _t(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP("CommissionPanel", ...), translated."""
    return QCoreApplication.translate(CONTEXT, text)


def report_language() -> str:
    """The window's language (its default QLocale), for the report."""
    return "pl" if QLocale().language() == QLocale.Language.Polish else "en"


def endpoint_for(link: PlanLink) -> Endpoint | None:
    """The LinkManager endpoint of a plan's Modbus link (None for SNMP)."""
    if link.kind == "serial":
        assert link.bus is not None
        return SerialEndpoint(link.target, link.bus, timeout=link.timeout or DEFAULT_REPLY_TIMEOUT)
    if link.kind == "tcp":
        return TcpEndpoint(link.target, link.port or 502, timeout=link.timeout or DEFAULT_TIMEOUT)
    return None


def plan_link_for(endpoint: Endpoint) -> PlanLink:
    if isinstance(endpoint, SerialEndpoint):
        return PlanLink("serial", endpoint.port, bus=endpoint.settings)
    return PlanLink("tcp", endpoint.host, endpoint.port)


def probe_label(key: str) -> str:
    """A sensor key's label in the window's language ("Temperature 1", "Temperatura 1")."""
    from bps_commissioner.device.registers import BY_KEY

    return QCoreApplication.translate("Quantity", BY_KEY[key].label)


def probes_text(keys: Any) -> str:
    return ", ".join(probe_label(k) for k in keys)


def result_text(result: str) -> str:
    return _t(_RESULT_TEXT[result])


def status_text(status: str) -> str:
    return _t(_STATUS_TEXT.get(status, status))


def check_reason(check: Check) -> str:
    """A check's reason in the window's language, numbers as its locale writes them."""
    return render(check.template, check.data, QCoreApplication.translate, fmt.number, "\N{NO-BREAK SPACE}")


def check_label(check: Check) -> str:
    if check.label is None:
        return check.check
    return render_value(check.label, QCoreApplication.translate, fmt.number)


class ReportPreview(QDialog):
    """The report as it will print, with a button to export it."""

    def __init__(self, result: CommissionResult, language: str, export: Callable[[], None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        from bps_commissioner.ui.report import build_document

        self.setObjectName("reportPreview")
        self.browser = QTextBrowser()
        self.browser.setObjectName("reportBrowser")
        self.document = build_document(result, language)
        self.document.setParent(self)
        self.browser.setDocument(self.document)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(self.buttons)
        self.resize(820, 900)
        self.setWindowTitle(QCoreApplication.translate("CommissionPanel", "Report preview"))
        self.export_button.setText(QCoreApplication.translate("CommissionPanel", "Export as PDF…"))


class CommissionPanel(QWidget):
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
        self._running = False
        self._pending: list[int] = []
        self._collected: list[LinkOutcome] = []
        self._job: tuple[str, int] | None = None
        self._thread: CommissionThread | None = None
        self._started = ""
        self._profiles: dict[str, Any] = {}
        self._options: CommissionOptions | None = None
        self._link_keys: dict[int, str] = {}

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
        self.file_label.setStyleSheet("color: #555;")
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

        if manager is not None:
            manager.jobProgress.connect(self._on_job_progress)
            manager.jobFinished.connect(self._on_job_finished)
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
        for endpoint, readings in chain:
            if not readings:
                continue
            index = len(links)
            sub = plan_from_found(readings, plan_link_for(endpoint))
            links.append(sub.links[0])
            units.extend(dataclasses.replace(u, link=index) for u in sub.units)
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

    # -- the table ------------------------------------------------------------------------------
    def _fill_table(self) -> None:
        plan = self.plan
        rows: list[tuple[int, int]] = []
        if plan is not None:
            rows = [(u.link, u.address) for u in plan.units]
        for key in self._outcomes:
            if key not in rows:
                rows.append(key)  # type: ignore[arg-type]
        rows.sort()
        self._rows = rows
        current = self.table.currentRow()
        with QSignalBlocker(self.table):
            self.table.setRowCount(len(rows))
            for row, (link, address) in enumerate(rows):
                unit = plan.unit(link, address) if plan is not None else None
                outcome = self._outcomes.get((link, address))  # type: ignore[call-overload]
                values = ["" for _ in _COLUMNS]
                values[LINK] = str(link)
                values[ADDRESS] = str(address)
                if unit is not None:
                    values[NAME] = unit.name or ""
                    values[PHASES] = "" if unit.phases is None else str(unit.phases)
                    values[RATING] = "" if unit.rating is None else str(unit.rating)
                    values[PROBES_COL] = "" if unit.probes is None else (probes_text(unit.probes) or "-")
                    values[PROFILE] = unit.profile or ""
                    values[FIRMWARE] = unit.firmware or ""
                    values[HOST] = unit.host or ""
                for column, text in enumerate(values):
                    item = QTableWidgetItem(text)
                    flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
                    if column in _EDITABLE and unit is not None:
                        flags |= Qt.ItemFlag.ItemIsEditable
                    item.setFlags(flags)
                    if column in (LINK, ADDRESS):
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    self.table.setItem(row, column, item)
                self._render_status(row, unit, outcome)
        self._retranslate_table()
        self._fit_columns()
        if rows:
            self.table.setCurrentCell(max(0, min(current, len(rows) - 1)), NAME)
        self._show_unit(self.table.currentRow())

    def _fit_columns(self) -> None:
        self.table.resizeColumnsToContents()
        for column in range(self.table.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 220))

    def _render_status(self, row: int, unit: PlannedUnit | None, outcome: UnitOutcome | None) -> None:
        item = self.table.item(row, STATUS)
        if outcome is None:
            item.setText(self.tr("planned") if unit is not None else "")
            item.setIcon(icon("state-waiting") if unit is not None else icon(""))
            item.setToolTip("")
            return
        counts = " · ".join(f"{result_text(r)} {outcome.count(r)}" for r in (PASS, WARN, FAIL) if outcome.count(r))
        item.setText(status_text(outcome.status) + (f" ({counts})" if counts else ""))
        item.setIcon(icon(_STATUS_ICON[outcome.status]))
        item.setToolTip("\n".join(f"{result_text(c.result)}: {check_label(c)}: {check_reason(c)}"
                                  for c in outcome.checks if c.result != PASS))

    def _cell_edited(self, item: QTableWidgetItem) -> None:
        row, column = item.row(), item.column()
        if self.plan is None or not 0 <= row < len(self._rows):
            return
        link, address = self._rows[row]
        unit = self.plan.unit(link, address)
        if unit is None:
            return
        text = item.text().strip()
        try:
            unit = self._edited(unit, column, text)
        except ValueError as exc:
            self._say(str(exc), error=True)
            with QSignalBlocker(self.table):
                self._fill_table()
            return
        self.plan = self.plan.with_unit(unit)
        self._say("")
        self.planChanged.emit(self.plan)

    @staticmethod
    def _edited(unit: PlannedUnit, column: int, text: str) -> PlannedUnit:
        """The unit with one cell's new text, checked as the plan file is. Raises ValueError
        with a translated message."""
        value: Any = text or None
        if column == NAME:
            return dataclasses.replace(unit, name=value)
        if column == PHASES:
            if value is not None and value not in ("1", "3"):
                raise ValueError(QCoreApplication.translate(
                    "CommissionPanel", "Phases: 1 or 3 (or empty: not checked), not %1").replace("%1", text))
            return dataclasses.replace(unit, phases=None if value is None else int(value))
        if column == RATING:
            if value is not None and value not in ("16", "32"):
                raise ValueError(QCoreApplication.translate(
                    "CommissionPanel", "Rating: 16 or 32 A (or empty), not %1").replace("%1", text))
            return dataclasses.replace(unit, rating=None if value is None else int(value))
        if column == PROBES_COL:
            if value is None:
                return dataclasses.replace(unit, probes=None)
            names = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
            if text.strip() == "-":
                names = []
            known = {p: p for p in PROBES}
            known.update({probe_label(p).casefold(): p for p in PROBES})
            unknown = [p for p in names if p not in known and p.casefold() not in known]
            if unknown:
                raise ValueError(QCoreApplication.translate(
                    "CommissionPanel", "Unknown probe %1; probes are %2").replace("%1", unknown[0]).replace(
                    "%2", probes_text(PROBES)))
            keys = {known.get(p) or known[p.casefold()] for p in names}
            return dataclasses.replace(unit, probes=tuple(p for p in PROBES if p in keys))
        if column == PROFILE:
            return dataclasses.replace(unit, profile=value)
        if column == FIRMWARE:
            return dataclasses.replace(unit, firmware=value)
        if column == HOST:
            if value is not None:
                try:
                    parse_host(text, TELNET_PORT)
                except ValueError:
                    raise ValueError(QCoreApplication.translate(
                        "CommissionPanel", "Telnet host: HOST or HOST:PORT, not %1").replace("%1", text)) from None
            return dataclasses.replace(unit, host=value)
        return unit

    def _show_unit(self, row: int) -> None:
        """The selected row's checklist and notes."""
        key = self._rows[row] if 0 <= row < len(self._rows) else None
        outcome = self._outcomes.get(key) if key is not None else None  # type: ignore[call-overload]
        unit = self.plan.unit(*key) if key is not None and self.plan is not None else None
        if key is None:
            self.checks_title.setText(self.tr("Select a unit to see its checks."))
        else:
            title = self.tr("Unit %1").replace("%1", str(key[1]))
            if unit is not None and unit.name:
                title += f" – {unit.name}"
            if outcome is not None:
                title += f": {status_text(outcome.status)}"
            self.checks_title.setText(title)
        checks = outcome.checks if outcome is not None else ()
        self.checks.setRowCount(len(checks))
        for row_, check in enumerate(checks):
            result = QTableWidgetItem(icon(_RESULT_ICON[check.result]), result_text(check.result))
            self.checks.setItem(row_, 0, result)
            self.checks.setItem(row_, 1, QTableWidgetItem(check_label(check)))
            reason = QTableWidgetItem(check_reason(check))
            reason.setToolTip(check_reason(check))
            self.checks.setItem(row_, 2, reason)
        self.checks.resizeColumnToContents(0)
        self.checks.resizeColumnToContents(1)
        self.checks.resizeRowsToContents()
        with QSignalBlocker(self.notes):
            self.notes.setPlainText(unit.notes if unit is not None else "")
        self.notes.setEnabled(unit is not None)

    def _notes_edited(self) -> None:
        row = self.table.currentRow()
        if self.plan is None or not 0 <= row < len(self._rows):
            return
        unit = self.plan.unit(*self._rows[row])
        if unit is not None:
            self.plan = self.plan.with_unit(dataclasses.replace(unit, notes=self.notes.toPlainText()))

    def select_unit(self, link: int, address: int) -> None:
        if (link, address) in self._rows:
            self.table.setCurrentCell(self._rows.index((link, address)), NAME)

    # -- running --------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._running

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
            self._profiles = load_profiles(plan)
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
        self._options = CommissionOptions(apply=apply, addresses=addresses,
                                          audit=(self.audit or AuditLog()) if apply else None,
                                          interactive=False, secret=self._secret)
        self._run_plan = plan
        self._started = now_text()
        self._collected = []
        self._pending = list(range(len(plan.links)))
        self._running = True
        self._cancelled = False
        self.progress.setRange(0, 0)
        self._say(self.tr("Checking…"))
        self._update_buttons()
        self._next_link()
        return True

    def cancel(self) -> None:
        if not self._running:
            return
        self._cancelled = True
        if self._job is not None and self.manager is not None:
            self.manager.cancel(*self._job)
        if self._thread is not None:
            self._thread.cancel()
        self._say(self.tr("Cancelling after the step in progress…"))

    def shutdown(self, timeout: float = 5.0) -> bool:
        """Cancel a run (the window is closing) and wait for the panel's own thread; a job on
        a link worker ends with the worker. True when no thread of the panel is left."""
        self.cancel()
        thread = self._thread
        if thread is not None:
            return thread.wait(int(timeout * 1000))
        return True

    def _next_link(self) -> None:
        plan = self._run_plan
        if not self._pending:
            self._finish()
            return
        index = self._pending.pop(0)
        link = plan.links[index]
        if self._cancelled:
            self._collected.append(failed_outcome(plan, index, "", cancelled=True))
            self._next_link()
            return
        assert self._options is not None
        self._link_text = self.tr("Link %1 of %2: %3").replace("%1", str(index + 1)).replace(
            "%2", str(len(plan.links))).replace("%3", link.describe())
        endpoint = endpoint_for(link)
        if self.manager is not None and endpoint is not None:
            key = self._ensure_link(endpoint)
            self._link_keys[index] = key
            job_id = self.manager.submit(key, link_job(plan, index, self._options, self._profiles), Priority.FOREGROUND)
            self._job = (key, job_id)
            self._job_index = index
        else:
            thread = CommissionThread(plan, [index], self._options, self._profiles, self)
            thread.progressed.connect(self._on_progress)
            thread.completed.connect(self._on_thread_done)
            thread.failed.connect(lambda message, i=index: self._on_thread_failed(i, message))
            thread.finished.connect(thread.deleteLater)
            self._thread = thread
            thread.start()

    def _ensure_link(self, endpoint: Endpoint) -> str:
        """The manager's key of ``endpoint``: connected (by the window) if it is not yet, switched
        to the plan's bus settings if the window uses others."""
        key = endpoint.key
        if key in self.manager.keys():
            current = self.manager.endpoint(key)
            if isinstance(current, SerialEndpoint) and isinstance(endpoint, SerialEndpoint) \
                    and current.settings != endpoint.settings:
                self.manager.replace_endpoint(key, dataclasses.replace(current, settings=endpoint.settings))
            return key
        if self._connect_link is not None:
            return self._connect_link(endpoint)
        return self.manager.add_link(endpoint, ())

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        self.status.setStyleSheet("")
        self.status.setText(f"{self._link_text} – {text}" if text else self._link_text)

    def _on_job_progress(self, key: str, job_id: int, progress: Any) -> None:
        if self._job == (key, job_id):
            self._on_progress(progress.done, progress.total, progress.text)

    def _on_job_finished(self, key: str, result: Any) -> None:
        if self._job is None or self._job != (key, result.job_id):
            return
        self._job = None
        index = self._job_index
        if result.cancelled:
            outcome = failed_outcome(self._run_plan, index, "", cancelled=True)
        elif result.error:
            outcome = failed_outcome(self._run_plan, index, result.error)
        else:
            outcome = result.value
        self._collected.append(outcome)
        self._next_link()

    def _on_thread_done(self, outcome: LinkOutcome) -> None:
        self._thread = None
        self._collected.append(outcome)
        self._next_link()

    def _on_thread_failed(self, index: int, message: str) -> None:
        self._thread = None
        self._collected.append(failed_outcome(self._run_plan, index, message))
        self._next_link()

    def _finish(self) -> None:
        assert self._options is not None
        result = assemble(self._run_plan, self._collected, self._started, applied=self._options.apply,
                          cancelled=self._cancelled)
        self._running = False
        self.result = result
        self._outcomes = {(u.link, u.address): u for u in result.units}
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self._fill_table()
        self._say(self._summary(result), error=not result.passed)
        self._update_buttons()
        self._emit_marks()
        self.resultReady.emit(result)

    @staticmethod
    def _summary(result: CommissionResult) -> str:
        counts = {s: len(result.by_status(s)) for s in (OK, FAILED, MISSING, UNEXPECTED, CONFLICT)}
        parts = [f"{status_text(s)}: {n}" for s, n in counts.items() if n]
        if result.passed:
            head = QCoreApplication.translate("CommissionPanel", "Every planned unit passes.")
        else:
            head = QCoreApplication.translate("CommissionPanel", "Not passed.")
        if result.cancelled:
            head = QCoreApplication.translate("CommissionPanel", "Cancelled: not every unit was checked.")
        return f"{head} {' · '.join(parts)}"

    # -- secrets --------------------------------------------------------------------------------
    def _ask_secrets(self, plan: Plan) -> None:
        """The Telnet passwords and SNMPv3 keys the plan needs, from the environment or the
        keyring, else asked for here (a hidden field); never kept beyond this session."""
        from bps_commissioner.services.endpoints import FACTORY_USER

        wanted: list[tuple[secrets.SecretKind, str, str]] = []
        for link in plan.links:
            if link.kind == "snmp" and link.snmp_version == "3":
                if link.v3_auth_proto != "none":
                    wanted.append((secrets.SNMP_AUTH_KEY, link.v3_user, link.target))
                if link.v3_priv_proto != "none":
                    wanted.append((secrets.SNMP_PRIV_KEY, link.v3_user, link.target))
        for unit in plan.units:
            host = unit.host
            link = plan.links[unit.link]
            if host is None and unit.firmware and link.kind == "snmp" and unit.address == 0:
                host = link.target
            if host is not None:
                wanted.append((secrets.TELNET_PASSWORD, unit.telnet_user or FACTORY_USER, parse_host(host, 23)[0]))
        for kind, user, host in wanted:
            key = (kind.env, user, host)
            if key in self._secrets and self._secrets[key] is not None:
                continue
            try:
                self._secrets[key] = secrets.lookup(kind, user=user, host=host, interactive=False)
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

    # -- the report -----------------------------------------------------------------------------
    def report_result(self) -> CommissionResult | None:
        """The last result with the plan as it is now (names and notes edited after the run)."""
        if self.result is None:
            return None
        plan = self.plan or self.result.plan
        units = []
        for u in self.result.units:
            planned = plan.unit(u.link, u.address)
            units.append(dataclasses.replace(u, planned=planned) if planned is not None else u)
        run_plan = dataclasses.replace(plan, source=self.path or plan.source)
        return dataclasses.replace(self.result, plan=run_plan, units=tuple(units))

    def export_report(self, path: str, language: str | None = None) -> bool:
        from bps_commissioner.ui.report import write_pdf

        result = self.report_result()
        if result is None:
            return False
        try:
            pages = write_pdf(result, path, language or report_language())
        except OSError as exc:
            self._say(self.tr("Could not write %1: %2").replace("%1", path).replace("%2", exc.strerror or str(exc)),
                      error=True)
            return False
        self._say(self.tr("Report written: %1 (%2 pages)").replace("%1", path).replace("%2", str(pages)))
        return True

    def export_csv(self, path: str) -> bool:
        result = self.report_result()
        if result is None:
            return False
        try:
            write_csv(result, path)
        except OSError as exc:
            self._say(self.tr("Could not write %1: %2").replace("%1", path).replace("%2", exc.strerror or str(exc)),
                      error=True)
            return False
        self._say(self.tr("Units written: %1").replace("%1", path))
        return True

    def _default_name(self, suffix: str) -> str:
        folder = os.path.dirname(self.path) if self.path else os.path.expanduser("~")
        site = "".join(c if c.isalnum() else "-" for c in (self.plan.site if self.plan else ""))[:40].strip("-")
        return os.path.join(folder, f"commissioning-{site or 'report'}.{suffix}")

    def export_report_dialog(self) -> None:
        if self.result is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the report"), self._default_name("pdf"),
                                              self.tr("PDF documents (*.pdf)"))
        if path:
            self.export_report(path)

    def export_csv_dialog(self) -> None:
        if self.result is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the units"), self._default_name("csv"),
                                              self.tr("CSV files (*.csv)"))
        if path:
            self.export_csv(path)

    def preview_report(self) -> ReportPreview | None:
        result = self.report_result()
        if result is None:
            return None
        dialog = ReportPreview(result, report_language(), self.export_report_dialog, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

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

    # -- look ---------------------------------------------------------------------------------------
    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet("color: #b71c1c;" if error else "")
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

    def _retranslate_table(self) -> None:
        self.table.setHorizontalHeaderLabels([_t(c) for c in _COLUMNS])
        self.checks.setHorizontalHeaderLabels([self.tr("Result"), self.tr("Check"), self.tr("Reason")])
        for row, key in enumerate(self._rows):
            unit = self.plan.unit(*key) if self.plan is not None else None
            self._render_status(row, unit, self._outcomes.get(key))  # type: ignore[call-overload]

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
            self._say(self._summary(self.result), error=not self.result.passed)


_SECRET_LABELS = {
    "BPS_TELNET_PASSWORD": QT_TRANSLATE_NOOP("CommissionPanel", "Telnet password"),
    "BPS_SNMP_AUTH_KEY": QT_TRANSLATE_NOOP("CommissionPanel", "SNMPv3 authentication key"),
    "BPS_SNMP_PRIV_KEY": QT_TRANSLATE_NOOP("CommissionPanel", "SNMPv3 privacy key"),
}


__all__ = ["CommissionPanel", "ReportPreview", "endpoint_for", "plan_link_for"]
