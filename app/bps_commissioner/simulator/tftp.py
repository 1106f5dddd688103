"""The TFTP server of a simulated master: it takes a firmware upload (RFC 1350 write request).

An independent implementation of the receiving side (it shares no code with the client in
transport/), used by the simulator, the tests and the benchmark:

* a write request in octet mode starts a transfer on a port of its own (the server's
  transfer ID); every DATA block is acknowledged, a repeated block is acknowledged again,
  and the last acknowledgement is sent again when the client falls silent (after
  ``timeout`` seconds, doubling each time, up to ``retries`` times: 1 + 2 + ... + 32 = 63 s
  with the defaults, as tftp-hpa's server waits; then the transfer is abandoned);
* a repeated write request from a client whose transfer has not started yet gets the
  first acknowledgement again (no second transfer);
* after the last block the server lingers ``dally`` seconds, acknowledging a repeated last
  block (RFC 1350 section 6), then reports the upload (``on_upload(name, data)``): a
  :class:`~bps_commissioner.simulator.restart.RestartCoordinator` restarts the master;
* ``refuse=True`` answers every write request with ERROR 2 "Access violation", as a unit
  whose "Software update" is disabled in the web UI's System Tools;
* read requests and modes other than octet are refused with ERROR 4.

Test and benchmark knobs: ``loss`` drops that fraction of the packets in each direction
(incoming packets as if they never arrived, outgoing ones are not sent), drawn from a
``random.Random(seed)``, so a run is repeatable; ``duplicate_acks`` sends every
acknowledgement twice (what makes a client with the Sorcerer's Apprentice bug send every
block twice). :attr:`TftpSimulator.transfers` records what every transfer received.
"""

from __future__ import annotations

import collections
import random
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

RRQ, WRQ, DATA, ACK, ERROR = 1, 2, 3, 4, 5
BLOCK_SIZE = 512
MAX_UPLOAD = 64 * 1024 * 1024  # a firmware file is far smaller; more is refused with ERROR 3
_POLL = 0.05
_STOP_TIMEOUT = 1.0


def _ack(block: int) -> bytes:
    return struct.pack("!HH", ACK, block & 0xFFFF)


def _error(code: int, text: str) -> bytes:
    return struct.pack("!HH", ERROR, code) + text.encode("ascii") + b"\0"


@dataclass
class Transfer:
    """What one write transfer received and sent."""

    client: tuple
    filename: str
    started: float = field(default_factory=time.monotonic)
    data: bytearray = field(default_factory=bytearray)
    blocks: collections.Counter = field(default_factory=collections.Counter)  # DATA packets received per block
    acks_sent: int = 0
    complete: bool = False
    ended: str = ""  # "complete", "abandoned", "client error", "protocol error", "stopped", "paused"
    finished: float | None = None


class TftpSimulator:
    """Serve TFTP write requests on UDP ``host``:``port`` (port 0: a free one, see :attr:`port`).

    ``on_upload(filename, data)`` is called from the transfer's thread once an upload is
    complete and the dally time is over."""

    def __init__(self, host: str = "127.0.0.1", port: int = 69, *, refuse: bool = False, loss: float = 0.0,
                 seed: int | None = None, on_upload: Callable[[str, bytes], None] | None = None,
                 timeout: float = 1.0, retries: int = 6, dally: float = 0.5,
                 duplicate_acks: bool = False) -> None:
        if not 0.0 <= loss < 1.0:
            raise ValueError(f"loss {loss} is outside 0..1 (a fraction of the packets)")
        self.host = host
        self._port = port
        self.refuse = refuse
        self.loss = loss
        self.on_upload = on_upload
        self.timeout = timeout
        self.retries = retries
        self.dally = dally
        self.duplicate_acks = duplicate_acks
        self.transfers: list[Transfer] = []
        self.requests = 0  # write requests that arrived (after loss)
        self.refused = 0  # write requests answered with an ERROR
        self.dropped = {"in": 0, "out": 0}
        self._rng = random.Random(seed)
        self._rng_lock = threading.Lock()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._paused = threading.Event()
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._sessions: dict[tuple, _Session] = {}

    # --- control ------------------------------------------------------------------------------
    @property
    def port(self) -> int:
        return self._sock.getsockname()[1] if self._sock is not None else self._port

    @property
    def uploads(self) -> list[Transfer]:
        """The complete transfers, oldest first."""
        with self._lock:
            return [t for t in self.transfers if t.complete]

    def start(self) -> TftpSimulator:
        if self._sock is not None:
            raise RuntimeError("the TFTP simulator is already running")
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_DGRAM)
        try:
            sock.bind((self.host, self._port))
        except OSError:
            sock.close()
            raise
        sock.settimeout(_POLL)
        self._sock = sock
        self._port = self.port
        self._stop.clear()
        self._thread = threading.Thread(target=self._serve, name=f"tftp-simulator {self.host}:{self._port}",
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Close the server and every transfer; join their threads within a second."""
        if self._sock is None or self._thread is None:
            return
        deadline = time.monotonic() + _STOP_TIMEOUT
        self._stop.set()
        self._thread.join(max(0.0, deadline - time.monotonic()))
        with self._lock:
            sessions = list(self._sessions.values())
        for s in sessions:
            s.thread.join(max(0.0, deadline - time.monotonic()))
        self._sock.close()
        self._sock = self._thread = None

    def pause(self) -> None:
        """Go silent (the master restarts): every packet is ignored, transfers are dropped."""
        self._paused.set()

    def resume(self) -> None:
        self._paused.clear()

    def __enter__(self) -> TftpSimulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- loss ---------------------------------------------------------------------------------
    def _lost(self, direction: str) -> bool:
        if not self.loss:
            return False
        with self._rng_lock:
            lost = self._rng.random() < self.loss
            if lost:
                self.dropped[direction] += 1
        return lost

    def _send(self, sock: socket.socket, packet: bytes, to: tuple) -> bool:
        if self._lost("out"):
            return False
        try:
            sock.sendto(packet, to)
        except OSError:
            return False
        return True

    # --- the request port ---------------------------------------------------------------------
    def _serve(self) -> None:
        assert self._sock is not None
        sock = self._sock
        while not self._stop.is_set():
            try:
                packet, client = sock.recvfrom(65536)
            except (socket.timeout, TimeoutError):
                continue
            except OSError:  # Windows: an ICMP error for an earlier reply; or the socket closed
                if self._stop.is_set():
                    return
                continue
            if self._paused.is_set() or self._lost("in"):
                continue
            self._request(sock, packet, client)

    def _request(self, sock: socket.socket, packet: bytes, client: tuple) -> None:
        if len(packet) < 2:
            return
        opcode = struct.unpack_from("!H", packet)[0]
        if opcode not in (RRQ, WRQ):
            self._send(sock, _error(4, "Illegal TFTP operation"), client)  # nothing else belongs on port 69
            return
        parts = packet[2:].split(b"\0")
        if len(parts) < 3 or not parts[0]:
            self._send(sock, _error(4, "Illegal TFTP operation"), client)
            return
        filename = parts[0].decode("ascii", "replace")
        mode = parts[1].decode("ascii", "replace").lower()
        if opcode == RRQ:
            self._send(sock, _error(4, "Illegal TFTP operation: the unit only takes uploads"), client)
            return
        with self._lock:
            self.requests += 1
            existing = self._sessions.get(client)
        if self.refuse:
            with self._lock:
                self.refused += 1
            self._send(sock, _error(2, "Access violation"), client)
            return
        if mode != "octet":
            with self._lock:
                self.refused += 1
            self._send(sock, _error(4, "Illegal TFTP operation: use octet (binary) mode"), client)
            return
        if existing is not None:
            existing.request_repeated()
            return
        transfer = Transfer(client, filename)
        session = _Session(self, transfer)
        with self._lock:
            self.transfers.append(transfer)
            self._sessions[client] = session
        session.thread.start()

    def _session_ended(self, session: _Session) -> None:
        with self._lock:
            if self._sessions.get(session.transfer.client) is session:
                del self._sessions[session.transfer.client]


class _Session:
    """One write transfer on its own socket (the server's transfer ID)."""

    def __init__(self, server: TftpSimulator, transfer: Transfer) -> None:
        self.server = server
        self.transfer = transfer
        self.client = transfer.client
        family = socket.AF_INET6 if ":" in server.host else socket.AF_INET
        self.sock = socket.socket(family, socket.SOCK_DGRAM)
        self.sock.bind((server.host, 0))
        self.sock.settimeout(_POLL)
        self.expected = 1
        self.last_ack = _ack(0)
        self._repeat = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"tftp-simulator transfer {self.client}",
                                       daemon=True)

    def request_repeated(self) -> None:
        """The client sent its write request again: our first acknowledgement was lost."""
        if self.expected == 1:
            self._repeat.set()

    def _ack(self, block: int) -> None:
        self.last_ack = _ack(block)
        self._send_ack()

    def _send_ack(self) -> None:
        for _ in range(2 if self.server.duplicate_acks else 1):
            if self.server._send(self.sock, self.last_ack, self.client):
                self.transfer.acks_sent += 1

    def _run(self) -> None:
        try:
            ended = self._receive()
            self.transfer.ended = ended
            self.transfer.finished = time.monotonic()
            if ended == "complete":
                self.transfer.complete = True
                self._dally()
                if self.server.on_upload is not None and not self.server._stop.is_set():
                    self.server.on_upload(self.transfer.filename, bytes(self.transfer.data))
        finally:
            self.sock.close()
            self.server._session_ended(self)

    def _halted(self) -> str:
        if self.server._stop.is_set():
            return "stopped"
        if self.server._paused.is_set():
            return "paused"
        return ""

    def _receive(self) -> str:
        server = self.server
        self._ack(0)
        deadline = time.monotonic() + server.timeout
        tries = 0
        while True:
            halted = self._halted()
            if halted:
                return halted
            if self._repeat.is_set():
                self._repeat.clear()
                self._send_ack()
            if time.monotonic() >= deadline:
                tries += 1
                if tries > server.retries:
                    return "abandoned"
                self._send_ack()  # the client fell silent: our acknowledgement may be lost
                deadline = time.monotonic() + server.timeout * 2 ** tries
            packet = self._recv()
            if packet is None:
                continue
            opcode = struct.unpack_from("!H", packet)[0]
            if opcode == ERROR:
                return "client error"
            if opcode != DATA or len(packet) < 4:
                server._send(self.sock, _error(4, "Illegal TFTP operation"), self.client)
                return "protocol error"
            block = struct.unpack_from("!H", packet, 2)[0]
            payload = packet[4:]
            if len(payload) > BLOCK_SIZE:
                server._send(self.sock, _error(4, "Illegal TFTP operation: block larger than 512 bytes"),
                             self.client)
                return "protocol error"
            self.transfer.blocks[block] += 1
            if block == self.expected & 0xFFFF:
                if len(self.transfer.data) + len(payload) > MAX_UPLOAD:
                    server._send(self.sock, _error(3, "Disk full or allocation exceeded"), self.client)
                    return "protocol error"
                self.transfer.data += payload
                self._ack(block)
                self.expected += 1
                tries = 0
                deadline = time.monotonic() + server.timeout
                if len(payload) < BLOCK_SIZE:
                    return "complete"
            elif block == (self.expected - 1) & 0xFFFF:
                self._send_ack()  # a repeated block: acknowledge it again, take nothing
            # any other block number is stale: ignored

    def _recv(self) -> bytes | None:
        try:
            packet, source = self.sock.recvfrom(65536)
        except (socket.timeout, TimeoutError):
            return None
        except OSError:
            return None
        if self.server._paused.is_set() or self.server._lost("in"):
            return None
        if source[:2] != self.client[:2]:
            if len(packet) >= 2 and struct.unpack_from("!H", packet)[0] != ERROR:
                self.server._send(self.sock, _error(5, "Unknown transfer ID"), source)
            return None
        if len(packet) < 4:
            return None
        return packet

    def _dally(self) -> None:
        """Linger after the last acknowledgement, acknowledging a repeated last block."""
        end = time.monotonic() + self.server.dally
        while time.monotonic() < end and not self._halted():
            packet = self._recv()
            if packet is not None and struct.unpack_from("!H", packet)[0] == DATA:
                self.transfer.blocks[struct.unpack_from("!H", packet, 2)[0]] += 1
                self._send_ack()


__all__ = ["Transfer", "TftpSimulator"]
