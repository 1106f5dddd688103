"""Starting the GUI: the QApplication, the language, the link manager and the window."""

from __future__ import annotations

import signal
import sys
from typing import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from bps_commissioner import __version__
from bps_commissioner.services.manager import LinkManager
from bps_commissioner.ui.i18n import Translations
from bps_commissioner.ui.icons import icon
from bps_commissioner.ui.main_window import MainWindow
from bps_commissioner.ui.settings import APPLICATION, ORGANIZATION


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
        window.shutdown()
