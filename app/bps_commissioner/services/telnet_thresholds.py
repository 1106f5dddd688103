"""Warning (and alarm) thresholds through the unit's Telnet menu 8.

Warning thresholds have no Modbus register and no OID: menu 8 of the Telnet CLI is the only
way to them. It lists, per quantity, four values (PROTOCOL.md section 4)::

    Phase 1 Current [A]: High Alarm:32.0A High Warning:16.0A Low Warning:0.0A Low Alarm:0.0A
    ...
    Temperature [C]: High Alarm:40C High Warning:40C Low Warning:0C Low Alarm:0C
    Humidity [%]: High Alarm:99% High Warning:80% Low Warning:0% Low Alarm:0%

and takes one command per quantity with all four: ``current one:32&25&0&0`` (high alarm &
high warning & low warning & low alarm; phase words one/two/three; ``voltage two:...``).
The manual shows only the current form; for temperature and humidity, which have no
phase, this module sends ``temperature:40&35&5&0`` and ``humidity:...`` (not documented:
the dialogue is shown if the unit refuses).

Settings are named ``<quantity>.<field>`` with quantity one of :data:`TELNET_QUANTITIES`
and field one of ``high`` (alarm), ``high_warning``, ``low_warning``, ``low`` (alarm); the
alarm fields are the same limits as the Modbus thresholds of the same name.

:func:`set_telnet_thresholds` reads the listing first, validates (as the thresholds
issue says: a number, of a setting that exists, given once, with the register's decimals,
in the physical range, current at most the rated current; and low <= low_warning <=
high_warning <= high with the unit's present values for the fields not given), sends one
command per changed quantity carrying the unit's present values for the other fields,
then reads the listing back and compares. Nothing is sent when validation fails.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from bps_commissioner.device.limits import (
    DEFAULT_RATING,
    Problem,
    ValidationError,
    check_rating,
    check_value,
    format_value,
    parse_number,
    quantity_of,
)
from bps_commissioner.services.audit import APPLIED, REFUSED, UNCONFIRMED, AuditError, AuditLog
from bps_commissioner.transport.telnet import PHASE_WORDS, TelnetSession

#: The order of the four values in the unit's command and listing.
FIELDS = ("high", "high_warning", "low_warning", "low")
#: Quantities menu 8 lists.
TELNET_QUANTITIES = ("current_l1", "current_l2", "current_l3", "voltage_l1", "voltage_l2", "voltage_l3",
                     "temperature", "humidity")
TELNET_SETTINGS = tuple(f"{q}.{f}" for q in TELNET_QUANTITIES for f in FIELDS)

_FIELD_LABELS = {"high alarm": "high", "high warning": "high_warning", "low warning": "low_warning",
                 "low alarm": "low"}


def _base(setting_or_quantity: str) -> str:
    """The Modbus threshold whose register holds the same kind of value (range, decimals)."""
    return f"{setting_or_quantity.split('.')[0]}.high"


def _row_key(label: str) -> str | None:
    label = label.lower()
    m = re.search(r"phase\s*([1-3])\s*(current|voltage)", label)
    if m:
        return f"{m.group(2)}_l{m.group(1)}"
    if re.search(r"temp", label):
        return "temperature"
    if re.search(r"humid", label):
        return "humidity"
    return None


def parse_listing(text: str) -> dict[str, dict[str, float]]:
    """Menu 8's listing -> {quantity: {field: value}}; rows that cannot be read are left
    out (the caller compares with :data:`TELNET_QUANTITIES`)."""
    out: dict[str, dict[str, float]] = {}
    for line in text.splitlines():
        cells = list(re.finditer(r"(High|Low)\s*(Alarm|Warning)\s*:\s*(-?\d+(?:[.,]\d+)?)", line, re.IGNORECASE))
        if not cells:
            continue
        key = _row_key(line[: cells[0].start()])
        if key is None:
            continue
        values = {_FIELD_LABELS[f"{m.group(1).lower()} {m.group(2).lower()}"]: float(m.group(3).replace(",", "."))
                  for m in cells}
        if set(values) == set(FIELDS):
            out[key] = values
    return out


def threshold_command(quantity: str, values: Mapping[str, float]) -> str:
    """The unit's command for one quantity: ``current one:32&25&0&0``."""
    if quantity not in TELNET_QUANTITIES:
        raise ValueError(f"{quantity!r} is not in Telnet menu 8")
    m = re.fullmatch(r"(current|voltage)_l([1-3])", quantity)
    head = f"{m.group(1)} {PHASE_WORDS[int(m.group(2)) - 1]}" if m else quantity
    decimals = quantity_of(_base(quantity)).decimals
    cells = []
    for f in FIELDS:
        text = f"{values[f]:.{decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        cells.append(text)
    return f"{head}:{'&'.join(cells)}"


# --- validation ---------------------------------------------------------------------------

def unknown_setting(name: str) -> Problem:
    close = difflib.get_close_matches(name, TELNET_SETTINGS, n=1)
    hint = f"; did you mean {close[0]}?" if close else (
        f"; Telnet menu 8 has <quantity>.{'|'.join(FIELDS)} for {', '.join(TELNET_QUANTITIES)}")
    return Problem(name, "unknown", f"{name}: no such Telnet threshold{hint}",
                   {"suggestion": close[0] if close else ""})


def parse_assignments(items: list[str] | tuple[str, ...]) -> tuple[dict[str, str], list[Problem]]:
    """``["current_l1.high_warning=25", ...]`` -> ({setting: text}, problems)."""
    out: dict[str, str] = {}
    problems: list[Problem] = []
    for item in items:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name or not text.strip():
            problems.append(Problem(item, "syntax", f"{item!r}: expected SETTING=VALUE, "
                                                    f"e.g. current_l1.high_warning=25"))
        elif name not in TELNET_SETTINGS:
            problems.append(unknown_setting(name))
        elif name in out:
            problems.append(Problem(name, "duplicate", f"{name}: given twice ({out[name]} and {text.strip()})"))
        else:
            out[name] = text.strip()
    return out, problems


def _fmt(setting: str, value: float) -> str:
    return format_value(_base(setting), value)


def validate(present: Mapping[str, Mapping[str, float]], requested: Mapping[str, Any],
             rating: int = DEFAULT_RATING) -> dict[str, dict[str, float]]:
    """Check ``requested`` ({setting: value as given}) against the unit's ``present``
    listing. Returns the complete new four values of every quantity that gets a request;
    raises :class:`~bps_commissioner.device.limits.ValidationError` listing every problem."""
    check_rating(rating)
    problems: list[Problem] = []
    values: dict[str, float] = {}
    for setting, raw in requested.items():
        if setting not in TELNET_SETTINGS:
            problems.append(unknown_setting(setting))
            continue
        number = parse_number(setting, raw)
        if isinstance(number, Problem):
            problems.append(number)
            continue
        value = check_value(setting, number, rating, threshold=_base(setting))
        if isinstance(value, Problem):
            problems.append(value)
            continue
        values[setting] = value
    refused = {s.split(".")[0] for s in requested if s in TELNET_SETTINGS and s not in values}
    result: dict[str, dict[str, float]] = {}
    for quantity in TELNET_QUANTITIES:
        asked = [f for f in FIELDS if f"{quantity}.{f}" in values]
        if not asked or quantity in refused:
            continue
        if quantity not in present:
            problems.append(Problem(f"{quantity}.{asked[0]}", "unreadable",
                                    f"{quantity}: the unit's menu 8 does not list it"))
            continue
        new = {f: values.get(f"{quantity}.{f}", present[quantity][f]) for f in FIELDS}
        # high >= high_warning >= low_warning >= low, for every pair with a requested side (a
        # pair the request does not touch is sent back as the unit holds it)
        bad = next(((upper, lower) for i, upper in enumerate(FIELDS) for lower in FIELDS[i + 1:]
                    if new[upper] < new[lower]
                    and (f"{quantity}.{upper}" in values or f"{quantity}.{lower}" in values)), None)
        if bad is not None:
            upper, lower = bad
            up_s, lo_s = f"{quantity}.{upper}", f"{quantity}.{lower}"
            given = up_s if up_s in values else lo_s
            other = lo_s if given == up_s else up_s
            relation = "below" if given == up_s else "above"
            note = "" if other in values else " (the unit's present value)"
            g_field, o_field = given.split(".")[1], other.split(".")[1]
            problems.append(Problem(given, "order",
                                    f"{given} = {_fmt(given, new[g_field])} is {relation} {other} = "
                                    f"{_fmt(other, new[o_field])}{note}; the unit needs "
                                    f"low <= low_warning <= high_warning <= high",
                                    {"value": new[g_field], "other": other, "other_value": new[o_field],
                                     "present": other not in values}))
            continue
        result[quantity] = new
    if problems:
        raise ValidationError(problems)
    return result


# --- applying -----------------------------------------------------------------------------

@dataclass(frozen=True)
class TelnetThresholdChange:
    setting: str
    old: float | None
    new: float
    read_back: float | None

    @property
    def ok(self) -> bool:
        if self.read_back is None:
            return False
        step = 1.0 / quantity_of(_base(self.setting)).scale
        return abs(self.read_back - self.new) < step / 2

    def to_dict(self) -> dict[str, Any]:
        return {"setting": self.setting, "old": self.old, "new": self.new, "read_back": self.read_back,
                "ok": self.ok}


@dataclass(frozen=True)
class TelnetThresholdReport:
    """What :func:`set_telnet_thresholds` did: the listing before and after, each requested
    setting with its read-back, the commands sent (``commands`` is empty for a dry run or
    when nothing needed changing) and the unit's replies."""

    before: Mapping[str, Mapping[str, float]]
    after: Mapping[str, Mapping[str, float]]
    changes: tuple[TelnetThresholdChange, ...]
    commands: tuple[str, ...] = ()
    replies: tuple[str, ...] = field(default=(), compare=False)
    dry_run: bool = False

    @property
    def collateral(self) -> tuple[str, ...]:
        """Settings that were not asked for but read back different from before."""
        if self.dry_run:
            return ()
        asked = {c.setting for c in self.changes}
        return tuple(f"{q}.{f}" for q in TELNET_QUANTITIES for f in FIELDS
                     if f"{q}.{f}" not in asked and q in self.before and q in self.after
                     and self.before[q][f] != self.after[q][f])

    @property
    def ok(self) -> bool:
        return self.dry_run or (all(c.ok for c in self.changes) and not self.collateral)

    @property
    def mismatches(self) -> tuple[TelnetThresholdChange, ...]:
        return () if self.dry_run else tuple(c for c in self.changes if not c.ok)

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "dry_run": self.dry_run, "commands": list(self.commands),
                "changes": [c.to_dict() for c in self.changes], "collateral": list(self.collateral),
                "before": {k: dict(v) for k, v in self.before.items()},
                "after": {k: dict(v) for k, v in self.after.items()}}


def read_telnet_thresholds(session: TelnetSession) -> dict[str, dict[str, float]]:
    """Menu 8's listing, parsed; raises TelnetProtocolError (with the dialogue) when a
    quantity's row cannot be read."""
    listing = session.read_thresholds_listing()
    present = parse_listing(listing)
    missing = [q for q in TELNET_QUANTITIES if q not in present]
    if missing:
        raise session.protocol_error(f"Telnet menu 8 of {session.description}: could not read the thresholds of "
                                     f"{', '.join(missing)}.")
    return present


def set_telnet_thresholds(session: TelnetSession, requested: Mapping[str, Any], *,
                          rating: int = DEFAULT_RATING, dry_run: bool = False,
                          audit: AuditLog | None = None) -> TelnetThresholdReport:
    """Apply ``requested`` ({setting: value}) through menu 8 of a logged-in ``session``.

    ``audit``: write-ahead, an intent line per command (the quantity's four values old ->
    new) fsynced before it is sent, and its outcome once the listing is read back
    (AuditError before a command: that command and the next are not sent).

    Raises ValidationError before anything is sent, TelnetError for the dialogue. A value
    that does not read back as sent is reported in :attr:`TelnetThresholdReport.mismatches`
    (``ok`` False), not raised: the report says exactly what the unit holds now."""
    before = read_telnet_thresholds(session)
    new = validate(before, requested, rating)
    targets = {s: float(new[s.split(".")[0]][s.split(".")[1]]) for s in requested}
    changed = [q for q in TELNET_QUANTITIES if q in new and new[q] != before[q]]
    if dry_run:
        changes = tuple(TelnetThresholdChange(s, before[s.split(".")[0]][s.split(".")[1]], v, None)
                        for s, v in targets.items())
        return TelnetThresholdReport(before, before, changes, tuple(threshold_command(q, new[q]) for q in changed),
                                     dry_run=True)
    commands, replies = [], []
    intents: dict[str, str] = {}
    try:
        for quantity in changed:
            command = threshold_command(quantity, new[quantity])
            if audit is not None:
                intents[quantity] = audit.intent(link=session.description, unit="master",
                                                 action="telnet-threshold", setting=quantity,
                                                 old=dict(before[quantity]), new=dict(new[quantity]))
            commands.append(command)
            replies.append(session.send_threshold_command(command))
        after = read_telnet_thresholds(session) if commands else before
    except BaseException as exc:
        for quantity, intent_id in intents.items():
            _close(audit, intent_id, session, quantity, UNCONFIRMED, f"the dialogue failed: {exc}")
        raise
    for quantity, intent_id in intents.items():
        held = after.get(quantity)
        if held is not None and all(abs(held[f] - new[quantity][f]) < 1e-6 for f in FIELDS):
            _close(audit, intent_id, session, quantity, APPLIED, "", dict(held))
        else:
            _close(audit, intent_id, session, quantity, REFUSED,
                   f"menu 8 reads back {dict(held) if held is not None else 'nothing'}", held and dict(held))
    changes = tuple(TelnetThresholdChange(s, before[s.split(".")[0]][s.split(".")[1]], v,
                                          after.get(s.split(".")[0], {}).get(s.split(".")[1]))
                    for s, v in targets.items())
    return TelnetThresholdReport(before, after, changes, tuple(commands), tuple(replies))


def _close(audit: AuditLog | None, intent_id: str, session: TelnetSession, quantity: str, outcome: str,
           reason: str, read_back: Any = None) -> None:
    """The outcome line of one command (an unwritable log is noted in the session's log only:
    the command has gone out already)."""
    if audit is None:
        return
    try:
        audit.outcome(intent_id, outcome, reason, link=session.description, unit="master",
                      action="telnet-threshold", setting=quantity, read_back=read_back)
    except AuditError:
        pass


__all__ = ["FIELDS", "TELNET_QUANTITIES", "TELNET_SETTINGS", "TelnetThresholdChange", "TelnetThresholdReport",
           "parse_assignments", "parse_listing", "read_telnet_thresholds", "set_telnet_thresholds",
           "threshold_command", "unknown_setting", "validate"]
