"""The diagnostics dock: the raw frame log and the per-unit counters of the service layer.

The frame log keeps the latest :data:`MAX_FRAMES` frames of every link. Frames arrive one
signal each; they are gathered and shown in batches on a timer, so a busy bus costs the GUI
one model update per :data:`FLUSH_MS`. The log is filterable (link, unit, direction, hex
text), pausable (frames arriving while paused are not kept: the view stays as it was) and
copyable (Ctrl+C or the Copy button: the selected lines, or all shown, as trace lines).

"Record to file…" appends every frame of every link, as the CLI's ``--trace`` writes it
(services/diagnostics.py TraceFile, with ``link=KEY``), to a chosen file until stopped,
whatever the filter and even while the view is paused; the file is flushed on the batch
timer and closed on stop or when the window closes (:meth:`DiagnosticsPanel.stop_recording`).
"""

from __future__ import annotations

import itertools
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
    QTableView, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from bps_commissioner.device.i18n import QT_TRANSLATE_NOOP
from bps_commissioner.services.diagnostics import FrameRecord, TraceFile
from bps_commissioner.ui import format as fmt
from bps_commissioner.ui import style

MAX_FRAMES = 5000
FLUSH_MS = 250
# the counters table is redrawn at most this often (40 links report a sweep each per second)
COUNTERS_EVERY_S = 1.0


@dataclass(frozen=True)
class LoggedFrame:
    seq: int
    link: str
    record: FrameRecord

    def line(self) -> str:
        return f"{self.record.line()} link={self.link}"


_FRAME_HEADERS = (QT_TRANSLATE_NOOP("FrameLogModel", "Time"), QT_TRANSLATE_NOOP("FrameLogModel", "Link"),
                  QT_TRANSLATE_NOOP("FrameLogModel", "Dir."), QT_TRANSLATE_NOOP("FrameLogModel", "Unit"),
                  QT_TRANSLATE_NOOP("FrameLogModel", "Bytes"), QT_TRANSLATE_NOOP("FrameLogModel", "Frame (hex)"))


class FrameLogModel(QAbstractTableModel):
    """All kept frames, and the rows that pass the filter."""

    def __init__(self, parent: QObject | None = None, capacity: int = MAX_FRAMES):
        super().__init__(parent)
        self._all: deque[LoggedFrame] = deque(maxlen=capacity)
        self._rows: list[LoggedFrame] = []
        self._seq = itertools.count()
        self._filter: tuple[str | None, int | None, str | None, str] = (None, None, None, "")
        self.labels: dict[str, str] = {}  # link key -> what to show

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_FRAME_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("FrameLogModel", _FRAME_HEADERS[section])
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        frame = self._rows[index.row()]
        record = frame.record
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"{fmt.clock(record.time)}.{int(record.time * 1000) % 1000:03d}"
            if column == 1:
                return self.labels.get(frame.link, frame.link)
            if column == 2:
                return "TX" if record.direction == "tx" else "RX"
            if column == 3:
                return str(record.unit)
            if column == 4:
                return str(len(record.data))
            return record.hex
        if role == Qt.ItemDataRole.ForegroundRole and column == 2:
            return QColor(style.INFO_COLOUR) if record.direction == "tx" else QColor(style.NORMAL_VALUE_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # -- content ------------------------------------------------------------------------------
    def frames(self) -> list[LoggedFrame]:
        """The rows shown, oldest first."""
        return list(self._rows)

    def add(self, batch: list[tuple[str, FrameRecord]]) -> None:
        if not batch:
            return
        new = [LoggedFrame(next(self._seq), link, record) for link, record in batch]
        self._all.extend(new)
        oldest = self._all[0].seq
        drop = 0
        while drop < len(self._rows) and self._rows[drop].seq < oldest:
            drop += 1
        if drop:
            self.beginRemoveRows(QModelIndex(), 0, drop - 1)
            del self._rows[:drop]
            self.endRemoveRows()
        shown = [f for f in new if f.seq >= oldest and self._passes(f)]
        if shown:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(shown) - 1)
            self._rows.extend(shown)
            self.endInsertRows()

    def clear(self) -> None:
        self.beginResetModel()
        self._all.clear()
        self._rows = []
        self.endResetModel()

    def set_filter(self, link: str | None, unit: int | None, direction: str | None, text: str) -> None:
        self._filter = (link, unit, direction, text.replace(" ", "").upper())
        self.beginResetModel()
        self._rows = [f for f in self._all if self._passes(f)]
        self.endResetModel()

    def _passes(self, frame: LoggedFrame) -> bool:
        link, unit, direction, text = self._filter
        record = frame.record
        if link is not None and frame.link != link:
            return False
        if unit is not None and record.unit != unit:
            return False
        if direction is not None and record.direction != direction:
            return False
        return not text or text in record.data.hex().upper()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(_FRAME_HEADERS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))


_COUNTER_HEADERS = (
    QT_TRANSLATE_NOOP("DiagnosticsPanel", "Link"), QT_TRANSLATE_NOOP("DiagnosticsPanel", "Unit"),
    QT_TRANSLATE_NOOP("DiagnosticsPanel", "Requests"), QT_TRANSLATE_NOOP("DiagnosticsPanel", "Replies"),
    QT_TRANSLATE_NOOP("DiagnosticsPanel", "No reply"), QT_TRANSLATE_NOOP("DiagnosticsPanel", "Garbled (CRC)"),
    QT_TRANSLATE_NOOP("DiagnosticsPanel", "Exceptions"), QT_TRANSLATE_NOOP("DiagnosticsPanel", "Last reply [ms]"),
    QT_TRANSLATE_NOOP("DiagnosticsPanel", "Average reply [ms]"),
)


class DiagnosticsPanel(QWidget):
    """The dock's content: two tabs, the frame log and the counters."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._pending: list[tuple[str, FrameRecord]] = []
        self._counters: dict[str, tuple[Any, ...]] = {}
        self._links: dict[str, str] = {}  # key -> label
        self._trace: TraceFile | None = None
        self._trace_error = ""

        self.model = FrameLogModel(self)
        self.view = QTableView()
        self.view.setObjectName("frameLog")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 4)
        self.view.setWordWrap(False)
        self.view.setFont(QGuiApplication.font())
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.view.installEventFilter(self)

        self._link_label = QLabel()
        self.link_filter = QComboBox()
        self.link_filter.setObjectName("logLink")
        self._link_label.setBuddy(self.link_filter)
        self._unit_label = QLabel()
        self.unit_filter = QComboBox()
        self.unit_filter.setObjectName("logUnit")
        self.unit_filter.setEditable(False)
        self._unit_label.setBuddy(self.unit_filter)
        self._dir_label = QLabel()
        self.direction_filter = QComboBox()
        self.direction_filter.setObjectName("logDirection")
        self._dir_label.setBuddy(self.direction_filter)
        self.text_filter = QLineEdit()
        self.text_filter.setObjectName("logText")
        self.text_filter.setClearButtonEnabled(True)
        self.pause_box = QCheckBox()
        self.pause_box.setObjectName("logPause")
        self.copy_button = QPushButton()
        self.copy_button.setObjectName("logCopy")
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("logClear")
        self.record_button = QPushButton()
        self.record_button.setObjectName("logRecord")
        self.record_button.setCheckable(True)
        self.record_button.toggled.connect(self._on_record_toggled)
        self.record_label = QLabel()
        self.record_label.setObjectName("logRecordFile")
        self.record_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for combo in (self.link_filter, self.unit_filter, self.direction_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self._apply_filter)
        self.text_filter.textChanged.connect(self._apply_filter)
        self.copy_button.clicked.connect(self.copy)
        self.clear_button.clicked.connect(self.model.clear)

        bar = QHBoxLayout()
        for w in (self._link_label, self.link_filter, self._unit_label, self.unit_filter, self._dir_label,
                  self.direction_filter):
            bar.addWidget(w)
        bar.addWidget(self.text_filter, 1)
        bar.addWidget(self.pause_box)
        bar.addWidget(self.copy_button)
        bar.addWidget(self.clear_button)
        record_bar = QHBoxLayout()
        record_bar.addWidget(self.record_button)
        record_bar.addWidget(self.record_label, 1)
        log_page = QWidget()
        log_layout = QVBoxLayout(log_page)
        log_layout.setContentsMargins(4, 4, 4, 4)
        log_layout.addLayout(bar)
        log_layout.addLayout(record_bar)
        log_layout.addWidget(self.view, 1)

        self.counters = QTableWidget(0, len(_COUNTER_HEADERS))
        self.counters.setObjectName("counters")
        self.counters.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.counters.verticalHeader().hide()
        self.counters.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 4)
        self.counters.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.counters.horizontalHeader().setStretchLastSection(True)

        self.tabs = QTabWidget()
        self.tabs.addTab(log_page, "")
        self.tabs.addTab(self.counters, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self._counters_dirty = False
        self._counters_shown_at = 0.0
        self.set_links({})
        self.set_units([])
        self._timer = QTimer(self)
        self._timer.setInterval(FLUSH_MS)
        self._timer.timeout.connect(self.flush)
        self._timer.start()
        self._retranslate()

    # -- input --------------------------------------------------------------------------------
    def add_frame(self, link: str, record: FrameRecord) -> None:
        if self._trace is not None:
            try:
                self._trace.write(record, link)
            except OSError as exc:
                self._recording_failed(exc)
        if not self.pause_box.isChecked():
            self._pending.append((link, record))
            if len(self._pending) > MAX_FRAMES:
                del self._pending[: len(self._pending) - MAX_FRAMES]

    def flush(self) -> None:
        if self._counters_dirty and time.monotonic() - self._counters_shown_at >= COUNTERS_EVERY_S:
            self._show_counters()
        if self._trace is not None:
            try:
                self._trace.flush()
            except OSError as exc:
                self._recording_failed(exc)
        batch, self._pending = self._pending, []
        if not batch:
            return
        at_bottom = self.view.verticalScrollBar().value() >= self.view.verticalScrollBar().maximum() - 2
        self.model.add(batch)
        if at_bottom:
            self.view.scrollToBottom()

    def set_links(self, links: dict[str, str]) -> None:
        """The links by key, with their labels, for the filter and the counters."""
        self._links = dict(links)
        self.model.labels = self._links
        for key in list(self._counters):
            if key not in links:
                del self._counters[key]
        self._fill_link_filter()
        self._show_counters()

    def set_units(self, units: list[int]) -> None:
        current = self.unit_filter.currentData()
        self.unit_filter.blockSignals(True)
        self.unit_filter.clear()
        self.unit_filter.addItem(self.tr("all"), None)
        for u in sorted(set(units)):
            self.unit_filter.addItem(str(u), u)
        index = self.unit_filter.findData(current)
        self.unit_filter.setCurrentIndex(max(0, index))
        self.unit_filter.blockSignals(False)

    def set_counters(self, link: str, diagnostics: tuple[Any, ...]) -> None:
        """A link's counters after its sweep. The table is redrawn at most once per
        COUNTERS_EVERY_S (the flush timer draws what arrived meanwhile), so that many links
        sweeping in step do not stall the window."""
        self._counters[link] = tuple(diagnostics)
        self._counters_dirty = True
        if time.monotonic() - self._counters_shown_at >= COUNTERS_EVERY_S:
            self._show_counters()

    def _show_counters(self) -> None:
        self._counters_dirty = False
        self._counters_shown_at = time.monotonic()
        rows = [(key, d) for key in self._counters for d in self._counters[key]]
        self.counters.setRowCount(len(rows))
        for r, (key, d) in enumerate(rows):
            values = [
                self._links.get(key, key), str(d.address), fmt.integer(d.requests), fmt.integer(d.replies),
                fmt.integer(d.timeouts), fmt.integer(d.garbled), fmt.integer(d.exceptions),
                "–" if d.last_reply_s is None else fmt.number(d.last_reply_s * 1000, 1),
                "–" if d.average_reply_s is None else fmt.number(d.average_reply_s * 1000, 1),
            ]
            for c, text in enumerate(values):
                item = self.counters.item(r, c)
                if item is None:
                    item = QTableWidgetItem()
                    if c >= 1:
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    self.counters.setItem(r, c, item)
                if item.text() != text:
                    item.setText(text)
                bad = (c == 4 and d.timeouts) or (c == 5 and d.garbled) or (c == 6 and d.exceptions)
                item.setForeground(QColor(style.ERROR_COLOUR) if bad else QColor(style.TEXT_COLOUR))

    # -- recording ----------------------------------------------------------------------------
    @property
    def recording(self) -> str | None:
        """The file being recorded to, or None."""
        return None if self._trace is None else self._trace.path

    def start_recording(self, path: str) -> bool:
        """Append every frame from now on to ``path``. False (and the reason shown) when the
        file cannot be opened."""
        self.stop_recording()
        try:
            self._trace = TraceFile.open(path, append=True)
        except OSError as exc:
            self._trace_error = self.tr("Could not write %1: %2").replace("%1", path).replace(
                "%2", exc.strerror or str(exc))
        else:
            self._trace_error = ""
        self._show_recording()
        return self._trace is not None

    def stop_recording(self) -> None:
        """Flush and close the recording (idempotent; the window calls it when it closes)."""
        trace, self._trace = self._trace, None
        if trace is not None:
            try:
                trace.close()
            except OSError as exc:
                self._trace_error = self.tr("Could not write %1: %2").replace("%1", trace.path).replace(
                    "%2", exc.strerror or str(exc))
        self._show_recording()

    def _recording_failed(self, exc: OSError) -> None:
        trace, self._trace = self._trace, None
        if trace is not None:
            try:
                trace.close()
            except OSError:
                pass  # the error shown is the first one
            self._trace_error = self.tr("Recording stopped, could not write %1: %2").replace(
                "%1", trace.path).replace("%2", exc.strerror or str(exc))
        self._show_recording()

    def _on_record_toggled(self, on: bool) -> None:
        if not on:
            self.stop_recording()
            return
        if self._trace is not None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Record the frame log to a file"), "", self.tr("Trace files (*.txt *.log);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite)
        if not path or not self.start_recording(path):
            self._show_recording()

    def _show_recording(self) -> None:
        recording = self._trace is not None
        if self.record_button.isChecked() != recording:
            self.record_button.blockSignals(True)
            self.record_button.setChecked(recording)
            self.record_button.blockSignals(False)
        self.record_button.setText(self.tr("&Stop recording") if recording else self.tr("Record to &file…"))
        self.record_button.setToolTip(
            self.tr("Close the recording file") if recording else
            self.tr("Append every frame of every link to a file, as bps-commissioner --trace does, until stopped"))
        if recording:
            self.record_label.setText(self.tr("Recording to %1").replace("%1", self._trace.path))
            self.record_label.setStyleSheet("")
        else:
            self.record_label.setText(self._trace_error)
            self.record_label.setStyleSheet(style.error_text_style() if self._trace_error else "")

    # -- filter, copy -------------------------------------------------------------------------
    def _fill_link_filter(self) -> None:
        current = self.link_filter.currentData()
        self.link_filter.blockSignals(True)
        self.link_filter.clear()
        self.link_filter.addItem(self.tr("all"), None)
        for key, label in self._links.items():
            self.link_filter.addItem(label, key)
        self.link_filter.setCurrentIndex(max(0, self.link_filter.findData(current)))
        self.link_filter.blockSignals(False)

    def _apply_filter(self) -> None:
        direction = self.direction_filter.currentData()
        self.model.set_filter(self.link_filter.currentData(), self.unit_filter.currentData(), direction,
                              self.text_filter.text())

    def copy(self) -> str:
        """Copy the selected lines (all shown lines when none is selected) to the clipboard."""
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        frames = self.model.frames()
        chosen = [frames[r] for r in rows] if rows else frames
        text = "\n".join(f.line() for f in chosen)
        QGuiApplication.clipboard().setText(text)
        return text

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.view and event.type() == QEvent.Type.KeyPress
                and event.matches(QKeySequence.StandardKey.Copy)):
            self.copy()
            return True
        return super().eventFilter(watched, event)

    # -- language -----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("Frame log"))
        self.tabs.setTabText(1, self.tr("Counters"))
        self._link_label.setText(self.tr("Lin&k:"))
        self._unit_label.setText(self.tr("U&nit:"))
        self._dir_label.setText(self.tr("Di&rection:"))
        self.text_filter.setPlaceholderText(self.tr("Filter by bytes, e.g. 01 03"))
        self.text_filter.setToolTip(self.tr("Show only frames containing these bytes (hex)"))
        self.pause_box.setText(self.tr("Pause l&og"))
        self.pause_box.setToolTip(self.tr("Keep the log as it is; frames arriving meanwhile are not kept "
                                          "(a recording to a file goes on)"))
        self._show_recording()
        self.copy_button.setText(self.tr("Cop&y"))
        self.copy_button.setToolTip(self.tr("Copy the selected frames (or all shown) as text (Ctrl+C)"))
        self.clear_button.setText(self.tr("Cl&ear"))
        index = self.direction_filter.currentIndex()
        self.direction_filter.blockSignals(True)
        self.direction_filter.clear()
        self.direction_filter.addItem(self.tr("both"), None)
        self.direction_filter.addItem(self.tr("sent (TX)"), "tx")
        self.direction_filter.addItem(self.tr("received (RX)"), "rx")
        self.direction_filter.setCurrentIndex(max(0, index))
        self.direction_filter.blockSignals(False)
        for combo in (self.link_filter, self.unit_filter):
            if combo.count():
                combo.setItemText(0, self.tr("all"))
        self.counters.setHorizontalHeaderLabels(
            [QCoreApplication.translate("DiagnosticsPanel", h) for h in _COUNTER_HEADERS])
        self.model.retranslate()
        self._show_counters()
