"""The simulated master's Telnet menus 2-7 and 10 over a real socket: screens with the stored
values, item then value, refusals that change nothing, the password for the next login."""

from __future__ import annotations

import datetime

import pytest

from bps_commissioner.simulator import build_chain
from bps_commissioner.simulator.snmp import SnmpSimulator
from bps_commissioner.simulator.telnet import TelnetSimulator
from bps_commissioner.simulator.telnet_settings import TelnetSettings, factory_network
from tests.simulator.telnet_client import PROMPT, RawTelnet, field


@pytest.fixture
def cli():
    sim = TelnetSimulator(list(build_chain([1], seed=3)), "127.0.0.1", 0, idle_timeout=10,
                          clock_offset_s=-3 * 3600).start()
    yield sim
    sim.stop()


@pytest.fixture
def t(cli):
    with RawTelnet("127.0.0.1", cli.port) as client:
        client.login()
        yield client


def test_factory_network_of_the_host():
    assert factory_network("127.0.0.163") == {"address": "127.0.0.163", "mask": "255.255.255.0",
                                              "gateway": "127.0.0.1", "dns": "8.8.8.8"}
    assert factory_network("0.0.0.0")["address"] == "192.168.0.163"
    assert factory_network("localhost")["gateway"] == "192.168.0.1"
    s = TelnetSettings(host="10.1.2.3", gateway="10.1.2.254")
    assert s.network == {"address": "10.1.2.3", "mask": "255.255.255.0", "gateway": "10.1.2.254", "dns": "8.8.8.8"}
    with pytest.raises(ValueError):
        TelnetSettings(address="10.1.2")


def test_every_menu_shows_its_values(t):
    clock = t.cmd("2")
    date, time_ = clock.split("Date: ")[1].split(" Time: ")
    shown = datetime.datetime.strptime(f"{date} {time_.splitlines()[0]}", "%Y-%m-%d %H:%M:%S")
    assert abs((datetime.datetime.now() - datetime.timedelta(hours=3) - shown).total_seconds()) < 5
    assert "Command:1.Set Date/Time 2.Back" in clock and "Command format:date yyyy-mm-dd,time hh:mm:ss" in clock
    t.cmd("back")
    assert "Users:admin\nCommand:1.Change password 2.Back" in t.cmd("3")
    t.cmd("2")
    network = t.cmd("4")
    assert network.startswith("Network\nIPv4 Address:127.0.0.1\nIPv4 Subnet Mask:255.255.255.0\nGateway:127.0.0.1\n"
                              "DNS:8.8.8.8\nCommand:1.Set IPv4 Address")
    t.cmd("5")
    snmp = t.cmd("5")
    assert ("SNMP service\nSNMP agent:Enable\nWrite community:private\nRead community:public\n"
            "Trap1 address:0.0.0.0\n") in snmp
    t.cmd("5")
    assert "HTTP Settings\nHTTP port:80\nCommand:1.Set port 2.Back\nCommand format: port:xx" in t.cmd("6")
    t.cmd("2")
    smtp = t.cmd("7")
    assert ("SMTP Account:\nSMTP Password:\nSMTP Server:\nSMTP Port:25\nNumber of cyclical notification:1\n"
            "Time between cyclical notification:1\nSMTP Recipient Email:\n") in smtp
    t.cmd("8")
    assert "Restart\n1.Restart\n2.Restart to factory default\n3.Back\nCommand format: 1or2" in t.cmd("10")
    assert "Command error!" in t.cmd("7")
    assert "1.Show information" in t.cmd("3")


SETS = [  # menu, item, value command, label on the screen, value shown, its format line
    ("4", "1", "address:10.20.0.11", "IPv4 Address", "10.20.0.11", "address:xxx.xxx.xxx.xxx"),
    ("4", "2", "ADDRESS : 255.255.0.0", "IPv4 Subnet Mask", "255.255.0.0", "address:xxx.xxx.xxx.xxx"),
    ("4", "3", "address:10.20.0.1", "Gateway", "10.20.0.1", "address:xxx.xxx.xxx.xxx"),
    ("4", "4", "address:1.1.1.1", "DNS", "1.1.1.1", "address:xxx.xxx.xxx.xxx"),
    ("5", "1", "agent:disable", "SNMP agent", "Disable", "agent:enable"),
    ("5", "2", "community:s3cret-W", "Write community", "s3cret-W", "community:"),
    ("5", "3", "Community:r34d", "Read community", "r34d", "community:"),
    ("5", "4", "address:10.20.0.99", "Trap1 address", "10.20.0.99", "address:xxx.xxx.xxx.xxx"),
    ("6", "1", "port:8080", "HTTP port", "8080", "port:xx"),
    ("7", "1", "account:pdu@site.example", "SMTP Account", "pdu@site.example", "account:"),
    ("7", "2", "password:mail-pw", "SMTP Password", "mail-pw", "password:"),
    ("7", "3", "server:smtp.site.example", "SMTP Server", "smtp.site.example", "server:"),
    ("7", "4", "port:587", "SMTP Port", "587", "port:"),
    ("7", "5", "number:3", "Number of cyclical notification", "3", "number:"),
    ("7", "6", "time:10", "Time between cyclical notification", "10", "time:"),
    ("7", "7", "recipient:noc@site.example", "SMTP Recipient Email", "noc@site.example", "recipient:"),
]


@pytest.mark.parametrize("menu,item,command,label,shown,fmt", SETS, ids=[s[3] for s in SETS])
def test_an_item_then_its_value_sets_it(t, cli, menu, item, command, label, shown, fmt):
    t.cmd(menu)
    answer = t.cmd(item)
    assert answer.startswith("Command format") and fmt in answer and answer.count("\n") <= 2
    reply = t.cmd(command)
    assert reply.startswith("OK\n")
    assert field(reply, label) == shown
    assert field(t.cmd("back") and t.cmd(menu), label) == shown  # kept
    # the choice was cleared: the same value command again is an error
    assert t.cmd(command).startswith("Command error!")


def test_the_clock_is_set(t, cli):
    t.cmd("2")
    t.cmd("1")
    reply = t.cmd("date 2026-12-03,time 14:05:00")
    assert reply.startswith("OK\nSystem clock: Date: 2026-12-03 Time: 14:05:0")
    assert abs((cli.state.now() - datetime.datetime(2026, 12, 3, 14, 5)).total_seconds()) < 5
    t.cmd("1")
    assert t.cmd("date 2026-02-30,time 14:05:00").startswith("Invalid value!\nSystem clock")
    t.cmd("1")
    assert t.cmd("date 2026/02/01 14:05").startswith("Command error!")
    assert cli.state.now().date() == datetime.date(2026, 12, 3)


REFUSED = [
    ("4", "1", "address:10.20.0.300", "Invalid value!", "IPv4 Address"),
    ("4", "2", "address:255.255", "Invalid value!", "IPv4 Subnet Mask"),
    ("4", "3", "gateway:10.0.0.1", "Command error!", "Gateway"),
    ("4", "4", "10.0.0.1", "Command error!", "DNS"),
    ("5", "1", "agent:off", "Invalid value!", "SNMP agent"),
    ("5", "2", "community:has space", "Invalid value!", "Write community"),
    ("5", "3", "community:" + "x" * 33, "Invalid value!", "Read community"),
    ("5", "3", "community:", "Invalid value!", "Read community"),
    ("6", "1", "port:0", "Invalid value!", "HTTP port"),
    ("6", "1", "port:65536", "Invalid value!", "HTTP port"),
    ("7", "4", "port:abc", "Invalid value!", "SMTP Port"),
    ("7", "6", "time:11", "Invalid value!", "Time between cyclical notification"),
    ("7", "5", "number:0", "Invalid value!", "Number of cyclical notification"),
]


@pytest.mark.parametrize("menu,item,command,error,label", REFUSED)
def test_refused_values_change_nothing(t, menu, item, command, error, label):
    before = field(t.cmd(menu), label)
    t.cmd(item)
    reply = t.cmd(command)
    assert reply.startswith(error + "\n")
    assert field(reply, label) == before


def test_a_value_without_an_item_is_an_error(t, cli):
    t.cmd("4")
    reply = t.cmd("address:10.0.0.5")
    assert reply.startswith("Command error!\nNetwork\n")
    assert cli.state.address == "127.0.0.1"
    t.cmd("1")
    t.cmd("back")  # back clears the choice too
    t.cmd("4")
    assert t.cmd("address:10.0.0.5").startswith("Command error!")
    assert t.cmd("9").startswith("Command error!")  # not an item of menu 4


def test_the_password_changes_for_the_next_login(t, cli):
    t.cmd("3")
    t.cmd("1")
    assert t.cmd("old:wrong&new:n3w&confirm:n3w&").startswith("Old password error!\nUsers:admin")
    t.cmd("1")
    assert t.cmd("old:admin&new:n3w&confirm:other&").startswith("New password and confirmation differ!")
    t.cmd("1")
    assert t.cmd("old:admin&new:&confirm:&").startswith("New password and confirmation differ!")
    assert cli.state.password == "admin"
    t.cmd("1")
    assert t.cmd("OLD: admin & new:n3w&confirm:n3w").startswith("OK\nUsers:admin")
    assert cli.state.password == "n3w"
    with RawTelnet("127.0.0.1", cli.port) as again:
        again.read_until("Telnet Account:")
        again.line("admin")
        again.read_until("Password:")
        again.line("admin")
        assert "Account or password error!" in again.read_until("Telnet Account:")
        again.line("admin")
        again.read_until("Password:")
        again.line("n3w")
        assert again.read_until(PROMPT).rstrip().endswith(PROMPT)


def test_snmp_settings_take_effect_at_once():
    from pysnmp.hlapi.v1arch.asyncio import (CommunityData, ObjectIdentity, ObjectType, SnmpDispatcher,
                                             UdpTransportTarget, get_cmd)
    import asyncio

    units = list(build_chain([1], seed=4))
    agent = SnmpSimulator(units, "127.0.0.1", 0, community="site-ro").start()
    cli = TelnetSimulator(units, "127.0.0.1", 0, snmp=agent, idle_timeout=10).start()

    async def get(community):
        target = await UdpTransportTarget.create(("127.0.0.1", agent.port), timeout=0.5, retries=0)
        err, status, _, binds = await get_cmd(SnmpDispatcher(), CommunityData(community), target,
                                              ObjectType(ObjectIdentity("1.3.6.1.2.1.1.5.0")))
        return None if err or status else str(binds[0][1])

    try:
        port = agent.port
        assert asyncio.run(get("site-ro")) is not None
        with RawTelnet("127.0.0.1", cli.port) as t:
            t.login()
            assert field(t.cmd("5"), "Read community") == "site-ro"
            t.cmd("3")
            assert t.cmd("community:new-ro").startswith("OK")
            assert agent.community == "new-ro" and agent.port == port
            assert asyncio.run(get("new-ro")) is not None
            assert asyncio.run(get("site-ro")) is None
            t.cmd("1")
            t.cmd("agent:disable")
            assert asyncio.run(get("new-ro")) is None
            t.cmd("1")
            t.cmd("agent:enable")
            assert asyncio.run(get("new-ro")) is not None
    finally:
        cli.stop()
        agent.stop()


def test_menu_10_without_a_coordinator_restarts_and_factory_resets(cli):
    calls = []
    cli.on_restart = calls.append
    cli.state.http_port = 8080
    cli.state.password = "n3w"
    with RawTelnet("127.0.0.1", cli.port) as t:
        t.login("admin", "n3w")
        t.cmd("10")
        assert t.cmd("4").startswith("Command error!\nRestart")
        t.line("2")
        assert "Restarting..." in t.read_to_eof()
    assert calls == [True] and cli.state.restarts == 1
    assert cli.state.password == "admin" and cli.state.http_port == 80
