"""JSON files an engineer writes by hand (threshold profiles, commissioning plans): parsing
that refuses what ``json`` lets through and says where.

* a key given twice in one object, NaN and Infinity are refused (``json`` accepts both
  silently: the last duplicate wins, NaN compares unequal to everything);
* every error is a :class:`JsonFileError` whose message names the file, the line and the
  key path (``plan.json:12: units[1].probes[0]: ...``);
* numbers are plain (:func:`~bps_commissioner.device.numbers.is_plain_json_number`: no
  exponent, ASCII digits only), as a person writes a limit or an address;
* a file larger than :data:`MAX_CHARS` or nested deeper than :data:`MAX_DEPTH` is refused
  before it is parsed (a plan nested 100,000 deep would otherwise exhaust the stack);
* :func:`loads` with ``positions=True`` returns :class:`JsonObject` / :class:`JsonArray`
  (a dict / list that also knows the line of each of its keys or items), so a checker can
  point at the line of the value it refuses, not only at the first line that mentions a key.

Pure Python: text in, values out (reading the file is the caller's).
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
import re
from typing import Any, Callable, Iterable

from bps_commissioner.device.numbers import is_plain_json_number

#: The largest file taken (characters of text, bytes of a file): a plan of 32 links of 247
#: units is far smaller.
MAX_CHARS = 2_000_000
#: The deepest nesting of objects and arrays taken (a plan needs 4, a profile 3).
MAX_DEPTH = 32

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"?', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


class JsonFileError(ValueError):
    """A file that cannot be used; the message names the file, line and key."""

    def __init__(self, message: str, source: str = "", line: int | None = None, key: str = ""):
        self.source = source
        self.line = line
        self.key = key
        self.reason = message
        #: every problem found, this one first; more than one after :meth:`collected`
        self.problems: tuple[JsonFileError, ...] = (self,)
        where = source
        if line is not None:
            where = f"{where}:{line}" if where else f"line {line}"
        text = message if not key else f"{key}: {message}"
        super().__init__(f"{where}: {text}" if where else text)

    @classmethod
    def collected(cls, problems: Iterable["JsonFileError"]) -> "JsonFileError":
        """One error for every problem found in a file (in order): the first problem's
        file, line and key, a message that lists each on its own line."""
        found = tuple(problems)
        if len(found) == 1:
            return found[0]
        first = found[0]
        out = cls(first.reason, first.source, first.line, first.key)
        out.problems = found
        out.args = (f"{len(found)} problems:\n" + "\n".join(f"  {p}" for p in found),)
        return out


class JsonObject(dict):
    """A JSON object that remembers its line and the line of each key's value."""

    line: int | None = None
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int | None:
        """The line of ``key``'s value (the key's own line in any usual layout)."""
        return getattr(self, "key_lines", {}).get(key, self.line)


class JsonArray(list):
    """A JSON array that remembers its line and the line of each item."""

    line: int | None = None
    item_lines: list[int]

    def line_of(self, index: int) -> int | None:
        lines = getattr(self, "item_lines", [])
        return lines[index] if 0 <= index < len(lines) else self.line


def line_of(text: str, key: str, after: str | None = None) -> int | None:
    """The line where ``"key":`` first appears (after ``"after":`` when given), 1-based."""
    start = 0
    if after is not None:
        m = re.search(r'"%s"\s*:' % re.escape(after), text)
        if m:
            start = m.end()
    m = re.compile(r'"%s"\s*:' % re.escape(key)).search(text, start)
    if not m:
        return None
    return text.count("\n", 0, m.start()) + 1


class Duplicate(Exception):
    """Raised by :func:`no_duplicates` for a key given twice in one object."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An ``object_pairs_hook`` that refuses a key given twice."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise Duplicate(key)
        out[key] = value
    return out


class _LinedDecoder(json.JSONDecoder):
    """The pure-Python decoder, with objects and arrays that know their lines."""

    def __init__(self, parse_constant: Callable[[str], Any]):
        super().__init__(object_pairs_hook=no_duplicates, parse_constant=parse_constant,
                         parse_int=_plain_int, parse_float=_plain_float)
        self._newlines: list[int] = []
        self.parse_object = self._object
        self.parse_array = self._array
        self.scan_once = json.scanner.py_make_scanner(self)

    def _line(self, position: int) -> int:
        return bisect.bisect_left(self._newlines, position) + 1

    def decode(self, s: str, _w: Any = json.decoder.WHITESPACE.match) -> Any:  # type: ignore[override]
        self._newlines = [m.start() for m in re.finditer("\n", s)]
        return super().decode(s, _w)

    def _object(self, s_and_end: tuple[str, int], strict: bool, scan_once: Any, object_hook: Any,
                object_pairs_hook: Any, memo: Any = None) -> tuple[JsonObject, int]:
        s, end = s_and_end
        starts: list[int] = []

        def scan(string: str, idx: int) -> Any:
            starts.append(idx)
            return scan_once(string, idx)

        value, after = json.decoder.JSONObject(s_and_end, strict, scan, object_hook, object_pairs_hook, memo)
        out = JsonObject(value)
        out.line = self._line(end - 1)
        out.key_lines = {key: self._line(start) for key, start in zip(value, starts)}
        return out, after

    def _array(self, s_and_end: tuple[str, int], scan_once: Any) -> tuple[JsonArray, int]:
        s, end = s_and_end
        starts: list[int] = []

        def scan(string: str, idx: int) -> Any:
            starts.append(idx)
            return scan_once(string, idx)

        value, after = json.decoder.JSONArray(s_and_end, scan)
        out = JsonArray(value)
        out.line = self._line(end - 1)
        out.item_lines = [self._line(start) for start in starts[: len(value)]]
        return out, after


def loads(text: str, source: str = "", error: type[JsonFileError] = JsonFileError, *,
          numbers_for: str = "a value", positions: bool = False) -> Any:
    """Parse ``text``; ``source`` (the file name) goes into messages, raised as ``error``.

    ``numbers_for`` completes the message for NaN/Infinity ("NaN is not a number a
    threshold can take"). ``positions``: objects and arrays come back as
    :class:`JsonObject` / :class:`JsonArray`."""

    def refuse_constant(name: str) -> Any:
        raise ValueError(f"{name} is not a number {numbers_for} can take")

    check_shape(text, source, error)
    try:
        if positions:
            return _LinedDecoder(refuse_constant).decode(text)
        return json.loads(text, object_pairs_hook=no_duplicates, parse_constant=refuse_constant,
                          parse_int=_plain_int, parse_float=_plain_float)
    except _BadNumber as bad:
        m = re.search(r"(?<![\w.])%s" % re.escape(bad.text), text)
        line = text.count("\n", 0, m.start()) + 1 if m else None
        raise error(f"{bad.text} is not a plain number (ASCII digits 0-9 and one decimal point, no exponent; "
                    f"e.g. 25 or 190.5)", source, line) from None
    except RecursionError:  # nesting below MAX_DEPTH never gets here; kept as a last guard
        raise error(f"nested too deeply (more than {MAX_DEPTH} levels)", source) from None
    except json.JSONDecodeError as exc:
        raise error(f"not valid JSON: {exc.msg} (column {exc.colno})", source, exc.lineno) from None
    except Duplicate as dup:
        pattern = re.compile(r'"%s"\s*:' % re.escape(dup.key))
        lines = [i + 1 for i, ln in enumerate(text.splitlines()) if pattern.search(ln)]
        line = lines[1] if len(lines) > 1 else (lines[0] if lines else None)
        raise error("given twice in one object", source, line, dup.key) from None
    except ValueError as exc:  # NaN, Infinity
        m = re.search(r"\b(NaN|Infinity)\b", text)
        line = text.count("\n", 0, m.start()) + 1 if m else None
        raise error(str(exc), source, line) from None


class _BadNumber(ValueError):
    def __init__(self, text: str):
        super().__init__(text)
        self.text = text


def _plain_int(text: str) -> int:
    if not is_plain_json_number(text):
        raise _BadNumber(text)
    return int(text)


def _plain_float(text: str) -> float:
    if not is_plain_json_number(text):
        raise _BadNumber(text)
    return float(text)


def check_shape(text: str, source: str = "", error: type[JsonFileError] = JsonFileError) -> None:
    """Refuse a text longer than :data:`MAX_CHARS` or nested deeper than :data:`MAX_DEPTH`
    (brackets inside strings do not count), before any parser sees it."""
    if len(text) > MAX_CHARS:
        raise error(f"too large for a file written by hand ({len(text):,} characters; at most {MAX_CHARS:,})",
                    source)
    depth = 0
    brackets = _BRACKET.finditer(_STRING.sub('""', text))
    for m in brackets:
        depth += 1 if m.group() in "[{" else -1
        if depth > MAX_DEPTH:
            stripped = _STRING.sub('""', text)
            line = stripped.count("\n", 0, m.start()) + 1
            raise error(f"nested too deeply (more than {MAX_DEPTH} levels of objects and arrays)", source, line)


def decode_text(data: bytes, source: str = "", error: type[JsonFileError] = JsonFileError) -> str:
    """UTF-8 text of a file's bytes, with or without the BOM Windows editors add; a file
    larger than :data:`MAX_CHARS` bytes is refused unread."""
    if len(data) > MAX_CHARS:
        raise error(f"too large for a file written by hand ({len(data):,} bytes; at most {MAX_CHARS:,})", source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error("not UTF-8 text", source, line) from None


__all__ = ["MAX_CHARS", "MAX_DEPTH", "Duplicate", "JsonArray", "JsonFileError", "JsonObject", "check_shape",
           "decode_text", "line_of", "loads", "no_duplicates"]
