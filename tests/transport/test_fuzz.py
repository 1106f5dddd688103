"""Fuzzing (issue 15) with Hypothesis, bounded by the profile in tests/conftest.py: the
Modbus RTU/TCP reply decoders, the SNMP reply handling and the Telnet screen parsers give a
result or a LinkError with a FaultKind, never another exception. Seeds that found a bug are
kept as explicit @example."""

from __future__ import annotations

import socket
import struct

from hypothesis import example, given
from hypothesis import strategies as st

from bps_commissioner.device.decode import UnitReading
from bps_commissioner.device.faults import FaultKind
from bps_commissioner.device.oids import SNMP_QUANTITIES, decode_snmp_value, decode_unit
from bps_commissioner.transport.errors import LinkError
from bps_commissioner.transport.modbus import decode_reply_pdu, read_request, write_request
from bps_commissioner.transport.rtu import RtuLink, crc16
from bps_commissioner.transport.tcp import TcpLink
from bps_commissioner.transport.telnet import parse_banner, parse_energy, parse_show_reply, parse_value

REQUESTS = st.one_of(
    st.builds(read_request, st.integers(1, 247), st.integers(0, 98), st.integers(1, 125)),
    st.builds(write_request, st.integers(1, 247), st.integers(0, 98), st.integers(0, 0xFFFF)),
)


def link_error_or(value_check, call):
    try:
        value = call()
    except LinkError as exc:
        assert isinstance(exc.kind, FaultKind)
        assert str(exc)
        return None
    assert value_check(value)
    return value


# --- Modbus PDU -------------------------------------------------------------------------------

@given(request=REQUESTS, pdu=st.binary(max_size=260))
@example(request=read_request(1, 0, 2), pdu=b"\x03")  # a byte count with no data
@example(request=read_request(1, 0, 1), pdu=b"\x03\x02")
@example(request=write_request(1, 5, 7), pdu=b"\x06")
@example(request=read_request(1, 0, 1), pdu=b"\x83")  # an exception reply without its code
def test_decode_reply_pdu(request, pdu):
    link_error_or(lambda reply: reply.function_code == request.function_code,
                  lambda: decode_reply_pdu(request.dev_id, request, pdu))


@given(request=REQUESTS, pdu=st.binary(max_size=40))
def test_decode_reply_pdu_near_a_valid_reply(request, pdu):
    """Mostly well-formed: the right function code and byte count, any data."""
    if request.function_code == 3:
        body = bytes([3, 2 * request.count]) + (pdu * 20)[: 2 * request.count]
    else:
        body = bytes([6]) + (pdu + bytes(4))[:4]
    link_error_or(lambda reply: True, lambda: decode_reply_pdu(request.dev_id, request, body))


# --- Modbus RTU ---------------------------------------------------------------------------------

_RTU = RtuLink("/dev/null-never-opened")


@given(request=REQUESTS, data=st.binary(max_size=260), fix_crc=st.booleans(), want=st.integers(0, 260))
@example(request=read_request(1, 0, 1), data=b"\x01", fix_crc=False, want=7)
@example(request=read_request(1, 0, 1), data=b"", fix_crc=False, want=0)
def test_rtu_check(request, data, fix_crc, want):
    if fix_crc:
        data = data + crc16(data)
    link_error_or(lambda reply: reply.function_code == request.function_code,
                  lambda: _RTU._check(request.dev_id, request, data, want))


# --- Modbus TCP, over a real socket pair ---------------------------------------------------------

@given(request=REQUESTS, reply=st.binary(max_size=300), echo_tid=st.booleans())
@example(request=read_request(1, 0, 2), reply=b"\x00", echo_tid=False)  # the one-byte reply
@example(request=read_request(1, 0, 2), reply=b"\x00\x01\x00\x00\x00\x00\x01", echo_tid=True)  # length 0
@example(request=read_request(1, 0, 2), reply=b"\x00\x01\x00\x00\x00\x01\x01", echo_tid=True)  # length 1
def test_tcp_reply(request, reply, echo_tid):
    link = TcpLink("127.0.0.1", 1, timeout=0.05)
    ours, peer = socket.socketpair()
    try:
        link._sock = ours
        if echo_tid and len(reply) >= 2:
            reply = struct.pack(">H", (link._tid + 1) & 0xFFFF) + reply[2:]
        peer.sendall(reply)
        link_error_or(lambda r: r.function_code == request.function_code,
                      lambda: link.transact(request.dev_id, request))
    finally:
        link.close()
        peer.close()


# --- SNMP ------------------------------------------------------------------------------------------

SNMP_VALUES = st.one_of(st.integers(-2**40, 2**40), st.text(max_size=30),
                        st.sampled_from(["--", "nan", "inf", "-inf", "1e400", "6553.5", "230.1 V", "Open", "12,5%"]))


@given(q=st.sampled_from(SNMP_QUANTITIES), value=SNMP_VALUES, scale=st.sampled_from([None, 1, 10, 100, 1000]))
def test_snmp_value(q, value, scale):
    decoded, fault = decode_snmp_value(q, value, scale)
    assert fault is None or isinstance(fault, str)


@given(answers=st.dictionaries(st.sampled_from([q.key for q in SNMP_QUANTITIES]), SNMP_VALUES),
       missing=st.lists(st.sampled_from([q.key for q in SNMP_QUANTITIES]), max_size=5))
@example(answers={"voltage_l1": 65535}, missing=[])  # 6553.5 V was shown as a reading
def test_snmp_unit(answers, missing):
    reading = decode_unit(0, answers, missing=missing)
    assert isinstance(reading, UnitReading)
    reading.to_dict()
    from bps_commissioner.device.decode import PHYSICAL_READINGS

    for q in SNMP_QUANTITIES:
        value = reading.values.get(q.key)
        if isinstance(value, (int, float)) and q.field in PHYSICAL_READINGS:
            low, high = PHYSICAL_READINGS[q.field]
            assert low <= value <= high


# --- Telnet screens ---------------------------------------------------------------------------------

SCREEN = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(["Version :", "2.0.5-C", "Up time:", "Days", "Hours", "Min", "Date :", "Time :",
                              "Phase1", "energy:", ":", "-", ",", ".", "9" * 30, "\n", " ", "Load", "A", "%",
                              "٣", "１"]), max_size=60).map("".join),
)


@given(text=SCREEN)
@example(text="Up time: " + "9" * 5000 + " Days 1 Hours 1 Min")  # int() of over 4300 digits
def test_telnet_parsers(text):
    banner = parse_banner(text)
    banner.to_dict()
    parse_show_reply(text)
    energy = parse_energy(text)
    assert set(energy) <= {1, 2, 3}
    parse_value(text)
