"""What state a unit and each of its quantities are in, and how that looks.

Colours follow the unit's own web page: green normal, orange warning, red alarm; grey for a
unit that does not answer and purple for an address conflict. Colour is never alone: every
state has its own icon shape and a text.

Decisions (the manual is silent, see PROTOCOL.md 2.3):

* The unit's warning thresholds have no Modbus register. The GUI shows a value as a
  warning ("near limit") when it is within :data:`NEAR_LIMIT` of the span between its low
  and high alarm limits from a limit it has not crossed yet; a low limit of 0 means "no
  low limit" and is not approached.
* Smoke or water detected is an alarm, a door open a warning (they have no alarm register).
* A unit is in warning when it answered with a fault (an energy register above 255), an
  alarm-state code the manual does not define, a value near a limit, an open door, or when
  its last poll failed but it is not offline yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QIcon

from bps_commissioner.device.decode import UnitReading
from bps_commissioner.device.i18n import QT_TRANSLATE_NOOP
from bps_commissioner.device.registers import BY_KEY, MONITORED, Kind, Monitored, Section, quantities
from bps_commissioner.ui.icons import icon

NEAR_LIMIT = 0.05


class UnitState(Enum):
    WAITING = "waiting"  # polled, no answer yet
    ONLINE = "online"
    WARNING = "warning"
    ALARM = "alarm"
    OFFLINE = "offline"
    CONFLICT = "conflict"


class Level(Enum):
    """The state of one value, as its cell shows it."""

    NEUTRAL = "neutral"  # not monitored
    NORMAL = "normal"
    WARNING = "warning"
    ALARM = "alarm"
    ABSENT = "absent"  # not connected / no such phase


_STATE_TEXT = {
    UnitState.WAITING: QT_TRANSLATE_NOOP("UnitState", "waiting"),
    UnitState.ONLINE: QT_TRANSLATE_NOOP("UnitState", "online"),
    UnitState.WARNING: QT_TRANSLATE_NOOP("UnitState", "warning"),
    UnitState.ALARM: QT_TRANSLATE_NOOP("UnitState", "alarm"),
    UnitState.OFFLINE: QT_TRANSLATE_NOOP("UnitState", "offline"),
    UnitState.CONFLICT: QT_TRANSLATE_NOOP("UnitState", "conflict"),
}
_STATE_ICON = {UnitState.WAITING: "state-waiting", UnitState.ONLINE: "state-online",
               UnitState.WARNING: "state-warning", UnitState.ALARM: "state-alarm",
               UnitState.OFFLINE: "state-offline", UnitState.CONFLICT: "state-conflict"}
_STATE_COLOR = {UnitState.WAITING: "#616161", UnitState.ONLINE: "#2e7d32", UnitState.WARNING: "#c25e00",
                UnitState.ALARM: "#c62828", UnitState.OFFLINE: "#616161", UnitState.CONFLICT: "#6a1b9a"}

#: Text colour and background tint of a value cell, by level.
LEVEL_COLORS = {
    Level.NEUTRAL: (None, None),
    Level.NORMAL: ("#1b5e20", "#e8f5e9"),
    Level.WARNING: ("#8a3c00", "#fff0db"),
    Level.ALARM: ("#b71c1c", "#ffe3e3"),
    Level.ABSENT: ("#757575", None),
}
_LEVEL_ICON = {Level.NORMAL: "state-online", Level.WARNING: "state-warning", Level.ALARM: "state-alarm"}


def state_text(state: UnitState) -> str:
    return QCoreApplication.translate("UnitState", _STATE_TEXT[state])


def state_icon(state: UnitState) -> QIcon:
    return icon(_STATE_ICON[state])


def state_color(state: UnitState) -> QColor:
    return QColor(_STATE_COLOR[state])


def level_icon(level: Level) -> QIcon | None:
    name = _LEVEL_ICON.get(level)
    return icon(name) if name else None


@dataclass(frozen=True)
class ValueStatus:
    """How one monitored value stands against its limits."""

    level: Level
    code: str  # "normal", "low", "high", "near_low", "near_high", "absent", "unknown"
    value: Any = None
    low: float | None = None
    high: float | None = None
    raw_state: str | None = None  # the alarm-state register as decoded ("unknown (5)")


_STATUS_TEXT = {
    "normal": QT_TRANSLATE_NOOP("ValueStatus", "normal"),
    "low": QT_TRANSLATE_NOOP("ValueStatus", "low alarm"),
    "high": QT_TRANSLATE_NOOP("ValueStatus", "high alarm"),
    "near_low": QT_TRANSLATE_NOOP("ValueStatus", "near limit"),
    "near_high": QT_TRANSLATE_NOOP("ValueStatus", "near limit"),
    "absent": QT_TRANSLATE_NOOP("ValueStatus", "not connected"),
    "no_phase": QT_TRANSLATE_NOOP("ValueStatus", "no such phase"),
    "unknown": QT_TRANSLATE_NOOP("ValueStatus", "unknown state"),
    "open": QT_TRANSLATE_NOOP("ValueStatus", "open"),
    "closed": QT_TRANSLATE_NOOP("ValueStatus", "closed"),
    "detected": QT_TRANSLATE_NOOP("ValueStatus", "detected"),
    "clear": QT_TRANSLATE_NOOP("ValueStatus", "none"),
    "fault": QT_TRANSLATE_NOOP("ValueStatus", "register fault"),
}


def status_text(code: str) -> str:
    return QCoreApplication.translate("ValueStatus", _STATUS_TEXT[code])


def is_absent_phase(reading: UnitReading, key: str) -> bool:
    group = BY_KEY[key].group
    return reading.phases == 1 and group in ("L2", "L3")


def monitored_status(reading: UnitReading, mon: Monitored) -> ValueStatus:
    """A monitored value (voltage, current, temperature, humidity) against its limits."""
    value = reading.value(mon.reading)
    low = reading.value(f"{mon.key}.low")
    high = reading.value(f"{mon.key}.high")
    state = reading.value(f"{mon.key}.alarm")
    if is_absent_phase(reading, mon.reading):
        return ValueStatus(Level.ABSENT, "no_phase", None, low, high, state)
    if state in ("low", "high"):
        return ValueStatus(Level.ALARM, state, value, low, high, state)
    if value is None:
        if mon.reading in reading.values:  # decoded as None: a probe that is not connected
            return ValueStatus(Level.ABSENT, "absent", None, low, high, state)
        return ValueStatus(Level.NEUTRAL, "absent", None, low, high, state)
    if state is not None and state != "normal":
        return ValueStatus(Level.WARNING, "unknown", value, low, high, state)
    if low is not None and high is not None and high > low:
        margin = NEAR_LIMIT * (high - low)
        if value >= high - margin:
            return ValueStatus(Level.WARNING, "near_high", value, low, high, state)
        if low > 0 and value <= low + margin:
            return ValueStatus(Level.WARNING, "near_low", value, low, high, state)
    return ValueStatus(Level.NORMAL, "normal", value, low, high, state)


def sensor_status(reading: UnitReading, key: str) -> ValueStatus:
    """A door, smoke or water input (no alarm register: see the module's decisions)."""
    q = BY_KEY[key]
    value = reading.value(key)
    if value is None:
        return ValueStatus(Level.ABSENT, "absent")
    if q.kind is Kind.DOOR:
        return ValueStatus(Level.WARNING if value == "open" else Level.NORMAL, value, value)
    return ValueStatus(Level.ALARM if value == "yes" else Level.NORMAL,
                       "detected" if value == "yes" else "clear", value)


_MONITORED_BY_READING = {m.reading: m for m in MONITORED}
_SWITCHES = tuple(q.key for q in quantities(Section.SENSORS) if q.kind in (Kind.DOOR, Kind.PRESENCE))


def value_status(reading: UnitReading, key: str) -> ValueStatus:
    """The status of any reading or sensor by its QUANTITIES key."""
    mon = _MONITORED_BY_READING.get(key)
    if mon is not None:
        return monitored_status(reading, mon)
    if key in _SWITCHES:
        return sensor_status(reading, key)
    if is_absent_phase(reading, key):
        return ValueStatus(Level.ABSENT, "no_phase")
    value = reading.value(key)
    if value is None and key in reading.values and BY_KEY[key].kind is Kind.ENERGY:
        return ValueStatus(Level.WARNING, "fault")
    return ValueStatus(Level.NEUTRAL, "normal", value)


@dataclass(frozen=True)
class Assessment:
    """A unit's overall state and why."""

    state: UnitState
    alarms: tuple[str, ...] = ()  # keys of values in alarm
    warnings: tuple[str, ...] = ()  # keys of values in warning


def assess_reading(reading: UnitReading) -> Assessment:
    alarms: list[str] = []
    warnings: list[str] = []
    for mon in MONITORED:
        status = monitored_status(reading, mon)
        if status.level is Level.ALARM:
            alarms.append(mon.key)
        elif status.level is Level.WARNING:
            warnings.append(mon.key)
    for key in _SWITCHES:
        status = sensor_status(reading, key)
        if status.level is Level.ALARM:
            alarms.append(key)
        elif status.level is Level.WARNING:
            warnings.append(key)
    if reading.faults:
        warnings.append("faults")
    if alarms:
        return Assessment(UnitState.ALARM, tuple(alarms), tuple(warnings))
    if warnings:
        return Assessment(UnitState.WARNING, (), tuple(warnings))
    return Assessment(UnitState.ONLINE)


def assess(result: Any | None, conflict: bool = False) -> Assessment:
    """A unit's state from its latest UnitResult (None: not polled yet)."""
    if conflict:
        return Assessment(UnitState.CONFLICT)
    if result is None:
        return Assessment(UnitState.WAITING)
    if result.state in ("offline", "lost"):
        return Assessment(UnitState.OFFLINE)
    if result.reading is None or result.error:
        return Assessment(UnitState.WARNING, (), ("poll",))
    return assess_reading(result.reading)
