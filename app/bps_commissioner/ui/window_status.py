"""The main window's status bar: units by state, poll rate, bus efficiency.

A mixin of :class:`~bps_commissioner.ui.main_window.MainWindow`; the window feeds
``_poll_times``, ``_bus_totals`` and ``bus_meter`` from the manager's signals, and a timer
redraws the bar once a second. Its strings keep the context "MainWindow".
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QLabel

from bps_commissioner.device.assess import UnitState
from bps_commissioner.services.audit import AuditError, pending_units
from bps_commissioner.ui import format as fmt
from bps_commissioner.ui.style import warn_text_style

translate = QCoreApplication.translate  # the name pyside6-lupdate recognizes

RATE_WINDOW = 5.0  # seconds over which the poll rate is averaged
EFFICIENCY_WINDOW = 10.0  # seconds over which the share of answered requests is measured


class WindowStatus:
    """The status bar of the main window (a mixin)."""

    def _make_status_bar(self) -> None:
        self.status_units = QLabel()
        self.status_units.setObjectName("statusUnits")
        self.status_rate = QLabel()
        self.status_rate.setObjectName("statusRate")
        self.status_efficiency = QLabel()
        self.status_efficiency.setObjectName("statusEfficiency")
        # changes cut short by a crash (an audit intent without its outcome): shown from the
        # start until the window closes, never as a dialog
        self.status_pending = QLabel()
        self.status_pending.setObjectName("statusPending")
        self.status_pending.setStyleSheet(warn_text_style())
        self.status_pending.hide()
        self.statusBar().addWidget(self.status_pending)
        for w in (self.status_units, self.status_rate, self.status_efficiency):
            self.statusBar().addPermanentWidget(w)
        self._stats_timer = QTimer(self)
        self._stats_timer.setInterval(1000)
        self._stats_timer.timeout.connect(self._update_status)

    def check_pending_changes(self) -> list[str]:
        """The units of changes that the audit log shows begun but never finished (the tool
        stopped between the intent and the outcome): named in the status bar, with what to
        do. Returns them ("" link unit N each)."""
        try:
            units = pending_units(self.audit.pending())
        except AuditError:
            units = []
        self._pending_units = units
        self._show_pending()
        return units

    def _show_pending(self) -> None:
        units = getattr(self, "_pending_units", [])
        self.status_pending.setVisible(bool(units))
        if units:
            self.status_pending.setText("⚠ " + translate(
                "MainWindow", "Unfinished changes in the audit log: re-read %1").replace("%1", ", ".join(units)))
            self.status_pending.setToolTip(translate(
                "MainWindow", "The program stopped between writing to these units and recording the result "
                "(audit log %1). Read their thresholds again (Thresholds tab) and check them before going on.")
                .replace("%1", str(self.audit.path)))

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
        text = self._counted_texts(len(units))["units"]
        details = []
        if counts[UnitState.ONLINE]:
            details.append(translate("MainWindow", "%1 online").replace("%1", str(counts[UnitState.ONLINE])))
        if counts[UnitState.ALARM]:
            details.append(translate("MainWindow", "%1 in alarm").replace("%1", str(counts[UnitState.ALARM])))
        if counts[UnitState.WARNING]:
            details.append(translate("MainWindow", "%1 warning").replace("%1", str(counts[UnitState.WARNING])))
        if counts[UnitState.OFFLINE]:
            details.append(translate("MainWindow", "%1 offline").replace("%1", str(counts[UnitState.OFFLINE])))
        if counts[UnitState.CONFLICT]:
            details.append(translate("MainWindow", "%1 conflict").replace("%1", str(counts[UnitState.CONFLICT])))
        self.status_units.setText(text + (": " + ", ".join(details) if details else ""))
        self.status_rate.setText(translate("MainWindow", "Polls: %1/s").replace("%1", fmt.number(self.poll_rate(), 1)))
        efficiency = self.bus_efficiency()
        answered = self.answered_share()
        parts = []
        if efficiency is not None:
            parts.append(translate("MainWindow", "Bus efficiency: %1").replace("%1", fmt.percent(efficiency * 100)))
        if answered is not None:
            parts.append(translate("MainWindow", "Answered: %1").replace("%1", fmt.percent(answered * 100)))
        self.status_efficiency.setText(" · ".join(parts)
                                       or translate("MainWindow", "Bus efficiency: %1").replace("%1", "–"))

    def _retranslate_status(self) -> None:
        self._show_pending()
        self.status_efficiency.setToolTip(translate(
            "MainWindow",
            "Bus efficiency: the wire time of the requests and replies (with their 3.5-character silences) over "
            "the time the transactions took on the serial links in the last 10 s; the units' turnaround, the "
            "adapter's latency and timeouts lower it. Answered: the share of requests that got a valid reply."))
        self.status_rate.setToolTip(translate("MainWindow",
                                              "Unit polls with a valid reply per second, over the last 5 s"))
