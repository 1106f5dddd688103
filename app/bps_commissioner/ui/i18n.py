"""The GUI's languages: Polish and English, switchable at run time.

The compiled catalogues (``bps_commissioner_<lang>.qm``) ship inside the package, next to
this package in ``bps_commissioner/translations/``; their sources are the ``.ts`` files in
the repository's ``translations/`` folder (see ``translations/update.py``). Qt's own
catalogue (``qtbase_<lang>.qm``, shipped with PySide6) translates Qt's standard buttons
and dialogs.

Switching installs the new translators; Qt then sends ``QEvent.LanguageChange`` to every
widget, and each widget re-sets its texts in ``changeEvent``. Numbers follow the language
through :func:`locale` (a decimal comma in Polish), set as Qt's default locale so that
spin boxes created afterwards follow it too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from bps_commissioner.ui.settings import settings

LANGUAGES = ("en", "pl")
#: Each language's name in itself: shown as is in the language menu, never translated.
NATIVE_NAMES = {"en": "English", "pl": "Polski"}
_LOCALES = {"en": (QLocale.Language.English, QLocale.Country.UnitedKingdom),
            "pl": (QLocale.Language.Polish, QLocale.Country.Poland)}
SETTINGS_KEY = "ui/language"

CATALOGUE_DIR = Path(__file__).resolve().parents[1] / "translations"


def catalogue(language: str) -> Path:
    return CATALOGUE_DIR / f"bps_commissioner_{language}.qm"


def system_language() -> str:
    """Polish on a Polish system, else English."""
    return "pl" if QLocale.system().language() == QLocale.Language.Polish else "en"


def remembered_language() -> str | None:
    value = settings().value(SETTINGS_KEY)
    return value if value in LANGUAGES else None


def locale_for(language: str) -> QLocale:
    lang, country = _LOCALES[language]
    return QLocale(lang, country)


def locale() -> QLocale:
    """The locale numbers are shown and typed in: the chosen language's."""
    return QLocale()


class Translations(QObject):
    """Installs and swaps the application's translators."""

    languageChanged = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._installed: list[QTranslator] = []
        self.language = "en"

    def initial_language(self, requested: str | None = None) -> str:
        """``requested`` (e.g. ``--lang``) if given, else the remembered choice, else the
        system's language."""
        if requested is not None:
            if requested not in LANGUAGES:
                raise ValueError(f"language {requested!r} is not one of {', '.join(LANGUAGES)}")
            return requested
        return remembered_language() or system_language()

    def uninstall(self) -> None:
        """Remove the installed translators: the source (English) texts show again."""
        app = QCoreApplication.instance()
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed = []

    def set_language(self, language: str, *, remember: bool = False) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"language {language!r} is not one of {', '.join(LANGUAGES)}")
        self.uninstall()
        app = QCoreApplication.instance()
        QLocale.setDefault(locale_for(language))
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for path in (Path(qt_dir) / f"qtbase_{language}.qm", catalogue(language)):
            translator = QTranslator(self)
            if path.is_file() and translator.load(str(path)):
                app.installTranslator(translator)
                self._installed.append(translator)
        self.language = language
        if remember:
            settings().setValue(SETTINGS_KEY, language)
        self.languageChanged.emit(language)

    def loaded_catalogues(self) -> list[str]:
        return [t.filePath() for t in self._installed]
