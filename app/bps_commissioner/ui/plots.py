"""Live plots of the selected unit: voltage, current and active power per phase.

The curves are redrawn on a timer (:attr:`PlotPanel.refresh_ms`) with ``setData`` from the
unit's ring buffer (ui/history.py), never per sample; long windows use pyqtgraph's
``clipToView`` and peak ``autoDownsample``. Phases are drawn in their IEC 60446 colours
(L1 brown, L2 black, L3 grey) and, for colour-blind users, with their own line styles
(solid, dashed, dotted) and a legend.

Exports: the data the plot shows (the samples within the visible time range, of the
curves on screen) as CSV, and the plots as a PNG or SVG image drawn by pyqtgraph's exporters
at a chosen width (the height keeps the plots' aspect), not a grab of the widget. The CSV is
machine-readable whatever the language: comma separated, decimal point, columns named by the
quantities' keys.
"""

from __future__ import annotations

import csv
import math
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from bps_commissioner.device.i18n import QT_TRANSLATE_NOOP
from bps_commissioner.device.registers import BY_KEY, PHASES
from bps_commissioner.ui import format as fmt
from bps_commissioner.ui import plot_export, style
from bps_commissioner.ui.history import CHANNELS, UnitHistory
from bps_commissioner.ui.icons import icon

#: Time windows: seconds and label. A longer window is redrawn less often (REFRESH_MS):
#: at 8 hours a pixel of the plot is about half a minute.
WINDOWS = ((5 * 60, QT_TRANSLATE_NOOP("PlotPanel", "5 minutes")),
           (3600, QT_TRANSLATE_NOOP("PlotPanel", "1 hour")),
           (8 * 3600, QT_TRANSLATE_NOOP("PlotPanel", "8 hours")))
REFRESH_MS = {5 * 60: 1000, 3600: 2000, 8 * 3600: 5000}
PLOTTED_FIELDS = ("voltage", "current", "active_power")
_PHASE_STYLE = {"L1": (style.PHASE_COLOURS["L1"], Qt.PenStyle.SolidLine),
                "L2": (style.PHASE_COLOURS["L2"], Qt.PenStyle.DashLine),
                "L3": (style.PHASE_COLOURS["L3"], Qt.PenStyle.DotLine)}

pg.setConfigOptions(background="w", foreground=style.TEXT_COLOUR, antialias=False)


class LocaleAxis(pg.AxisItem):
    """A value axis whose numbers follow the chosen language (decimal comma in Polish)."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        places = max(0, math.ceil(-math.log10(spacing * scale))) if spacing > 0 else 0
        return [fmt.number(v * scale, places) for v in values]


class PlotPanel(QWidget):
    pausedChanged = Signal(bool)
    windowChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None, refresh_ms: int = 1000):
        super().__init__(parent)
        self.refresh_ms = refresh_ms
        self._history: UnitHistory | None = None
        self._window = WINDOWS[0][0]
        self._paused = False
        self._shown_t = np.empty(0)
        self._shown_v = np.empty((len(CHANNELS), 0), dtype=np.float32)
        self._shown_channels: tuple[str, ...] = ()

        self._window_label = QLabel()
        self.window_combo = QComboBox()
        self.window_combo.setObjectName("plotWindow")
        for _ in WINDOWS:
            self.window_combo.addItem("")
        self._window_label.setBuddy(self.window_combo)
        self.window_combo.currentIndexChanged.connect(lambda i: self.set_window(WINDOWS[i][0]))
        self.pause_button = QPushButton()
        self.pause_button.setObjectName("plotPause")
        self.pause_button.setCheckable(True)
        self.pause_button.toggled.connect(self.set_paused)
        self.csv_button = QPushButton(icon("export-csv"), "")
        self.csv_button.setObjectName("plotCsv")
        self.png_button = QPushButton(icon("export-png"), "")
        self.png_button.setObjectName("plotPng")
        self.title = QLabel()
        self.title.setObjectName("plotTitle")
        # the title gives way (it repeats the unit's header) rather than widen the window
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        bar.addWidget(self._window_label)
        bar.addWidget(self.window_combo)
        bar.addWidget(self.pause_button)
        bar.addWidget(self.csv_button)
        bar.addWidget(self.png_button)

        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # no context menus (pyqtgraph's are English only): the panel's buttons do the exports
        scene = self.graphics.scene()
        for action in scene.contextMenu:
            action.deleteLater()
        scene.contextMenu = []
        self.plots: dict[str, pg.PlotItem] = {}
        self.curves: dict[str, pg.PlotDataItem] = {}
        self.legends: dict[str, pg.LegendItem] = {}
        self._legend_phases = 3
        first = None
        for row, field in enumerate(PLOTTED_FIELDS):
            plot = self.graphics.addPlot(row=row, col=0, axisItems={"bottom": pg.DateAxisItem(orientation="bottom"),
                                                                    "left": LocaleAxis(orientation="left")})
            plot.showGrid(x=True, y=True, alpha=0.25)
            plot.setMenuEnabled(False)
            plot.hideButtons()
            plot.setClipToView(True)
            plot.setDownsampling(auto=True, mode="peak")
            plot.getViewBox().setMouseEnabled(x=True, y=False)
            plot.getAxis("left").setWidth(60)
            legend = plot.addLegend(offset=(8, 2), colCount=3, labelTextSize="8pt")
            legend.setParentItem(plot.getViewBox())
            self.legends[field] = legend
            for phase in PHASES:
                color, pen_style = _PHASE_STYLE[phase]
                pen = QPen(pg.mkColor(color))
                pen.setWidth(1)  # wider dashed pens make Qt's raster engine 200 times slower
                pen.setStyle(pen_style)
                pen.setCosmetic(True)
                key = f"{field}_{phase.lower()}"
                # peak downsampling to about one sample per pixel (pyqtgraph's default is five)
                self.curves[key] = plot.plot(name=phase, pen=pen, connect="finite", autoDownsampleFactor=1.0)
            if first is None:
                first = plot
            else:
                plot.setXLink(first)
            if row < len(PLOTTED_FIELDS) - 1:  # one time axis, under the last plot
                plot.getAxis("bottom").setStyle(showValues=False)
                plot.getAxis("bottom").setHeight(6)
            self.plots[field] = plot

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.graphics, 1)

        self._timer = QTimer(self)
        self._timer.setInterval(self.refresh_ms)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self._retranslate()

    # -- state --------------------------------------------------------------------------------
    @property
    def window(self) -> int:
        return self._window

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def history(self) -> UnitHistory | None:
        return self._history

    def set_history(self, history: UnitHistory | None, title: str = "") -> None:
        self._history = history
        self.title.setText(title)
        self._clear_curves()
        self.refresh(force=True)

    def set_window(self, seconds: int) -> None:
        if seconds == self._window:
            return
        self._window = seconds
        self._timer.setInterval(min(REFRESH_MS.get(seconds, 1000), self.refresh_ms * 5))
        index = next(i for i, (s, _) in enumerate(WINDOWS) if s == seconds)
        if self.window_combo.currentIndex() != index:
            self.window_combo.setCurrentIndex(index)
        self.windowChanged.emit(seconds)
        self.refresh(force=True)

    def set_paused(self, paused: bool) -> None:
        if paused == self._paused:
            return
        self._paused = paused
        if self.pause_button.isChecked() != paused:
            self.pause_button.setChecked(paused)
        for plot in self.plots.values():
            plot.getViewBox().setMouseEnabled(x=True, y=paused)
        self._retranslate_pause()
        self.pausedChanged.emit(paused)
        if not paused:
            self.refresh(force=True)

    # -- drawing ------------------------------------------------------------------------------
    def _clear_curves(self) -> None:
        for curve in self.curves.values():
            curve.setData([], [])
        self._shown_t = np.empty(0)
        self._shown_v = np.empty((len(CHANNELS), 0), dtype=np.float32)
        self._shown_channels = ()

    def refresh(self, force: bool = False) -> None:
        """Redraw from the history (the timer calls this; nothing happens while paused or
        hidden, unless ``force``)."""
        if self._paused and not force:
            return
        if not force and not self.isVisible():
            return
        history = self._history
        if history is None:
            return
        now = time.time()
        t, values = history.since(now - self._window)
        self._show_legend(history.phases)
        shown = []
        for i, key in enumerate(CHANNELS):
            curve = self.curves[key]
            column = values[i]
            absent = BY_KEY[key].group != "L1" and history.phases == 1
            if absent or len(t) == 0 or not np.isfinite(column).any():
                curve.setData([], [])
                continue
            curve.setData(t, column)
            shown.append(key)
        self._shown_t, self._shown_v, self._shown_channels = t, values, tuple(shown)
        if not self._paused:
            self.plots[PLOTTED_FIELDS[0]].setXRange(now - self._window, now, padding=0)

    def _show_legend(self, phases: int) -> None:
        """The legend names the phases the unit has."""
        if phases == self._legend_phases:
            return
        self._legend_phases = phases
        for field, legend in self.legends.items():
            legend.clear()
            for phase in PHASES[:phases]:
                legend.addItem(self.curves[f"{field}_{phase.lower()}"], phase)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.refresh()

    # -- export -------------------------------------------------------------------------------
    def visible_range(self) -> tuple[float, float]:
        (x0, x1), _ = self.plots[PLOTTED_FIELDS[0]].getViewBox().viewRange()
        return x0, x1

    def visible_data(self) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """What the plot shows: the curves' samples within the visible time range."""
        x0, x1 = self.visible_range()
        t = self._shown_t
        mask = (t >= x0) & (t <= x1)
        columns = {key: self._shown_v[CHANNELS.index(key)][mask] for key in self._shown_channels}
        return t[mask], columns

    def export_csv(self, path: str | Path) -> int:
        """Write the visible data to ``path``; returns the number of rows. Raises OSError."""
        t, columns = self.visible_data()
        keys = list(columns)
        with open(path, "w", newline="", encoding="utf-8") as stream:
            writer = csv.writer(stream)
            writer.writerow(["time", "unix_time", *(f"{k}_{BY_KEY[k].unit}" for k in keys)])
            for i, stamp in enumerate(t):
                row = [time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(stamp)), f"{stamp:.3f}"]
                for key in keys:
                    value = float(columns[key][i])
                    row.append("" if math.isnan(value) else f"{value:.{BY_KEY[key].decimals}f}")
                writer.writerow(row)
        return len(t)

    def export_size(self, width: int) -> tuple[int, int]:
        """The size of an exported image ``width`` pixels wide (the plots' aspect kept)."""
        return plot_export.export_size(self.graphics.scene(), width)

    def export_image(self, path: str | Path, width: int = plot_export.EXPORT_WIDTH) -> bool:
        """The three plots as an image ``width`` pixels wide: SVG when ``path`` ends in
        .svg, else PNG (ui/plot_export.py). False when the file cannot be written."""
        return plot_export.export_image(self.graphics.scene(), path, width)

    def has_data(self) -> bool:
        return len(self._shown_t) > 0

    # -- language -----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate_pause(self) -> None:
        self.pause_button.setText(self.tr("Res&ume") if self._paused else self.tr("Pa&use"))
        self.pause_button.setIcon(icon("resume" if self._paused else "pause"))
        self.pause_button.setToolTip(self.tr("Resume the live plots (Ctrl+P)") if self._paused
                                     else self.tr("Freeze the plots to look closer; recording goes on (Ctrl+P)"))

    def _retranslate(self) -> None:
        self._window_label.setText(self.tr("Time &window:"))
        for i, (_, label) in enumerate(WINDOWS):
            self.window_combo.setItemText(i, QCoreApplication.translate("PlotPanel", label))
        self._retranslate_pause()
        self.csv_button.setText(self.tr("Export &CSV…"))
        self.csv_button.setToolTip(self.tr("Save the data the plots show as a CSV file (Ctrl+E)"))
        self.png_button.setText(self.tr("Export ima&ge…"))
        self.png_button.setToolTip(self.tr("Save the plots as a PNG or SVG image of a chosen width (Ctrl+Shift+E)"))
        titles = {"voltage": self.tr("Voltage [V]"), "current": self.tr("Current [A]"),
                  "active_power": self.tr("Active power [W]")}
        for field, plot in self.plots.items():
            plot.setLabel("left", titles[field])
