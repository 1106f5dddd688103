"""The main window's actions, menus and toolbar, and the commands behind them.

A mixin of :class:`~bps_commissioner.ui.main_window.MainWindow` (it uses the window's
manager, model, tree and unit view): File (connect, recent connections, the simulator,
scan, disconnect, export), View (docks, tabs, the plots' pause and time window), Language
and Help. Its strings keep the context "MainWindow".
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QToolBar

from bps_commissioner.services.logs import log_dir, log_path
from bps_commissioner.ui.about_dialog import AboutDialog
from bps_commissioner.ui.connect_dialog import ConnectDialog, ConnectRequest
from bps_commissioner.ui.i18n import LANGUAGES, NATIVE_NAMES
from bps_commissioner.ui.icons import icon
from bps_commissioner.ui.plot_export import EXPORT_WIDTH, EXPORT_WIDTHS
from bps_commissioner.ui.plots import WINDOWS
from bps_commissioner.ui.provision_wizard import ProvisionWizard
from bps_commissioner.ui.scan_dialog import ScanDialog
from bps_commissioner.ui.settings import settings

translate = QCoreApplication.translate  # the name pyside6-lupdate recognizes

RECENT_KEY = "connections/recent"
RECENT_MAX = 8
_WINDOW_SHORTCUTS = ("Ctrl+5", "Ctrl+6", "Ctrl+8")  # 5 min, 60 min, 8 h


class WindowActions:
    """Actions, menus, toolbar and commands of the main window (a mixin)."""

    # -- actions and menus -------------------------------------------------------------------
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
        self.act_log_folder = self._action("actLogFolder", None, None, self.open_log_folder)
        self.act_provision = self._action("actProvision", None, None, self.open_provision_wizard)
        self.provision_wizard: ProvisionWizard | None = None

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
        self.menu_help.addAction(self.act_log_folder)
        self.menu_help.addSeparator()
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

    def _retranslate_actions(self) -> None:
        self.menu_file.setTitle(translate("MainWindow", "&File"))
        self.menu_recent.setTitle(translate("MainWindow", "&Recent connections"))
        self.menu_view.setTitle(translate("MainWindow", "&View"))
        self.menu_window.setTitle(translate("MainWindow", "Plot &time window"))
        self.menu_language.setTitle(translate("MainWindow", "&Language"))
        self.menu_help.setTitle(translate("MainWindow", "&Help"))
        self.toolbar.setWindowTitle(translate("MainWindow", "Main toolbar"))
        texts = {
            self.act_connect: (translate("MainWindow", "&Connect…"),
                               translate("MainWindow", "Connect to a serial port or a Modbus TCP host")),
            self.act_simulate: (translate("MainWindow", "Start the &simulator"), translate(
                "MainWindow", "Connect to a built-in simulated chain of units (no hardware needed)")),
            self.act_disconnect: (translate("MainWindow", "&Disconnect"),
                                  translate("MainWindow", "Stop polling the selected link and close it")),
            self.act_scan: (translate("MainWindow", "&Scan the bus…"),
                            translate("MainWindow", "Find the units on the selected serial link")),
            self.act_export_csv: (translate("MainWindow", "&Export plot data (CSV)…"),
                                  translate("MainWindow", "Save the data the plots show")),
            self.act_export_png: (translate("MainWindow", "Export plots as &image (PNG, SVG)…"),
                                  translate("MainWindow", "Save the plots as a picture of a chosen width")),
            self.act_quit: (translate("MainWindow", "&Quit"), ""),
            self.act_chain: (translate("MainWindow", "&Chain tree"),
                             translate("MainWindow", "Show or hide the chain tree (Ctrl+T)")),
            self.act_diagnostics: (translate("MainWindow", "&Diagnostics"),
                                   translate("MainWindow", "Show or hide the frame log and counters")),
            self.act_dashboard: (translate("MainWindow", "D&ashboard"), ""),
            self.act_plots: (translate("MainWindow", "Live &plots"), ""),
            self.act_pause: (translate("MainWindow", "&Pause plots"),
                             translate("MainWindow", "Freeze the plots; recording goes on")),
            self.act_about: (translate("MainWindow", "&About BPS Commissioner"), ""),
            self.act_log_folder: (translate("MainWindow", "Open the &log folder"), translate(
                "MainWindow", "Show the folder of the program's log files (send them with a problem report)")),
            self.act_provision: (translate("MainWindow", "Set up &new masters…"), translate(
                "MainWindow", "Give new networked masters their address, SNMP, clock and password over Telnet, "
                              "from a plan or typed in; restart and verify each")),
        }
        for action, (text, tip) in texts.items():
            action.setText(text)
            action.setToolTip(tip or text.replace("&", "").rstrip("…"))
            action.setStatusTip(tip)
        # short texts for the toolbar buttons (the menus keep the long ones)
        short = {self.act_connect: translate("MainWindow", "Connect"),
                 self.act_scan: translate("MainWindow", "Scan"),
                 self.act_disconnect: translate("MainWindow", "Disconnect"),
                 self.act_pause: translate("MainWindow", "Pause"),
                 self.act_export_csv: translate("MainWindow", "CSV")}
        for action, text in short.items():
            action.setIconText(text)
        for (_, label), action in zip(WINDOWS, self.act_windows, strict=True):
            action.setText(QCoreApplication.translate("PlotPanel", label))

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

    # -- commands ----------------------------------------------------------------------------
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
                self.statusBar().showMessage(translate("MainWindow", "Kept for this session only: %1").replace(
                    "%1", "; ".join(problems)), 10000)

    def open_scan_dialog(self, key: str | None = None, addresses: tuple[int, int] | None = None,
                         start: bool = False) -> ScanDialog | None:
        key = key or self.selected_link()
        if key is None or key not in self.manager.keys():
            self.statusBar().showMessage(translate("MainWindow", "Connect to a serial link first."), 5000)
            return None
        if not self.manager.can_scan(key):
            self.statusBar().showMessage(translate("MainWindow", "A bus scan applies to serial links; behind Modbus "
                                                   "TCP give the unit ids when connecting."), 8000)
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
        message = self._counted_texts(len(result.found))["found"].replace("%1", self.link_label(key))
        if result.conflicts:
            message += "; " + self._counted_texts(len(result.conflicts))["conflicts"]
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
        self.statusBar().showMessage(translate("MainWindow", "Disconnected: %1").replace("%1", label), 5000)

    def _export_name(self, suffix: str) -> str:
        key, address = self._selected
        stamp = time.strftime("%Y%m%d-%H%M%S")
        return str(Path.home() / f"bps-unit{address}-{stamp}.{suffix}")

    def export_csv(self) -> None:
        if self._selected[1] is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, translate("MainWindow", "Export the plotted data"),
                                              self._export_name("csv"), translate("MainWindow", "CSV files (*.csv)"))
        if not path:
            return
        try:
            rows = self.plots.export_csv(path)
        except OSError as exc:
            self.statusBar().showMessage(translate("MainWindow", "Could not write %1: %2").replace("%1", path).replace(
                "%2", exc.strerror or str(exc)), 10000)
            return
        self.statusBar().showMessage(self._counted_texts(rows)["rows"].replace("%1", path), 8000)

    def export_png(self) -> None:
        if self._selected[1] is None:
            return
        png, svg = translate("MainWindow", "PNG images (*.png)"), translate("MainWindow", "SVG images (*.svg)")
        path, chosen = QFileDialog.getSaveFileName(self, translate("MainWindow", "Export the plots as an image"),
                                                   self._export_name("png"), f"{png};;{svg}")
        if not path:
            return
        if not path.lower().endswith((".png", ".svg")):
            path += ".svg" if chosen == svg else ".png"
        s = settings()
        width, ok = QInputDialog.getInt(
            self, translate("MainWindow", "Export the plots as an image"),
            translate("MainWindow", "Width in pixels (the height keeps the plots' proportions):"),
            int(s.value("plots/export_width", EXPORT_WIDTH)), *EXPORT_WIDTHS, 100)
        if not ok:
            return
        s.setValue("plots/export_width", width)
        if self.plots.export_image(path, width):
            self.statusBar().showMessage(translate("MainWindow", "Plots saved to %1").replace("%1", path), 8000)
        else:
            self.statusBar().showMessage(translate("MainWindow", "Could not write %1").replace("%1", path), 10000)

    def set_language(self, code: str) -> None:
        if self.translations is not None:
            self.translations.set_language(code, remember=True)
        self.act_languages[code].setChecked(True)

    def show_about(self) -> AboutDialog:
        """Help > About: versions, third-party components and their licences (ui/about_dialog.py)."""
        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_provision_wizard(self) -> ProvisionWizard:
        """Units > Set up new masters…: one non-modal wizard on the window's network worker."""
        wizard = self.provision_wizard
        if wizard is None:
            wizard = ProvisionWizard(self.manager, self, audit=getattr(self, "audit", None))
            wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            wizard.destroyed.connect(lambda *_: setattr(self, "provision_wizard", None))
            wizard.provisioned.connect(self.follow_provisioned)
            self.provision_wizard = wizard
            simulated = next((sim for sim in getattr(self, "simulations", ())
                              if getattr(sim, "telnet_server", None) is not None and sim.telnet is not None), None)
            if simulated is not None:
                wizard.use_simulated_master(simulated.telnet.host, simulated.telnet.port)
        wizard.show()
        wizard.raise_()
        wizard.activateWindow()
        return wizard

    def log_folder(self) -> Path:
        """The folder of the log file in use (the default one before the log is set up)."""
        current = log_path()
        return current.parent if current is not None else log_dir()

    def open_log_folder(self) -> bool:
        folder = self.log_folder()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
        opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        if not opened:
            self.statusBar().showMessage(translate("MainWindow", "Could not open %1").replace("%1", str(folder)),
                                         10000)
        return opened

    # -- recent connections ------------------------------------------------------------------
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
            action = self.menu_recent.addAction(translate("MainWindow", "(none yet)"))
            action.setEnabled(False)
        for i, request in enumerate(requests):
            action = self.menu_recent.addAction(f"&{i + 1} {request.label()}")
            action.triggered.connect(lambda _=False, r=request: self.connect_request(r))
