"""Numbers, quantities and times as the chosen language writes them (QLocale)."""

from __future__ import annotations

import math
import time
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from bps_commissioner.device.registers import Quantity

def number(value: float, decimals: int) -> str:
    """``231.8`` -> "231.8" in English, "231,8" in Polish."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return QLocale().toString(float(value), "f", decimals)


def integer(value: int) -> str:
    return QLocale().toString(int(value))


def with_unit(text: str, unit: str) -> str:
    if not unit:
        return text
    return f"{text}\N{NO-BREAK SPACE}{unit}"


def quantity_value(q: Quantity, value: Any, decimals: int | None = None) -> str:
    """A value of ``q`` with its unit: "231.8 V"."""
    if value is None:
        return "–"
    return with_unit(number(value, q.decimals if decimals is None else decimals), q.unit)


def quantity_label(q: Quantity) -> str:
    return QCoreApplication.translate("Quantity", q.label)


def quantity_label_text(label: str) -> str:
    """A label of the device table (marked with QT_TRANSLATE_NOOP("Quantity", ...))."""
    return QCoreApplication.translate("Quantity", label)


def clock(t: float | None) -> str:
    """Wall-clock seconds -> "14:03:27" (local time)."""
    if t is None:
        return "–"
    return time.strftime("%H:%M:%S", time.localtime(t))


def percent(value: float) -> str:
    return with_unit(number(value, 0), "%")
