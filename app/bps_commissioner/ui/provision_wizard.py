"""Units > Set up new masters…: a new master's network, SNMP, clock and password over Telnet,
one master after another (issue 16).

The masters come from a plan (its units with a ``network`` block, each at its factory
address unless the plan gives a host) or are typed in. For each: the laptop's subnet is
checked (services/provision.py ``laptop_subnet_gap``); Connect runs ``show_job`` and shows
the unit's settings beside the planned ones, the changed rows marked; Apply runs
``provision_job`` (restart, wait at the new address, verify there; no second confirmation:
the page showed the changes) with its steps, a countdown and Cancel. A fault shows its
translated headline, the English message and, one click away, the raw Telnet dialogue. A
plan's master that already answers at its planned address can be skipped. Both jobs run on
the link manager's network worker and write the audit log themselves. Passwords stay in
their fields (ui/provision_form.py) and go to the jobs as ``Secret``s only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog, QFileDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPlainTextEdit, QProgressBar,
    QPushButton, QScrollArea, QSplitter, QVBoxLayout, QWidget,
)

from bps_commissioner.device import provisioning as pv
from bps_commissioner.device.faults import Fault, FaultKind, Progress
from bps_commissioner.device.plan import PlanError
from bps_commissioner.device.ports import HTTP_PORT
from bps_commissioner.services import credentials
from bps_commissioner.services.audit import AuditLog
from bps_commissioner.services.commission import load_plan_file
from bps_commissioner.services.jobs import JobResult
from bps_commissioner.services.secrets import TELNET_PASSWORD
from bps_commissioner.services.manager import NETWORK_KEY, LinkManager
from bps_commissioner.services.provision import (
    ProvisionRequest, ProvisionResult, ProvisionTarget, answering_at, laptop_subnet_gap, provision_job, show_job,
)
from bps_commissioner.ui.errors import describe_link_error
from bps_commissioner.ui.provision_form import Master, MasterForm, SettingsTable, masters_of_plan, planned_texts
from bps_commissioner.ui.provision_form import setting_label
from bps_commissioner.ui.screen import fit_size
from bps_commissioner.ui.settings import settings

PLAN_FOLDER_KEY = "provision/plan_folder"
WARN_STYLE = "color: #8a5a00;"
ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b6e20;"


class ProvisionWizard(QDialog):
    """Set up new masters, one after another. ``audit``: the log the jobs write (default the
    user's); ``restart_timeout``: how long the job waits for a restarted unit."""

    #: a master was verified at its new address: (the address it answered at, the Telnet
    #: account, the ProvisionResult); the window moves its links to it (ui/window_actions.py)
    provisioned = Signal(str, str, object)

    def __init__(self, manager: LinkManager, parent: QWidget | None = None, *, audit: AuditLog | None = None,
                 restart_timeout: float = 120.0):
        super().__init__(parent)
        self.setObjectName("provisionWizard")
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.manager = manager
        self.audit = audit if audit is not None else AuditLog()
        self.restart_timeout = restart_timeout
        self.masters: list[Master] = []
        self.current: int | None = None  # the index of the plan's master in the form
        self.plan_path = ""
        self.shown: dict[str, Any] | None = None  # show_job's answer
        self.connected_to: tuple[str, int] | None = None
        self._pending_target: tuple[str, int] | None = None
        self.result: ProvisionResult | None = None
        self.fault: Fault | None = None
        self.transcript = ""  # the raw Telnet dialogue of the last step (passwords hidden)
        self._simulated: str | None = None  # "host:port" of the window's built-in master
        self._applying: tuple[str, str, Any] | None = None  # (host, account, password) of the apply running
        self.answering: bool = False  # the current plan master answers at its planned address
        self._job: tuple[int, str] | None = None  # (job id, "show" | "apply" | "check")
        self._status = ""
        self._message: tuple[str, str] = ("", "")  # (text, style) of the outcome
        self._build()
        manager.jobProgress.connect(self._on_progress)
        manager.jobFinished.connect(self._on_finished)
        self.retranslate()
        fit_size(self, 1180, 690)

    # -- construction ------------------------------------------------------------------
    def _build(self) -> None:
        self.load_button = QPushButton()
        self.load_button.setObjectName("provisionLoadPlan")
        self.load_button.clicked.connect(self.browse_plan)
        self.plan_label = QLabel()
        self.plan_label.setWordWrap(True)
        self.master_list = QListWidget()
        self.master_list.setObjectName("provisionMasters")
        self.master_list.setMaximumHeight(110)
        self.master_list.currentRowChanged.connect(self._on_master_chosen)
        self.form = MasterForm()
        self.form.changed.connect(self._on_form_changed)
        self.form.host.editingFinished.connect(self._update_advice)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.load_button)
        top.addWidget(self.plan_label, 1)
        lv.addLayout(top)
        lv.addWidget(self.master_list)
        lv.addWidget(scroll, 1)

        self.guide = QLabel()
        self.guide.setObjectName("provisionGuide")
        self.guide.setWordWrap(True)
        self.advice = QLabel()
        self.advice.setObjectName("provisionAdvice")
        self.advice.setWordWrap(True)
        self.advice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.advice.setStyleSheet(WARN_STYLE)
        self.advice.hide()
        self.table = SettingsTable()
        self.progress = QProgressBar()
        self.progress.setObjectName("provisionProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("provisionStatus")
        self.status.setWordWrap(True)
        self.outcome = QLabel()
        self.outcome.setObjectName("provisionOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dialogue_button = QPushButton()
        self.dialogue_button.setObjectName("provisionShowDialogue")
        self.dialogue_button.setCheckable(True)
        self.dialogue_button.toggled.connect(lambda on: self.dialogue.setVisible(on))
        self.dialogue_button.hide()
        self.dialogue = QPlainTextEdit()
        self.dialogue.setObjectName("provisionDialogue")
        self.dialogue.setReadOnly(True)
        self.dialogue.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.dialogue.hide()
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        for widget in (self.guide, self.advice):
            rv.addWidget(widget)
        rv.addWidget(self.table, 3)
        rv.addWidget(self.progress)
        rv.addWidget(self.status)
        rv.addWidget(self.outcome)
        rv.addWidget(self.dialogue_button, 0, Qt.AlignmentFlag.AlignLeft)
        rv.addWidget(self.dialogue, 2)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([430, 720])

        self.connect_button = self._button("provisionConnect", self.connect_unit)
        self.apply_button = self._button("provisionApply", self.apply)
        self.cancel_button = self._button("provisionCancel", self.cancel)
        self.skip_button = self._button("provisionSkip", self.skip)
        self.next_button = self._button("provisionNext", self.next_master)
        self.close_button = self._button("provisionClose", self.close)
        buttons = QHBoxLayout()
        for button in (self.connect_button, self.apply_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.skip_button, self.next_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    def _button(self, name: str, slot: Any) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda *_: slot())
        return button

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Set up new masters"))
        self.load_button.setText(self.tr("Load &plan…"))
        self.connect_button.setText(self.tr("C&onnect"))
        self.apply_button.setText(self.tr("&Apply"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.skip_button.setText(self.tr("S&kip"))
        self.next_button.setText(self.tr("&Next master"))
        self.close_button.setText(self.tr("Close"))
        self.dialogue_button.setText(self.tr("Show the Telnet dialogue"))
        self.form.retranslate()
        self.table.retranslate()
        self._render_plan()
        self._render_guide()
        self._update_advice()
        self._render_outcome()
        self._update_state()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- the plan and the masters --------------------------------------------------------
    def browse_plan(self) -> None:
        folder = settings().value(PLAN_FOLDER_KEY)
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a commissioning plan"),
                                              folder if isinstance(folder, str) else "",
                                              self.tr("Plans (*.json);;All files (*)"))
        if path:
            self.load_plan(path)

    def load_plan(self, path: str) -> bool:
        """Take the plan's masters (its units with a network block); False when it cannot be read."""
        try:
            plan = load_plan_file(path)
        except PlanError as exc:
            self._set_message(self.tr("The plan cannot be used: %1").replace("%1", str(exc)), ERROR_STYLE)
            return False
        settings().setValue(PLAN_FOLDER_KEY, str(Path(path).resolve().parent))
        self.plan_path = path
        self.masters = masters_of_plan(plan)
        self._render_plan()
        if self.masters:
            self.master_list.setCurrentRow(0)
        else:
            self._set_message(self.tr("The plan has no master with a network block."), WARN_STYLE)
        return True

    def _render_plan(self) -> None:
        if not self.plan_path:
            self.plan_label.setText(self.tr("No plan: type the master's settings in."))
        else:
            self.plan_label.setText(self.tr("%1 – masters to set up: %2").replace(
                "%1", Path(self.plan_path).name).replace("%2", str(len(self.masters))))
        self.master_list.blockSignals(True)
        row = self.master_list.currentRow()
        self.master_list.clear()
        for master in self.masters:
            QListWidgetItem(self._master_line(master), self.master_list)
        self.master_list.setCurrentRow(row if row < len(self.masters) else -1)
        self.master_list.blockSignals(False)
        self.master_list.setVisible(bool(self.masters))

    def _master_line(self, m: Master) -> str:
        line = self.tr("%1: %2 → %3").replace("%1", m.name).replace("%2", m.host).replace(
            "%3", m.planned_address or "?")
        if m.status == "verified":
            line += "  " + self.tr("✓ verified at %1").replace("%1", m.final_host)
        elif m.status == "skipped":
            line += "  " + self.tr("skipped: already answers at %1").replace("%1", m.planned_address)
        return line

    @Slot(int)
    def _on_master_chosen(self, row: int) -> None:
        if row < 0 or row >= len(self.masters) or self.running:
            return
        self.current = row
        master = self.masters[row]
        self.form.fill(master)
        self._forget_unit()
        self._render_guide()
        self._update_advice()
        if master.planned_address and master.status == "":
            target = ProvisionTarget(master.planned_address, master.telnet_port)
            self._submit("check", lambda ctx: answering_at(target.host, target))

    def next_master(self) -> None:
        start = 0 if self.current is None else self.current + 1
        for row in list(range(start, len(self.masters))) + list(range(0, start)):
            if self.masters[row].status == "":
                self.master_list.setCurrentRow(row)
                return
        self._set_message(self.tr("Every master of the plan is done."), OK_STYLE)

    def skip(self) -> None:
        if self.current is None or not self.answering:
            return
        self.masters[self.current].status = "skipped"
        self._render_plan()
        self.next_master()

    def _render_guide(self) -> None:
        master = self.masters[self.current] if self.current is not None and self.masters else None
        if master is None:
            text = self.tr("Cable the master to this laptop, fill in where it answers and what it should become, "
                           "then press Connect.")
        elif master.host == pv.FACTORY_ADDRESS:
            text = self.tr("Connect %1 at its factory address %2, then press Connect.").replace(
                "%1", master.name).replace("%2", master.host)
        else:
            text = self.tr("Connect %1 (it answers at %2), then press Connect.").replace(
                "%1", master.name).replace("%2", master.host)
        if master is None and self._simulated is not None:
            text += " " + self.tr("The built-in simulator's master answers at %1; it moves only to a 127.x.x.x "
                                  "address (e.g. 127.0.0.21), any other address is stored but not taken "
                                  "(this computer cannot answer there).").replace("%1", self._simulated)
        if master is not None and self.answering:
            text += " " + self.tr("It already answers at its planned address %1: press Skip to leave it as it "
                                  "is.").replace("%1", master.planned_address)
        self.guide.setText(text)

    def use_simulated_master(self, host: str, port: int) -> None:
        """Point the form at the window's built-in simulated master (when no plan is loaded)."""
        self._simulated = f"{host}:{port}"
        if not self.masters:
            self.form.host.setText(host)
            self.form.telnet_port.setValue(port)
        self._render_guide()

    def _update_advice(self) -> None:
        target = self.form.target_host()
        gap = laptop_subnet_gap(target[0]) if target is not None else None
        self.advice.setText(self.tr("This laptop has no address in the master's subnet %1. Add one, then press "
                                    "Connect:\nWindows (as administrator): %2\nLinux: %3\n(use the name of the "
                                    "network adapter the master is cabled to)").replace("%1", gap.network).replace(
            "%2", gap.windows).replace("%3", gap.linux) if gap is not None else "")
        self.advice.setVisible(gap is not None)

    # -- connect and apply ---------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._job is not None and self._job[1] != "check"

    def _target(self, http_port: int = HTTP_PORT) -> ProvisionTarget | None:
        where = self.form.target_host()
        if where is None:
            return None
        return ProvisionTarget(where[0], where[1], self.form.user.text().strip() or "admin", http_port=http_port)

    def connect_unit(self) -> None:
        target = self._target()
        if target is None or self.running:
            self._set_message(self.tr("Type the address the master answers at now."), ERROR_STYLE)
            return
        self._update_advice()
        password, _ = self.form.secrets()
        self._forget_unit()
        self.connected_to = None
        self._pending_target = (target.host, target.telnet_port)
        self._submit("show", show_job(target, password))

    def apply(self) -> None:
        if self.running or self.shown is None or self.connected_to != self.form.target_host():
            return
        wanted, problems = self.form.wanted()
        if problems:
            self._set_message(self.tr("Refused, nothing was sent:") + "\n• " + "\n• ".join(problems), ERROR_STYLE)
            return
        target = self._target(int(wanted.values.get("http.port", HTTP_PORT)))
        assert target is not None
        password, new_password = self.form.secrets()
        request = ProvisionRequest(wanted, password, new_password, restart=True,
                                   restart_timeout=self.restart_timeout)
        self._applying = (target.host, target.user, new_password or password)
        self.result = None
        self._submit("apply", provision_job(target, request, audit=self.audit, confirm=None))

    def cancel(self) -> None:
        if self._job is not None:
            self.manager.cancel(NETWORK_KEY, self._job[0])
            self.status.setText(self.tr("Cancelling…"))

    def _submit(self, kind: str, job: Any) -> None:
        if kind != "check":
            self.fault = None
            self.transcript = ""
            self._set_message("", "")
            self.progress.setRange(0, 0)
            self.progress.show()
            self.status.setText(self.tr("Starting…"))
        self._job = (self.manager.submit_network(job), kind)
        self._update_state()

    def _forget_unit(self) -> None:
        self.shown = None
        self.result = None
        self.fault = None
        self.transcript = ""
        self.answering = False
        self._set_message("", "")
        self.status.setText("")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.hide()
        self._refresh_table()

    # -- the job's progress and end ------------------------------------------------------
    @Slot(str, int, object)
    def _on_progress(self, key: str, job_id: int, progress: Progress) -> None:
        if key != NETWORK_KEY or self._job is None or job_id != self._job[0] or self._job[1] == "check":
            return
        if progress.total > 0:
            self.progress.setRange(0, progress.total)
            self.progress.setValue(progress.done)
        host = str(progress.get("host", ""))
        texts = {
            "login": self.tr("Logging in to %1…").replace("%1", host),
            "read": self.tr("Reading the unit's settings (menus 2–7)…"),
            "probe": self.tr("Checking that nothing answers at the new address…"),
            "apply": self.tr("Setting %1…").replace("%1", setting_label(str(progress.get("setting", "")))),
            "restart": self.tr("Restarting the unit…"),
            "wait": self.tr("Waiting for the unit at %1: %2 s left").replace("%1", host).replace(
                "%2", str(progress.get("left", ""))),
            "verify": self.tr("Logging in again to verify…"),
        }
        self.status.setText(texts.get(progress.step, ""))

    @Slot(str, object)
    def _on_finished(self, key: str, result: JobResult) -> None:
        if key != NETWORK_KEY or self._job is None or result.job_id != self._job[0]:
            return
        kind = self._job[1]
        self._job = None
        if kind == "check":
            self.answering = bool(result.ok and result.value)
            self._render_guide()
        else:
            self.progress.setRange(0, 1)
            self.progress.setValue(1 if result.ok else 0)
            self.progress.setVisible(kind == "apply")
            self.status.setText("")
            if not result.ok:
                self._show_fault(result.fault)
            elif kind == "show":
                self._show_unit(result.value)
            else:
                self._show_result(result.value)
        self._update_state()

    def _show_unit(self, doc: dict[str, Any]) -> None:
        self.transcript = doc.get("dialogue", "")
        self.shown = doc
        self.connected_to = self._pending_target
        self._refresh_table()
        lines = [self.tr("Connected to %1 as %2. The marked rows change when you press Apply; the unit then "
                         "restarts and is verified at its new address.").replace("%1", doc["host"]).replace(
            "%2", doc.get("user") or "?")]
        if doc.get("factory_login"):
            lines.append(self.tr("It still has the factory password: give it a new one."))
        if doc.get("clock_skew_s") is not None:
            lines.append(self.tr("Its clock is %1 s off this laptop's.").replace("%1", f"{doc['clock_skew_s']:+.0f}"))
        lines += [self.warning(code, data) for code, data in doc.get("warning_items", [])]
        self._set_message("\n".join(lines), "")

    def warning(self, code: str, data: dict[str, Any]) -> str:
        """A set-up warning (device/provisioning.py warning_items) in the window's language."""
        text = {
            pv.FACTORY_READ: self.tr("the SNMP read community is still the factory 'public'"),
            pv.FACTORY_WRITE: self.tr("the SNMP write community is still the factory 'private'"),
            pv.CLEARTEXT_TRAPS: self.tr("SNMP v1/v2c traps to %1 travel in cleartext, community included").replace(
                "%1", str(data.get("address", ""))),
            pv.SHORT: self.tr("the new password has %1 characters; %2 or more are advised").replace(
                "%1", str(data.get("length", ""))).replace("%2", str(data.get("advised", ""))),
            pv.NEW_SUBNET: self.tr("after its restart the master answers at %1, in %2, where this laptop has no "
                                   "address; add one to follow it (Windows: %3; Linux: %4)").replace(
                "%1", str(data.get("address", ""))).replace("%2", str(data.get("network", ""))).replace(
                "%3", str(data.get("windows", ""))).replace("%4", str(data.get("linux", ""))),
            pv.NOT_PROBED: self.tr("whether anything else has %1 could not be checked from this laptop (it has no "
                                   "address in that subnet): make sure the address is free").replace(
                "%1", str(data.get("address", ""))),
        }.get(code, pv.warning_text(code, data))
        return self.tr("Warning: %1").replace("%1", text)

    def _show_result(self, result: ProvisionResult) -> None:
        self.transcript = result.dialogue
        self.result = result
        if self._simulated is not None and result.restarted:  # the built-in master moved
            self._simulated = f"{result.final_host}:{self._simulated.rpartition(':')[2]}"
        master = self.masters[self.current] if self.current is not None and self.masters else None
        if result.nothing_to_do:
            lines = [self.tr("✓ Nothing to change: every setting already has the planned value.")]
        else:
            lines = [self.tr("✓ Verified at %1: every setting reads back as planned.").replace(
                "%1", result.final_host)]
        if result.password_changed:
            lines.append(self.tr("The password was changed and saved in the system keyring as %1.").replace(
                "%1", result.password_keyring) if result.password_keyring else
                self.tr("The password was changed; no system keyring is available here: keep it safe yourself."))
        lines += result.notes + [self.warning(code, data) for code, data in result.warning_items]
        if self._applying is not None and result.verified:
            old_host, user, password = self._applying
            # the window's session knows the master's password at its new address (never on disk)
            credentials.remember(TELNET_PASSWORD, user, result.final_host, password)
            self.provisioned.emit(old_host, user, result)
        self._applying = None
        self.form.clear_passwords()
        if master is not None:
            master.status, master.final_host = "verified", result.final_host
            self._render_plan()
            following = next((m for m in self.masters if m.status == ""), None)
            if following is not None:
                lines.append(self.tr("Next: connect %1 at %2 and press Next master.").replace(
                    "%1", following.name).replace("%2", following.host))
            else:
                lines.append(self.tr("Every master of the plan is done."))
        self.shown = {**(self.shown or {}), "settings": dict(result.after), "host": result.final_host}
        self._refresh_table()
        self._set_message("\n".join(lines), OK_STYLE)

    def _show_fault(self, fault: Fault | None) -> None:
        fault = fault or Fault(FaultKind.INTERNAL, "no result")
        self._applying = None
        if fault.kind is FaultKind.CANCELLED:
            self._set_message(self.tr("Cancelled. The audit log lists anything that was changed."), WARN_STYLE)
            return
        self.fault = fault
        self._set_message(f"<b>{_escape(self.headline(fault))}</b><br>{_escape(fault.message)}", ERROR_STYLE)

    def headline(self, fault: Fault) -> str:
        """The translated headline of a set-up's fault (network kinds as ui/errors.py names them)."""
        kind = fault.kind
        if kind in (FaultKind.REFUSED, FaultKind.HOST_UNKNOWN):
            return describe_link_error(fault).title
        titles = {
            FaultKind.AUTH_FAILED: self.tr("The master refused the Telnet login: check the account and password"),
            FaultKind.TIMEOUT: self.tr("The master did not answer in time"),
            FaultKind.UNREACHABLE: self.tr("The master cannot be reached from this laptop"),
            FaultKind.CONNECTION_LOST: self.tr("The connection to the master was lost"),
            FaultKind.UNIT_REFUSED_VALUE: self.tr("The master did not take a value"),
            FaultKind.PROTOCOL: self.tr("The master's Telnet dialogue was not understood"),
            FaultKind.BAD_INPUT: self.tr("Refused by this tool"),
        }
        return titles.get(kind, self.tr("The set-up failed"))

    # -- the page ------------------------------------------------------------------------
    def _on_form_changed(self) -> None:
        self._refresh_table()
        self._update_state()

    def _refresh_table(self) -> None:
        wanted, problems = self.form.wanted()
        planned = planned_texts(None if problems else wanted, self.form.raw_values(),
                                bool(self.form.new_password.text()))
        self.table.show_settings((self.shown or {}).get("settings", {}), planned)

    def _set_message(self, text: str, style: str) -> None:
        self._message = (text, style)
        self._render_outcome()

    def _render_outcome(self) -> None:
        if self.fault is not None and self._message[1] == ERROR_STYLE:
            self._message = (f"<b>{_escape(self.headline(self.fault))}</b><br>{_escape(self.fault.message)}",
                             ERROR_STYLE)
        text, style = self._message
        self.outcome.setTextFormat(Qt.TextFormat.RichText if text.startswith("<b>") else Qt.TextFormat.PlainText)
        self.outcome.setText(text)
        self.outcome.setStyleSheet(style)
        detail = self.fault.detail if self.fault is not None else self.transcript
        self.dialogue.setPlainText(detail)
        self.dialogue_button.setVisible(bool(detail))
        if not detail:
            self.dialogue_button.setChecked(False)

    def _update_state(self) -> None:
        busy = self.running
        connected = self.shown is not None and self.connected_to == self.form.target_host()
        self.form.set_editable(not busy)
        self.load_button.setEnabled(not busy)
        self.master_list.setEnabled(not busy)
        self.connect_button.setEnabled(not busy and self.form.target_host() is not None)
        self.apply_button.setEnabled(not busy and connected and self.result is None)
        self.cancel_button.setEnabled(busy)
        self.skip_button.setEnabled(not busy and self.answering)
        self.next_button.setEnabled(not busy and any(m.status == "" for m in self.masters))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.cancel()
        self.form.clear_passwords()
        self.form.login_password.clear()
        super().closeEvent(event)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


__all__ = ["ProvisionWizard"]
