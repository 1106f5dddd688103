"""How a unit's state and each of its values' levels look: a text, an icon and a colour.

The rules that decide them (alarm, warning within 5 % of the span from a limit, not
connected, conflict) are pure code in device/assess.py, shared with the CLI and the report;
this module only shows them. Colours follow the unit's own web page (green normal, orange
warning, red alarm; grey for a unit that does not answer, purple for an address conflict)
and come from ui/style.py. Colour is never alone: every state has its own icon shape and a
text.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QIcon

from bps_commissioner.device.assess import (
    NEAR_LIMIT, Assessment, Level, UnitState, ValueStatus, assess, assess_reading, is_absent_phase, monitored_status,
    sensor_status, value_status,
)
from bps_commissioner.device.i18n import QT_TRANSLATE_NOOP
from bps_commissioner.ui import style
from bps_commissioner.ui.icons import icon

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
_STATE_COLOR = {UnitState.WAITING: style.MUTED_COLOUR, UnitState.ONLINE: style.OK_COLOUR,
                UnitState.WARNING: style.STATE_WARN_COLOUR, UnitState.ALARM: style.STATE_ALARM_COLOUR,
                UnitState.OFFLINE: style.MUTED_COLOUR, UnitState.CONFLICT: style.CONFLICT_COLOUR}

#: Text colour and background tint of a value cell, by level.
LEVEL_COLORS = {
    Level.NEUTRAL: (None, None),
    Level.NORMAL: (style.NORMAL_VALUE_COLOUR, style.OK_TINT),
    Level.WARNING: (style.WARN_COLOUR, style.WARN_TINT),
    Level.ALARM: (style.ERROR_COLOUR, style.ERROR_TINT),
    Level.ABSENT: (style.ABSENT_COLOUR, None),
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


__all__ = [
    "LEVEL_COLORS", "NEAR_LIMIT", "Assessment", "Level", "UnitState", "ValueStatus", "assess", "assess_reading",
    "is_absent_phase", "level_icon", "monitored_status", "sensor_status", "state_color", "state_icon", "state_text",
    "status_text", "value_status",
]
