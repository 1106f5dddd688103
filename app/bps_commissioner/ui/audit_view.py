"""A view of the threshold audit log (services/audit.py): its latest entries, newest first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
    QWidget,
)

from bps_commissioner.device.limits import SETTINGS
from bps_commissioner.services.audit import AuditError, AuditLog
from bps_commissioner.services.thresholds import APPLIED
from bps_commissioner.ui.threshold_results import ERROR_COLOUR, follow_default_locale, format_value, result_word
from bps_commissioner.ui.threshold_results import set_style as _style


class AuditLogView(QWidget):
    """The audit log's latest entries, newest first. Call :meth:`refresh` after a write (for
    instance from ThresholdEditor.applied)."""

    COLUMNS = 10

    def __init__(self, audit: AuditLog | None = None, limit: int = 500, parent: QWidget | None = None):
        super().__init__(parent)
        self.audit = audit if audit is not None else AuditLog()
        self.limit = limit
        layout = QVBoxLayout(self)
        self.path_label = QLabel()
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.path_label)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.error_label = QLabel()
        row.addWidget(self.error_label, 1)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        row.addWidget(self.refresh_button)
        layout.addLayout(row)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.path_label.setText(self.tr("Audit log: {path}").format(path=self.audit.path))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Time"), self.tr("Link"), self.tr("Unit"), self.tr("Setting"), self.tr("Register"),
            self.tr("Old"), self.tr("New"), self.tr("Read back"), self.tr("Result"), self.tr("Reason")])

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            follow_default_locale(self)
            self.retranslate()
        elif event.type() == QEvent.Type.LocaleChange:
            self.refresh()
        super().changeEvent(event)

    @Slot()
    @Slot(object)
    def refresh(self, *_args: Any) -> None:
        try:
            entries = self.audit.entries(self.limit)
            self.error_label.setText("")
        except AuditError as exc:
            entries = []
            self.error_label.setText(str(exc))
            _style(self.error_label, ERROR_COLOUR)
        locale = self.locale()
        self.table.setRowCount(len(entries))
        for i, e in enumerate(reversed(entries)):
            setting = str(e.get("setting", ""))

            def val(v: Any) -> str:
                if v is None:
                    return "-"
                if setting in SETTINGS and isinstance(v, (int, float)):
                    return format_value(setting, v, locale)
                return str(v)

            cells = [str(e.get("time", "")), str(e.get("link", "")), str(e.get("unit", "")), setting,
                     str(e.get("register", "")), val(e.get("old")), val(e.get("new")), val(e.get("read_back")),
                     result_word(str(e.get("result", ""))), str(e.get("reason", ""))]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 8:
                    item.setForeground(Qt.GlobalColor.darkGreen if e.get("result") == APPLIED
                                       else Qt.GlobalColor.darkRed)
                self.table.setItem(i, col, item)


__all__ = ["AuditLogView"]
