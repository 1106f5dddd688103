"""The commissioning run: find what is on each link of a plan, match it against the plan,
check every unit against the plan and against physics, apply what is planned.

For each link of the plan (device/plan.py):

1. **Scan.** A serial bus is scanned with :class:`~bps_commissioner.services.scan.Scanner`
   (which also finds address conflicts); a Modbus TCP host is asked for each address with
   a short wait; an SNMP master lists its chain (master 0 and slaves 1..5). The addresses
   scanned are the plan's plus ``addresses`` (default 1..32, a BPS2000v2 chain's range).
2. **Match.** Planned and not found: ``missing``; found and not planned: ``unexpected``; an
   address whose replies always collide: ``conflict``; planned and found: ``ok`` when no
   check fails, else ``failed``.
3. **Apply** (``apply=True``): a unit's planned threshold profile is written with
   :func:`~bps_commissioner.services.thresholds.write_thresholds` (validated, each write
   read back, every attempt in the audit log); the thresholds check then shows before ->
   after.
4. **Read and check.** The unit is read once more and checked (pure functions below, over a
   :class:`UnitReading` and the link's counters): reachable and no garbled reply during the
   run; per phase voltage 230 V +/- 10 %, frequency 50 Hz +/- 1 %, current within the
   rating, power factor 0..1, active power consistent with V x I x PF, energy counters
   readable; the phase count; the planned probes connected and plausible, no door open, no
   smoke, no water; every alarm state normal; thresholds equal to the profile; the firmware
   version over Telnet where the plan gives a host; security findings (factory login,
   cleartext protocols) where Telnet or SNMP is reachable.

Each check is pass / warn / fail with a one-line reason. The reason is kept as an English
template (marked for Qt Linguist, context "Commission") and its values, so the CLI prints
English and the report and the GUI show the same reason in Polish with decimal commas
(:func:`render`). A security finding of high severity (a factory login or community still
accepted) fails; the others warn. A warn never fails a unit.

The whole run is :func:`run_commission`; the GUI runs it on a :class:`CommissionThread`.
The result (:class:`CommissionResult`) gives the JSON of ``bps-commissioner commission
--json`` (:meth:`CommissionResult.to_dict`) and the CSV (:func:`write_csv`).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any, Callable, Iterable, Mapping, Sequence

from PySide6.QtCore import QThread, Signal

from bps_commissioner import __version__
from bps_commissioner.device.address import parse_host
from bps_commissioner.device.decode import UnitReading
from bps_commissioner.device.i18n import QT_TRANSLATE_NOOP
from bps_commissioner.device.jsonfile import decode_text
from bps_commissioner.device.limits import DEFAULT_RATING, ValidationError, encode, validate
from bps_commissioner.device.plan import TELNET_PORT, Plan, PlanError, PlanLink, PlannedUnit, parse_plan
from bps_commissioner.device.profile import Profile, ProfileError
from bps_commissioner.device.registers import BY_KEY, MONITORED, PHASES, Kind, Section, quantities
from bps_commissioner.services import secrets
from bps_commissioner.services.audit import AuditLog
from bps_commissioner.services.diagnostics import Counters, UnitDiagnostics
from bps_commissioner.services.scan import DEFAULT_REPLY_WAIT, Scanner
from bps_commissioner.services.security import Finding, snmp_findings, sort_findings, telnet_findings
from bps_commissioner.services.thresholds import APPLIED, ApplyReport, load_profile_file, write_thresholds
from bps_commissioner.transport.errors import (
    ConnectError, FrameError, LinkError, LinkLost, ModbusExceptionError, NoReplyError, PortError,
)
from bps_commissioner.transport.modbus import ModbusLink, read_request

PASS, WARN, FAIL = "pass", "warn", "fail"
RESULTS = (PASS, WARN, FAIL)
OK, FAILED, MISSING, UNEXPECTED, CONFLICT = "ok", "failed", "missing", "unexpected", "conflict"
STATUSES = (OK, FAILED, MISSING, UNEXPECTED, CONFLICT)

#: The physics every unit is checked against.
NOMINAL_VOLTAGE = 230.0
VOLTAGE_TOLERANCE = 0.10  # 207..253 V
NOMINAL_FREQUENCY = 50.0
FREQUENCY_TOLERANCE = 0.01  # 49.5..50.5 Hz
LOAD_WARNING = 0.8  # a phase above 80 % of the rated current warns
#: |P - V x I x PF| allowed: 3 % of V x I plus 2 W (the registers' rounding, 0.1 V, 0.01 A,
#: 0.01 of the power factor, is at most about 0.6 % at PF 0.9; the rest is for a unit that
#: samples V, I and P at slightly different instants).
POWER_TOLERANCE = 0.03
POWER_TOLERANCE_W = 2.0
#: A probe value outside these is not plausible in a rack (the thresholds' physical ranges).
PLAUSIBLE = {"°C": (-20.0, 60.0), "%": (0.0, 100.0)}
#: Addresses scanned on a serial or Modbus TCP link besides the planned ones.
DEFAULT_SCAN = tuple(range(1, 33))
#: How long a Modbus TCP host may take per address while scanning (a gateway answers an
#: absent unit with exception 10/11 or not at all).
TCP_PROBE_WAIT = 0.3

SENSORS = tuple(q.key for q in quantities(Section.SENSORS))


# --- check results and their reasons ---------------------------------------------------------

@dataclass(frozen=True)
class Measure:
    """A number with the decimals its register carries and its unit (shown localised)."""

    value: float
    decimals: int
    unit: str = ""

    def __str__(self) -> str:
        text = f"{self.value:.{self.decimals}f}"
        return f"{text} {self.unit}" if self.unit else text


@dataclass(frozen=True)
class Term:
    """A word or label translated where shown (``QCoreApplication.translate(context, text)``)."""

    context: str
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Phrase:
    """Parts (text, numbers, terms) shown one after another."""

    parts: tuple[Any, ...]

    def __str__(self) -> str:
        return "".join(str(p) for p in self.parts)


def _c(text: str) -> Term:
    return Term("Commission", text)


def _q(label: str) -> Term:
    return Term("Quantity", label)


def joined(items: Iterable[Any], separator: str = ", ") -> Phrase:
    parts: list[Any] = []
    for item in items:
        if parts:
            parts.append(separator)
        parts.append(item)
    return Phrase(tuple(parts))


@dataclass(frozen=True)
class Check:
    """One check of one unit: ``check`` (a stable id such as ``voltage_l1``), ``result``
    (pass, warn, fail) and the reason as an English ``template`` with ``data``."""

    check: str
    result: str
    template: str
    data: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)
    label: Any = None  # a Term or Phrase naming the check for people; None: the id

    def __post_init__(self) -> None:
        if self.result not in RESULTS:
            raise ValueError(f"check result {self.result!r} is not one of {RESULTS}")
        object.__setattr__(self, "data", MappingProxyType(dict(self.data)))

    @property
    def detail(self) -> str:
        """The reason in English."""
        return render(self.template, self.data)

    @property
    def title(self) -> str:
        return str(self.label) if self.label is not None else self.check

    def to_dict(self) -> dict[str, Any]:
        return {"check": self.check, "result": self.result, "detail": self.detail}


Translate = Callable[[str, str], str]  # (context, source text) -> text
Number = Callable[[float, int], str]  # (value, decimals) -> text


def _english_number(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def render_value(value: Any, translate: Translate | None = None, number: Number | None = None,
                 unit_space: str = " ") -> str:
    """A value of a check's data as text, translated and localised when told how
    (``unit_space``: between a number and its unit; a no-break space in a report)."""
    tr = translate or (lambda context, text: text)
    num = number or _english_number
    if isinstance(value, Measure):
        text = num(value.value, value.decimals)
        return f"{text}{unit_space}{value.unit}" if value.unit else text
    if isinstance(value, Term):
        return tr(value.context, value.text)
    if isinstance(value, Phrase):
        return "".join(render_value(p, tr, num, unit_space) for p in value.parts)
    if isinstance(value, float):
        return num(value, 2)
    return str(value)


def render(template: str, data: Mapping[str, Any], translate: Translate | None = None,
           number: Number | None = None, unit_space: str = " ") -> str:
    """``template`` (translated with ``translate`` in context "Commission") with its
    ``{placeholders}`` filled from ``data``."""
    text = translate("Commission", template) if translate is not None else template
    values = {k: render_value(v, translate, number, unit_space) for k, v in data.items()}
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder
        return template.format(**values)


# Every reason a check gives (English source texts, context "Commission").
T_ANSWERED = QT_TRANSLATE_NOOP("Commission", "answered {replies} of {requests} requests")
T_ANSWERED_SOME = QT_TRANSLATE_NOOP("Commission", "answered {replies} of {requests} requests; "
                                                  "{timeouts} got no reply")
T_ANSWERED_SNMP = QT_TRANSLATE_NOOP("Commission", "answered over SNMP")
T_NO_REPLY = QT_TRANSLATE_NOOP("Commission", "no reply at address {address} on {link}")
T_LINK_FAILED = QT_TRANSLATE_NOOP("Commission", "the link could not be used: {error}")
T_STOPPED = QT_TRANSLATE_NOOP("Commission", "stopped answering during the run: {error}")
T_ODD_REPLY = QT_TRANSLATE_NOOP("Commission", "answered the scan with an error: {error}")
T_CANCELLED = QT_TRANSLATE_NOOP("Commission", "not checked: the run was cancelled")
T_NO_GARBLED = QT_TRANSLATE_NOOP("Commission", "no garbled reply")
T_GARBLED = QT_TRANSLATE_NOOP("Commission", "{count} garbled replies (CRC or framing errors): two units on "
                                            "one address, a baud-rate mismatch or a bus without termination")
T_CONFLICT = QT_TRANSLATE_NOOP("Commission", "replies to address {address} arrive garbled every time: two "
                                             "or more units seem to share it; give one of them another "
                                             "address and check again")
T_PHASES_OK = QT_TRANSLATE_NOOP("Commission", "{found}, as planned")
T_PHASES_BAD = QT_TRANSLATE_NOOP("Commission", "{found}, planned {planned}")
T_NOT_PLANNED = QT_TRANSLATE_NOOP("Commission", "{found} (not in the plan)")
T_WITHIN = QT_TRANSLATE_NOOP("Commission", "{value}, within {low} .. {high}")
T_OUTSIDE = QT_TRANSLATE_NOOP("Commission", "{value} is outside {low} .. {high}")
T_NO_VALUE = QT_TRANSLATE_NOOP("Commission", "no value: the register could not be read")
T_CURRENT_OK = QT_TRANSLATE_NOOP("Commission", "{value}, within the rated {rating}")
T_CURRENT_ASSUMED = QT_TRANSLATE_NOOP("Commission", "{value}, within {rating} (the plan gives no rating: "
                                                    "checked against the higher one)")
T_CURRENT_HIGH = QT_TRANSLATE_NOOP("Commission", "{value} is above 80 % of the rated {rating}")
T_CURRENT_OVER = QT_TRANSLATE_NOOP("Commission", "{value} is above the rated {rating}")
T_POWER_OK = QT_TRANSLATE_NOOP("Commission", "{value} agrees with V × I × PF = {expected}")
T_POWER_BAD = QT_TRANSLATE_NOOP("Commission", "{value} differs from V × I × PF = {expected} by more "
                                              "than {tolerance}")
T_ENERGY_OK = QT_TRANSLATE_NOOP("Commission", "readable: {active}, {apparent}")
T_ENERGY_FAULT = QT_TRANSLATE_NOOP("Commission", "{counters}: a register reads above 255 (a device or line "
                                                 "fault)")
T_CONNECTED = QT_TRANSLATE_NOOP("Commission", "connected: {value}")
T_NOT_CONNECTED = QT_TRANSLATE_NOOP("Commission", "not connected, but planned")
T_IMPLAUSIBLE = QT_TRANSLATE_NOOP("Commission", "{value} is not plausible (expected {low} .. {high})")
T_DOOR_OPEN = QT_TRANSLATE_NOOP("Commission", "the door is open")
T_SMOKE = QT_TRANSLATE_NOOP("Commission", "smoke detected")
T_WATER = QT_TRANSLATE_NOOP("Commission", "water detected")
T_EXTRA_PROBE = QT_TRANSLATE_NOOP("Commission", "connected: {value}, but not in the plan")
T_PROBES_FOUND = QT_TRANSLATE_NOOP("Commission", "connected: {probes} (not in the plan)")
T_PROBES_NONE = QT_TRANSLATE_NOOP("Commission", "none connected (not in the plan)")
T_ALARMS_OK = QT_TRANSLATE_NOOP("Commission", "all normal")
T_ALARMS_BAD = QT_TRANSLATE_NOOP("Commission", "not normal: {alarms}")
T_THRESHOLDS_OK = QT_TRANSLATE_NOOP("Commission", "as in the profile {profile}")
T_THRESHOLDS_BAD = QT_TRANSLATE_NOOP("Commission", "{count} differ from the profile {profile}: {settings}")
T_THRESHOLDS_APPLIED = QT_TRANSLATE_NOOP("Commission", "applied from {profile}, read back: {changes}")
T_THRESHOLDS_NOT_APPLIED = QT_TRANSLATE_NOOP("Commission", "not all applied from {profile}: {problems}")
T_THRESHOLDS_REFUSED = QT_TRANSLATE_NOOP("Commission", "the profile {profile} was refused for this unit, "
                                                       "nothing written: {problems}")
T_THRESHOLDS_SNMP = QT_TRANSLATE_NOOP("Commission", "not readable over SNMP: check them over Modbus")
T_FIRMWARE_OK = QT_TRANSLATE_NOOP("Commission", "{version}, as planned")
T_FIRMWARE_BAD = QT_TRANSLATE_NOOP("Commission", "{version} is installed, planned {planned}")
T_FIRMWARE_SEEN = QT_TRANSLATE_NOOP("Commission", "{version} (not in the plan)")
T_FIRMWARE_UNREAD = QT_TRANSLATE_NOOP("Commission", "cannot be read over Telnet: {error}")
T_FIRMWARE_NO_HOST = QT_TRANSLATE_NOOP("Commission", "cannot be checked: the plan gives no host for the "
                                                     "unit's Telnet CLI")
T_SECURITY_OK = QT_TRANSLATE_NOOP("Commission", "no finding")
T_TELNET_OFF = QT_TRANSLATE_NOOP("Commission", "Telnet is off (the connection is refused)")
T_SECURITY_UNCHECKED = QT_TRANSLATE_NOOP("Commission", "Telnet could not be checked: {error}")
T_FINDING = QT_TRANSLATE_NOOP("Commission", "{finding}. {advice}")

#: Words the reasons use.
W_THREE_PHASE = QT_TRANSLATE_NOOP("Commission", "three-phase")
W_SINGLE_PHASE = QT_TRANSLATE_NOOP("Commission", "single-phase")
STATE_WORDS = {
    "open": QT_TRANSLATE_NOOP("Commission", "open"),
    "closed": QT_TRANSLATE_NOOP("Commission", "closed"),
    "yes": QT_TRANSLATE_NOOP("Commission", "yes"),
    "no": QT_TRANSLATE_NOOP("Commission", "no"),
    "low": QT_TRANSLATE_NOOP("Commission", "low alarm"),
    "high": QT_TRANSLATE_NOOP("Commission", "high alarm"),
}

#: Check labels.
L_REACHABLE = QT_TRANSLATE_NOOP("Commission", "Reachable")
L_CRC = QT_TRANSLATE_NOOP("Commission", "Garbled replies (CRC)")
L_CONFLICT = QT_TRANSLATE_NOOP("Commission", "Address conflict")
L_PHASES = QT_TRANSLATE_NOOP("Commission", "Phases")
L_ENERGY = QT_TRANSLATE_NOOP("Commission", "Energy counters")
L_ENERGY_TOTAL = QT_TRANSLATE_NOOP("Commission", "Energy counters, total")
L_PROBES = QT_TRANSLATE_NOOP("Commission", "Probes")
L_ALARMS = QT_TRANSLATE_NOOP("Commission", "Alarm states")
L_THRESHOLDS = QT_TRANSLATE_NOOP("Commission", "Alarm thresholds")
L_FIRMWARE = QT_TRANSLATE_NOOP("Commission", "Firmware")
L_SECURITY = QT_TRANSLATE_NOOP("Commission", "Security")

#: Short texts of the security findings (services/security.py's codes), for the report.
FINDING_TEXTS = {
    "telnet-factory-credentials": (
        QT_TRANSLATE_NOOP("Commission", "The unit accepts the factory Telnet login admin/admin"),
        QT_TRANSLATE_NOOP("Commission", "Change the password before leaving the site.")),
    "telnet-cleartext": (
        QT_TRANSLATE_NOOP("Commission", "Telnet is enabled: account and password cross the network in "
                                        "cleartext"),
        QT_TRANSLATE_NOOP("Commission", "Disable Telnet in the web UI (Network > Telnet) once commissioning "
                                        "is done.")),
    "snmp-factory-community": (
        QT_TRANSLATE_NOOP("Commission", "The unit answers SNMP to the factory community"),
        QT_TRANSLATE_NOOP("Commission", "Set your own communities in the web UI (Network > SNMP), or better, "
                                        "switch to SNMPv3.")),
    "snmp-cleartext": (
        QT_TRANSLATE_NOOP("Commission", "SNMP v1/v2c sends the community and every value in cleartext"),
        QT_TRANSLATE_NOOP("Commission", "Switch the unit to SNMPv3 with authentication and privacy.")),
    "snmpv3-no-auth": (
        QT_TRANSLATE_NOOP("Commission", "SNMPv3 is used without authentication"),
        QT_TRANSLATE_NOOP("Commission", "Give the SNMPv3 account a password and a private key (authPriv).")),
    "snmpv3-no-privacy": (
        QT_TRANSLATE_NOOP("Commission", "SNMPv3 is used without privacy: values cross the network in "
                                        "cleartext"),
        QT_TRANSLATE_NOOP("Commission", "Give the SNMPv3 account a private key and use privacy (authPriv).")),
    "snmpv3-weak-algorithms": (
        QT_TRANSLATE_NOOP("Commission", "SNMPv3 uses MD5 or DES, which are considered weak"),
        QT_TRANSLATE_NOOP("Commission", "Prefer SHA-256 (or at least SHA) and AES.")),
}


def _phase_word(phases: int) -> Term:
    return _c(W_THREE_PHASE if phases == 3 else W_SINGLE_PHASE)


def _measure(key: str, value: float) -> Measure:
    q = BY_KEY[key]
    return Measure(float(value), q.decimals, q.unit)


def _state_term(value: Any) -> Any:
    text = STATE_WORDS.get(value) if isinstance(value, str) else None
    return _c(text) if text else str(value)


def _range_check(check: str, label: Any, value: float | None, low: float, high: float, decimals: int,
                 unit: str) -> Check:
    if value is None:
        return Check(check, FAIL, T_NO_VALUE, label=label)
    data = {"value": Measure(value, decimals, unit), "low": Measure(low, decimals, unit),
            "high": Measure(high, decimals, unit)}
    ok = low <= value <= high
    return Check(check, PASS if ok else FAIL, T_WITHIN if ok else T_OUTSIDE, data, label=label)


def _phase_label(field_: str, phase: str) -> Phrase:
    return Phrase((_q(BY_KEY[f"{field_}_{phase.lower()}"].label), f" {phase}"))


# --- the checks: pure functions over what was read ----------------------------------------------

def link_checks(diagnostics: UnitDiagnostics | None, *, snmp: bool = False) -> list[Check]:
    """Reachable, and no garbled reply during the run (the link's counters for this unit)."""
    if snmp:
        return [Check("reachable", PASS, T_ANSWERED_SNMP, label=_c(L_REACHABLE))]
    d = diagnostics or UnitDiagnostics(0)
    out = []
    data = {"replies": d.replies, "requests": d.requests, "timeouts": d.timeouts}
    out.append(Check("reachable", WARN if d.timeouts else PASS, T_ANSWERED_SOME if d.timeouts else T_ANSWERED,
                     data, label=_c(L_REACHABLE)))
    out.append(Check("crc", FAIL if d.garbled else PASS, T_GARBLED if d.garbled else T_NO_GARBLED,
                     {"count": d.garbled}, label=_c(L_CRC)))
    return out


def phase_check(reading: UnitReading, planned: PlannedUnit | None) -> Check:
    found = _phase_word(reading.phases)
    if planned is None or planned.phases is None:
        return Check("phases", PASS, T_NOT_PLANNED, {"found": found}, label=_c(L_PHASES))
    if planned.phases == reading.phases:
        return Check("phases", PASS, T_PHASES_OK, {"found": found}, label=_c(L_PHASES))
    return Check("phases", FAIL, T_PHASES_BAD, {"found": found, "planned": _phase_word(planned.phases)},
                 label=_c(L_PHASES))


def electrical_checks(reading: UnitReading, planned: PlannedUnit | None) -> list[Check]:
    """Per phase found: voltage, frequency, current, power factor, active power against
    V x I x PF, energy counters; then the total energy counters."""
    out: list[Check] = []
    rating = planned.rating if planned is not None and planned.rating is not None else None
    v_low, v_high = NOMINAL_VOLTAGE * (1 - VOLTAGE_TOLERANCE), NOMINAL_VOLTAGE * (1 + VOLTAGE_TOLERANCE)
    f_low, f_high = NOMINAL_FREQUENCY * (1 - FREQUENCY_TOLERANCE), NOMINAL_FREQUENCY * (1 + FREQUENCY_TOLERANCE)
    phases = PHASES[: reading.phases]

    def value(field_: str, phase: str) -> Any:
        return reading.value(f"{field_}_{phase.lower()}")

    for phase in phases:
        out.append(_range_check(f"voltage_{phase.lower()}", _phase_label("voltage", phase), value("voltage", phase),
                                v_low, v_high, 1, "V"))
    for phase in phases:
        out.append(_range_check(f"frequency_{phase.lower()}", _phase_label("frequency", phase),
                                value("frequency", phase), f_low, f_high, 2, "Hz"))
    for phase in phases:
        out.append(current_check(phase, value("current", phase), rating))
    for phase in phases:
        out.append(_range_check(f"power_factor_{phase.lower()}", _phase_label("power_factor", phase),
                                value("power_factor", phase), 0.0, 1.0, 2, ""))
    for phase in phases:
        out.append(power_check(phase, value("voltage", phase), value("current", phase), value("power_factor", phase),
                               value("active_power", phase)))
    for phase in phases:
        out.append(energy_check(reading, phase))
    out.append(energy_check(reading, "total"))
    return out


def current_check(phase: str, current: float | None, rating: int | None) -> Check:
    check, label = f"current_{phase.lower()}", _phase_label("current", phase)
    if current is None:
        return Check(check, FAIL, T_NO_VALUE, label=label)
    limit = rating if rating is not None else DEFAULT_RATING
    data = {"value": Measure(current, 2, "A"), "rating": Measure(limit, 0, "A")}
    if current < 0 or current > limit:
        return Check(check, FAIL, T_CURRENT_OVER, data, label=label)
    if current > LOAD_WARNING * limit:
        return Check(check, WARN, T_CURRENT_HIGH, data, label=label)
    return Check(check, PASS, T_CURRENT_OK if rating is not None else T_CURRENT_ASSUMED, data, label=label)


def power_check(phase: str, voltage: float | None, current: float | None, pf: float | None,
                power: float | None) -> Check:
    check, label = f"active_power_{phase.lower()}", _phase_label("active_power", phase)
    if None in (voltage, current, pf, power):
        return Check(check, FAIL, T_NO_VALUE, label=label)
    assert voltage is not None and current is not None and pf is not None and power is not None
    expected = voltage * current * pf
    tolerance = POWER_TOLERANCE * voltage * current + POWER_TOLERANCE_W
    data = {"value": Measure(power, 1, "W"), "expected": Measure(expected, 1, "W"),
            "tolerance": Measure(tolerance, 1, "W")}
    ok = abs(power - expected) <= tolerance
    return Check(check, PASS if ok else FAIL, T_POWER_OK if ok else T_POWER_BAD, data, label=label)


def energy_check(reading: UnitReading, group: str) -> Check:
    """The active and apparent energy counters of a phase ("L1".."L3") or "total"."""
    suffix = "total" if group == "total" else group.lower()
    keys = (f"active_energy_{suffix}", f"apparent_energy_{suffix}")
    check = f"energy_{suffix}"
    label = _c(L_ENERGY_TOTAL) if group == "total" else Phrase((_c(L_ENERGY), f" {group}"))
    bad = [k for k in keys if reading.value(k) is None]
    if bad:
        return Check(check, FAIL, T_ENERGY_FAULT, {"counters": ", ".join(bad)}, label=label)
    return Check(check, PASS, T_ENERGY_OK, {"active": _measure(keys[0], reading.value(keys[0])),
                                            "apparent": _measure(keys[1], reading.value(keys[1]))}, label=label)


def _sensor_value(key: str, value: Any) -> Any:
    q = BY_KEY[key]
    if q.kind in (Kind.DOOR, Kind.PRESENCE):
        return _state_term(value)
    return _measure(key, value)


def probe_checks(reading: UnitReading, planned: PlannedUnit | None) -> list[Check]:
    """Each planned probe connected and plausible; a connected probe not in the plan warns;
    an open door warns, smoke or water fails (planned or not)."""
    out: list[Check] = []
    wanted = planned.probes if planned is not None else None
    connected = [k for k in SENSORS if reading.value(k) is not None]
    for key in SENSORS:
        q = BY_KEY[key]
        value = reading.value(key)
        check, label = f"probe_{key}", _q(q.label)
        is_planned = wanted is not None and key in wanted
        if value is None:
            if is_planned:
                out.append(Check(check, FAIL, T_NOT_CONNECTED, label=label))
            continue
        shown = _sensor_value(key, value)
        if q.kind is Kind.DOOR and value == "open":
            out.append(Check(check, WARN, T_DOOR_OPEN, label=label))
        elif q.kind is Kind.PRESENCE and value == "yes":
            out.append(Check(check, FAIL, T_SMOKE if key == "smoke" else T_WATER, label=label))
        elif q.kind is Kind.PROBE and not PLAUSIBLE[q.unit][0] < value <= PLAUSIBLE[q.unit][1]:
            low, high = PLAUSIBLE[q.unit]
            out.append(Check(check, FAIL, T_IMPLAUSIBLE, {"value": shown, "low": Measure(low, 0, q.unit),
                                                          "high": Measure(high, 0, q.unit)}, label=label))
        elif is_planned:
            out.append(Check(check, PASS, T_CONNECTED, {"value": shown}, label=label))
        elif wanted is not None:
            out.append(Check(check, WARN, T_EXTRA_PROBE, {"value": shown}, label=label))
    if wanted is None:
        if connected:
            out.insert(0, Check("probes", PASS, T_PROBES_FOUND, {"probes": joined(_q(BY_KEY[k].label)
                                                                                    for k in connected)},
                                label=_c(L_PROBES)))
        else:
            out.insert(0, Check("probes", PASS, T_PROBES_NONE, label=_c(L_PROBES)))
    return out


def alarm_check(reading: UnitReading) -> Check:
    """Every alarm state normal; names each one that is not."""
    bad = []
    for mon in MONITORED:
        state = reading.value(f"{mon.key}.alarm")
        if state is not None and state != "normal":
            bad.append(Phrase((_q(mon.label), " ", _state_term(state))))
    if not bad:
        return Check("alarms", PASS, T_ALARMS_OK, label=_c(L_ALARMS))
    return Check("alarms", FAIL, T_ALARMS_BAD, {"alarms": joined(bad)}, label=_c(L_ALARMS))


def threshold_differences(present: Mapping[str, Any], profile: Profile) -> list[tuple[str, Any, Any]]:
    """(setting, present, planned) of every profile setting the unit does not hold."""
    out = []
    for setting, planned in profile.thresholds.items():
        value = present.get(setting)
        if value is None or encode(setting, value) != encode(setting, planned):
            out.append((setting, value, planned))
    return out


def _setting_value(setting: str, value: Any) -> Any:
    if value is None:
        return "?"
    q = BY_KEY[setting]
    return Measure(float(value), q.decimals, q.unit)


def threshold_check(reading: UnitReading, profile_name: str, profile: Profile,
                    applied: ApplyReport | None = None) -> Check:
    """The unit's thresholds (as read after any apply) equal to the profile; with an
    ``applied`` report, the changes as before -> after, or what was not applied and why."""
    label = _c(L_THRESHOLDS)
    if applied is not None and applied.refused:
        problems = "; ".join(p.message for p in applied.refused)
        return Check("thresholds", FAIL, T_THRESHOLDS_REFUSED, {"profile": profile_name, "problems": problems},
                     label=label)
    present = {s: reading.value(s) for s in profile.thresholds}
    differences = threshold_differences(present, profile)
    unit_report = applied.units[0] if applied is not None and applied.units else None
    if unit_report is not None and unit_report.not_applied:
        problems = "; ".join(f"{r.setting}: {r.reason}" for r in unit_report.not_applied)
        return Check("thresholds", FAIL, T_THRESHOLDS_NOT_APPLIED, {"profile": profile_name, "problems": problems},
                     label=label)
    if differences:
        settings = joined(Phrase((s, " ", _setting_value(s, v), " ≠ ", _setting_value(s, p)))
                          for s, v, p in differences)
        return Check("thresholds", FAIL, T_THRESHOLDS_BAD,
                     {"count": len(differences), "profile": profile_name, "settings": settings}, label=label)
    changes = [r for r in (unit_report.results if unit_report else ()) if r.result == APPLIED]
    if changes:
        text = joined(Phrase((r.setting, " ", _setting_value(r.setting, r.old), " → ",
                              _setting_value(r.setting, r.read_back))) for r in changes)
        return Check("thresholds", PASS, T_THRESHOLDS_APPLIED, {"profile": profile_name, "changes": text},
                     label=label)
    return Check("thresholds", PASS, T_THRESHOLDS_OK, {"profile": profile_name}, label=label)


@dataclass(frozen=True)
class TelnetLook:
    """What one Telnet login showed: the firmware version and whether the factory login
    worked; or why there was none (``off``: the connection was refused)."""

    host: str
    user: str
    version: str | None = None
    factory_login: bool = False
    logged_in: bool = False
    off: bool = False
    error: str = ""


def firmware_check(planned: PlannedUnit | None, look: TelnetLook | None) -> Check | None:
    """Equal to the planned version; None when neither a version nor a host is planned."""
    wanted = planned.firmware if planned is not None else None
    label = _c(L_FIRMWARE)
    if look is None:
        return Check("firmware", FAIL, T_FIRMWARE_NO_HOST, label=label) if wanted else None
    if look.version is None:
        error = look.error or ("Telnet is off" if look.off else "the banner shows no version")
        return Check("firmware", FAIL if wanted else WARN, T_FIRMWARE_UNREAD, {"error": error}, label=label)
    if wanted is None:
        return Check("firmware", PASS, T_FIRMWARE_SEEN, {"version": look.version}, label=label)
    if look.version == wanted:
        return Check("firmware", PASS, T_FIRMWARE_OK, {"version": look.version}, label=label)
    return Check("firmware", FAIL, T_FIRMWARE_BAD, {"version": look.version, "planned": wanted}, label=label)


def security_checks(findings: Sequence[Finding], look: TelnetLook | None) -> list[Check]:
    """A factory login or community still accepted fails; cleartext protocols and weak
    SNMPv3 settings warn; nothing found passes."""
    label = _c(L_SECURITY)
    out = []
    for finding in sort_findings(list(findings)):
        texts = FINDING_TEXTS.get(finding.code)
        finding_text = _c(texts[0]) if texts else finding.message.rstrip(".")
        advice = _c(texts[1]) if texts else finding.advice
        out.append(Check(f"security_{finding.code}", FAIL if finding.severity == "high" else WARN, T_FINDING,
                         {"finding": finding_text, "advice": advice}, label=label))
    if look is not None and not look.logged_in:
        if look.off:
            out.append(Check("security_telnet", PASS, T_TELNET_OFF, label=label))
        else:
            out.append(Check("security_telnet", WARN, T_SECURITY_UNCHECKED, {"error": look.error}, label=label))
    if not out:
        out.append(Check("security", PASS, T_SECURITY_OK, label=label))
    return out


# --- results -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class UnitOutcome:
    """One unit of the report: planned and/or found, its checks and what was read."""

    link: int
    address: int
    status: str
    checks: tuple[Check, ...] = ()
    planned: PlannedUnit | None = None
    reading: UnitReading | None = None
    link_description: str = ""
    profile_name: str | None = None
    profile: Profile | None = None
    thresholds_before: Mapping[str, Any] | None = None  # when a profile was applied
    telnet: TelnetLook | None = None

    @property
    def name(self) -> str | None:
        return self.planned.name if self.planned is not None else None

    @property
    def notes(self) -> str:
        return self.planned.notes if self.planned is not None else ""

    @property
    def firmware(self) -> str | None:
        return self.telnet.version if self.telnet is not None else None

    def count(self, result: str) -> int:
        return sum(1 for c in self.checks if c.result == result)

    @property
    def worst(self) -> str:
        for result in (FAIL, WARN):
            if self.count(result):
                return result
        return PASS

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"address": self.address, "name": self.name, "link": self.link,
                               "status": self.status, "checks": [c.to_dict() for c in self.checks],
                               "readings": self.reading.to_dict() if self.reading is not None else None}
        if self.firmware is not None:
            out["firmware"] = self.firmware
        if self.notes:
            out["notes"] = self.notes
        return out


@dataclass(frozen=True)
class CommissionResult:
    plan: Plan
    units: tuple[UnitOutcome, ...]
    started: str
    finished: str
    applied: bool = False
    cancelled: bool = False
    tool_version: str = __version__

    @property
    def passed(self) -> bool:
        """Every planned unit ok, nothing unexpected or in conflict, not cancelled."""
        return not self.cancelled and all(u.status == OK for u in self.units)

    @property
    def result(self) -> str:
        return PASS if self.passed else FAIL

    def by_status(self, status: str) -> tuple[UnitOutcome, ...]:
        return tuple(u for u in self.units if u.status == status)

    @property
    def planned_count(self) -> int:
        return len(self.plan.units)

    @property
    def found_count(self) -> int:
        return sum(1 for u in self.units if u.reading is not None)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "site": self.plan.site, "customer": self.plan.customer, "engineer": self.plan.engineer,
            "started": self.started, "finished": self.finished, "result": self.result,
            "units": [u.to_dict() for u in self.units],
            "plan": self.plan.source, "tool_version": self.tool_version,
            "links": [link.describe() for link in self.plan.links], "applied": self.applied,
        }
        if self.cancelled:
            out["cancelled"] = True
        return out


CSV_COLUMNS = ("link", "address", "name", "status", "pass", "warn", "fail", "phases",
               "voltage_l1", "voltage_l2", "voltage_l3", "current_l1", "current_l2", "current_l3", "frequency",
               "probes", "firmware", "failed_checks", "warnings")


def csv_rows(result: CommissionResult) -> list[dict[str, Any]]:
    rows = []
    for u in result.units:
        r = u.reading
        row: dict[str, Any] = {
            "link": u.link, "address": u.address, "name": u.name or "", "status": u.status,
            "pass": u.count(PASS), "warn": u.count(WARN), "fail": u.count(FAIL),
            "phases": r.phases if r is not None else "",
            "frequency": r.value("frequency_l1") if r is not None else "",
            "probes": " ".join(k for k in SENSORS if r is not None and r.value(k) is not None),
            "firmware": u.firmware or "",
            "failed_checks": "; ".join(f"{c.check}: {c.detail}" for c in u.checks if c.result == FAIL),
            "warnings": "; ".join(f"{c.check}: {c.detail}" for c in u.checks if c.result == WARN),
        }
        for key in ("voltage_l1", "voltage_l2", "voltage_l3", "current_l1", "current_l2", "current_l3"):
            value = r.value(key) if r is not None and int(key[-1]) <= r.phases else None
            row[key] = "" if value is None else value
        rows.append(row)
    return rows


def csv_text(result: CommissionResult) -> str:
    """One row per unit: comma separated, decimal point, columns named like the JSON keys."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(csv_rows(result))
    return buf.getvalue()


def write_text_file(path: str | os.PathLike[str], text: str, *, bom: bool = False) -> None:
    """Write ``text`` (UTF-8) through a temporary file, so a failed write leaves no half
    file. Raises OSError."""
    target = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(target))
    fd, tmp = tempfile.mkstemp(prefix=".bps-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_csv(result: CommissionResult, path: str | os.PathLike[str]) -> None:
    """The CSV, with a BOM so that Excel opens the UTF-8 names right."""
    write_text_file(path, csv_text(result), bom=True)


# --- plans and profiles from files ---------------------------------------------------------------

def load_plan_file(path: str | os.PathLike[str]) -> Plan:
    """Read and parse a plan file. Raises PlanError naming the file (and line and key)."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise PlanError(f"cannot read the plan: {exc.strerror or exc}", name) from None
    return parse_plan(decode_text(data, name, PlanError), name)


def load_profiles(plan: Plan) -> dict[str, Profile]:
    """Every profile the plan names ({the unit's profile text: Profile}), each checked
    against the unit's rating. Raises PlanError naming the plan, the unit's line and key,
    and the profile's own problem."""
    out: dict[str, Profile] = {}
    for index, unit in enumerate(plan.units):
        if unit.profile is None:
            continue
        key = f"units[{index}].profile"
        if unit.profile not in out:
            path = plan.profile_path(unit)
            assert path is not None
            try:
                out[unit.profile] = load_profile_file(path)
            except ProfileError as exc:
                raise PlanError(f"the profile cannot be used: {exc}", plan.source, unit.line, key) from None
        rating = unit.rating or DEFAULT_RATING
        try:
            validate({}, out[unit.profile].thresholds, rating)
        except ValidationError as exc:
            problems = "; ".join(p.message for p in exc.problems)
            raise PlanError(f"{unit.profile} does not suit a {rating} A unit: {problems}", plan.source,
                            unit.line, key) from None
    return out


def save_plan(plan: Plan, path: str | os.PathLike[str]) -> None:
    write_text_file(path, plan.to_json())


# --- the run -----------------------------------------------------------------------------------

Progress = Callable[[int, int, str], None]  # done, total, text
SecretSource = Callable[[secrets.SecretKind, str, str], secrets.Secret]  # kind, user, host


@dataclass(frozen=True)
class CommissionOptions:
    """``addresses``: scanned on serial and Modbus TCP links besides the planned ones
    (default 1..32). ``audit``: where --apply's writes are recorded (required to apply).
    ``secret``: where the Telnet password and SNMPv3 keys come from (default
    :func:`secrets.lookup`, prompting at a terminal when ``interactive``)."""

    apply: bool = False
    addresses: tuple[int, ...] | None = None
    reply_wait: float = DEFAULT_REPLY_WAIT
    tcp_probe_wait: float = TCP_PROBE_WAIT
    telnet_timeout: float = 5.0
    audit: AuditLog | None = None
    interactive: bool | None = None
    secret: SecretSource | None = None


def default_open_link(link: PlanLink, secret: SecretSource) -> Any:
    """A link object (not yet open) for a plan link: RtuLink, TcpLink or SnmpLink."""
    if link.kind == "serial":
        from bps_commissioner.transport.rtu import DEFAULT_REPLY_TIMEOUT, RtuLink

        assert link.bus is not None
        return RtuLink(link.target, link.bus, timeout=link.timeout or DEFAULT_REPLY_TIMEOUT)
    if link.kind == "tcp":
        from bps_commissioner.transport.tcp import DEFAULT_TIMEOUT, TcpLink

        return TcpLink(link.target, link.port or 502, timeout=link.timeout or DEFAULT_TIMEOUT)
    from bps_commissioner.transport.snmp import DEFAULT_RETRIES, DEFAULT_TIMEOUT as SNMP_TIMEOUT, SnmpCredentials, SnmpLink

    if link.snmp_version == "3":
        keys: dict[str, str | None] = {"auth_key": None, "priv_key": None}
        for name, proto, kind in (("auth_key", link.v3_auth_proto, secrets.SNMP_AUTH_KEY),
                                  ("priv_key", link.v3_priv_proto, secrets.SNMP_PRIV_KEY)):
            if proto != "none":
                keys[name] = secret(kind, link.v3_user, link.target).reveal()
        credentials = SnmpCredentials("3", user=link.v3_user, auth_protocol=link.v3_auth_proto,
                                      priv_protocol=link.v3_priv_proto, context=link.v3_context, **keys)
    else:
        credentials = SnmpCredentials(link.snmp_version, community=link.community)
    return SnmpLink(link.target, link.port or 161, credentials, timeout=link.timeout or SNMP_TIMEOUT,
                    retries=DEFAULT_RETRIES if link.retries is None else link.retries)


def scan_tcp(link: ModbusLink, addresses: Sequence[int], wait: float = TCP_PROBE_WAIT, *,
             progress: Callable[[str, int, int], None] | None = None,
             cancelled: Callable[[], bool] | None = None) -> tuple[dict[int, UnitReading], dict[int, str]]:
    """The units that answer at ``addresses`` on a Modbus TCP link: one short read each
    (``wait`` seconds), a hit confirmed by reading the whole unit. Returns ({address:
    reading}, {address: error} for addresses that answered with an error). A gateway's
    exception 10/11 means nobody is there. Raises ConnectError / LinkLost when the host
    cannot be reached at all."""
    found: dict[int, UnitReading] = {}
    errors: dict[int, str] = {}
    for i, address in enumerate(addresses):
        if cancelled is not None and cancelled():
            break
        if progress is not None:
            progress(f"address {address}, {len(found)} found", i, len(addresses))
        try:
            try:
                link.transact(address, read_request(address, 0, 3), timeout=wait)
            except FrameError:
                link.transact(address, read_request(address, 0, 3), timeout=wait)
            found[address] = link.read_unit(address)
        except NoReplyError:
            continue
        except ModbusExceptionError as exc:
            if exc.code not in (10, 11):
                errors[address] = str(exc)
        except (ConnectError, LinkLost, PortError):
            raise
        except LinkError as exc:
            errors[address] = str(exc)
    return found, errors


class _Run:
    def __init__(self, plan: Plan, profiles: Mapping[str, Profile], options: CommissionOptions,
                 progress: Progress | None, should_stop: Callable[[], bool] | None,
                 open_link: Callable[[PlanLink], Any] | None, links: Iterable[int] | None = None,
                 borrowed: bool = False):
        self.plan = plan
        self.links = list(range(len(plan.links)) if links is None else links)
        self.borrowed = borrowed  # the links belong to someone else (a LinkWorker): never closed here
        self.profiles = profiles
        self.options = options
        self._progress = progress or (lambda done, total, text: None)
        self.should_stop = should_stop or (lambda: False)
        interactive = options.interactive
        self.secret: SecretSource = options.secret or (
            lambda kind, user, host: secrets.lookup(kind, user=user, host=host, interactive=interactive))
        self.open_link = open_link or (lambda link: default_open_link(link, self.secret))
        self.telnet_cache: dict[tuple[str, int, str], TelnetLook] = {}
        self.cancelled = False
        extra = options.addresses if options.addresses is not None else DEFAULT_SCAN
        self.scan_sets = []
        for index, link in enumerate(plan.links):
            planned = {u.address for u in plan.units_on(index)}
            if link.kind == "snmp":
                self.scan_sets.append(sorted(set(link.addresses)))
            else:
                self.scan_sets.append(sorted(set(a for a in extra if a in link.addresses) | planned))
        self.total = sum(len(self.scan_sets[i]) + len(plan.units_on(i)) for i in self.links)
        self.done = 0

    def progress(self, text: str, step: int = 1) -> None:
        self.done = min(self.total, self.done + step)
        self._progress(self.done, self.total, text)

    def stop_requested(self) -> bool:
        if not self.cancelled and self.should_stop():
            self.cancelled = True
        return self.cancelled

    # -- links ------------------------------------------------------------------------------

    def run(self) -> list[UnitOutcome]:
        out: list[UnitOutcome] = []
        for index in self.links:
            link = self.plan.links[index]
            if self.stop_requested():
                out.extend(self._not_checked(index, link, self.plan.units_on(index)))
                continue
            out.extend(self._link(index, link))
        out.sort(key=lambda u: (u.link, u.address))
        return out

    def _not_checked(self, index: int, link: PlanLink, units: Iterable[PlannedUnit]) -> list[UnitOutcome]:
        return [UnitOutcome(index, u.address, FAILED, (Check("reachable", WARN, T_CANCELLED, label=_c(L_REACHABLE)),),
                            u, link_description=link.describe(), profile_name=u.profile) for u in units]

    def _link_failed(self, index: int, link: PlanLink, error: str) -> list[UnitOutcome]:
        return [UnitOutcome(index, u.address, FAILED,
                            (Check("reachable", FAIL, T_LINK_FAILED, {"error": error}, label=_c(L_REACHABLE)),),
                            u, link_description=link.describe(), profile_name=u.profile)
                for u in self.plan.units_on(index)]

    def _link(self, index: int, link: PlanLink) -> list[UnitOutcome]:
        try:
            handle = self.open_link(link)
        except (secrets.SecretUnavailable, ValueError, LinkError) as exc:
            self.progress(f"{link.describe()}: {exc}", len(self.scan_sets[index]))
            return self._link_failed(index, link, str(exc))
        try:
            if link.kind == "snmp":
                return self._snmp_link(index, link, handle)
            return self._modbus_link(index, link, handle)
        except _LinkDown as down:
            return self._link_failed(index, link, down.message)
        finally:
            if not self.borrowed:
                try:
                    handle.close()
                except Exception:  # closing a link that already failed: nothing left to do
                    pass

    def _modbus_link(self, index: int, link: PlanLink, handle: ModbusLink) -> list[UnitOutcome]:
        """Counts each unit's outcomes during the run (on top of any observer the link's owner,
        e.g. a LinkWorker, has: it is restored afterwards)."""
        counters = Counters()
        previous = handle.outcome_observer

        def observe(unit: int, outcome: str, seconds: float) -> None:
            counters.record(unit, outcome, seconds)
            if previous is not None:
                previous(unit, outcome, seconds)

        handle.outcome_observer = observe
        try:
            return self._modbus_units(index, link, handle, counters)
        finally:
            handle.outcome_observer = previous

    def _modbus_units(self, index: int, link: PlanLink, handle: ModbusLink, counters: Counters
                      ) -> list[UnitOutcome]:
        addresses = self.scan_sets[index]
        try:
            handle.open()
        except LinkError as exc:
            self.progress(str(exc), len(addresses))
            raise _LinkDown(str(exc)) from None
        found: dict[int, UnitReading] = {}
        conflicts: list[int] = []
        errors: dict[int, str] = {}
        if link.kind == "serial":
            start = self.done

            def scan_progress(text: str, done: int, total: int) -> None:
                self.done = start + done
                self._progress(self.done, self.total, f"{link.describe()}: {text}")

            scanner = Scanner(handle, reply_wait=self.options.reply_wait,  # type: ignore[arg-type]
                              progress=scan_progress, cancelled=self.stop_requested)
            try:
                result = scanner.scan(addresses)
            except (PortError, LinkLost) as exc:
                raise _LinkDown(str(exc)) from None
            self.done = start + len(addresses)
            found = {r.address: r for r in result.found}
            conflicts = list(result.conflicts)
            errors = dict(result.errors)
        else:
            def tcp_progress(text: str, done: int, total: int) -> None:
                self.progress(f"{link.describe()}: {text}")

            found, errors = scan_tcp(handle, addresses, self.options.tcp_probe_wait, progress=tcp_progress,
                                     cancelled=self.stop_requested)
        planned = {u.address: u for u in self.plan.units_on(index)}
        out: list[UnitOutcome] = []
        for address in sorted(set(found) | set(planned) | set(conflicts) | set(errors)):
            unit = planned.get(address)
            if self.stop_requested():
                if unit is not None:
                    out.extend(self._not_checked(index, link, [unit]))
                continue
            if address in conflicts:
                out.append(UnitOutcome(index, address, CONFLICT, (
                    Check("conflict", FAIL, T_CONFLICT, {"address": address}, label=_c(L_CONFLICT)),),
                    unit, link_description=link.describe(), profile_name=unit.profile if unit else None))
                self.progress(f"unit {address}: address conflict")
                continue
            if address in errors:
                out.append(UnitOutcome(index, address, FAILED if unit else UNEXPECTED, (
                    Check("reachable", FAIL, T_ODD_REPLY, {"error": errors[address]}, label=_c(L_REACHABLE)),),
                    unit, link_description=link.describe(), profile_name=unit.profile if unit else None))
                self.progress(f"unit {address}: {errors[address]}")
                continue
            if address not in found:
                assert unit is not None
                out.append(UnitOutcome(index, address, MISSING, (
                    Check("reachable", FAIL, T_NO_REPLY, {"address": address, "link": link.describe()},
                          label=_c(L_REACHABLE)),), unit, link_description=link.describe(),
                    profile_name=unit.profile))
                self.progress(f"unit {address}: missing")
                continue
            out.append(self._modbus_unit(index, link, handle, counters, unit, found[address]))
        return out

    def _modbus_unit(self, index: int, link: PlanLink, handle: ModbusLink, counters: Counters,
                     unit: PlannedUnit | None, scanned: UnitReading) -> UnitOutcome:
        address = scanned.address
        self.progress(f"unit {address}: checking")
        profile = self.profiles.get(unit.profile) if unit is not None and unit.profile else None
        applied: ApplyReport | None = None
        before = None
        if profile is not None and self.options.apply:
            before = {s: scanned.value(s) for s in profile.thresholds}
            applied = write_thresholds(handle, [address], dict(profile.thresholds),
                                       unit.rating or DEFAULT_RATING if unit else DEFAULT_RATING,
                                       audit=self.options.audit, should_stop=self.stop_requested)
            if applied.units:
                before = dict(applied.units[0].before)
        reading = scanned
        lost = ""
        try:
            reading = handle.read_unit(address)
        except (PortError, ConnectError, LinkLost) as exc:
            raise _LinkDown(str(exc)) from None
        except LinkError as exc:  # checked on what the scan read; reachable fails
            lost = str(exc)
        look = self._telnet_for(link, unit, address)
        checks = link_checks(counters.snapshot(address))
        if lost:
            checks[0] = Check("reachable", FAIL, T_STOPPED, {"error": lost}, label=_c(L_REACHABLE))
        checks.extend(self._unit_checks(unit, reading, profile, applied, look, []))
        status = UNEXPECTED if unit is None else (FAILED if any(c.result == FAIL for c in checks) else OK)
        return UnitOutcome(index, address, status, tuple(checks), unit, reading, link.describe(),
                           unit.profile if unit else None, profile, before, look)

    def _unit_checks(self, unit: PlannedUnit | None, reading: UnitReading, profile: Profile | None,
                     applied: ApplyReport | None, look: TelnetLook | None, findings: list[Finding],
                     *, snmp: bool = False) -> list[Check]:
        checks = [phase_check(reading, unit)]
        checks.extend(electrical_checks(reading, unit))
        checks.extend(probe_checks(reading, unit))
        if not snmp:
            checks.append(alarm_check(reading))
        if profile is not None and unit is not None and unit.profile:
            checks.append(threshold_check(reading, unit.profile, profile, applied) if not snmp
                          else Check("thresholds", WARN, T_THRESHOLDS_SNMP, label=_c(L_THRESHOLDS)))
        firmware = firmware_check(unit, look)
        if firmware is not None:
            checks.append(firmware)
        if look is not None or findings:
            look_findings = telnet_findings(look.user, look.factory_login) if look and look.logged_in else []
            checks.extend(security_checks(list(findings) + look_findings, look))
        return checks

    def _snmp_link(self, index: int, link: PlanLink, handle: Any) -> list[UnitOutcome]:
        addresses = self.scan_sets[index]
        self.progress(f"{link.describe()}: reading the chain", 0)
        try:
            chain = handle.read_chain(addresses)
        except LinkError as exc:
            self.progress(str(exc), len(addresses))
            raise _LinkDown(str(exc)) from None
        self.progress(f"{link.describe()}: {len(chain.units)} found", len(addresses))
        credentials = handle.credentials
        findings = snmp_findings(credentials.version, community=credentials.community,
                                 auth_protocol=credentials.auth_protocol, priv_protocol=credentials.priv_protocol)
        found = {r.address: r for r in chain.units}
        planned = {u.address: u for u in self.plan.units_on(index)}
        out: list[UnitOutcome] = []
        for address in sorted(set(found) | set(planned)):
            unit = planned.get(address)
            if self.stop_requested():
                if unit is not None:
                    out.extend(self._not_checked(index, link, [unit]))
                continue
            if address not in found:
                assert unit is not None
                out.append(UnitOutcome(index, address, MISSING, (
                    Check("reachable", FAIL, T_NO_REPLY, {"address": address, "link": link.describe()},
                          label=_c(L_REACHABLE)),), unit, link_description=link.describe(),
                    profile_name=unit.profile))
                self.progress(f"unit {address}: missing")
                continue
            self.progress(f"unit {address}: checking")
            reading = found[address]
            profile = self.profiles.get(unit.profile) if unit is not None and unit.profile else None
            look = self._telnet_for(link, unit, address)
            checks = link_checks(None, snmp=True)
            checks.extend(self._unit_checks(unit, reading, profile, None, look,
                                            findings if address == min(found) else [], snmp=True))
            status = UNEXPECTED if unit is None else (FAILED if any(c.result == FAIL for c in checks) else OK)
            out.append(UnitOutcome(index, address, status, tuple(checks), unit, reading, link.describe(),
                                   unit.profile if unit else None, profile, None, look))
        return out

    # -- Telnet -------------------------------------------------------------------------------

    def _telnet_for(self, link: PlanLink, unit: PlannedUnit | None, address: int) -> TelnetLook | None:
        """Log in where the plan gives a host (or, for a planned firmware version on an SNMP
        master, at the master's host); once per host and account."""
        if unit is None:
            return None
        host_text = unit.host
        if host_text is None and unit.firmware and link.kind == "snmp" and address == 0:
            host_text = link.target
        if host_text is None:
            return None
        from bps_commissioner.transport.telnet import FACTORY_USER

        user = unit.telnet_user or FACTORY_USER
        key = (*parse_host(host_text, TELNET_PORT), user)
        if key not in self.telnet_cache:
            self.telnet_cache[key] = telnet_look(host_text, user, self.secret, self.options.telnet_timeout)
        return self.telnet_cache[key]


def telnet_look(host_text: str, user: str, secret: SecretSource, timeout: float = 5.0) -> TelnetLook:
    """One Telnet login (never retried): the banner's firmware version and whether the
    factory login worked; or why not (``off`` when the connection is refused)."""
    from bps_commissioner.transport.telnet import TelnetLoginError, TelnetSession

    host, port = parse_host(host_text, TELNET_PORT)
    where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    try:
        password = secret(secrets.TELNET_PASSWORD, user, host)
    except secrets.SecretUnavailable as exc:
        return TelnetLook(where, user, error=str(exc))
    session = TelnetSession(host, port, timeout=timeout)
    try:
        banner = session.login(user, password)
        with session:
            return TelnetLook(where, user, banner.version, session.factory_login, logged_in=True,
                              error="" if banner.version else "the login banner shows no version")
    except TelnetLoginError as exc:
        return TelnetLook(where, user, error=_first_line(str(exc)))
    except ConnectError as exc:
        return TelnetLook(where, user, off="refused" in str(exc), error=_first_line(str(exc)))
    except LinkError as exc:
        return TelnetLook(where, user, error=_first_line(str(exc)))


class _LinkDown(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _first_line(text: str) -> str:
    """An error's message without a raw dialogue appended to it."""
    return text.split("\n--- raw Telnet dialogue", 1)[0].strip().splitlines()[0] if text.strip() else text


def now_text() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def run_commission(plan: Plan, options: CommissionOptions = CommissionOptions(), *,
                   profiles: Mapping[str, Profile] | None = None, progress: Progress | None = None,
                   should_stop: Callable[[], bool] | None = None,
                   open_link: Callable[[PlanLink], Any] | None = None) -> CommissionResult:
    """Scan, match, apply (``options.apply``) and check every link of ``plan``.

    ``profiles``: the plan's profiles (default: :func:`load_profiles`, which raises
    PlanError). ``progress`` is called with (done, total, text); ``should_stop`` is polled
    between addresses and units (cancel): the units not reached are reported as not
    checked. ``open_link`` replaces :func:`default_open_link` (tests, the GUI)."""
    if profiles is None:
        profiles = load_profiles(plan)
    if options.apply and options.audit is None and any(u.profile for u in plan.units):
        raise ValueError("applying thresholds needs an audit log")
    started = now_text()
    run = _Run(plan, profiles, options, progress, should_stop, open_link)
    units = run.run()
    return CommissionResult(plan, tuple(units), started, now_text(), applied=options.apply,
                            cancelled=run.cancelled)


@dataclass(frozen=True)
class LinkOutcome:
    """What :func:`link_job` returns: the units of one link of the plan."""

    link: int
    units: tuple[UnitOutcome, ...]
    cancelled: bool = False


def commission_links(plan: Plan, links: Iterable[int], options: CommissionOptions, *,
                     profiles: Mapping[str, Profile], progress: Progress | None = None,
                     should_stop: Callable[[], bool] | None = None,
                     open_link: Callable[[PlanLink], Any] | None = None, borrowed: bool = False) -> LinkOutcome:
    """Run the links ``links`` of ``plan`` only (see :func:`run_commission`); ``borrowed``:
    the links ``open_link`` returns belong to their caller and are left open."""
    links = list(links)
    run = _Run(plan, profiles, options, progress, should_stop, open_link, links, borrowed)
    units = run.run()
    return LinkOutcome(links[0] if len(links) == 1 else -1, tuple(units), run.cancelled)


def failed_outcome(plan: Plan, index: int, error: str, *, cancelled: bool = False) -> LinkOutcome:
    """The outcome of a link whose part of the run could not happen (``error``), or was
    cancelled before it started: every planned unit failed with the reason."""
    link = plan.links[index]
    run = _Run(plan, {}, CommissionOptions(), None, None, lambda _: None, [index])
    units = run._not_checked(index, link, plan.units_on(index)) if cancelled else \
        run._link_failed(index, link, error)
    return LinkOutcome(index, tuple(units), cancelled)


def link_job(plan: Plan, index: int, options: CommissionOptions, profiles: Mapping[str, Profile]
             ) -> Callable[[Any], LinkOutcome]:
    """A LinkWorker job (submit it on the worker that owns the plan's link ``index``, a
    serial port or a Modbus TCP host): the link's part of the run on the worker's own link,
    which stays open and keeps its observers. Its JobResult.value is a :class:`LinkOutcome`;
    cancelling the job stops at the next address or unit."""
    def job(ctx: Any) -> LinkOutcome:
        return commission_links(plan, [index], options, profiles=profiles, progress=ctx.progress,
                                should_stop=lambda: ctx.cancelled, open_link=lambda link: ctx.link, borrowed=True)

    return job


def assemble(plan: Plan, outcomes: Iterable[LinkOutcome], started: str, *, applied: bool = False,
             cancelled: bool = False) -> CommissionResult:
    """One result from the links' outcomes (in plan order)."""
    outcomes = list(outcomes)
    units = sorted((u for o in outcomes for u in o.units), key=lambda u: (u.link, u.address))
    return CommissionResult(plan, tuple(units), started, now_text(), applied=applied,
                            cancelled=cancelled or any(o.cancelled for o in outcomes))


class CommissionThread(QThread):
    """Runs links of a plan (:func:`commission_links`, on links of its own) off the GUI
    thread: ``progressed(done, total, text)`` while it runs, then ``completed(LinkOutcome)``
    or ``failed(message)``. :meth:`cancel` stops it at the next address or unit."""

    progressed = Signal(int, int, str)
    completed = Signal(object)
    failed = Signal(str)

    def __init__(self, plan: Plan, links: Iterable[int], options: CommissionOptions,
                 profiles: Mapping[str, Profile], parent: Any = None):
        super().__init__(parent)
        self.plan = plan
        self.links = list(links)
        self.options = options
        self.profiles = profiles
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def run(self) -> None:
        try:
            outcome = commission_links(self.plan, self.links, self.options, profiles=self.profiles,
                                       progress=self.progressed.emit, should_stop=lambda: self._cancel)
        except Exception as exc:  # never let a thread die silently: the panel shows the message
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.completed.emit(outcome)


def plan_from_found(found: Iterable[UnitReading], link: PlanLink, *, site: str = "", customer: str = "",
                    engineer: str = "", profile: str | None = None,
                    firmware: Mapping[int, tuple[str, str | None]] | None = None) -> Plan:
    """A plan for the engineer to name and complete: one unit per reading, with its phase
    count and connected probes; ``firmware`` gives {address: (host, version)} where known."""
    units = []
    for reading in sorted(found, key=lambda r: r.address):
        probes = tuple(k for k in SENSORS if reading.value(k) is not None)
        host, version = (firmware or {}).get(reading.address, (None, None))
        # name "" goes into the file for the engineer to fill in
        units.append(PlannedUnit(reading.address, 0, name="", phases=reading.phases, probes=probes,
                                 profile=profile, firmware=version, host=host))
    return Plan(site, customer, engineer, (link,), tuple(units))


__all__ = [
    "CONFLICT", "FAIL", "FAILED", "MISSING", "OK", "PASS", "UNEXPECTED", "WARN", "Check", "CommissionOptions",
    "CommissionResult", "CommissionThread", "LinkOutcome", "Measure", "Phrase", "TelnetLook", "Term", "UnitOutcome",
    "assemble", "commission_links", "failed_outcome", "link_job",
    "alarm_check", "csv_text", "electrical_checks", "energy_check", "firmware_check", "link_checks",
    "load_plan_file", "load_profiles", "phase_check", "plan_from_found", "probe_checks", "telnet_look",
    "render", "render_value", "run_commission", "save_plan", "security_checks", "threshold_check",
    "write_csv", "write_text_file",
]
