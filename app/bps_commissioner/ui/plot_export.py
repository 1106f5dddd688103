"""The plots as an image file, drawn by pyqtgraph's exporters at a chosen width.

PNG through ``ImageExporter``, SVG through ``SVGExporter``; the height follows the plots'
aspect. pyqtgraph 0.14's SVG exporter reads the path data Qt's SVG generator writes as
``x,y`` pairs and fails on the ``Z`` (close path) that Qt 6.11 writes after a rectangle's
path (the view boxes' clip paths): during an SVG export, :func:`_closed_as_lines` spells each
``Z`` as a line back to the path's start, which draws the same.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pyqtgraph.exporters import ImageExporter, SVGExporter
from PySide6.QtWidgets import QGraphicsScene

#: The default and the allowed widths, in pixels.
EXPORT_WIDTH = 1600
EXPORT_WIDTHS = (200, 10000)

_svg_module = importlib.import_module("pyqtgraph.exporters.SVGExporter")


def export_size(scene: QGraphicsScene, width: int) -> tuple[int, int]:
    """The size of an image of ``scene`` ``width`` pixels wide (the aspect kept)."""
    rect = ImageExporter(scene).getSourceRect()  # what the exporters draw: the view's visible part
    if rect.width() <= 0:
        return width, width * 3 // 4
    return width, max(1, int(width * rect.height() / rect.width()))  # pyqtgraph truncates too


def export_image(scene: QGraphicsScene, path: str | Path, width: int = EXPORT_WIDTH) -> bool:
    """``scene`` as an image ``width`` pixels wide: SVG when ``path`` ends in .svg, else PNG.
    False when the file cannot be written."""
    path = str(path)
    width = max(EXPORT_WIDTHS[0], min(EXPORT_WIDTHS[1], int(width)))
    if not path.lower().endswith(".svg"):
        png = ImageExporter(scene)
        png.parameters()["width"] = width  # the exporter sets the height to keep the aspect
        return bool(png.export(toBytes=True).save(path, "PNG"))
    svg = SVGExporter(scene)
    svg.parameters()["width"] = width
    original = _svg_module.correctCoordinates
    _svg_module.correctCoordinates = _closed_as_lines(original)
    try:
        data = svg.export(toBytes=True)
    finally:
        _svg_module.correctCoordinates = original
    try:
        Path(path).write_bytes(data)
    except OSError:
        return False
    return True


def _closed_as_lines(correct: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(node: Any, defs: Any, item: Any, options: Any) -> Any:
        for element in node.getElementsByTagName("path"):
            element.setAttribute("d", close_as_line(element.getAttribute("d")))
        return correct(node, defs, item, options)
    return wrapper


def close_as_line(d: str) -> str:
    """SVG path data of ``x,y`` pairs with each ``Z`` replaced by a line to the subpath's start."""
    out: list[str] = []
    start = ""
    for token in d.split():
        if token in ("Z", "z"):
            if start:
                out.append("L" + start)
            continue
        if token[:1] in ("M", "m"):
            start = token[1:]
        out.append(token)
    return " ".join(out) + (" " if d.endswith(" ") else "")
