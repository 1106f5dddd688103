"""``--trace FILE``: the raw frame log of a command, one line per frame."""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import IO, Iterator

from bps_commissioner.cli.common import UsageError
from bps_commissioner.services.diagnostics import FrameRecord
from bps_commissioner.services.links import FrameObserver


class TraceWriter:
    def __init__(self, stream: IO[str] | None):
        self._stream = stream

    @property
    def observer(self) -> FrameObserver | None:
        """A transport frame observer writing to the trace (None when not tracing)."""
        if self._stream is None:
            return None
        return lambda direction, unit, data, _mono: self.write(FrameRecord(time.time(), direction, unit, data))

    def write(self, record: FrameRecord) -> None:
        if self._stream is not None:
            self._stream.write(record.line() + "\n")

    @classmethod
    @contextmanager
    def open(cls, path: str | None) -> Iterator["TraceWriter"]:
        if path is None:
            yield cls(None)
            return
        try:
            stream = open(path, "w", encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"--trace: cannot write {path}: {exc.strerror}") from None
        with stream:
            yield cls(stream)
