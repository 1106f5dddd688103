"""Modbus RTU on a pseudo-terminal: the simulated chain as a USB-RS485 adapter shows it.

POSIX only. :class:`RtuSimulator` opens a pty pair, links a path of the user's choosing to
its slave end (the client opens that path as its serial port) and answers on the master
end in a thread of its own.

Decisions:

* Framing: FC03 and FC06 requests are 8 bytes; any other frame ends when no byte arrives
  for max(t3.5, 5 ms) (the pty has no wire timing of its own; 5 ms absorbs the scheduler).
  A bad CRC or a cut-short frame is ignored, as a real unit stays silent.
* Settings: a real unit does not understand frames sent at another baud rate or stop-bit
  count, so such frames are ignored (Linux: tcgetattr on the master reports the settings the
  client gave the slave end). A Linux pty drops PARENB, so the parity cannot be compared:
  a parity mismatch is not simulated.
* Wire time: the pty delivers bytes at once, so the reply is written whole at the moment
  its last byte would arrive on a real bus: first request byte + request wire time +
  turnaround + reply wire time.
* Broadcast (address 0) gets no reply, and is not executed either: the manual does not say
  whether a unit acts on one, so the software must not rely on it.
* Two units on one address answer at once and their replies collide (:func:`collide`).
* The simulator keeps its own descriptor of the slave end open, so a client may close and
  reopen the port between requests without the master seeing a hang-up (Linux reports EIO
  on the master while no slave descriptor is open).
"""

from __future__ import annotations

import errno
import os
import select
import termios
import threading
import time
import tty
from collections import deque
from dataclasses import dataclass

from bps_commissioner.device.bus import BAUD_RATES, BusSettings
from bps_commissioner.simulator.modbus import (
    READ_HOLDING_REGISTERS,
    WRITE_SINGLE_REGISTER,
    crc_ok,
    handle_pdu,
    rtu_frame,
)
from bps_commissioner.simulator.model import SimulatedChain

BROADCAST = 0
MAX_FRAME = 256  # the Modbus RTU limit on a frame's length
_FIXED_LENGTH = {READ_HOLDING_REGISTERS: 8, WRITE_SINGLE_REGISTER: 8}
_MIN_FRAME_GAP = 0.005
_POLL_MARGIN = 0.0015  # poll() sleeps whole milliseconds: finish the wait with finer sleeps
_SPIN = 0.0002  # ... and the last fraction of a millisecond busily
_HANGUP_WAIT = 0.05
_HISTORY = 10_000  # inter-frame gaps and reply latenesses kept for the statistics
_SPEED = {baud: getattr(termios, f"B{baud}") for baud in BAUD_RATES}
_COUNTERS = ("requests", "replies", "bad_frames", "wrong_settings", "collisions", "silence_violations")


@dataclass(frozen=True)
class RtuStats:
    """A snapshot of what the simulated bus saw since start (or the last reset)."""

    requests: int  # frames received, whatever became of them
    replies: int  # replies written, garbled ones included
    bad_frames: int  # bad CRC or cut short: ignored
    wrong_settings: int  # sent at another baud rate or stop-bit count: ignored
    collisions: int  # replies garbled by two units answering at once
    silence_violations: int  # frames begun less than t3.5 after the previous frame ended
    # The latest silences before a frame (s), oldest first: from the end of the previous
    # frame on the wire (the reply's delivery, or the request itself when nothing answered)
    # to this frame's first byte; negative when a request began while a reply was due.
    gaps: tuple[float, ...]
    lateness: tuple[float, ...]  # the latest replies' delays past their due time (s)


def collide(frames: list[bytes]) -> bytes:
    """What the master receives when several units answer at once.

    RS485 drivers fighting over the line tend to pull it to the dominant level, so each
    bit is the AND of the senders' bits (a driver that has finished sends idle 1 bits). If
    the result still passes the CRC check (identical replies), one CRC bit is flipped: two
    real units' bit clocks are never in step, so a collision never yields a valid frame.
    """
    out = bytearray(b"\xff" * max(map(len, frames)))
    for frame in frames:
        for i, byte in enumerate(frame):
            out[i] &= byte
    if crc_ok(out):
        out[-1] ^= 0x01
    return bytes(out)


def _frame_remaining(frame: bytearray) -> int:
    """Bytes still expected: a fixed count for FC03/FC06, else up to MAX_FRAME (the
    frame then ends at a silence)."""
    if len(frame) < 2:
        return 2 - len(frame)
    return _FIXED_LENGTH.get(frame[1], MAX_FRAME) - len(frame)


def _link(device: str, path: str) -> None:
    """Point the symlink ``path`` at ``device``. An existing symlink is replaced (one left
    by a simulator that was killed); anything else at ``path`` is refused."""
    if os.path.lexists(path) and not os.path.islink(path):
        raise FileExistsError(errno.EEXIST, "exists and is not a symbolic link", path)
    temporary = f"{path}.{os.getpid()}.tmp"
    os.symlink(device, temporary)
    os.replace(temporary, path)


class RtuSimulator:
    """Serve ``chain`` over Modbus RTU on a pty linked at ``link``, on the ``bus`` settings,
    each unit answering ``turnaround`` seconds after a request's last byte."""

    def __init__(self, chain: SimulatedChain, link: str | os.PathLike[str],
                 bus: BusSettings = BusSettings(), turnaround: float = 0.005) -> None:
        if turnaround < 0:
            raise ValueError("the turnaround cannot be negative")
        self.chain = chain
        self.link = os.fspath(link)
        self.bus = bus
        self.turnaround = turnaround
        self.device: str | None = None  # the pty's slave end, e.g. /dev/pts/7
        self._frame_gap = max(bus.silence, _MIN_FRAME_GAP)
        self._thread: threading.Thread | None = None
        self._fds: list[int] = []
        self._stats_lock = threading.Lock()
        self._counts = dict.fromkeys(_COUNTERS, 0)
        self._gaps: deque[float] = deque(maxlen=_HISTORY)
        self._lateness: deque[float] = deque(maxlen=_HISTORY)
        self._bus_free_at: float | None = None  # when the last frame on the wire ended
        self._early: float | None = None  # a request's first byte seen while a reply was due

    # --- life cycle -----------------------------------------------------------------------

    def start(self) -> RtuSimulator:
        if self._thread is not None:
            raise RuntimeError("the RTU simulator is already running")
        master, slave = os.openpty()
        wake_r, wake_w = os.pipe()
        self._fds = [master, slave, wake_r, wake_w]
        try:
            self._configure(slave)
            os.set_blocking(master, False)
            self.device = os.ttyname(slave)
            _link(self.device, self.link)
        except BaseException:
            self._close_fds()
            raise
        self._master, self._wake_r, self._wake_w = master, wake_r, wake_w
        self._poll = select.poll()
        self._poll.register(master, select.POLLIN)
        self._poll.register(wake_r, select.POLLIN)
        self._poll_wake = select.poll()  # while a request is already noted: watch for stop only
        self._poll_wake.register(wake_r, select.POLLIN)
        self._thread = threading.Thread(target=self._serve, name=f"rtu-simulator {self.link}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, join the thread (within a second), close the pty, remove the link."""
        if self._thread is None:
            return
        os.write(self._wake_w, b"\0")
        self._thread.join(1.0)
        self._thread = None
        self._close_fds()
        try:
            if os.readlink(self.link) == self.device:
                os.unlink(self.link)
        except OSError:  # already gone, or replaced by someone else's link: leave it
            pass

    def __enter__(self) -> RtuSimulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _configure(self, slave: int) -> None:
        """Raw mode, and the bus's own speed and stop bits as the port's initial settings,
        for a client that does not set them (a real port also keeps its last settings)."""
        tty.setraw(slave, termios.TCSANOW)
        attr = termios.tcgetattr(slave)
        attr[4] = attr[5] = _SPEED[self.bus.baud]
        attr[2] = attr[2] & ~termios.CSTOPB | (termios.CSTOPB if self.bus.stopbits == 2 else 0)
        termios.tcsetattr(slave, termios.TCSANOW, attr)

    def _close_fds(self) -> None:
        for fd in self._fds:
            os.close(fd)
        self._fds = []

    # --- statistics -----------------------------------------------------------------------

    @property
    def stats(self) -> RtuStats:
        with self._stats_lock:
            return RtuStats(**self._counts, gaps=tuple(self._gaps), lateness=tuple(self._lateness))

    def reset_stats(self) -> None:
        with self._stats_lock:
            self._counts = dict.fromkeys(_COUNTERS, 0)
            self._gaps.clear()
            self._lateness.clear()

    def _count(self, name: str) -> None:
        with self._stats_lock:
            self._counts[name] += 1

    # --- serving --------------------------------------------------------------------------

    def _serve(self) -> None:
        while True:
            if self._early is not None:
                first, self._early = self._early, None
            else:
                ready = self._wait_readable(None)
                if ready is None:
                    return
                if not ready:
                    continue
                first = time.perf_counter()
            frame = self._read_frame()
            if frame is None:
                return
            if frame and not self._answer(frame, first):
                return

    def _wait_readable(self, timeout: float | None) -> bool | None:
        """True when the master has bytes, False after ``timeout`` s, None when stopping."""
        events = dict(self._poll.poll(None if timeout is None else timeout * 1000))
        if self._wake_r in events:
            return None
        event = events.get(self._master, 0)
        if event & select.POLLIN:
            return True
        if event:  # a hang-up: no slave descriptor open (not on Linux, where we hold one)
            time.sleep(_HANGUP_WAIT)
        return False

    def _read_frame(self) -> bytes | None:
        """One request frame, complete or cut short by a silence; None when stopping."""
        frame = bytearray()
        while (need := _frame_remaining(frame)) > 0:
            ready = self._wait_readable(self._frame_gap)
            if ready is None:
                return None
            if not ready:
                break
            try:
                frame += os.read(self._master, need)
            except BlockingIOError:  # readable, yet nothing to read: wait again
                continue
        return bytes(frame)

    def _answer(self, frame: bytes, first: float) -> bool:
        """Handle one frame whose first byte arrived at ``first``; False when stopping."""
        bus = self.bus
        request_end = first + bus.wire_time(len(frame))
        with self._stats_lock:
            self._counts["requests"] += 1
            if self._bus_free_at is not None:
                gap = first - self._bus_free_at
                self._gaps.append(gap)
                if gap < bus.silence:
                    self._counts["silence_violations"] += 1
        self._bus_free_at = request_end
        if not self._client_on_bus_settings():
            self._count("wrong_settings")
            return True
        if not crc_ok(frame):
            self._count("bad_frames")
            return True
        address = frame[0]
        units = [u for u in self.chain.at(address) if not u.silent] if address != BROADCAST else []
        if not units:
            return True
        replies = [rtu_frame(address, handle_pdu(unit, frame[1:-2])) for unit in units]
        if len(replies) > 1:
            self._count("collisions")
        reply = collide(replies) if len(replies) > 1 else replies[0]
        due = request_end + self.turnaround + bus.wire_time(len(reply))
        if not self._sleep_until(due):
            return False
        # Counted before the write, so the statistics include a reply the client already has.
        self._bus_free_at = time.perf_counter()
        with self._stats_lock:
            self._counts["replies"] += 1
            self._lateness.append(self._bus_free_at - due)
        try:
            os.write(self._master, reply)
        except BlockingIOError:  # the client does not read and its buffer is full: lost, as on a wire
            pass
        return True

    def _client_on_bus_settings(self) -> bool:
        # tcgetattr on the master returns the slave's termios: the client's settings.
        # Parity is not compared: a Linux pty drops PARENB (see the module docstring).
        attr = termios.tcgetattr(self._master)
        speed = _SPEED[self.bus.baud]
        two_stop_bits = bool(attr[2] & termios.CSTOPB)
        return attr[4] == attr[5] == speed and two_stop_bits == (self.bus.stopbits == 2)

    def _sleep_until(self, due: float) -> bool:
        """Wait until ``due`` (perf_counter seconds), noting when a request starts to arrive
        meanwhile (a client that does not wait for the reply). False when stopping."""
        while (remaining := due - time.perf_counter()) > _POLL_MARGIN:
            poll = self._poll if self._early is None else self._poll_wake
            events = dict(poll.poll(int((remaining - _POLL_MARGIN) * 1000) or 1))
            if self._wake_r in events:
                return False
            if events.get(self._master, 0) & select.POLLIN:
                self._early = time.perf_counter()
        if (remaining := due - time.perf_counter()) > _SPIN:
            time.sleep(remaining - _SPIN)
        while time.perf_counter() < due:
            pass
        return True
