"""The audit log: every threshold write attempt, one JSON object per line.

Where: ``audit.jsonl`` in the user's data folder (services/paths.py), never the install folder; the CLI's ``--audit-log PATH`` and the GUI widgets' ``audit``
argument choose another file.

Each line: ``time`` (ISO 8601 with the UTC offset), ``link`` (port and settings, or host:port),
``unit``, ``setting`` (``current_l1.high``), ``register``, ``old``, ``new``, ``written`` (the
register word sent), ``read_back`` (null when it could not be read), ``result``
(``applied`` / ``failed``) and ``reason``. The log holds thresholds only: no password or
other secret ever goes into it.

A line is appended and flushed to disk before the next write starts, so a crash or a pulled
cable leaves a complete record of what was attempted. Appending is thread-safe within a
process (one lock per file) and each line goes out in a single write in append mode.
"""

from __future__ import annotations

import json
import os
import threading
from collections import deque
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from bps_commissioner.services.paths import data_dir

FILE_NAME = "audit.jsonl"

_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def default_audit_path() -> Path:
    """``audit.jsonl`` in the user's data folder."""
    return data_dir() / FILE_NAME


class AuditError(OSError):
    """The audit log cannot be written; the message names the file."""


@dataclass(frozen=True)
class AuditEntry:
    time: str
    link: str
    unit: int
    setting: str
    register: int
    old: float | int | None
    new: float | int
    written: int
    read_back: float | int | None
    result: str
    reason: str = ""

    @staticmethod
    def now() -> str:
        return datetime.now().astimezone().isoformat(timespec="milliseconds")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _lock_for(path: Path) -> threading.Lock:
    key = os.path.normcase(os.path.abspath(path))
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(key, threading.Lock())


class AuditLog:
    """An append-only JSON-lines file. ``path=None``: :func:`default_audit_path`."""

    def __init__(self, path: str | os.PathLike[str] | None = None):
        self.path = Path(path) if path is not None else default_audit_path()
        self._lock = _lock_for(self.path)

    def __repr__(self) -> str:
        return f"AuditLog({str(self.path)!r})"

    def ensure_writable(self) -> None:
        """Create the folder and open the file for appending, or raise AuditError. Called
        before the first write to a unit: no write without its record."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._lock, open(self.path, "a", encoding="utf-8"):
                pass
        except OSError as exc:
            raise AuditError(f"cannot write the audit log {self.path}: {exc.strerror or exc}") from None

    def append(self, entry: AuditEntry) -> None:
        """Append one line and flush it to disk. Raises AuditError."""
        line = json.dumps(entry.to_dict(), ensure_ascii=False) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._lock, open(self.path, "a", encoding="utf-8") as f:
                f.write(line)
                f.flush()
                os.fsync(f.fileno())
        except OSError as exc:
            raise AuditError(f"cannot write the audit log {self.path}: {exc.strerror or exc}") from None

    def entries(self, limit: int | None = None) -> list[dict[str, Any]]:
        """The last ``limit`` entries (all when None), oldest first. A line that does not
        parse (a file edited by hand, a line cut by a crash) is skipped; a missing file is
        an empty log."""
        try:
            with self._lock, open(self.path, encoding="utf-8", errors="replace") as f:
                lines = deque(f, maxlen=limit) if limit else list(f)
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise AuditError(f"cannot read the audit log {self.path}: {exc.strerror or exc}") from None
        out = []
        for line in lines:
            try:
                doc = json.loads(line)
            except ValueError:
                continue
            if isinstance(doc, dict):
                out.append(doc)
        return out


__all__ = ["AuditEntry", "AuditError", "AuditLog", "default_audit_path"]
