"""``--trace FILE``: the raw frame log of a command, one line per frame."""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Iterator

from bps_commissioner.cli.common import UsageError
from bps_commissioner.services.diagnostics import FrameRecord, TraceFile
from bps_commissioner.services.links import FrameObserver


class TraceWriter:
    def __init__(self, trace: TraceFile | None):
        self._trace = trace

    @property
    def observer(self) -> FrameObserver | None:
        """A transport frame observer writing to the trace (None when not tracing)."""
        if self._trace is None:
            return None
        return lambda direction, unit, data, _mono: self.write(FrameRecord(time.time(), direction, unit, data))

    def write(self, record: FrameRecord) -> None:
        if self._trace is not None:
            self._trace.write(record)

    @classmethod
    @contextmanager
    def open(cls, path: str | None) -> Iterator["TraceWriter"]:
        if path is None:
            yield cls(None)
            return
        try:
            trace = TraceFile.open(path)
        except OSError as exc:
            raise UsageError(f"--trace: cannot write {path}: {exc.strerror}") from None
        try:
            yield cls(trace)
        finally:
            trace.close()
