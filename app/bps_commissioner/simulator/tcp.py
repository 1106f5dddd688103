"""Modbus TCP for the simulated chain: one listening socket, a thread per connection.

Like a gateway with a chain behind it, the server answers for the unit ids of the chain
and stays silent for any other id (the client times out). Of two units on one address, the
first that is not silent answers: TCP cannot show a collision. A frame with a protocol id
other than 0 is not Modbus and gets no reply; a length field outside 2..254 means the
stream is out of step, so the connection is closed, as Modbus TCP servers do.
Works wherever sockets do, Windows included.
"""

from __future__ import annotations

import os
import socket
import socketserver
import threading
import time

from bps_commissioner.simulator.modbus import MBAP, handle_pdu, tcp_frame
from bps_commissioner.simulator.model import SimulatedChain

_MAX_LENGTH = 254  # MBAP length field: unit id + a PDU of at most 253 bytes
_STOP_TIMEOUT = 1.0


def _recv_exactly(sock: socket.socket, n: int) -> bytes | None:
    """``n`` bytes, gathered over as many reads as it takes; None when the peer is gone."""
    data = bytearray()
    while len(data) < n:
        try:
            chunk = sock.recv(n - len(data))
        except OSError:
            return None
        if not chunk:
            return None
        data += chunk
    return bytes(data)


class _Connection(socketserver.BaseRequestHandler):
    server: _Server

    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # small frames, no Nagle delay
        while True:
            header = _recv_exactly(sock, MBAP.size)
            if header is None:
                return
            transaction, protocol, length, unit_id = MBAP.unpack(header)
            if not 2 <= length <= _MAX_LENGTH:
                return
            pdu = _recv_exactly(sock, length - 1)
            if pdu is None:
                return
            if self.server.paused.is_set():  # the unit is restarting: nothing answers
                continue
            units = [u for u in self.server.chain.at(unit_id) if not u.silent]
            if protocol != 0 or not units:
                continue
            try:
                sock.sendall(tcp_frame(transaction, unit_id, handle_pdu(units[0], pdu)))
            except OSError:
                return


class _Server(socketserver.TCPServer):
    # On Windows SO_REUSEADDR would let a second server bind the same port unnoticed.
    allow_reuse_address = os.name != "nt"

    def __init__(self, address: tuple[str, int], chain: SimulatedChain) -> None:
        self.chain = chain
        self.paused = threading.Event()
        self._lock = threading.Lock()
        self._connections: dict[socket.socket, threading.Thread] = {}
        self.accepted = 0  # connections accepted since the start
        super().__init__(address, _Connection)

    def process_request(self, request: socket.socket,  # type: ignore[override]  # TCP: a socket
                        client_address: tuple[str, int]) -> None:
        # Registered before its thread starts, so stop() sees every connection.
        thread = threading.Thread(target=self._serve_connection, args=(request, client_address),
                                  name=f"tcp-simulator {client_address}", daemon=True)
        with self._lock:
            self._connections[request] = thread
            self.accepted += 1
        thread.start()

    def _serve_connection(self, request: socket.socket, client_address: tuple[str, int]) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            with self._lock:
                self._connections.pop(request, None)
            self.shutdown_request(request)

    def close_connections(self, deadline: float) -> None:
        with self._lock:
            connections = list(self._connections.items())
        for sock, _ in connections:
            try:
                sock.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in recv()
            except OSError:
                pass
        for _, thread in connections:
            thread.join(max(0.0, deadline - time.monotonic()))


class TcpSimulator:
    """Serve ``chain`` over Modbus TCP on ``host``:``port`` (port 0: a free port, see
    :attr:`port` after :meth:`start`)."""

    def __init__(self, chain: SimulatedChain, host: str = "127.0.0.1", port: int = 502) -> None:
        self.chain = chain
        self.host = host
        self._port = port
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The port bound (the one asked for, or the one picked for port 0)."""
        return self._server.server_address[1] if self._server else self._port

    @property
    def accepted(self) -> int:
        """How many connections were accepted since the start (0 when stopped)."""
        return self._server.accepted if self._server else 0

    def start(self) -> TcpSimulator:
        if self._server is not None:
            raise RuntimeError("the TCP simulator is already running")
        self._server = _Server((self.host, self._port), self.chain)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"tcp-simulator {self.host}:{self.port}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Close the listening socket and every connection; join the threads within a second."""
        if self._server is None or self._thread is None:
            return
        deadline = time.monotonic() + _STOP_TIMEOUT
        self._server.shutdown()
        self._thread.join(max(0.0, deadline - time.monotonic()))
        self._server.server_close()
        self._server.close_connections(deadline)
        self._server = self._thread = None

    def pause(self) -> None:
        """Go silent, as a restarting unit: connections are accepted but nothing answers."""
        if self._server is not None:
            self._server.paused.set()

    def resume(self) -> None:
        """Answer again. The connections of before are dropped: a restarted unit forgot them."""
        if self._server is not None:
            self._server.close_connections(time.monotonic() + _STOP_TIMEOUT)
            self._server.paused.clear()

    def __enter__(self) -> TcpSimulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
