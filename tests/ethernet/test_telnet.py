"""The Telnet client against the simulated CLI, and against scripted peers for what the
simulator does not do (negotiation of other options, silence, replies it cannot parse)."""

import socket
import threading
import time

import pytest

from bps_commissioner.transport.errors import ConnectError
from bps_commissioner.transport.telnet import (
    DO,
    ECHO,
    IAC,
    SB,
    SE,
    SGA,
    WILL,
    WONT,
    DONT,
    TelnetLoginError,
    TelnetProtocolError,
    TelnetSession,
    TelnetTimeout,
    parse_banner,
    parse_energy,
    parse_show_reply,
)
from tests.ethernet.conftest import TELNET_PASSWORD, assert_no_secret

MANUAL_BANNER = """192.168.23.103 - PuTTY
Last Update Time : 2014-10-20
Version : 1.0.0
Date:2019-01-23 Time:09:48:45
Up time : 0Days 17Hours 47Minute
BKT ELEKTRONIK 69 Lochowska Str., 86-005 Biale Blota, www.bkte.pl
"""


def test_parsers_on_the_manuals_screenshots():
    b = parse_banner(MANUAL_BANNER)
    assert b.to_dict() == {"version": "1.0.0", "last_update": "2014-10-20", "date": "2019-01-23",
                           "time": "09:48:45", "uptime": "0Days 17Hours 47Minute",
                           "uptime_seconds": 17 * 3600 + 47 * 60}
    assert parse_show_reply("Load Phase1:0.00A Phase2:0.00A Phase3:0.00A") == {"L1": 0.0, "L2": 0.0, "L3": 0.0}
    assert parse_show_reply("Sensor Temperature:25.1C Humidity1:--% Door1:Close") == {
        "temperature": 25.1, "humidity1": None, "door1": "close"}
    assert parse_show_reply("slave4 is not connected") == {}
    assert parse_energy("Clear energy Phase\nPhase1 energy:1150\nPhase2 energy:0\nPhase3 energy:150\n") == {
        1: 1150.0, 2: 0.0, 3: 150.0}
    assert parse_banner("garbage").version is None


def login(sim, user="bkt", password=TELNET_PASSWORD, timeout=2.0):
    session = TelnetSession("127.0.0.1", sim.port, timeout=timeout)
    session.login(user, password)
    return session


def test_login_banner_and_firmware_version_at_each_login(telnet_sim, snmp_units):
    with login(telnet_sim) as session:
        assert session.banner.version == "2.0.5-C" and session.banner.last_update == "2020-06-30"
        assert session.banner.uptime_seconds is not None and session.banner.date
        assert not session.factory_login
    snmp_units[0].firmware_version = "2.0.6-C"  # what a flash and a restart leave
    with login(telnet_sim) as session:
        assert session.banner.version == "2.0.6-C"
    assert telnet_sim.state.logins == 2 and telnet_sim.state.commands[-1] == "11"  # logged out


def test_information_of_master_and_slaves(telnet_sim, snmp_units):
    snmp_units[1].pin({"current_l2": 7.25, "voltage_l3": 231.4, "temperature_1": 26.5})
    with login(telnet_sim) as session:
        info = session.information(("master", "slave1", "slave4"))
    assert set(info["master"]) == {"load", "voltage", "activepower", "apparentpower", "reactivepower",
                                   "frequency", "pf", "total_energy", "sensor"}
    assert info["slave1"]["load"]["L2"] == 7.25 and info["slave1"]["voltage"]["L3"] == 231.4
    assert info["slave1"]["sensor"]["temperature1"] == 26.5 and info["slave1"]["sensor"]["door1"] == "closed"
    assert info["master"]["sensor"]["temperature1"] is None
    assert info["slave4"] == {"raw": "slave4 is not connected"}


def test_energy_reset_clears_the_simulated_counters(telnet_sim, snmp_units):
    with login(telnet_sim) as session:
        before = session.read_energy()
        assert all(v > 100 for v in before.values())
        session.clear_energy(2)
        after = session.read_energy()
    assert after[2] == 0 and after[1] >= before[1] and after[3] >= before[3]
    from bps_commissioner.device.decode import decode_registers
    values = decode_registers(0, dict(enumerate(snmp_units[0].read(0, 99)))).values
    assert values["active_energy_l2"] < 0.01 and values["apparent_energy_l2"] < 0.01
    assert values["active_energy_l1"] > 100


def test_wrong_password_is_one_attempt_and_a_clear_message(telnet_sim):
    session = TelnetSession("127.0.0.1", telnet_sim.port, timeout=2.0)
    with pytest.raises(TelnetLoginError) as exc:
        session.login("bkt", "not-the-password")
    text = str(exc.value)
    assert "refused" in text and "wrong account or password" in text and "Not retried" in text
    assert "not-the-password" not in text and "not-the-password" not in exc.value.dialogue
    time.sleep(0.1)
    assert telnet_sim.state.failed_logins == 1 and telnet_sim.state.logins == 0
    assert session._writer is None  # the connection is closed, no second try


def test_password_never_in_the_dialogue(telnet_sim):
    with login(telnet_sim) as session:
        session.read_energy()
        assert "********" in session.dialogue
        assert_no_secret(session.dialogue)


def test_connection_refused():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ConnectError, match="refused: Telnet is off"):
        TelnetSession("127.0.0.1", port, timeout=1).login("bkt", "x")


class ScriptedPeer:
    """A TCP peer that plays a fixed script: a list of bytes to send, or callables that
    receive a line from the client and return bytes to send."""

    def __init__(self, script):
        self.script = script
        self.received = bytearray()
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1)
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        conn, _ = self.sock.accept()
        conn.settimeout(5)
        try:
            for step in self.script:
                if isinstance(step, bytes):
                    conn.sendall(step)
                elif step == "line":
                    while b"\r\n" not in self.received[self._mark():]:
                        data = conn.recv(1024)
                        if not data:
                            return
                        self.received += data
                    self._consumed = len(self.received)
                elif step == "wait":  # until the client gives up
                    while conn.recv(1024):
                        pass
        except OSError:
            pass
        finally:
            time.sleep(0.2)
            conn.close()

    _consumed = 0

    def _mark(self):
        return self._consumed

    def close(self):
        self.sock.close()
        self.thread.join(5)


def test_option_negotiation_is_answered_once_and_stripped():
    peer = ScriptedPeer([
        bytes((IAC, WILL, ECHO, IAC, WILL, SGA, IAC, DO, 24, IAC, DO, 31)),  # ECHO, SGA; TTYPE, NAWS
        bytes((IAC, SB, 24, 1, IAC, SE)) + b"Last Update Time : 2021-02-03\r\nVer",
        b"sion : 3.1.4\r\nUp time : 1Days 2Hours 3Minute\r\n\r\nTelnet Account:",
        "line", b"Password:", "line",
        b"Command:\r\n1.Show information\r\n11.Logout\r\n\r\nPlease enter the command:",
    ])
    session = TelnetSession("127.0.0.1", peer.port, timeout=2)
    banner = session.login("bkt", "pw-123")
    assert banner.version == "3.1.4" and banner.last_update == "2021-02-03" and banner.uptime_seconds == 93780
    session.close()
    peer.close()
    data = bytes(peer.received)
    assert bytes((IAC, DO, ECHO)) in data and bytes((IAC, DO, SGA)) in data
    assert bytes((IAC, WONT, 24)) in data and bytes((IAC, WONT, 31)) in data
    assert data.count(bytes((IAC, DO, ECHO))) == 1
    assert b"bkt\r\n" in data and b"pw-123\r\n" in data
    assert bytes((IAC, DONT)) not in data


def test_silent_unit_times_out_clearly():
    peer = ScriptedPeer([b"Last Update Time : 2021-02-03\r\n", "wait"])
    session = TelnetSession("127.0.0.1", peer.port, timeout=0.5)
    start = time.monotonic()
    with pytest.raises(TelnetTimeout) as exc:
        session.login("bkt", "pw-123")
    assert time.monotonic() - start < 2
    assert "did not show the login prompt" in str(exc.value) and "within 0.5 s" in str(exc.value)
    assert "Last Update Time : 2021-02-03" in str(exc.value)  # the raw dialogue
    session.close()
    peer.close()


def test_unparsable_reply_shows_the_raw_dialogue():
    menu = b"Command:\r\n9.Clear energy Phase\r\n11.Logout\r\n\r\nPlease enter the command:"
    peer = ScriptedPeer([
        b"Version : 9\r\nTelnet Account:", "line", b"Password:", "line", menu,
        "line", b"Energy meters: lots\r\nCommand:1.Clear 2.Back\r\nPlease enter the command:",
    ])
    session = TelnetSession("127.0.0.1", peer.port, timeout=1)
    session.login("bkt", "pw-123")
    with pytest.raises(TelnetProtocolError) as exc:
        session.read_energy()
    text = str(exc.value)
    assert "could not read the three 'PhaseN energy:' lines" in text
    assert "raw Telnet dialogue" in text and "Energy meters: lots" in text and ">>> 9" in text
    assert ">>> ********" in text and "pw-123" not in text
    session.close()
    peer.close()


def test_login_closed_by_the_unit_is_a_login_error():
    peer = ScriptedPeer([b"Telnet Account:", "line", b"Password:", "line", b"Bye\r\n"])
    session = TelnetSession("127.0.0.1", peer.port, timeout=1)
    with pytest.raises(TelnetLoginError, match="refused"):
        session.login("bkt", "pw-123")
    peer.close()


def test_info_keeps_what_was_read_when_one_word_is_refused(capsys, monkeypatch, telnet_sim):
    """Issue 15: one refused word of menu 1 discarded every value and exited 0."""
    import json

    from bps_commissioner.cli import main
    from bps_commissioner.simulator import telnet as sim_telnet

    real = sim_telnet._Session.in_menu

    def refuse_pf(self, menu, command):
        if menu == "1" and command.lower().strip() == "master pf":
            return "Command error!\n\n"
        return real(self, menu, command)

    monkeypatch.setattr(sim_telnet._Session, "in_menu", refuse_pf)
    monkeypatch.setenv("BPS_TELNET_PASSWORD", TELNET_PASSWORD)
    code = main(["telnet", "info", "--host", f"127.0.0.1:{telnet_sim.port}", "--user", "bkt", "--slaves", "1",
                 "--json"])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in err
    master = json.loads(out)["information"]["master"]
    assert set(master["load"]) == {"L1", "L2", "L3"} and "voltage" in master and "sensor" in master
    assert "pf" not in master and master["failed"] == {"pf": "Command error!"}
    assert "master pf (Command error!)" in err
    assert "failed" not in json.loads(out)["information"]["slave1"]


def test_info_of_an_absent_slave_is_its_reply(telnet_sim):
    with login(telnet_sim) as session:
        info = session.information(("slave5",))
    assert info["slave5"] == {"raw": "slave5 is not connected"}
