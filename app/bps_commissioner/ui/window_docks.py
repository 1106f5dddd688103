"""The main window's docks and the tools added to the unit view.

A mixin of :class:`~bps_commissioner.ui.main_window.MainWindow`: the Thresholds tab, the
audit log dock, the profile and firmware actions (menu Units, the chain tree's context
menu); the commissioning dock with File > Hand over to monitoring (the ``handover``
command's files from the open plan) and Help > Save a support bundle (services/support.py);
a networked master's Telnet tab and security findings. Its strings keep the context
"MainWindow".
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QFrame, QMenu, QScrollArea, QWidget

from bps_commissioner.device.plan import PlanError
from bps_commissioner.services import support
from bps_commissioner.services.audit import AuditLog
from bps_commissioner.services.commission import load_profiles
from bps_commissioner.services.endpoints import SerialEndpoint
from bps_commissioner.services.handover import HandoverError, handover_files, write_files
from bps_commissioner.ui.commission_panel import CommissionPanel
from bps_commissioner.ui.firmware_panel import FirmwarePanel
from bps_commissioner.ui.network import NetworkSession
from bps_commissioner.ui.profile_dialog import ProfileDialog
from bps_commissioner.ui.security_view import SecurityStrip
from bps_commissioner.ui.settings import settings
from bps_commissioner.ui.telnet_panel import TelnetPanel
from bps_commissioner.ui.telnet_panel import tab_title as telnet_tab_title
from bps_commissioner.ui.threshold_editor import AuditLogView
from bps_commissioner.ui.thresholds_tab import ThresholdsTab

translate = QCoreApplication.translate  # the name pyside6-lupdate recognizes

COMMISSION_WIDTH = 560  # the commissioning dock's width beside the chain tree, when there is room


def scrolling(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area: a dock's content scrolls rather than force its
    minimum size on the window (which then left a 1366x768 screen)."""
    area = QScrollArea()
    area.setObjectName(f"{widget.objectName() or 'dock'}Scroll")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area


class WindowDocks:
    """The docks and unit tools of the main window (a mixin)."""

    # -- thresholds, profiles, audit log, firmware -------------------------------------------
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
        self.audit_dock.setWidget(scrolling(self.audit_view))
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
        self.menu_units.addSeparator()
        self.menu_units.addAction(self.act_provision)
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
        self.menu_units.setTitle(translate("MainWindow", "&Units"))
        self.audit_dock.setWindowTitle(translate("MainWindow", "Audit log"))
        texts = {
            self.act_thresholds: (translate("MainWindow", "Alarm t&hresholds"),
                                  translate("MainWindow", "Edit the selected unit's alarm thresholds")),
            self.act_profile: (translate("MainWindow", "Apply a &profile to the selected units…"),
                               translate("MainWindow", "Write a threshold profile (a JSON file) to the units "
                                                       "selected in the chain tree")),
            self.act_audit: (translate("MainWindow", "Audit &log"),
                             translate("MainWindow", "Show or hide the record of every threshold write")),
            self.act_firmware: (translate("MainWindow", "&Firmware update…"),
                                translate("MainWindow", "Flash firmware to networked masters over TFTP, with a "
                                                        "pre-flight checklist and a threshold backup")),
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
            self.statusBar().showMessage(translate("MainWindow", "Select one or more units in the chain tree first."),
                                         8000)
            return None
        chosen = [(k, a) for k, a in chosen if self.thresholds_tab.writes_thresholds(k)]
        if not chosen:
            self.statusBar().showMessage(translate("MainWindow", "Threshold profiles are written over Modbus: select "
                                                   "units of a serial or Modbus TCP link."), 8000)
            return None
        if self.profile_dialog is not None and self.profile_dialog.is_writing:
            self.profile_dialog.raise_()
            self.profile_dialog.activateWindow()
            return self.profile_dialog
        keys = list(dict.fromkeys(k for k, _ in chosen))
        key = self._selected[0] if self._selected[0] in keys else keys[0]
        addresses = [a for k, a in chosen if k == key]
        if len(keys) > 1:
            self.statusBar().showMessage(translate("MainWindow", "A profile goes to the units of one link at a time: "
                                                   "the units of %1 are ticked.").replace("%1", self.link_label(key)),
                                         10000)
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
            self.firmware_panel = FirmwarePanel(self.manager, self, audit=self.audit, link_ports=self._link_ports)
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

    def _link_ports(self, key: str) -> tuple[int | None, int | None]:
        """A link's (Telnet, TFTP) ports: the Telnet target it was connected with, the open
        plan's link of that key; None each where neither says."""
        telnet = self.network.target(key)
        plan = getattr(getattr(self, "commission_panel", None), "plan", None)
        spec = next((link for link in (plan.links if plan is not None else ()) if link.key == key), None)
        return (telnet.port if telnet is not None else spec.telnet_port if spec is not None else None,
                spec.tftp_port if spec is not None else None)

    def _firmware_finished(self, results: Any) -> None:
        self.audit_view.refresh()  # a restore of thresholds is recorded there
        ok = sum(1 for r in results if r.ok)
        self.statusBar().showMessage(translate("MainWindow", "Firmware update finished: %1 done, %2 failed").replace(
            "%1", str(ok)).replace("%2", str(len(results) - ok)), 10000)

    # -- commissioning -----------------------------------------------------------------------
    def _add_commissioning(self) -> None:
        """The commissioning panel: a dock on the right (View > Commissioning, Ctrl+K; File >
        Open a commissioning plan, Ctrl+Shift+O). Its plan's links run on this window's link
        workers; its marks (planned, missing, unexpected) show in the chain tree."""
        self.commission_panel = CommissionPanel(self.manager, connect_link=lambda endpoint: self.connect_link(endpoint),
                                                chain=self._chain_readings, audit=self.audit)
        self.commission_dock = QDockWidget()
        self.commission_dock.setObjectName("commissionDock")
        self.commission_dock.setWidget(scrolling(self.commission_panel))
        self.commission_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.commission_dock)
        self.commission_dock.hide()
        self.act_commission = self.commission_dock.toggleViewAction()
        self.act_commission.setObjectName("actCommission")
        self.act_commission.setShortcut(QKeySequence("Ctrl+K"))
        self.act_commission.triggered.connect(lambda on: on and self.commission_dock.raise_())
        self.commission_dock.visibilityChanged.connect(lambda visible: visible and self._fit_commissioning())
        self.act_open_plan = self._action("actOpenPlan", None, "Ctrl+Shift+O", self.open_plan)
        file_actions = self.menu_file.actions()
        self.menu_file.insertAction(file_actions[file_actions.index(self.act_disconnect) + 1], self.act_open_plan)
        view_actions = self.menu_view.actions()
        self.menu_view.insertAction(view_actions[view_actions.index(self.act_diagnostics) + 1], self.act_commission)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.act_commission)
        self.commission_panel.chainMarks.connect(self._apply_plan_marks)
        self.commission_panel.resultReady.connect(self._commission_finished)
        self._add_handover_and_support()

    def _add_handover_and_support(self) -> None:
        """File > Hand over to monitoring (after Open a commissioning plan) and Help > Save a
        support bundle (after Open the log folder)."""
        self.act_handover = self._action("actHandover", None, None, lambda: self.hand_over())
        file_actions = self.menu_file.actions()
        self.menu_file.insertAction(file_actions[file_actions.index(self.act_open_plan) + 1], self.act_handover)
        self.act_support_bundle = self._action("actSupportBundle", None, None, lambda: self.save_support_bundle())
        help_actions = self.menu_help.actions()
        after = help_actions.index(self.act_log_folder) + 1 if self.act_log_folder in help_actions else 0
        if after < len(help_actions):
            self.menu_help.insertAction(help_actions[after], self.act_support_bundle)
        else:
            self.menu_help.addAction(self.act_support_bundle)

    def hand_over(self, folder: str | None = None) -> bool:
        """Write the ``handover`` command's files for the panel's plan into ``folder`` (asked
        for when None). The outcome, or why the plan is refused, shows in the panel."""
        panel = self.show_commissioning()
        if panel.plan is None:
            panel.say(translate("MainWindow", "Open a commissioning plan first: the hand-over is written from it."),
                      error=True)
            return False
        plan = panel.current_plan()
        try:
            files = handover_files(plan, load_profiles(plan))
        except (PlanError, HandoverError) as exc:
            panel.say(translate("MainWindow", "The plan was refused for the hand-over to monitoring: %1").replace(
                "%1", str(exc)), error=True)
            return False
        if folder is None:
            folder = QFileDialog.getExistingDirectory(
                self, translate("MainWindow", "Hand over to monitoring: choose a folder for the files"),
                str(Path(panel.path).parent) if panel.path else "")
            if not folder:
                return False
        try:
            written = write_files(folder, files)
        except OSError as exc:
            panel.say(translate("MainWindow", "Could not write %1: %2").replace("%1", folder).replace(
                "%2", exc.strerror or str(exc)), error=True)
            return False
        panel.say(translate("MainWindow", "Monitoring configuration written: %1 files in %2. Fill in the "
                                          "placeholders (FILL-IN-…) before use: see README.md there.").replace(
            "%1", str(len(written))).replace("%2", folder))
        return True

    def save_support_bundle(self, path: str | None = None) -> bool:
        """Help > Save a support bundle: the logs, the audit log, versions and settings in a
        zip, with no secret (services/support.py); asks where when ``path`` is None."""
        if path is None:
            name = Path.home() / f"bps-support-{time.strftime('%Y%m%d-%H%M%S')}.zip"
            path, _ = QFileDialog.getSaveFileName(self, translate("MainWindow", "Save a support bundle"), str(name),
                                                  translate("MainWindow", "Zip archives (*.zip)"))
            if not path:
                return False
        if not path.lower().endswith(".zip"):
            path += ".zip"
        store = settings()
        store.sync()
        try:
            support.write_bundle(path, settings=support.settings_items(store), settings_file=store.fileName())
        except OSError as exc:
            self.statusBar().showMessage(translate("MainWindow", "Could not write %1: %2").replace("%1", path).replace(
                "%2", exc.strerror or str(exc)), 10000)
            return False
        self.statusBar().showMessage(translate(
            "MainWindow", "Support bundle saved to %1: send it with a description of the problem.").replace(
            "%1", path), 15000)
        return True

    def _fit_commissioning(self) -> None:
        """Beside the chain tree and the unit view when the window has room for the three;
        otherwise stacked as a tab with the chain tree, never wider than the screen."""
        if self.commission_dock.isFloating() or self.tabifiedDockWidgets(self.commission_dock):
            return
        beside = self.width() - self.tree.minimumWidth() - self.unit_view.minimumSizeHint().width() - 24
        if beside < 320:
            self.tabifyDockWidget(self.chain_dock, self.commission_dock)
            self.commission_dock.raise_()
            return
        self.resizeDocks([self.commission_dock], [min(COMMISSION_WIDTH, beside)], Qt.Orientation.Horizontal)

    def show_commissioning(self) -> CommissionPanel:
        self.commission_dock.show()
        self.commission_dock.raise_()
        return self.commission_panel

    def open_plan(self) -> None:
        self.show_commissioning().open_plan_dialog()

    def _chain_readings(self) -> list[tuple[Any, list[Any], Any]]:
        """What the chain tree shows, for a new plan: each link (serial, Modbus TCP, SNMP
        master), its units' readings and the Telnet target it is reached with (or None)."""
        from bps_commissioner.services.endpoints import SnmpEndpoint, TcpEndpoint

        out = []
        for link in self.model.links():
            if link.key not in self.manager.keys() or not isinstance(
                    link.endpoint, (SerialEndpoint, TcpEndpoint, SnmpEndpoint)):
                continue
            out.append((link.endpoint, [u.reading for u in self.model.units(link.key) if u.reading is not None],
                        self.network.target(link.key)))
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
            text = translate("MainWindow", "Commissioning: every planned unit passes.")
        else:
            text = translate("MainWindow", "Commissioning: not passed; see the Commissioning panel.")
        self.statusBar().showMessage(text, 15000)
        self.audit_view.refresh()

    def _retranslate_commissioning(self) -> None:
        self.commission_dock.setWindowTitle(translate("MainWindow", "Commissioning"))
        self.act_commission.setText(translate("MainWindow", "C&ommissioning"))
        self.act_commission.setIconText(translate("MainWindow", "Commission"))
        tip = translate("MainWindow", "Show or hide the commissioning panel: a plan, the checks against it, the "
                                      "report (Ctrl+K)")
        self.act_commission.setToolTip(tip)
        self.act_commission.setStatusTip(tip)
        self.act_open_plan.setText(translate("MainWindow", "Open a commissioning &plan…"))
        tip = translate("MainWindow", "Open a plan of what should be in the rack, to check the chain against it")
        self.act_open_plan.setToolTip(tip)
        self.act_open_plan.setStatusTip(tip)
        self.act_handover.setText(translate("MainWindow", "&Hand over to monitoring…"))
        tip = translate("MainWindow", "Write Prometheus and Zabbix configuration for the open plan's SNMP masters, "
                                      "for the operations team")
        self.act_handover.setToolTip(tip)
        self.act_handover.setStatusTip(tip)
        self.act_support_bundle.setText(translate("MainWindow", "Save a &support bundle…"))
        tip = translate("MainWindow", "Save the logs, the audit log, the versions and the settings in one zip for "
                                      "a support call (no password or key in it)")
        self.act_support_bundle.setToolTip(tip)
        self.act_support_bundle.setStatusTip(tip)

    # -- networked masters: Telnet tab, security findings ------------------------------------
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
