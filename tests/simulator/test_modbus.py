"""The unit's protocol logic and the frame helpers, without any I/O."""

import random

import pytest
from pymodbus.framer import FramerRTU

from bps_commissioner.simulator import SimulatedUnit, build_chain, crc16, crc_ok, handle_pdu, rtu_frame
from tests.simulator.wire import read_pdu, write_pdu


@pytest.fixture
def unit():
    return SimulatedUnit(1, seed=1)


def test_crc_matches_the_manual_and_pymodbus():
    assert rtu_frame(1, read_pdu(0, 1)) == bytes.fromhex("01 03 00 00 00 01 84 0A")
    rng = random.Random(1)
    for n in range(1, 60):
        data = bytes(rng.randrange(256) for _ in range(n))
        # pymodbus returns the CRC with its bytes swapped: its big-endian form is the wire order
        assert crc16(data).to_bytes(2, "little") == FramerRTU.compute_CRC(data).to_bytes(2, "big")
    assert crc_ok(bytes.fromhex("01 03 02 09 0E 3F D0"))
    assert not crc_ok(bytes.fromhex("01 03 02 09 0E 3F D1"))


def test_manual_response_vector(unit):
    unit.pin({"voltage_l1": 231.8})
    assert rtu_frame(1, handle_pdu(unit, read_pdu(0, 1))) == bytes.fromhex("01 03 02 09 0E 3F D0")


def test_read_all_registers_in_one_request(unit):
    reply = handle_pdu(unit, read_pdu(0, 99))
    assert reply[:2] == bytes((3, 198)) and len(reply) == 200
    assert list(int.from_bytes(reply[i:i + 2], "big") for i in range(2, 200, 2)) == unit.read(0, 99)


@pytest.mark.parametrize("pdu, reply", [
    (bytes.fromhex("04 0000 0001"), "84 01"),  # read input registers: not supported
    (bytes.fromhex("10 0040 0001 02 0096"), "90 01"),  # write multiple registers: not supported
    (bytes.fromhex("01 0000 0001"), "81 01"),
    (read_pdu(98, 2), "83 02"),  # reaches register 99
    (read_pdu(99, 1), "83 02"),
    (read_pdu(0, 0), "83 03"),
    (read_pdu(0, 126), "83 03"),
    (bytes.fromhex("03 0000 00"), "83 03"),  # too short
    (write_pdu(62, 1), "86 02"),  # water register: read-only
    (write_pdu(87, 0), "86 02"),  # alarm state: read-only
    (write_pdu(0, 2300), "86 02"),
    (bytes.fromhex("06 0046 0096 00"), "86 03"),  # too long
])
def test_exceptions(unit, pdu, reply):
    before = unit.read(63, 24)
    assert handle_pdu(unit, pdu) == bytes.fromhex(reply)
    assert unit.read(63, 24) == before


def test_threshold_write_is_echoed_and_reads_back():
    chain = build_chain([1, 2], seed=1)
    unit = chain.at(2)[0]
    for register in (63, 70, 86):
        assert handle_pdu(unit, write_pdu(register, 123)) == write_pdu(register, 123)
        assert handle_pdu(unit, read_pdu(register, 1)) == bytes.fromhex("03 02 00 7B")
    assert [tuple(w) for w in chain.writes] == [(2, 63, 123), (2, 70, 123), (2, 86, 123)]


def test_failed_write_answers_the_injected_exception_and_changes_nothing(unit):
    unit.fail_writes[70] = 4
    assert handle_pdu(unit, write_pdu(70, 150)) == bytes.fromhex("86 04")
    assert unit.read(70, 1) == [160]
    assert unit.write_log[-1] == (1, 70, 150)  # received, though not applied


def test_mangled_write_is_acknowledged_but_reads_back_different(unit):
    unit.mangle_writes.add(64)
    assert handle_pdu(unit, write_pdu(64, 2500)) == write_pdu(64, 2500)
    assert unit.read(64, 1) == [2501]


def test_max_read_count_limits_a_read(unit):
    unit.max_read_count = 40
    assert handle_pdu(unit, read_pdu(0, 41)) == bytes.fromhex("83 03")
    assert len(handle_pdu(unit, read_pdu(0, 40))) == 2 + 80
