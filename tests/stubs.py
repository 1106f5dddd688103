"""Fakes shared by the tests: a clock that moves only when told, and a signal collector.

Nothing here stands in for a protocol: units are always the built-in simulator over real
sockets and pseudo-terminals. These fakes replace time and Qt plumbing only.
"""

from __future__ import annotations

import threading
import time
from typing import Any


class FakeClock:
    """A clock for services/clock.py's ``Clock``: ``sleep`` returns at once and moves the
    clock on, so a wait of minutes runs in no time; ``advance`` moves it from a test.
    ``sleeps`` records every sleep asked for. ``real_step`` (seconds) lets each sleep take
    that much real time, for a wait that races a real peer (a simulated unit restarting)."""

    def __init__(self, start: float = 1000.0, wall: float = 1_764_000_000.0, real_step: float = 0.0):
        self._now = start
        self.real_step = real_step
        self._wall_offset = wall - start
        self._lock = threading.Lock()
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        with self._lock:
            return self._now

    def time(self) -> float:
        with self._lock:
            return self._now + self._wall_offset

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self._now += max(0.0, seconds)
        if self.real_step:
            time.sleep(self.real_step)

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += seconds


def collect(signal: Any) -> list:
    """Every emission of a Qt ``signal``, as its arguments (one value, or a tuple of several)."""
    seen: list = []
    signal.connect(lambda *args: seen.append(args[0] if len(args) == 1 else args))
    return seen


__all__ = ["FakeClock", "collect"]
