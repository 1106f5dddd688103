"""The commissioning report the customer signs: an A4 PDF in Polish or English.

Built with Qt's own rich text (QTextDocument) and PDF writer (QPdfWriter), no other
dependency: the first page has the site, customer, engineer, date and time, the tool's
version, the plan's summary, the overall result, a table of every unit with its status and
the sign-off fields; then each unit has a page of its own with its readings per phase,
probes, thresholds (planned and, when applied, before), firmware, every check with its
reason, the engineer's notes and a signature field. Every page carries a footer with the
site and "page N of M".

The language is the report's own (``language``), independent of the window's: a
translator of the shipped catalogue is loaded for it and numbers are written through its
QLocale (a decimal comma in Polish). The text uses DejaVu Sans where installed (the CI and
Linux), else Arial or Segoe UI (Windows): fonts with every Polish letter.

The CLI has no window: :func:`ensure_gui_application` creates a QGuiApplication on Qt's
offscreen platform when none exists.
"""

from __future__ import annotations

import html
import os
import sys
from typing import Any, Iterable

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QMarginsF, QRectF, QSizeF, Qt, QTranslator
from PySide6.QtGui import (
    QAbstractTextDocumentLayout, QFont, QFontDatabase, QGuiApplication, QPageLayout, QPageSize, QPainter,
    QPdfWriter, QTextDocument,
)

from bps_commissioner.device.i18n import QT_TRANSLATE_NOOP
from bps_commissioner.device.registers import BY_KEY, MONITORED, PHASES, Section, quantities
from bps_commissioner.services.commission import (
    CONFLICT, FAIL, FAILED, MISSING, OK, PASS, UNEXPECTED, WARN, Check, CommissionResult, UnitOutcome,
    render, render_value,
)
from bps_commissioner.ui.i18n import LANGUAGES, catalogue, locale_for
from bps_commissioner.ui.report_security import security_section

#: Fonts with every Polish letter, in order of preference.
FONT_FAMILIES = ("DejaVu Sans", "Arial", "Segoe UI", "Liberation Sans", "Noto Sans")
FONT_POINTS = 9
NBSP = "\N{NO-BREAK SPACE}"
RESOLUTION = 300  # dots per inch of the PDF's layout
MARGINS_MM = QMarginsF(16, 14, 16, 12)
FOOTER_MM = 8

COLOURS = {PASS: "#1b7a2e", WARN: "#b85c00", FAIL: "#b71c1c"}
SYMBOLS = {PASS: "\u2714", WARN: "\u25b2", FAIL: "\u2716"}

RESULT_WORDS = {
    PASS: QT_TRANSLATE_NOOP("Report", "pass"),
    WARN: QT_TRANSLATE_NOOP("Report", "warning"),
    FAIL: QT_TRANSLATE_NOOP("Report", "fail"),
}
STATUS_WORDS = {
    OK: QT_TRANSLATE_NOOP("Report", "OK"),
    FAILED: QT_TRANSLATE_NOOP("Report", "failed"),
    MISSING: QT_TRANSLATE_NOOP("Report", "missing"),
    UNEXPECTED: QT_TRANSLATE_NOOP("Report", "unexpected"),
    CONFLICT: QT_TRANSLATE_NOOP("Report", "address conflict"),
}
STATUS_COLOURS = {OK: COLOURS[PASS], FAILED: COLOURS[FAIL], MISSING: COLOURS[FAIL], UNEXPECTED: COLOURS[WARN],
                  CONFLICT: COLOURS[FAIL]}
ALARM_WORDS = {
    "normal": QT_TRANSLATE_NOOP("Report", "normal"),
    "low": QT_TRANSLATE_NOOP("Report", "low alarm"),
    "high": QT_TRANSLATE_NOOP("Report", "high alarm"),
}
SENSOR_WORDS = {
    "open": QT_TRANSLATE_NOOP("Report", "open"),
    "closed": QT_TRANSLATE_NOOP("Report", "closed"),
    "yes": QT_TRANSLATE_NOOP("Report", "yes"),
    "no": QT_TRANSLATE_NOOP("Report", "no"),
}


def ensure_gui_application() -> QGuiApplication:
    """The running QGuiApplication, or a new one on the offscreen platform (the CLI has no
    window; Windows and macOS always have a platform)."""
    app = QCoreApplication.instance()
    if app is None:
        if sys.platform not in ("win32", "darwin"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([sys.argv[0] if sys.argv and sys.argv[0] else "bps-commissioner"])
    if not isinstance(app, QGuiApplication):
        raise RuntimeError("the report needs a QGuiApplication, not a bare QCoreApplication")
    return app


def report_font() -> QFont:
    families = set(QFontDatabase.families())
    family = next((f for f in FONT_FAMILIES if f in families), None)
    font = QFont(family) if family else QFont()
    font.setPointSize(FONT_POINTS)
    return font


class ReportLanguage:
    """Translations and number formats of one report language ("pl" or "en")."""

    def __init__(self, language: str):
        if language not in LANGUAGES:
            raise ValueError(f"report language {language!r} is not one of {', '.join(LANGUAGES)}")
        self.language = language
        self.locale = locale_for(language)
        self.locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
        self._translator = QTranslator()
        path = catalogue(language)
        self._loaded = path.is_file() and self._translator.load(str(path))

    def lookup(self, context: str, text: str) -> str:
        if not self._loaded:
            return text
        return self._translator.translate(context, text) or text

    def t(self, text: str) -> str:
        """A text of this module (context "Report")."""
        return self.lookup("Report", text)

    def number(self, value: float, decimals: int) -> str:
        return self.locale.toString(float(value), "f", decimals)

    def value(self, value: Any) -> str:
        return render_value(value, self.lookup, self.number, NBSP)

    def reason(self, check: Check) -> str:
        return render(check.template, check.data, self.lookup, self.number, NBSP)

    def label(self, check: Check) -> str:
        return self.value(check.label) if check.label is not None else check.check

    def when(self, iso: str) -> str:
        stamp = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
        if not stamp.isValid():
            return iso
        return self.locale.toString(stamp, "d MMMM yyyy, HH:mm:ss")

    def quantity(self, value: Any, key: str) -> str:
        if value is None:
            return "–"
        q = BY_KEY[key]
        if isinstance(value, str):
            return self.t(SENSOR_WORDS.get(value, value))
        text = self.number(value, q.decimals)
        return f"{text}\N{NO-BREAK SPACE}{q.unit}" if q.unit else text


def _e(text: Any) -> str:
    return html.escape(str(text), quote=False)


def _result_cell(lang: ReportLanguage, result: str) -> str:
    colour = COLOURS[result]
    return (f'<td width="15%" style="color:{colour}; font-weight:bold; white-space: nowrap">{SYMBOLS[result]}&nbsp;'
            f'{_e(lang.t(RESULT_WORDS[result]))}</td>')


def _status(lang: ReportLanguage, status: str) -> str:
    return (f'<span style="color:{STATUS_COLOURS[status]}; font-weight:bold">'
            f'{_e(lang.t(STATUS_WORDS[status]))}</span>')


def _table(rows: Iterable[str], header: str = "") -> str:
    """A bordered table; ``header`` rows repeat at the top of each page it spans."""
    head = f"<thead>{header}</thead>" if header else ""
    return ('<table width="100%" cellspacing="0" cellpadding="3" border="1" '
            'style="border-collapse: collapse; border-color: #9e9e9e; margin-bottom: 6px">'
            + head + "<tbody>" + "".join(rows) + "</tbody></table>")


def _th(*cells: str, align: str = "left") -> str:
    return "<tr>" + "".join(f'<th align="{align}" style="background-color:#eceff1">{c}</th>' for c in cells) + "</tr>"


def _tr(*cells: str) -> str:
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


STYLE = """
h1 { font-size: 17pt; margin-bottom: 2px; }
h2 { font-size: 13pt; margin-top: 0px; margin-bottom: 4px; }
h3 { font-size: 10pt; margin-top: 10px; margin-bottom: 3px; }
td, th { vertical-align: top; }
.muted { color: #546e7a; }
"""


class TEXT:
    """The report's own texts (context "Report"), marked for Qt Linguist."""

    site = QT_TRANSLATE_NOOP("Report", "Site")
    customer = QT_TRANSLATE_NOOP("Report", "Customer")
    engineer = QT_TRANSLATE_NOOP("Report", "Engineer")
    started = QT_TRANSLATE_NOOP("Report", "Started")
    finished = QT_TRANSLATE_NOOP("Report", "Finished")
    tool = QT_TRANSLATE_NOOP("Report", "Tool")
    plan = QT_TRANSLATE_NOOP("Report", "Plan")
    links = QT_TRANSLATE_NOOP("Report", "Links")
    planned_thresholds = QT_TRANSLATE_NOOP("Report", "Planned thresholds")
    applied_during_the_run = QT_TRANSLATE_NOOP("Report", "applied during the run")
    compared_not_written = QT_TRANSLATE_NOOP("Report", "compared, not written")
    result_every_planned_unit_passes = QT_TRANSLATE_NOOP("Report", "Result: every planned unit passes")
    result_not_passed = QT_TRANSLATE_NOOP("Report", "Result: not passed")
    cancelled = QT_TRANSLATE_NOOP("Report", "The run was cancelled: some units were not checked.")
    units_planned = QT_TRANSLATE_NOOP("Report", "Units planned")
    units_found = QT_TRANSLATE_NOOP("Report", "Units found")
    ok = QT_TRANSLATE_NOOP("Report", "OK")
    failed = QT_TRANSLATE_NOOP("Report", "Failed")
    missing = QT_TRANSLATE_NOOP("Report", "Missing")
    unexpected = QT_TRANSLATE_NOOP("Report", "Unexpected")
    address_conflicts = QT_TRANSLATE_NOOP("Report", "Address conflicts")
    link = QT_TRANSLATE_NOOP("Report", "Link")
    address = QT_TRANSLATE_NOOP("Report", "Address")
    name = QT_TRANSLATE_NOOP("Report", "Name")
    status = QT_TRANSLATE_NOOP("Report", "Status")
    checks = QT_TRANSLATE_NOOP("Report", "Checks")
    firmware = QT_TRANSLATE_NOOP("Report", "Firmware")
    notes = QT_TRANSLATE_NOOP("Report", "Notes")
    commissioning_report = QT_TRANSLATE_NOOP("Report", "Commissioning report")
    subtitle = QT_TRANSLATE_NOOP("Report", "BKT BPS2000v2 monitored power distribution units")
    units = QT_TRANSLATE_NOOP("Report", "Units")
    handed_over_by_engineer = QT_TRANSLATE_NOOP("Report", "Handed over by (engineer)")
    accepted_by_customer = QT_TRANSLATE_NOOP("Report", "Accepted by (customer)")
    name_signature = QT_TRANSLATE_NOOP("Report", "Name, signature")
    date = QT_TRANSLATE_NOOP("Report", "Date")
    unit_n = QT_TRANSLATE_NOOP("Report", "Unit %1")
    not_read_no_readings = QT_TRANSLATE_NOOP("Report", "Not read: no readings.")
    not_in_the_plan = QT_TRANSLATE_NOOP("Report", "Not in the plan.")
    three_phase = QT_TRANSLATE_NOOP("Report", "three-phase")
    single_phase = QT_TRANSLATE_NOOP("Report", "single-phase")
    rated_1 = QT_TRANSLATE_NOOP("Report", "rated %1")
    probes_1 = QT_TRANSLATE_NOOP("Report", "probes: %1")
    none = QT_TRANSLATE_NOOP("Report", "none")
    threshold_profile_1 = QT_TRANSLATE_NOOP("Report", "threshold profile %1")
    firmware_1 = QT_TRANSLATE_NOOP("Report", "firmware %1")
    the_address_only = QT_TRANSLATE_NOOP("Report", "the address only")
    planned = QT_TRANSLATE_NOOP("Report", "Planned")
    total_energy = QT_TRANSLATE_NOOP("Report", "Total energy")
    quantity = QT_TRANSLATE_NOOP("Report", "Quantity")
    readings = QT_TRANSLATE_NOOP("Report", "Readings")
    not_connected = QT_TRANSLATE_NOOP("Report", "not connected")
    probes = QT_TRANSLATE_NOOP("Report", "Probes")
    alarm_thresholds = QT_TRANSLATE_NOOP("Report", "Alarm thresholds")
    not_readable_over_this_link = QT_TRANSLATE_NOOP("Report", "Not readable over this link.")
    low = QT_TRANSLATE_NOOP("Report", "Low")
    high = QT_TRANSLATE_NOOP("Report", "High")
    alarm_state = QT_TRANSLATE_NOOP("Report", "Alarm state")
    planned_low = QT_TRANSLATE_NOOP("Report", "Planned low")
    planned_high = QT_TRANSLATE_NOOP("Report", "Planned high")
    low_before = QT_TRANSLATE_NOOP("Report", "Low before")
    high_before = QT_TRANSLATE_NOOP("Report", "High before")
    threshold_profile = QT_TRANSLATE_NOOP("Report", "Threshold profile")
    telnet_1 = QT_TRANSLATE_NOOP("Report", "(Telnet %1)")
    result = QT_TRANSLATE_NOOP("Report", "Result")
    check = QT_TRANSLATE_NOOP("Report", "Check")
    reason = QT_TRANSLATE_NOOP("Report", "Reason")
    checked_by_name_signature = QT_TRANSLATE_NOOP("Report", "Checked by (name, signature)")
    notes_of_engineer = QT_TRANSLATE_NOOP("Report", "Engineer’s notes")
    page_1_of_2 = QT_TRANSLATE_NOOP("Report", "page %1 of %2")


class ReportBuilder:
    """The report's HTML for one result in one language."""

    def __init__(self, result: CommissionResult, language: str):
        self.result = result
        self.lang = ReportLanguage(language)

    def t(self, text: str) -> str:
        return _e(self.lang.t(text))

    def html(self) -> str:
        parts = [f"<html><head><style>{STYLE}</style></head><body>", self._summary()]
        for unit in self.result.units:
            parts.append(self._unit(unit))
        parts.append("</body></html>")
        return "".join(parts)

    # -- the first page ---------------------------------------------------------------------

    def _summary(self) -> str:
        r, lang = self.result, self.lang
        plan = r.plan
        t = self.t
        info = [
            (t(TEXT.site), _e(plan.site or "–")),
            (t(TEXT.customer), _e(plan.customer or "–")),
            (t(TEXT.engineer), _e(plan.engineer or "–")),
            (t(TEXT.started), _e(lang.when(r.started))),
            (t(TEXT.finished), _e(lang.when(r.finished))),
            (t(TEXT.tool), _e(f"BPS Commissioner {r.tool_version}")),
            (t(TEXT.plan), _e(os.path.basename(plan.source) or "–")),
            (t(TEXT.links), "<br/>".join(
                f"{i}: {_e(link.describe())}" for i, link in enumerate(plan.links))),
            (t(TEXT.planned_thresholds),
             t(TEXT.applied_during_the_run) if r.applied
             else t(TEXT.compared_not_written)),
        ]
        rows = [f'<tr><th align="left" width="28%" style="background-color:#eceff1">{k}</th><td>{v}</td></tr>'
                for k, v in info]
        passed = r.passed
        verdict = (f'<p style="font-size:13pt; font-weight:bold; color:{COLOURS[PASS if passed else FAIL]}">'
                   f'{SYMBOLS[PASS if passed else FAIL]}&nbsp;'
                   + (t(TEXT.result_every_planned_unit_passes) if passed
                      else t(TEXT.result_not_passed))
                   + "</p>")
        if r.cancelled:
            verdict += f'<p style="color:{COLOURS[FAIL]}">{t(TEXT.cancelled)}</p>'
        counts = [
            (t(TEXT.units_planned), r.planned_count),
            (t(TEXT.units_found), r.found_count),
            (t(TEXT.ok), len(r.by_status(OK))),
            (t(TEXT.failed), len(r.by_status(FAILED))),
            (t(TEXT.missing), len(r.by_status(MISSING))),
            (t(TEXT.unexpected), len(r.by_status(UNEXPECTED))),
            (t(TEXT.address_conflicts), len(r.by_status(CONFLICT))),
        ]
        count_row = _table([_th(*(c for c, _ in counts), align="center"),
                            "<tr>" + "".join(f'<td align="center">{n}</td>' for _, n in counts) + "</tr>"])
        unit_rows = []
        for u in r.units:
            checks = "&nbsp; ".join(
                f'<span style="color:{COLOURS[res]}">{SYMBOLS[res]}&nbsp;{u.count(res)}</span>'
                for res in (PASS, WARN, FAIL))
            unit_rows.append(_tr(str(u.link), str(u.address), _e(u.name or "–"), _status(lang, u.status), checks,
                                 _e(u.firmware or "–")))
        units = _table(unit_rows, _th(t(TEXT.link),
                                      t(TEXT.address),
                                      t(TEXT.name),
                                      t(TEXT.status),
                                      t(TEXT.checks),
                                      t(TEXT.firmware)))
        notes = ""
        if plan.notes:
            notes = (f"<h3>{t(TEXT.notes)}</h3>"
                     f"<p>{_e(plan.notes).replace(chr(10), '<br/>')}</p>")
        legend = (f'<p class="muted">' + "&nbsp;&nbsp; ".join(
            f'<span style="color:{COLOURS[res]}">{SYMBOLS[res]}</span>&nbsp;{t(RESULT_WORDS[res])}'
            for res in (PASS, WARN, FAIL)) + "</p>")
        return (f"<h1>{t(TEXT.commissioning_report)}</h1>"
                f'<p class="muted">{t(TEXT.subtitle)}</p>'
                + _table(rows) + verdict + count_row
                + f"<h3>{t(TEXT.units)}</h3>" + units + legend + notes
                + self._signatures(TEXT.handed_over_by_engineer,
                                   TEXT.accepted_by_customer))

    def _signatures(self, left: str, right: str) -> str:
        t = self.t
        cell = (f'<td width="50%" style="padding: 6px">{{who}}<br/><br/><br/>'
                f'____________________________________<br/>'
                f'<span class="muted">{t(TEXT.name_signature)}</span><br/><br/>'
                f'{t(TEXT.date)}: ____________________</td>')
        return ('<table width="100%" cellspacing="0" cellpadding="4" border="0" style="margin-top: 12px"><tr>'
                + cell.format(who=f"<b>{t(left)}</b>") + cell.format(who=f"<b>{t(right)}</b>") + "</tr></table>")

    # -- a unit's page --------------------------------------------------------------------

    def _unit(self, u: UnitOutcome) -> str:
        t, lang = self.t, self.lang
        title = t(TEXT.unit_n).replace("%1", str(u.address))
        if u.name:
            title += f" – {_e(u.name)}"
        head = (f'<div style="page-break-before: always"><h2>{title} &nbsp; {_status(lang, u.status)}</h2>'
                f'<p class="muted">{t(TEXT.link)} {u.link}: {_e(u.link_description)}</p>')
        parts = [head, self._planned(u)]
        if u.reading is not None:
            parts.append(self._readings(u))
            parts.append(self._sensors(u))
            parts.append(self._thresholds(u))
        else:
            parts.append(f"<p>{t(TEXT.not_read_no_readings)}</p>")
        if u.telnet is not None or (u.planned is not None and u.planned.firmware):
            parts.append(self._firmware(u))
        parts.append(self._checks(u))
        parts.append(security_section(self, u))
        parts.append(self._notes(u))
        parts.append("</div>")
        return "".join(parts)

    def _planned(self, u: UnitOutcome) -> str:
        t, p = self.t, u.planned
        if p is None:
            return f"<p><b>{t(TEXT.not_in_the_plan)}</b></p>"
        fields = []
        if p.phases is not None:
            fields.append(t(TEXT.three_phase if p.phases == 3
                            else TEXT.single_phase))
        if p.rating is not None:
            fields.append(t(TEXT.rated_1).replace(
                "%1", f"{p.rating}\N{NO-BREAK SPACE}A"))
        if p.probes is not None:
            probes = ", ".join(_e(self.lang.lookup("Quantity", BY_KEY[k].label)) for k in p.probes)
            fields.append(t(TEXT.probes_1).replace(
                "%1", probes or t(TEXT.none)))
        if p.profile:
            fields.append(t(TEXT.threshold_profile_1).replace("%1", _e(p.profile)))
        if p.firmware:
            fields.append(t(TEXT.firmware_1).replace("%1", _e(p.firmware)))
        text = "; ".join(fields) if fields else t(TEXT.the_address_only)
        return f"<p><b>{t(TEXT.planned)}:</b> {text}</p>"

    def _readings(self, u: UnitOutcome) -> str:
        t, lang = self.t, self.lang
        reading = u.reading
        assert reading is not None
        phases = PHASES[: reading.phases]
        rows = []
        for q in quantities(Section.READINGS):
            if q.group != "L1":
                continue
            cells = [_e(lang.quantity(reading.value(f"{q.field}_{p.lower()}"), f"{q.field}_{p.lower()}"))
                     for p in phases]
            rows.append("<tr><td>" + _e(lang.lookup("Quantity", q.label)) + "</td>"
                        + "".join(f'<td align="right">{c}</td>' for c in cells) + "</tr>")
        total = [_e(lang.quantity(reading.value(k), k)) for k in ("active_energy_total", "apparent_energy_total")]
        rows.append(f'<tr><td>{t(TEXT.total_energy)}</td>'
                    f'<td align="right" colspan="{len(phases)}">{total[0]}, {total[1]}</td></tr>')
        header = "<tr>" + f'<th align="left" style="background-color:#eceff1">{t(TEXT.quantity)}</th>' \
                 + "".join(f'<th align="right" style="background-color:#eceff1">{p}</th>' for p in phases) + "</tr>"
        return f"<h3>{t(TEXT.readings)}</h3>" + _table(rows, header)

    def _sensors(self, u: UnitOutcome) -> str:
        t, lang = self.t, self.lang
        reading = u.reading
        assert reading is not None
        cells = []
        for q in quantities(Section.SENSORS):
            value = reading.value(q.key)
            shown = lang.quantity(value, q.key) if value is not None else \
                lang.t(TEXT.not_connected)
            style = "" if value is not None else ' class="muted"'
            cells.append(f"<td>{_e(lang.lookup('Quantity', q.label))}</td><td{style}>{_e(shown)}</td>")
        rows = ["<tr>" + "".join(cells[i:i + 2]) + "</tr>" for i in range(0, len(cells), 2)]
        return f"<h3>{t(TEXT.probes)}</h3>" + _table(rows)

    def _thresholds(self, u: UnitOutcome) -> str:
        t, lang = self.t, self.lang
        reading = u.reading
        assert reading is not None
        if not any(reading.value(f"{m.key}.low") is not None for m in MONITORED):
            return (f"<h3>{t(TEXT.alarm_thresholds)}</h3>"
                    f"<p class='muted'>{t(TEXT.not_readable_over_this_link)}</p>")
        profile = u.profile.thresholds if u.profile is not None else {}
        before = u.thresholds_before or {}
        rows = []
        for m in MONITORED:
            if m.key.startswith(("voltage_", "current_")) and int(m.key[-1]) > reading.phases:
                continue
            lo_key, hi_key = f"{m.key}.low", f"{m.key}.high"
            low, high = reading.value(lo_key), reading.value(hi_key)
            state = reading.value(f"{m.key}.alarm")
            state_text = lang.t(ALARM_WORDS.get(state, state)) if isinstance(state, str) else "–"
            colour = "" if state in (None, "normal") else f' style="color:{COLOURS[FAIL]}; font-weight:bold"'

            def planned(key: str) -> str:
                if key not in profile:
                    return ""
                text = lang.quantity(profile[key], key)
                differs = profile[key] != reading.value(key)
                return f"<b>{_e(text)}</b>" if differs else _e(text)

            def was(key: str) -> str:
                if key not in before or before[key] == reading.value(key):
                    return ""
                return _e(lang.quantity(before[key], key))

            row = [_e(lang.lookup("Quantity", m.label)), _e(lang.quantity(low, lo_key)), _e(lang.quantity(high, hi_key)),
                   f"<span{colour}>{_e(state_text)}</span>"]
            if profile:
                row += [planned(lo_key), planned(hi_key)]
            if before:
                row += [was(lo_key), was(hi_key)]
            rows.append(_tr(*row))
        header = [t(TEXT.quantity), t(TEXT.low),
                  t(TEXT.high), t(TEXT.alarm_state)]
        if profile:
            header += [t(TEXT.planned_low), t(TEXT.planned_high)]
        if before:
            header += [t(TEXT.low_before), t(TEXT.high_before)]
        note = ""
        if u.profile_name:
            note = (f'<p class="muted">{t(TEXT.threshold_profile)}: {_e(u.profile_name)}'
                    + (f" ({_e(u.profile.name)})" if u.profile is not None and u.profile.name else "") + "</p>")
        return f"<h3>{t(TEXT.alarm_thresholds)}</h3>" + _table(rows, _th(*header)) + note

    def _firmware(self, u: UnitOutcome) -> str:
        t = self.t
        look = u.telnet
        version = _e(look.version) if look is not None and look.version else "–"
        where = ""
        if look is not None:
            where = " " + t(TEXT.telnet_1).replace("%1", _e(look.host))
        return f"<p><b>{t(TEXT.firmware)}:</b> {version}{where}</p>"

    def _checks(self, u: UnitOutcome) -> str:
        t, lang = self.t, self.lang
        rows = [f"<tr>{_result_cell(lang, c.result)}<td width='26%'>{_e(lang.label(c))}</td>"
                f"<td>{_e(lang.reason(c))}</td></tr>" for c in u.checks]
        header = _th(t(TEXT.result), t(TEXT.check),
                     t(TEXT.reason))
        return f"<h3>{t(TEXT.checks)}</h3>" + _table(rows, header)

    def _notes(self, u: UnitOutcome) -> str:
        t = self.t
        notes = _e(u.notes).replace("\n", "<br/>") if u.notes else "<br/><br/><br/>"
        box = ('<table width="100%" cellspacing="0" cellpadding="6" border="1" '
               f'style="border-collapse: collapse; border-color: #9e9e9e"><tr><td>{notes}</td></tr></table>')
        sign = (f'<p style="margin-top: 14px">{t(TEXT.checked_by_name_signature)}: '
                f'______________________________ &nbsp; {t(TEXT.date)}: '
                f'_______________</p>')
        return f"<h3>{t(TEXT.notes_of_engineer)}</h3>" + box + sign


def build_document(result: CommissionResult, language: str) -> QTextDocument:
    """The report as a QTextDocument (for a preview on screen)."""
    ensure_gui_application()
    doc = QTextDocument()
    doc.setDefaultFont(report_font())
    doc.setHtml(ReportBuilder(result, language).html())
    return doc


def footer_text(result: CommissionResult, language: str, page: int, pages: int) -> str:
    lang = ReportLanguage(language)
    text = lang.t(TEXT.page_1_of_2).replace("%1", str(page)).replace("%2", str(pages))
    site = result.plan.site or ""
    return f"{site} – {text}" if site else text


def write_pdf(result: CommissionResult, path: str | os.PathLike[str], language: str) -> int:
    """Write the report as an A4 PDF; returns the number of pages. Raises OSError when the
    file cannot be written (nothing is left behind)."""
    ensure_gui_application()
    target = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(target))
    if not os.path.isdir(folder):
        raise FileNotFoundError(2, "no such folder", folder)
    tmp = os.path.join(folder, f".{os.path.basename(target)}.part")
    writer = QPdfWriter(tmp)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     MARGINS_MM, QPageLayout.Unit.Millimeter))
    lang = ReportLanguage(language)
    writer.setTitle(f"{lang.t(TEXT.commissioning_report)} – {result.plan.site}")
    writer.setCreator(f"BPS Commissioner {result.tool_version}")
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    font = report_font()
    doc.setDefaultFont(font)
    doc.setHtml(ReportBuilder(result, language).html())
    page = writer.pageLayout().paintRectPixels(RESOLUTION)
    footer = FOOTER_MM / 25.4 * RESOLUTION
    body = QSizeF(page.width(), page.height() - footer)
    doc.setPageSize(body)
    pages = doc.pageCount()
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write {target}")
    try:
        small = QFont(font)
        small.setPointSizeF(font.pointSizeF() * 0.85)
        for index in range(pages):
            if index:
                writer.newPage()
            painter.save()
            painter.translate(0, -index * body.height())
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = QRectF(0, index * body.height(), body.width(), body.height())
            doc.documentLayout().draw(painter, context)
            painter.restore()
            painter.setFont(small)
            painter.setPen(Qt.GlobalColor.darkGray)
            rect = QRectF(0, body.height(), body.width(), footer)
            painter.drawLine(rect.topLeft(), rect.topRight())
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                             f"BPS Commissioner {result.tool_version} – {lang.when(result.finished)}")
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight),
                             footer_text(result, language, index + 1, pages))
    finally:
        painter.end()
    del doc, writer
    try:
        os.replace(tmp, target)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return pages


__all__ = ["ReportBuilder", "ReportLanguage", "build_document", "ensure_gui_application", "report_font",
           "write_pdf"]
