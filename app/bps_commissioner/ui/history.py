"""Live history for the plots: fixed-size numpy ring buffers, one per unit.

Each unit keeps :data:`CAPACITY` samples (an 8-hour shift at 1 Hz) of the plotted
quantities, allocated in full when the unit is first seen, so memory is bounded by the
number of units, not by time: 28,800 samples x (8 bytes of time + 9 x 4 bytes of values)
is about 1.3 MB per unit, 41 MB for 32 units. At most one sample per wall-clock second is
kept: a unit on screen is read about twice a second, and a later reading in the same
second replaces the earlier one, so the buffer always spans at least 8 hours.

Times are wall-clock seconds (float64: float32 cannot hold an epoch time to the second);
values are float32, NaN where a value is absent (single-phase unit, failed poll).
"""

from __future__ import annotations

import math
from typing import Any, Iterator

import numpy as np

from bps_commissioner.device.registers import PHASES

CAPACITY = 8 * 3600

#: The plotted quantities, QUANTITIES keys, in column order: voltage, current and active
#: power of L1, L2, L3.
CHANNELS: tuple[str, ...] = tuple(f"{field}_{phase.lower()}" for field in ("voltage", "current", "active_power")
                                  for phase in PHASES)


class UnitHistory:
    """A ring buffer of (time, CHANNELS) samples."""

    def __init__(self, capacity: int = CAPACITY, channels: tuple[str, ...] = CHANNELS):
        if capacity < 2:
            raise ValueError("a history holds at least 2 samples")
        self.capacity = capacity
        self.channels = channels
        self._t = np.full(capacity, np.nan, dtype=np.float64)
        self._v = np.full((len(channels), capacity), np.nan, dtype=np.float32)
        self._next = 0  # index the next new sample goes to
        self._count = 0
        self._last_second: int | None = None
        self.phases = 3

    def __len__(self) -> int:
        return self._count

    @property
    def nbytes(self) -> int:
        return self._t.nbytes + self._v.nbytes

    @property
    def last_time(self) -> float | None:
        return None if self._count == 0 else float(self._t[(self._next - 1) % self.capacity])

    def append(self, t: float, values: Any) -> bool:
        """Store one sample; ``values`` holds one number (or None) per channel. A sample in
        the same wall-clock second as the previous one replaces it; one older than the
        previous is ignored (a clock set back). Returns True if stored."""
        last = self.last_time
        if last is not None and t < last:
            return False
        second = math.floor(t)
        if self._last_second == second and self._count:
            index = (self._next - 1) % self.capacity
        else:
            index = self._next
            self._next = (self._next + 1) % self.capacity
            self._count = min(self._count + 1, self.capacity)
        self._last_second = second
        self._t[index] = t
        self._v[:, index] = [np.nan if v is None else v for v in values]
        return True

    def append_reading(self, t: float, reading: Any) -> bool:
        """Store the plotted values of a UnitReading (None: a failed poll, a gap)."""
        if reading is None:
            return self.append(t, [None] * len(self.channels))
        self.phases = reading.phases
        return self.append(t, [reading.values.get(key) for key in self.channels])

    def extend(self, times: np.ndarray, values: np.ndarray) -> None:
        """Append many samples at once (times increasing, at least a second apart, after the
        last sample); ``values`` is [channel, sample]. Only the newest ``capacity`` are kept."""
        times = np.asarray(times, dtype=np.float64)[-self.capacity:]
        values = np.asarray(values, dtype=np.float32)[:, -self.capacity:]
        n = len(times)
        if n == 0:
            return
        last = self.last_time
        if last is not None and times[0] <= last:
            raise ValueError("samples must come after the last one")
        index = (self._next + np.arange(n)) % self.capacity
        self._t[index] = times
        self._v[:, index] = values
        self._next = (self._next + n) % self.capacity
        self._count = min(self._count + n, self.capacity)
        self._last_second = math.floor(times[-1])

    def tail(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """The last ``n`` samples in time order, as copies: (times, values[channel, sample])."""
        n = max(0, min(n, self._count))
        start = (self._next - n) % self.capacity
        if start + n <= self.capacity:
            return self._t[start:start + n].copy(), self._v[:, start:start + n].copy()
        idx = np.arange(start, start + n) % self.capacity
        return self._t[idx], self._v[:, idx]

    def since(self, t_from: float) -> tuple[np.ndarray, np.ndarray]:
        """The samples from ``t_from`` on, in time order (copies)."""
        last = self.last_time
        if last is None or last < t_from:
            return np.empty(0), np.empty((len(self.channels), 0), dtype=np.float32)
        # at most one sample per second: the window needs at most its length + 1 samples
        t, v = self.tail(int(last - t_from) + 2)
        first = int(np.searchsorted(t, t_from, side="left"))
        return t[first:], v[:, first:]

    def channel(self, key: str) -> int:
        return self.channels.index(key)


class HistoryStore:
    """The histories of every unit seen, keyed by (link key, address)."""

    def __init__(self, capacity: int = CAPACITY):
        self.capacity = capacity
        self._units: dict[tuple[str, int], UnitHistory] = {}

    def get(self, key: str, address: int) -> UnitHistory:
        history = self._units.get((key, address))
        if history is None:
            history = self._units[(key, address)] = UnitHistory(self.capacity)
        return history

    def find(self, key: str, address: int) -> UnitHistory | None:
        return self._units.get((key, address))

    def add_result(self, key: str, result: Any) -> None:
        """Record a UnitResult: its reading, or a gap when the poll failed."""
        self.get(key, result.address).append_reading(result.time, result.reading)

    def drop_link(self, key: str) -> None:
        for k in [k for k in self._units if k[0] == key]:
            del self._units[k]

    def __iter__(self) -> Iterator[tuple[tuple[str, int], UnitHistory]]:
        return iter(self._units.items())

    def __len__(self) -> int:
        return len(self._units)

    @property
    def nbytes(self) -> int:
        return sum(h.nbytes for h in self._units.values())
