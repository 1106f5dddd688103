"""The simulated master's restart: every service goes silent for reboot_s, then comes back
with the uploaded file's version (simulator/restart.py, simulator/tftp.py, TcpSimulator's
pause/resume)."""

from __future__ import annotations

import os
import socket
import time

import pytest

from bps_commissioner.simulator.model import default_thresholds
from bps_commissioner.transport.errors import ConnectError, LinkError, NoReplyError
from bps_commissioner.transport.tcp import TcpLink
from bps_commissioner.transport.telnet import TelnetSession
from bps_commissioner.transport.tftp import TftpClient

from .conftest import start_master


def telnet_version(m) -> str:
    with TelnetSession("127.0.0.1", m.telnet.port, timeout=2) as s:
        return s.login("admin", "admin").version


def test_upload_restarts_the_master_silently():
    master = start_master(reboot_s=2.0)
    link = TcpLink("127.0.0.1", master.tcp.port, timeout=0.3)
    try:
        assert link.read_registers(1, 0, 1)
        assert telnet_version(master) == "2.0.5-C"
        master.unit.write(63, 2000)  # voltage_l1.low = 200.0 V, not the factory 180 V
        TftpClient("127.0.0.1", master.tftp.port).put(os.urandom(5000), "BPS2000v2-2.0.6-C.bin")
        deadline = time.monotonic() + 3
        while not master.coordinator.rebooting and time.monotonic() < deadline:
            time.sleep(0.01)
        assert master.coordinator.rebooting
        # silent: Modbus gets no reply (on the old connection and a new one), Telnet refuses
        with pytest.raises(NoReplyError):
            link.read_registers(1, 0, 1)
        with pytest.raises(LinkError):
            link.read_registers(1, 0, 1)
        with pytest.raises(ConnectError):
            telnet_version(master)
        with pytest.raises(LinkError):  # TFTP too
            TftpClient("127.0.0.1", master.tftp.port, give_up=0.3, initial_rto=0.1).put(b"x", "a-1.bin")
        assert master.coordinator.wait_up(5)
        # back, with the version of the file's name and the factory thresholds
        assert link.read_registers(1, 63, 1) == [1800]
        assert telnet_version(master) == "2.0.6-C"
        assert master.coordinator.restarts == 1 and master.coordinator.uploads == [("BPS2000v2-2.0.6-C.bin", 5000)]
    finally:
        link.close()
        master.stop()


def test_keep_config_and_slaves_untouched():
    m = start_master()
    m.coordinator.keep_config = True
    try:
        m.unit.write(63, 2000)
        slave = m.chain.units[1]
        slave.write(63, 2100)
        TftpClient("127.0.0.1", m.tftp.port).put(b"\x00" * 100, "BPS2500-3.bin")
        time.sleep(0.3)
        assert m.coordinator.wait_up(5)
        assert m.unit.firmware_version == "3"
        assert m.unit.read(63, 1) == [2000] and slave.read(63, 1) == [2100]
    finally:
        m.stop()


def test_restart_resets_only_the_master():
    m = start_master()
    try:
        slave = m.chain.units[1]
        slave.write(63, 2100)
        m.unit.write(63, 2000)
        assert m.coordinator.restart("9")
        assert not m.coordinator.restart("10")  # one restart at a time
        assert m.coordinator.wait_up(5)
        assert m.unit.read(63, 1) == [int(default_thresholds(m.unit.rating)["voltage_l1.low"] * 10)]
        assert slave.read(63, 1) == [2100]
        assert m.unit.firmware_version == "9"
    finally:
        m.stop()


def test_incomplete_upload_does_not_restart(master):
    """A client that stops half-way: the transfer is abandoned, no restart."""
    master.tftp.timeout, master.tftp.retries = 0.1, 1
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.settimeout(2)
    try:
        sock.sendto(b"\x00\x02BPS2500-3.bin\x00octet\x00", ("127.0.0.1", master.tftp.port))
        ack, server = sock.recvfrom(100)
        assert ack == b"\x00\x04\x00\x00"
        sock.sendto(b"\x00\x03\x00\x01" + b"a" * 512, server)
        assert sock.recvfrom(100)[0] == b"\x00\x04\x00\x01"
        time.sleep(0.6)
    finally:
        sock.close()
    assert master.tftp.transfers[0].ended == "abandoned"
    assert master.coordinator.restarts == 0 and not master.coordinator.rebooting


def test_repeated_write_request_gets_the_first_ack_again(master):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.settimeout(2)
    try:
        request = b"\x00\x02fw.bin\x00octet\x00"
        sock.sendto(request, ("127.0.0.1", master.tftp.port))
        _, first = sock.recvfrom(100)
        sock.sendto(request, ("127.0.0.1", master.tftp.port))  # as if our first ACK was lost
        ack, second = sock.recvfrom(100)
        assert ack == b"\x00\x04\x00\x00" and second == first  # the same transfer, no second one
    finally:
        sock.close()
    assert len(master.tftp.transfers) == 1


def test_read_request_is_refused(master):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.settimeout(2)
    try:
        sock.sendto(b"\x00\x01fw.bin\x00octet\x00", ("127.0.0.1", master.tftp.port))
        reply, _ = sock.recvfrom(200)
    finally:
        sock.close()
    assert reply[:4] == b"\x00\x05\x00\x04"


def test_tcp_simulator_pause_resume(tcp_sim):
    link = TcpLink("127.0.0.1", tcp_sim.port, timeout=0.3)
    try:
        assert link.read_registers(1, 0, 1)
        tcp_sim.pause()
        with pytest.raises(NoReplyError):
            link.read_registers(1, 0, 1)
        tcp_sim.resume()
        assert link.read_registers(1, 0, 1)
    finally:
        link.close()
