"""The Scan dialog: which units answer on a serial link, at known or detected settings.

The scan is a job on the link's worker (LinkManager.scan): the dialog shows its progress,
can cancel it, and lists what was found. When it ends, :attr:`ScanDialog.scanFinished`
carries the result; the main window then polls the units found (switching the link to the
detected settings if needed) and marks address conflicts in the chain tree, with the advice
to fix them. The window stays usable meanwhile (the dialog is not modal). "Export CSV…"
writes what was found (services/scan.py ScanResult.write_csv: comma separated, decimal point,
columns named like the scan's JSON keys).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QListWidget, QListWidgetItem, QProgressBar, QPushButton, QRadioButton, QVBoxLayout, QWidget,
)

from bps_commissioner.device.bus import BAUD_RATES, BusSettings
from bps_commissioner.services.endpoints import SerialEndpoint
from bps_commissioner.services.manager import SCAN_ADDRESS, SCAN_DETECT, LinkManager
from bps_commissioner.services.scan import ScanResult
from bps_commissioner.ui import format as fmt
from bps_commissioner.ui.errors import conflict_advice, describe_link_error
from bps_commissioner.ui.number_field import LimitSpinBox
from bps_commissioner.ui.state import UnitState, state_icon


class ScanDialog(QDialog):
    scanFinished = Signal(str, object, object)  # link key, ScanResult, tuple of scanned addresses

    def __init__(self, manager: LinkManager, key: str, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("scanDialog")
        self.setModal(False)
        self.manager = manager
        self.key = key
        self._label = label
        self._job: int | None = None
        self._addresses: tuple[int, ...] = ()
        self.result: ScanResult | None = None
        endpoint = manager.endpoint(key)
        settings = endpoint.settings if isinstance(endpoint, SerialEndpoint) else BusSettings()

        self._link_label = QLabel()
        self._link_label.setWordWrap(True)
        # what is typed is kept (an address past 247 shows red and is refused at Start)
        self.first = LimitSpinBox()
        self.first.setObjectName("scanFrom")
        self.first.setDecimals(0)
        self.first.setRange(1, 247)
        self.first.setValue(1)
        self.last = LimitSpinBox()
        self.last.setObjectName("scanTo")
        self.last.setDecimals(0)
        self.last.setRange(1, 247)
        self.last.setValue(32)
        self._range_labels = (QLabel(), QLabel())
        self._range_labels[0].setBuddy(self.first)
        self._range_labels[1].setBuddy(self.last)
        range_row = QHBoxLayout()
        range_row.addWidget(self._range_labels[0])
        range_row.addWidget(self.first)
        range_row.addWidget(self._range_labels[1])
        range_row.addWidget(self.last)
        range_row.addStretch(1)

        self.known = QRadioButton()
        self.known.setObjectName("scanKnown")
        self.known.setChecked(True)
        self.auto = QRadioButton()
        self.auto.setObjectName("scanAuto")
        group = QButtonGroup(self)
        group.addButton(self.known)
        group.addButton(self.auto)
        self.baud = QComboBox()
        self.baud.setObjectName("scanBaud")
        for b in BAUD_RATES:
            self.baud.addItem(str(b), b)
        self.baud.setCurrentIndex(self.baud.findData(settings.baud))
        self.parity = QComboBox()
        self.parity.setObjectName("scanParity")
        for code in ("N", "E", "O"):
            self.parity.addItem("", code)
        self.parity.setCurrentIndex(self.parity.findData(settings.parity))
        self.stopbits = QComboBox()
        self.stopbits.setObjectName("scanStop")
        for s in (1, 2):
            self.stopbits.addItem(str(s), s)
        self.stopbits.setCurrentIndex(self.stopbits.findData(settings.stopbits))
        settings_row = QHBoxLayout()
        for w in (self.baud, self.parity, self.stopbits):
            settings_row.addWidget(w)
        settings_row.addStretch(1)
        self.auto.toggled.connect(lambda on: [w.setEnabled(not on) for w in (self.baud, self.parity, self.stopbits)])

        self._settings_box = QGroupBox()
        form = QFormLayout(self._settings_box)
        form.addRow(self.known, settings_row)
        form.addRow(self.auto)

        self.progress = QProgressBar()
        self.progress.setObjectName("scanProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel()
        self.status.setObjectName("scanStatus")
        self.status.setWordWrap(True)
        self.results = QListWidget()
        self.results.setObjectName("scanResults")
        self.results.setWordWrap(True)

        self.start_button = QPushButton()
        self.start_button.setObjectName("scanStart")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("scanCancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.export_button = QPushButton()
        self.export_button.setObjectName("scanExport")
        self.export_button.clicked.connect(self._on_export)
        self.export_button.setEnabled(False)
        self.export_status = QLabel()
        self.export_status.setObjectName("scanExportStatus")
        self.export_status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.close)

        layout = QVBoxLayout(self)
        layout.addWidget(self._link_label)
        layout.addLayout(range_row)
        layout.addWidget(self._settings_box)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.export_status)
        layout.addWidget(self.buttons)
        self.resize(520, 480)

        manager.jobProgress.connect(self._on_progress)
        manager.jobFinished.connect(self._on_finished)
        manager.linkRemoved.connect(self._on_link_removed)
        self._retranslate()

    # -- running ------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._job is not None

    def start(self) -> None:
        if self.running:
            return
        for field in (self.first, self.last):
            if field.out_of_range():
                self.status.setText(self.tr("Address %1 is outside 1..247: a Modbus unit address is 1 to 247.")
                                    .replace("%1", field.text()))
                field.setFocus()
                return
        first, last = int(self.first.value()), int(self.last.value())
        if first > last:
            self.status.setText(self.tr("The first address must not be above the last."))
            return
        self._addresses = tuple(range(first, last + 1))
        settings = None
        if not self.auto.isChecked():
            settings = BusSettings(self.baud.currentData(), self.parity.currentData(), self.stopbits.currentData())
        self.results.clear()
        self.result = None
        self.export_status.clear()
        self.progress.setRange(0, len(self._addresses))
        self.progress.setValue(0)
        self.status.setText(self.tr("Starting…"))
        self._job = self.manager.scan(self.key, self._addresses, settings, auto=self.auto.isChecked())
        self._set_running(True)

    def cancel(self) -> None:
        if self._job is not None:
            self.manager.cancel(self.key, self._job)
            self.status.setText(self.tr("Cancelling…"))

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.export_button.setEnabled(not running and self.result is not None)
        for w in (self.first, self.last, self.known, self.auto):
            w.setEnabled(not running)
        for w in (self.baud, self.parity, self.stopbits):
            w.setEnabled(not running and not self.auto.isChecked())
        if not running:
            self.start_button.setFocus()

    def _on_progress(self, key: str, job_id: int, progress: Any) -> None:
        if key != self.key or job_id != self._job:
            return
        done, total = progress.done, progress.total
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        if progress.step == SCAN_DETECT:
            self.status.setText(self.tr("Detecting the bus settings: trying %1 (%2 of %3)…").replace(
                "%1", str(progress.get("settings", ""))).replace("%2", str(done + 1)).replace("%3", str(total)))
        elif progress.step == SCAN_ADDRESS:
            self.status.setText(self.tr("Scanning address %1 (%2 of %3)…").replace(
                "%1", str(progress.get("address", ""))).replace(
                "%2", str(min(done + 1, total))).replace("%3", str(total)))

    def _on_finished(self, key: str, job: Any) -> None:
        if key != self.key or job.job_id != self._job:
            return
        self._job = None
        self._set_running(False)
        if job.error:
            error = describe_link_error(job.fault)
            self.status.setText(self.tr("The scan failed: %1").replace("%1", f"{error.title}. {error.hint}\n"
                                                                          f"{error.detail}"))
            return
        if job.cancelled:
            self.status.setText(self.tr("The scan was cancelled."))
            return
        result: ScanResult = job.value
        self.result = result
        self.export_button.setEnabled(True)
        self.progress.setValue(self.progress.maximum())
        self._show_result(result)
        self.scanFinished.emit(self.key, result, self._addresses)

    def _on_link_removed(self, key: str) -> None:
        if key == self.key:
            self._job = None
            self._set_running(False)
            self.start_button.setEnabled(False)
            self.status.setText(self.tr("The link was disconnected."))

    def _show_result(self, result: ScanResult) -> None:
        self.results.clear()
        seconds = fmt.number(result.elapsed_s, 1)
        if result.settings is None:
            self.status.setText(self.tr("No unit answered at any bus setting. Check the wiring (A/B swapped?), "
                                        "the adapter, and that the units are powered."))
            return
        found = self.tr("%n unit(s) found", "", len(result.found))
        text = self.tr("%1 at %2 in %3 s.").replace("%1", found).replace("%2", str(result.settings)) \
            .replace("%3", seconds)
        if result.cancelled:
            text += " " + self.tr("Cancelled before the end: the list may be incomplete.")
        if result.conflicts:
            text += " " + self.tr("%n address conflict(s).", "", len(result.conflicts))
        self.status.setText(text)
        for reading in result.found:
            d = reading.to_dict()
            phases = [p for p in ("L1", "L2", "L3") if p in d["readings"]]
            volts = " / ".join(fmt.number(d["readings"][p]["voltage"], 1) for p in phases)
            kind = self.tr("three-phase") if reading.phases == 3 else self.tr("single-phase")
            item = QListWidgetItem(state_icon(UnitState.ONLINE), self.tr("Unit %1: %2, %3 V").replace(
                "%1", str(reading.address)).replace("%2", kind).replace("%3", volts))
            self.results.addItem(item)
        for address in result.conflicts:
            item = QListWidgetItem(state_icon(UnitState.CONFLICT), self.tr("Address %1: conflict. %2").replace(
                "%1", str(address)).replace("%2", conflict_advice(address)))
            item.setForeground(Qt.GlobalColor.darkMagenta)
            self.results.addItem(item)
        for address, error in result.errors:
            self.results.addItem(QListWidgetItem(state_icon(UnitState.WARNING), self.tr(
                "Address %1 answered, but: %2").replace("%1", str(address)).replace("%2", error)))

    # -- export -------------------------------------------------------------------------------
    def export_csv(self, path: str | Path) -> int:
        """Write the last scan's result to ``path``; the number of rows. Raises OSError."""
        if self.result is None:
            return 0
        with open(path, "w", newline="", encoding="utf-8") as stream:
            return self.result.write_csv(stream)

    def _on_export(self) -> None:
        if self.result is None:
            return
        default = str(Path.home() / f"bps-scan-{time.strftime('%Y%m%d-%H%M%S')}.csv")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the scan's results"), default,
                                              self.tr("CSV files (*.csv)"))
        if not path:
            return
        try:
            rows = self.export_csv(path)
        except OSError as exc:
            self.export_status.setText(self.tr("Could not write %1: %2").replace("%1", path).replace(
                "%2", exc.strerror or str(exc)))
            return
        self.export_status.setText(self.tr("%n row(s) written to %1", "", rows).replace("%1", path))

    def closeEvent(self, event: Any) -> None:
        self.cancel()
        super().closeEvent(event)

    # -- language -----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Scan the bus"))
        self._link_label.setText(self.tr("Find the units on link %1.").replace("%1", self._label))
        self._range_labels[0].setText(self.tr("Addresses &from"))
        self._range_labels[1].setText(self.tr("&to"))
        self._settings_box.setTitle(self.tr("Bus settings"))
        self.known.setText(self.tr("&Known settings:"))
        self.auto.setText(self.tr("&Detect automatically (factory 9600 8N1 first; slower)"))
        for i, text in enumerate((self.tr("no parity"), self.tr("even parity"), self.tr("odd parity"))):
            self.parity.setItemText(i, text)
        for i in range(self.stopbits.count()):
            self.stopbits.setItemText(i, self.tr("%n stop bit(s)", "", self.stopbits.itemData(i)))
        self.start_button.setText(self.tr("&Start scan"))
        self.cancel_button.setText(self.tr("Cance&l scan"))
        self.export_button.setText(self.tr("E&xport CSV…"))
        self.export_button.setToolTip(self.tr("Save the units found, the conflicts and the odd answers as a CSV file"))
        if not self.running and self.result is None:
            self.status.setText(self.tr("Polling of this link pauses while the scan runs."))
        elif self.result is not None:
            self._show_result(self.result)
