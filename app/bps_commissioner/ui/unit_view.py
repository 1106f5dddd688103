"""The view of the selected unit: a header, an error banner and a set of per-unit tabs.

The tabs are the place for everything that concerns one unit. The dashboard and the live
plots are the first two; more (a threshold editor, the SNMP and Telnet views) are added
with :meth:`UnitView.add_tab`. A tab (or the ``target`` given with it) may implement
either of these methods, which the view calls:

* ``unit_selected(key: str | None, address: int | None)``: another unit was selected
  (None: no unit); ``key`` is the link's key in the LinkManager;
* ``unit_changed(info: UnitInfo | None)``: the selected unit has news (about once a second
  while it answers); ``info`` is the chain model's :class:`~bps_commissioner.ui.chain_model.UnitInfo`.

A tab's title is a callable, called again when the language changes.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QStackedWidget, QTabWidget, QVBoxLayout, QWidget,
)

from bps_commissioner.device.assess import UnitState
from bps_commissioner.ui import format as fmt
from bps_commissioner.ui import style
from bps_commissioner.ui.banner import Banner
from bps_commissioner.ui.chain_model import UnitInfo, phases_text, unit_title
from bps_commissioner.ui.dashboard import UnitDashboard
from bps_commissioner.ui.errors import conflict_advice, describe_link_error, describe_unit_error
from bps_commissioner.ui.plots import PlotPanel
from bps_commissioner.ui.state import state_color, state_icon, state_text


class UnitView(QWidget):
    connectRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._key: str | None = None
        self._address: int | None = None
        self._info: UnitInfo | None = None
        self._link_label = ""
        self._link_problem: tuple[str, Any] | None = None  # (state, Fault) of a lost link
        self._link_summary: Callable[[], tuple[str, str]] | None = None  # a link row is selected

        # the empty state: nothing selected
        self._empty_title = QLabel()
        self._empty_title.setObjectName("emptyTitle")
        self._empty_title.setWordWrap(True)
        self._empty_text = QLabel()
        self._empty_text.setWordWrap(True)
        self.connect_button = QPushButton()
        self.connect_button.setObjectName("emptyConnect")
        self.connect_button.clicked.connect(self.connectRequested)
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self._empty_title)
        empty_layout.addWidget(self._empty_text)
        empty_layout.addWidget(self.connect_button, 0, Qt.AlignmentFlag.AlignLeft)
        empty_layout.addStretch(2)

        # the unit
        self._state_icon = QLabel()
        self.title = QLabel()
        self.title.setObjectName("unitTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.state_label = QLabel()
        self.state_label.setObjectName("unitState")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("unitSubtitle")
        self.subtitle.setStyleSheet(f"color: {style.SUBTLE_COLOUR};")
        header = QHBoxLayout()
        header.addWidget(self._state_icon)
        header.addWidget(self.title)
        header.addWidget(self.state_label)
        header.addStretch(1)
        header.addWidget(self.subtitle)

        self.banner = Banner()
        self.dashboard = UnitDashboard()
        scroll = QScrollArea()
        scroll.setObjectName("dashboardScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.dashboard)
        self.plots = PlotPanel()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("unitTabs")
        self._tab_titles: list[Callable[[], str]] = []
        self._tab_targets: list[QWidget] = []
        self.add_tab(scroll, lambda: QCoreApplication.translate("UnitView", "&Dashboard"))
        self.add_tab(self.plots, lambda: QCoreApplication.translate("UnitView", "Live &plots"))

        unit_page = QWidget()
        unit_layout = QVBoxLayout(unit_page)
        unit_layout.setContentsMargins(6, 6, 6, 0)
        unit_layout.addLayout(header)
        unit_layout.addWidget(self.banner)
        unit_layout.addWidget(self.tabs, 1)
        self._unit_layout = unit_layout

        self.stack = QStackedWidget()
        self.stack.addWidget(empty)
        self.stack.addWidget(unit_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._retranslate()

    # -- tabs ---------------------------------------------------------------------------------
    def add_tab(self, widget: QWidget, title: Callable[[], str], target: Any = None) -> int:
        """Add a per-unit tab. ``target`` (default ``widget``) receives unit_selected and
        unit_changed (see the module's docstring)."""
        index = self.tabs.addTab(widget, title())
        self._tab_titles.append(title)
        self._tab_targets.append(target or widget)
        self._notify_unit(target or widget)
        return index

    def add_notice(self, widget: QWidget, target: Any = None) -> None:
        """Add a strip above the tabs (below the error banner), e.g. the security findings of
        a networked unit. ``target`` (default ``widget``) is told of the unit like a tab's."""
        self._unit_layout.insertWidget(self._unit_layout.indexOf(self.tabs), widget)
        self._tab_targets.append(target or widget)
        self._notify_unit(target or widget)

    def _notify_unit(self, target: Any) -> None:
        selected = getattr(target, "unit_selected", None)
        if callable(selected):
            selected(self._key, self._address)
        changed = getattr(target, "unit_changed", None)
        if callable(changed):
            changed(self._info)

    # -- content ------------------------------------------------------------------------------
    @property
    def unit(self) -> tuple[str | None, int | None]:
        return self._key, self._address

    def show_link(self, key: str, summary: Callable[[], tuple[str, str]]) -> None:
        """A link row is selected: show its (title, text), made anew on a language change."""
        self.set_unit(key, None, None)
        self._link_summary = summary
        self._retranslate_empty()

    def set_unit(self, key: str | None, address: int | None, info: UnitInfo | None, link_label: str = "") -> None:
        changed = (key, address) != (self._key, self._address)
        if self._link_summary is not None:
            self._link_summary = None
            self._retranslate_empty()
        self._key, self._address, self._info, self._link_label = key, address, info, link_label
        if changed:
            self.banner.clear()
            for target in self._tab_targets:
                selected = getattr(target, "unit_selected", None)
                if callable(selected):
                    selected(key, address)
        self.stack.setCurrentIndex(1 if address is not None else 0)
        self.show_unit(info)

    def set_link_problem(self, problem: tuple[str, Any] | None) -> None:
        """The selected unit's link is lost: (state, message); None when it is fine."""
        self._link_problem = problem
        self._show_banner()

    def show_unit(self, info: UnitInfo | None) -> None:
        self._info = info
        self._render_header()
        self.dashboard.show_unit(info)
        for target in self._tab_targets:
            changed = getattr(target, "unit_changed", None)
            if callable(changed):
                changed(info)
        self._show_banner()

    def _render_header(self) -> None:
        info = self._info
        if self._address is None:
            return
        self.title.setText(info.title if info is not None else unit_title(self._address))
        state = info.state if info is not None else UnitState.WAITING
        self._state_icon.setPixmap(state_icon(state).pixmap(22, 22))
        self.state_label.setText(state_text(state))
        sheet = f"color: {state_color(state).name()}; font-weight: bold;"
        if self.state_label.styleSheet() != sheet:  # a style sheet is costly to apply: on change only
            self.state_label.setStyleSheet(sheet)
        parts = []
        if info is not None and info.phases:
            parts.append(phases_text(info.phases))
        if self._link_label:
            parts.append(self._link_label)
        if info is not None and info.last_reply is not None:
            parts.append(QCoreApplication.translate("UnitView", "last reply %1").replace(
                "%1", fmt.clock(info.last_reply)))
        self.subtitle.setText(" · ".join(parts))

    def _show_banner(self) -> None:
        info = self._info
        if self._address is None:
            self.banner.clear()
            return
        if self._link_problem is not None:
            error = describe_link_error(self._link_problem[1])
            self.banner.show_message("error", error.title, f"{error.hint}\n{error.detail}")
            return
        if info is not None and info.conflict:
            self.banner.show_message("conflict", QCoreApplication.translate("UnitView", "Address conflict"),
                                     conflict_advice(info.address))
            return
        result = info.result if info is not None else None
        if result is not None and result.error:
            error = describe_unit_error(result.fault, result.state, info.address)
            detail = f"{error.hint}\n{error.detail}" if error.hint else error.detail
            counters = info.diagnostics
            if counters is not None and (counters.garbled or counters.timeouts):
                detail = QCoreApplication.translate(
                    "UnitView", "So far: %1 requests, %2 without reply, %3 garbled.").replace(
                    "%1", str(counters.requests)).replace("%2", str(counters.timeouts)).replace(
                    "%3", str(counters.garbled)) + "\n" + detail
            self.banner.show_message(error.severity, error.title, detail)
            return
        self.banner.clear()

    # -- language -----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate_empty(self) -> None:
        if self._link_summary is not None:
            title, text = self._link_summary()
            self.connect_button.hide()
        else:
            title = QCoreApplication.translate("UnitView", "No unit selected")
            text = QCoreApplication.translate(
                "UnitView", "Connect to a USB-RS485 adapter or a Modbus TCP host (File > Connect…, Ctrl+O), or try "
                "the built-in simulator (File > Start the simulator). Then pick a unit in the chain tree.")
            self.connect_button.show()
        self._empty_title.setText("<h2>" + title.replace("&", "&amp;").replace("<", "&lt;") + "</h2>")
        self._empty_text.setText(text)

    def _retranslate(self) -> None:
        self._retranslate_empty()
        self.connect_button.setText(QCoreApplication.translate("UnitView", "&Connect…"))
        for i, title in enumerate(self._tab_titles):
            self.tabs.setTabText(i, title())
        if self._address is not None:
            self._render_header()
            # a banner shows translated text: build it anew in the new language
            self.banner.clear()
            self._show_banner()
