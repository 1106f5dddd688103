"""The time a service waits on, as an object, so that a test can run a wait of minutes
(a unit's restart, a retry back-off) in no time with a fake clock (tests/stubs.py).

``SYSTEM`` is the real one. A service that waits takes ``clock: Clock = SYSTEM`` and calls
``clock.monotonic()`` and ``clock.sleep(seconds)`` instead of the time module.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float: ...

    def time(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """The machine's clocks."""

    def monotonic(self) -> float:
        return time.monotonic()

    def time(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)


SYSTEM: Clock = SystemClock()

__all__ = ["Clock", "SYSTEM", "SystemClock"]
