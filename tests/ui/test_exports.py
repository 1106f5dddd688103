"""Exports from the window: the plots as PNG/SVG (pyqtgraph's exporters), the frame log
recorded to a trace file, a scan's results as CSV."""

import csv
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QImage

from bps_commissioner.services.endpoints import SerialEndpoint
from bps_commissioner.simulator import build_chain
from bps_commissioner.ui import diagnostics, scan_dialog, window_actions
from tests.conftest import posix_only
from tests.ui.conftest import tcp_endpoint


@pytest.fixture
def window(make_window, tcp_chain):
    w = make_window()
    key = w.connect_link(tcp_endpoint(tcp_chain), [1, 2, 3, 4])
    w.show()
    return w, key


def _plotted(qtbot, w, key, address=1):
    w.select_unit(key, address)
    w.unit_view.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: len(w.history.get(key, address)) >= 3, timeout=8000)
    w.plots.refresh(force=True)


def test_plots_export_png_at_the_chosen_width_and_svg_with_the_curves(qtbot, window, tmp_path, monkeypatch):
    w, key = window
    _plotted(qtbot, w, key)
    png = tmp_path / "plots.png"
    assert w.plots.export_image(png, 1234)
    image = QImage(str(png))
    assert image.width() == 1234 and (image.width(), image.height()) == w.plots.export_size(1234)
    # from the menu: the chosen file type and width (the dialogs answered)
    svg = tmp_path / "plots"
    monkeypatch.setattr(window_actions.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(svg), "SVG images (*.svg)"))
    monkeypatch.setattr(window_actions.QInputDialog, "getInt", lambda *a, **k: (800, True))
    w.act_export_png.trigger()
    root = ET.parse(tmp_path / "plots.svg").getroot()
    assert root.tag.endswith("svg") and "800" in root.get("width", "") + root.get("viewBox", "")
    curves = [e for e in root.iter() if e.tag.rsplit("}", 1)[-1] in ("path", "polyline")]
    assert len(curves) >= 3  # a curve per plot at least
    assert "plots.svg" in w.statusBar().currentMessage()


def test_frame_log_is_recorded_to_a_file_while_paused(qtbot, window, tmp_path, monkeypatch):
    w, key = window
    log = w.diagnostics
    path = tmp_path / "frames.log"
    path.write_text("earlier line\n", encoding="utf-8")  # a recording appends
    monkeypatch.setattr(diagnostics.QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    log.record_button.click()
    assert log.recording == str(path) and str(path) in log.record_label.text()
    assert log.record_button.isChecked()
    log.pause_box.setChecked(True)
    log.flush()  # the frames that came before the pause
    shown = log.model.rowCount()
    qtbot.waitUntil(lambda: path.stat().st_size > 4000, timeout=8000)  # flushed while recording
    assert log.model.rowCount() == shown
    log.record_button.click()
    assert log.recording is None and not log.record_button.isChecked()
    size = path.stat().st_size
    qtbot.wait(600)
    assert path.stat().st_size == size  # closed: nothing more written
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "earlier line"
    parsed = []
    for line in lines[1:]:
        stamp, direction, unit, *hex_bytes, link = line.split()
        assert unit.startswith("unit=") and link == f"link={key}"
        parsed.append((direction, int(unit[5:]), bytes.fromhex("".join(hex_bytes))))
        assert len(stamp) == 23 and stamp[10] == "T"
    assert {d for d, _, _ in parsed} == {"TX", "RX"}
    assert {u for _, u, _ in parsed} == {1, 2, 3, 4}


def test_recording_stops_when_the_window_closes(qtbot, window, tmp_path):
    w, _ = window
    path = tmp_path / "frames.log"
    assert w.diagnostics.start_recording(str(path))
    qtbot.waitUntil(lambda: path.stat().st_size > 0, timeout=8000)
    w.close()
    assert w.diagnostics.recording is None
    assert all(" unit=" in line for line in path.read_text(encoding="utf-8").splitlines())
    assert not w.diagnostics.start_recording(str(tmp_path / "missing" / "x.log"))
    assert "Could not write" in w.diagnostics.record_label.text()


@posix_only
def test_scan_results_export_to_csv(qtbot, make_window, rtu_factory, tmp_path, monkeypatch):
    sim = rtu_factory(build_chain([2, 5, 5, 9], seed=5))
    w = make_window()
    key = w.connect_link(SerialEndpoint(sim.link), [])
    dialog = w.open_scan_dialog(key, (1, 12), start=True)
    assert not dialog.export_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.running, timeout=15000)
    assert dialog.export_button.isEnabled()
    path = tmp_path / "scan.csv"
    monkeypatch.setattr(scan_dialog.QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    dialog.export_button.click()
    assert "3 rows written" in dialog.export_status.text()
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["address", "phases", "voltage_l1", "voltage_l2", "voltage_l3", "current_l1",
                             "current_l2", "current_l3", "frequency", "probes", "alarms", "conflict", "error"]
    assert [(r["address"], r["conflict"]) for r in rows] == [("2", "false"), ("9", "false"), ("5", "true")]
    found = {s["address"]: s for s in dialog.result.to_dict()["found"]}
    for row in rows[:2]:
        summary = found[int(row["address"])]
        assert int(row["phases"]) == summary["phases"] == 3
        assert [float(row[f"voltage_l{i}"]) for i in (1, 2, 3)] == summary["voltage"]
        assert float(row["frequency"]) == summary["frequency"]
        assert row["probes"].split(";") == summary["probes"] if summary["probes"] else row["probes"] == ""
    assert rows[2]["voltage_l1"] == "" and rows[2]["phases"] == ""
    dialog.close()
