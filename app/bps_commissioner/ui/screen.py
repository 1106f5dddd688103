"""The screen a window opens on: its available geometry (free of panels and taskbars) and
sizes that fit it, so that no window or dialog leaves a 1366x768 laptop's screen."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME_ALLOWANCE = (16, 40)  # a window manager's borders and title bar, before the frame is known


def available_geometry(widget: QWidget | None = None) -> QRect | None:
    """The area free of panels and taskbars on the widget's screen (else the primary one)."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def fit_size(widget: QWidget, width: int, height: int) -> None:
    """Resize the top-level ``widget`` to width x height, or less where the screen is smaller
    (its frame included)."""
    area = available_geometry(widget.parentWidget() or widget)
    if area is not None:
        width = min(width, area.width() - FRAME_ALLOWANCE[0])
        height = min(height, area.height() - FRAME_ALLOWANCE[1])
    widget.resize(width, height)


def height_room(widget: QWidget) -> int | None:
    """The height a top-level ``widget``'s frame can take on its screen (None: unknown)."""
    area = available_geometry(widget.parentWidget() or widget)
    return None if area is None else area.height() - FRAME_ALLOWANCE[1]


def keep_inside(widget: QWidget) -> None:
    """Move the top-level ``widget`` back onto the available geometry (after it grew)."""
    area = available_geometry(widget)
    if area is None:
        return
    frame = widget.frameGeometry()
    x = max(area.left(), min(frame.left(), area.right() + 1 - frame.width()))
    y = max(area.top(), min(frame.top(), area.bottom() + 1 - frame.height()))
    if (x, y) != (frame.left(), frame.top()):
        widget.move(x, y)
