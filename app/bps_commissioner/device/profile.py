"""Threshold profiles: one JSON file of alarm thresholds for a whole chain.

    {"name": "Rack A, 16 A units",
     "thresholds": {"voltage_l1": {"low": 200, "high": 253},
                    "current_l1": {"high": 16},
                    "humidity":   {"low": 10, "high": 80}}}

``name`` (text) and ``description`` (text) are optional; ``thresholds`` maps monitored
quantities (``voltage_l1`` .. ``humidity_2``) to ``low`` and/or ``high`` numbers. Anything
else (an unknown key, a repeated key, a value that is not a number, NaN) is refused with the
file, the line and the key path in the message, every problem of the file at once: a profile is applied to every unit of a
chain, so a typo must never be skipped silently.

This module parses and checks structure and names. Whether a value is acceptable for a
given unit (range, decimals, low <= high with the unit's present values) is
:func:`bps_commissioner.device.limits.validate`'s job, run against each unit before the
first write. Pure Python: text in, :class:`Profile` out (reading the file is the caller's).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Mapping

from bps_commissioner.device.jsonfile import JsonFileError, line_of, loads
from bps_commissioner.device.limits import SETTINGS, SIDES, normalize, setting_name
from bps_commissioner.device.registers import MONITORED, MONITORED_BY_KEY

TOP_LEVEL_KEYS = ("name", "description", "thresholds")


class ProfileError(JsonFileError):
    """A profile that cannot be used; the message names the file, line and key."""


@dataclass(frozen=True)
class Profile:
    """A parsed profile: ``thresholds`` maps setting names (``voltage_l1.low``) to values,
    in register order."""

    name: str
    thresholds: Mapping[str, float | int] = field(default_factory=dict)
    description: str = ""

    def to_dict(self) -> dict[str, Any]:
        nested: dict[str, dict[str, float | int]] = {}
        for mon in MONITORED:
            for side in SIDES:
                key = setting_name(mon.key, side)
                if key in self.thresholds:
                    nested.setdefault(mon.key, {})[side] = self.thresholds[key]
        out: dict[str, Any] = {"name": self.name}
        if self.description:
            out["description"] = self.description
        out["thresholds"] = nested
        return out

    def to_json(self) -> str:
        """The profile as a file: one quantity per line, so that a diff stays readable."""
        d = self.to_dict()
        lines = ["{", f'  "name": {json.dumps(d["name"], ensure_ascii=False)},']
        if "description" in d:
            lines.append(f'  "description": {json.dumps(d["description"], ensure_ascii=False)},')
        lines.append('  "thresholds": {')
        items = list(d["thresholds"].items())
        for i, (quantity, sides) in enumerate(items):
            comma = "," if i < len(items) - 1 else ""
            lines.append(f"    {json.dumps(quantity)}: {json.dumps(sides)}{comma}")
        lines += ["  }", "}"]
        return "\n".join(lines) + "\n"


def parse_profile(text: str, source: str = "") -> Profile:
    """Parse the text of a profile file; ``source`` (the file name) goes into messages.
    Raises :class:`ProfileError` listing every problem of the file at once (its
    ``problems``; the message has one per line)."""
    doc = loads(text, source, ProfileError, numbers_for="a threshold")
    if not isinstance(doc, dict):
        raise ProfileError('expected a JSON object {"name": ..., "thresholds": {...}}', source, 1)
    problems: list[ProfileError] = []
    for key in doc:
        if key not in TOP_LEVEL_KEYS:
            problems.append(ProfileError(f"unknown key (a profile has {', '.join(TOP_LEVEL_KEYS)})", source,
                                         line_of(text, key), key))
    name = doc.get("name", "")
    if not isinstance(name, str):
        problems.append(ProfileError("must be text", source, line_of(text, "name"), "name"))
    description = doc.get("description", "")
    if not isinstance(description, str):
        problems.append(ProfileError("must be text", source, line_of(text, "description"), "description"))
    block = doc.get("thresholds")
    line = line_of(text, "thresholds")
    if "thresholds" not in doc:
        problems.append(ProfileError('no "thresholds" object: nothing to apply', source))
    elif not isinstance(block, dict):
        problems.append(ProfileError('must be an object such as {"voltage_l1": {"low": 200, "high": 253}}',
                                     source, line, "thresholds"))
    elif not block:
        problems.append(ProfileError("is empty: nothing to apply", source, line, "thresholds"))
    values: dict[str, float | int] = {}
    for quantity, sides in (block.items() if isinstance(block, dict) else ()):
        path = f"thresholds.{quantity}"
        qline = line_of(text, quantity, after="thresholds")
        if quantity not in MONITORED_BY_KEY:
            problems.append(ProfileError(f"no such quantity (known: {', '.join(m.key for m in MONITORED)})",
                                         source, qline, path))
            continue
        if not isinstance(sides, dict) or not sides:
            problems.append(ProfileError('must be an object with "low" and/or "high", e.g. {"low": 200, "high": 253}',
                                         source, qline, path))
            continue
        for side, value in sides.items():
            if side not in SIDES:
                problems.append(ProfileError('no such threshold (only "low" and "high")', source,
                                             line_of(text, side, after=quantity) or qline, f"{path}.{side}"))
            elif isinstance(value, bool) or not isinstance(value, (int, float)):
                problems.append(ProfileError(f"{json.dumps(value)} is not a number", source,
                                             line_of(text, side, after=quantity) or qline, f"{path}.{side}"))
            else:
                values[setting_name(quantity, side)] = value
    if problems:
        raise ProfileError.collected(problems)
    ordered = {s: values[s] for s in SETTINGS if s in values}
    return Profile(name, ordered, description)


def profile_from_thresholds(name: str, thresholds: Mapping[str, float], description: str = "") -> Profile:
    """A profile of a unit's present thresholds ({setting: value}, as read)."""
    return Profile(name, {s: normalize(s, thresholds[s]) for s in SETTINGS if s in thresholds}, description)


__all__ = ["Profile", "ProfileError", "parse_profile", "profile_from_thresholds"]
