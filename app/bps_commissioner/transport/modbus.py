"""What every Modbus link shares: the requests a BPS2000v2 understands (function 03 to read,
06 to write, nothing else), reply checks, and reading a whole unit in as few requests as it
allows.

pymodbus builds the request PDUs and decodes the reply PDUs; the links own the bytes on the
wire (see rtu.py and tcp.py), so that timing and errors are ours to control.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from typing import Callable, Iterable

from pymodbus.exceptions import ModbusException
from pymodbus.pdu import DecodePDU, ExceptionResponse, ModbusPDU
from pymodbus.pdu.register_message import ReadHoldingRegistersRequest, WriteSingleRegisterRequest

from bps_commissioner.device.decode import UnitReading, decode_registers
from bps_commissioner.device.registers import REGISTER_COUNT
from bps_commissioner.transport.errors import FrameError, LinkError, ModbusExceptionError, NoReplyError

#: The largest FC03 count the Modbus standard allows. A BPS2000v2's own limit is not
#: documented: reads start with the configured block size and halve it when the unit
#: answers exception 02 or 03, and the link remembers what worked.
MAX_READ_COUNT = 125

#: Frame observer: (direction "tx"/"rx", unit, bytes as sent or received, monotonic time).
FrameObserver = Callable[[str, int, bytes, float], None]
#: Outcome observer: (unit, outcome, seconds from request to the end of the reply or timeout).
#: Outcomes: "reply", "exception", "timeout", "garbled", "lost".
OutcomeObserver = Callable[[int, str, float], None]


def read_request(unit: int, start: int, count: int) -> ModbusPDU:
    return ReadHoldingRegistersRequest(dev_id=unit, address=start, count=count)


def write_request(unit: int, register: int, value: int) -> ModbusPDU:
    return WriteSingleRegisterRequest(dev_id=unit, address=register, registers=[value])


_DECODER = DecodePDU(is_server=False)


def hex_of(data: bytes, limit: int = 16) -> str:
    """Bytes for a message: the first ``limit`` in hex, then how many more (a hostile peer's
    reply must not flood the screen)."""
    shown = data[:limit].hex(" ")
    return shown if len(data) <= limit else f"{shown} ... ({len(data)} bytes)"


def decode_reply_pdu(unit: int, request: ModbusPDU, pdu: bytes) -> ModbusPDU:
    """Decode and check a reply PDU (function code + data) against its request."""
    if not pdu:
        raise FrameError(f"empty reply from unit {unit}", unit)
    fc = pdu[0]
    if fc == request.function_code | 0x80:
        if len(pdu) != 2:
            raise FrameError(f"malformed exception reply from unit {unit}: {hex_of(pdu)}", unit)
        raise ModbusExceptionError(unit, request.function_code, pdu[1])
    if fc != request.function_code:
        raise FrameError(f"unit {unit} answered function {fc} to a function "
                         f"{request.function_code} request: {hex_of(pdu)}", unit)
    if fc == 3:
        if len(pdu) < 2:
            raise FrameError(f"unit {unit} sent a read reply without its byte count: {hex_of(pdu)}", unit)
        if len(pdu) != 2 + 2 * request.count or pdu[1] != 2 * request.count:
            raise FrameError(f"unit {unit} sent {len(pdu) - 2} data bytes for {request.count} "
                             f"registers (byte count field {pdu[1]})", unit)
    elif fc == 6 and len(pdu) != 5:
        raise FrameError(f"malformed write reply from unit {unit}: {hex_of(pdu)}", unit)
    try:
        reply = _DECODER.decode(pdu)
    except (ModbusException, IndexError, ValueError) as exc:
        raise FrameError(f"undecodable reply from unit {unit}: {hex_of(pdu)} ({exc})", unit) from None
    if reply is None or isinstance(reply, ExceptionResponse):
        raise FrameError(f"undecodable reply from unit {unit}: {hex_of(pdu)}", unit)
    return reply


class ModbusLink(ABC):
    """One physical link (a serial port, a TCP connection). Not thread-safe: one owner."""

    def __init__(self, block_size: int = MAX_READ_COUNT, observer: FrameObserver | None = None):
        if not 1 <= block_size <= MAX_READ_COUNT:
            raise ValueError(f"block size {block_size} is outside 1..{MAX_READ_COUNT}")
        self.block_size = block_size
        self.observer = observer
        self.outcome_observer: OutcomeObserver | None = None

    # -- to implement ---------------------------------------------------------------------
    @property
    @abstractmethod
    def description(self) -> str:
        """Where this link goes, for messages: "/dev/ttyUSB0 at 9600 8N1", "10.0.0.5:502"."""

    @abstractmethod
    def open(self) -> None: ...

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def _exchange(self, unit: int, request: ModbusPDU, timeout: float | None) -> ModbusPDU:
        """Send one request and return the decoded reply PDU (see :meth:`transact`)."""

    # -- shared ---------------------------------------------------------------------------
    def __enter__(self) -> "ModbusLink":
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transact(self, unit: int, request: ModbusPDU, timeout: float | None = None) -> ModbusPDU:
        """Send one request, wait for its reply, return the decoded reply PDU. ``timeout``
        overrides the link's reply timeout for this request.

        Raises NoReplyError, FrameError, ModbusExceptionError, LinkLost (and PortError or
        ConnectError when the link cannot be opened)."""
        start = time.monotonic()
        outcome = "reply"
        try:
            return self._exchange(unit, request, timeout)
        except NoReplyError:
            outcome = "timeout"
            raise
        except FrameError:
            outcome = "garbled"
            raise
        except ModbusExceptionError:
            outcome = "exception"
            raise
        except LinkError:
            outcome = "lost"
            raise
        finally:
            if self.outcome_observer is not None:
                self.outcome_observer(unit, outcome, time.monotonic() - start)

    def _observe(self, direction: str, unit: int, data: bytes) -> None:
        if self.observer is not None:
            self.observer(direction, unit, data, time.monotonic())

    def read_registers(self, unit: int, start: int, count: int) -> list[int]:
        reply = self.transact(unit, read_request(unit, start, count))
        return list(reply.registers)

    def write_register(self, unit: int, register: int, value: int) -> None:
        """Function 06. The unit echoes the request; an echo that differs is an error."""
        reply = self.transact(unit, write_request(unit, register, value))
        if reply.address != register or list(reply.registers) != [value]:
            raise FrameError(f"unit {unit} echoed register {reply.address} = {reply.registers} "
                             f"to a write of {value} to register {register}", unit)

    def read_block(self, unit: int, start: int, count: int) -> dict[int, int]:
        """Read ``count`` registers from ``start`` in as few requests as the unit allows.

        Starts with :attr:`block_size`; on exception 02 or 03 for a multi-register request
        the block size is halved (and kept lower for later reads) and the rest re-read."""
        out: dict[int, int] = {}
        address = start
        end = start + count
        while address < end:
            n = min(self.block_size, end - address)
            try:
                values = self.read_registers(unit, address, n)
            except ModbusExceptionError as exc:
                if exc.code in (2, 3) and n > 1:
                    self.block_size = max(1, n // 2)
                    continue
                raise
            out.update(zip(range(address, address + n), values))
            address += n
        return out

    def read_unit(self, unit: int, spans: Iterable[tuple[int, int]] = ((0, REGISTER_COUNT),)) -> UnitReading:
        """Read and decode a unit. ``spans`` are (start, count) pairs; the default is the whole
        map, registers 0..98 (live values, thresholds and alarm states)."""
        registers: dict[int, int] = {}
        for start, count in spans:
            registers.update(self.read_block(unit, start, count))
        return decode_registers(unit, registers)
