"""Alarm thresholds: their names, the limits a value must respect, and a safe write order.

A threshold is named ``<quantity>.<low|high>`` after the monitored quantities of
:data:`~bps_commissioner.device.registers.MONITORED` (``voltage_l1.low``,
``current_l2.high``, ``humidity_1.low``, ...); its register, scale and sign come from the
register table, never from this module.

Validation (PROTOCOL.md 2.3, the threshold issue), all done before the first write:

* the value must be a number, of a threshold that exists, given once;
* it must fit the register: voltage and current thresholds carry one decimal (0.1 V,
  0.1 A steps), temperature and humidity thresholds whole numbers;
* it must lie in the physical range: voltage 0..300 V, current 0..the unit's rated
  current (16 or 32 A; not readable from the unit, 32 A unless told otherwise),
  temperature -20..60 degC, humidity 0..100 %;
* after the change, low <= high, taking the unit's present value for a side not given.

Write order (:func:`plan_writes`): when both sides of one quantity change, the order keeps
every intermediate state valid: a window moving up writes high first, one moving down
writes low first. Quantities are independent of one another and go in register order.

Pure Python: values in, values and problems out. Messages are English (the CLI's
language); each :class:`Problem` also carries a ``code`` and its numbers so that the GUI
can show a translated text.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

from bps_commissioner.device.decode import decode_quantity, encode_quantity
from bps_commissioner.device.numbers import NumberError, parse_decimal
from bps_commissioner.device.registers import (
    BY_KEY,
    MONITORED,
    MONITORED_BY_KEY,
    Quantity,
    Section,
    quantities,
)

SIDES = ("low", "high")

#: Every threshold setting, in register order.
SETTINGS: tuple[str, ...] = tuple(q.key for q in quantities(Section.THRESHOLDS))

#: The rated input current of a unit is 16 or 32 A (PROTOCOL.md 1); it cannot be read
#: from the unit, so the engineer states it (``--rating``); 32 A when not stated.
RATINGS = (16, 32)
DEFAULT_RATING = 32

#: Physical range of a threshold by its engineering unit; current is 0..rating.
PHYSICAL_RANGES: dict[str, tuple[float, float]] = {"V": (0.0, 300.0), "°C": (-20.0, 60.0), "%": (0.0, 100.0)}

#: The registers that hold the thresholds, as (first, count) for one FC03 read.
THRESHOLD_REGISTERS: tuple[int, int] = (
    min(BY_KEY[s].register for s in SETTINGS),
    max(BY_KEY[s].register for s in SETTINGS) - min(BY_KEY[s].register for s in SETTINGS) + 1,
)


def quantity_of(setting: str) -> Quantity:
    """The register-table row of a setting name (KeyError for an unknown one)."""
    q = BY_KEY[setting]
    if q.section is not Section.THRESHOLDS:
        raise KeyError(setting)
    return q


def setting_name(quantity: str, side: str) -> str:
    return f"{quantity}.{side}"


def split_setting(setting: str) -> tuple[str, str]:
    """``"current_l1.high"`` -> ``("current_l1", "high")``."""
    q = quantity_of(setting)
    return q.group or "", q.field


def partner(setting: str) -> str:
    """The other side of the same quantity: ``voltage_l1.low`` <-> ``voltage_l1.high``."""
    quantity, side = split_setting(setting)
    return setting_name(quantity, "high" if side == "low" else "low")


def check_rating(rating: int) -> int:
    if rating not in RATINGS:
        raise ValueError(f"rated current {rating} A is not one a BPS2000v2 has (16 or 32 A)")
    return rating


def physical_range(setting: str, rating: int = DEFAULT_RATING) -> tuple[float, float]:
    """The range a value of ``setting`` must lie in, in its engineering unit."""
    q = quantity_of(setting)
    if q.unit == "A":
        return 0.0, float(check_rating(rating))
    return PHYSICAL_RANGES[q.unit]


def step(setting: str) -> float:
    """The smallest change the register can carry (0.1 V, 1 degC, ...)."""
    return 1.0 / quantity_of(setting).scale


def format_value(setting: str, value: float | None, *, unit: bool = True) -> str:
    """A value with the decimals its register carries: ``190.5 V``, ``60 %``."""
    if value is None:
        return "?"
    q = quantity_of(setting)
    text = f"{value:.{q.decimals}f}"
    return f"{text} {q.unit}" if unit else text


def normalize(setting: str, value: float) -> float | int:
    """A value as the register carries it: int for whole-number thresholds, else rounded."""
    q = quantity_of(setting)
    if q.decimals == 0:
        return int(round(value))
    return round(float(value), q.decimals)


def encode(setting: str, value: float) -> int:
    """The register word that carries ``value`` (signed thresholds in two's complement)."""
    q = quantity_of(setting)
    return encode_quantity(q, value)[0]


def decode(setting: str, word: int) -> float | int:
    """The engineering value of a register word of ``setting``."""
    return decode_quantity(quantity_of(setting), (word,))[0]


# --- problems ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    """One reason to refuse a setting. ``setting`` is the name as given (or the text that
    could not be parsed); ``code`` is one of ``syntax``, ``unknown``, ``duplicate``,
    ``not_a_number``, ``decimals``, ``range``, ``order``, ``unreadable``, ``audit``;
    ``data`` holds the numbers the message quotes (for a translated text)."""

    setting: str
    code: str
    message: str
    data: Mapping[str, Any] = field(default_factory=dict, compare=False)
    unit: int | None = None  # the unit it concerns, for a chain

    def __str__(self) -> str:
        return f"unit {self.unit}: {self.message}" if self.unit is not None else self.message

    def for_unit(self, unit: int) -> "Problem":
        return replace(self, unit=unit)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"setting": self.setting, "problem": self.code, "message": self.message}
        if self.unit is not None:
            out["unit"] = self.unit
        return out


class ValidationError(ValueError):
    """Settings refused before anything was written; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def unknown_setting(name: str) -> Problem:
    close = difflib.get_close_matches(name, SETTINGS, n=1)
    hint = f"; did you mean {close[0]}?" if close else f"; thresholds are <quantity>.low|high with quantity one of " \
                                                       f"{', '.join(m.key for m in MONITORED)}"
    return Problem(name, "unknown", f"{name}: no such threshold{hint}", {"suggestion": close[0] if close else ""})


def parse_number(setting: str, raw: Any) -> Decimal | Problem:
    """A value as given (text from the command line, a JSON number) as a finite Decimal.
    Text must be a plain number (:func:`~bps_commissioner.device.numbers.parse_decimal`:
    ASCII digits, an optional sign and decimal point; no ``1_0``, ``1e1``, ``１０``)."""
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float, Decimal)):
        return Problem(setting, "not_a_number", f"{setting}: {raw!r} is not a number", {"text": repr(raw)})
    if isinstance(raw, str):  # typed by a person: the one strict reader (ASCII digits, one point)
        try:
            number = parse_decimal(raw)
        except NumberError as exc:
            return Problem(setting, "not_a_number", f"{setting}: {exc}", {"text": raw})
        return number
    try:
        number = Decimal(str(raw))
    except InvalidOperation:
        return Problem(setting, "not_a_number", f"{setting}: {raw!r} is not a number", {"text": str(raw)})
    if not number.is_finite():
        return Problem(setting, "not_a_number", f"{setting}: {raw!r} is not a finite number", {"text": str(raw)})
    return number


def parse_assignments(items: list[str] | tuple[str, ...]) -> tuple[dict[str, str], list[Problem]]:
    """``["current_l1.high=25", ...]`` -> ({setting: text}, problems). Names are checked here,
    values by :func:`validate`."""
    out: dict[str, str] = {}
    problems: list[Problem] = []
    for item in items:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name or not text.strip():
            problems.append(Problem(item, "syntax", f"{item!r}: expected SETTING=VALUE, e.g. current_l1.high=25"))
        elif name not in SETTINGS:
            problems.append(unknown_setting(name))
        elif name in out:
            problems.append(Problem(name, "duplicate", f"{name}: given twice ({out[name]} and {text.strip()})"))
        else:
            out[name] = text.strip()
    return out, problems


def check_value(name: str, number: Decimal, rating: int, *, threshold: str | None = None) -> float | Problem:
    """A parsed value of setting ``name`` checked against what the register of ``threshold``
    (default ``name``; e.g. a Telnet warning limit is held like its alarm limit) carries:
    its decimals and the physical range. Returns the value, or the :class:`Problem`."""
    base = threshold or name
    q = quantity_of(base)
    scaled = number * q.scale
    if scaled != scaled.to_integral_value():
        steps = "whole numbers only" if q.decimals == 0 else f"{q.decimals} decimal{'s' if q.decimals > 1 else ''}"
        return Problem(name, "decimals",
                       f"{name} = {number} {q.unit}: more decimals than the register holds ({steps}, "
                       f"steps of {format_value(base, step(base))})",
                       {"value": float(number), "decimals": q.decimals, "unit": q.unit})
    low, high = physical_range(base, rating)
    value = float(number)
    if not low <= value <= high:
        what = f"the unit's rated current ({rating} A)" if q.unit == "A" else "the physical range"
        return Problem(name, "range",
                       f"{name} = {format_value(base, value)} is outside {what}: "
                       f"{format_value(base, low)} .. {format_value(base, high)}",
                       {"value": value, "low": low, "high": high, "unit": q.unit, "rating": rating})
    return value


def validate(present: Mapping[str, float], requested: Mapping[str, Any],
             rating: int = DEFAULT_RATING) -> dict[str, float | int]:
    """Check ``requested`` ({setting: value as given}) against the unit's ``present``
    thresholds ({setting: value}, as read). Returns the requested values normalized to
    what the registers carry; raises :class:`ValidationError` listing every problem."""
    check_rating(rating)
    problems: list[Problem] = []
    values: dict[str, float | int] = {}
    for setting, raw in requested.items():
        if setting not in SETTINGS:
            problems.append(unknown_setting(setting))
            continue
        number = parse_number(setting, raw)
        if isinstance(number, Problem):
            problems.append(number)
            continue
        checked = check_value(setting, number, rating)
        if isinstance(checked, Problem):
            problems.append(checked)
            continue
        value = checked
        values[setting] = normalize(setting, value)
    # low <= high, with the present value of a side that is not given (or was refused above)
    for mon in MONITORED:
        lo_key, hi_key = setting_name(mon.key, "low"), setting_name(mon.key, "high")
        if lo_key not in values and hi_key not in values:
            continue
        if (lo_key in requested and lo_key not in values) or (hi_key in requested and hi_key not in values):
            continue  # one side is already refused: comparing would only repeat it
        lo, hi = values.get(lo_key, present.get(lo_key)), values.get(hi_key, present.get(hi_key))
        if lo is None or hi is None or lo <= hi:
            continue
        unit = MONITORED_BY_KEY[mon.key].unit
        if lo_key in values and hi_key in values:
            problems.append(Problem(
                lo_key, "order",
                f"{lo_key} = {format_value(lo_key, lo)} is above {hi_key} = {format_value(hi_key, hi)}",
                {"value": lo, "other": hi_key, "other_value": hi, "present": False, "unit": unit}))
        elif lo_key in values:
            problems.append(Problem(
                lo_key, "order",
                f"{lo_key} = {format_value(lo_key, lo)} is above {hi_key} = {format_value(hi_key, hi)} "
                f"(the unit's present value; change both to move the window)",
                {"value": lo, "other": hi_key, "other_value": hi, "present": True, "unit": unit}))
        else:
            problems.append(Problem(
                hi_key, "order",
                f"{hi_key} = {format_value(hi_key, hi)} is below {lo_key} = {format_value(lo_key, lo)} "
                f"(the unit's present value; change both to move the window)",
                {"value": hi, "other": lo_key, "other_value": lo, "present": True, "unit": unit}))
    if problems:
        problems.sort(key=lambda p: SETTINGS.index(p.setting) if p.setting in SETTINGS else -1)
        raise ValidationError(problems)
    return values


def order_ok(low: float | None, high: float | None) -> bool:
    return low is None or high is None or low <= high


# --- planning ------------------------------------------------------------------------------

@dataclass(frozen=True)
class PlannedWrite:
    """One function-06 write: ``setting`` from ``old`` to ``new`` (register word ``word``)."""

    setting: str
    register: int
    old: float | int | None
    new: float | int
    word: int


def plan_writes(present: Mapping[str, float], values: Mapping[str, float | int]
                ) -> tuple[tuple[PlannedWrite, ...], tuple[str, ...]]:
    """The writes that take the unit from ``present`` to ``values`` (validated), in a safe
    order, and the settings left unchanged (their register already holds the value)."""
    writes: list[PlannedWrite] = []
    unchanged: list[str] = []
    for mon in MONITORED:
        pair: list[PlannedWrite] = []
        for side in SIDES:
            setting = setting_name(mon.key, side)
            if setting not in values:
                continue
            new = values[setting]
            old = present.get(setting)
            word = encode(setting, new)
            if old is not None and encode(setting, old) == word:
                unchanged.append(setting)
                continue
            pair.append(PlannedWrite(setting, quantity_of(setting).register, old, new, word))
        if len(pair) == 2:
            low_write, high_write = pair
            old_low = low_write.old
            # window moving up: high first (old low <= new low <= new high);
            # moving down (or not at all): low first (new low <= old low <= old high).
            if old_low is not None and low_write.new > old_low:
                pair = [high_write, low_write]
        writes.extend(pair)
    return tuple(writes), tuple(unchanged)


def thresholds_of(values: Mapping[str, Any]) -> dict[str, float | int]:
    """The threshold settings among decoded values (e.g. ``UnitReading.values``)."""
    return {s: values[s] for s in SETTINGS if s in values and values[s] is not None}


__all__ = [
    "DEFAULT_RATING", "PHYSICAL_RANGES", "RATINGS", "SETTINGS", "SIDES", "THRESHOLD_REGISTERS",
    "PlannedWrite", "Problem", "ValidationError", "check_rating", "decode", "encode", "format_value",
    "normalize", "order_ok", "parse_assignments", "parse_number", "partner", "physical_range",
    "plan_writes", "quantity_of", "setting_name", "split_setting", "step", "thresholds_of",
    "unknown_setting", "validate",
]
