"""Turning raw holding registers into engineering values, and back (for the simulator).

Decisions (PROTOCOL.md section 2 and the foundation issue):

* energy counters: four registers of one byte each, big-endian, / 1000. A register above
  255 is a device or line fault: the value is reported as ``None`` and the fault is listed
  in :attr:`UnitReading.faults`, never masked.
* temperatures are signed 16-bit / 10, humidity / 10. A probe register that reads exactly 0
  is reported as not connected (``None``): BKT units report an absent probe that way and a
  rack at exactly 0.0 degC / 0.0 % is not credible. The raw value stays in ``raw``.
* door: 1 open, 2 closed; smoke and water: 1 yes, 2 no; anything else is not connected.
* alarm states: 0 normal, 1 low, 16 high; any other value reads "unknown (N)".
* a unit is three-phase when L2 or L3 shows a voltage, else single-phase.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

from bps_commissioner.device.registers import (
    BY_KEY,
    MONITORED,
    PHASES,
    QUANTITIES,
    REGISTER_COUNT,
    Kind,
    Quantity,
    Section,
)

#: What a BPS2000v2 can physically measure, by field (a 300 V, 16/32 A unit with
#: probes): a reading outside is a fault of the answer (a 0xFFFF register read as 6553.5 V),
#: never a value. Energy counters have no upper bound but are never negative.
PHYSICAL_READINGS: dict[str, tuple[float, float]] = {
    "voltage": (0.0, 300.0), "current": (0.0, 100.0), "active_power": (0.0, 30000.0),
    "reactive_power": (-30000.0, 30000.0), "apparent_power": (0.0, 30000.0), "frequency": (0.0, 70.0),
    "power_factor": (-1.0, 1.0), "active_energy": (0.0, float("inf")), "apparent_energy": (0.0, float("inf")),
    "temperature": (-40.0, 125.0), "temperature_1": (-40.0, 125.0), "temperature_2": (-40.0, 125.0),
    "humidity": (0.0, 100.0), "humidity_1": (0.0, 100.0), "humidity_2": (0.0, 100.0),
}


def implausible(q: Quantity, value: Any) -> str | None:
    """Why ``value`` cannot be a reading of ``q`` (outside :data:`PHYSICAL_READINGS`), or None."""
    bounds = PHYSICAL_READINGS.get(q.field)
    if bounds is None or not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    low, high = bounds
    if low <= value <= high:
        return None
    span = f"{low:g}..{high:g} {q.unit}".rstrip() if high != float("inf") else f"{low:g} {q.unit} or more"
    return f"{q.key}: {value:g} {q.unit} is outside what the unit can measure ({span}); not shown".replace("  ", " ")


ALARM_CODES = {0: "normal", 1: "low", 16: "high"}
ALARM_VALUES = {v: k for k, v in ALARM_CODES.items()}
DOOR_CODES = {1: "open", 2: "closed"}
PRESENCE_CODES = {1: "yes", 2: "no"}


def to_signed16(raw: int) -> int:
    return raw - 0x10000 if raw & 0x8000 else raw


def _scaled(q: Quantity, raw: int) -> float | int:
    value = to_signed16(raw) if q.signed else raw
    if q.scale == 1:
        return value
    return round(value / q.scale, q.decimals)


def decode_quantity(q: Quantity, words: tuple[int, ...]) -> tuple[Any, str | None]:
    """Decode one row from its registers; returns (value, fault text or None)."""
    if q.kind is Kind.ENERGY:
        bad = [(q.register + i, w) for i, w in enumerate(words) if w > 0xFF]
        if bad:
            where = ", ".join(f"register {r} reads {w}" for r, w in bad)
            return None, f"{q.key}: {where}, above 255 for a one-byte energy register (device or line fault)"
        total = 0
        for w in words:
            total = total * 256 + w
        return round(total / q.scale, q.decimals), None
    raw = words[0]
    if q.kind is Kind.PROBE:
        return (None if raw == 0 else _scaled(q, raw)), None
    if q.kind is Kind.DOOR:
        return DOOR_CODES.get(raw), None
    if q.kind is Kind.PRESENCE:
        return PRESENCE_CODES.get(raw), None
    if q.kind is Kind.ALARM:
        return ALARM_CODES.get(raw, f"unknown ({raw})"), None
    return _scaled(q, raw), None


def encode_quantity(q: Quantity, value: Any) -> list[int]:
    """Registers that carry ``value`` (the inverse of :func:`decode_quantity`).

    ``None`` encodes "not connected" for probes, doors, smoke and water.
    """
    if q.kind is Kind.ENERGY:
        n = int(round(value * q.scale))
        if not 0 <= n < 256 ** q.words:
            raise ValueError(f"{q.key}: {value} does not fit the energy counter")
        return [(n >> (8 * (q.words - 1 - i))) & 0xFF for i in range(q.words)]
    if q.kind in (Kind.DOOR, Kind.PRESENCE):
        codes = DOOR_CODES if q.kind is Kind.DOOR else PRESENCE_CODES
        if value is None:
            return [0]
        return [next(k for k, v in codes.items() if v == value)]
    if q.kind is Kind.ALARM:
        return [ALARM_VALUES[value]]
    if value is None:
        if q.kind is not Kind.PROBE:
            raise ValueError(f"{q.key}: no value")
        return [0]
    n = int(round(value * q.scale))
    low, high = (-0x8000, 0x7FFF) if q.signed else (0, 0xFFFF)
    if not low <= n <= high:
        raise ValueError(f"{q.key}: {value} {q.unit} is outside the register's range")
    if q.kind is Kind.PROBE and n == 0:
        n = 1 if value >= 0 else -1  # 0 would read as "not connected"
    return [n & 0xFFFF]


@dataclass(frozen=True)
class UnitReading:
    """A decoded snapshot of one unit. Immutable: it crosses threads as a signal argument."""

    address: int
    raw: tuple[int | None, ...]  # registers 0..98 as read; None where not read
    values: Mapping[str, Any] = field(default_factory=dict)  # QUANTITIES key -> decoded value
    faults: tuple[str, ...] = ()

    @property
    def phases(self) -> int:
        for key in ("voltage_l2", "voltage_l3"):
            v = self.values.get(key)
            if v:
                return 3
        return 1

    def value(self, key: str) -> Any:
        return self.values.get(key)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of ``bps-commissioner read`` for this unit."""
        phases = self.phases
        readings: dict[str, dict[str, Any]] = {p: {} for p in PHASES[:phases]}
        readings["total"] = {}
        sensors: dict[str, Any] = {}
        thresholds: dict[str, dict[str, Any]] = {}
        alarms: dict[str, Any] = {}
        for q in QUANTITIES:
            if q.key not in self.values:
                continue
            v = self.values[q.key]
            if q.section is Section.READINGS:
                if q.group in readings:
                    readings[q.group][q.field] = v
            elif q.section is Section.SENSORS:
                sensors[q.field] = v
            elif q.section is Section.THRESHOLDS:
                thresholds.setdefault(q.group, {})[q.field] = v
            else:
                alarms[q.group] = v
        out: dict[str, Any] = {"address": self.address, "phases": phases, "readings": readings,
                               "sensors": sensors, "thresholds": thresholds, "alarms": alarms}
        if self.faults:
            out["faults"] = list(self.faults)
        return out


def decode_registers(address: int, registers: Mapping[int, int]) -> UnitReading:
    """Decode every row whose registers are all present in ``registers``."""
    raw = tuple(registers.get(i) for i in range(REGISTER_COUNT))
    values: dict[str, Any] = {}
    faults: list[str] = []
    for q in QUANTITIES:
        words = tuple(registers.get(r) for r in q.registers)
        if any(w is None for w in words):
            continue
        value, fault = decode_quantity(q, words)  # type: ignore[arg-type]
        values[q.key] = value
        if fault:
            faults.append(fault)
    return UnitReading(address, raw, MappingProxyType(values), tuple(faults))


def registers_of(values: Mapping[str, Any]) -> dict[int, int]:
    """Encode a mapping of QUANTITIES keys to values into registers (simulator side)."""
    regs: dict[int, int] = {}
    for key, value in values.items():
        q = BY_KEY[key]
        for reg, word in zip(q.registers, encode_quantity(q, value)):
            regs[reg] = word
    return regs


def alarm_state(value: float | None, low: float, high: float) -> str:
    """The state a unit reports for a live value against its thresholds."""
    if value is None:
        return "normal"
    if value < low:
        return "low"
    if value > high:
        return "high"
    return "normal"


__all__ = [
    "ALARM_CODES", "DOOR_CODES", "PRESENCE_CODES", "MONITORED", "UnitReading", "alarm_state",
    "decode_quantity", "decode_registers", "encode_quantity", "registers_of", "to_signed16",
]
