"""A small, deterministic YAML writer for the hand-over files (PyYAML is not a runtime
dependency: the Windows installer ships locked wheels only).

Mappings keep their insertion order, lists are block lists, every string is single-quoted
(so that no value is ever read as a number, a boolean or a null by a YAML 1.1 or 1.2
reader), numbers and booleans are plain. Comments can be put on top of a document."""

from __future__ import annotations

from typing import Any

_PLAIN_KEY_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


class Literal(str):
    """A string written as a YAML literal block (``|-``), for multi-line text."""


def quote(text: str) -> str:
    """A single-quoted YAML scalar; line breaks become spaces (none of ours carry one)."""
    return "'" + str(text).replace("\r", " ").replace("\n", " ").replace("'", "''") + "'"


def _key(key: Any) -> str:
    text = str(key)
    if text and set(text) <= _PLAIN_KEY_CHARS and not text[0].isdigit() and \
            text.lower() not in ("true", "false", "yes", "no", "on", "off", "null", "y", "n"):
        return text
    return quote(text)


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return quote(str(value))


def _emit(value: Any, indent: int, out: list[str]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, Literal):
                out.append(f"{pad}{_key(key)}: |-")
                out.extend(f"{pad}  {line}" if line else "" for line in item.splitlines())
            elif isinstance(item, (dict, list)) and item:
                out.append(f"{pad}{_key(key)}:")
                _emit(item, indent + 2, out)
            elif isinstance(item, (dict, list)):
                out.append(f"{pad}{_key(key)}: {'{}' if isinstance(item, dict) else '[]'}")
            else:
                out.append(f"{pad}{_key(key)}: {_scalar(item)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, (dict, list)) and item:
                lines: list[str] = []
                _emit(item, indent + 2, lines)
                first = lines[0][indent + 2:]
                out.append(f"{pad}- {first}")
                out.extend(lines[1:])
            else:
                out.append(f"{pad}- {_scalar(item) if not isinstance(item, (dict, list)) else '[]'}")
    else:
        out.append(pad + _scalar(value))


def dump(document: Any, comments: str = "") -> str:
    """The YAML text of ``document`` (dicts, lists, str, int, float, bool, None)."""
    out = [f"# {line}".rstrip() for line in comments.splitlines()]
    _emit(document, 0, out)
    return "\n".join(out) + "\n"


__all__ = ["Literal", "dump", "quote"]
