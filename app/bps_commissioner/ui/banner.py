"""A dismissable message strip above a unit's view: errors without a modal dialog.

Dismissing hides the message until one with another headline arrives (another kind of
error), so a unit that keeps failing the same way (its detail text, with the milliseconds
waited, changes at every poll) does not bring it back every second.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from bps_commissioner.ui import style
from bps_commissioner.ui.icons import icon

_STYLES = {
    "info": (style.INFO_COLOUR, style.INFO_TINT, "state-waiting"),
    "warning": (style.WARN_COLOUR, style.WARN_TINT, "state-warning"),
    "error": (style.ERROR_COLOUR, style.ERROR_TINT, "state-alarm"),
    "conflict": (style.BANNER_CONFLICT_COLOUR, style.CONFLICT_TINT, "state-conflict"),
}


class Banner(QFrame):
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._icon = QLabel()
        self._icon.setFixedSize(QSize(22, 22))
        self._title = QLabel()
        self._title.setWordWrap(True)
        self._title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._detail = QLabel()
        self._detail.setWordWrap(True)
        self._detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._close = QToolButton()
        self._close.setAutoRaise(True)
        self._close.setText("\N{MULTIPLICATION SIGN}")
        self._close.clicked.connect(self.dismiss)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self._title)
        text.addWidget(self._detail)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 4, 6)
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)
        layout.addWidget(self._close, 0, Qt.AlignmentFlag.AlignTop)
        self._message: tuple[str, str, str] | None = None
        self._dismissed: tuple[str, str, str] | None = None
        self._retranslate()
        self.hide()

    @property
    def title(self) -> str:
        return self._title.text()

    @property
    def detail(self) -> str:
        return self._detail.text()

    def show_message(self, level: str, title: str, detail: str = "") -> None:
        message = (level, title, detail)
        if message == self._message and self.isVisible():
            return
        self._message = message
        if self._dismissed is not None and message[:2] == self._dismissed[:2]:
            return
        self._dismissed = None
        fg, bg, icon_name = _STYLES.get(level, _STYLES["info"])
        self.setStyleSheet(f"QFrame#banner {{ background: {bg}; border: 1px solid {fg}; border-radius: 3px; }}"
                           f"QFrame#banner QLabel {{ color: {fg}; background: transparent; border: none; }}")
        self._icon.setPixmap(icon(icon_name).pixmap(QSize(20, 20)))
        self._title.setText(f"<b>{_escape(title)}</b>")
        self._detail.setText(_escape(detail))
        self._detail.setVisible(bool(detail))
        self.show()

    def clear(self) -> None:
        """The condition is over: hide, and forget any dismissal."""
        self._message = None
        self._dismissed = None
        self.hide()

    def dismiss(self) -> None:
        self._dismissed = self._message
        self.hide()
        self.dismissed.emit()

    def _retranslate(self) -> None:
        self._close.setToolTip(self.tr("Dismiss this message"))
        self._close.setAccessibleName(self.tr("Dismiss"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
