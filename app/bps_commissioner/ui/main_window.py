"""The main window: the chain tree, the selected unit's view, diagnostics, menus.

Everything the window learns comes from the LinkManager's signals (queued from the link
workers); everything it asks for goes to the manager. Nothing here waits on a link: a
link that fails shows up in the tree, the status bar and a banner on the unit, never as a
modal dialog. Closing the window stops every worker (and an in-process simulator).
"""

from __future__ import annotations

import json
import time
from collections import deque
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QDockWidget, QFileDialog, QHeaderView, QLabel, QMainWindow, QMenu, QMessageBox, QToolBar,
    QTreeView, QWidget,
)

from bps_commissioner import __version__
from bps_commissioner.services.audit import AuditLog
from bps_commissioner.services.endpoints import Endpoint, SerialEndpoint
from bps_commissioner.services.manager import LinkManager
from bps_commissioner.ui import format as fmt
from bps_commissioner.ui.busmeter import BusMeter
from bps_commissioner.ui.chain_model import ChainModel, link_state_text
from bps_commissioner.ui.commission_panel import CommissionPanel
from bps_commissioner.ui.connect_dialog import ConnectDialog, ConnectRequest
from bps_commissioner.ui.diagnostics import DiagnosticsPanel
from bps_commissioner.ui.errors import describe_link_error
from bps_commissioner.ui.firmware_panel import FirmwarePanel
from bps_commissioner.ui.history import HistoryStore
from bps_commissioner.ui.i18n import LANGUAGES, NATIVE_NAMES, Translations
from bps_commissioner.ui.icons import icon
from bps_commissioner.ui.plots import WINDOWS
from bps_commissioner.ui.profile_dialog import ProfileDialog
from bps_commissioner.ui.scan_dialog import ScanDialog
from bps_commissioner.ui.settings import settings
from bps_commissioner.ui.network import NetworkSession
from bps_commissioner.ui.security_view import SecurityStrip
from bps_commissioner.ui.simulation import SimulatedLink, SimulatedMaster
from bps_commissioner.ui.telnet_panel import TelnetPanel
from bps_commissioner.ui.telnet_panel import tab_title as telnet_tab_title
from bps_commissioner.ui.state import UnitState
from bps_commissioner.ui.threshold_editor import AuditLogView
from bps_commissioner.ui.thresholds_tab import ThresholdsTab
from bps_commissioner.ui.unit_view import UnitView

RECENT_KEY = "connections/recent"
RECENT_MAX = 8
RATE_WINDOW = 5.0  # seconds over which the poll rate is averaged
EFFICIENCY_WINDOW = 10.0  # seconds over which the share of answered requests is measured
_WINDOW_SHORTCUTS = ("Ctrl+5", "Ctrl+6", "Ctrl+8")  # 5 min, 60 min, 8 h


class MainWindow(QMainWindow):
    def __init__(self, manager: LinkManager, translations: Translations | None = None,
                 history: HistoryStore | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowIcon(icon("app"))
        self.manager = manager
        self.translations = translations
        self.history = history or HistoryStore()
        self.simulations: list[SimulatedLink] = []
        self._labels: dict[str, str] = {}
        self._scan_dialogs: dict[str, ScanDialog] = {}
        self._selected: tuple[str | None, int | None] = (None, None)
        self._poll_times: deque[float] = deque()
        self._bus_totals: dict[str, tuple[int, int]] = {}  # key -> (requests, good replies)
        self._bus_samples: deque[tuple[float, int, int]] = deque()
        self.bus_meter = BusMeter()
        self._shut_down = False

        # chain tree
        self.model = ChainModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("chainTree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setIndentation(14)
        self.tree.setAllColumnsShowFocus(True)
        # several units at once for "Apply a profile to the selected units" (Ctrl/Shift+click)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # column widths are set by _fit_tree_columns, not measured at every update (which made
        # each change of a cell's text cost half a millisecond with 32 units)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(False)
        self.tree.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.chain_dock = QDockWidget()
        self.chain_dock.setObjectName("chainDock")
        self.chain_dock.setWidget(self.tree)
        self.chain_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                                    | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.chain_dock)

        # unit view
        self.unit_view = UnitView()
        self.unit_view.connectRequested.connect(self.open_connect_dialog)
        self.setCentralWidget(self.unit_view)
        self.plots = self.unit_view.plots

        # diagnostics
        self.diagnostics = DiagnosticsPanel()
        self.diagnostics_dock = QDockWidget()
        self.diagnostics_dock.setObjectName("diagnosticsDock")
        self.diagnostics_dock.setWidget(self.diagnostics)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.diagnostics_dock)
        self.resizeDocks([self.chain_dock], [370], Qt.Orientation.Horizontal)
        self.resizeDocks([self.diagnostics_dock], [150], Qt.Orientation.Vertical)

        # status bar
        self.status_units = QLabel()
        self.status_units.setObjectName("statusUnits")
        self.status_rate = QLabel()
        self.status_rate.setObjectName("statusRate")
        self.status_efficiency = QLabel()
        self.status_efficiency.setObjectName("statusEfficiency")
        for w in (self.status_units, self.status_rate, self.status_efficiency):
            self.statusBar().addPermanentWidget(w)

        self._make_actions()
        self._make_menus()
        self._connect_manager()
        self._add_unit_tools()
        self._add_commissioning()
        self._add_network()

        self._stats_timer = QTimer(self)
        self._stats_timer.setInterval(1000)
        self._stats_timer.timeout.connect(self._update_status)
        self._stats_timer.start()
        self._retranslate()
        self._restore_window()
        self._update_actions()

    # -- actions and menus --------------------------------------------------------------------
    def _action(self, name: str, icon_name: str | None = None, shortcut: Any = None,
                slot: Any = None, checkable: bool = False) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        if slot is not None:
            action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.act_connect = self._action("actConnect", "connect", QKeySequence.StandardKey.Open,
                                        self.open_connect_dialog)
        self.act_simulate = self._action("actSimulate", "simulator", "Ctrl+Shift+S", lambda: self.start_simulation())
        self.act_disconnect = self._action("actDisconnect", "disconnect", "Ctrl+W", self.disconnect_selected)
        self.act_scan = self._action("actScan", "scan", "Ctrl+R", self.open_scan_dialog)
        self.act_export_csv = self._action("actExportCsv", "export-csv", "Ctrl+E", self.export_csv)
        self.act_export_png = self._action("actExportPng", "export-png", "Ctrl+Shift+E", self.export_png)
        self.act_quit = self._action("actQuit", None, QKeySequence.StandardKey.Quit, self.close)
        self.act_chain = self.chain_dock.toggleViewAction()
        self.act_chain.setObjectName("actChain")
        self.act_chain.setShortcut(QKeySequence("Ctrl+T"))
        self.act_chain.triggered.connect(lambda on: on and self.tree.setFocus())
        self.act_diagnostics = self.diagnostics_dock.toggleViewAction()
        self.act_diagnostics.setObjectName("actDiagnostics")
        self.act_diagnostics.setShortcut(QKeySequence("Ctrl+D"))
        self.act_dashboard = self._action("actDashboard", None, "Ctrl+1",
                                          lambda: self.unit_view.tabs.setCurrentIndex(0))
        self.act_plots = self._action("actPlots", None, "Ctrl+2", lambda: self.unit_view.tabs.setCurrentIndex(1))
        self.act_pause = self._action("actPause", "pause", "Ctrl+P", self.plots.set_paused, checkable=True)
        self.plots.pausedChanged.connect(self.act_pause.setChecked)
        self.window_group = QActionGroup(self)
        self.act_windows: list[QAction] = []
        for (seconds, _), shortcut in zip(WINDOWS, _WINDOW_SHORTCUTS, strict=True):
            action = self._action(f"actWindow{seconds}", None, shortcut,
                                  lambda _=False, s=seconds: self.plots.set_window(s), checkable=True)
            self.window_group.addAction(action)
            self.act_windows.append(action)
        self.act_windows[0].setChecked(True)
        self.plots.windowChanged.connect(self._window_changed)
        self.plots.csv_button.clicked.connect(self.export_csv)
        self.plots.png_button.clicked.connect(self.export_png)
        self.language_group = QActionGroup(self)
        self.act_languages: dict[str, QAction] = {}
        for code in LANGUAGES:
            action = self._action(f"actLanguage_{code}", None, None,
                                  lambda _=False, c=code: self.set_language(c), checkable=True)
            action.setText("&" + NATIVE_NAMES[code])  # a language's own name, never translated
            self.language_group.addAction(action)
            self.act_languages[code] = action
        if self.translations is not None:
            self.act_languages[self.translations.language].setChecked(True)
        self.act_about = self._action("actAbout", None, QKeySequence.StandardKey.HelpContents, self.show_about)

    def _make_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_file.addAction(self.act_connect)
        self.menu_recent = QMenu(self)
        self.menu_recent.setObjectName("menuRecent")
        self.menu_recent.aboutToShow.connect(self._fill_recent_menu)
        self.menu_file.addMenu(self.menu_recent)
        self.menu_file.addAction(self.act_simulate)
        self.menu_file.addAction(self.act_scan)
        self.menu_file.addAction(self.act_disconnect)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_export_csv)
        self.menu_file.addAction(self.act_export_png)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_view = bar.addMenu("")
        self.menu_view.addAction(self.act_chain)
        self.menu_view.addAction(self.act_diagnostics)
        self.menu_view.addSeparator()
        self.menu_view.addAction(self.act_dashboard)
        self.menu_view.addAction(self.act_plots)
        self.menu_view.addSeparator()
        self.menu_view.addAction(self.act_pause)
        self.menu_window = QMenu(self)
        for action in self.act_windows:
            self.menu_window.addAction(action)
        self.menu_view.addMenu(self.menu_window)
        self.menu_language = bar.addMenu("")
        for action in self.act_languages.values():
            self.menu_language.addAction(action)
        self.menu_help = bar.addMenu("")
        self.menu_help.addAction(self.act_about)

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.setMovable(False)
        for action in (self.act_connect, self.act_scan, self.act_disconnect):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.act_pause)
        self.toolbar.addAction(self.act_export_csv)
        self.addToolBar(self.toolbar)

    def _window_changed(self, seconds: int) -> None:
        for (s, _), action in zip(WINDOWS, self.act_windows, strict=True):
            action.setChecked(s == seconds)

    # -- manager ------------------------------------------------------------------------------
    def _connect_manager(self) -> None:
        m = self.manager
        m.linkAdded.connect(self._on_link_added)
        m.linkRemoved.connect(self._on_link_removed)
        m.endpointChanged.connect(self._on_endpoint_changed)
        m.pollingChanged.connect(self._on_polling_changed)
        m.linkStateChanged.connect(self._on_link_state)
        m.unitUpdated.connect(self._on_unit)
        m.frameLogged.connect(self._on_frame)
        m.diagnosticsUpdated.connect(self._on_diagnostics)

    def link_label(self, key: str) -> str:
        return self._labels.get(key, key)

    def connect_link(self, endpoint: Endpoint, units: Any = (), *, label: str | None = None) -> str:
        """Poll ``units`` on ``endpoint`` (a new link, or new settings for a known one)."""
        key = endpoint.key
        if label is not None:
            self._labels[key] = label
        elif key not in self._labels:
            self._labels[key] = endpoint.port if isinstance(endpoint, SerialEndpoint) else \
                f"{endpoint.host}:{endpoint.port}"
        return self.manager.add_link(endpoint, units)

    def connect_request(self, request: ConnectRequest) -> str:
        self._remember(request)
        if request.scan and isinstance(request.endpoint, SerialEndpoint):
            key = self.connect_link(request.endpoint, ())
            self.open_scan_dialog(key, (min(request.units), max(request.units)), start=True)
            return key
        key = self.connect_link(request.endpoint, request.units)
        if request.telnet is not None:
            self.network.set_target(key, request.telnet)  # read once the link is up
        return key

    def start_simulation(self, simulation: SimulatedLink | SimulatedMaster | None = None) -> str | None:
        """Serve a simulated chain in-process and connect to it. None if it cannot start.
        Without ``simulation``: the RS485 chain and, beside it, a networked master with two
        slaves (SNMP and Telnet, see ui/simulation.py)."""
        if simulation is None:
            key = self.start_simulation(SimulatedLink())
            if key is not None:
                self.start_simulation(SimulatedMaster())
            return key
        try:
            simulation.start()
        except OSError as exc:
            self.statusBar().showMessage(self.tr("The simulator could not start: %1").replace("%1", str(exc)))
            return None
        self.simulations.append(simulation)
        self._retranslate_title()
        endpoint = simulation.endpoint
        assert endpoint is not None
        self._labels[endpoint.key] = self.tr("Simulator")
        key = self.connect_link(endpoint, simulation.units, label=self._labels[endpoint.key])
        if isinstance(simulation, SimulatedMaster):
            self.network.set_target(key, simulation.telnet)
        return key

    def _fit_tree_columns(self) -> None:
        """Widths for every text a column can show (names measured, the rest from their
        longest possible text), so that the tree never needs measuring on updates."""
        from bps_commissioner.ui.chain_model import phases_text
        from bps_commissioner.ui.state import state_text

        metrics = self.tree.fontMetrics()
        header = self.tree.header()
        pad = 2 * self.tree.style().pixelMetric(self.tree.style().PixelMetric.PM_FocusFrameHMargin) + 8

        def fit(column: int, texts: list[str], extra: int = 0, title: bool = True) -> None:
            heading = (self.model.headerData(column, Qt.Orientation.Horizontal) or "") if title else ""
            width = max([metrics.horizontalAdvance(t) for t in texts]
                        + [header.fontMetrics().horizontalAdvance(heading)])
            self.tree.setColumnWidth(column, width + pad + extra)

        self.tree.resizeColumnToContents(0)
        fit(1, [phases_text(1), phases_text(3)])
        icon_width = self.tree.style().pixelMetric(self.tree.style().PixelMetric.PM_SmallIconSize)
        fit(2, [state_text(s) for s in UnitState], extra=icon_width + 6)
        fit(3, [fmt.clock(0)], title=False)  # the heading may be elided, the time not

    def _on_link_added(self, key: str, endpoint: Endpoint) -> None:
        self.model.add_link(key, endpoint, self.link_label(key))
        self.bus_meter.set_link(key, endpoint.settings if isinstance(endpoint, SerialEndpoint) else None)
        self.tree.setFirstColumnSpanned(self.model.link_index(key).row(), QModelIndex(), True)
        self.diagnostics.set_links({k: self.link_label(k) for k in self.manager.keys()})
        self.tree.expand(self.model.link_index(key))
        self.statusBar().showMessage(self.tr("Connecting to %1…").replace("%1", endpoint.describe()), 5000)
        self._update_actions()

    def _on_link_removed(self, key: str) -> None:
        was_selected = self._selected[0] == key
        self.model.remove_link(key)
        self.history.drop_link(key)
        self.diagnostics.set_links({k: self.link_label(k) for k in self.manager.keys()})
        self._bus_totals.pop(key, None)
        self.bus_meter.set_link(key, None)
        if was_selected:
            self._select_first_unit()
            if self._selected[0] == key:
                self._show_selection(None, None)
        self._update_actions()

    def _on_endpoint_changed(self, key: str, endpoint: Endpoint) -> None:
        self.model.set_endpoint(key, endpoint)
        self.bus_meter.set_link(key, endpoint.settings if isinstance(endpoint, SerialEndpoint) else None)
        self.statusBar().showMessage(self.tr("%1 now uses %2").replace("%1", self.link_label(key)).replace(
            "%2", endpoint.describe()), 8000)

    def _on_polling_changed(self, key: str, units: tuple[int, ...]) -> None:
        self.model.set_units(key, units)
        self.tree.expand(self.model.link_index(key))
        self._fit_tree_columns()
        self.diagnostics.set_units([u.address for u in self.model.units()])
        if self._selected == (None, None) or self.model.unit(*self._selected) is None and self._selected[1]:
            self._select_first_unit()

    def _on_link_state(self, key: str, state: str, message: str) -> None:
        fault = self.manager.link_fault(key)
        self.model.set_link_state(key, state, message, fault)
        label = self.link_label(key)
        if state == "lost":
            error = describe_link_error(fault)
            self.statusBar().showMessage(f"{label}: {error.title}. {error.hint}")
        elif state == "connected":
            self.statusBar().showMessage(self.tr("Connected: %1").replace("%1", label), 5000)
        if self._selected[0] == key:
            self.unit_view.set_link_problem((state, fault) if state == "lost" else None)

    def _on_unit(self, key: str, result: Any) -> None:
        info = self.model.update_unit(key, result)
        if info is None:
            return
        self.history.add_result(key, result)
        if result.reading is not None:
            self._poll_times.append(time.monotonic())
        if self._selected == (key, result.address):
            self.unit_view.show_unit(info)
            if self.plots.history is not None:
                self.plots.history.phases = info.phases or 3

    def _on_frame(self, key: str, record: Any) -> None:
        self.diagnostics.add_frame(key, record)
        self.bus_meter.add(key, record)

    def _on_diagnostics(self, key: str, diagnostics: Any) -> None:
        self.diagnostics.set_counters(key, diagnostics)
        self.model.set_diagnostics(key, diagnostics)
        selected_key, address = self._selected
        if selected_key == key and address is not None:
            info = self.model.unit(key, address)
            if info is not None and info.result is not None and info.result.error:
                self.unit_view.show_unit(info)  # the banner counts the failures
        requests = sum(d.requests for d in diagnostics)
        good = sum(d.replies - d.exceptions for d in diagnostics)
        self._bus_totals[key] = (requests, good)

    # -- selection ----------------------------------------------------------------------------
    def _select_first_unit(self) -> None:
        for link in self.model.links():
            units = self.model.units(link.key)
            if units:
                self.select_unit(link.key, units[0].address)
                return

    def select_unit(self, key: str, address: int | None) -> None:
        index = self.model.unit_index(key, address) if address is not None else self.model.link_index(key)
        if index.isValid():
            self.tree.setCurrentIndex(index)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key, address = self.model.ref(current)
        self._show_selection(key, address)

    def _show_selection(self, key: str | None, address: int | None) -> None:
        self._selected = (key, address)
        self.manager.set_focus(key, address)
        if key is not None and address is None:
            self.unit_view.show_link(key, lambda k=key: self._link_summary(k))
            self.plots.set_history(None)
        elif key is not None and address is not None:
            info = self.model.unit(key, address)
            self.unit_view.set_unit(key, address, info, self.link_label(key))
            history = self.history.get(key, address)
            if info is not None and info.phases:
                history.phases = info.phases
            self.plots.set_history(history, self._plot_title())
            state, _message = self.manager.link_state(key) if key in self.manager.keys() else ("closed", "")
            self.unit_view.set_link_problem((state, self.manager.link_fault(key)) if state == "lost" else None)
        else:
            self.unit_view.set_unit(None, None, None)
            self.plots.set_history(None)
        self._update_actions()

    def _plot_title(self) -> str:
        key, address = self._selected
        if key is None or address is None:
            return ""
        info = self.model.unit(key, address)
        if info is not None and info.chain:  # "Master", "Slave 2" of an SNMP master
            return f"{info.title} · {self.link_label(key)}"
        return self.tr("Unit %1 · %2").replace("%1", str(address)).replace("%2", self.link_label(key))

    def _link_summary(self, key: str) -> tuple[str, str]:
        link = self.model.link(key)
        units = self.model.units(key)
        state = link_state_text(link.state) if link else ""
        text = self.tr("%n unit(s) polled", "", len(units)) + f" · {state}. " + self.tr(
            "Select a unit to see its dashboard and plots.")
        return self.link_label(key), text

    def selected_link(self) -> str | None:
        key = self._selected[0]
        if key is None and len(self.manager.keys()) == 1:
            return self.manager.keys()[0]
        return key

    def _update_actions(self) -> None:
        key = self.selected_link()
        has_link = key is not None and key in self.manager.keys()
        self.act_disconnect.setEnabled(has_link)
        can_scan = has_link and self.manager.can_scan(key)
        self.act_scan.setEnabled(can_scan)
        unit = self._selected[1] is not None
        self.act_export_csv.setEnabled(unit)
        self.act_export_png.setEnabled(unit)
        self.act_pause.setEnabled(unit)
        self.plots.pause_button.setEnabled(unit)
        self.plots.csv_button.setEnabled(unit)
        self.plots.png_button.setEnabled(unit)
        self._update_unit_tools()

    # -- commands -----------------------------------------------------------------------------
    def open_connect_dialog(self) -> ConnectDialog:
        dialog = ConnectDialog(self, self._recent())
        dialog.accepted.connect(lambda: self._connect_from(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _connect_from(self, dialog: ConnectDialog) -> None:
        request = dialog.request()
        if request is not None:
            problems = dialog.commit_secrets()  # before the link opens and looks them up
            self.connect_request(request)
            if problems:
                self.statusBar().showMessage(self.tr("Kept for this session only: %1").replace(
                    "%1", "; ".join(problems)), 10000)

    def open_scan_dialog(self, key: str | None = None, addresses: tuple[int, int] | None = None,
                         start: bool = False) -> ScanDialog | None:
        key = key or self.selected_link()
        if key is None or key not in self.manager.keys():
            self.statusBar().showMessage(self.tr("Connect to a serial link first."), 5000)
            return None
        if not self.manager.can_scan(key):
            self.statusBar().showMessage(self.tr("A bus scan applies to serial links; behind Modbus TCP give "
                                                 "the unit ids when connecting."), 8000)
            return None
        dialog = self._scan_dialogs.get(key)
        if dialog is None:
            dialog = ScanDialog(self.manager, key, self.link_label(key), self)
            dialog.scanFinished.connect(self._apply_scan)
            dialog.finished.connect(lambda _r, k=key: self._scan_dialogs.pop(k, None))
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self._scan_dialogs[key] = dialog
        if addresses is not None:
            dialog.first.setValue(addresses[0])
            dialog.last.setValue(addresses[1])
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        if start:
            dialog.start()
        return dialog

    def _apply_scan(self, key: str, result: Any, scanned: tuple[int, ...]) -> None:
        if key not in self.manager.keys():
            return
        self.manager.apply_scan(key, result, scanned)
        self.model.set_conflicts(key, result.conflicts, scanned)
        message = self.tr("Scan of %1: %n unit(s) found", "", len(result.found)).replace("%1", self.link_label(key))
        if result.conflicts:
            message += "; " + self.tr("%n address conflict(s): see the chain tree", "", len(result.conflicts))
        self.statusBar().showMessage(message, 10000)
        if self._selected[1] is None:
            self._select_first_unit()

    def disconnect_selected(self) -> None:
        key = self.selected_link()
        if key is None or key not in self.manager.keys():
            return
        label = self.link_label(key)
        self.manager.remove_link(key)
        for sim in list(self.simulations):
            if sim.endpoint is not None and sim.endpoint.key == key:
                self.simulations.remove(sim)
                sim.stop()  # the retiring worker sees its port close and ends
        self._retranslate_title()
        self.statusBar().showMessage(self.tr("Disconnected: %1").replace("%1", label), 5000)

    def _export_name(self, suffix: str) -> str:
        key, address = self._selected
        stamp = time.strftime("%Y%m%d-%H%M%S")
        return str(Path.home() / f"bps-unit{address}-{stamp}.{suffix}")

    def export_csv(self) -> None:
        if self._selected[1] is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the plotted data"), self._export_name("csv"),
                                              self.tr("CSV files (*.csv)"))
        if not path:
            return
        try:
            rows = self.plots.export_csv(path)
        except OSError as exc:
            self.statusBar().showMessage(self.tr("Could not write %1: %2").replace("%1", path).replace(
                "%2", exc.strerror or str(exc)), 10000)
            return
        self.statusBar().showMessage(self.tr("%n row(s) written to %1", "", rows).replace("%1", path), 8000)

    def export_png(self) -> None:
        if self._selected[1] is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the plots as an image"),
                                              self._export_name("png"), self.tr("PNG images (*.png)"))
        if not path:
            return
        if self.plots.export_png(path):
            self.statusBar().showMessage(self.tr("Plots saved to %1").replace("%1", path), 8000)
        else:
            self.statusBar().showMessage(self.tr("Could not write %1").replace("%1", path), 10000)

    def set_language(self, code: str) -> None:
        if self.translations is not None:
            self.translations.set_language(code, remember=True)
        self.act_languages[code].setChecked(True)

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About BPS Commissioner"), self.tr(
            "<h3>BPS Commissioner %1</h3><p>Commissioning of BKT BPS2000v2 PDU chains over Modbus RTU and "
            "Modbus TCP: find the units, check what they measure, set their alarm limits.</p>"
            "<p>Keyboard: Ctrl+O connect, Ctrl+R scan, Ctrl+T chain tree, Ctrl+1 dashboard, Ctrl+2 plots, "
            "Ctrl+P pause the plots, Ctrl+5 / Ctrl+6 / Ctrl+8 plot 5 minutes / 1 hour / 8 hours, Ctrl+D "
            "diagnostics.</p>").replace("%1", __version__))

    # -- thresholds, profiles, audit log, firmware ---------------------------------------------
    def _add_unit_tools(self) -> None:
        """The Thresholds tab, the audit log dock, the profile and firmware actions (menu
        Units, the chain tree's context menu)."""
        self.audit = AuditLog()
        self.firmware_panel: FirmwarePanel | None = None
        self.profile_dialog: ProfileDialog | None = None
        self.thresholds_tab = ThresholdsTab(self.manager, self.audit)
        self.unit_view.add_tab(self.thresholds_tab, lambda: QCoreApplication.translate("ThresholdsTab", "&Thresholds"))
        self.audit_view = AuditLogView(self.audit)
        self.audit_view.setObjectName("auditLogView")
        self.audit_dock = QDockWidget()
        self.audit_dock.setObjectName("auditDock")
        self.audit_dock.setWidget(self.audit_view)
        self.audit_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                                    | QDockWidget.DockWidgetFeature.DockWidgetClosable
                                    | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.audit_dock)
        self.tabifyDockWidget(self.diagnostics_dock, self.audit_dock)
        self.audit_dock.hide()
        self.audit_dock.visibilityChanged.connect(lambda visible: visible and self.audit_view.refresh())
        self.thresholds_tab.applied.connect(lambda *_: self.audit_view.refresh())

        self.act_thresholds = self._action("actThresholds", None, "Ctrl+L", self.show_thresholds)
        self.act_profile = self._action("actProfile", None, "Ctrl+Shift+P", self.open_profile_dialog)
        self.act_firmware = self._action("actFirmware", None, "Ctrl+Shift+F", self.open_firmware_panel)
        self.act_audit = self.audit_dock.toggleViewAction()
        self.act_audit.setObjectName("actAudit")
        self.act_audit.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.act_audit.triggered.connect(lambda on: on and self.audit_dock.raise_())
        self.menu_units = QMenu(self)
        self.menu_units.setObjectName("menuUnits")
        self.menu_units.addAction(self.act_thresholds)
        self.menu_units.addAction(self.act_profile)
        self.menu_units.addAction(self.act_audit)
        self.menu_units.addSeparator()
        self.menu_units.addAction(self.act_firmware)
        self.menuBar().insertMenu(self.menu_language.menuAction(), self.menu_units)
        view_actions = self.menu_view.actions()
        after_plots = view_actions.index(self.act_plots) + 1
        self.menu_view.insertAction(view_actions[after_plots] if after_plots < len(view_actions) else None,
                                    self.act_thresholds)
        after_diagnostics = view_actions.index(self.act_diagnostics) + 1
        self.menu_view.insertAction(view_actions[after_diagnostics], self.act_audit)
        # the chain tree's context menu: what applies to the rows selected there
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.tree.addActions([self.act_thresholds, self.act_profile, self.act_firmware])
        self.tree.selectionModel().selectionChanged.connect(lambda *_: self._update_unit_tools())
        self.thresholds_tab.add_action(self.act_profile)
        self.thresholds_tab.add_action(self.act_audit)

    def _retranslate_unit_tools(self) -> None:
        self.menu_units.setTitle(self.tr("&Units"))
        self.audit_dock.setWindowTitle(self.tr("Audit log"))
        texts = {
            self.act_thresholds: (self.tr("Alarm t&hresholds"), self.tr("Edit the selected unit's alarm thresholds")),
            self.act_profile: (self.tr("Apply a &profile to the selected units…"),
                               self.tr("Write a threshold profile (a JSON file) to the units selected in the chain "
                                       "tree")),
            self.act_audit: (self.tr("Audit &log"), self.tr("Show or hide the record of every threshold write")),
            self.act_firmware: (self.tr("&Firmware update…"),
                                self.tr("Flash firmware to networked masters over TFTP, with a pre-flight "
                                        "checklist and a threshold backup")),
        }
        for action, (text, tip) in texts.items():
            action.setText(text)
            action.setToolTip(tip)
            action.setStatusTip(tip)

    def _update_unit_tools(self) -> None:
        self.act_thresholds.setEnabled(self._selected[1] is not None)
        self.act_profile.setEnabled(bool(self.selected_units()))

    def selected_units(self) -> list[tuple[str, int]]:
        """(link key, address) of the units selected in the chain tree; a selected link row
        stands for all its units. The current unit when nothing is selected."""
        out: list[tuple[str, int]] = []
        for index in sorted(self.tree.selectionModel().selectedRows(0),
                            key=lambda i: (i.parent().row(), i.row())):
            key, address = self.model.ref(index)
            if key is None:
                continue
            if address is None:
                out += [(key, u.address) for u in self.model.units(key)]
            else:
                out.append((key, address))
        if not out and self._selected[0] is not None and self._selected[1] is not None:
            out.append((self._selected[0], self._selected[1]))
        return list(dict.fromkeys(out))

    def show_thresholds(self) -> None:
        if self._selected[1] is not None:
            self.unit_view.tabs.setCurrentWidget(self.thresholds_tab)

    def open_profile_dialog(self) -> ProfileDialog | None:
        """Apply a profile to the units selected in the chain tree (those of one link)."""
        chosen = [(k, a) for k, a in self.selected_units() if k in self.manager.keys()]
        if not chosen:
            self.statusBar().showMessage(self.tr("Select one or more units in the chain tree first."), 8000)
            return None
        chosen = [(k, a) for k, a in chosen if self.thresholds_tab.writes_thresholds(k)]
        if not chosen:
            self.statusBar().showMessage(self.tr("Threshold profiles are written over Modbus: select units of a "
                                                 "serial or Modbus TCP link."), 8000)
            return None
        if self.profile_dialog is not None and self.profile_dialog.is_writing:
            self.profile_dialog.raise_()
            self.profile_dialog.activateWindow()
            return self.profile_dialog
        keys = list(dict.fromkeys(k for k, _ in chosen))
        key = self._selected[0] if self._selected[0] in keys else keys[0]
        addresses = [a for k, a in chosen if k == key]
        if len(keys) > 1:
            self.statusBar().showMessage(self.tr("A profile goes to the units of one link at a time: the units of "
                                                 "%1 are ticked.").replace("%1", self.link_label(key)), 10000)
        units = [u.address for u in self.model.units(key)] or addresses
        rating = min(self.thresholds_tab.rating(key, a) for a in addresses)
        if self.profile_dialog is not None:
            self.profile_dialog.close()
        dialog = ProfileDialog(self.thresholds_tab.handle(key), units, rating=rating,  # type: ignore[arg-type]
                               audit=self.audit, parent=self, selected=addresses)
        dialog.setObjectName("profileDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.applied.connect(lambda _report: self.audit_view.refresh())
        dialog.destroyed.connect(lambda *_: setattr(self, "profile_dialog", None))
        self.profile_dialog = dialog
        dialog.show()
        return dialog

    def open_firmware_panel(self) -> FirmwarePanel:
        """The firmware panel, with the networked links selected in the chain tree ticked."""
        if self.firmware_panel is None:
            self.firmware_panel = FirmwarePanel(self.manager, self, audit=self.audit)
            self.firmware_panel.batchFinished.connect(self._firmware_finished)
        panel = self.firmware_panel
        if not panel.is_running:
            keys = [self.model.ref(i)[0] for i in self.tree.selectionModel().selectedRows(0)]
            if not keys and self._selected[0] is not None:
                keys = [self._selected[0]]
            panel.check_links([k for k in dict.fromkeys(keys) if k is not None])
        panel.show()
        panel.raise_()
        panel.activateWindow()
        return panel

    def _firmware_finished(self, results: Any) -> None:
        self.audit_view.refresh()  # a restore of thresholds is recorded there
        ok = sum(1 for r in results if r.ok)
        self.statusBar().showMessage(self.tr("Firmware update finished: %1 done, %2 failed").replace(
            "%1", str(ok)).replace("%2", str(len(results) - ok)), 10000)

    # -- commissioning ------------------------------------------------------------------------
    def _add_commissioning(self) -> None:
        """The commissioning panel: a dock on the right (View > Commissioning, Ctrl+K; File >
        Open a commissioning plan, Ctrl+Shift+O). Its plan's links run on this window's link
        workers; its marks (planned, missing, unexpected) show in the chain tree."""
        self.commission_panel = CommissionPanel(self.manager, connect_link=lambda endpoint: self.connect_link(endpoint),
                                                chain=self._chain_readings, audit=self.audit)
        self.commission_dock = QDockWidget()
        self.commission_dock.setObjectName("commissionDock")
        self.commission_dock.setWidget(self.commission_panel)
        self.commission_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.commission_dock)
        self.commission_dock.hide()
        self.act_commission = self.commission_dock.toggleViewAction()
        self.act_commission.setObjectName("actCommission")
        self.act_commission.setShortcut(QKeySequence("Ctrl+K"))
        self.act_commission.triggered.connect(lambda on: on and self.commission_dock.raise_())
        self.act_open_plan = self._action("actOpenPlan", None, "Ctrl+Shift+O", self.open_plan)
        file_actions = self.menu_file.actions()
        self.menu_file.insertAction(file_actions[file_actions.index(self.act_disconnect) + 1], self.act_open_plan)
        view_actions = self.menu_view.actions()
        self.menu_view.insertAction(view_actions[view_actions.index(self.act_diagnostics) + 1], self.act_commission)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.act_commission)
        self.commission_panel.chainMarks.connect(self._apply_plan_marks)
        self.commission_panel.resultReady.connect(self._commission_finished)

    def show_commissioning(self) -> CommissionPanel:
        self.commission_dock.show()
        self.commission_dock.raise_()
        return self.commission_panel

    def open_plan(self) -> None:
        self.show_commissioning().open_plan_dialog()

    def _chain_readings(self) -> list[tuple[Any, list[Any]]]:
        """What the chain tree shows, for a new plan: each Modbus link and its units' readings."""
        from bps_commissioner.services.endpoints import TcpEndpoint

        out = []
        for link in self.model.links():
            if link.key not in self.manager.keys() or not isinstance(link.endpoint, (SerialEndpoint, TcpEndpoint)):
                continue
            out.append((link.endpoint, [u.reading for u in self.model.units(link.key) if u.reading is not None]))
        return out

    def _apply_plan_marks(self, marks: dict[str, dict[int, str]]) -> None:
        """The plan's marks in the chain tree; the planned units (and after a run, the units
        found) are polled, so that a missing unit shows as such."""
        for key in self.manager.keys():
            by_address = marks.get(key, {})
            polled = set(self.manager.polled_units(key))
            if by_address and not set(by_address) <= polled:
                self.manager.set_polling(key, sorted(polled | set(by_address)))
            self.model.set_plan_marks(key, by_address)
        self._fit_tree_columns()

    def _commission_finished(self, result: Any) -> None:
        if result.passed:
            text = self.tr("Commissioning: every planned unit passes.")
        else:
            text = self.tr("Commissioning: not passed; see the Commissioning panel.")
        self.statusBar().showMessage(text, 15000)
        self.audit_view.refresh()

    def _retranslate_commissioning(self) -> None:
        self.commission_dock.setWindowTitle(self.tr("Commissioning"))
        self.act_commission.setText(self.tr("C&ommissioning"))
        self.act_commission.setIconText(self.tr("Commission"))
        tip = self.tr("Show or hide the commissioning panel: a plan, the checks against it, the report (Ctrl+K)")
        self.act_commission.setToolTip(tip)
        self.act_commission.setStatusTip(tip)
        self.act_open_plan.setText(self.tr("Open a commissioning &plan…"))
        tip = self.tr("Open a plan of what should be in the rack, to check the chain against it")
        self.act_open_plan.setToolTip(tip)
        self.act_open_plan.setStatusTip(tip)

    # -- networked masters: Telnet tab, security findings -------------------------------------
    def _add_network(self) -> None:
        """The Telnet tab of a networked master (firmware, energy meters, warning thresholds)
        and the security findings above a networked unit's tabs; both follow the
        NetworkSession, which runs the Telnet and SNMP security jobs on the links' workers."""
        self.network = NetworkSession(self.manager, self)
        self.telnet_panel = TelnetPanel(self.network)
        self.unit_view.add_tab(self.telnet_panel, telnet_tab_title)
        self.telnet_panel.attach(self.unit_view.tabs)
        self.security_strip = SecurityStrip(self.network)
        self.unit_view.add_notice(self.security_strip)
        # an SNMP master's slaves are listed when they first answer: widen the names then
        self.model.rowsInserted.connect(lambda *_: QTimer.singleShot(0, self._fit_tree_columns))

    # -- recent connections -------------------------------------------------------------------
    def _recent(self) -> list[dict[str, Any]]:
        raw = settings().value(RECENT_KEY, "[]")
        try:
            entries = json.loads(raw) if isinstance(raw, str) else []
        except ValueError:
            return []
        return [e for e in entries if isinstance(e, dict)]

    def _remember(self, request: ConnectRequest) -> None:
        entry = request.to_dict()
        entries = [e for e in self._recent() if e != entry]
        entries.insert(0, entry)
        settings().setValue(RECENT_KEY, json.dumps(entries[:RECENT_MAX]))

    def _fill_recent_menu(self) -> None:
        self.menu_recent.clear()
        requests = []
        for entry in self._recent():
            try:
                requests.append(ConnectRequest.from_dict(entry))
            except (ValueError, KeyError, TypeError):
                continue
        if not requests:
            action = self.menu_recent.addAction(self.tr("(none yet)"))
            action.setEnabled(False)
        for i, request in enumerate(requests):
            action = self.menu_recent.addAction(f"&{i + 1} {request.label()}")
            action.triggered.connect(lambda _=False, r=request: self.connect_request(r))

    # -- status bar ---------------------------------------------------------------------------
    def poll_rate(self) -> float:
        now = time.monotonic()
        while self._poll_times and self._poll_times[0] < now - RATE_WINDOW:
            self._poll_times.popleft()
        return len(self._poll_times) / RATE_WINDOW

    def bus_efficiency(self) -> float | None:
        """The serial links' bus efficiency (ui/busmeter.py) over the last seconds."""
        return self.bus_meter.efficiency(time.time())

    def answered_share(self) -> float | None:
        """Share of requests answered with a valid reply over the last seconds (None: none sent)."""
        now = time.monotonic()
        requests = sum(r for r, _ in self._bus_totals.values())
        good = sum(g for _, g in self._bus_totals.values())
        self._bus_samples.append((now, requests, good))
        while len(self._bus_samples) > 2 and self._bus_samples[1][0] < now - EFFICIENCY_WINDOW:
            self._bus_samples.popleft()
        t0, r0, g0 = self._bus_samples[0]
        if requests - r0 <= 0:
            return None if requests == 0 else (good / requests if requests else None)
        return max(0.0, min(1.0, (good - g0) / (requests - r0)))

    def _update_status(self) -> None:
        units = self.model.units()
        counts = {state: 0 for state in UnitState}
        for u in units:
            counts[u.state] += 1
        text = self.tr("%n unit(s)", "", len(units))
        details = []
        if counts[UnitState.ONLINE]:
            details.append(self.tr("%1 online").replace("%1", str(counts[UnitState.ONLINE])))
        if counts[UnitState.ALARM]:
            details.append(self.tr("%1 in alarm").replace("%1", str(counts[UnitState.ALARM])))
        if counts[UnitState.WARNING]:
            details.append(self.tr("%1 warning").replace("%1", str(counts[UnitState.WARNING])))
        if counts[UnitState.OFFLINE]:
            details.append(self.tr("%1 offline").replace("%1", str(counts[UnitState.OFFLINE])))
        if counts[UnitState.CONFLICT]:
            details.append(self.tr("%1 conflict").replace("%1", str(counts[UnitState.CONFLICT])))
        self.status_units.setText(text + (": " + ", ".join(details) if details else ""))
        self.status_rate.setText(self.tr("Polls: %1/s").replace("%1", fmt.number(self.poll_rate(), 1)))
        efficiency = self.bus_efficiency()
        answered = self.answered_share()
        parts = []
        if efficiency is not None:
            parts.append(self.tr("Bus efficiency: %1").replace("%1", fmt.percent(efficiency * 100)))
        if answered is not None:
            parts.append(self.tr("Answered: %1").replace("%1", fmt.percent(answered * 100)))
        self.status_efficiency.setText(" · ".join(parts) or self.tr("Bus efficiency: %1").replace("%1", "–"))

    # -- language -----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate_title(self) -> None:
        if self.simulations:
            self.setWindowTitle(self.tr("BPS Commissioner – simulator"))
        else:
            self.setWindowTitle(self.tr("BPS Commissioner"))

    def _retranslate(self) -> None:
        self._retranslate_title()
        self.chain_dock.setWindowTitle(self.tr("Chain"))
        self.diagnostics_dock.setWindowTitle(self.tr("Diagnostics"))
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_recent.setTitle(self.tr("&Recent connections"))
        self.menu_view.setTitle(self.tr("&View"))
        self.menu_window.setTitle(self.tr("Plot &time window"))
        self.menu_language.setTitle(self.tr("&Language"))
        self.menu_help.setTitle(self.tr("&Help"))
        self.toolbar.setWindowTitle(self.tr("Main toolbar"))
        texts = {
            self.act_connect: (self.tr("&Connect…"), self.tr("Connect to a serial port or a Modbus TCP host")),
            self.act_simulate: (self.tr("Start the &simulator"),
                                self.tr("Connect to a built-in simulated chain of units (no hardware needed)")),
            self.act_disconnect: (self.tr("&Disconnect"), self.tr("Stop polling the selected link and close it")),
            self.act_scan: (self.tr("&Scan the bus…"), self.tr("Find the units on the selected serial link")),
            self.act_export_csv: (self.tr("&Export plot data (CSV)…"), self.tr("Save the data the plots show")),
            self.act_export_png: (self.tr("Export plots as &image (PNG)…"), self.tr("Save the plots as a picture")),
            self.act_quit: (self.tr("&Quit"), ""),
            self.act_chain: (self.tr("&Chain tree"), self.tr("Show or hide the chain tree (Ctrl+T)")),
            self.act_diagnostics: (self.tr("&Diagnostics"), self.tr("Show or hide the frame log and counters")),
            self.act_dashboard: (self.tr("D&ashboard"), ""),
            self.act_plots: (self.tr("Live &plots"), ""),
            self.act_pause: (self.tr("&Pause plots"), self.tr("Freeze the plots; recording goes on")),
            self.act_about: (self.tr("&About BPS Commissioner"), ""),
        }
        for action, (text, tip) in texts.items():
            action.setText(text)
            action.setToolTip(tip or text.replace("&", "").rstrip("…"))
            action.setStatusTip(tip)
        # short texts for the toolbar buttons (the menus keep the long ones)
        short = {self.act_connect: self.tr("Connect"), self.act_scan: self.tr("Scan"),
                 self.act_disconnect: self.tr("Disconnect"), self.act_pause: self.tr("Pause"),
                 self.act_export_csv: self.tr("CSV")}
        for action, text in short.items():
            action.setIconText(text)
        for (_, label), action in zip(WINDOWS, self.act_windows, strict=True):
            action.setText(QCoreApplication.translate("PlotPanel", label))
        self.model.retranslate()
        self._fit_tree_columns()
        self.plots.title.setText(self._plot_title())
        self.status_efficiency.setToolTip(self.tr(
            "Bus efficiency: the wire time of the requests and replies (with their 3.5-character silences) over "
            "the time the transactions took on the serial links in the last 10 s; the units' turnaround, the "
            "adapter's latency and timeouts lower it. Answered: the share of requests that got a valid reply."))
        self.status_rate.setToolTip(self.tr("Unit polls with a valid reply per second, over the last 5 s"))
        self._retranslate_unit_tools()
        self._retranslate_commissioning()
        self._update_status()

    # -- window state, shutdown ---------------------------------------------------------------
    def _restore_window(self) -> None:
        s = settings()
        geometry = s.value("window/geometry")
        state = s.value("window/state")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            if isinstance(state, QByteArray):
                self.restoreState(state)
            return
        screen = QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else None
        width, height = 1280, 720
        if available is not None:
            width = min(width, available.width() - 20)
            height = min(height, available.height() - 40)
        self.resize(width, height)

    def save_window(self) -> None:
        s = settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())

    def shutdown(self, timeout: float = 5.0) -> bool:
        """Stop every worker and simulator (idempotent). True when no worker thread is left."""
        if self._shut_down:
            return not self.manager.running_workers()
        self._shut_down = True
        self._stats_timer.stop()
        for dialog in list(self._scan_dialogs.values()):
            dialog.cancel()
        self.commission_panel.shutdown()
        if self.firmware_panel is not None:
            self.firmware_panel.shutdown(timeout)
        ok = self.manager.stop_all(timeout)
        for sim in self.simulations:
            sim.stop()
        self.simulations = []
        return ok

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_window()
        for dialog in list(self._scan_dialogs.values()):
            dialog.close()
        self.shutdown()
        event.accept()
        super().closeEvent(event)
