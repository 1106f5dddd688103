"""The one strict reader of numbers a person types or writes in a file: limits, addresses,
ports and counts.

Python's ``int``, ``float`` and ``Decimal`` take far more than a person means by a number:
``1_0``, ``1e1``, `` 10 ``, fullwidth ``１０``, Arabic-Indic ``٣٠``, ``Infinity``. A limit
written to a unit must be exactly what the engineer read, so every number the tool takes
(the CLI, profiles, plans, the window's fields) goes through here:

* a decimal number is an optional sign, ASCII digits and at most one decimal separator
  (``.``; the window also takes its locale's separator, e.g. the Polish comma), nothing
  else: no exponent, no underscores, no other digits, no spaces inside;
* a whole number (an address, a port, a count) is ASCII digits only;
* at most :data:`MAX_DIGITS` characters, so that no text of any length is ever converted.

Errors are :class:`NumberError` (a ValueError) with a message that quotes the text.
Pure Python.
"""

from __future__ import annotations

import re
from decimal import Decimal

#: The longest number text taken (a limit or an address needs far fewer).
MAX_DIGITS = 20

_DECIMAL = {sep: re.compile(r"[+-]?(?:[0-9]+(?:%s[0-9]*)?|%s[0-9]+)" % (re.escape(sep), re.escape(sep)))
            for sep in (".", ",")}
_WHOLE = re.compile(r"[0-9]+")
_SPACES = " \t\r\n"  # dropped around a number; any other space (a no-break space) is refused


class NumberError(ValueError):
    """A text that is not a number as this tool takes numbers; ``text`` is what was given."""

    def __init__(self, message: str, text: str):
        super().__init__(message)
        self.text = text


def _why(text: str) -> str:
    """Why a text is not a plain number, for the message."""
    if any(ch.isdigit() and not "0" <= ch <= "9" for ch in text):
        return "digits other than 0-9"
    if "_" in text:
        return "an underscore"
    if any(ch in "eE" for ch in text) and any("0" <= ch <= "9" for ch in text):
        return "an exponent"
    if text != text.strip() or any(ch.isspace() for ch in text):
        return "a space"
    return ""


def parse_decimal(text: str, *, separator: str = ".") -> Decimal:
    """A decimal number typed by a person: ``25``, ``-5``, ``190.5`` (``190,5`` with
    ``separator=","``; the point is then taken too). ASCII spaces around it are dropped.
    Raises :class:`NumberError`."""
    if not isinstance(text, str):
        raise NumberError(f"{text!r} is not a number", repr(text))
    stripped = text.strip(_SPACES)
    if len(stripped) > MAX_DIGITS:
        raise NumberError(f"{stripped[:MAX_DIGITS]!r}... is too long for a number", text)
    patterns = [_DECIMAL["."]] + ([_DECIMAL[","]] if separator == "," else [])
    for pattern in patterns:
        if pattern.fullmatch(stripped):
            return Decimal(stripped.replace(",", "."))
    why = _why(stripped)
    example = "25 or 190.5" if separator == "." else "25 or 190,5"
    raise NumberError(f"{text!r} is not a number" + (f" (it has {why})" if why else "")
                      + f": write plain digits 0-9 with one decimal point, e.g. {example}", text)


def parse_whole(text: str, low: int, high: int, what: str = "a number") -> int:
    """A whole number of ASCII digits from ``low`` to ``high`` (``what`` names it in the
    message: "a port", "an address"). Raises :class:`NumberError`."""
    if not isinstance(text, str):
        raise NumberError(f"{text!r} is not {what} from {low} to {high}", repr(text))
    stripped = text.strip(_SPACES)
    if len(stripped) > MAX_DIGITS or not _WHOLE.fullmatch(stripped) or not low <= int(stripped) <= high:
        why = _why(stripped)
        raise NumberError(f"{text!r} is not {what} from {low} to {high}" + (f" (it has {why})" if why else ""),
                          text)
    return int(stripped)


def is_plain_json_number(text: str) -> bool:
    """A JSON number literal without an exponent, ASCII digits only (what a profile or plan
    may hold)."""
    return len(text) <= MAX_DIGITS and _JSON_NUMBER.fullmatch(text) is not None


_JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")


__all__ = ["MAX_DIGITS", "NumberError", "is_plain_json_number", "parse_decimal", "parse_whole"]
