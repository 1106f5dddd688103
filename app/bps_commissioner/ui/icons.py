"""The application's own icons (SVG, drawn for this product) from the package's resources/."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtGui import QIcon

RESOURCES = Path(__file__).resolve().parents[1] / "resources"


@lru_cache(maxsize=None)
def icon(name: str) -> QIcon:
    """``icon("state-alarm")`` -> resources/state-alarm.svg (an empty icon if missing)."""
    path = RESOURCES / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def icon_path(name: str) -> Path:
    return RESOURCES / f"{name}.svg"
