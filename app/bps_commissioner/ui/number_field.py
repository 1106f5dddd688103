"""The window's limit fields take numbers as the CLI, profiles and plans do
(device/numbers.py): ASCII digits, an optional sign and the locale's decimal separator
(the decimal comma in Polish), nothing else. A plain QDoubleSpinBox also takes ``1e1`` and,
in some locales, other digits (``٣٠``); this one refuses them as they are typed, and shows
its value in ASCII digits whatever the locale."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox

from bps_commissioner.device.numbers import NumberError, parse_decimal


class LimitSpinBox(QDoubleSpinBox):
    """A QDoubleSpinBox for a limit: range and step are set by its owner from the device
    table (device/limits.py); what may be typed is what :func:`parse_decimal` takes."""

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
        if body in ("", "-", "+"):
            return QValidator.State.Intermediate, text, pos
        if self.parse(text) is None:
            return QValidator.State.Invalid, text, pos
        value = self.parse(text)
        assert value is not None
        scale = 10 ** self.decimals()
        if abs(value * scale - round(value * scale)) > 1e-6:
            return QValidator.State.Invalid, text, pos  # more decimals than the register holds
        if not self.minimum() <= value <= self.maximum():
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Acceptable, text, pos

    def valueFromText(self, text: str) -> float:  # noqa: N802 (Qt's name)
        value = self.parse(text)
        return self.value() if value is None else value

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt's name)
        return f"{value:.{self.decimals()}f}".replace(".", self.separator())


__all__ = ["LimitSpinBox"]
