"""The audit log, write-ahead: every change the tool makes to a unit, one JSON object per line.

Where: ``audit.jsonl`` in the user's data folder (services/paths.py), never the install folder; the CLI's ``--audit-log PATH`` and the GUI widgets' ``audit``
argument choose another file.

Each line: ``time`` (ISO 8601 with the UTC offset), ``link`` (port and settings, or host:port),
``unit``, ``setting`` (``current_l1.high``), ``register``, ``old``, ``new``, ``written`` (the
register word sent), ``read_back`` (null when it could not be read), ``result``
(``applied`` / ``failed``) and ``reason``. The log holds thresholds only: no password or
other secret ever goes into it.

Write-ahead: before a change goes out (a Modbus or Telnet threshold write, an energy reset, a
restart, a firmware upload) an *intent* line is appended and fsynced: ``event`` "intent",
``id``, ``time``, ``who`` (account@computer), ``link``, ``unit``, ``action`` (``threshold``,
``telnet-threshold``, ``energy-reset``, ``restart``, ``firmware-upload``), ``setting`` (what),
``old``, ``new``. After it an *outcome* line with the same ``id`` (``event`` "outcome") says
``outcome``: ``applied``, ``refused`` (with the ``reason``) or ``unconfirmed`` (the unit's state
is not known). A Modbus threshold's outcome line keeps the fields above (``result`` applied /
failed ...). An intent without an outcome is a change cut short (a crash, a pulled battery):
:meth:`AuditLog.pending` lists them, and the CLI and the window name the units to re-read.
A line is appended and flushed to disk (fsync) before the next write starts, so a crash or a pulled
cable leaves a complete record of what was attempted. Appending is thread-safe within a
process (one lock per file) and each line goes out in a single write in append mode.
"""

from __future__ import annotations

import getpass
import json
import logging
import os
import socket
import threading
import uuid
from collections import deque
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from bps_commissioner.services.paths import data_dir

FILE_NAME = "audit.jsonl"

log = logging.getLogger(__name__)

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
    intent: str = ""  # the id of the intent line this outcome closes
    outcome: str = ""  # applied / refused / unconfirmed
    event: str = "outcome"

    @staticmethod
    def now() -> str:
        return datetime.now().astimezone().isoformat(timespec="milliseconds")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


APPLIED, REFUSED, UNCONFIRMED = "applied", "refused", "unconfirmed"


def who() -> str:
    """``account@computer`` of whoever runs the tool (never a secret)."""
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no account name is not a reason to refuse a write
        user = "?"
    return f"{user}@{socket.gethostname() or '?'}"


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
        log.info("write %s: %s unit %s: %s %r -> %r: %s", entry.intent[:8] or "-", entry.link, entry.unit,
                 entry.setting, entry.old, entry.new, entry.result)
        self._append_doc(entry.to_dict())

    def _append_doc(self, doc: dict[str, Any]) -> None:
        line = json.dumps(doc, ensure_ascii=False, default=str) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._lock, open(self.path, "a", encoding="utf-8") as f:
                f.write(line)
                f.flush()
                os.fsync(f.fileno())
        except OSError as exc:
            raise AuditError(f"cannot write the audit log {self.path}: {exc.strerror or exc}") from None

    def intent(self, *, link: str, unit: Any, action: str, setting: str = "", old: Any = None, new: Any = None,
               **extra: Any) -> str:
        """Append an intent line and fsync it, before the change goes out; returns its id
        (pass it to :meth:`outcome`). Raises AuditError: then nothing may be sent."""
        intent_id = uuid.uuid4().hex
        log.info("write %s: %s unit %s: %s %s %r -> %r", intent_id[:8], link, unit, action, setting, old, new)
        self._append_doc({"event": "intent", "id": intent_id, "time": AuditEntry.now(), "who": who(),
                          "link": link, "unit": unit, "action": action, "setting": setting,
                          "old": old, "new": new, **extra})
        return intent_id

    def outcome(self, intent_id: str, outcome: str, reason: str = "", **extra: Any) -> None:
        """Append the outcome line of ``intent_id``: applied, refused (``reason``) or unconfirmed."""
        doc = {"event": "outcome", "intent": intent_id, "time": AuditEntry.now(), "outcome": outcome,
               "reason": reason, **extra}
        doc.setdefault("result", outcome)
        log.info("write %s: %s%s", intent_id[:8], outcome, f" ({reason})" if reason else "")
        self._append_doc(doc)

    def pending(self) -> list[dict[str, Any]]:
        """The intents with no outcome line (a change cut short by a crash), oldest first."""
        open_: dict[str, dict[str, Any]] = {}
        for doc in self._read(None):
            if doc.get("event") == "intent" and isinstance(doc.get("id"), str):
                open_[doc["id"]] = doc
            elif doc.get("intent"):
                open_.pop(str(doc["intent"]), None)
        return list(open_.values())

    def entries(self, limit: int | None = None, *, intents: bool = False) -> list[dict[str, Any]]:
        """The last ``limit`` entries (all when None), oldest first; intent lines only when
        ``intents``. A line that does not parse (a file edited by hand, a line cut by a
        crash) is skipped; a missing file is an empty log."""
        docs = [d for d in self._read(None if not limit else (limit if intents else 2 * limit))
                if intents or d.get("event") != "intent"]
        return docs[-limit:] if limit else docs

    def _read(self, limit: int | None) -> list[dict[str, Any]]:
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


def pending_units(pending: list[dict[str, Any]]) -> list[str]:
    """The units of pending intents, once each, as ``link unit N`` (for a message)."""
    return list(dict.fromkeys(f"{d.get('link', '?')} unit {d.get('unit', '?')}" for d in pending))


def pending_warning(audit: AuditLog) -> str:
    """An English warning naming the units of the pending intents, or "" (none, or the log
    unreadable: a start is never refused for it)."""
    try:
        pending = audit.pending()
    except AuditError:
        return ""
    if not pending:
        return ""
    lines = [f"warning: {len(pending)} change(s) in the audit log {audit.path} have no outcome (the tool "
             f"stopped between the intent and the result); re-read these units: "
             + ", ".join(pending_units(pending))]
    for d in pending:
        lines.append(f"  {d.get('time', '?')} {d.get('who', '?')}: {d.get('action', '?')} {d.get('setting', '')} "
                     f"{d.get('old')} -> {d.get('new')} on {d.get('link', '?')} unit {d.get('unit', '?')}")
    return "\n".join(lines)


def close_pending(audit: AuditLog, reason: str = "re-read by the engineer") -> int:
    """Close every pending intent with an ``unconfirmed`` outcome; returns how many."""
    pending = audit.pending()
    for d in pending:
        audit.outcome(d["id"], UNCONFIRMED, reason)
    return len(pending)


__all__ = ["APPLIED", "REFUSED", "UNCONFIRMED", "AuditEntry", "AuditError", "AuditLog", "close_pending",
           "default_audit_path", "pending_units", "pending_warning", "who"]
