"""The window's side of the log: the crash dialog names the log file (and never blocks),
Help > Open the log folder."""

import logging
import sys

import pytest

from bps_commissioner.services import logs


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("BPS_COMMISSIONER_DATA_DIR", str(folder))
    yield folder
    logs.close_logging()


@pytest.mark.qt_no_exception_capture
def test_an_uncaught_exception_is_logged_and_the_crash_dialog_names_the_log(qtbot, data_dir, tmp_path,
                                                                             monkeypatch):
    from PySide6.QtWidgets import QWidget

    from bps_commissioner.ui.app import NO_CRASH_DIALOG, install_crash_reporter

    monkeypatch.delenv(NO_CRASH_DIALOG, raising=False)
    path = logs.setup_logging(logging.INFO, tmp_path / "crash.log")
    window = QWidget()
    qtbot.addWidget(window)
    reporter = install_crash_reporter(window)
    try:
        try:
            raise ValueError("a slot's bug 1234")
        except ValueError:
            sys.excepthook(*sys.exc_info())
        qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
        assert str(path) in reporter.dialog.text() and not reporter.dialog.isModal()
        assert "a slot's bug 1234" in reporter.dialog.detailedText()
        reporter.dialog.close()
    finally:
        logs.set_crash_reporter(None)
    text = path.read_text(encoding="utf-8")
    assert "uncaught exception" in text and "ValueError: a slot's bug 1234" in text


def test_help_menu_opens_the_log_folder(qtbot, make_window, data_dir, tmp_path, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    path = logs.setup_logging(logging.INFO, tmp_path / "logs-here" / "h.log")
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    window = make_window()
    assert window.act_log_folder in window.menu_help.actions()
    window.act_log_folder.trigger()
    assert [u.toLocalFile() for u in opened] == [str(path.parent)]
