"""TFTP upload (RFC 1350 write request, octet mode), owned here on the standard library.

A BPS2000v2 takes a firmware update as a TFTP ``put`` to its UDP port 69. Its server is not
documented to negotiate options (RFC 2347 block size, timeout), so this client speaks plain
RFC 1350: 512-byte blocks, one block in flight, each acknowledged before the next.

What makes it usable on a lossy link:

* **Adaptive retransmission timer.** The wait before a block is sent again follows the
  measured round trip (RFC 6298's smoothed RTT and variance, Karn's rule: a retransmitted
  block gives no sample), doubles on every timeout up to :data:`MAX_RTO` and goes back to
  the measured value with the next clean round trip, or at once when a retransmission is
  answered within the measured round trip (then the timeout was a loss, not a slow unit;
  without this, runs of losses on a lossy link compound the back-off). On a LAN the wait is
  tens of milliseconds, not the 5 s of a fixed timer, so a lost packet costs little.
* **No Sorcerer's Apprentice.** A duplicate acknowledgement (the unit acknowledging a
  block it had already acknowledged, typically because a retransmitted block crossed a
  late acknowledgement) never causes a send: only the timer does (RFC 1123 4.2.3.1).
  Otherwise every later block would travel twice.
* **A retry limit and a silence limit.** A packet is sent at most ``1 + max_retries``
  times; and when nothing at all has come from the unit for ``give_up`` seconds the
  upload ends with :class:`TftpNoAnswer`, naming the host and port. The last block's
  acknowledgement is waited for ``final_give_up`` seconds at most: a unit may restart as
  soon as it has the whole file.

Progress is reported through a callback (bytes, blocks, rate, retransmissions) and the
upload can be cancelled (``should_stop``); the unit is then sent an ERROR packet so it stops
waiting. Block numbers wrap from 65535 to 0 past 32 MiB, as most servers expect.

No Qt here (transport layer); the flasher in services/ drives it from a worker thread.
"""

from __future__ import annotations

import os
import socket
import struct
import time
from dataclasses import dataclass
from typing import Callable

from bps_commissioner.device.faults import FaultKind
from bps_commissioner.device.ports import TFTP_PORT
from bps_commissioner.transport.errors import LinkError

DEFAULT_PORT = TFTP_PORT
BLOCK_SIZE = 512

RRQ, WRQ, DATA, ACK, ERROR, OACK = 1, 2, 3, 4, 5, 6

#: RFC 1350 error codes and their meanings.
ERROR_MEANINGS = {
    0: "not defined",
    1: "file not found",
    2: "access violation",
    3: "disk full or allocation exceeded",
    4: "illegal TFTP operation",
    5: "unknown transfer ID",
    6: "file already exists",
    7: "no such user",
}

#: Retransmission timer bounds (seconds). INITIAL_RTO applies until a round trip is measured.
INITIAL_RTO = 1.0
MIN_RTO = 0.05
MAX_RTO = 5.0
#: How long nothing at all may come from the unit before the upload gives up (seconds).
DEFAULT_GIVE_UP = 30.0
#: How many times one packet is sent again before the upload gives up.
DEFAULT_MAX_RETRIES = 10
#: The silence limit for the last block's acknowledgement (seconds, at most ``give_up``): a
#: unit may restart as soon as it has the whole file, so a lost last acknowledgement is not
#: waited for as long; :class:`TftpNoAnswer` then says ``final_block``.
DEFAULT_FINAL_GIVE_UP = 5.0

_POLL = 0.1  # the longest a receive waits, so that a cancel is seen quickly


# --- errors ---------------------------------------------------------------------------------

class TftpError(LinkError):
    """An upload failed; ``str()`` is the message for the user."""


class TftpRemoteError(TftpError):
    """The unit answered with an ERROR packet (``code``, ``text``)."""

    kind = FaultKind.UPLOAD_REFUSED

    def __init__(self, message: str, code: int, text: str, during_request: bool):
        super().__init__(message, code=code)
        self.code = code
        self.text = text
        self.during_request = during_request  # refused the write request itself


class TftpNoAnswer(TftpError):
    """Nothing came back from the unit within the silence limit or the retry limit.

    ``blocks_acked``: how many blocks the unit confirmed; ``final_block``: the whole file
    was sent and only the last block's acknowledgement is missing (the unit may already be
    restarting: verify it rather than assume a failure)."""

    kind = FaultKind.TIMEOUT

    def __init__(self, message: str, blocks_acked: int, final_block: bool, waited: float):
        super().__init__(message, waited=waited)
        self.blocks_acked = blocks_acked
        self.final_block = final_block
        self.waited = waited


class TftpCancelled(TftpError):
    """The user cancelled the upload."""

    kind = FaultKind.CANCELLED

    def __init__(self, message: str, blocks_acked: int):
        super().__init__(message)
        self.blocks_acked = blocks_acked


# --- packets --------------------------------------------------------------------------------

def write_request(filename: str, mode: str = "octet") -> bytes:
    return struct.pack("!H", WRQ) + filename.encode("ascii", "replace") + b"\0" + mode.encode("ascii") + b"\0"


def data_packet(block: int, payload: bytes) -> bytes:
    return struct.pack("!HH", DATA, block & 0xFFFF) + payload


def ack_packet(block: int) -> bytes:
    return struct.pack("!HH", ACK, block & 0xFFFF)


def error_packet(code: int, text: str) -> bytes:
    return struct.pack("!HH", ERROR, code) + text.encode("ascii", "replace") + b"\0"


def parse_request(packet: bytes) -> tuple[int, str, str]:
    """(opcode, filename, mode) of an RRQ/WRQ; raises ValueError when malformed."""
    if len(packet) < 4:
        raise ValueError("request too short")
    opcode = struct.unpack_from("!H", packet)[0]
    parts = packet[2:].split(b"\0")
    if opcode not in (RRQ, WRQ) or len(parts) < 3 or not parts[0]:
        raise ValueError("not a read or write request")
    return opcode, parts[0].decode("ascii", "replace"), parts[1].decode("ascii", "replace").lower()


def parse_error(packet: bytes) -> tuple[int, str]:
    code = struct.unpack_from("!H", packet, 2)[0] if len(packet) >= 4 else 0
    text = packet[4:].split(b"\0", 1)[0].decode("ascii", "replace").strip()
    return code, text


def describe_error(code: int, text: str) -> str:
    """``TFTP error 2 (Access violation)``: the unit's own text, else the RFC's meaning."""
    return f"TFTP error {code} ({text or ERROR_MEANINGS.get(code, 'unknown code')})"


# --- the retransmission timer ------------------------------------------------------------------

class RetransmitTimer:
    """RFC 6298 retransmission timeout from measured round trips, with exponential back-off.

    ``sample(rtt)`` after a block acknowledged on its first send; ``back_off()`` after a
    timeout. ``rto`` is the wait before the next retransmission."""

    def __init__(self, initial: float = INITIAL_RTO, minimum: float = MIN_RTO, maximum: float = MAX_RTO):
        if not 0 < minimum <= maximum:
            raise ValueError("the retransmission timer needs 0 < minimum <= maximum")
        self.minimum = minimum
        self.maximum = maximum
        self.srtt: float | None = None
        self.rttvar = 0.0
        self._base = min(max(initial, minimum), maximum)
        self.rto = self._base

    def sample(self, rtt: float) -> None:
        rtt = max(0.0, rtt)
        if self.srtt is None:
            self.srtt, self.rttvar = rtt, rtt / 2
        else:
            self.rttvar = 0.75 * self.rttvar + 0.25 * abs(self.srtt - rtt)
            self.srtt = 0.875 * self.srtt + 0.125 * rtt
        self._base = min(max(self.srtt + 4 * self.rttvar, self.minimum), self.maximum)
        self.rto = self._base

    def back_off(self) -> None:
        self.rto = min(self.rto * 2, self.maximum)

    def answered_at_once(self, elapsed: float) -> bool:
        """A retransmitted packet was acknowledged ``elapsed`` seconds after its last send:
        if that is within twice the measured round trip (plus variance), the retransmission
        itself was answered, so the timeout was a loss and not a slow unit, and the back-off
        ends (without a sample: Karn). Returns whether it did."""
        if self.srtt is None or elapsed > 2 * (self.srtt + 4 * self.rttvar):
            return False
        self.rto = self._base
        return True


# --- progress and result ------------------------------------------------------------------------

@dataclass(frozen=True)
class TftpProgress:
    """Where an upload stands: bytes and blocks the unit has acknowledged."""

    bytes_done: int
    bytes_total: int
    blocks_done: int
    blocks_total: int
    elapsed: float  # seconds since the write request
    retransmissions: int
    rto: float  # the present retransmission timeout, seconds

    @property
    def rate(self) -> float:
        """Acknowledged bytes per second."""
        return self.bytes_done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def fraction(self) -> float:
        return self.blocks_done / self.blocks_total if self.blocks_total else 1.0


@dataclass(frozen=True)
class TftpResult:
    """A finished upload."""

    bytes: int
    blocks: int
    seconds: float
    retransmissions: int  # packets (write request or data) sent again after a timeout
    timeouts: int
    duplicate_acks: int  # acknowledgements repeated by the unit, ignored (no resend)
    srtt: float | None  # smoothed round trip, seconds (None: never measured)

    @property
    def rate(self) -> float:
        return self.bytes / self.seconds if self.seconds > 0 else 0.0


ProgressCallback = Callable[[TftpProgress], None]


def block_count(size: int) -> int:
    """Data packets for ``size`` bytes: a file of an exact multiple of 512 ends with an
    empty block."""
    return size // BLOCK_SIZE + 1


# --- the client ---------------------------------------------------------------------------------

class TftpClient:
    """Upload files to one host's TFTP server.

    ``give_up``: seconds without any packet from the unit before the upload fails;
    ``max_retries``: sends of one packet after its first before it fails; ``initial_rto``,
    ``min_rto``, ``max_rto``: the retransmission timer's bounds (see :class:`RetransmitTimer`).
    """

    def __init__(self, host: str, port: int = DEFAULT_PORT, *, give_up: float = DEFAULT_GIVE_UP,
                 max_retries: int = DEFAULT_MAX_RETRIES, initial_rto: float = INITIAL_RTO,
                 min_rto: float = MIN_RTO, max_rto: float = MAX_RTO, final_give_up: float = DEFAULT_FINAL_GIVE_UP,
                 progress_interval: float = 0.1):
        if give_up <= 0:
            raise ValueError("give_up must be positive")
        if max_retries < 0:
            raise ValueError("max_retries must be 0 or more")
        self.host = host
        self.port = port
        self.give_up = give_up
        self.final_give_up = min(final_give_up, give_up)
        self.max_retries = max_retries
        self.initial_rto = initial_rto
        self.min_rto = min_rto
        self.max_rto = max_rto
        self.progress_interval = progress_interval

    @property
    def description(self) -> str:
        return f"{self.host} port {self.port}"

    def put(self, data: bytes, remote_name: str, *, progress: ProgressCallback | None = None,
            should_stop: Callable[[], bool] | None = None) -> TftpResult:
        """Send ``data`` as ``remote_name`` (octet mode). Returns a :class:`TftpResult`;
        raises :class:`TftpRemoteError`, :class:`TftpNoAnswer`, :class:`TftpCancelled` or
        :class:`TftpError` (name resolution, local network errors)."""
        try:
            infos = socket.getaddrinfo(self.host, self.port, type=socket.SOCK_DGRAM)
        except socket.gaierror:
            raise TftpError(f"Host name {self.host!r} could not be resolved: check the spelling or use "
                            f"the unit's IP address.") from None
        family, _, _, _, address = infos[0]
        with socket.socket(family, socket.SOCK_DGRAM) as sock:
            return _Upload(self, sock, address, data, remote_name, progress, should_stop).run()

    def put_file(self, path: str | os.PathLike[str], remote_name: str | None = None, **kwargs: object) -> TftpResult:
        with open(path, "rb") as f:
            data = f.read()
        return self.put(data, remote_name or os.path.basename(os.fspath(path)), **kwargs)  # type: ignore[arg-type]


class _Upload:
    """One write transfer: the state of :meth:`TftpClient.put`."""

    def __init__(self, client: TftpClient, sock: socket.socket, address: tuple, data: bytes, remote_name: str,
                 progress: ProgressCallback | None, should_stop: Callable[[], bool] | None):
        self.c = client
        self.sock = sock
        self.server_ip = address[0]
        self.request_address = address
        self.peer: tuple | None = None  # the server's transfer ID (address, port), set by its first reply
        self.data = data
        self.remote_name = remote_name
        self.progress = progress
        self.should_stop = should_stop or (lambda: False)
        self.timer = RetransmitTimer(client.initial_rto, client.min_rto, client.max_rto)
        self.blocks_total = block_count(len(data))
        self.blocks_done = 0
        self.retransmissions = 0
        self.timeouts = 0
        self.duplicate_acks = 0
        self.start = time.monotonic()
        self.last_heard = self.start
        self._last_progress = 0.0

    # -- the transfer ------------------------------------------------------------------------
    def run(self) -> TftpResult:
        request = write_request(self.remote_name)
        self._exchange(request, self.request_address, 0)  # the write request, acknowledged as block 0
        for n in range(1, self.blocks_total + 1):
            payload = self.data[(n - 1) * BLOCK_SIZE:n * BLOCK_SIZE]
            assert self.peer is not None
            self._exchange(data_packet(n, payload), self.peer, n)
            self.blocks_done = n
            self._report(final=n == self.blocks_total)
        return TftpResult(len(self.data), self.blocks_total, time.monotonic() - self.start,
                          self.retransmissions, self.timeouts, self.duplicate_acks, self.timer.srtt)

    def _exchange(self, packet: bytes, to: tuple, block: int) -> None:
        """Send ``packet`` and wait for the acknowledgement of ``block``, sending it again
        only when the timer runs out."""
        expected = block & 0xFFFF
        previous = (block - 1) & 0xFFFF
        give_up = self.c.final_give_up if block == self.blocks_total else self.c.give_up
        self._send(packet, to)
        sent_at = time.monotonic()
        resent = False
        tries = 0
        while True:
            if self.should_stop():
                self._cancel()
            now = time.monotonic()
            deadline = min(sent_at + self.timer.rto, self.last_heard + give_up)
            if now >= deadline:
                self.timeouts += 1
                silent_for = now - self.last_heard
                if tries >= self.c.max_retries or silent_for >= give_up:
                    self._no_answer(block, silent_for)
                self.timer.back_off()
                self._send(packet, to)
                sent_at = time.monotonic()
                resent = True
                tries += 1
                self.retransmissions += 1
                continue
            reply = self._receive(min(deadline - now, _POLL))
            if reply is None:
                continue
            opcode, number = reply
            if opcode == ACK and number == expected:
                elapsed = time.monotonic() - sent_at
                if not resent:
                    self.timer.sample(elapsed)  # Karn: clean round trips only
                else:
                    self.timer.answered_at_once(elapsed)
                return
            if opcode == ACK and number == previous:
                self.duplicate_acks += 1  # Sorcerer's Apprentice: never resend on it
            # anything else (a stale or unexpected packet) is ignored; the timer decides

    def _receive(self, timeout: float) -> tuple[int, int] | None:
        """One packet from the server: (opcode, block) of an ACK, or None. ERROR packets
        raise; packets from strangers are answered with ERROR 5 and dropped."""
        self.sock.settimeout(max(timeout, 0.001))
        try:
            packet, source = self.sock.recvfrom(65536)
        except (socket.timeout, TimeoutError, BlockingIOError):
            return None
        except (ConnectionResetError, ConnectionRefusedError):
            # Windows reports an ICMP "port unreachable" for an earlier datagram this way.
            if self.peer is None:
                raise TftpNoAnswer(f"Nothing listens for TFTP on {self.c.description} (port unreachable): "
                                   f"check the port (default 69) and that the unit's TFTP server is "
                                   f"running.", 0, False, time.monotonic() - self.start) from None
            return None
        except OSError as exc:
            raise TftpError(f"Network error talking to {self.c.description}: {exc.strerror or exc}") from None
        if source[0] != self.server_ip:
            return None  # another host: not part of this transfer
        if len(packet) < 4:
            return None
        opcode = struct.unpack_from("!H", packet)[0]
        if self.peer is not None and source[:2] != self.peer[:2]:
            if opcode != ERROR:  # RFC 1350: tell a stranger it is not part of this transfer
                self._send(error_packet(5, "Unknown transfer ID"), source)
            return None
        if opcode == ERROR:
            self._report(final=True)
            code, text = parse_error(packet)
            during_request = self.peer is None
            what = "refused the upload" if during_request else f"stopped the upload after block {self.blocks_done}"
            raise TftpRemoteError(f"{self.c.description} {what}: {describe_error(code, text)}.", code, text,
                                  during_request)
        if opcode != ACK:
            return None
        number = struct.unpack_from("!H", packet, 2)[0]
        if self.peer is None:
            if number != 0:
                return None
            self.peer = source  # the server's transfer ID: from now on only this source counts
        self.last_heard = time.monotonic()
        return opcode, number

    def _send(self, packet: bytes, to: tuple) -> None:
        try:
            self.sock.sendto(packet, to)
        except OSError as exc:
            raise TftpError(f"Cannot send to {self.c.description}: {exc.strerror or exc}. Check the "
                            f"cable and the laptop's IP settings.") from None

    # -- endings -----------------------------------------------------------------------------
    def _no_answer(self, block: int, silent_for: float) -> None:
        self._report(final=True)  # the caller's count of bytes taken is exact, not the last throttled one
        waited = time.monotonic() - self.start if self.peer is None else silent_for
        silent_for = waited  # the message names the time waited, as measured, not a rounded one
        if self.peer is None:
            message = (f"No answer from {self.c.description} within {_seconds(waited)} s: the unit is off or "
                       f"unreachable, the address or port is wrong, or a firewall drops UDP.")
        elif block == self.blocks_total:
            message = (f"{self.c.description} did not acknowledge the last block (all {len(self.data)} bytes "
                       f"were sent; {_seconds(silent_for)} s without an answer): the unit may be restarting "
                       f"already. Check its firmware version.")
        else:
            message = (f"{self.c.description} stopped answering after block {self.blocks_done} of "
                       f"{self.blocks_total} ({_seconds(silent_for)} s without an answer): the upload is "
                       f"incomplete. Repeat it.")
        raise TftpNoAnswer(message, self.blocks_done, self.peer is not None and block == self.blocks_total,
                           waited)

    def _cancel(self) -> None:
        self._report(final=True)
        if self.peer is not None:
            try:
                self.sock.sendto(error_packet(0, "Transfer cancelled by the user"), self.peer)
            except OSError:
                pass
        raise TftpCancelled(f"Upload to {self.c.description} cancelled after {self.blocks_done} of "
                            f"{self.blocks_total} blocks: the unit may need the upload repeated.",
                            self.blocks_done)

    def _report(self, final: bool) -> None:
        if self.progress is None:
            return
        now = time.monotonic()
        if not final and now - self._last_progress < self.c.progress_interval:
            return
        self._last_progress = now
        done = min(self.blocks_done * BLOCK_SIZE, len(self.data))
        self.progress(TftpProgress(done, len(self.data), self.blocks_done, self.blocks_total, now - self.start,
                                   self.retransmissions, self.timer.rto))


def _seconds(value: float) -> str:
    """A time waited for a message: tenths, no trailing zero ("1.5", "2", "0.3")."""
    return f"{round(value, 1):g}"


def put(host: str, data: bytes, remote_name: str, port: int = DEFAULT_PORT, **kwargs: object) -> TftpResult:
    """Shortcut: ``TftpClient(host, port, ...).put(data, remote_name)``. Keyword arguments
    ``progress`` and ``should_stop`` go to the upload, the others to the client."""
    upload_kwargs = {k: kwargs.pop(k) for k in ("progress", "should_stop") if k in kwargs}
    return TftpClient(host, port, **kwargs).put(data, remote_name, **upload_kwargs)  # type: ignore[arg-type]


__all__ = [
    "ACK", "BLOCK_SIZE", "DATA", "DEFAULT_FINAL_GIVE_UP", "DEFAULT_GIVE_UP", "DEFAULT_MAX_RETRIES", "DEFAULT_PORT", "ERROR",
    "ERROR_MEANINGS", "MAX_RTO", "MIN_RTO", "OACK", "RRQ", "WRQ", "RetransmitTimer", "TftpCancelled",
    "TftpClient", "TftpError", "TftpNoAnswer", "TftpProgress", "TftpRemoteError", "TftpResult", "ack_packet",
    "block_count", "data_packet", "describe_error", "error_packet", "parse_error", "parse_request", "put",
    "write_request",
]
