"""Starting the GUI: the QApplication, the language, the link manager and the window.

An uncaught exception (in a slot, a thread) is written to the log by services/logs.py's
hooks; while the window runs, :class:`CrashReporter` also shows a crash dialog naming the
log file. The dialog is not modal (it never blocks the event loop, nor a test), and
``$BPS_COMMISSIONER_NO_CRASH_DIALOG`` set to anything turns it off.
"""

from __future__ import annotations

import os
import signal
import sys
from types import TracebackType
from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from bps_commissioner import __version__
from bps_commissioner.services import logs
from bps_commissioner.services.manager import LinkManager
from bps_commissioner.ui.i18n import Translations
from bps_commissioner.ui.icons import icon
from bps_commissioner.ui.main_window import MainWindow
from bps_commissioner.ui.settings import APPLICATION, ORGANIZATION

translate = QCoreApplication.translate  # the name pyside6-lupdate recognizes

NO_CRASH_DIALOG = "BPS_COMMISSIONER_NO_CRASH_DIALOG"


class CrashReporter(QObject):
    """Shows the crash dialog in the GUI thread, whichever thread met the exception."""

    crashed = Signal(str)  # the exception, one line

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: QMessageBox | None = None
        self.crashed.connect(self.show_dialog)

    def report(self, exc_type: type[BaseException], exc: BaseException, _tb: TracebackType | None) -> None:
        if not os.environ.get(NO_CRASH_DIALOG):
            self.crashed.emit(f"{exc_type.__name__}: {exc}"[:300])

    def show_dialog(self, what: str) -> None:
        path = logs.log_path() or logs.default_log_path()
        if self.dialog is None:
            self.dialog = QMessageBox(self.window)
            self.dialog.setObjectName("crashDialog")
            self.dialog.setIcon(QMessageBox.Icon.Critical)
            self.dialog.setModal(False)
        self.dialog.setWindowTitle(translate("MainWindow", "BPS Commissioner: an unexpected error"))
        self.dialog.setText(translate(
            "MainWindow", "An unexpected error occurred. The program goes on, but save your work and check "
            "the units you were changing.\n\nThe details are in the log file:\n%1\n\nSend it with a "
            "description of what you did (Help > Open the log folder).").replace("%1", str(path)))
        self.dialog.setDetailedText(what)
        self.dialog.show()


def install_crash_reporter(window: QWidget) -> CrashReporter:
    """Log uncaught exceptions (if nobody set the log up yet, into the default file) and
    show the crash dialog over ``window``."""
    if logs.log_path() is None:
        try:
            logs.setup_logging()
        except OSError:  # no writable data folder: the hooks still report
            logs.install_hooks()
    reporter = CrashReporter(window)
    logs.set_crash_reporter(reporter.report)
    return reporter


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("BPS Commissioner")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(icon("app"))
    return app  # type: ignore[return-value]


def build_window(language: str | None = None) -> tuple[QApplication, MainWindow]:
    """The application, its translations and the main window (not shown yet)."""
    app = create_application()
    translations = Translations(app)
    translations.set_language(translations.initial_language(language))
    manager = LinkManager()
    window = MainWindow(manager, translations)
    app.aboutToQuit.connect(window.shutdown)
    return app, window


def run(*, simulate: bool = False, language: str | None = None,
        on_shown: Callable[[MainWindow], None] | None = None) -> int:
    """Show the window (on the built-in simulator with ``simulate``) until it is closed."""
    app, window = build_window(language)
    install_crash_reporter(window)  # kept by the window, its parent
    if simulate:
        window.start_simulation()
    window.show()
    if on_shown is not None:
        on_shown(window)
    # Ctrl+C in the terminal closes the window as the close button does
    previous = signal.signal(signal.SIGINT, lambda *_: window.close())
    wake = QTimer()  # lets Python run its signal handler while Qt's loop waits
    wake.timeout.connect(lambda: None)
    wake.start(250)
    try:
        return app.exec()
    finally:
        wake.stop()
        signal.signal(signal.SIGINT, previous)
        logs.set_crash_reporter(None)
        window.shutdown()
