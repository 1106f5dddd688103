"""Per-unit counters and the raw frame log of a link, as immutable snapshots."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import IO


@dataclass(frozen=True)
class FrameRecord:
    """One frame on the wire: wall-clock time, "tx" or "rx", unit address, the bytes."""

    time: float
    direction: str
    unit: int
    data: bytes

    @property
    def hex(self) -> str:
        return self.data.hex(" ").upper()

    def line(self) -> str:
        """One line of a trace file: ISO time with ms, direction, unit, hex."""
        stamp = dt.datetime.fromtimestamp(self.time).isoformat(timespec="milliseconds")
        return f"{stamp} {self.direction.upper()} unit={self.unit} {self.hex}"


class TraceFile:
    """A trace: frame records written as :meth:`FrameRecord.line`, one a line, with an
    optional ``link=KEY`` after the bytes (the window records every link into one file).
    The CLI's ``--trace`` (cli/trace.py) and the window's Diagnostics > Record write it."""

    def __init__(self, stream: IO[str], path: str = ""):
        self._stream = stream
        self.path = path
        self.lines = 0

    @classmethod
    def open(cls, path: str, append: bool = False) -> "TraceFile":
        """Open ``path`` for writing (or appending). Raises OSError."""
        return cls(open(path, "a" if append else "w", encoding="utf-8"), path)

    @property
    def closed(self) -> bool:
        return self._stream.closed

    def write(self, record: FrameRecord, link: str | None = None) -> None:
        """Raises OSError (a full disk, a removed drive)."""
        line = record.line() if link is None else f"{record.line()} link={link}"
        self._stream.write(line + "\n")
        self.lines += 1

    def flush(self) -> None:
        self._stream.flush()

    def close(self) -> None:
        self._stream.close()


@dataclass(frozen=True)
class UnitDiagnostics:
    address: int
    requests: int = 0
    replies: int = 0
    timeouts: int = 0
    garbled: int = 0  # CRC or framing errors
    exceptions: int = 0
    last_reply_s: float | None = None
    average_reply_s: float | None = None

    def to_dict(self) -> dict:
        return {"address": self.address, "requests": self.requests, "replies": self.replies,
                "timeouts": self.timeouts, "garbled": self.garbled, "exceptions": self.exceptions,
                "last_reply_ms": None if self.last_reply_s is None else round(self.last_reply_s * 1000, 1),
                "average_reply_ms": None if self.average_reply_s is None else round(self.average_reply_s * 1000, 1)}


class Counters:
    """Mutable counters, owned by one worker thread; :meth:`snapshot` crosses threads."""

    def __init__(self) -> None:
        self._units: dict[int, dict[str, float]] = {}

    def record(self, unit: int, outcome: str, seconds: float) -> None:
        c = self._units.setdefault(unit, {"requests": 0, "replies": 0, "timeouts": 0, "garbled": 0,
                                          "exceptions": 0, "reply_time": 0.0, "last": -1.0})
        c["requests"] += 1
        if outcome in ("reply", "exception"):
            c["replies"] += 1
            c["reply_time"] += seconds
            c["last"] = seconds
            if outcome == "exception":
                c["exceptions"] += 1
        elif outcome == "timeout":
            c["timeouts"] += 1
        elif outcome == "garbled":
            c["garbled"] += 1

    def snapshot(self, unit: int) -> UnitDiagnostics:
        c = self._units.get(unit)
        if c is None:
            return UnitDiagnostics(unit)
        replies = int(c["replies"])
        return UnitDiagnostics(unit, int(c["requests"]), replies, int(c["timeouts"]), int(c["garbled"]),
                               int(c["exceptions"]), None if c["last"] < 0 else c["last"],
                               c["reply_time"] / replies if replies else None)

    def units(self) -> list[int]:
        return sorted(self._units)
