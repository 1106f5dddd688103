"""Modbus TCP: MBAP framing by pymodbus, the socket owned here for clear errors and timeouts."""

from __future__ import annotations

import errno
import socket
import time

from pymodbus.framer import FramerSocket
from pymodbus.pdu import DecodePDU, ModbusPDU

from bps_commissioner.device.address import parse_host
from bps_commissioner.device.faults import FaultKind
from bps_commissioner.device.ports import MODBUS_TCP_PORT
from bps_commissioner.transport.errors import ConnectError, FrameError, LinkLost, NoReplyError
from bps_commissioner.transport.modbus import MAX_READ_COUNT, FrameObserver, ModbusLink, decode_reply_pdu, hex_of

DEFAULT_PORT = MODBUS_TCP_PORT
DEFAULT_TIMEOUT = 2.0

NO_REPLY_HINT = ("Check the unit address (Modbus unit ID) and that the unit is powered; behind a "
                 "gateway, that the unit answers on its serial side.")


class TcpLink(ModbusLink):
    def __init__(self, host: str, port: int = DEFAULT_PORT, *, timeout: float = DEFAULT_TIMEOUT,
                 block_size: int = MAX_READ_COUNT, observer: FrameObserver | None = None):
        super().__init__(block_size, observer)
        self.host = host
        self.port = port
        self.timeout = timeout
        self._sock: socket.socket | None = None
        self._tid = 0
        self._framer = FramerSocket(DecodePDU(False))

    @property
    def description(self) -> str:
        return f"{self.host}:{self.port}"

    def open(self) -> None:
        if self._sock is not None:
            return
        where = self.description
        try:
            self._sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
        except ConnectionRefusedError:
            raise ConnectError(f"Connection to {where} refused: nothing listens there. Check the IP "
                               f"address, and that Modbus TCP is switched on in the unit's web page "
                               f"(Network > Modbus) with this port (default 502).", kind=FaultKind.REFUSED,
                               host=where) from None
        except socket.gaierror:
            raise ConnectError(f"Host name {self.host!r} could not be resolved: check the spelling "
                               f"or use the unit's IP address.", kind=FaultKind.HOST_UNKNOWN, host=self.host) from None
        except (socket.timeout, TimeoutError):
            raise ConnectError(f"No answer from {where} within {self.timeout:g} s: the host is down, "
                               f"the IP address is wrong, or a firewall drops the traffic. "
                               f"Check the cable and the laptop's IP settings.", kind=FaultKind.TIMEOUT, host=where,
                               waited=self.timeout) from None
        except OSError as exc:
            if exc.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH, errno.EADDRNOTAVAIL):
                raise ConnectError(f"Host {where} is unreachable ({exc.strerror}): check the cable and "
                                   f"that the laptop has an address in the unit's subnet.", host=where) from None
            raise ConnectError(f"Could not connect to {where}: {exc.strerror or exc}.", host=where) from None
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def close(self) -> None:
        if self._sock is not None:
            try:
                self._sock.close()
            except OSError:
                pass
            self._sock = None

    def _recv_exact(self, n: int, deadline: float) -> bytes:
        assert self._sock is not None
        buf = bytearray()
        while len(buf) < n:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise socket.timeout
            self._sock.settimeout(remaining)
            chunk = self._sock.recv(n - len(buf))
            if not chunk:
                raise ConnectionResetError("connection closed by the peer")
            buf += chunk
        return bytes(buf)

    def _exchange(self, unit: int, request: ModbusPDU, timeout: float | None = None) -> ModbusPDU:
        self.open()
        assert self._sock is not None
        self._tid = (self._tid + 1) & 0xFFFF
        request.dev_id = unit
        request.transaction_id = self._tid
        frame = self._framer.buildFrame(request)
        wait = self.timeout if timeout is None else timeout
        start = time.monotonic()
        deadline = start + wait
        try:
            self._sock.sendall(frame)
            self._observe("tx", unit, frame)
            while True:
                header = self._recv_exact(7, deadline)
                length = int.from_bytes(header[4:6], "big")
                if not 2 <= length <= 254:
                    raise FrameError(f"malformed Modbus TCP header from {self.description}: "
                                     f"{header.hex(' ')}", unit)
                body = self._recv_exact(length - 1, deadline)
                self._observe("rx", unit, header + body)
                if int.from_bytes(header[0:2], "big") == self._tid:
                    break  # an older transaction's late reply is skipped
        except (socket.timeout, TimeoutError):
            self.close()  # a late reply must not be taken for the next request's
            waited = time.monotonic() - start
            raise NoReplyError(f"No reply from unit {unit} at {self.description} within "
                               f"{waited * 1000:.0f} ms. {NO_REPLY_HINT}", unit, waited,
                               host=self.description) from None
        except OSError as exc:
            self.close()
            raise LinkLost(f"Connection to {self.description} lost ({exc}). It reconnects on the "
                           f"next request.", host=self.description) from None
        except FrameError:
            self.close()  # the stream is out of step: what follows cannot be trusted either
            raise
        if header[2:4] != b"\x00\x00":
            self.close()
            raise FrameError(f"reply from {self.description} is not Modbus (protocol id "
                             f"{header[2:4].hex()})", unit)
        if header[6] != unit:
            raise FrameError(f"reply for unit {header[6]} to a request for unit {unit}", unit)
        return decode_reply_pdu(unit, request, body)
