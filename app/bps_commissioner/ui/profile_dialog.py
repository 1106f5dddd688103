"""Apply a threshold profile (a JSON file) to a selection of units of a chain.

The dialog loads and checks the profile (a file that does not parse, or names an unknown
setting, is refused with the file, line and key), lets the engineer pick units and the
rated current, previews the changes (a dry run: old -> new per unit and setting), and
applies them through the service layer as one job at Priority.WRITE: the service validates
the profile against every selected unit before the first write, then writes unit by unit
and reads each register back. The table shows unit, setting, old, new, read-back and
result; "Retry failed units" applies the profile again to the units left incomplete (only
what still differs is written).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bps_commissioner.device.assess import limits_broken_now
from bps_commissioner.device.limits import DEFAULT_RATING, RATINGS, SETTINGS, check_rating
from bps_commissioner.device.profile import Profile, ProfileError
from bps_commissioner.services.audit import AuditLog
from bps_commissioner.services.thresholds import (
    APPLIED,
    FAILED,
    PLANNED,
    ApplyReport,
    load_profile_file,
    threshold_job,
)
from bps_commissioner.services.worker import JobResult, LinkWorker, Priority
from bps_commissioner.ui.style import WARN_COLOUR
from bps_commissioner.ui.threshold_results import (
    ERROR_COLOUR,
    broken_text,
    OK_COLOUR,
    follow_default_locale,
    format_value,
    problem_text,
    result_text,
    setting_label,
)


class ProfileDialog(QDialog):
    """Apply a profile to some of ``units`` (all checked unless ``selected`` says otherwise)
    on the link of ``worker``. Signal ``applied(ApplyReport)`` after each write job."""

    applied = Signal(object)

    COL_UNIT, COL_SETTING, COL_OLD, COL_NEW, COL_READ_BACK, COL_RESULT = range(6)

    def __init__(self, worker: LinkWorker, units: list[int], rating: int = DEFAULT_RATING,
                 audit: AuditLog | None = None, parent: QWidget | None = None,
                 selected: list[int] | None = None):
        super().__init__(parent)
        self.worker = worker
        self.audit = audit if audit is not None else AuditLog()
        self.profile: Profile | None = None
        self.report: ApplyReport | None = None
        self._job: int | None = None
        self._job_dry = False
        self._profile_error = ""
        self._units = list(dict.fromkeys(units))
        self._build(selected if selected is not None else self._units, check_rating(rating))
        worker.jobFinished.connect(self._on_job_finished)
        worker.jobProgress.connect(self._on_job_progress)
        self._readings: dict[int, Any] = {}  # the latest reading of each unit, for the live-value check
        self._confirmed_broken: tuple | None = None
        worker.unitUpdated.connect(self._on_unit)
        self.retranslate()
        self._update_buttons()

    # -- construction -------------------------------------------------------------------------
    def _build(self, selected: list[int], rating: int) -> None:
        layout = QVBoxLayout(self)
        form = QFormLayout()
        file_row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.returnPressed.connect(lambda: self.load_profile(self.path_edit.text()))
        self.browse_button = QPushButton()
        self.browse_button.clicked.connect(self._browse)
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        self.file_label = QLabel()
        form.addRow(self.file_label, file_row)
        self.profile_info = QLabel()
        self.profile_info.setWordWrap(True)
        self.profile_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("", self.profile_info)
        self.units_label = QLabel()
        self.unit_list = QListWidget()
        self.unit_list.setMaximumHeight(120)
        for u in self._units:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, u)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if u in selected else Qt.CheckState.Unchecked)
            self.unit_list.addItem(item)
        self.unit_list.itemChanged.connect(lambda _i: self._update_buttons())
        form.addRow(self.units_label, self.unit_list)
        self.rating_label = QLabel()
        self.rating_combo = QComboBox()
        for r in RATINGS:
            self.rating_combo.addItem(f"{r} A", r)
        self.rating_combo.setCurrentIndex(RATINGS.index(rating))
        form.addRow(self.rating_label, self.rating_combo)
        layout.addLayout(form)

        self.table = QTableWidget(0, 6)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        layout.addWidget(self.progress)

        self.buttons = QDialogButtonBox()
        self.preview_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.retry_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.apply_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ApplyRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.preview_button.clicked.connect(self.preview)
        self.apply_button.clicked.connect(self.apply)
        self.retry_button.clicked.connect(self.retry_failed)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(760, 560)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Apply a threshold profile"))
        self.file_label.setText(self.tr("Profile &file:"))
        self.file_label.setBuddy(self.path_edit)
        self.path_edit.setPlaceholderText(self.tr("a .json profile, e.g. one exported from a unit"))
        self.browse_button.setText(self.tr("&Choose…"))
        self.units_label.setText(self.tr("&Units:"))
        self.units_label.setBuddy(self.unit_list)
        for i in range(self.unit_list.count()):
            item = self.unit_list.item(i)
            item.setText(self.tr("Unit {unit}").format(unit=item.data(Qt.ItemDataRole.UserRole)))
        self.rating_label.setText(self.tr("&Rated current:"))
        self.rating_label.setBuddy(self.rating_combo)
        self.rating_combo.setToolTip(self.tr("The units' rated current limits the current thresholds; "
                                             "it cannot be read from a unit."))
        self.table.setHorizontalHeaderLabels([self.tr("Unit"), self.tr("Setting"), self.tr("Old"),
                                              self.tr("New"), self.tr("Read back"), self.tr("Result")])
        self.preview_button.setText(self.tr("&Preview"))
        self.preview_button.setToolTip(self.tr("Show what would change on each unit, write nothing"))
        self.apply_button.setText(self.tr("&Apply"))
        self.retry_button.setText(self.tr("Retry &failed units"))
        self.cancel_button.setText(self.tr("&Stop writing"))
        self._show_profile_info()
        if self.report is not None:
            self._show_report(self.report)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            follow_default_locale(self)
            self.retranslate()
        elif event.type() == QEvent.Type.LocaleChange and self.report is not None:
            self._show_report(self.report)
        super().changeEvent(event)

    # -- public API ---------------------------------------------------------------------------
    def selected_units(self) -> list[int]:
        return [self.unit_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.unit_list.count())
                if self.unit_list.item(i).checkState() == Qt.CheckState.Checked]

    def set_selected_units(self, units: list[int]) -> None:
        for i in range(self.unit_list.count()):
            item = self.unit_list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in units
                               else Qt.CheckState.Unchecked)

    @property
    def rating(self) -> int:
        return int(self.rating_combo.currentData())

    @property
    def is_writing(self) -> bool:
        return self._job is not None

    def load_profile(self, path: str) -> bool:
        """Load and check a profile file; True when it can be applied."""
        self.path_edit.setText(path)
        self._profile_error = ""
        try:
            self.profile = load_profile_file(path) if path else None
        except ProfileError as exc:
            self.profile = None
            self._profile_error = str(exc)
        self.report = None
        self.table.setRowCount(0)
        self.summary.setText("")
        self._show_profile_info()
        self._update_buttons()
        return self.profile is not None

    @Slot()
    def preview(self) -> None:
        self._start(self.selected_units(), dry_run=True)

    @Slot()
    def apply(self) -> None:
        """Write the profile. Limits that a unit's present reading already breaks (it would
        alarm at once) are named first; Apply again with the same selection writes them."""
        units = self.selected_units()
        broken = {u: limits_broken_now(self._readings[u], self.profile.thresholds)
                  for u in units if self.profile is not None and u in self._readings}
        broken = {u: b for u, b in broken.items() if b}
        key = (tuple(units), id(self.profile))
        if broken and self._confirmed_broken != key:
            self._confirmed_broken = key
            text = "; ".join(self.tr("unit {unit}: {limits}").format(unit=u, limits=broken_text(b, self.locale()))
                             for u, b in broken.items())
            self.summary.setText(text + ". " + self.tr("Press Apply again to write anyway."))
            self.summary.setStyleSheet(f"color: {WARN_COLOUR};")
            return
        self._confirmed_broken = None
        self._start(units, dry_run=False)

    @Slot(object)
    def _on_unit(self, result: Any) -> None:
        if result.reading is not None and result.error is None:
            self._readings[result.address] = result.reading

    @Slot()
    def retry_failed(self) -> None:
        if self.report is not None and not self.report.dry_run:
            self._start([u.unit for u in self.report.units if not u.ok], dry_run=False)

    @Slot()
    def cancel(self) -> None:
        if self._job is not None:
            self.worker.cancel(self._job)

    def reject(self) -> None:
        if self.is_writing:  # never close on a write in flight: its report must be seen
            return
        super().reject()

    def closeEvent(self, event: QEvent) -> None:  # noqa: N802
        if self.is_writing:
            event.ignore()
            return
        super().closeEvent(event)

    # -- internals ----------------------------------------------------------------------------
    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Choose a threshold profile"),
                                                    self.path_edit.text(),
                                                    self.tr("Threshold profiles (*.json);;All files (*)"))
        if path:
            self.load_profile(path)

    def _show_profile_info(self) -> None:
        if self._profile_error:
            self.profile_info.setText(self.tr("✗ This profile cannot be used: {error}").format(
                error=self._profile_error))
            self.profile_info.setStyleSheet(f"color: {ERROR_COLOUR};")
        elif self.profile is not None:
            name = self.profile.name or self.tr("(no name)")
            self.profile_info.setText(self.tr("“{name}”: %n setting(s)", "", len(self.profile.thresholds))
                                      .format(name=name))
            self.profile_info.setStyleSheet("")
        else:
            self.profile_info.setText(self.tr("Choose a profile file."))
            self.profile_info.setStyleSheet("")

    def _update_buttons(self) -> None:
        writing = self.is_writing
        ready = self.profile is not None and bool(self.selected_units()) and not writing
        self.preview_button.setEnabled(ready)
        self.apply_button.setEnabled(ready)
        self.retry_button.setEnabled(not writing and self.report is not None and not self.report.dry_run
                                     and self.profile is not None and any(not u.ok for u in self.report.units))
        self.cancel_button.setVisible(writing)
        self.close_button.setEnabled(not writing)
        for w in (self.path_edit, self.browse_button, self.unit_list, self.rating_combo):
            w.setEnabled(not writing)

    def _start(self, units: list[int], dry_run: bool) -> None:
        if self.profile is None or not units or self.is_writing:
            return
        job = threshold_job(units, self.profile.thresholds, self.rating, audit=self.audit, dry_run=dry_run)
        self._job_dry = dry_run
        self._job = self.worker.submit(job, Priority.WRITE)
        self.progress.setRange(0, 0)  # busy until the first write reports its progress
        self.progress.setVisible(True)
        self.summary.setText(self.tr("Checking the profile against %n unit(s)…", "", len(units)))
        self.summary.setStyleSheet("")
        self._update_buttons()

    @Slot(int, object)
    def _on_job_progress(self, job_id: int, progress: Any) -> None:
        done, total, text = progress.done, progress.total, progress.text
        if job_id == self._job:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)
            self.summary.setText(self.tr("Writing {done} of {total}: {what}").format(
                done=done, total=total, what=text))

    @Slot(object)
    def _on_job_finished(self, result: JobResult) -> None:
        if result.job_id != self._job:
            return
        self._job = None
        self.progress.setVisible(False)
        report = result.value if isinstance(result.value, ApplyReport) else None
        if report is None:
            error = result.error or self.tr("cancelled before anything was written")
            self.summary.setText(self.tr("Nothing was written: {error}").format(error=error))
            self.summary.setStyleSheet(f"color: {ERROR_COLOUR};")
        else:
            self.report = report
            self._show_report(report)
            if not report.dry_run and report.written:
                for u in report.units:
                    self.worker.refresh_thresholds(u.unit)
                self.applied.emit(report)
        self._update_buttons()

    def _show_report(self, report: ApplyReport) -> None:
        locale = self.locale()
        self.table.setRowCount(0)
        if report.refused:
            for p in report.refused:
                self._add_row(p.unit, setting_label(p.setting) if p.setting in SETTINGS else p.setting,
                              "", "", "", "✗ " + problem_text(p, locale), ERROR_COLOUR, p.setting)
            self.summary.setText(self.tr("Refused: nothing was written on any unit. Fix the profile or the "
                                         "selection and try again."))
            self.summary.setStyleSheet(f"color: {ERROR_COLOUR};")
            return
        for u in report.units:
            for r in u.results:
                text, colour = result_text(r, locale)
                read_back = "" if r.result not in (APPLIED, FAILED) else format_value(r.setting, r.read_back, locale)
                self._add_row(u.unit, setting_label(r.setting), format_value(r.setting, r.old, locale),
                              format_value(r.setting, r.new, locale), read_back, text, colour, r.setting)
        if report.dry_run:
            planned = sum(len(u.of(PLANNED)) for u in report.units)
            self.summary.setText(self.tr("Preview: %n change(s) would be written; nothing was written.", "",
                                         planned))
            self.summary.setStyleSheet("")
            return
        bad_units = [u.unit for u in report.units if not u.ok]
        applied = sum(len(u.applied) for u in report.units)
        text = self.tr("%n setting(s) applied and confirmed by read-back.", "", applied)
        if bad_units:
            not_applied = sum(len(u.not_applied) for u in report.units)
            text += " " + self.tr("%n setting(s) NOT applied", "", not_applied) + " " + self.tr(
                "(units {units}): see the rows marked ✗ or –.").format(units=", ".join(map(str, bad_units)))
        if report.audit_errors:
            text += " " + self.tr("The audit log could not be written: {error}").format(error=report.audit_errors[0])
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color: {ERROR_COLOUR if bad_units or report.audit_errors else OK_COLOUR};")

    def _add_row(self, unit: int | None, setting: str, old: str, new: str, read_back: str, result: str,
                 colour: str, key: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        cells = ("" if unit is None else str(unit), setting, old, new, read_back, result)
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if col == self.COL_SETTING:
                item.setToolTip(key)
            if col == self.COL_RESULT:
                item.setToolTip(result)
                if colour:
                    item.setForeground(QColor(colour))
            self.table.setItem(row, col, item)

    def result_rows(self) -> list[tuple[str, ...]]:
        """The table's text, row by row (for tests and for copying)."""
        return [tuple(self.table.item(r, c).text() for c in range(self.table.columnCount()))
                for r in range(self.table.rowCount())]


__all__ = ["ProfileDialog"]
