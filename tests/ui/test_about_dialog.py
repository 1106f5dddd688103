"""Help > About: versions, every runtime dependency with its version and licence, and the
licence texts, in a dialog that fits a 1366x768 screen."""

from __future__ import annotations

from importlib import metadata

from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QLabel

from bps_commissioner import __version__
from bps_commissioner.services.about import COMPONENTS, licence_text
from bps_commissioner.ui.about_dialog import AboutDialog
from tests.services.test_about import runtime_closure

from packaging.utils import canonicalize_name


def rows(dialog: AboutDialog) -> dict[str, tuple[str, str]]:
    t = dialog.table
    return {canonicalize_name(t.item(r, 0).text()): (t.item(r, 1).text(), t.item(r, 2).text())
            for r in range(t.rowCount())}


def test_help_about_opens_the_dialog_with_versions_and_every_dependency(qtbot, make_window):
    w = make_window()
    dialog = w.show_about()
    qtbot.waitExposed(dialog)
    assert isinstance(dialog, AboutDialog) and dialog.isVisible()
    assert any(__version__ in label.text() for label in dialog.findChildren(QLabel))
    assert qVersion() in dialog.versions.text()
    listed = rows(dialog)
    licences = {canonicalize_name(c.distribution): c.licence for c in COMPONENTS}
    for name, version in runtime_closure().items():
        assert listed[name] == (version, licences[name]), name
        assert listed[name][0] == metadata.version(name)
    dialog.close()


def test_selecting_a_component_shows_its_licence_text(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    for name in ("pymodbus", "PySide6-Essentials"):
        dialog.table.selectRow(names.index(name))
        component = next(c for c in COMPONENTS if c.distribution == name)
        text = dialog.text.toPlainText()
        for file in component.texts:
            assert licence_text(file).strip()[:200] in text
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.text.toPlainText()


def test_the_dialog_fits_a_1366x768_screen(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= 1366 and dialog.height() <= 768 - 40
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 700
    assert dialog.text.isReadOnly()
