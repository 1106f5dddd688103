"""What the Telnet tab says about a finished job: the error of an outcome (by its fault's
kind), an energy reset read back, a threshold report, a refused value.

Pure functions from results to (text, colour); the texts keep the context "TelnetPanel",
the class they were written in first (so the Polish catalogue needs no new entries).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from bps_commissioner.device.assess import energy_cleared
from bps_commissioner.device.limits import Problem
from bps_commissioner.services.telnet_jobs import (
    CONNECT_KINDS, INVALID, LOGIN_REFUSED, NO_PASSWORD, PROTOCOL, TIMEOUT, EnergyReset, TelnetOutcome,
)
from bps_commissioner.services.telnet_thresholds import FIELDS, TELNET_QUANTITIES
from bps_commissioner.ui import format as fmt
from bps_commissioner.ui import style
from bps_commissioner.ui.telnet_form import PHASE_NAMES, decimals_of, energy_text, field_label, quantity_label, unit_of

translate = QCoreApplication.translate


def where_text(setting: str) -> str:
    quantity, _, name = setting.partition(".")
    return translate("TelnetPanel", "%1, %2").replace("%1", quantity_label(quantity)).replace("%2", field_label(name))


def _value(quantity: str, v: Any) -> str:
    return "–" if v is None else fmt.with_unit(fmt.number(float(v), decimals_of(quantity)), unit_of(quantity))


def problem_text(p: Problem) -> str:
    """A refused warning threshold, translated (the English message where no template fits)."""
    quantity, _, name = p.setting.partition(".")
    if quantity not in TELNET_QUANTITIES or name not in FIELDS:
        return p.message
    where, d = where_text(p.setting), p.data
    if p.code == "range":
        return translate("TelnetPanel", "%1: outside %2 .. %3").replace("%1", where).replace(
            "%2", _value(quantity, d["low"])).replace("%3", _value(quantity, d["high"]))
    if p.code == "order":
        other = str(d.get("other", "")).partition(".")[2]
        text = translate("TelnetPanel", "%1: must not be below the %2 (%3)") \
            if FIELDS.index(name) < FIELDS.index(other) else \
            translate("TelnetPanel", "%1: must not be above the %2 (%3)")
        return text.replace("%1", where).replace("%2", field_label(other)).replace(
            "%3", _value(quantity, d["other_value"]))
    if p.code == "decimals":
        return translate("TelnetPanel", "%1: more decimals than the unit takes").replace("%1", where)
    return p.message


def error_text(outcome: TelnetOutcome) -> str:
    """What failed, by the kind of the outcome's fault (its English message goes in a tooltip)."""
    where = outcome.target.describe()
    kind = outcome.error_kind
    if kind is NO_PASSWORD:
        return translate("TelnetPanel", "No Telnet password for %1 yet: type it below.").replace(
            "%1", outcome.target.user)
    if kind is LOGIN_REFUSED:
        return translate(
            "TelnetPanel", "The master at %1 refused the login as %2. It is not tried again by itself, so that the "
            "unit does not lock the account: check the account and type the password again.").replace(
            "%1", where).replace("%2", outcome.target.user)
    if kind in CONNECT_KINDS:
        return translate("TelnetPanel", "No Telnet connection to %1: Telnet may be off on the unit (web UI Network > "
                                        "Telnet), or the port differs.").replace("%1", where)
    if kind is TIMEOUT:
        return translate("TelnetPanel", "The master at %1 did not answer in time over Telnet.").replace("%1", where)
    if kind is PROTOCOL:
        return translate("TelnetPanel", "The master at %1 answered something this tool does not understand; the raw "
                                        "dialogue is in the tooltip.").replace("%1", where)
    if kind is INVALID:
        return translate("TelnetPanel", "Nothing was sent: a value was refused (see the thresholds).")
    return translate("TelnetPanel", "Telnet with %1 failed.").replace("%1", where)


def reset_text(reset: EnergyReset, at: float) -> tuple[str, str]:
    """An energy reset, each phase before and after (cleared: below 1 kWh, device/assess.py)."""
    lines = []
    for p in reset.phases:
        before, after = reset.before.get(p), reset.after.get(p)
        mark = "✓" if energy_cleared(after) else "✗"
        lines.append(f"{mark} {PHASE_NAMES[p - 1]}: {energy_text(before)} → {energy_text(after)}")
    if reset.ok:
        head = translate("TelnetPanel", "Reset at %1, read back:").replace("%1", fmt.clock(at))
    else:
        head = translate("TelnetPanel", "Not every meter reads 0 after the reset (%1):").replace(
            "%1", ", ".join(PHASE_NAMES[p - 1] for p in reset.not_cleared))
    return head + "\n" + "\n".join(lines), style.OK_COLOUR if reset.ok else style.ERROR_COLOUR


def threshold_report_text(report: Any) -> tuple[str, str]:
    """A warning-threshold write, each change read back, and what changed unasked."""
    lines = []
    for change in report.changes:
        quantity = change.setting.partition(".")[0]
        where = where_text(change.setting)
        if change.ok:
            lines.append("✓ " + translate("TelnetPanel", "%1: %2 → %3, reads back %4").replace("%1", where).replace(
                "%2", _value(quantity, change.old)).replace("%3", _value(quantity, change.new)).replace(
                "%4", _value(quantity, change.read_back)))
        else:
            lines.append("✗ " + translate("TelnetPanel", "%1: sent %2, but the unit reads back %3").replace(
                "%1", where).replace("%2", _value(quantity, change.new)).replace(
                "%3", _value(quantity, change.read_back)))
    for setting in report.collateral:
        lines.append("⚠ " + translate("TelnetPanel", "%1 changed although not asked for: check the unit").replace(
            "%1", where_text(setting)))
    return "\n".join(lines), style.OK_COLOUR if report.ok else style.ERROR_COLOUR


def reset_question(phases: tuple[int, ...], readings: str, where: str) -> tuple[str, str]:
    """The confirmation's question and what it destroys."""
    if len(phases) == 1:
        text = translate("TelnetPanel", "Reset the energy meter of phase %1 on the master at %2?").replace(
            "%1", PHASE_NAMES[phases[0] - 1]).replace("%2", where)
        detail = translate("TelnetPanel", "The meter reading that will be lost for good: %1. The unit keeps no copy; "
                                          "note it down first if it is needed.").replace("%1", readings)
    else:
        text = translate("TelnetPanel", "Reset the energy meters of all three phases on the master at %1?").replace(
            "%1", where)
        detail = translate("TelnetPanel", "The meter readings that will be lost for good: %1. The unit keeps no copy; "
                                          "note them down first if they are needed.").replace("%1", readings)
    return text, detail


__all__ = ["error_text", "problem_text", "reset_question", "reset_text", "threshold_report_text", "where_text"]
