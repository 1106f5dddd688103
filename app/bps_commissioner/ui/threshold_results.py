"""The words and colours of the threshold editor's results, shared with the profile dialog
and the audit log view: a value in the widget's locale, a setting's label, a write's result
per setting, a validation problem.

Texts keep their context "ThresholdResults" (``translate``), so the Polish catalogue needs
no new entries.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLabel, QWidget

from bps_commissioner.device.decode import UnitReading
from bps_commissioner.device.limits import SETTINGS, Problem, quantity_of, split_setting
from bps_commissioner.device.registers import BY_KEY, MONITORED_BY_KEY
from bps_commissioner.services.thresholds import APPLIED, FAILED, PLANNED, SKIPPED, UNCHANGED, SettingResult
from bps_commissioner.ui import style

# Colours of the unit's own web page (ui/style.py), always with a symbol and text as well.
OK_COLOUR, WARN_COLOUR, ERROR_COLOUR = style.OK_COLOUR, style.WARN_COLOUR, style.ERROR_COLOUR
translate = QCoreApplication.translate  # the name pyside6-lupdate recognizes

_RESULT_WORDS = {
    APPLIED: QT_TRANSLATE_NOOP("ThresholdResults", "applied"),
    FAILED: QT_TRANSLATE_NOOP("ThresholdResults", "failed"),
    SKIPPED: QT_TRANSLATE_NOOP("ThresholdResults", "not written"),
    UNCHANGED: QT_TRANSLATE_NOOP("ThresholdResults", "unchanged"),
    PLANNED: QT_TRANSLATE_NOOP("ThresholdResults", "planned"),
}


def format_value(setting: str, value: float | None, locale: QLocale, unit: bool = True) -> str:
    """A threshold value with its register's decimals, in the widget's locale."""
    if value is None:
        return "?"
    q = quantity_of(setting)
    text = locale.toString(float(value), "f", q.decimals)
    return f"{text} {q.unit}" if unit else text


def setting_label(setting: str) -> str:
    """``voltage_l1.low`` -> "Voltage L1: low alarm", translated."""
    quantity, _side = split_setting(setting)
    return translate("ThresholdResults", "{quantity}: {side}").format(
        quantity=translate("Quantity", MONITORED_BY_KEY[quantity].label),
        side=translate("Quantity", quantity_of(setting).label))


def result_word(result: str) -> str:
    """applied / failed / ... as one translated word (texts marked in _RESULT_WORDS)."""
    return translate("ThresholdResults", _RESULT_WORDS[result]) if result in _RESULT_WORDS else result


def result_text(r: SettingResult, locale: QLocale) -> tuple[str, str]:
    """A translated text for a setting's result (symbol first: never colour alone), and its colour."""
    def f(setting: str, value: float | None) -> str:
        return format_value(setting, value, locale)

    if r.result == APPLIED:
        return translate("ThresholdResults", "✓ applied"), OK_COLOUR
    if r.result == UNCHANGED:
        return translate("ThresholdResults", "= unchanged"), ""
    if r.result == PLANNED:
        text = translate("ThresholdResults", "planned: {old} → {new}")
        return text.format(old=f(r.setting, r.old), new=f(r.setting, r.new)), ""
    if r.result == FAILED:
        if r.cause == "mismatch":
            text = translate("ThresholdResults", "✗ failed: the unit reads back {read_back} instead of {new}")
            text = text.format(read_back=f(r.setting, r.read_back), new=f(r.setting, r.new))
        elif r.cause == "no_read_back":
            text = translate("ThresholdResults", "✗ not confirmed: written, but the read-back failed: {error}")
            text = text.format(error=r.error)
        elif r.cause in ("link_lost", "interrupted"):
            text = translate("ThresholdResults", "✗ failed: the link was lost; the unit's value is unknown")
        else:
            text = translate("ThresholdResults", "✗ failed: {error}").format(error=r.error)
            if r.read_back is not None:
                held = translate("ThresholdResults", "; the unit holds {value}")
                text += held.format(value=f(r.setting, r.read_back))
        return text, ERROR_COLOUR
    if r.cause == "order" and r.other:
        text = translate("ThresholdResults",
                         "– not written: the unit holds {other} = {value}, so this value would put low above high")
        return text.format(other=setting_label(r.other), value=f(r.other, r.other_value)), WARN_COLOUR
    causes = {
        "partner_unknown": translate("ThresholdResults",
                                     "– not written: the other limit is unknown after its failed write"),
        "cancelled": translate("ThresholdResults", "– not written: cancelled"),
        "link_lost": translate("ThresholdResults", "– not written: the link was lost"),
        "unit_unreachable": translate("ThresholdResults", "– not written: the unit stopped answering"),
        "audit": translate("ThresholdResults", "– not written: the audit log could not be written"),
        "interrupted": translate("ThresholdResults", "– not written: interrupted"),
    }
    if r.cause in causes:
        return causes[r.cause], WARN_COLOUR
    return translate("ThresholdResults", "– not written: {reason}").format(reason=r.reason), WARN_COLOUR


def problem_text(p: Problem, locale: QLocale) -> str:
    """A translated text for a validation problem (the English message where no template fits)."""
    d = p.data
    setting = p.setting
    if p.code == "range" and setting in SETTINGS:
        text = translate("ThresholdResults", "outside {low} .. {high}")
        return text.format(low=format_value(setting, d["low"], locale), high=format_value(setting, d["high"], locale))
    if p.code == "order" and setting in SETTINGS:
        other = format_value(d["other"], d["other_value"], locale)
        if split_setting(setting)[1] == "low":
            text = translate("ThresholdResults", "above the high alarm ({other})").format(other=other)
        else:
            text = translate("ThresholdResults", "below the low alarm ({other})").format(other=other)
        if d.get("present"):
            text += translate("ThresholdResults", ", the unit's present value")
        return text
    if p.code == "decimals" and setting in SETTINGS:
        return translate("ThresholdResults", "more decimals than the unit stores")
    if p.code == "unreadable":
        text = translate("ThresholdResults", "cannot read the unit's present thresholds: {error}")
        return text.format(error=d.get("error", ""))
    if p.code == "audit":
        return translate("ThresholdResults", "the audit log cannot be written: {error}").format(error=d.get("error", ""))
    return p.message


def follow_default_locale(widget: QWidget) -> None:
    """On a language switch the application sets Qt's default locale first (ui/i18n.py); a
    widget built earlier keeps the old one, so spin boxes would go on with the old decimal
    separator. Take the new default (children follow, and get LocaleChange)."""
    if widget.locale() != QLocale():
        widget.setLocale(QLocale())


def set_style(label: QLabel, colour: str) -> None:
    label.setStyleSheet(f"color: {colour};" if colour else "")



def broken_text(broken: list, locale: QLocale) -> str:
    """The limits a unit's present reading already breaks (device/assess.py BrokenLimit), one
    sentence each: "L1 reads 239.7 V: a high alarm at 230.0 V alarms at once"."""
    sentences = []
    for b in broken:
        decimals = 1 if b.unit in ("V", "A") else 0
        template = (translate("ThresholdEditor", "%1 reads %2: a high alarm at %3 alarms at once") if b.side == "high"
                    else translate("ThresholdEditor", "%1 reads %2: a low alarm at %3 alarms at once"))
        sentences.append(template.replace("%1", b.label)
                         .replace("%2", f"{locale.toString(b.reading, 'f', decimals)} {b.unit}")
                         .replace("%3", f"{locale.toString(b.limit, 'f', decimals)} {b.unit}"))
    return "; ".join(sentences)


def live_text(reading: UnitReading | None, setting: str, locale: QLocale) -> str:
    """The live reading a threshold watches, with the alarm it is in (context "ThresholdEditor")."""
    if reading is None:
        return ""
    quantity, _side = split_setting(setting)
    mon = MONITORED_BY_KEY[quantity]
    q = BY_KEY[mon.reading]
    value = reading.value(mon.reading)
    if value is None:
        return translate("ThresholdEditor", "not connected") if mon.reading in reading.values else ""
    text = f"{locale.toString(float(value), 'f', q.decimals)} {q.unit}"
    state = reading.value(f"{quantity}.alarm")
    if state in ("low", "high"):  # the labels "low alarm" / "high alarm" of the register table
        text += f" ({translate('Quantity', BY_KEY[f'{quantity}.{state}'].label)})"
    return text


__all__ = ["ERROR_COLOUR", "OK_COLOUR", "WARN_COLOUR", "follow_default_locale", "format_value", "live_text",
           "problem_text", "result_text", "result_word", "set_style", "setting_label"]
