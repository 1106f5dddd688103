"""The checks: pure functions over what was read (a :class:`UnitReading`, the link's
counters, a Telnet look, security findings), each giving :class:`Check` results with
their reasons (services/commission/reasons.py).

Per phase voltage 230 V +/- 10 %, frequency 50 Hz +/- 1 %, current within the rating,
power factor 0..1, active power consistent with V x I x PF, energy counters readable; the
phase count; the planned probes connected and plausible, no door open, no smoke, no water;
every alarm state normal; thresholds equal to the profile; the firmware version; security
findings. A security finding of high severity fails; the others warn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from bps_commissioner.device.decode import UnitReading
from bps_commissioner.device.limits import DEFAULT_RATING, encode
from bps_commissioner.device.plan import PlannedUnit
from bps_commissioner.device.profile import Profile
from bps_commissioner.device.registers import BY_KEY, MONITORED, PHASES, Kind, Section, quantities
from bps_commissioner.services.commission.reasons import (
    FAIL, PASS, WARN, Check, FINDING_TEXTS, L_ALARMS, L_CRC, L_ENERGY, L_ENERGY_TOTAL, L_FIRMWARE, L_PHASES, L_PROBES,
    L_REACHABLE, L_SECURITY, L_THRESHOLDS, Measure, Phrase, STATE_WORDS, T_ALARMS_BAD, T_ALARMS_OK, T_ANSWERED,
    T_ANSWERED_SNMP, T_ANSWERED_SOME, T_CONNECTED, T_CURRENT_ASSUMED, T_CURRENT_HIGH, T_CURRENT_OK,
    T_CURRENT_OVER, T_DOOR_OPEN, T_ENERGY_FAULT, T_ENERGY_OK, T_EXTRA_PROBE, T_FINDING, T_FIRMWARE_BAD,
    T_FIRMWARE_NO_HOST, T_FIRMWARE_OK, T_FIRMWARE_SEEN, T_FIRMWARE_UNREAD, T_GARBLED, T_IMPLAUSIBLE,
    T_NOT_CONNECTED, T_NOT_PLANNED, T_NO_GARBLED, T_NO_VALUE, T_OUTSIDE, T_PHASES_BAD, T_PHASES_OK, T_POWER_BAD,
    T_POWER_OK, T_PROBES_FOUND, T_PROBES_NONE, T_SECURITY_OK, T_SECURITY_UNCHECKED, T_SMOKE, T_TELNET_OFF,
    T_THRESHOLDS_APPLIED, T_THRESHOLDS_BAD, T_THRESHOLDS_NOT_APPLIED, T_THRESHOLDS_OK, T_THRESHOLDS_REFUSED,
    T_WATER, T_WITHIN, Term, W_SINGLE_PHASE, W_THREE_PHASE, joined, _c, _q,
)
from bps_commissioner.services.diagnostics import UnitDiagnostics
from bps_commissioner.services.security import Finding, sort_findings
from bps_commissioner.services.thresholds import APPLIED, ApplyReport

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

SENSORS = tuple(q.key for q in quantities(Section.SENSORS))


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
    #: the master's network and security state read from menus 2, 4 and 5
    #: (device/provisioning.py's security_state); None when not read, and then why not
    network: Mapping[str, Any] | None = field(default=None, compare=False)
    network_error: str = ""


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
