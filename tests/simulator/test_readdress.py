"""A restart of the simulated master re-addresses it: network settings saved in Telnet menu 4
take effect at menu 10, every service on the old address comes back on the new one (same
ports); factory reset moves it back; a taken address leaves that service down."""

from __future__ import annotations

import datetime
import shutil
import socket
import subprocess
import time

import pytest

from bps_commissioner.simulator.network_master import SimulatedNetworkMaster
from tests.simulator.telnet_client import RawTelnet, field
from tests.simulator.wire import read_pdu, tcp_exchange

OLD, NEW = "127.0.0.163", "127.0.0.21"
REBOOT_S = 0.3


def answers_telnet(host: str, port: int) -> bool:
    try:
        with RawTelnet(host, port, timeout=1.0) as t:
            t.read_until("Telnet Account:")
            return True
    except (OSError, EOFError, TimeoutError):
        return False


def answers_modbus(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1.0) as s:
            reply = tcp_exchange(s, 1, read_pdu(0, 3), timeout=0.5)
            return reply is not None and reply[0] == 3
    except OSError:
        return False


def set_address(host: str, port: int, address: str, password: str = "admin") -> str:
    with RawTelnet(host, port) as t:
        t.login("admin", password)
        t.cmd("4")
        t.cmd("1")
        screen = t.cmd(f"address:{address}")
        t.cmd("5")
        t.cmd("10")
        t.line("1")
        assert "Restarting..." in t.read_to_eof()
    return screen


def wait_for(check, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def master():
    m = SimulatedNetworkMaster(OLD, reboot_s=REBOOT_S, snmp=True)
    yield m
    m.stop()


def test_network_change_shows_at_once_and_takes_effect_at_restart(master):
    telnet_port, modbus_port, snmp_port = master.telnet_port, master.modbus_port, master.snmp_port
    with RawTelnet(OLD, telnet_port) as t:
        t.login()
        assert field(t.cmd("4"), "IPv4 Address") == OLD
        t.cmd("1")
        assert field(t.cmd(f"address:{NEW}"), "IPv4 Address") == NEW
        t.cmd("3")
        t.cmd("address:127.0.0.1")
    # saved, not in effect: still at the old address
    assert master.settings.address == NEW and master.host == OLD
    assert answers_telnet(OLD, telnet_port) and answers_modbus(OLD, modbus_port)
    assert not answers_telnet(NEW, telnet_port)

    started = time.monotonic()
    with RawTelnet(OLD, telnet_port) as t:
        t.login()
        t.cmd("10")
        t.line("1")
        assert "Restarting..." in t.read_to_eof()
    assert master.rebooting or master.restarts == 1
    assert wait_for(lambda: answers_telnet(NEW, telnet_port) and answers_modbus(NEW, modbus_port), REBOOT_S + 2)
    assert time.monotonic() - started < REBOOT_S + 2
    assert master.wait_up(2) and master.restarts == 1 and master.failures == []
    assert master.host == NEW
    assert (master.telnet_port, master.modbus_port, master.snmp_port) == (telnet_port, modbus_port, snmp_port)
    assert master.snmp.host == NEW and master.tcp.host == NEW and master.telnet.host == NEW
    assert not answers_telnet(OLD, telnet_port) and not answers_modbus(OLD, modbus_port)
    with RawTelnet(NEW, telnet_port) as t:
        t.login()
        screen = t.cmd("4")
        assert field(screen, "IPv4 Address") == NEW and field(screen, "Gateway") == "127.0.0.1"


@pytest.mark.skipif(not shutil.which("mbpoll"), reason="mbpoll is not installed")
def test_mbpoll_reads_the_readdressed_master(master):
    set_address(OLD, master.telnet_port, NEW)
    assert master.wait_up(REBOOT_S + 2) and master.host == NEW
    done = subprocess.run(["mbpoll", "-m", "tcp", "-a", "1", "-r", "1", "-c", "1", "-1", "-p",
                           str(master.modbus_port), NEW], capture_output=True, text=True, timeout=10)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "[1]:" in done.stdout


def test_factory_reset_restores_the_settings_and_the_address(master):
    with RawTelnet(OLD, master.telnet_port) as t:
        t.login()
        for menu, item, value, back in (("6", "1", "port:8080", "2"), ("7", "4", "port:587", "8"),
                                        ("5", "2", "community:w2", "5"), ("3", "1", "old:admin&new:pw2&confirm:pw2", "2")):
            t.cmd(menu)
            t.cmd(item)
            assert t.cmd(value).startswith("OK")
            t.cmd(back)
    assert master.snmp.write_community == "w2"
    set_address(OLD, master.telnet_port, NEW, password="pw2")
    assert master.wait_up(REBOOT_S + 2) and master.host == NEW
    with RawTelnet(NEW, master.telnet_port) as t:
        t.login("admin", "pw2")
        t.cmd("10")
        t.line("2")
        assert "Restarting..." in t.read_to_eof()
    assert wait_for(lambda: answers_telnet(OLD, master.telnet_port), REBOOT_S + 2)
    assert master.wait_up(2) and master.host == OLD and master.restarts == 2
    s = master.settings
    assert (s.account, s.password, s.address, s.mask, s.gateway, s.dns) == (
        "admin", "admin", OLD, "255.255.255.0", "127.0.0.1", "8.8.8.8")
    assert (s.snmp_agent, s.write_community, s.read_community, s.trap1) == (True, "private", "public", "0.0.0.0")
    assert s.http_port == 80 and s.smtp_port == 25 and s.smtp_number == 1 and s.smtp_time == 1
    assert master.snmp.write_community == "private" and master.snmp.host == OLD
    assert answers_modbus(OLD, master.modbus_port) and not answers_telnet(NEW, master.telnet_port)
    with RawTelnet(OLD, master.telnet_port) as t:
        t.login("admin", "admin")


def test_a_taken_address_leaves_that_service_down(master):
    blocker = socket.socket()
    blocker.bind((NEW, master.telnet_port))
    blocker.listen(1)
    try:
        set_address(OLD, master.telnet_port, NEW)
        assert master.wait_up(REBOOT_S + 2)
        assert master.host == NEW
        assert [(name, host, port) for name, host, port, _ in master.failures] == [
            ("TelnetSimulator", NEW, master.telnet_port)]
        assert wait_for(lambda: answers_modbus(NEW, master.modbus_port), 2)  # the others moved
        assert not answers_telnet(OLD, master.telnet_port)
    finally:
        blocker.close()


def test_services_on_other_hosts_stay_and_a_firmware_restart_moves_too():
    with SimulatedNetworkMaster(OLD, reboot_s=REBOOT_S) as m:
        from bps_commissioner.simulator.tftp import TftpSimulator

        other = TftpSimulator("127.0.0.1", 0).start()
        here = TftpSimulator(OLD, 0).start()
        try:
            m.coordinator.add(other)
            m.coordinator.add(here)
            m.settings.address = NEW
            assert m.coordinator.restart("3")  # what a complete upload does
            assert m.wait_up(REBOOT_S + 2)
            assert m.host == NEW and here.host == NEW and other.host == "127.0.0.1"
            assert m.unit.firmware_version == "3" and m.failures == []
            assert answers_telnet(NEW, m.telnet_port)
        finally:
            other.stop()
            here.stop()


def test_the_python_api_restart():
    with SimulatedNetworkMaster(OLD, reboot_s=REBOOT_S, modbus_port=0, clock_offset_s=60) as m:
        assert m.snmp_port is None and m.settings.network["address"] == OLD
        assert 55 < (m.settings.clock - datetime.datetime.now()).total_seconds() <= 65
        m.settings.http_port = 8080
        assert m.restart(factory=True)
        assert m.rebooting
        assert m.wait_up(REBOOT_S + 2) and m.settings.http_port == 80 and m.restarts == 1


def _free_port(kind=socket.SOCK_STREAM) -> int:
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind((OLD, 0))
        return s.getsockname()[1]


def test_the_simulate_command_readdresses_its_master():
    import sys

    telnet_port, modbus_port, snmp_port = _free_port(), _free_port(), _free_port(socket.SOCK_DGRAM)
    proc = subprocess.Popen([sys.executable, "-m", "bps_commissioner", "simulate", "--tcp", f"{OLD}:{modbus_port}",
                             "--telnet", f"{OLD}:{telnet_port}", "--snmp", f"{OLD}:{snmp_port}", "--reboot-s",
                             str(REBOOT_S), "--units", "1,2", "--duration", "8"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = [proc.stdout.readline() for _ in range(3)]
        assert lines[2].startswith(f"Telnet CLI on {OLD}:{telnet_port}"), lines
        set_address(OLD, telnet_port, NEW)
        moved = proc.stdout.readline().strip()
        up = answers_telnet(NEW, telnet_port) and answers_modbus(NEW, modbus_port)
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert moved == f"master restarted at {NEW}" and up, err
    assert "Traceback" not in err


def test_the_guis_simulated_master_moves_on_loopback_only():
    """The window's built-in master moves to a 127.x.x.x address set in menu 4 (this computer
    can serve it) and restarts in place for any other address."""
    from bps_commissioner.ui.simulation import SimulatedMaster

    m = SimulatedMaster(reboot_s=REBOOT_S).start()
    try:
        port = m.telnet_server.port
        set_address("127.0.0.1", port, "10.20.0.11")
        assert m.coordinator.wait_up(REBOOT_S + 2) and m.coordinator.restarts == 1
        assert m.telnet_server.state.address == "10.20.0.11" and m.coordinator.failures == []
        assert answers_telnet("127.0.0.1", port) and m.snmp.host == "127.0.0.1"
        set_address("127.0.0.1", port, NEW)
        assert m.coordinator.wait_up(REBOOT_S + 2) and m.coordinator.restarts == 2
        assert answers_telnet(NEW, port) and m.snmp.host == NEW and m.coordinator.failures == []
    finally:
        m.stop()
