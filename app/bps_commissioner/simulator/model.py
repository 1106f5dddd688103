"""Simulated BPS2000v2 units: 99 holding registers with live, plausible values.

Every register is written through the device/ table (:func:`registers_of`); this module
knows quantities by their keys, never register numbers. Values are recomputed lazily,
when a read arrives and the last computation is older than :data:`REFRESH_INTERVAL`, so a
chain of hundreds of idle units costs nothing.

Decisions:

* a single-phase unit reads 0 in every L2/L3 register, and its L2/L3 alarm states stay
  normal (there is nothing to watch), as for an absent probe;
* the load stays between 30 % and 80 % of the rating: plausible for a rack, and at 80 % of
  32 A the apparent power (about 6 kVA, register 60000) still fits its 16-bit register;
* energy counters integrate the active/apparent power over the time between refreshes;
* the alarm states compare the values *as the registers carry them* against the
  thresholds, so a client that decodes both sees the same verdict as the unit.
"""

from __future__ import annotations

import math
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from bps_commissioner.device.decode import alarm_state, decode_quantity, registers_of
from bps_commissioner.device.registers import (
    BY_KEY,
    MONITORED,
    PHASES,
    REGISTER_COUNT,
    Kind,
    Quantity,
    Section,
    quantities,
)

#: A read recomputes the live values when they are older than this (seconds).
REFRESH_INTERVAL = 0.1

#: The probe on the T/H port, and the SensorBox with its two probes, doors, smoke and water.
TH_PROBE = ("temperature", "humidity")
SENSOR_BOX = ("temperature_1", "humidity_1", "temperature_2", "humidity_2",
              "door_1", "door_2", "smoke", "water")
SENSORS = tuple(q.key for q in quantities(Section.SENSORS))

RATINGS = (16, 32)

DEFAULT_FIRMWARE_VERSION = "2.0.5-C"
DEFAULT_FIRMWARE_DATE = "2020-06-30"

_TWO_PI = 2 * math.pi

#: (phase or "total", field) -> QUANTITIES key of each reading, e.g. ("L2", "current") -> "current_l2".
_READING_KEY: dict[tuple[str, str], str] = {(q.group, q.field): q.key for q in quantities(Section.READINGS)
                                             if q.group}


class WriteRecord(NamedTuple):
    """One FC06 request as the unit received it (whether or not it was applied)."""

    address: int
    register: int
    value: int


def default_thresholds(rating: int) -> dict[str, float]:
    """Factory alarm limits, by the threshold's unit: voltage 180..276 V, current
    0..rating A, temperature 0..40 degC, humidity 0..90 %."""
    limits = {"V": (180.0, 276.0), "A": (0.0, float(rating)), "°C": (0.0, 40.0), "%": (0.0, 90.0)}
    out: dict[str, float] = {}
    for mon in MONITORED:
        out[f"{mon.key}.low"], out[f"{mon.key}.high"] = limits[mon.unit]
    return out


def _clamp(value: float, low: float, high: float) -> float:
    return min(high, max(low, value))


class SimulatedUnit:
    """One BPS2000v2: its holding registers 0..98 and the failure-injection hooks.

    ``probes`` names the connected sensors (keys of :data:`SENSORS`, e.g. :data:`TH_PROBE`);
    the others read 0, "not connected". ``alarm=True`` sets a tight voltage L1 high-alarm
    limit (225 V) so the unit starts in alarm, as a misconfigured unit would; writing a
    sane limit clears it. ``seed=None`` gives different values on every run; ``clock``
    is the time source (seconds) the live values and energy counters follow.

    Hooks a test may set at any time: ``fail_writes`` (register -> exception code: the
    write is refused with it and changes nothing), ``mangle_writes`` (registers whose
    write is acknowledged but stores value + 1), ``silent`` (the unit never answers),
    ``max_read_count`` (an FC03 asking for more registers gets exception 03).
    ``write_log`` receives a :class:`WriteRecord` for every write; a
    :class:`SimulatedChain` shares one log among its units.
    """

    def __init__(self, address: int, phases: int = 3, rating: int = 16,
                 probes: Iterable[str] = TH_PROBE, seed: Any = None, alarm: bool = False,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if phases not in (1, 3):
            raise ValueError(f"a unit has 1 or 3 phases, not {phases}")
        if rating not in RATINGS:
            raise ValueError(f"a unit is rated 16 or 32 A, not {rating}")
        self.probes = frozenset(probes)
        if not self.probes <= set(SENSORS):
            raise ValueError(f"unknown probe(s) {sorted(self.probes - set(SENSORS))}")
        self.address = address
        self.phases = phases
        self.rating = rating

        self.fail_writes: dict[int, int] = {}
        self.mangle_writes: set[int] = set()
        self.silent = False
        self.max_read_count = 125
        self.write_log: list[WriteRecord] = []
        # What the Telnet banner shows; the firmware flasher changes them after a restart.
        self.firmware_version = DEFAULT_FIRMWARE_VERSION
        self.firmware_date = DEFAULT_FIRMWARE_DATE

        self._clock = clock
        self._lock = threading.Lock()
        self._rng = random.Random(seed)
        self._pinned: dict[str, Any] = {}
        self._absent_phases = frozenset(PHASES[phases:])
        self._regs = [0] * REGISTER_COUNT
        self._init_profile()
        thresholds = default_thresholds(rating)
        if alarm:
            thresholds["voltage_l1.high"] = 225.0
        self._store(registers_of(thresholds))
        self._born = self._refreshed = clock()
        self._compute(self._born)

    def __repr__(self) -> str:
        return (f"SimulatedUnit(address={self.address}, phases={self.phases}, "
                f"rating={self.rating}, probes={sorted(self.probes)})")

    # --- the register interface used by the protocol servers ------------------------------

    def read(self, start: int, count: int) -> list[int]:
        """Registers ``start .. start+count-1``, refreshed if older than REFRESH_INTERVAL."""
        with self._lock:
            now = self._clock()
            if now - self._refreshed >= REFRESH_INTERVAL:
                self._compute(now)
            return self._regs[start:start + count]

    def write(self, register: int, value: int) -> None:
        """Store a register as written (a threshold) and re-evaluate the alarm states."""
        with self._lock:
            self._regs[register] = value & 0xFFFF
            self._update_alarms()

    def pin(self, values: Mapping[str, Any]) -> None:
        """Hold readings or sensors at fixed values (QUANTITIES keys, engineering units),
        e.g. ``{"voltage_l1": 231.8}``; the energy counters integrate a pinned power too."""
        bad = [k for k in values if BY_KEY[k].section not in (Section.READINGS, Section.SENSORS)]
        if bad:
            raise ValueError(f"only readings and sensors can be pinned, not {bad}")
        registers_of(values)  # validate now rather than at the next read
        with self._lock:
            self._pinned.update(values)
            self._compute(self._clock())

    def reset_energy(self, phase: str) -> None:
        """Clear the active and apparent energy counters of ``phase`` ("L1".."L3"), as the
        unit's Telnet ``clearpN`` and web UI do; the totals follow."""
        if phase not in PHASES:
            raise ValueError(f"phase {phase!r} is not one of {', '.join(PHASES)}")
        with self._lock:
            self._compute(self._clock())  # integrate up to now, then clear
            self._energy[phase] = [0.0, 0.0]
            self._compute(self._clock())

    def unpin(self, *keys: str) -> None:
        """Let pinned quantities (all when none are named) follow the live profile again."""
        with self._lock:
            for key in keys or list(self._pinned):
                self._pinned.pop(key, None)
            self._compute(self._clock())

    # --- the live profile -----------------------------------------------------------------

    def _init_profile(self) -> None:
        """Per-unit constants, drawn once, that make units differ from one another."""
        rng = self._rng
        self._nominal_v = [rng.uniform(228.0, 233.0) for _ in PHASES]
        self._load_base = [rng.uniform(0.45, 0.6) for _ in PHASES]
        self._load_swing = [rng.uniform(0.08, 0.14) for _ in PHASES]
        self._load_period = rng.uniform(240.0, 600.0)  # seconds: a slow load cycle
        self._pf_base = [rng.uniform(0.85, 0.96) for _ in PHASES]
        self._shift = {key: rng.uniform(0.0, _TWO_PI) for key in (*PHASES, *SENSORS, "f")}
        self._sensor_base = {key: rng.uniform(23.0, 26.0) if BY_KEY[key].unit == "°C"
                             else rng.uniform(40.0, 50.0) for key in SENSORS}
        # Counters start where a unit some months in service would be (cf. the manual's
        # 1800.12 kWh); the apparent energy is the larger by the power factor.
        self._energy: dict[str, list[float]] = {}
        for phase, pf in zip(PHASES, self._pf_base, strict=True):
            active = 0.0 if phase in self._absent_phases else round(rng.uniform(800.0, 2500.0), 2)
            self._energy[phase] = [active, active / pf]

    def _compute(self, now: float) -> None:
        """Recompute every reading and sensor for ``now`` and integrate the energy."""
        rng = self._rng
        t = now - self._born
        dt = max(0.0, now - self._refreshed)
        self._refreshed = now

        def pinned(group: str, field: str, live: float) -> float:
            return self._pinned.get(_READING_KEY[group, field], live)

        freq = _clamp(50.0 + 0.03 * math.sin(_TWO_PI * t / 97.0 + self._shift["f"])
                      + rng.gauss(0.0, 0.005), 49.95, 50.05)
        groups: dict[str, dict[str, float]] = {}
        for i, phase in enumerate(PHASES):
            if phase in self._absent_phases:
                volts = amps = pf = f = 0.0
            else:
                shift = self._shift[phase]
                volts = (self._nominal_v[i] + 1.5 * math.sin(_TWO_PI * t / 600.0 + shift)
                         + rng.gauss(0.0, 0.3))
                load = _clamp(self._load_base[i] + self._load_swing[i]
                              * math.sin(_TWO_PI * t / self._load_period + shift)
                              + rng.gauss(0.0, 0.01), 0.3, 0.8)
                amps = self.rating * load
                pf = _clamp(self._pf_base[i] + rng.gauss(0.0, 0.005), 0.80, 0.99)
                f = freq
            volts, amps, pf = (pinned(phase, "voltage", volts), pinned(phase, "current", amps),
                               pinned(phase, "power_factor", pf))
            s = volts * amps
            p = s * pf
            g = groups[phase] = {
                "voltage": volts, "current": amps, "power_factor": pf,
                "frequency": pinned(phase, "frequency", f),
                "apparent_power": pinned(phase, "apparent_power", s),
                "active_power": pinned(phase, "active_power", p),
                "reactive_power": pinned(phase, "reactive_power", math.sqrt(max(0.0, s * s - p * p))),
            }
            counters = self._energy[phase]
            counters[0] += g["active_power"] * dt / 3.6e6  # W * s -> kWh
            counters[1] += g["apparent_power"] * dt / 3.6e6
        for phase, (active, apparent) in self._energy.items():
            groups[phase]["active_energy"] = pinned(phase, "active_energy", active)
            groups[phase]["apparent_energy"] = pinned(phase, "apparent_energy", apparent)
        groups["total"] = {field: pinned("total", field, sum(groups[p][field] for p in PHASES))
                           for field in ("active_energy", "apparent_energy")}
        values: dict[str, Any] = {key: groups[group][field] for (group, field), key in _READING_KEY.items()}
        for q in quantities(Section.SENSORS):
            values[q.key] = self._pinned.get(q.key, self._sensor(q, t))
        self._store(registers_of(values))
        self._update_alarms()

    def _sensor(self, q: Quantity, t: float) -> Any:
        if q.key not in self.probes:
            return None
        if q.kind is Kind.DOOR:
            return "closed"
        if q.kind is Kind.PRESENCE:
            return "no"
        shift = self._shift[q.key]
        base = self._sensor_base[q.key]
        if q.unit == "°C":
            return _clamp(base + math.sin(_TWO_PI * t / 1800.0 + shift) + self._rng.gauss(0.0, 0.05),
                          22.0, 27.0)
        return _clamp(base + 4.0 * math.sin(_TWO_PI * t / 3600.0 + shift) + self._rng.gauss(0.0, 0.2),
                      35.0, 55.0)

    # --- registers ------------------------------------------------------------------------

    def _store(self, regs: Mapping[int, int]) -> None:
        for register, word in regs.items():
            self._regs[register] = word

    def _decoded(self, key: str) -> Any:
        q = BY_KEY[key]
        return decode_quantity(q, tuple(self._regs[r] for r in q.registers))[0]

    def _update_alarms(self) -> None:
        states = {}
        for mon in MONITORED:
            watched = None if BY_KEY[mon.reading].group in self._absent_phases else self._decoded(mon.reading)
            states[f"{mon.key}.alarm"] = alarm_state(watched, self._decoded(f"{mon.key}.low"),
                                                     self._decoded(f"{mon.key}.high"))
        self._store(registers_of(states))


class SimulatedChain:
    """The units of a simulated bus, by address; a repeated address holds two units."""

    def __init__(self, units: Iterable[SimulatedUnit]) -> None:
        self.units = tuple(units)
        self.writes: list[WriteRecord] = []  # every write any unit received, in order
        self._by_address: dict[int, list[SimulatedUnit]] = {}
        for unit in self.units:
            unit.write_log = self.writes
            self._by_address.setdefault(unit.address, []).append(unit)

    def __iter__(self) -> Iterator[SimulatedUnit]:
        return iter(self.units)

    def __len__(self) -> int:
        return len(self.units)

    @property
    def addresses(self) -> tuple[int, ...]:
        return tuple(sorted(self._by_address))

    def at(self, address: int) -> tuple[SimulatedUnit, ...]:
        """The units answering to ``address`` (empty when none does)."""
        return tuple(self._by_address.get(address, ()))


def unit_kind(address: int) -> dict[str, Any]:
    """The type of unit :func:`build_chain` puts at ``address``, a fixed mix so that a
    chain shows every kind: every 4th address single-phase, every 3rd rated 32 A, and by
    address modulo 5: 0 and 3 no probes, 1 the T/H probe, 2 the T/H probe and a SensorBox,
    4 a SensorBox only."""
    probes = {0: (), 1: TH_PROBE, 2: TH_PROBE + SENSOR_BOX, 3: (), 4: SENSOR_BOX}[address % 5]
    return {"phases": 1 if address % 4 == 0 else 3,
            "rating": 32 if address % 3 == 0 else 16,
            "probes": probes}


def build_chain(units: Iterable[int], seed: int | None = None,
                alarm: Iterable[int] = ()) -> SimulatedChain:
    """A chain with one unit per entry of ``units`` (repeats give two units one address),
    each of :func:`unit_kind`. A given ``seed`` makes every value repeatable; the units
    whose addresses are in ``alarm`` start in a voltage alarm (see SimulatedUnit)."""
    alarm = set(alarm)
    built = []
    for index, address in enumerate(units):
        unit_seed = None if seed is None else f"{seed}:{index}:{address}"
        built.append(SimulatedUnit(address, seed=unit_seed, alarm=address in alarm, **unit_kind(address)))
    return SimulatedChain(built)


__all__ = ["REFRESH_INTERVAL", "SENSORS", "SENSOR_BOX", "TH_PROBE", "SimulatedChain", "SimulatedUnit",
           "WriteRecord", "build_chain", "default_thresholds", "unit_kind"]
