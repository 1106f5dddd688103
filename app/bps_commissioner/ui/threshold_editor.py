"""The threshold editor of one unit.

:class:`ThresholdEditor` shows each alarm threshold with the unit's present value, the live
reading it watches, and a locale-aware spin box (decimal comma in Polish) with its unit and
limits (device/limits.py). Changes are validated inline before anything is written: a
field that breaks a rule says why and Apply stays disabled. Apply runs the service layer's
write (services/thresholds.py) as a job on the link's worker at Priority.WRITE; the window
never waits for it. Afterwards each row says applied, or failed / not written with the
reason, and "Retry failed" writes those again.

The words for its results are ui/threshold_results.py's (shared with the profile dialog),
the audit log's view ui/audit_view.py's (both still importable from here).

Standalone widgets: the main window docks them and feeds them (``set_reading`` with a
UnitReading, or the worker's own ``unitUpdated``, which the editor follows by itself).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox, QDoubleSpinBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton, QScrollArea,
    QVBoxLayout, QWidget,
)

from bps_commissioner.device.assess import limits_broken_now
from bps_commissioner.device.decode import UnitReading
from bps_commissioner.device.limits import (
    DEFAULT_RATING, RATINGS, SETTINGS, Problem, ValidationError, check_rating, encode, physical_range, quantity_of,
    thresholds_of, validate,
)
from bps_commissioner.services.audit import AuditLog
from bps_commissioner.services.thresholds import FAILED, SKIPPED, ApplyReport, SettingResult, threshold_job
from bps_commissioner.services.worker import JobResult, LinkWorker, Priority, UnitResult
from bps_commissioner.ui.audit_view import AuditLogView
from bps_commissioner.ui.number_field import LimitSpinBox
from bps_commissioner.ui.threshold_results import (
    ERROR_COLOUR, OK_COLOUR, broken_text, follow_default_locale, format_value, problem_text, result_text,
    result_word, live_text, setting_label,
)
from bps_commissioner.ui.style import WARN_COLOUR
from bps_commissioner.ui.threshold_results import set_style as _style

translate = QCoreApplication.translate  # the name pyside6-lupdate recognizes


# --- the editor ----------------------------------------------------------------------------------

@dataclass
class _Row:
    setting: str
    label: QLabel
    present_label: QLabel
    spin: QDoubleSpinBox
    live_label: QLabel
    status: QLabel
    present: float | int | None = None
    result: SettingResult | None = None


class ThresholdEditor(QWidget):
    """Edit the alarm thresholds of ``unit`` on the link of ``worker``.

    ``rating``: the unit's rated current (16 or 32 A; not readable from the unit).
    ``audit``: where write attempts are recorded (default: the user's data folder).
    Signals: ``applied(ApplyReport)`` after each write job, ``loaded(int)`` when the
    present values of the unit arrived."""

    applied = Signal(object)
    loaded = Signal(int)

    def __init__(self, worker: LinkWorker, unit: int, rating: int = DEFAULT_RATING,
                 audit: AuditLog | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.worker = worker
        self.unit = unit
        self.rating = check_rating(rating)
        self.audit = audit if audit is not None else AuditLog()
        self.report: ApplyReport | None = None
        self._write_job: int | None = None
        self._load_job: int | None = None
        self._await_fresh = False  # after a write: thresholds only from our own re-read
        self._reading: UnitReading | None = None
        self._updating = False
        self._message_kind = ""
        self._confirmed_broken: tuple | None = None  # changes whose alarm-at-once warning was shown
        self._rows: dict[str, _Row] = {}
        self._build()
        worker.jobFinished.connect(self._on_job_finished)
        worker.jobProgress.connect(self._on_job_progress)
        worker.unitUpdated.connect(self._on_unit_result)
        self.retranslate()
        self.reload()

    # -- construction -------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("title")
        top.addWidget(self.title, 1)
        self.rating_label = QLabel()
        self.rating_combo = QComboBox()
        for r in RATINGS:
            self.rating_combo.addItem(f"{r} A", r)
        self.rating_combo.setCurrentIndex(RATINGS.index(self.rating))
        self.rating_combo.currentIndexChanged.connect(lambda _i: self.set_rating(self.rating_combo.currentData()))
        self.rating_label.setBuddy(self.rating_combo)
        top.addWidget(self.rating_label)
        top.addWidget(self.rating_combo)
        outer.addLayout(top)

        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        self.headers = [QLabel() for _ in range(5)]
        for col, h in enumerate(self.headers):
            h.setStyleSheet("font-weight: bold;")
            grid.addWidget(h, 0, col)
        for i, setting in enumerate(SETTINGS, start=1):
            q = quantity_of(setting)
            spin = LimitSpinBox()  # ASCII digits and the locale's separator only
            spin.setDecimals(q.decimals)
            spin.setSingleStep(1.0 / q.scale if q.scale > 1 else 1.0)
            spin.setSuffix(f" {q.unit}")
            spin.setAccelerated(True)
            spin.setEnabled(False)
            spin.setObjectName(setting)
            row = _Row(setting, QLabel(), QLabel("?"), spin, QLabel(), QLabel())
            row.present_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            row.live_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            row.status.setWordWrap(True)
            row.status.setMinimumWidth(240)
            row.label.setBuddy(spin)
            spin.valueChanged.connect(lambda _v, s=setting: self._on_edit(s))
            for col, w in enumerate((row.label, row.present_label, spin, row.live_label, row.status)):
                grid.addWidget(w, i, col)
            self._rows[setting] = row
        grid.setColumnStretch(4, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(grid_host)
        outer.addWidget(scroll, 1)

        self.message = QLabel()
        self.message.setWordWrap(True)
        outer.addWidget(self.message)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        outer.addWidget(self.progress)
        buttons = QHBoxLayout()
        self.reload_button = QPushButton()
        self.revert_button = QPushButton()
        self.retry_button = QPushButton()
        self.cancel_button = QPushButton()
        self.apply_button = QPushButton()
        self.apply_button.setDefault(True)
        self.reload_button.clicked.connect(self.reload)
        self.revert_button.clicked.connect(self.revert)
        self.retry_button.clicked.connect(self.retry_failed)
        self.cancel_button.clicked.connect(self.cancel)
        self.apply_button.clicked.connect(self.apply)
        self.cancel_button.setVisible(False)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.apply_button)
        outer.addLayout(buttons)
        self._set_ranges()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Alarm thresholds of unit {unit}").format(unit=self.unit))
        self.rating_label.setText(self.tr("&Rated current:"))
        self.rating_combo.setToolTip(self.tr("The unit's rated current limits the current thresholds; "
                                             "it cannot be read from the unit."))
        for h, text in zip(self.headers, (self.tr("Setting"), self.tr("Present"), self.tr("New value"),
                                          self.tr("Live reading"), self.tr("Status"))):
            h.setText(text)
        for row in self._rows.values():
            row.label.setText(setting_label(row.setting))
        self.reload_button.setText(self.tr("Re&load"))
        self.reload_button.setToolTip(self.tr("Read the unit's present thresholds again"))
        self.revert_button.setText(self.tr("Re&vert"))
        self.revert_button.setToolTip(self.tr("Put every field back to the unit's present value"))
        self.retry_button.setText(self.tr("Retry &failed"))
        self.retry_button.setToolTip(self.tr("Write the settings that failed or were not written again"))
        self.cancel_button.setText(self.tr("&Cancel"))
        self.apply_button.setText(self.tr("&Apply"))
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            follow_default_locale(self)
            self.retranslate()
        elif event.type() == QEvent.Type.LocaleChange:
            self._refresh()
        super().changeEvent(event)

    # -- public API ---------------------------------------------------------------------------
    def spin(self, setting: str) -> QDoubleSpinBox:
        return self._rows[setting].spin

    def status_text(self, setting: str) -> str:
        return self._rows[setting].status.text()

    def present(self, setting: str) -> float | int | None:
        return self._rows[setting].present

    @property
    def is_loaded(self) -> bool:
        return all(r.present is not None for r in self._rows.values())

    @property
    def is_writing(self) -> bool:
        return self._write_job is not None

    def set_unit(self, unit: int) -> None:
        """Edit another unit: forget everything about the previous one and read the new one."""
        if self.is_writing:
            return
        self.unit = unit
        self.report = None
        self._reading = None
        self._await_fresh = False
        self._updating = True
        for row in self._rows.values():
            row.present = None
            row.result = None
            row.spin.setEnabled(False)
        self._updating = False
        self.retranslate()
        self.reload()

    def set_rating(self, rating: int) -> None:
        self.rating = check_rating(rating)
        if self.rating_combo.currentData() != rating:
            self.rating_combo.setCurrentIndex(RATINGS.index(rating))
        self._set_ranges()
        self._refresh()

    @Slot(object)
    def set_reading(self, reading: UnitReading) -> None:
        """A fresh reading of the unit: live values, and its thresholds (kept out while a write
        is in flight or its own re-read has not arrived yet)."""
        if reading.address != self.unit:
            return
        self._reading = reading
        if not self.is_writing and not self._await_fresh:
            self._take_present(thresholds_of(reading.values))
        self._refresh()

    @Slot()
    def reload(self) -> None:
        """Read the whole unit again (a job at foreground priority)."""
        unit = self.unit
        self._load_job = self.worker.submit(lambda ctx: ctx.link.read_unit(unit), Priority.FOREGROUND)

    def changes(self) -> dict[str, float | int]:
        """The settings whose field differs from the unit's present value."""
        out: dict[str, float | int] = {}
        for s, row in self._rows.items():
            if row.present is None:
                continue
            value = row.spin.value()
            if encode(s, value) != encode(s, row.present):
                out[s] = value
        return out

    def problems(self) -> dict[str, Problem]:
        """Validation problems of the present changes, by setting."""
        present = {s: r.present for s, r in self._rows.items() if r.present is not None}
        try:
            validate(present, self.changes(), self.rating)
        except ValidationError as exc:
            return {p.setting: p for p in exc.problems}
        return {}

    @Slot()
    def apply(self) -> None:
        """Write the changes. A new limit that the unit's present reading already breaks (it
        would alarm at once) is named first; Apply again with the same values writes it."""
        changes = self.changes()
        if not changes or self.problems() or self.is_writing:
            return
        broken = limits_broken_now(self._reading, changes) if self._reading is not None else []
        key = tuple(sorted(changes.items()))
        if broken and self._confirmed_broken != key:
            self._confirmed_broken = key
            self._show_message(broken_text(broken, self.locale()) + ". " + self.tr(
                "Press Apply again to write anyway."), WARN_COLOUR)
            return
        self._confirmed_broken = None
        self._submit(changes)

    @Slot()
    def retry_failed(self) -> None:
        if self.report is None or self.is_writing:
            return
        unit_report = self.report.unit(self.unit)
        if unit_report is None:
            return
        changes = self.changes()
        request = {r.setting: changes[r.setting] for r in unit_report.not_applied if r.setting in changes}
        if request:
            self._submit(request)

    @Slot()
    def revert(self) -> None:
        self._updating = True
        for row in self._rows.values():
            if row.present is not None:
                row.spin.setValue(float(row.present))
            row.result = None
        self._updating = False
        self._refresh()

    @Slot()
    def cancel(self) -> None:
        if self._write_job is not None:
            self.worker.cancel(self._write_job)

    # -- internals ----------------------------------------------------------------------------
    def _submit(self, request: dict[str, float | int]) -> None:
        for s in request:
            self._rows[s].result = None
        job = threshold_job([self.unit], request, self.rating, audit=self.audit)
        self._write_job = self.worker.submit(job, Priority.WRITE)
        self.progress.setRange(0, len(request))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self._refresh()

    def _set_ranges(self) -> None:
        self._updating = True
        for s, row in self._rows.items():
            self._widen_range(row)
        self._updating = False

    def _widen_range(self, row: _Row) -> None:
        """The physical range, widened to hold the unit's present value and the field's own:
        a range change must never clamp either into a silent change; validation flags them."""
        low, high = physical_range(row.setting, self.rating)
        value = row.spin.value()
        held = [value] + ([float(row.present)] if row.present is not None else [])
        if row.present is None:
            held = []
        row.spin.setRange(min([low, *held]), max([high, *held]))
        row.spin.setValue(value)

    def _take_present(self, thresholds: dict[str, float | int]) -> None:
        if not thresholds:
            return
        self._updating = True
        first = not self.is_loaded
        for s, value in thresholds.items():
            row = self._rows[s]
            clean = row.present is None or encode(s, row.spin.value()) == encode(s, row.present)
            row.present = value
            self._widen_range(row)
            if clean:
                row.spin.setValue(float(value))
            row.spin.setEnabled(True)
        self._updating = False
        if first and self.is_loaded:
            self.loaded.emit(self.unit)

    def _on_edit(self, setting: str) -> None:
        if self._updating:
            return
        self._rows[setting].result = None
        self._refresh()

    @Slot(object)
    def _on_unit_result(self, result: UnitResult) -> None:
        if result.address == self.unit and result.reading is not None and result.error is None:
            self.set_reading(result.reading)

    @Slot(int, object)
    def _on_job_progress(self, job_id: int, progress: Any) -> None:
        done, total = progress.done, progress.total
        if job_id == self._write_job:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)

    @Slot(object)
    def _on_job_finished(self, result: JobResult) -> None:
        if result.job_id == self._load_job:
            self._load_job = None
            self._await_fresh = False
            if isinstance(result.value, UnitReading):
                if self._message_kind == "load_error":
                    self._show_message("")
                self.set_reading(result.value)
            elif result.error:
                self._show_message(self.tr("Cannot read unit {unit}: {error}").format(
                    unit=self.unit, error=result.error), ERROR_COLOUR, kind="load_error")
            return
        if result.job_id != self._write_job:
            return
        self._write_job = None
        self.progress.setVisible(False)
        report = result.value if isinstance(result.value, ApplyReport) else None
        if report is None:
            error = result.error or self.tr("cancelled before anything was written")
            self._refresh()
            self._show_message(self.tr("Nothing was written: {error}").format(error=error), ERROR_COLOUR)
            return
        self.report = report
        self._show_report(report)
        # the unit's thresholds changed: the poller must read them again, and so do we
        self._await_fresh = True
        self.worker.refresh_thresholds(self.unit)
        self.reload()
        self.applied.emit(report)

    def _show_report(self, report: ApplyReport) -> None:
        if report.refused:
            self._refresh()
            problems = "; ".join(problem_text(p, self.locale()) if p.setting not in self._rows
                                 else f"{p.setting}: {problem_text(p, self.locale())}" for p in report.refused)
            self._show_message(self.tr("Refused, nothing was written: {problems}").format(problems=problems),
                               ERROR_COLOUR)
            return
        unit_report = report.unit(self.unit)
        if unit_report is None:
            return
        after = {s: v for s, v in unit_report.after.items() if v is not None}
        self._take_present(after)
        for r in unit_report.results:
            self._rows[r.setting].result = r
        self._refresh()
        applied, bad = len(unit_report.applied), len(unit_report.not_applied)
        text = self.tr("%n setting(s) applied and confirmed by read-back.", "", applied)
        if bad:
            text += " " + self.tr("%n setting(s) NOT applied: see the rows marked ✗ or –.", "", bad)
        if report.audit_errors:
            text += " " + self.tr("The audit log could not be written: {error}").format(error=report.audit_errors[0])
        self._show_message(text, ERROR_COLOUR if bad or report.audit_errors else OK_COLOUR)

    def _show_message(self, text: str, colour: str = "", kind: str = "") -> None:
        """The line under the table. ``kind``: "loading", "load_error" (both replaced once the
        unit is read), or "" for a report or error that stays until the next one."""
        self.message.setText(text)
        self._message_kind = kind if text else ""
        _style(self.message, colour)

    def _refresh(self) -> None:
        """Labels, per-row status and the buttons' state from the present state."""
        locale = self.locale()
        writing = self.is_writing
        changes = self.changes()
        problems = self.problems() if changes else {}
        for s, row in self._rows.items():
            row.present_label.setText(format_value(s, row.present, locale) if row.present is not None else "?")
            row.live_label.setText(self._live_text(s, locale))
            row.spin.setEnabled(row.present is not None and not writing)
            problem = problems.get(s)
            if problem is not None:
                text, colour = "✗ " + problem_text(problem, locale), ERROR_COLOUR
            elif writing and s in changes:
                text, colour = self.tr("writing…"), ""
            elif row.result is not None:
                text, colour = result_text(row.result, locale)
            elif s in changes:
                text, colour = self.tr("to write: {old} → {new}").format(
                    old=format_value(s, row.present, locale), new=format_value(s, changes[s], locale)), ""
            else:
                text, colour = "", ""
            row.status.setText(text)
            _style(row.status, colour)
            row.spin.setToolTip(text if problem is not None else self._range_tip(s, locale))
        can_write = bool(changes) and not problems and not writing
        self.apply_button.setEnabled(can_write)
        if problems:
            self.apply_button.setToolTip(self.tr("Fix the fields marked ✗ first"))
        elif not changes:
            self.apply_button.setToolTip(self.tr("Nothing to write: every field holds the unit's present value"))
        else:
            self.apply_button.setToolTip(self.tr("Write %n change(s) to the unit", "", len(changes)))
        failed = self.report is not None and self.report.unit(self.unit) is not None and any(
            r.result is not None and r.result.result in (FAILED, SKIPPED) and s in changes
            for s, r in self._rows.items())
        self.retry_button.setEnabled(bool(failed) and not writing and not problems)
        self.revert_button.setEnabled(bool(changes) and not writing)
        self.reload_button.setEnabled(not writing)
        self.rating_combo.setEnabled(not writing)
        self.cancel_button.setVisible(writing)
        if not self.is_loaded and not self._message_kind:
            self._show_message(self.tr("Reading the unit's present thresholds…"), kind="loading")
        elif self.is_loaded and self._message_kind == "loading":
            self._show_message("")

    def _range_tip(self, setting: str, locale: QLocale) -> str:
        low, high = physical_range(setting, self.rating)
        return self.tr("Allowed: {low} .. {high}").format(low=format_value(setting, low, locale),
                                                        high=format_value(setting, high, locale))

    def _live_text(self, setting: str, locale: QLocale) -> str:
        return live_text(self._reading, setting, locale)


__all__ = ["AuditLogView", "ThresholdEditor", "follow_default_locale", "format_value", "problem_text",
           "result_text", "result_word", "setting_label"]
