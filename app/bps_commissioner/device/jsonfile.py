"""JSON files an engineer writes by hand (threshold profiles, commissioning plans): parsing
that refuses what ``json`` lets through and says where.

* a key given twice in one object, NaN and Infinity are refused (``json`` accepts both
  silently: the last duplicate wins, NaN compares unequal to everything);
* every error is a :class:`JsonFileError` whose message names the file, the line and the
  key path (``plan.json:12: units[1].probes[0]: ...``);
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
from typing import Any, Callable


class JsonFileError(ValueError):
    """A file that cannot be used; the message names the file, line and key."""

    def __init__(self, message: str, source: str = "", line: int | None = None, key: str = ""):
        self.source = source
        self.line = line
        self.key = key
        self.reason = message
        where = source
        if line is not None:
            where = f"{where}:{line}" if where else f"line {line}"
        text = message if not key else f"{key}: {message}"
        super().__init__(f"{where}: {text}" if where else text)


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
        super().__init__(object_pairs_hook=no_duplicates, parse_constant=parse_constant)
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

    try:
        if positions:
            return _LinedDecoder(refuse_constant).decode(text)
        return json.loads(text, object_pairs_hook=no_duplicates, parse_constant=refuse_constant)
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


def decode_text(data: bytes, source: str = "", error: type[JsonFileError] = JsonFileError) -> str:
    """UTF-8 text of a file's bytes, with or without the BOM Windows editors add."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error("not UTF-8 text", source, line) from None


__all__ = ["Duplicate", "JsonArray", "JsonFileError", "JsonObject", "decode_text", "line_of", "loads",
           "no_duplicates"]
