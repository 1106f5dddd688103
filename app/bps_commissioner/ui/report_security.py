"""The commissioning report's security section, one per unit (ui/report.py builds the rest).

Every unit gets one: its security checks (a factory Telnet login or SNMP community still
accepted fails; cleartext protocols and Telnet left on warn; Telnet off passes) with where
they were made (the unit's Telnet host, the SNMP link it was reached over); or, for a unit
that had neither, a line saying that nothing was checked and why. Texts: context "Report".
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
    return title + _table(rows, _th(t(TEXT.result), t(TEXT.reason))) + note


__all__ = ["SECURITY_TEXT", "security_section"]
