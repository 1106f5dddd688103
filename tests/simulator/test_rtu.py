"""The Modbus RTU server on a real pseudo-terminal, driven with pyserial."""

import os
import threading
import time

import pytest
import serial

from bps_commissioner.device.bus import BusSettings
from bps_commissioner.device.decode import decode_registers
from bps_commissioner.simulator import build_chain, crc_ok, rtu_frame
from tests.simulator.wire import posix_only, read_frame, write_pdu

pytestmark = posix_only

MANUAL_REQUEST = bytes.fromhex("01 03 00 00 00 01 84 0A")


def port(sim, baud=9600, stopbits=1, timeout=1.0):
    return serial.Serial(sim.link, baud, stopbits=stopbits, timeout=timeout)


def exchange(link, frame, reply_length):
    link.write(frame)
    return link.read(reply_length)


def settle(bus=BusSettings()):
    """Wait the inter-frame silence a polite master keeps after a reply."""
    time.sleep(bus.silence + 0.002)


def test_manual_vector(sim_chain, rtu):
    with port(rtu) as link:
        reply = exchange(link, MANUAL_REQUEST, 7)
        assert reply[:3] == bytes.fromhex("01 03 02") and crc_ok(reply)
        assert 2070 <= int.from_bytes(reply[3:5], "big") <= 2530  # the unit's live L1 voltage
        sim_chain.at(1)[0].pin({"voltage_l1": 231.8})
        settle()
        assert exchange(link, MANUAL_REQUEST, 8) == bytes.fromhex("01 03 02 09 0E 3F D0")


def test_whole_unit_and_exceptions(rtu):
    with port(rtu) as link:
        reply = exchange(link, read_frame(2, 0, 99), 5 + 198)
        assert crc_ok(reply) and reply[2] == 198
        r = decode_registers(2, {i: int.from_bytes(reply[3 + 2 * i:5 + 2 * i], "big") for i in range(99)})
        assert 207 <= r.value("voltage_l2") <= 253 and r.value("water") == "no"
        for frame, code in ((rtu_frame(1, bytes.fromhex("04 0000 0001")), "84 01"),
                            (read_frame(1, 0, 126), "83 03"),
                            (rtu_frame(1, write_pdu(90, 0)), "86 02")):
            settle()
            reply = exchange(link, frame, 5)
            assert crc_ok(reply) and reply[1:3] == bytes.fromhex(code)


def test_written_threshold_reads_back(sim_chain, rtu):
    with port(rtu) as link:
        request = rtu_frame(3, write_pdu(72, 250))
        assert exchange(link, request, 8) == request
        settle()
        assert exchange(link, read_frame(3, 72, 1), 7)[3:5] == (250).to_bytes(2, "big")
    assert sim_chain.writes == [(3, 72, 250)]


def test_two_units_on_one_address_collide_every_time(rtu):
    with port(rtu) as link:
        for start in range(10):
            reply = exchange(link, read_frame(5, start, 1 + start), 5 + 2 * (1 + start))
            assert len(reply) == 5 + 2 * (1 + start) and not crc_ok(reply)
            settle()
        # identical replies (both units keep the default limits) would AND to a valid frame
        reply = exchange(link, read_frame(5, 63, 24), 5 + 48)
        assert len(reply) == 53 and not crc_ok(reply)
        settle()
        assert crc_ok(exchange(link, read_frame(4, 0, 1), 7))
    assert rtu.stats.collisions == 11


@pytest.mark.parametrize("baud, stopbits", [(19200, 1), (9600, 2)])
def test_frames_at_other_settings_get_no_reply(rtu, baud, stopbits):
    with port(rtu, baud, stopbits, timeout=0.25) as link:
        assert exchange(link, MANUAL_REQUEST, 7) == b""
    with port(rtu) as link:
        assert crc_ok(exchange(link, MANUAL_REQUEST, 7))
    assert (rtu.stats.wrong_settings, rtu.stats.replies) == (1, 1)


def test_bus_at_other_settings(rtu_factory):
    bus = BusSettings(38400, "E", 2)
    sim = rtu_factory(build_chain([1], seed=1), bus)
    with port(sim, 38400, 2) as link:
        assert crc_ok(exchange(link, MANUAL_REQUEST, 7))
    with port(sim, 9600, 1, timeout=0.25) as link:
        assert exchange(link, MANUAL_REQUEST, 7) == b""


@pytest.mark.parametrize("frame, counter", [
    (read_frame(9, 0, 1), None),  # nobody at address 9
    (read_frame(0, 0, 1), None),  # broadcast
    (read_frame(2, 0, 1), None),  # unit 2 made silent below
    (MANUAL_REQUEST[:-1] + b"\x0b", "bad_frames"),  # bad CRC
    (MANUAL_REQUEST[:5], "bad_frames"),  # cut short
])
def test_silence(sim_chain, rtu, frame, counter):
    sim_chain.at(2)[0].silent = True
    with port(rtu, timeout=0.25) as link:
        assert exchange(link, frame, 5) == b""
        assert crc_ok(exchange(link, MANUAL_REQUEST, 7))  # and the bus still works
    stats = rtu.stats
    assert (stats.requests, stats.replies) == (2, 1)
    assert stats.bad_frames == (1 if counter else 0)


def test_reply_takes_the_wire_time_plus_turnaround(rtu):
    bus = rtu.bus
    expected = bus.wire_time(8) + rtu.turnaround + bus.wire_time(7)
    with port(rtu) as link:
        delays = []
        for _ in range(10):
            started = time.perf_counter()
            assert len(exchange(link, MANUAL_REQUEST, 7)) == 7
            delays.append(time.perf_counter() - started)
            settle()
    assert min(delays) >= 0.9 * expected


def test_silence_statistics(rtu):
    with port(rtu) as link:
        for _ in range(3):
            exchange(link, MANUAL_REQUEST, 7)
            settle()
        assert rtu.stats.silence_violations == 0
        assert all(gap >= rtu.bus.silence for gap in rtu.stats.gaps)
        link.write(MANUAL_REQUEST + MANUAL_REQUEST)  # the second does not wait for the reply
        assert len(link.read(14)) == 14
    stats = rtu.stats
    assert (stats.requests, stats.replies, stats.silence_violations) == (5, 5, 1)
    assert stats.gaps[-1] < 0 and len(stats.lateness) == 5
    rtu.reset_stats()
    assert rtu.stats.requests == rtu.stats.silence_violations == 0 and rtu.stats.gaps == ()


def test_client_may_close_and_reopen_the_port(rtu):
    for _ in range(3):
        with port(rtu) as link:
            assert crc_ok(exchange(link, MANUAL_REQUEST, 7))
        cpu = time.process_time()
        time.sleep(0.3)  # no client has the port open now
        assert time.process_time() - cpu < 0.05  # idle, not spinning
    with port(rtu) as link:  # a client leaving before its reply ...
        link.write(MANUAL_REQUEST)
    time.sleep(0.2)  # ... which arrives meanwhile, and opening the port discards it
    with port(rtu) as link:
        assert exchange(link, read_frame(1, 0, 2), 9)[:3] == bytes.fromhex("01 03 04")


def test_stop_removes_the_link_and_the_thread(tmp_path):
    from bps_commissioner.simulator import RtuSimulator

    path = tmp_path / "tty"
    os.symlink("/dev/pts/nothing-here", path)  # left by a simulator that was killed
    sim = RtuSimulator(build_chain([1]), path).start()
    assert os.readlink(path) == sim.device
    link = port(sim)  # a client still holding the port
    started = time.monotonic()
    sim.stop()
    assert time.monotonic() - started < 1.0
    assert not os.path.lexists(path)
    assert not [t for t in threading.enumerate() if t.name.startswith("rtu-simulator")]
    link.close()


def test_refuses_to_replace_a_file(tmp_path):
    from bps_commissioner.simulator import RtuSimulator

    path = tmp_path / "not-a-link"
    path.write_text("keep me")
    with pytest.raises(FileExistsError):
        RtuSimulator(build_chain([1]), path).start()
    assert path.read_text() == "keep me"
