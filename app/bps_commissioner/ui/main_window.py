"""The main window: the chain tree, the selected unit's view, diagnostics, menus.

Everything the window learns comes from the LinkManager's signals (queued from the link
workers); everything it asks for goes to the manager. Nothing here waits on a link: a
link that fails shows up in the tree, the status bar and a banner on the unit, never as a
modal dialog. Closing the window stops every worker (and an in-process simulator).

The window is put together from its rooms, each a mixin of :class:`MainWindow` sharing
its widgets and state:

* this module: the window's state, the links and units the manager reports, the
  selection, the language, saving the geometry and the shutdown;
* ui/window_actions.py: the actions, menus and toolbar and the commands behind them
  (connect, scan, disconnect, export, recent connections);
* ui/window_docks.py: the docks and tools added to the unit view (thresholds, profiles,
  audit log, firmware, commissioning, the Telnet tab and security findings);
* ui/window_status.py: the status bar (units, poll rate, bus efficiency).

The mixins translate with the context "MainWindow" (``translate("MainWindow", ...)``),
the context ``self.tr`` uses here, so the catalogue does not care where a string lives.
"""

from __future__ import annotations

import dataclasses
import time
from collections import deque
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QModelIndex, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QHeaderView, QMainWindow, QTreeView, QWidget

from bps_commissioner.device.assess import UnitState
from bps_commissioner.services import credentials
from bps_commissioner.services.credentials import SNMP_COMMUNITY
from bps_commissioner.services.endpoints import Endpoint, SerialEndpoint, SnmpEndpoint
from bps_commissioner.services.manager import LinkManager
from bps_commissioner.ui import format as fmt
from bps_commissioner.ui.busmeter import BusMeter
from bps_commissioner.ui.chain_model import ChainModel, link_state_text, phases_text
from bps_commissioner.ui.connect_dialog import ConnectRequest
from bps_commissioner.ui.diagnostics import DiagnosticsPanel
from bps_commissioner.ui.errors import describe_link_error
from bps_commissioner.ui.history import HistoryStore
from bps_commissioner.ui.i18n import Translations
from bps_commissioner.ui.icons import icon
from bps_commissioner.ui.scan_dialog import ScanDialog
from bps_commissioner.ui.screen import FRAME_ALLOWANCE, available_geometry
from bps_commissioner.ui.settings import settings
from bps_commissioner.ui.simulation import SimulatedLink, SimulatedMaster
from bps_commissioner.ui.state import state_text
from bps_commissioner.ui.unit_view import UnitView
from bps_commissioner.ui.window_actions import RECENT_KEY, RECENT_MAX, WindowActions
from bps_commissioner.ui.window_docks import WindowDocks, scrolling
from bps_commissioner.ui.window_status import EFFICIENCY_WINDOW, RATE_WINDOW, WindowStatus

CHAIN_MIN_WIDTH = 180
DEFAULT_SIZE = (1280, 720)


class MainWindow(WindowActions, WindowDocks, WindowStatus, QMainWindow):
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
        self._kind_labels: set[str] = set()  # links whose label names their kind
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
        self.tree.setMinimumWidth(CHAIN_MIN_WIDTH)  # readable names even beside the commissioning dock
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
        self.diagnostics_dock.setWidget(scrolling(self.diagnostics))
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.diagnostics_dock)
        self.resizeDocks([self.chain_dock], [370], Qt.Orientation.Horizontal)
        self.resizeDocks([self.diagnostics_dock], [150], Qt.Orientation.Vertical)

        self._make_status_bar()
        self._make_actions()
        self._make_menus()
        self._connect_manager()
        self._add_unit_tools()
        self._add_commissioning()
        self._add_network()
        self.check_pending_changes()
        self._stats_timer.start()
        self._retranslate()
        self._restore_window()
        self._update_actions()

    # -- manager: links and units ------------------------------------------------------------
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
        if label is None and key not in self._labels:
            label = endpoint.port if isinstance(endpoint, SerialEndpoint) else f"{endpoint.host}:{endpoint.port}"
        if label is not None:  # unique among the connected links: "Name", "Name (2)", ...
            taken = {self._labels[k] for k in self.manager.keys() if k != key and k in self._labels}
            unique, n = label, 2
            while unique in taken:
                unique, n = f"{label} ({n})", n + 1
            self._labels[key] = unique
        return self.manager.add_link(endpoint, units)

    def follow_provisioned(self, old_host: str, user: str, result: Any) -> list[str]:
        """After a master was set up and verified at a new address (Units > Set up new
        masters…): every link that polled it at ``old_host`` polls it there, same port,
        settings, units and name, with the read community the set-up gave; its Telnet target
        follows. Returns the new links' keys."""
        new_host = result.final_host
        if not result.verified or new_host == old_host:
            return []
        community = (result.after or {}).get("snmp.read_community")
        moved = []
        for key in list(self.manager.keys()):
            endpoint = self.manager.endpoint(key)
            if getattr(endpoint, "host", None) != old_host:
                continue
            changes: dict[str, Any] = {"host": new_host}
            if isinstance(endpoint, SnmpEndpoint) and endpoint.version != "3" and community:
                credentials.remember(SNMP_COMMUNITY, "", new_host, community)
                if endpoint.community is not None:
                    changes["community"] = community
            new_endpoint = dataclasses.replace(endpoint, **changes)
            units, label, telnet = self.manager.polled_units(key), self.link_label(key), self.network.target(key)
            self.manager.remove_link(key)
            new_key = self.connect_link(new_endpoint, units, label=label)
            if telnet is not None:
                self.network.set_target(new_key, dataclasses.replace(telnet, host=new_host)
                                        if telnet.host == old_host else telnet)
            for sim in self.simulations:
                if sim.endpoint is not None and sim.endpoint.key == key:
                    sim.endpoint = new_endpoint
            moved.append(new_key)
        if moved:
            self.statusBar().showMessage(self.tr("The window now polls the master at its new address %1.").replace(
                "%1", new_host), 10000)
        return moved

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
        if isinstance(simulation, SimulatedMaster):
            label = self.tr("Simulator · SNMP master")
        elif simulation.transport == "tcp":
            label = self.tr("Simulator · Modbus TCP")
        else:
            label = self.tr("Simulator · RS485")
        self._kind_labels.add(endpoint.key)  # "Simulator · RS485" names its kind: the tree does not repeat it
        key = self.connect_link(endpoint, simulation.units, label=label)
        if isinstance(simulation, SimulatedMaster):
            self.network.set_target(key, simulation.telnet)
        return key

    def _fit_tree_columns(self) -> None:
        """Widths for every text a column can show (names measured, the rest from their
        longest possible text), so that the tree never needs measuring on updates."""
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
        self.model.add_link(key, endpoint, self.link_label(key), kind_in_label=key in self._kind_labels)
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

    # -- selection ---------------------------------------------------------------------------
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

    # -- language ----------------------------------------------------------------------------
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
        self._retranslate_actions()
        self.model.retranslate()
        self._fit_tree_columns()
        self.plots.title.setText(self._plot_title())
        self._retranslate_status()
        self._retranslate_unit_tools()
        self._retranslate_commissioning()
        self._update_status()

    def _counted_texts(self, n: int) -> dict[str, str]:
        """The window's texts with a count (%n), for the mixins: pyside6-lupdate reads the
        plural forms of ``self.tr`` in this class, not of ``translate(...)`` with a count."""
        return {"units": self.tr("%n unit(s)", "", n),
                "found": self.tr("Scan of %1: %n unit(s) found", "", n),
                "conflicts": self.tr("%n address conflict(s): see the chain tree", "", n),
                "rows": self.tr("%n row(s) written to %1", "", n)}

    # -- window state, shutdown --------------------------------------------------------------
    def _geometry_key(self) -> str:
        """The geometry is remembered per screen size: a laptop's and a desk monitor's differ."""
        area = available_geometry(self)
        return f"window/geometry/{area.width()}x{area.height()}" if area is not None else "window/geometry"

    def _restore_window(self) -> None:
        s = settings()
        area = available_geometry(self)
        geometry = s.value(self._geometry_key())
        state = s.value("window/state")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry) and (
                area is None or area.contains(self.frameGeometry()) or self.isMaximized()):
            if isinstance(state, QByteArray):
                self.restoreState(state)
            return
        width, height = DEFAULT_SIZE
        if area is not None and (width + FRAME_ALLOWANCE[0] > area.width()
                                 or height + FRAME_ALLOWANCE[1] > area.height()):
            # the default would not fit: take the whole available area
            self.resize(area.width() - FRAME_ALLOWANCE[0], area.height() - FRAME_ALLOWANCE[1])
            self.move(area.topLeft())
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
            return
        self.resize(width, height)

    def save_window(self) -> None:
        s = settings()
        s.setValue(self._geometry_key(), self.saveGeometry())
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
        self.diagnostics.stop_recording()
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


__all__ = ["EFFICIENCY_WINDOW", "RATE_WINDOW", "RECENT_KEY", "RECENT_MAX", "MainWindow"]
