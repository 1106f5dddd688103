"""The commissioning panel's result view: how a result, a unit's status and a check are
shown (translated, numbers as the window's locale writes them), the report preview, and
the exports (PDF report, CSV). Texts keep the panel's translation context
("CommissionPanel"; the check reasons: "Commission").
"""

from __future__ import annotations

import dataclasses
import os
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QTextBrowser, QVBoxLayout, QWidget

from bps_commissioner.device.i18n import QT_TRANSLATE_NOOP
from bps_commissioner.services.commission import (
    CONFLICT, FAIL, FAILED, MISSING, OK, PASS, UNEXPECTED, WARN, Check, CommissionResult, render, render_value,
    write_csv,
)
from bps_commissioner.ui import format as fmt
from bps_commissioner.ui.screen import fit_size

CONTEXT = "CommissionPanel"

_STATUS_TEXT = {
    OK: QT_TRANSLATE_NOOP("CommissionPanel", "OK"),
    FAILED: QT_TRANSLATE_NOOP("CommissionPanel", "failed"),
    MISSING: QT_TRANSLATE_NOOP("CommissionPanel", "missing"),
    UNEXPECTED: QT_TRANSLATE_NOOP("CommissionPanel", "unexpected"),
    CONFLICT: QT_TRANSLATE_NOOP("CommissionPanel", "address conflict"),
}
STATUS_ICON = {OK: "state-online", FAILED: "state-alarm", MISSING: "state-offline", UNEXPECTED: "state-warning",
               CONFLICT: "state-conflict"}
_RESULT_TEXT = {PASS: QT_TRANSLATE_NOOP("CommissionPanel", "pass"),
                WARN: QT_TRANSLATE_NOOP("CommissionPanel", "warning"),
                FAIL: QT_TRANSLATE_NOOP("CommissionPanel", "fail")}
RESULT_ICON = {PASS: "state-online", WARN: "state-warning", FAIL: "state-alarm"}


def _t(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP("CommissionPanel", ...), translated."""
    return QCoreApplication.translate(CONTEXT, text)


def report_language() -> str:
    """The window's language (its default QLocale), for the report."""
    return "pl" if QLocale().language() == QLocale.Language.Polish else "en"


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


def summary(result: CommissionResult) -> str:
    counts = {s: len(result.by_status(s)) for s in (OK, FAILED, MISSING, UNEXPECTED, CONFLICT)}
    parts = [f"{status_text(s)}: {n}" for s, n in counts.items() if n]
    if result.passed:
        head = QCoreApplication.translate("CommissionPanel", "Every planned unit passes.")
    else:
        head = QCoreApplication.translate("CommissionPanel", "Not passed.")
    if result.cancelled:
        head = QCoreApplication.translate("CommissionPanel", "Cancelled: not every unit was checked.")
    return f"{head} {' · '.join(parts)}"


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
        fit_size(self, 820, 900)
        self.setWindowTitle(QCoreApplication.translate("CommissionPanel", "Report preview"))
        self.export_button.setText(QCoreApplication.translate("CommissionPanel", "Export as PDF…"))


class ReportExports:
    """The panel's report and CSV exports (a mixin of CommissionPanel: it has ``result``,
    ``plan``, ``path`` and ``_say``)."""

    result: CommissionResult | None
    plan: Any
    path: str | None

    def _say(self, text: str, error: bool = False) -> None:
        raise NotImplementedError

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

    def _not_written(self, path: str, exc: OSError) -> None:
        self._say(QCoreApplication.translate("CommissionPanel", "Could not write %1: %2").replace("%1", path)
                  .replace("%2", exc.strerror or str(exc)), error=True)

    def export_report(self, path: str, language: str | None = None) -> bool:
        from bps_commissioner.ui.report import write_pdf

        result = self.report_result()
        if result is None:
            return False
        try:
            pages = write_pdf(result, path, language or report_language())
        except OSError as exc:
            self._not_written(path, exc)
            return False
        self._say(QCoreApplication.translate("CommissionPanel", "Report written: %1 (%2 pages)").replace("%1", path)
                  .replace("%2", str(pages)))
        return True

    def export_csv(self, path: str) -> bool:
        result = self.report_result()
        if result is None:
            return False
        try:
            write_csv(result, path)
        except OSError as exc:
            self._not_written(path, exc)
            return False
        self._say(QCoreApplication.translate("CommissionPanel", "Units written: %1").replace("%1", path))
        return True

    def _default_name(self, suffix: str) -> str:
        folder = os.path.dirname(self.path) if self.path else os.path.expanduser("~")
        site = "".join(c if c.isalnum() else "-" for c in (self.plan.site if self.plan else ""))[:40].strip("-")
        return os.path.join(folder, f"commissioning-{site or 'report'}.{suffix}")

    def export_report_dialog(self) -> None:
        if self.result is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, QCoreApplication.translate("CommissionPanel", "Export the report"),  # type: ignore[arg-type]
            self._default_name("pdf"), QCoreApplication.translate("CommissionPanel", "PDF documents (*.pdf)"))
        if path:
            self.export_report(path)

    def export_csv_dialog(self) -> None:
        if self.result is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, QCoreApplication.translate("CommissionPanel", "Export the units"),  # type: ignore[arg-type]
            self._default_name("csv"), QCoreApplication.translate("CommissionPanel", "CSV files (*.csv)"))
        if path:
            self.export_csv(path)

    def preview_report(self) -> ReportPreview | None:
        result = self.report_result()
        if result is None:
            return None
        dialog = ReportPreview(result, report_language(), self.export_report_dialog, self)  # type: ignore[arg-type]
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog


__all__ = ["RESULT_ICON", "ReportExports", "ReportPreview", "STATUS_ICON", "check_label", "check_reason",
           "probe_label", "probes_text", "report_language", "result_text", "status_text", "summary"]
