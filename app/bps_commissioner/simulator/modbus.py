"""What a simulated unit answers to a Modbus request, and the frames that carry it.

:func:`handle_pdu` is the unit's protocol logic, shared by the TCP and the RTU server:
function 03 (read holding registers) and 06 (write single register) only, with the
exception codes of the Modbus specification where the manual is silent (PROTOCOL.md 2.3):

* any other function code: exception 01 (illegal function);
* a PDU of the wrong length for its function, or an FC03 count outside
  ``1..min(125, unit.max_read_count)``: exception 03 (illegal data value);
* an FC03 range reaching past register 98, or an FC06 outside the threshold registers
  63..86: exception 02 (illegal data address).

The value of a threshold write is not range-checked: the manual documents no limits the
unit enforces, so validation is the client's job (PROTOCOL.md 2.3) and the simulator must
not hide a client that skips it.
"""

from __future__ import annotations

import struct

from bps_commissioner.device.registers import LAST_REGISTER, THRESHOLD_FIRST, THRESHOLD_LAST
from bps_commissioner.simulator.model import SimulatedUnit, WriteRecord

READ_HOLDING_REGISTERS = 0x03
WRITE_SINGLE_REGISTER = 0x06

ILLEGAL_FUNCTION = 0x01
ILLEGAL_DATA_ADDRESS = 0x02
ILLEGAL_DATA_VALUE = 0x03

#: The Modbus limit on registers per FC03 request.
MAX_READ_COUNT = 125

_ADDRESS_AND_VALUE = struct.Struct(">HH")


def exception_pdu(function: int, code: int) -> bytes:
    return bytes((function | 0x80, code))


def handle_pdu(unit: SimulatedUnit, pdu: bytes) -> bytes:
    """The response PDU of ``unit`` to the request PDU ``pdu`` (function code first)."""
    if not pdu:
        raise ValueError("a request PDU holds at least its function code")
    function = pdu[0]
    if function == READ_HOLDING_REGISTERS:
        if len(pdu) != 1 + _ADDRESS_AND_VALUE.size:
            return exception_pdu(function, ILLEGAL_DATA_VALUE)
        start, count = _ADDRESS_AND_VALUE.unpack_from(pdu, 1)
        if not 1 <= count <= min(MAX_READ_COUNT, unit.max_read_count):
            return exception_pdu(function, ILLEGAL_DATA_VALUE)
        if start + count - 1 > LAST_REGISTER:
            return exception_pdu(function, ILLEGAL_DATA_ADDRESS)
        words = unit.read(start, count)
        return bytes((function, 2 * count)) + struct.pack(f">{count}H", *words)
    if function == WRITE_SINGLE_REGISTER:
        if len(pdu) != 1 + _ADDRESS_AND_VALUE.size:
            return exception_pdu(function, ILLEGAL_DATA_VALUE)
        register, value = _ADDRESS_AND_VALUE.unpack_from(pdu, 1)
        unit.write_log.append(WriteRecord(unit.address, register, value))
        if not THRESHOLD_FIRST <= register <= THRESHOLD_LAST:
            return exception_pdu(function, ILLEGAL_DATA_ADDRESS)
        if register in unit.fail_writes:
            return exception_pdu(function, unit.fail_writes[register])
        stored = (value + 1) & 0xFFFF if register in unit.mangle_writes else value
        unit.write(register, stored)
        return bytes(pdu)  # FC06 answers with an echo of the request
    return exception_pdu(function, ILLEGAL_FUNCTION)


# --- Modbus RTU framing -------------------------------------------------------------------

def _crc_table() -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table.append(crc)
    return tuple(table)


_CRC_TABLE = _crc_table()


def crc16(data: bytes | bytearray) -> int:
    """The Modbus RTU CRC (CRC-16/MODBUS). On the wire it goes low byte first."""
    crc = 0xFFFF
    for byte in data:
        crc = (crc >> 8) ^ _CRC_TABLE[(crc ^ byte) & 0xFF]
    return crc


def rtu_frame(address: int, pdu: bytes) -> bytes:
    """An RTU frame: address, PDU, CRC (low byte first)."""
    body = bytes((address,)) + pdu
    return body + crc16(body).to_bytes(2, "little")


def crc_ok(frame: bytes | bytearray) -> bool:
    return len(frame) >= 4 and crc16(frame[:-2]).to_bytes(2, "little") == frame[-2:]


# --- Modbus TCP framing -------------------------------------------------------------------

#: MBAP header: transaction id, protocol id (0 = Modbus), length of what follows, unit id.
MBAP = struct.Struct(">HHHB")


def tcp_frame(transaction: int, unit_id: int, pdu: bytes) -> bytes:
    return MBAP.pack(transaction, 0, len(pdu) + 1, unit_id) + pdu
