"""How a unit and each of its values stand: alarm, warning, normal, absent; pure rules.

The window (ui/state.py shows these with a text, an icon and a colour), the CLI and the
report share them, so a unit is "in alarm" or an energy meter "cleared" by one rule
everywhere. Pure code: no Qt, no I/O.

Decisions (the manual is silent, see PROTOCOL.md 2.3):

* The unit's warning thresholds have no Modbus register. A value counts as a warning
  ("near limit") when it is within :data:`NEAR_LIMIT` of the span between its low and high
  alarm limits from a limit it has not crossed yet; a low limit of 0 means "no low limit"
  and is not approached.
* Smoke or water detected is an alarm, a door open a warning (they have no alarm register).
* A unit is in warning when it answered with a fault (an energy register above 255), an
  alarm-state code the manual does not define, a value near a limit, an open door, or when
  its last poll failed but it is not offline yet.
* An energy meter counts as cleared below :data:`ENERGY_CLEARED_BELOW` kWh (see
  :func:`energy_cleared`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from bps_commissioner.device.decode import UnitReading
from bps_commissioner.device.registers import BY_KEY, MONITORED, Kind, Monitored, Section, quantities

#: share of the span between the low and high alarm limits within which a value is "near".
NEAR_LIMIT = 0.05

#: kWh below which an energy meter counts as cleared: the meter's resolution after a reset.
ENERGY_CLEARED_BELOW = 1.0


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


@dataclass(frozen=True)
class ValueStatus:
    """How one monitored value stands against its limits."""

    level: Level
    code: str  # "normal", "low", "high", "near_low", "near_high", "absent", "unknown", ...
    value: Any = None
    low: float | None = None
    high: float | None = None
    raw_state: str | None = None  # the alarm-state register as decoded ("unknown (5)")


def is_absent_phase(reading: UnitReading, key: str) -> bool:
    group = BY_KEY[key].group
    return reading.phases == 1 and group in ("L2", "L3")


def near_limit(value: float, low: float | None, high: float | None) -> str | None:
    """"near_high" or "near_low" when ``value`` is within :data:`NEAR_LIMIT` of the span from
    a limit (and the limits make a span), else None."""
    if low is None or high is None or not high > low:
        return None
    margin = NEAR_LIMIT * (high - low)
    if value >= high - margin:
        return "near_high"
    if low > 0 and value <= low + margin:
        return "near_low"
    return None


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
    near = near_limit(value, low, high)
    if near is not None:
        return ValueStatus(Level.WARNING, near, value, low, high, state)
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
SWITCHES = tuple(q.key for q in quantities(Section.SENSORS) if q.kind in (Kind.DOOR, Kind.PRESENCE))


def value_status(reading: UnitReading, key: str) -> ValueStatus:
    """The status of any reading or sensor by its QUANTITIES key."""
    mon = _MONITORED_BY_READING.get(key)
    if mon is not None:
        return monitored_status(reading, mon)
    if key in SWITCHES:
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
    for key in SWITCHES:
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
    """A unit's state from its latest poll result (services/worker.py ``UnitResult``: its
    ``state``, ``reading`` and ``error``; None: not polled yet). ``conflict``: two units
    answer at its address (a bus scan found it), which outranks anything they say."""
    if conflict:
        return Assessment(UnitState.CONFLICT)
    if result is None:
        return Assessment(UnitState.WAITING)
    if result.state in ("offline", "lost"):
        return Assessment(UnitState.OFFLINE)
    if result.reading is None or result.error:
        return Assessment(UnitState.WARNING, (), ("poll",))
    return assess_reading(result.reading)


def energy_cleared(kwh: float | None) -> bool:
    """Whether an energy meter reads as cleared after a reset (``clearpN``).

    The meter counts whole kWh; a reset brings it below 1 kWh, and a loaded phase may have
    counted a fraction again by the time it is read back (a reading of 0.4 kWh is a cleared
    meter, not a failed reset). So "cleared" is below :data:`ENERGY_CLEARED_BELOW`, not
    exactly 0. An unreadable meter (None) is not cleared."""
    return kwh is not None and kwh < ENERGY_CLEARED_BELOW



# --- a planned limit the live value already breaks ----------------------------------------

_MONITORED_BY_KEY = {m.key: m for m in MONITORED}
_SHORT = {"voltage_l1": "L1", "voltage_l2": "L2", "voltage_l3": "L3",
          "current_l1": "L1", "current_l2": "L2", "current_l3": "L3"}


@dataclass(frozen=True)
class BrokenLimit:
    """A requested limit that the unit's present reading already breaks: the unit alarms as
    soon as it takes it. ``side``: "low" or "high"."""

    setting: str
    side: str
    reading: float
    limit: float
    unit: str
    label: str

    def message(self) -> str:
        """ "L1 reads 239.7 V: a high alarm at 230.0 V alarms at once" (English; the window
        builds its own from the fields)."""
        decimals = 1 if self.unit in ("V", "A") else 0
        return (f"{self.label} reads {self.reading:.{decimals}f} {self.unit}: a {self.side} alarm at "
                f"{self.limit:.{decimals}f} {self.unit} alarms at once")

    def to_dict(self) -> dict[str, Any]:
        return {"setting": self.setting, "reading": self.reading, "limit": self.limit, "message": self.message()}


def limits_broken_now(reading: UnitReading | Any, requested: Any) -> list[BrokenLimit]:
    """The requested limits (``{"voltage_l1.high": 230, ...}``, values as numbers or
    number strings) that ``reading`` (a UnitReading or a mapping of live values) already
    breaks: a high limit below the value, a low limit (above 0: 0 is "no low limit") above it.
    Values that are absent, faulted or not numbers, and settings that are not alarm limits,
    are left out."""
    values = reading.values if isinstance(reading, UnitReading) else reading
    out: list[BrokenLimit] = []
    for setting, raw in requested.items():
        key, _, side = str(setting).partition(".")
        mon = _MONITORED_BY_KEY.get(key)
        if mon is None or side not in ("low", "high"):
            continue
        value = values.get(mon.reading)
        try:
            limit = float(str(raw).replace(",", ".")) if not isinstance(raw, (int, float)) else float(raw)
        except ValueError:
            continue
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            continue
        if (side == "high" and value > limit) or (side == "low" and limit > 0 and value < limit):
            label = _SHORT.get(key, mon.label) if key.startswith("voltage") else mon.label
            out.append(BrokenLimit(str(setting), side, float(value), limit, mon.unit, label))
    return out


__all__ = [
    "ENERGY_CLEARED_BELOW", "NEAR_LIMIT", "SWITCHES", "Assessment", "BrokenLimit", "limits_broken_now", "Level", "UnitState", "ValueStatus", "assess",
    "assess_reading", "energy_cleared", "is_absent_phase", "monitored_status", "near_limit",
    "sensor_status", "value_status",
]
