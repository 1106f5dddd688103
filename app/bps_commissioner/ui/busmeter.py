"""Bus efficiency of the serial links, from their frames, for the status bar.

The service layer's definition (bench/bus_bench.py): for every transaction, the time its
request and reply bytes take on the wire at the baud rate plus the two mandatory
3.5-character silences, summed, over the time the transactions took. Seen from the PC, a
transaction lasts from sending its request to the end of its reply (or, for a request that
got no reply, to the next request), plus its two silences; the unit's turnaround, the
adapter's latency and every timeout are the difference. Idle time between sweeps is not
counted: a bus polled once a second is meant to be idle most of the time. Measured over the
last :data:`WINDOW` seconds.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from bps_commissioner.device.bus import BusSettings

WINDOW = 10.0
MAX_WAIT = 5.0  # a request unanswered for longer is not a transaction of this bus any more


class BusMeter:
    def __init__(self) -> None:
        self._settings: dict[str, BusSettings] = {}
        self._pending: dict[str, Any] = {}  # key -> the request frame awaiting its reply
        self._done: deque[tuple[float, float, float]] = deque()  # (end time, useful s, spent s)

    def set_link(self, key: str, settings: BusSettings | None) -> None:
        """A serial link's bus settings; None for a link without a wire time (TCP)."""
        if settings is None:
            self._settings.pop(key, None)
        else:
            self._settings[key] = settings
        self._pending.pop(key, None)

    def add(self, key: str, record: Any) -> None:
        bus = self._settings.get(key)
        if bus is None:
            return
        silences = 2 * bus.silence
        if record.direction == "tx":
            previous = self._pending.pop(key, None)
            if previous is not None and 0 <= record.time - previous.time <= MAX_WAIT:  # it got no reply
                self._done.append((record.time, bus.wire_time(len(previous.data)) + silences,
                                   record.time - previous.time + silences))
            self._pending[key] = record
            return
        request = self._pending.pop(key, None)
        if request is None or not 0 <= record.time - request.time <= MAX_WAIT:
            return
        useful = bus.wire_time(len(request.data) + len(record.data)) + silences
        self._done.append((record.time, useful, max(record.time - request.time + silences, useful)))

    def efficiency(self, now: float) -> float | None:
        """Useful wire time over the time the transactions took (None: no serial traffic)."""
        while self._done and self._done[0][0] < now - WINDOW:
            self._done.popleft()
        spent = sum(s for _, _, s in self._done)
        if spent <= 0:
            return None
        return sum(u for _, u, _ in self._done) / spent
