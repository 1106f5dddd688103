"""The unit view's "Thresholds" tab: the threshold editor of the selected unit.

The editor (ui/threshold_editor.py) works on the unit's link through a
:class:`~bps_commissioner.ui.link_handle.LinkHandle`, so its reads and writes are jobs on
the link's worker in the LinkManager (writes at Priority.WRITE, before any poll) and its
live readings are the manager's polls of that unit (the selected unit is the focused one,
polled often). The editor reads the unit when the tab is shown, not at every selection in
the chain tree (on RS485 each read takes bus time from the polls). The rated current (16
or 32 A, not readable from a unit) is a setting per unit, 32 A until the engineer says
otherwise, kept for the session. A unit read over SNMP has no thresholds to edit: the tab
says so.

An editor whose write is still running when another unit is selected stays alive (hidden)
until its report has arrived, so a write is never orphaned; an idle editor is reused for
the next unit of the same link, the others are dropped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QToolButton, QVBoxLayout, QWidget

from bps_commissioner.device.limits import DEFAULT_RATING
from bps_commissioner.services.audit import AuditLog
from bps_commissioner.services.endpoints import SerialEndpoint, TcpEndpoint
from bps_commissioner.services.manager import LinkManager
from bps_commissioner.ui import style
from bps_commissioner.ui.link_handle import LinkHandle
from bps_commissioner.ui.threshold_editor import ThresholdEditor


class ThresholdsTab(QWidget):
    """Signals: ``applied(key, ApplyReport)`` after every write job of an editor."""

    applied = Signal(str, object)

    def __init__(self, manager: LinkManager, audit: AuditLog | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("thresholdsTab")
        self.manager = manager
        self.audit = audit if audit is not None else AuditLog()
        self._handles: dict[str, LinkHandle] = {}
        self._editors: dict[tuple[str, int], ThresholdEditor] = {}
        self._ratings: dict[tuple[str, int], int] = {}
        self._current: tuple[str | None, int | None] = (None, None)
        self._stale = False  # another unit was selected while the tab was hidden
        self._not_modbus = False  # the selected unit's link has no thresholds to write (SNMP)

        self._hint = QLabel()
        self._hint.setObjectName("thresholdsHint")
        self._hint.setWordWrap(True)
        self._hint.setStyleSheet(f"color: {style.SUBTLE_COLOUR};")
        self._tools = QHBoxLayout()
        self._tools.setContentsMargins(0, 0, 0, 0)
        self._tools.addWidget(self._hint, 1)
        self._empty = QLabel()
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._tools)
        layout.addWidget(self.stack, 1)
        manager.linkRemoved.connect(self._drop_link)
        self._retranslate()

    # -- what the main window gives ---------------------------------------------------------
    def add_action(self, action: QAction) -> QToolButton:
        """A button for ``action`` in the tab's top row (its text follows the action's)."""
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._tools.addWidget(button)
        return button

    def rating(self, key: str, address: int) -> int:
        """The rated current of a unit: what the engineer chose, else 32 A."""
        return self._ratings.get((key, address), DEFAULT_RATING)

    def set_rating(self, key: str, address: int, rating: int) -> None:
        self._ratings[(key, address)] = int(rating)
        editor = self._editors.get((key, address))
        if editor is not None and editor.unit == address and editor.rating != rating:
            editor.set_rating(rating)

    @property
    def editor(self) -> ThresholdEditor | None:
        """The editor on show (None when no unit is selected, or the tab has not been shown
        since another unit was selected)."""
        key, address = self._current
        if key is None or address is None or self._stale:
            return None
        return self._editors.get((key, address))

    def writes_thresholds(self, key: str) -> bool:
        """Alarm thresholds are read and written over Modbus (RTU or TCP) only."""
        return isinstance(self.manager.endpoint(key), (SerialEndpoint, TcpEndpoint))

    def handle(self, key: str) -> LinkHandle:
        """The link ``key`` as a worker-like object (shared with the profile dialog)."""
        handle = self._handles.get(key)
        if handle is None:
            handle = LinkHandle(self.manager, key, self)
            self._handles[key] = handle
        return handle

    # -- UnitView's calls -------------------------------------------------------------------
    def unit_selected(self, key: str | None, address: int | None) -> None:
        self._current = (key, address)
        if self.isVisible():
            self._sync()
        else:  # read the unit's thresholds only once the tab is looked at: no bus time wasted
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        if self._stale:
            self._sync()
        super().showEvent(event)

    def _sync(self) -> None:
        self._stale = False
        key, address = self._current
        self._not_modbus = key is not None and key in self.manager.keys() and not self.writes_thresholds(key)
        if key is None or address is None or key not in self.manager.keys() or self._not_modbus:
            self._retranslate()
            self.stack.setCurrentWidget(self._empty)
            self._prune()
            return
        editor = self._editor_for(key, address)
        self.stack.setCurrentWidget(editor)
        self._prune()

    # -- internals --------------------------------------------------------------------------
    def _editor_for(self, key: str, address: int) -> ThresholdEditor:
        editor = self._editors.get((key, address))
        if editor is not None:
            return editor
        for (k, a), idle in list(self._editors.items()):
            if k == key and not idle.is_writing and (k, a) != (key, address):
                del self._editors[(k, a)]
                idle.set_unit(address)
                idle.set_rating(self.rating(key, address))
                self._editors[(key, address)] = idle
                return idle
        editor = ThresholdEditor(self.handle(key), address, rating=self.rating(key, address),  # type: ignore[arg-type]
                                 audit=self.audit)
        editor.setObjectName("thresholdEditor")
        editor.rating_combo.currentIndexChanged.connect(
            lambda _i, ed=editor, k=key: self._ratings.__setitem__((k, ed.unit), ed.rating))
        editor.applied.connect(lambda report, k=key: self._on_applied(k, report))
        self._editors[(key, address)] = editor
        self.stack.addWidget(editor)
        return editor

    def _on_applied(self, key: str, report: Any) -> None:
        self.applied.emit(key, report)
        self._prune()

    def _prune(self) -> None:
        """Drop the editors that are neither shown nor writing."""
        shown = self.stack.currentWidget()
        for ref, editor in list(self._editors.items()):
            if editor is not shown and not editor.is_writing:
                self._remove(ref)

    def _remove(self, ref: tuple[str, int]) -> None:
        editor = self._editors.pop(ref)
        self.stack.removeWidget(editor)
        editor.deleteLater()

    def _drop_link(self, key: str) -> None:
        for ref in [r for r in self._editors if r[0] == key]:
            if self.stack.currentWidget() is self._editors[ref]:
                self.stack.setCurrentWidget(self._empty)
            self._remove(ref)
        self._ratings = {r: v for r, v in self._ratings.items() if r[0] != key}
        handle = self._handles.pop(key, None)
        if handle is not None:
            handle.deleteLater()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._hint.setText(self.tr(
            "Changes are checked before anything is written; each write is read back and recorded in the audit "
            "log. The live reading beside each setting is the unit's present value."))
        if self._not_modbus:
            self._empty.setText(self.tr("This unit is read over SNMP, which carries no alarm thresholds: connect to "
                                        "it over Modbus TCP (or RS485) to edit them, or use its Telnet menu."))
        else:
            self._empty.setText(self.tr("Select a unit in the chain tree to edit its alarm thresholds."))


__all__ = ["ThresholdsTab"]
