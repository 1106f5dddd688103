"""The commissioning report's security section, one per unit (ui/report.py builds the rest).

Every unit gets one: its security checks (a factory Telnet login or SNMP community still
accepted fails; cleartext protocols and Telnet left on warn; Telnet off passes) with where
they were made (the unit's Telnet host, the SNMP link it was reached over); or, for a unit
that had neither, a line saying that nothing was checked and why. A master logged in to over
Telnet also shows its network and security state as its menus 2, 4 and 5 show it (address,
SNMP agent, communities and password changed from the factory's, clock skew), or why it could
not be read. Texts: context "Report".
"""

from __future__ import annotations

from typing import Any

from bps_commissioner.device.i18n import QT_TRANSLATE_NOOP
from bps_commissioner.services.commission import UnitOutcome, security_of


class SECURITY_TEXT:
    """The section's texts (context "Report"), marked for Qt Linguist."""

    security = QT_TRANSLATE_NOOP("Report", "Security")
    telnet_at_1 = QT_TRANSLATE_NOOP("Report", "Telnet at %1")
    snmp_over_1 = QT_TRANSLATE_NOOP("Report", "SNMP over %1")
    checked = QT_TRANSLATE_NOOP("Report", "Checked")
    not_checked = QT_TRANSLATE_NOOP(
        "Report", "Not checked: the plan gives this unit no Telnet host and it is not on an SNMP link.")
    network_address = QT_TRANSLATE_NOOP("Report", "Network address")
    gateway = QT_TRANSLATE_NOOP("Report", "Gateway")
    snmp_agent = QT_TRANSLATE_NOOP("Report", "SNMP agent")
    enabled = QT_TRANSLATE_NOOP("Report", "enabled")
    disabled = QT_TRANSLATE_NOOP("Report", "disabled")
    communities_changed = QT_TRANSLATE_NOOP("Report", "Communities changed from the factory's")
    password_changed = QT_TRANSLATE_NOOP("Report", "Password changed")
    clock_skew = QT_TRANSLATE_NOOP("Report", "Clock skew")
    seconds_1 = QT_TRANSLATE_NOOP("Report", "%1 s")
    not_shown = QT_TRANSLATE_NOOP("Report", "not shown")
    settings_unread_1 = QT_TRANSLATE_NOOP("Report", "Network and security settings not read: %1")


def security_section(builder: Any, u: UnitOutcome) -> str:
    """The HTML of ``u``'s security section; ``builder`` is the report's ReportBuilder."""
    from bps_commissioner.ui.report import TEXT, _e, _result_cell, _table, _th

    t, lang = builder.t, builder.lang
    checks = security_of(u)
    title = f"<h3>{t(SECURITY_TEXT.security)}</h3>"
    if not checks:
        return title + f"<p class='muted'>{t(SECURITY_TEXT.not_checked)}</p>"
    where = []
    if u.telnet is not None:
        where.append(t(SECURITY_TEXT.telnet_at_1).replace("%1", _e(u.telnet.host)))
    if "SNMP" in u.link_description:
        where.append(t(SECURITY_TEXT.snmp_over_1).replace("%1", _e(u.link_description)))
    rows = [f"<tr>{_result_cell(lang, c.result)}<td>{_e(lang.reason(c))}</td></tr>" for c in checks]
    note = f"<p class='muted'>{t(SECURITY_TEXT.checked)}: {'; '.join(where)}</p>" if where else ""
    return title + _table(rows, _th(t(TEXT.result), t(TEXT.reason))) + note + network_state(builder, u)


def network_state(builder: Any, u: UnitOutcome) -> str:
    """The master's network and security state, one "Label: value" line each; or why it
    was not read; "" for a unit without a Telnet login."""
    from bps_commissioner.ui.report import SENSOR_WORDS, _e

    t, lang = builder.t, builder.lang
    state = u.network
    if state is None:
        error = u.network_error
        return f"<p class='muted'>{_e(t(SECURITY_TEXT.settings_unread_1).replace('%1', error))}</p>" if error else ""

    def shown(value: Any) -> str:
        return t(SECURITY_TEXT.not_shown) if value is None or value == "" else str(value)

    def yes_no(value: Any) -> str:
        return t(SECURITY_TEXT.not_shown) if value is None else t(SENSOR_WORDS["yes" if value else "no"])

    address = state.get("address")
    if address and state.get("mask"):
        address = f"{address} / {state['mask']}"
    agent = state.get("snmp_agent")
    agent_text = {"enable": t(SECURITY_TEXT.enabled), "disable": t(SECURITY_TEXT.disabled)}.get(agent or "",
                                                                                             shown(agent))
    skew = state.get("clock_skew_s")
    lines = [
        (SECURITY_TEXT.network_address, shown(address)),
        (SECURITY_TEXT.gateway, shown(state.get("gateway"))),
        (SECURITY_TEXT.snmp_agent, agent_text),
        (SECURITY_TEXT.communities_changed, yes_no(state.get("communities_changed"))),
        (SECURITY_TEXT.password_changed, yes_no(state.get("password_changed"))),
        (SECURITY_TEXT.clock_skew, shown(None) if skew is None
         else t(SECURITY_TEXT.seconds_1).replace("%1", lang.number(skew, 0))),
    ]
    return "<p>" + "<br/>".join(f"{_e(t(label))}: {_e(value)}" for label, value in lines) + "</p>"


__all__ = ["SECURITY_TEXT", "network_state", "security_section"]
