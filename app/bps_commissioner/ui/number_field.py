"""The window's number fields take numbers as the CLI, profiles and plans do
(device/numbers.py): ASCII digits, an optional sign and the locale's decimal separator
(the decimal comma in Polish), nothing else. A plain QDoubleSpinBox also takes ``1e1`` and,
in some locales, other digits (``٣٠``); this one refuses them as they are typed, and shows
its value in ASCII digits whatever the locale.

What is typed is kept exactly (issue 17): a plain QDoubleSpinBox refuses a keystroke that
takes its text past its range, so "350" in a 0..300 V field became 35.0 and "40" in a
0..32 A field 4.0, and on leaving the field it silently went back to its last value. Here
the range set by the owner (:meth:`LimitSpinBox.setRange`) is the field's *limits*: a number
outside them is taken as typed, shown in the error colour (:meth:`LimitSpinBox.out_of_range`),
and left to the owner's validation (device/limits.py) to refuse before anything is written.
Partial input ("", "-", "25,") is Intermediate; only what is not a number is Invalid (and a
digit past the register's decimals, which could only be rounded away)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QPalette, QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QDoubleSpinBox, QWidget

from bps_commissioner.device.numbers import NumberError, parse_decimal
from bps_commissioner.ui.style import ERROR_COLOUR

#: What the field can hold whatever its limits: far beyond any threshold, so that a typed
#: number is never cut, yet a bound (Qt clamps to it).
CAPACITY = 99999.0


class LimitSpinBox(QDoubleSpinBox):
    """A QDoubleSpinBox for a limit: range and step are set by its owner from the device
    table (device/limits.py); what may be typed is what :func:`parse_decimal` takes, and a
    typed number is kept exactly, inside the range or not (:meth:`out_of_range`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._low, self._high = super().minimum(), super().maximum()
        self._shown_out = False
        super().setRange(-CAPACITY, CAPACITY)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)
        self.valueChanged.connect(self._show_range)

    # -- the limits (the owner's range) -------------------------------------------------------
    def setRange(self, low: float, high: float) -> None:  # noqa: N802 (Qt's name)
        self._low, self._high = float(low), float(max(low, high))
        self._show_range()

    def setMinimum(self, low: float) -> None:  # noqa: N802 (Qt's name)
        self.setRange(low, max(low, self._high))

    def setMaximum(self, high: float) -> None:  # noqa: N802 (Qt's name)
        self.setRange(min(self._low, high), high)

    def minimum(self) -> float:
        return self._low

    def maximum(self) -> float:
        return self._high

    def out_of_range(self) -> bool:
        """Whether the value (as typed) lies outside the limits."""
        value = self.value()
        return not self._low <= value <= self._high

    def _show_range(self, *_: Any) -> None:
        """The value in the error colour while it lies outside the limits."""
        out = self.out_of_range()
        if out == self._shown_out:
            return
        self._shown_out = out
        palette = QPalette()
        if out:
            palette = QPalette(self.palette())
            palette.setColor(QPalette.ColorRole.Text, QColor(ERROR_COLOUR))
        self.setPalette(palette)

    # -- stepping stays inside the limits -----------------------------------------------------
    def stepBy(self, steps: int) -> None:  # noqa: N802 (Qt's name)
        value, target = self.value(), self.value() + steps * self.singleStep()
        if steps > 0:
            target = min(target, max(self._high, value))
        else:
            target = max(target, min(self._low, value))
        self.setValue(target)
        self.selectAll()

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:  # noqa: N802 (Qt's name)
        flags = QAbstractSpinBox.StepEnabledFlag.StepNone
        if self.isReadOnly():
            return flags
        if self.value() < self._high:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        if self.value() > self._low:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        return flags

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self._narrowed(super().sizeHint())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self._narrowed(super().minimumSizeHint())

    def _narrowed(self, hint: QSize) -> QSize:
        """Qt sizes the field for its capacity; the limits' texts are what it shows."""
        fm = self.fontMetrics()
        wide = max(fm.horizontalAdvance(self.textFromValue(v)) for v in (-CAPACITY, CAPACITY))
        shown = max(fm.horizontalAdvance(self.textFromValue(v)) for v in (self._low, self._high))
        return QSize(hint.width() - max(0, wide - shown), hint.height())

    # -- text ---------------------------------------------------------------------------------
    def separator(self) -> str:
        """The decimal separator typed and shown: the locale's comma, else a point."""
        return "," if self.locale().decimalPoint() == "," else "."

    def _body(self, text: str) -> str:
        body = text
        if self.suffix() and body.endswith(self.suffix()):
            body = body[: -len(self.suffix())]
        if self.prefix() and body.startswith(self.prefix()):
            body = body[len(self.prefix()):]
        return body.strip(" ")

    def parse(self, text: str) -> float | None:
        """The value of a text as typed (with or without the suffix), or None when it is
        not a plain number in this field's locale."""
        body = self._body(text)
        if self.separator() == "." and "," in body:
            return None
        try:
            return float(parse_decimal(body, separator=self.separator()))
        except NumberError:
            return None

    def validate(self, text: str, pos: int) -> Any:  # noqa: D401 (Qt's name)
        body = self._body(text)
        if body in ("", "-", "+", self.separator(), "-" + self.separator(), "+" + self.separator()):
            return QValidator.State.Intermediate, text, pos
        value = self.parse(text)
        if value is None:
            return QValidator.State.Invalid, text, pos
        scale = 10 ** self.decimals()
        if abs(value * scale - round(value * scale)) > 1e-6:
            return QValidator.State.Invalid, text, pos  # more decimals than the register holds
        if abs(value) > CAPACITY:
            return QValidator.State.Invalid, text, pos  # no threshold is near; Qt would clamp it
        if self.decimals() and body.endswith(self.separator()):
            return QValidator.State.Intermediate, text, pos  # "25," on its way to "25,5"
        return QValidator.State.Acceptable, text, pos

    def fixup(self, text: str) -> str:
        return text

    def valueFromText(self, text: str) -> float:  # noqa: N802 (Qt's name)
        value = self.parse(text)
        return self.value() if value is None else value

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt's name)
        return f"{value:.{self.decimals()}f}".replace(".", self.separator())


__all__ = ["CAPACITY", "LimitSpinBox"]
