"""Provisioning across a real (virtual) network: a network namespace joined to this machine by
a veth pair stands for another host on the unit's subnet, so that what loopback cannot show
is tested: a host that answers ping and resets TCP connections holds the new address (the
address is refused, naming both), a free address is silent, and the laptop's own address
in the unit's subnet is found (no advice) while a subnet it has no address in gets the
commands that add one. Needs root and ``ip netns`` (skipped otherwise)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from bps_commissioner.cli import main
from bps_commissioner.services import provision
from bps_commissioner.simulator.network_master import SimulatedNetworkMaster
from bps_commissioner.transport import probe

NS = "bps-test-host"
LAPTOP, UNIT, TAKEN, FREE = "192.168.77.200", "192.168.77.163", "192.168.77.21", "192.168.77.22"


def _ip(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["ip", *args], capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def subnet():
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("ip") is None or shutil.which("ping") is None:
        pytest.skip("needs root, iproute2 and ping")
    _ip("netns", "del", NS)
    _ip("link", "del", "bpsveth0")
    steps = [("netns", "add", NS), ("link", "add", "bpsveth0", "type", "veth", "peer", "name", "bpsveth1"),
             ("link", "set", "bpsveth1", "netns", NS),
             ("addr", "add", f"{LAPTOP}/24", "dev", "bpsveth0"), ("addr", "add", f"{UNIT}/24", "dev", "bpsveth0"),
             ("link", "set", "bpsveth0", "up"),
             ("-n", NS, "addr", "add", f"{TAKEN}/24", "dev", "bpsveth1"), ("-n", NS, "link", "set", "bpsveth1", "up"),
             ("-n", NS, "link", "set", "lo", "up")]
    for step in steps:
        done = _ip(*step)
        if done.returncode != 0:
            _ip("netns", "del", NS)
            _ip("link", "del", "bpsveth0")
            pytest.skip(f"cannot make a test network here: ip {' '.join(step)}: {done.stderr.strip()}")
    # the veth needs a moment before the first ARP answer
    subprocess.run(["ping", "-c", "1", "-W", "2", TAKEN], capture_output=True, check=False)
    yield
    _ip("link", "del", "bpsveth0")
    _ip("netns", "del", NS)


def test_a_host_that_answers_ping_and_resets_holds_the_address(subnet):
    answers = probe.who_answers(TAKEN, {"Telnet port 23": 23, "HTTP port 80": 80})
    states = {(a.what, a.state) for a in answers}
    assert ("Telnet port 23", probe.REFUSED) in states and ("ICMP echo (ping)", "echo") in states
    assert "refused a connection to Telnet port 23" in answers[0].line(TAKEN)
    assert probe.who_answers(FREE, {"Telnet port 23": 23}) == []


def test_the_laptops_address_in_the_units_subnet_is_found(subnet):
    assert probe.source_address(TAKEN) == LAPTOP  # the first address of the veth: the laptop's
    assert provision.laptop_subnet_advice(TAKEN) is None
    advice = provision.laptop_subnet_advice("192.168.78.5")  # a subnet this machine has no address in
    assert advice is not None and "192.168.78.200/24" in advice and "netsh" in advice


def test_provision_refuses_an_address_another_host_holds(subnet, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("BPS_TELNET_PASSWORD", "admin")
    with SimulatedNetworkMaster(UNIT, reboot_s=0.3) as m:
        code = None
        try:
            code = main(["provision", "--host", UNIT, "--telnet-port", str(m.telnet_port), "--modbus-port",
                         str(m.modbus_port), "--address", TAKEN, "--gateway", "192.168.77.1", "--restart", "--yes",
                         "--audit-log", str(tmp_path / "audit.jsonl")])
        except SystemExit as exc:
            code = exc.code
        err = capsys.readouterr().err
        assert code == 2, err
        assert f"{TAKEN} is taken" in err and "ICMP echo" in err and "refused a connection" in err
        assert m.settings.address == UNIT and not any(":" in c for c in m.settings.commands)
        # a free address of the same subnet is taken without complaint
        code = main(["provision", "--host", UNIT, "--telnet-port", str(m.telnet_port), "--modbus-port",
                     str(m.modbus_port), "--address", FREE, "--gateway", "192.168.77.1", "--yes", "--json",
                     "--audit-log", str(tmp_path / "audit.jsonl")])
        out = capsys.readouterr().out
        assert code == 0 and json.loads(out)["applied"] == ["network.address"]


def test_a_new_address_this_laptop_cannot_reach_is_warned_of_with_the_command(subnet, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("BPS_TELNET_PASSWORD", "admin")
    with SimulatedNetworkMaster(UNIT, reboot_s=0.3) as m:
        code = main(["provision", "--host", UNIT, "--telnet-port", str(m.telnet_port), "--modbus-port",
                     str(m.modbus_port), "--address", "192.168.78.21", "--gateway", "192.168.78.1", "--dry-run",
                     "--audit-log", str(tmp_path / "audit.jsonl")])
        err = capsys.readouterr().err
        assert code == 0, err
        assert "after its restart the unit answers at 192.168.78.21" in err
        assert "ip addr add 192.168.78.200/24" in err and "netsh interface ipv4 add address" in err
        assert m.settings.address == UNIT
        assert "could not be checked from this laptop" in err  # a router's or proxy's answer proves nothing
