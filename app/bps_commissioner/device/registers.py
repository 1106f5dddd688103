"""The BPS2000v2 register map: every quantity described once.

Each row of :data:`QUANTITIES` says where a quantity lives in the JSON/readout
(``section``, ``group``, ``field``), which Modbus holding registers carry it, how it is
scaled and decoded, its engineering unit, its SNMP item number and a translatable label.
The decoder, the simulator, the CLI and later the dashboards, plots and exports all read
this table; a new register is one new row.

Facts follow ../shared/reference/PROTOCOL.md (section 2), including its settled errata:
humidity at 56..58 and the temperature-1 thresholds at 77/78.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from bps_commissioner.device.i18n import QT_TRANSLATE_NOOP

#: Highest holding register the unit documents; a read beyond it is refused (exception 02).
LAST_REGISTER = 98
REGISTER_COUNT = LAST_REGISTER + 1

#: Threshold registers, the only ones that accept a write (function 06).
THRESHOLD_FIRST = 63
THRESHOLD_LAST = 86

PHASES = ("L1", "L2", "L3")


class Kind(Enum):
    """How the raw register(s) of a quantity turn into a value."""

    MEASURE = "measure"  # unsigned (or signed) register / scale
    ENERGY = "energy"  # four registers of one byte each, big-endian, / scale
    PROBE = "probe"  # like MEASURE, but 0 means "probe not connected"
    DOOR = "door"  # 1 open, 2 closed, else not connected
    PRESENCE = "presence"  # smoke / water: 1 yes, 2 no, else not connected
    THRESHOLD = "threshold"  # read/write alarm limit, register / scale
    ALARM = "alarm"  # 0 normal, 1 low, 16 high, else unknown


class Section(Enum):
    READINGS = "readings"
    SENSORS = "sensors"
    THRESHOLDS = "thresholds"
    ALARMS = "alarms"


@dataclass(frozen=True)
class Quantity:
    """One row of the register map."""

    key: str  # unique name, e.g. "voltage_l1", "active_energy_total", "door_1", "current_l2.high"
    section: Section
    group: str | None  # phase ("L1".."L3", "total") for readings; monitored quantity for limits/alarms
    field: str  # the JSON leaf name: "voltage", "low", "temperature_1", ...
    register: int  # first holding register (0-based protocol address)
    words: int  # registers it spans
    scale: int  # engineering value = register / scale
    signed: bool
    unit: str  # engineering unit ("" for none)
    kind: Kind
    label: str  # English source text, marked for Qt Linguist (context "Quantity")
    oid_item: int | None = None  # SNMP item number (PROTOCOL.md section 3), None if not in the OID table

    @property
    def registers(self) -> range:
        return range(self.register, self.register + self.words)

    @property
    def decimals(self) -> int:
        """Decimal places the register can carry (scale 100 -> 2)."""
        return len(str(self.scale)) - 1


@dataclass(frozen=True)
class Monitored:
    """A quantity with low/high alarm thresholds and an alarm-state register."""

    key: str  # "voltage_l1", "temperature_2", ...
    reading: str  # the QUANTITIES key of the live value it watches
    low_register: int
    high_register: int
    alarm_register: int
    scale: int  # thresholds' own scale (current thresholds are /10 while readings are /100)
    unit: str
    label: str


# --- labels (literal strings so that pyside6-lupdate extracts them) ---------------------
_L = {
    "voltage": QT_TRANSLATE_NOOP("Quantity", "Voltage"),
    "current": QT_TRANSLATE_NOOP("Quantity", "Current"),
    "active_power": QT_TRANSLATE_NOOP("Quantity", "Active power"),
    "reactive_power": QT_TRANSLATE_NOOP("Quantity", "Reactive power"),
    "apparent_power": QT_TRANSLATE_NOOP("Quantity", "Apparent power"),
    "frequency": QT_TRANSLATE_NOOP("Quantity", "Frequency"),
    "power_factor": QT_TRANSLATE_NOOP("Quantity", "Power factor"),
    "active_energy": QT_TRANSLATE_NOOP("Quantity", "Active energy"),
    "apparent_energy": QT_TRANSLATE_NOOP("Quantity", "Apparent energy"),
    "temperature": QT_TRANSLATE_NOOP("Quantity", "Temperature"),
    "temperature_1": QT_TRANSLATE_NOOP("Quantity", "Temperature 1"),
    "temperature_2": QT_TRANSLATE_NOOP("Quantity", "Temperature 2"),
    "humidity": QT_TRANSLATE_NOOP("Quantity", "Humidity"),
    "humidity_1": QT_TRANSLATE_NOOP("Quantity", "Humidity 1"),
    "humidity_2": QT_TRANSLATE_NOOP("Quantity", "Humidity 2"),
    "door_1": QT_TRANSLATE_NOOP("Quantity", "Door 1"),
    "door_2": QT_TRANSLATE_NOOP("Quantity", "Door 2"),
    "smoke": QT_TRANSLATE_NOOP("Quantity", "Smoke"),
    "water": QT_TRANSLATE_NOOP("Quantity", "Water (flood)"),
    "voltage_l1": QT_TRANSLATE_NOOP("Quantity", "Voltage L1"),
    "voltage_l2": QT_TRANSLATE_NOOP("Quantity", "Voltage L2"),
    "voltage_l3": QT_TRANSLATE_NOOP("Quantity", "Voltage L3"),
    "current_l1": QT_TRANSLATE_NOOP("Quantity", "Current L1"),
    "current_l2": QT_TRANSLATE_NOOP("Quantity", "Current L2"),
    "current_l3": QT_TRANSLATE_NOOP("Quantity", "Current L3"),
    "low": QT_TRANSLATE_NOOP("Quantity", "low alarm"),
    "high": QT_TRANSLATE_NOOP("Quantity", "high alarm"),
    "alarm": QT_TRANSLATE_NOOP("Quantity", "alarm state"),
}

# Per-phase live values: (field, first register of L1, scale, unit, SNMP item of L1).
# L2 and L3 follow at +1 and +2 registers, SNMP items at +9 and +18.
_PHASE_MEASURES = (
    ("voltage", 0, 10, "V", 2),
    ("current", 3, 100, "A", 1),
    ("active_power", 6, 10, "W", 3),
    ("reactive_power", 9, 10, "var", 4),
    ("apparent_power", 12, 10, "VA", 5),
    ("frequency", 15, 100, "Hz", 6),
    ("power_factor", 18, 100, "", 9),
)
# Per-phase energy counters: (field, register of L1, unit, SNMP item of L1); 4 registers each.
_PHASE_ENERGIES = (
    ("active_energy", 21, "kWh", 7),
    ("apparent_energy", 33, "kVAh", 8),
)


def _build() -> tuple[Quantity, ...]:
    rows: list[Quantity] = []
    for index, phase in enumerate(PHASES):
        suffix = phase.lower()
        for field, reg, scale, unit, item in _PHASE_MEASURES:
            rows.append(Quantity(f"{field}_{suffix}", Section.READINGS, phase, field, reg + index,
                                 1, scale, False, unit, Kind.MEASURE, _L[field], item + 9 * index))
        for field, reg, unit, item in _PHASE_ENERGIES:
            rows.append(Quantity(f"{field}_{suffix}", Section.READINGS, phase, field, reg + 4 * index,
                                 4, 1000, False, unit, Kind.ENERGY, _L[field], item + 9 * index))
    rows += [
        Quantity("active_energy_total", Section.READINGS, "total", "active_energy", 45, 4, 1000,
                 False, "kWh", Kind.ENERGY, _L["active_energy"]),
        Quantity("apparent_energy_total", Section.READINGS, "total", "apparent_energy", 49, 4, 1000,
                 False, "kVAh", Kind.ENERGY, _L["apparent_energy"]),
        Quantity("temperature", Section.SENSORS, None, "temperature", 53, 1, 10, True, "°C",
                 Kind.PROBE, _L["temperature"], 28),
        Quantity("temperature_1", Section.SENSORS, None, "temperature_1", 54, 1, 10, True, "°C",
                 Kind.PROBE, _L["temperature_1"], 29),
        Quantity("temperature_2", Section.SENSORS, None, "temperature_2", 55, 1, 10, True, "°C",
                 Kind.PROBE, _L["temperature_2"], 30),
        Quantity("humidity", Section.SENSORS, None, "humidity", 56, 1, 10, False, "%",
                 Kind.PROBE, _L["humidity"], 31),
        Quantity("humidity_1", Section.SENSORS, None, "humidity_1", 57, 1, 10, False, "%",
                 Kind.PROBE, _L["humidity_1"], 32),
        Quantity("humidity_2", Section.SENSORS, None, "humidity_2", 58, 1, 10, False, "%",
                 Kind.PROBE, _L["humidity_2"], 33),
        Quantity("door_1", Section.SENSORS, None, "door_1", 59, 1, 1, False, "", Kind.DOOR,
                 _L["door_1"], 36),
        Quantity("door_2", Section.SENSORS, None, "door_2", 60, 1, 1, False, "", Kind.DOOR,
                 _L["door_2"], 37),
        Quantity("smoke", Section.SENSORS, None, "smoke", 61, 1, 1, False, "", Kind.PRESENCE,
                 _L["smoke"], 34),
        Quantity("water", Section.SENSORS, None, "water", 62, 1, 1, False, "", Kind.PRESENCE,
                 _L["water"], 35),
    ]
    for mon in MONITORED:
        signed = mon.key.startswith("temperature")
        for field, reg in (("low", mon.low_register), ("high", mon.high_register)):
            rows.append(Quantity(f"{mon.key}.{field}", Section.THRESHOLDS, mon.key, field, reg, 1,
                                 mon.scale, signed, mon.unit, Kind.THRESHOLD, _L[field]))
        rows.append(Quantity(f"{mon.key}.alarm", Section.ALARMS, mon.key, mon.key, mon.alarm_register,
                             1, 1, False, "", Kind.ALARM, _L["alarm"]))
    return tuple(rows)


def _monitored() -> tuple[Monitored, ...]:
    # (key, reading key, threshold scale, unit); thresholds start at 63, alarm states at 87.
    spec = (
        ("voltage_l1", "voltage_l1", 10, "V"),
        ("voltage_l2", "voltage_l2", 10, "V"),
        ("voltage_l3", "voltage_l3", 10, "V"),
        ("current_l1", "current_l1", 10, "A"),
        ("current_l2", "current_l2", 10, "A"),
        ("current_l3", "current_l3", 10, "A"),
        ("temperature", "temperature", 1, "°C"),
        ("temperature_1", "temperature_1", 1, "°C"),
        ("temperature_2", "temperature_2", 1, "°C"),
        ("humidity", "humidity", 1, "%"),
        ("humidity_1", "humidity_1", 1, "%"),
        ("humidity_2", "humidity_2", 1, "%"),
    )
    return tuple(
        Monitored(key, reading, THRESHOLD_FIRST + 2 * i, THRESHOLD_FIRST + 2 * i + 1, 87 + i, scale,
                  unit, _L[key])
        for i, (key, reading, scale, unit) in enumerate(spec)
    )


MONITORED: tuple[Monitored, ...] = _monitored()
QUANTITIES: tuple[Quantity, ...] = _build()
BY_KEY: dict[str, Quantity] = {q.key: q for q in QUANTITIES}
MONITORED_BY_KEY: dict[str, Monitored] = {m.key: m for m in MONITORED}


def quantities(section: Section) -> tuple[Quantity, ...]:
    return tuple(q for q in QUANTITIES if q.section is section)


def owner_of(register: int) -> Quantity | None:
    """The row whose registers include ``register`` (None for an undocumented one)."""
    for q in QUANTITIES:
        if register in q.registers:
            return q
    return None
