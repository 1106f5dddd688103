"""SnmpLink (pysnmp 7, its own event loop) against the simulated agent over real UDP."""

import socket
import threading
import time

import pytest

from bps_commissioner.transport.errors import NoReplyError
from bps_commissioner.transport.snmp import SnmpAuthError, SnmpCredentials, SnmpLink
from tests.ethernet.conftest import AUTH_KEY, PRIV_KEY, assert_no_secret

V3 = dict(user="bkt", auth_protocol="SHA", auth_key=AUTH_KEY, priv_protocol="AES", priv_key=PRIV_KEY)
PINNED = {"voltage_l1": 231.8, "voltage_l2": 229.4, "current_l1": 7.53, "frequency_l1": 50.01,
          "power_factor_l1": 0.93, "temperature": 24.6, "humidity": 47.5}


def read(sim, credentials, addresses=range(6), **kw):
    link = SnmpLink("127.0.0.1", sim.port, credentials, timeout=kw.pop("timeout", 1.0), **kw)
    try:
        return link.read_chain(addresses), link
    finally:
        link.close()


@pytest.mark.parametrize("credentials", [
    SnmpCredentials("1"), SnmpCredentials("2c"), SnmpCredentials("3", **V3),
    SnmpCredentials("3", user="legacy", auth_protocol="MD5", auth_key=AUTH_KEY, priv_protocol="DES",
                    priv_key=PRIV_KEY),
    SnmpCredentials("3", user="strong", auth_protocol="SHA-512", auth_key=AUTH_KEY, priv_protocol="AES-256",
                    priv_key=PRIV_KEY),
    SnmpCredentials("3", user="authonly", auth_protocol="SHA-256", auth_key=AUTH_KEY, priv_protocol="none"),
    SnmpCredentials("3", context="bps", **V3),
], ids=["v1", "v2c", "v3-sha-aes", "v3-md5-des", "v3-sha512-aes256", "v3-authNoPriv", "v3-context"])
def test_master_and_chained_slaves(snmp_sim, snmp_units, credentials):
    snmp_units[0].pin(PINNED)
    chain, link = read(snmp_sim, credentials)
    assert chain.device_name == "BPS2000v2"
    assert [u.address for u in chain.units] == [0, 1, 2]
    assert chain.absent == (3, 4, 5)  # not chained: their objects answer noSuchObject / noSuchName
    master = chain.units[0].to_dict()
    for key, value in PINNED.items():
        assert chain.units[0].values[key] == value, key
    assert master["readings"]["L1"]["voltage"] == 231.8
    assert master["sensors"]["temperature"] == 24.6 and master["sensors"]["door_1"] is None
    slave1 = chain.units[1].to_dict()
    assert slave1["sensors"]["door_1"] == "closed" and slave1["sensors"]["smoke"] == "no"
    assert chain.units[2].to_dict()["sensors"]["temperature"] is None  # slave 2 has no probes
    # a whole unit per request: 6 requests for a chain of 6 (v1 probes an absent slave with one GET)
    assert link.requests <= 6


@pytest.mark.parametrize("form", ["integer", "text"])
def test_both_value_forms_give_the_same_reading(snmp_sim, snmp_units, form):
    snmp_units[0].pin(PINNED | {"active_energy_l1": 1800.12})
    snmp_sim.value_form = form
    chain, _ = read(snmp_sim, SnmpCredentials("2c"), addresses=[0])
    values = chain.units[0].values
    for key, value in PINNED.items():
        assert values[key] == value
    assert values["active_energy_l1"] == pytest.approx(1800.12, abs=0.002)
    assert values["temperature_1"] is None  # "--" as text, 0 as integer: not connected


def test_values_follow_the_simulated_unit_as_modbus_would(snmp_sim, snmp_units):
    from bps_commissioner.device.decode import decode_registers

    chain, _ = read(snmp_sim, SnmpCredentials("2c"), addresses=[1])
    modbus = decode_registers(1, dict(enumerate(snmp_units[1].read(0, 99)))).values
    snmp = chain.units[0].values
    assert abs(snmp["voltage_l1"] - modbus["voltage_l1"]) < 3  # live values move a little between reads
    assert snmp["door_1"] == modbus["door_1"] == "closed"


def test_small_requests_when_asked(snmp_sim):
    chain, link = read(snmp_sim, SnmpCredentials("2c"), addresses=[0], max_oids=10)
    assert len(chain.units[0].values) >= 37 and link.requests == 4  # 38 objects, 10 per request


def test_silent_slave_reads_as_not_chained(snmp_sim, snmp_units):
    snmp_units[2].silent = True
    chain, _ = read(snmp_sim, SnmpCredentials("2c"))
    assert [u.address for u in chain.units] == [0, 1] and 2 in chain.absent


def test_wrong_community_fails_clearly_and_quickly(snmp_sim):
    start = time.monotonic()
    with pytest.raises(NoReplyError) as exc:
        read(snmp_sim, SnmpCredentials("2c", community="wrong-community"), timeout=0.3)
    elapsed = time.monotonic() - start
    assert elapsed < 5  # 0.3 s x 2 tries, then the read stops: it does not wait per unit
    text = str(exc.value)
    assert "community is wrong" in text and "2 tries" in text and "wrong-community" not in text


def test_unreachable_agent():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:  # a port where nothing answers
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        link = SnmpLink("127.0.0.1", port, SnmpCredentials("2c"), timeout=0.3, retries=1)
        with pytest.raises(NoReplyError, match=r"No SNMP reply from 127\.0\.0\.1:\d+ \(SNMP v2c\) within 0\.6 s"):
            link.read_chain()
        link.close()


def test_silent_master_times_out(snmp_sim, snmp_units):
    snmp_units[0].silent = True
    with pytest.raises(NoReplyError):
        read(snmp_sim, SnmpCredentials("1"), timeout=0.3, retries=0)


@pytest.mark.parametrize("changes, reason", [
    (dict(auth_key="wrong-auth-key"), "authentication key or protocol is wrong"),
    (dict(priv_key="wrong-priv-key"), "privacy key or protocol is wrong"),
    (dict(user="nobody"), "does not know this user"),
    (dict(priv_protocol="none"), "not set up for this security level"),
])
def test_v3_refusals_are_clear_and_hide_the_keys(snmp_sim, changes, reason):
    credentials = SnmpCredentials("3", **(V3 | changes))
    start = time.monotonic()
    with pytest.raises(SnmpAuthError) as exc:
        read(snmp_sim, credentials)
    assert time.monotonic() - start < 3  # a report, not a timeout
    assert reason in str(exc.value)
    assert_no_secret(str(exc.value), repr(exc.value), repr(credentials))
    assert "wrong-auth-key" not in str(exc.value) and "wrong-priv-key" not in str(exc.value)


def test_credentials_are_checked_before_sending():
    with pytest.raises(ValueError, match="shorter than 8"):
        SnmpCredentials("3", user="bkt", auth_key="short", priv_key=PRIV_KEY)
    with pytest.raises(ValueError, match="AES needs the privacy key"):
        SnmpCredentials("3", user="bkt", auth_key=AUTH_KEY)
    with pytest.raises(ValueError, match="needs a user"):
        SnmpCredentials("3")
    with pytest.raises(ValueError, match="needs authentication"):
        SnmpCredentials("3", user="bkt", auth_protocol="none", priv_key=PRIV_KEY)
    assert "key" not in repr(SnmpCredentials("3", **V3)).lower().replace("auth_protocol", "")


def test_the_link_works_from_a_worker_thread(snmp_sim):
    """pysnmp is asyncio-only: the link owns its loop, so any one thread can own the link."""
    results = []

    def work():
        link = SnmpLink("127.0.0.1", snmp_sim.port, SnmpCredentials("2c"), timeout=1.0)
        try:
            results.append([u.address for u in link.read_chain([0, 1]).units])
            results.append(link.read_unit(5))
        finally:
            link.close()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(10)
    assert results == [[0, 1], None]


def test_agent_restart_pause(snmp_sim):
    snmp_sim.pause()
    with pytest.raises(NoReplyError):
        read(snmp_sim, SnmpCredentials("2c"), timeout=0.2, retries=0)
    snmp_sim.resume()
    chain, _ = read(snmp_sim, SnmpCredentials("2c"), addresses=[0])
    assert chain.units


def test_implausible_reading_is_a_fault_not_a_value(snmp_sim, snmp_units, capsys):
    """Issue 15: a voltage of 6553.5 V (0xFFFF) was shown as a reading."""
    from bps_commissioner.cli import main

    snmp_units[0].pin({"voltage_l1": 6553.5, "current_l1": 0.0, "voltage_l2": 229.4})
    chain, _ = read(snmp_sim, SnmpCredentials("2c"), [0])
    master = chain.units[0]
    assert master.value("voltage_l1") is None and master.value("voltage_l2") == 229.4
    assert any("voltage_l1: 6553.5 V is outside what the unit can measure (0..300 V)" in f for f in master.faults)
    code = main(["read", "--snmp", f"127.0.0.1:{snmp_sim.port}", "--units", "0", "--timeout", "1"])
    out, err = capsys.readouterr()
    assert code == 1 and "6553.5" not in out.split("FAULT")[0] and "FAULT: voltage_l1" in out
    assert "master: voltage_l1: 6553.5 V" in err and "Traceback" not in err


def test_partial_answer_names_what_is_missing(snmp_sim, snmp_units, monkeypatch, capsys):
    """Issue 15: an answer with some OIDs missing was taken silently as complete."""
    from bps_commissioner.cli import main
    from bps_commissioner.device.oids import unit_oids
    from bps_commissioner.simulator import snmp as sim_snmp

    dropped = {oid for oid, q in unit_oids(0) if q.key in ("current_l2", "humidity")}
    real = sim_snmp._Instrumentation._snapshot
    monkeypatch.setattr(sim_snmp._Instrumentation, "_snapshot",
                        lambda self: {k: v for k, v in real(self).items() if k not in dropped})
    chain, _ = read(snmp_sim, SnmpCredentials("2c"), [0, 1])
    master, slave = chain.units
    assert "current_l2" not in master.values and master.value("voltage_l1") is not None
    assert master.faults == ("partial SNMP answer: no value for 2 object(s): current_l2, humidity",)
    assert not slave.faults
    code = main(["read", "--snmp", f"127.0.0.1:{snmp_sim.port}", "--units", "0", "--json", "--timeout", "1"])
    out, err = capsys.readouterr()
    assert code == 1 and "current_l2, humidity" in err
    assert "partial SNMP answer" in out  # the unit's "faults" in the JSON
