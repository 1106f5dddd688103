"""The firmware panel's result view: one row per host of the batch (the step, a progress
bar with the upload's bytes or the restart countdown, the rate and retransmissions, the
verified result) and, under the table, the full report of the highlighted row.

The texts are made anew from what is known of the host (:class:`Row`) on every change and
language switch; context "FirmwarePanel", the panel's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QProgressBar, QTableWidget, QTableWidgetItem

from bps_commissioner.services.flasher import FlashEvent, FlashResult, FlashTarget
from bps_commissioner.ui import format as fmt
from bps_commissioner.ui.style import ERROR_COLOUR, OK_COLOUR, WARN_COLOUR

translate = QCoreApplication.translate

COL_UNIT, COL_STEP, COL_PROGRESS, COL_TRANSFER, COL_RESULT = range(5)


@dataclass
class Row:
    """What the panel knows about one host of the batch (texts are made from it anew on a
    language change)."""

    target: FlashTarget
    row: int
    bar: QProgressBar
    step: str = "waiting"
    upload: Any = None  # the latest TftpProgress
    remaining: float | None = None
    total: float | None = None
    result: FlashResult | None = None
    uploaded_once: bool = False


class FlashRows:
    """The progress table's rows and the detail label under it. ``verify``: the
    verification of the batch on show (the ok text says what was verified).
    ``count_text(what, n)``: the texts with a count ("retransmissions", "restored",
    "differ"), made by the panel (lupdate finds a plural form only in its ``self.tr``)."""

    def __init__(self, table: QTableWidget, detail: QLabel, count_text: Callable[[str, int], str]):
        self.table = table
        self.detail = detail
        self.count_text = count_text
        self.rows: dict[str, Row] = {}
        self.verify = "telnet"

    def row_of(self, index: int) -> Row | None:
        return next((r for r in self.rows.values() if r.row == index), None)

    def apply_event(self, event: FlashEvent) -> Row | None:
        """A host's step, upload progress or countdown; its row (None: not in the batch)."""
        row = self.rows.get(event.host)
        if row is None:
            return None
        row.step = event.step
        if event.upload is not None:
            row.upload = event.upload
        if event.step == "restart" and event.remaining is not None:
            row.remaining, row.total = event.remaining, event.total
        self.render(row)
        return row

    def apply_result(self, result: FlashResult) -> Row | None:
        """A host's result; its row (None: not in the batch)."""
        row = self.rows.get(result.host)
        if row is None:
            return None
        row.result = result
        row.step = "done"
        self.render(row)
        return row

    def start(self, targets: list[FlashTarget]) -> None:
        self.table.setRowCount(0)
        self.rows = {}
        for i, target in enumerate(targets):
            self.table.insertRow(i)
            bar = QProgressBar()
            bar.setRange(0, 1)
            bar.setValue(0)
            bar.setTextVisible(True)
            self.table.setCellWidget(i, COL_PROGRESS, bar)
            for col in (COL_UNIT, COL_STEP, COL_TRANSFER, COL_RESULT):
                self.table.setItem(i, col, QTableWidgetItem())
            row = Row(target, i, bar)
            self.rows[target.host] = row
            self.render(row)

    def render(self, row: Row) -> None:
        step_text = self.step_text(row)
        transfer = self.transfer_text(row)
        result_text, colour, tip = self.result_text(row.result)
        items = {COL_UNIT: row.target.host, COL_STEP: step_text, COL_TRANSFER: transfer, COL_RESULT: result_text}
        for col, text in items.items():
            item = self.table.item(row.row, col)
            if item is None:
                continue
            item.setText(text)
            item.setToolTip(tip if col == COL_RESULT and tip else text)
        result_item = self.table.item(row.row, COL_RESULT)
        if result_item is not None:
            result_item.setForeground(QColor(colour) if colour else QBrush())
            if row.result is not None:
                self.table.resizeRowToContents(row.row)  # a result may take two lines
        bar = row.bar
        if row.result is not None and row.result.ok:
            bar.setRange(0, 1)
            bar.setValue(1)
            bar.setFormat(translate("FirmwarePanel", "done"))
        elif row.step == "restart" and row.remaining is not None and row.total:
            bar.setRange(0, max(1, int(round(row.total))))
            bar.setValue(max(0, int(round(row.remaining))))
            bar.setFormat(translate("FirmwarePanel", "%1 s left").replace("%1", str(int(round(row.remaining)))))
        elif row.upload is not None:  # uploading, or how far a failed upload went
            u = row.upload
            bar.setRange(0, max(1, u.bytes_total))
            bar.setValue(u.bytes_done)
            bar.setFormat(translate("FirmwarePanel", "%1 of %2 KiB").replace(
                "%1", fmt.number(u.bytes_done / 1024, 0)).replace("%2", fmt.number(u.bytes_total / 1024, 0)))
        elif row.step == "waiting":
            bar.setRange(0, 1)
            bar.setValue(0)
            bar.setFormat(translate("FirmwarePanel", "waiting"))
        elif row.result is not None:  # failed before the upload
            bar.setRange(0, 1)
            bar.setValue(0)
            bar.setFormat("–")
        else:
            bar.setRange(0, 0)  # busy: pre-flight, verification
            bar.setFormat("")

    def step_text(self, row: Row) -> str:
        if row.result is not None:
            if row.result.ok:
                return translate("FirmwarePanel", "Done")
            if row.result.cause == "cancelled":
                return translate("FirmwarePanel", "Cancelled")
            return translate("FirmwarePanel", "Failed")
        if row.step == "restart" and row.remaining is not None:
            return translate("FirmwarePanel", "Restarting: %1 s left").replace("%1", str(int(round(row.remaining))))
        steps = {
            "waiting": translate("FirmwarePanel", "Waiting"),
            "preflight": translate("FirmwarePanel", "Pre-flight: version, backup"),
            "confirm": translate("FirmwarePanel", "Pre-flight: version, backup"),
            "upload": translate("FirmwarePanel", "Uploading"),
            "restart": translate("FirmwarePanel", "Restarting"),
            "verify": translate("FirmwarePanel", "Verifying"),
            "thresholds": translate("FirmwarePanel", "Comparing the thresholds"),
            "done": translate("FirmwarePanel", "Finishing"),
        }
        return steps.get(row.step, row.step)

    def transfer_text(self, row: Row) -> str:
        r = row.result
        if r is not None and r.seconds and r.bytes:
            rate, retrans = r.bytes / r.seconds, r.retransmissions
        elif row.upload is not None:
            rate, retrans = row.upload.rate, row.upload.retransmissions
        else:
            return ""
        return (translate("FirmwarePanel", "%1 KiB/s").replace("%1", fmt.number(rate / 1024, 0)) + " · "
                + self.count_text("retransmissions", retrans))

    def result_text(self, r: FlashResult | None) -> tuple[str, str, str]:
        """(text, colour, tooltip) of a host's result; symbol first, never colour alone."""
        if r is None:
            return "", "", ""
        detail = r.error or ""
        if r.ok:
            if self.verify == "telnet":
                text = translate("FirmwarePanel", "✓ verified: version %1 → %2").replace(
                    "%1", r.version_before or "?").replace("%2", r.version_after or "?")
            elif self.verify == "modbus":
                text = translate("FirmwarePanel", "✓ verified: the unit answers Modbus TCP again")
            else:
                text = translate("FirmwarePanel", "✓ uploaded (not verified)")
            if r.thresholds_changed:
                n = len(r.thresholds_changed)
                if r.restored:
                    text += "; " + self.count_text("restored", n)
                else:
                    text += "; " + self.count_text("differ", n)
            tip = "\n".join([text, *r.warnings])
            colour = WARN_COLOUR if r.thresholds_changed and not r.restored else OK_COLOUR
            return text, colour, tip or text
        texts = {
            "preflight": translate("FirmwarePanel", "✗ pre-flight failed: nothing was sent"),
            "not_confirmed": translate("FirmwarePanel", "✗ not confirmed: nothing was sent"),
            "refused": translate("FirmwarePanel",
                                 "✗ refused: enable “Software update” in the unit's web UI, then flash again"),
            "no_answer": translate("FirmwarePanel",
                                   "✗ no answer to the upload: check the address and the TFTP port"),
            "upload": translate("FirmwarePanel", "✗ the upload failed and is incomplete: repeat it"),
            "restart": translate("FirmwarePanel", "✗ the unit did not restart as expected"),
            "verify": translate("FirmwarePanel", "✗ not verified"),
            "restore": translate("FirmwarePanel", "✗ the thresholds could not all be restored"),
        }
        if r.cause == "cancelled":
            if r.uploaded:
                text = translate("FirmwarePanel",
                                 "✗ cancelled after the upload: the unit restarts by itself; check it")
            elif r.bytes:
                text = translate("FirmwarePanel", "✗ cancelled during the upload: repeat the upload")
            else:
                text = translate("FirmwarePanel", "✗ cancelled: nothing was sent")
        else:
            text = texts.get(r.cause, translate("FirmwarePanel", "✗ failed"))
        return text, ERROR_COLOUR, detail or text

    def show_detail(self) -> None:
        """Under the table: the full report of the highlighted row (the service's own words)."""
        row_index = self.table.currentRow()
        row = self.row_of(row_index)
        if row is None or row.result is None:
            self.detail.setText("")
            self.detail.setVisible(False)
            return
        r = row.result
        parts = [r.error] if r.error else []
        if r.backup:
            parts.append(translate("FirmwarePanel", "Threshold backup: %1").replace("%1", r.backup))
        parts += list(r.warnings)
        self.detail.setText(f"{r.host}: " + " · ".join(p for p in parts if p) if parts else "")
        self.detail.setVisible(bool(parts))

    def row_texts(self, host: str) -> tuple[str, str, str, str]:
        """(step, progress bar text, transfer, result) of a host's row."""
        row = self.rows[host]
        return (self.table.item(row.row, COL_STEP).text(), row.bar.text(),
                self.table.item(row.row, COL_TRANSFER).text(), self.table.item(row.row, COL_RESULT).text())


__all__ = ["COL_PROGRESS", "COL_RESULT", "COL_STEP", "COL_TRANSFER", "COL_UNIT", "FlashRows", "Row", "translate"]
