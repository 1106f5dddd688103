"""A unit's dashboard: per-phase measurements and totals, alarm limits and states, probes.

Every row comes from device/registers.py (labels, units, decimals); monitored values carry
their state as a tint, an icon and a tooltip (colour is never alone), the state columns as
text too.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QGridLayout, QGroupBox, QHeaderView, QLabel, QSizePolicy, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from bps_commissioner.device.assess import Level, ValueStatus, monitored_status, sensor_status, value_status
from bps_commissioner.device.decode import UnitReading
from bps_commissioner.device.registers import BY_KEY, MONITORED, PHASES, Kind
from bps_commissioner.ui import format as fmt
from bps_commissioner.ui import style
from bps_commissioner.ui.chain_model import UnitInfo
from bps_commissioner.ui.state import LEVEL_COLORS, level_icon, status_text

#: The per-phase quantities, in the order of the unit's web page.
PHASE_FIELDS = ("voltage", "current", "active_power", "reactive_power", "apparent_power", "frequency",
                "power_factor", "active_energy", "apparent_energy")
#: The rows of the phases table: (kind, field); the monitored quantities (voltage and
#: current) are each followed by their alarm limits and alarm state per phase.
PHASE_ROWS: tuple[tuple[str, str], ...] = tuple(
    row for field in PHASE_FIELDS
    for row in ((("value", field), ("limits", field), ("state", field)) if field in ("voltage", "current")
                else (("value", field),)))
#: Totals: energies from their own registers, powers summed over the phases.
SUMMED_FIELDS = ("active_power", "reactive_power", "apparent_power")
PROBE_KEYS = ("temperature", "humidity", "temperature_1", "humidity_1", "temperature_2", "humidity_2",
              "door_1", "door_2", "smoke", "water")
_MONITORED_BY_READING = {m.reading: m for m in MONITORED}


def has_limits(reading: UnitReading | None) -> bool:
    """False for a reading without alarm limits and states (read over SNMP, whose object
    table has neither): those cells say so instead of showing blanks or a made-up "normal"."""
    return reading is None or any(f"{m.key}.high" in reading.values or f"{m.key}.alarm" in reading.values
                                  for m in MONITORED)


class ValueTable(QTableWidget):
    """A read-only table sized to its contents (the dashboard scrolls, not each table)."""

    def __init__(self, rows: int, columns: int, parent: QWidget | None = None):
        super().__init__(rows, columns, parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAlternatingRowColors(False)
        self.setWordWrap(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        # columns as wide as their contents (never elided), at least a typical value wide so
        # that they do not twitch as the values change
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setMinimumSectionSize(self.fontMetrics().horizontalAdvance("0000,000") + 12)
        for r in range(rows):
            for c in range(columns):
                item = QTableWidgetItem()
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(r, c, item)

    def fit(self) -> None:
        """Size the table to its rows and columns: it never scrolls or clips on its own."""
        height = self.horizontalHeader().height() + 2 * self.frameWidth()
        for r in range(self.rowCount()):
            if not self.isRowHidden(r):
                height += self.rowHeight(r)
        width = self.verticalHeader().width() + 2 * self.frameWidth()
        for c in range(self.columnCount()):
            if not self.isColumnHidden(c):
                width += self.columnWidth(c)
        if (width, height) != (self.width(), self.height()):
            self.setFixedSize(width, height)

    def set_row_labels(self, labels: list[str]) -> None:
        self.setVerticalHeaderLabels(labels)
        self.verticalHeader().setMinimumWidth(self.verticalHeader().sizeHint().width())

    def span_row(self, row: int, spanned: bool) -> None:
        """Let the first cell of ``row`` run across the row (for "not connected")."""
        if (self.columnSpan(row, 0) > 1) != spanned:
            self.setSpan(row, 0, 1, self.columnCount() if spanned else 1)

    def put(self, row: int, column: int, text: str, status: ValueStatus | None = None,
            tooltip: str = "", stale: bool = False) -> None:
        item = self.item(row, column)
        level = status.level if status else Level.NEUTRAL
        fg, bg = LEVEL_COLORS[level]
        if stale:
            fg, bg = style.STALE_COLOUR, None
        if item.text() != text:
            item.setText(text)
        colours = (fg, bg)
        if item.data(_COLOUR_ROLE) != colours:
            item.setForeground(QBrush(QColor(fg)) if fg else QBrush())
            item.setBackground(QBrush(QColor(bg)) if bg else QBrush())
            item.setData(_COLOUR_ROLE, colours)
        shown = level if status is not None and not stale else None
        if item.data(_LEVEL_ROLE) != (shown.value if shown else None):  # setIcon is costly: on change only
            wanted_icon = level_icon(shown) if shown is not None else None
            item.setIcon(wanted_icon if wanted_icon is not None else _NO_ICON())
            item.setData(_LEVEL_ROLE, shown.value if shown else None)
        if item.toolTip() != tooltip:
            item.setToolTip(tooltip)


_LEVEL_ROLE = Qt.ItemDataRole.UserRole + 1
_COLOUR_ROLE = Qt.ItemDataRole.UserRole + 2


def _NO_ICON() -> Any:  # noqa: N802 (a constant, made lazily: QIcon needs a QGuiApplication)
    from PySide6.QtGui import QIcon
    return QIcon()


def limits_text(status: ValueStatus, unit: str, decimals: int) -> str:
    if status.low is None or status.high is None:
        return ""
    low = fmt.with_unit(fmt.number(status.low, decimals), unit)
    high = fmt.with_unit(fmt.number(status.high, decimals), unit)
    return QCoreApplication.translate("UnitDashboard", "Alarm below %1 or above %2").replace(
        "%1", low).replace("%2", high)


class UnitDashboard(QWidget):
    """Shows one unit's latest reading (see :meth:`show_unit`): the phases table (values,
    totals, voltage and current alarm limits and states per phase) and the probes table
    (value, alarm limits and state of each probe; "not connected" where absent)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._info: UnitInfo | None = None
        self._stale_label = QLabel()
        self._stale_label.setObjectName("staleNote")
        self._stale_label.setWordWrap(True)
        self._stale_label.setStyleSheet(style.warn_text_style())
        self._stale_label.hide()
        self._faults_label = QLabel()
        self._faults_label.setObjectName("faultsNote")
        self._faults_label.setWordWrap(True)
        self._faults_label.setStyleSheet(style.warn_text_style())
        self._faults_label.hide()
        self._limits_label = QLabel()
        self._limits_label.setObjectName("noLimitsNote")
        self._limits_label.setWordWrap(True)
        self._limits_label.setStyleSheet(f"color: {style.INFO_COLOUR};")
        self._limits_label.hide()

        self.phases = ValueTable(len(PHASE_ROWS), len(PHASES) + 1)
        self.phases.setObjectName("phasesTable")
        self.probes = ValueTable(len(PROBE_KEYS), 4)
        self.probes.setObjectName("probesTable")

        self._phases_box = QGroupBox()
        self._probes_box = QGroupBox()
        for box, table in ((self._phases_box, self.phases), (self._probes_box, self.probes)):
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(6, 6, 6, 6)
            box_layout.addWidget(table)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.addWidget(self._stale_label, 0, 0, 1, 2)
        grid.addWidget(self._faults_label, 1, 0, 1, 2)
        grid.addWidget(self._limits_label, 2, 0, 1, 2)
        grid.addWidget(self._phases_box, 3, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self._probes_box, 3, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(4, 1)
        self._retranslate()

    # -- language -----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._phases_box.setTitle(self.tr("Phases and totals"))
        self._probes_box.setTitle(self.tr("Probes"))
        self.phases.setHorizontalHeaderLabels([*PHASES, self.tr("Total")])
        rows = []
        for kind, field in PHASE_ROWS:
            q = BY_KEY[f"{field}_l1"]
            if kind == "value":
                rows.append(fmt.quantity_label(q) + (f" [{q.unit}]" if q.unit else ""))
            elif kind == "limits":
                rows.append((self.tr("Voltage limits") if field == "voltage" else self.tr("Current limits"))
                            + f" [{q.unit}]")
            else:
                rows.append(self.tr("Voltage alarm") if field == "voltage" else self.tr("Current alarm"))
        self.phases.set_row_labels(rows)
        self.probes.setHorizontalHeaderLabels([self.tr("Value"), self.tr("Low limit"), self.tr("High limit"),
                                               self.tr("State")])
        self.probes.set_row_labels([fmt.quantity_label(BY_KEY[k]) for k in PROBE_KEYS])
        self._limits_label.setText(self.tr(
            "Alarm limits and alarm states are not available over SNMP: the unit's object table has readings and "
            "sensors only. Over Modbus TCP, or in the master's Telnet menu, the limits can be read."))
        for table in (self.phases, self.probes):
            table.fit()
        self.show_unit(self._info)

    # -- values -------------------------------------------------------------------------------
    def show_unit(self, info: UnitInfo | None) -> None:
        self._info = info
        reading = info.reading if info is not None else None
        stale = bool(info and info.stale)
        if info is not None and stale and reading is not None:
            self._stale_label.setText(self.tr("The latest poll failed: these values are from %1.").replace(
                "%1", fmt.clock(info.last_reply)))
        self._stale_label.setVisible(stale and reading is not None)
        faults = reading.faults if reading is not None else ()
        if faults:
            self._faults_label.setText(self.tr("The unit reported a register fault (a device or line fault); the "
                                           "value is not shown: %1").replace("%1", "; ".join(faults)))
        self._faults_label.setVisible(bool(faults))
        limits = has_limits(reading)
        self._limits_label.setVisible(not limits)
        for row, (kind, _field) in enumerate(PHASE_ROWS):
            if kind != "value" and self.phases.isRowHidden(row) == limits:
                self.phases.setRowHidden(row, not limits)
        for column in (1, 2):
            if self.probes.isColumnHidden(column) == limits:
                self.probes.setColumnHidden(column, not limits)
        self._show_phases(reading, stale)
        self._show_probes(reading, stale)
        for table in (self.phases, self.probes):
            table.fit()

    def _show_phases(self, reading: UnitReading | None, stale: bool) -> None:
        single = reading is not None and reading.phases == 1
        for column in (1, 2):
            self.phases.setColumnHidden(column, single)
        for row, (kind, field) in enumerate(PHASE_ROWS):
            for column, phase in enumerate(PHASES):
                key = f"{field}_{phase.lower()}"
                if reading is None:
                    self.phases.put(row, column, "")
                elif kind == "value":
                    self._put_value(row, column, reading, key, stale)
                else:
                    self._put_limit(row, column, reading, _MONITORED_BY_READING[key], kind, stale)
            total = self._total(reading, field) if kind == "value" else ""
            self.phases.put(row, len(PHASES), total, None, "", stale)

    def _put_value(self, row: int, column: int, reading: UnitReading, key: str, stale: bool) -> None:
        q = BY_KEY[key]
        status = value_status(reading, key)
        monitored = _MONITORED_BY_READING.get(key)
        if monitored is not None and not has_limits(reading):
            monitored = None  # nothing to judge it against: a plain value
        tooltip = ""
        if monitored is not None:
            tooltip = f"{status_text(status.code)}\n{limits_text(status, monitored.unit, 1)}".strip()
        elif status.code == "fault":
            tooltip = status_text("fault")
        value = reading.value(key)
        text = "–" if value is None else fmt.number(value, q.decimals)
        self.phases.put(row, column, text, status if monitored else None, tooltip, stale)

    def _put_limit(self, row: int, column: int, reading: UnitReading, mon: Any, kind: str, stale: bool) -> None:
        status = monitored_status(reading, mon)
        if kind == "limits":
            decimals = BY_KEY[f"{mon.key}.low"].decimals
            if status.low is None or status.high is None:
                text = "–"
            else:  # whole limits without their ",0": the column stays narrow
                shown = 0 if float(status.low).is_integer() and float(status.high).is_integer() else decimals
                text = f"{fmt.number(status.low, shown)} – {fmt.number(status.high, shown)}"
            self.phases.put(row, column, text, None, limits_text(status, mon.unit, decimals), stale)
            return
        text = _state_words(status)
        tooltip = f"{text}\n{limits_text(status, mon.unit, 1)}".strip()
        self.phases.put(row, column, text, status if status.level is not Level.ABSENT else None, tooltip, stale)

    def _total(self, reading: UnitReading | None, field: str) -> str:
        if reading is None:
            return ""
        if field in ("active_energy", "apparent_energy"):
            q = BY_KEY[f"{field}_total"]
            value = reading.value(q.key)
            return "–" if value is None else fmt.number(value, q.decimals)
        if field in SUMMED_FIELDS:
            values = [reading.value(f"{field}_{p.lower()}") for p in PHASES[:reading.phases]]
            if any(v is None for v in values):
                return "–"
            return fmt.number(sum(values), BY_KEY[f"{field}_l1"].decimals)
        return ""

    def _put_monitored(self, table: ValueTable, row: int, mon: Any, status: ValueStatus, stale: bool) -> None:
        q = BY_KEY[mon.reading]
        low_q = BY_KEY[f"{mon.key}.low"]
        if not has_limits(self._info.reading if self._info is not None else None):
            table.put(row, 0, "–" if status.value is None else fmt.number(status.value, q.decimals), None, "", stale)
            for column in (1, 2):
                table.put(row, column, "–", None, "", stale)
            table.put(row, 3, "–", None, self.tr("No alarm state over SNMP"), stale)
            return
        value = "–" if status.value is None else fmt.number(status.value, q.decimals)
        table.put(row, 0, value, status, limits_text(status, mon.unit, low_q.decimals), stale)
        table.put(row, 1, "–" if status.low is None else fmt.number(status.low, low_q.decimals), None, "", stale)
        table.put(row, 2, "–" if status.high is None else fmt.number(status.high, low_q.decimals), None, "", stale)
        table.put(row, 3, _state_words(status), status, "", stale)

    def _show_probes(self, reading: UnitReading | None, stale: bool) -> None:
        for row, key in enumerate(PROBE_KEYS):
            if reading is None:
                self.probes.span_row(row, False)
                for c in range(4):
                    self.probes.put(row, c, "")
                continue
            q = BY_KEY[key]
            mon = _MONITORED_BY_READING.get(key)
            status = monitored_status(reading, mon) if mon is not None else sensor_status(reading, key)
            absent = status.code == "absent"
            self.probes.span_row(row, absent)
            if absent:
                self.probes.put(row, 0, status_text("absent"), status, "", stale)
                self.probes.item(row, 0).setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                continue
            self.probes.item(row, 0).setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if mon is not None:
                self._put_monitored(self.probes, row, mon, status, stale)
            elif q.kind in (Kind.DOOR, Kind.PRESENCE):
                self.probes.put(row, 0, status_text(status.code), status, "", stale)
                for c in (1, 2):
                    self.probes.put(row, c, "", None, "", stale)
                self.probes.put(row, 3, status_text("normal" if status.level is Level.NORMAL else status.code),
                                status, "", stale)


def _state_words(status: ValueStatus) -> str:
    text = status_text(status.code)
    if status.code == "unknown" and status.raw_state:
        text = f"{text} ({status.raw_state})"
    return text


__all__ = ["PHASE_FIELDS", "PHASE_ROWS", "PROBE_KEYS", "UnitDashboard"]
