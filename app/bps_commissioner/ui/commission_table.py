"""The commissioning panel's plan table: one row per planned or found unit (link, address,
what is planned, the status after a run), edited in place and checked as the plan file is,
and the selected unit's checklist and notes. A mixin of CommissionPanel; its texts keep the
panel's translation context ("CommissionPanel").
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QTableWidget, QTableWidgetItem

from bps_commissioner.device.address import parse_host
from bps_commissioner.device.i18n import QT_TRANSLATE_NOOP
from bps_commissioner.device.plan import PROBES, TELNET_PORT, Plan, PlannedUnit
from bps_commissioner.services.commission import FAIL, PASS, WARN, UnitOutcome
from bps_commissioner.ui.commission_result import (
    RESULT_ICON, STATUS_ICON, check_label, check_reason, probe_label, probes_text, result_text, status_text,
)
from bps_commissioner.ui.icons import icon

#: Table columns.
LINK, ADDRESS, NAME, PHASES, RATING, PROBES_COL, PROFILE, FIRMWARE, HOST, STATUS = range(10)
_COLUMNS = (QT_TRANSLATE_NOOP("CommissionPanel", "Link"), QT_TRANSLATE_NOOP("CommissionPanel", "Address"),
            QT_TRANSLATE_NOOP("CommissionPanel", "Name"), QT_TRANSLATE_NOOP("CommissionPanel", "Phases"),
            QT_TRANSLATE_NOOP("CommissionPanel", "Rating (A)"), QT_TRANSLATE_NOOP("CommissionPanel", "Probes"),
            QT_TRANSLATE_NOOP("CommissionPanel", "Threshold profile"),
            QT_TRANSLATE_NOOP("CommissionPanel", "Firmware"), QT_TRANSLATE_NOOP("CommissionPanel", "Telnet host"),
            QT_TRANSLATE_NOOP("CommissionPanel", "Status"))
_EDITABLE = (NAME, PHASES, RATING, PROBES_COL, PROFILE, FIRMWARE, HOST)


def _t(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP("CommissionPanel", ...), translated."""
    return QCoreApplication.translate("CommissionPanel", text)


def link_name(plan: Plan | None, index: int) -> str:
    """A plan's link by name: "1 · 10.0.0.6:161 (SNMP v2c)"."""
    if plan is None or not 0 <= index < len(plan.links):
        return str(index)
    return f"{index} · {plan.links[index].describe()}"


class PlanTable:
    """The table, the checklist and the notes of CommissionPanel (which has the widgets
    ``table``, ``checks``, ``checks_title``, ``notes``, and ``plan``, ``_rows``,
    ``_outcomes``, ``_say``, ``planChanged``)."""

    table: QTableWidget
    checks: QTableWidget
    checks_title: QLabel
    notes: QPlainTextEdit
    plan: Plan | None
    _rows: list[tuple[int, int]]
    _outcomes: dict[Any, UnitOutcome]
    planChanged: Signal

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
                values[LINK] = link_name(plan, link)
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
                self.table.setCellWidget(row, LINK, self._link_combo(plan, unit) if unit is not None else None)
                self._render_status(row, unit, outcome)
        self._retranslate_table()
        self._fit_columns()
        if rows:
            self.table.setCurrentCell(max(0, min(current, len(rows) - 1)), NAME)
        self._show_unit(self.table.currentRow())

    def _link_combo(self, plan: Plan | None, unit: PlannedUnit) -> QComboBox:
        """The unit's link by name; choosing another moves the unit there."""
        combo = QComboBox()
        combo.setObjectName("planLink")
        for index in range(len(plan.links) if plan is not None else 0):
            combo.addItem(link_name(plan, index), index)
        combo.setCurrentIndex(unit.link)
        combo.setToolTip(link_name(plan, unit.link))
        combo.activated.connect(lambda index, u=unit: self._link_chosen(u, index))
        return combo

    def _link_chosen(self, unit: PlannedUnit, index: int) -> None:
        """Move ``unit`` to link ``index``: its address must fit that link and be free there."""
        plan = self.plan
        if plan is None or index == unit.link or not 0 <= index < len(plan.links):
            return
        target = plan.links[index]
        error = ""
        if unit.address not in target.addresses:
            error = QCoreApplication.translate(
                "CommissionPanel", "Unit %1 cannot be on %2: addresses there are %3").replace(
                "%1", str(unit.address)).replace("%2", link_name(plan, index)).replace(
                "%3", f"{target.addresses.start}..{target.addresses.stop - 1}")
        elif plan.unit(index, unit.address) is not None:
            error = QCoreApplication.translate("CommissionPanel", "%2 already has a unit %1").replace(
                "%1", str(unit.address)).replace("%2", link_name(plan, index))
        if not error:
            units = [dataclasses.replace(u, link=index) if u == unit else u for u in plan.units]
            self.plan = dataclasses.replace(plan, units=tuple(sorted(units, key=lambda u: (u.link, u.address))))
        self._fill_table()
        self._say(error, error=bool(error))
        if not error:
            self.planChanged.emit(self.plan)

    def _fit_columns(self) -> None:
        self.table.resizeColumnsToContents()
        for column in range(self.table.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 220))

    def _render_status(self, row: int, unit: PlannedUnit | None, outcome: UnitOutcome | None) -> None:
        item = self.table.item(row, STATUS)
        if outcome is None:
            item.setText(QCoreApplication.translate("CommissionPanel", "planned") if unit is not None else "")
            item.setIcon(icon("state-waiting") if unit is not None else icon(""))
            item.setToolTip("")
            return
        counts = " · ".join(f"{result_text(r)} {outcome.count(r)}" for r in (PASS, WARN, FAIL) if outcome.count(r))
        item.setText(status_text(outcome.status) + (f" ({counts})" if counts else ""))
        item.setIcon(icon(STATUS_ICON[outcome.status]))
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
            self.checks_title.setText(QCoreApplication.translate("CommissionPanel", "Select a unit to see its checks."))
        else:
            title = QCoreApplication.translate("CommissionPanel", "Unit %1").replace("%1", str(key[1]))
            if unit is not None and unit.name:
                title += f" – {unit.name}"
            if outcome is not None:
                title += f": {status_text(outcome.status)}"
            self.checks_title.setText(title)
        checks = outcome.checks if outcome is not None else ()
        self.checks.setRowCount(len(checks))
        for row_, check in enumerate(checks):
            result = QTableWidgetItem(icon(RESULT_ICON[check.result]), result_text(check.result))
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

    def _retranslate_table(self) -> None:
        self.table.setHorizontalHeaderLabels([_t(c) for c in _COLUMNS])
        self.checks.setHorizontalHeaderLabels([QCoreApplication.translate("CommissionPanel", "Result"),
                                               QCoreApplication.translate("CommissionPanel", "Check"),
                                               QCoreApplication.translate("CommissionPanel", "Reason")])
        for row, key in enumerate(self._rows):
            unit = self.plan.unit(*key) if self.plan is not None else None
            self._render_status(row, unit, self._outcomes.get(key))


__all__ = ["ADDRESS", "link_name", "FIRMWARE", "HOST", "LINK", "NAME", "PHASES", "PROBES_COL", "PROFILE", "PlanTable", "RATING",
           "STATUS"]
