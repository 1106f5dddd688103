"""Translation markers that need no Qt.

pyside6-lupdate extracts the literal arguments of ``QT_TRANSLATE_NOOP(context, text)``
from any Python source; at run time the marker returns the text unchanged, and the UI
translates it with ``QCoreApplication.translate(context, text)`` where it is shown.
"""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (Qt's name)
    del context
    return text
