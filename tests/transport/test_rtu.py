"""Modbus RTU over real pseudo-terminals: the manual's vector, the simulator, every error."""

import os
import threading
import time
import tty

import pytest
import serial

from bps_commissioner.device.bus import BusSettings
from bps_commissioner.simulator import build_chain
from bps_commissioner.transport.errors import FrameError, ModbusExceptionError, NoReplyError, PortError
from bps_commissioner.transport.modbus import read_request
from bps_commissioner.transport.rtu import RtuLink, build_frame
from tests.conftest import posix_only

pytestmark = posix_only


def test_manual_request_frame():
    assert build_frame(1, read_request(1, 0, 1)) == bytes.fromhex("01 03 00 00 00 01 84 0A")


def test_manual_vector_over_a_pty(tmp_path):
    """The test plays the unit on a raw pty: it must receive exactly the manual's request and
    its reply must decode to 231.8 V."""
    master, slave = os.openpty()
    tty.setraw(slave)
    got = bytearray()

    def unit():
        deadline = time.monotonic() + 5
        while len(got) < 8 and time.monotonic() < deadline:
            got.extend(os.read(master, 8 - len(got)))
        os.write(master, bytes.fromhex("01 03 02 09 0E 3F D0"))

    t = threading.Thread(target=unit)
    t.start()
    try:
        with RtuLink(os.ttyname(slave), timeout=2) as link:
            reading = link.read_unit(1, spans=((0, 1),))
    finally:
        t.join(5)
        os.close(master)
        os.close(slave)
    assert bytes(got) == bytes.fromhex("01 03 00 00 00 01 84 0A")
    assert reading.value("voltage_l1") == 231.8


def test_read_whole_unit(rtu_sim):
    with RtuLink(rtu_sim.link) as link:
        r = link.read_unit(1)
    assert r.phases == 3
    assert 200 < r.value("voltage_l1") < 260
    assert r.value("voltage_l1.high") > r.value("voltage_l1.low")
    assert r.value("voltage_l1.alarm") in ("normal", "low", "high")
    assert rtu_sim.stats.requests == 1  # 99 registers in one request


def test_block_size_falls_back_on_exception_03(chain, rtu_factory):
    for unit in chain:
        unit.max_read_count = 40
    sim = rtu_factory(chain)
    with RtuLink(sim.link) as link:
        r = link.read_unit(2)
        assert link.block_size <= 40
    assert r.value("voltage_l1") is not None and r.value("humidity_2.alarm") is not None


def test_modbus_exception_is_named(rtu_sim):
    with RtuLink(rtu_sim.link) as link, pytest.raises(ModbusExceptionError) as err:
        link.read_registers(1, 99, 1)
    assert err.value.code == 2
    assert "exception 02" in str(err.value) and "illegal data address" in str(err.value)


def test_write_outside_thresholds_is_refused(rtu_sim):
    with RtuLink(rtu_sim.link) as link, pytest.raises(ModbusExceptionError) as err:
        link.write_register(1, 0, 1)
    assert err.value.code == 2


def test_write_threshold_reads_back(rtu_sim):
    with RtuLink(rtu_sim.link) as link:
        link.write_register(1, 70, 123)
        assert link.read_registers(1, 70, 1) == [123]


def test_no_reply_message(rtu_sim):
    with RtuLink(rtu_sim.link, timeout=0.1) as link, pytest.raises(NoReplyError) as err:
        link.read_unit(9)
    text = str(err.value)
    for part in ("unit 9", "9600 8N1", "within", "address", "A/B"):
        assert part in text
    assert err.value.waited < 1.0


def test_collision_is_garbled(rtu_factory):
    sim = rtu_factory(build_chain([5, 5, 9], seed=3))
    with RtuLink(sim.link) as link:
        for _ in range(3):
            with pytest.raises(FrameError) as err:
                link.read_unit(5)
            assert "two units on one address" in str(err.value)
        assert link.read_unit(9).address == 9


def test_wrong_baud_is_no_reply(chain, rtu_factory):
    sim = rtu_factory(chain, settings=BusSettings(19200))
    with RtuLink(sim.link, BusSettings(9600), timeout=0.1) as link, pytest.raises(NoReplyError):
        link.read_unit(1)
    with RtuLink(sim.link, BusSettings(19200)) as link:
        assert link.read_unit(1).address == 1


def test_missing_port():
    with pytest.raises(PortError, match="does not exist"):
        RtuLink("/dev/ttyBPS-not-there").open()


def test_busy_port(rtu_sim):
    holder = serial.Serial(rtu_sim.link, 9600, exclusive=True)
    try:
        with pytest.raises(PortError, match="busy"):
            RtuLink(rtu_sim.link).open()
    finally:
        holder.close()


def test_forbidden_port():
    # sysfs refuses a read-write open with EACCES, even to root.
    with pytest.raises(PortError, match="No permission"):
        RtuLink("/sys/kernel/notes").open()
