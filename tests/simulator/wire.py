"""Raw Modbus helpers for the simulator tests.

They speak the protocol with nothing but struct, sockets and the simulator's CRC (itself
checked against pymodbus and the manual's vector), so the simulator is tested against the
wire format rather than against the project's own transport/.
"""

from __future__ import annotations

import socket
import struct
import sys

import pytest

from bps_commissioner.simulator import rtu_frame

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX only")


def read_pdu(start: int, count: int) -> bytes:
    return struct.pack(">BHH", 3, start, count)


def write_pdu(register: int, value: int) -> bytes:
    return struct.pack(">BHH", 6, register, value)


def read_frame(address: int, start: int, count: int) -> bytes:
    return rtu_frame(address, read_pdu(start, count))


def tcp_exchange(sock: socket.socket, unit: int, pdu: bytes, transaction: int = 1,
                 timeout: float = 1.0) -> bytes | None:
    """Send one MBAP request; the reply PDU, or None if nothing came within ``timeout``."""
    sock.sendall(struct.pack(">HHHB", transaction, 0, len(pdu) + 1, unit) + pdu)
    return tcp_reply(sock, transaction, unit, timeout)


def tcp_reply(sock: socket.socket, transaction: int, unit: int, timeout: float = 1.0) -> bytes | None:
    sock.settimeout(timeout)
    try:
        header = recv_exactly(sock, 7)
    except TimeoutError:
        return None
    tid, protocol, length, uid = struct.unpack(">HHHB", header)
    assert (tid, protocol, uid) == (transaction, 0, unit)
    return recv_exactly(sock, length - 1)


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        assert chunk, "the server closed the connection"
        data += chunk
    return data
