"""The Polish and English catalogues: complete, consistent, up to date, shipped, and used."""

import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabWidget

from bps_commissioner.device.registers import MONITORED, QUANTITIES
from bps_commissioner.ui.i18n import catalogue

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("translations_update", ROOT / "translations" / "update.py")
update = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(update)

PLACEHOLDER = re.compile(r"%\d|%n|\{\w+\}")


def messages(language):
    tree = ET.parse(update.ts_file(language))
    for context in tree.getroot().findall("context"):
        for message in context.findall("message"):
            yield context.findtext("name"), message


def mnemonic(text):
    return "&" in text.replace("&&", "")


def test_polish_catalogue_is_complete_and_consistent():
    problems = []
    count = 0
    for context, m in messages("pl"):
        count += 1
        source = m.findtext("source")
        translation = m.find("translation")
        where = f"{context}: {source!r}"
        if translation is None or translation.get("type"):
            problems.append(f"{where} is {translation.get('type') if translation is not None else 'missing'}")
            continue
        if m.get("numerus") == "yes":
            forms = [f.text or "" for f in translation.findall("numerusform")]
            if len(forms) != 3 or not all(f.strip() for f in forms):
                problems.append(f"{where} needs its three Polish plural forms, has {forms}")
                continue
        else:
            forms = [translation.text or ""]
            if not forms[0].strip():
                problems.append(f"{where} is empty")
                continue
        for form in forms:
            wanted = sorted(set(PLACEHOLDER.findall(source)))
            if sorted(set(PLACEHOLDER.findall(form))) != wanted:
                problems.append(f"{where}: {form!r} does not keep the placeholders {wanted}")
            if mnemonic(source) != mnemonic(form):
                problems.append(f"{where}: {form!r} must {'' if mnemonic(source) else 'not '}have a & shortcut")
    assert not problems, "\n".join(problems)
    assert count > 250  # the whole UI, the device table's labels included


def test_english_catalogue_has_every_plural():
    plurals = [(c, m) for c, m in messages("en") if m.get("numerus") == "yes"]
    assert len(plurals) >= 8
    for context, m in plurals:
        forms = [f.text or "" for f in m.find("translation").findall("numerusform")]
        assert len(forms) == 2 and all(forms) and not m.find("translation").get("type"), (context, m.findtext("source"))


def test_catalogues_are_up_to_date_with_the_sources_and_compiled():
    """lupdate finds no new string (a Polish string missing) and the shipped .qm is the .ts compiled."""
    assert update.check() == []


def test_every_label_of_the_device_table_is_translated(qapp):
    translator = QTranslator()
    assert translator.load(str(catalogue("pl")))
    labels = {q.label for q in QUANTITIES} | {m.label for m in MONITORED}
    untranslated = [label for label in labels if not translator.translate("Quantity", label)]
    assert not untranslated


def test_compiled_catalogue_plurals_follow_polish_grammar(qapp):
    translator = QTranslator()
    assert translator.load(str(catalogue("pl")))
    QCoreApplication.installTranslator(translator)
    try:
        forms = {n: QCoreApplication.translate("MainWindow", "%n unit(s)", "", n) for n in (1, 2, 5, 22, 25)}
    finally:
        QCoreApplication.removeTranslator(translator)
    assert forms == {1: "1 urządzenie", 2: "2 urządzenia", 5: "5 urządzeń", 22: "22 urządzenia", 25: "25 urządzeń"}


def test_catalogues_are_package_data():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"translations/*.qm"' in text
    for language in ("pl", "en"):
        assert catalogue(language).is_file()
        assert catalogue(language).parent == ROOT / "app" / "bps_commissioner" / "translations"


# texts that are the same in both languages: names, units, numbers, protocol terms
SAME_IN_BOTH = re.compile(r"^(|[\d\s.,:–\-/%·]+|L[123]|BPS Commissioner.*|&?English|&?Polski|CSV|"
                          r"Modbus &?TCP|RS485.*|&Host:|&Port:|.*\d{2}:\d{2}:\d{2}.*|×|.*USB VID:PID.*|alarm|"
                          r"Status|/dev/.*|COM\d+)$")


def visible_texts(widget):
    out = {}
    for w in [widget, *widget.findChildren(QLabel), *widget.findChildren(QAbstractButton),
              *widget.findChildren(QGroupBox), *widget.findChildren(QTabWidget)]:
        name = f"{type(w).__name__}:{w.objectName()}:{id(w)}"
        if isinstance(w, QTabWidget):
            for i in range(w.count()):
                out[f"{name}:tab{i}"] = w.tabText(i)
        elif isinstance(w, QGroupBox):
            out[name] = w.title()
        elif hasattr(w, "text"):
            out[name] = w.text()
    for action in widget.findChildren(type(getattr(widget, "act_connect", None)) or object):
        out[f"action:{action.objectName()}:{id(action)}"] = action.text()
    return out


@pytest.mark.parametrize("what", ["window", "connect", "scan"])
def test_no_english_text_is_left_in_the_polish_window(qtbot, make_window, tcp_chain, translations, what):
    """Every visible text of the window and its dialogs changes when the language does."""
    from tests.ui.conftest import tcp_endpoint

    w = make_window()
    w.show()
    key = w.connect_link(tcp_endpoint(tcp_chain), [1, 2])
    qtbot.waitUntil(lambda: all(u.reading is not None for u in w.model.units(key)), timeout=8000)
    if what == "window":
        target = w
    elif what == "connect":
        target = w.open_connect_dialog()
    else:
        from bps_commissioner.ui.scan_dialog import ScanDialog

        target = ScanDialog(w.manager, key, "COM5", w)
        qtbot.addWidget(target)
    qtbot.wait(100)
    english = visible_texts(target)
    translations.set_language("pl")
    qtbot.waitUntil(lambda: w.menu_file.title() == "&Plik", timeout=2000)
    qtbot.wait(1200)  # a poll or two: texts made per update are made anew
    polish = visible_texts(target)
    same = sorted({english[k] for k in english if k in polish and polish[k] == english[k]
                   and not SAME_IN_BOTH.match(english[k])})
    assert not same, same
