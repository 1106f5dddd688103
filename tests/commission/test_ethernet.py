"""A plan with an SNMP link (a master and its slaves), the firmware read over the master's
Telnet CLI and the security findings, against the SNMP and Telnet simulators."""

import json

import pytest

from bps_commissioner.cli import main
from bps_commissioner.services.commission import FAIL, MISSING, OK, PASS, UNEXPECTED, WARN, CommissionOptions, \
    load_plan_file, run_commission
from bps_commissioner.simulator.snmp import SnmpSimulator, build_snmp_chain
from bps_commissioner.simulator.telnet import TelnetSimulator

PASSWORD = "Tel-Pass-8813"


@pytest.fixture
def units():
    return build_snmp_chain(2, seed=9)  # master (T/H probe), slave 1 (+ SensorBox), slave 2 (32 A, no probes)


@pytest.fixture
def agent(units):
    sim = SnmpSimulator(units, "127.0.0.1", 0, community="rack-a12-ro").start()
    yield sim
    sim.stop()


@pytest.fixture
def telnet(units):
    sim = TelnetSimulator(units, "127.0.0.1", 0, account="bkt", password=PASSWORD).start()
    yield sim
    sim.stop()


def snmp_plan(agent, telnet, firmware="2.0.5-C", **link):
    return {"site": "Rack C", "links": [{"snmp": f"127.0.0.1:{agent.port}", "community": "rack-a12-ro",
                                         "timeout": 1, "retries": 0, **link}],
            "units": [{"address": 0, "name": "master", "phases": 3, "probes": ["temperature", "humidity"],
                       "firmware": firmware, "host": f"127.0.0.1:{telnet.port}", "telnet_user": "bkt"},
                      {"address": 1, "name": "slave 1", "phases": 3},
                      {"address": 3, "name": "slave 3"}]}


def checks_of(result, address):
    return {c.check: c for u in result.units if u.address == address for c in u.checks}


def test_snmp_chain_firmware_over_telnet_and_security(agent, telnet, write_plan, monkeypatch, capsys):
    monkeypatch.setenv("BPS_TELNET_PASSWORD", PASSWORD)
    plan = load_plan_file(write_plan(snmp_plan(agent, telnet)))
    result = run_commission(plan)
    assert [(u.address, u.status) for u in result.units] == [(0, OK), (1, OK), (2, UNEXPECTED), (3, MISSING)]
    master = checks_of(result, 0)
    assert (master["firmware"].result, master["firmware"].detail) == (PASS, "2.0.5-C, as planned")
    assert "alarms" not in master and "crc" not in master  # not in the SNMP object table / not a serial bus
    assert master["reachable"].detail == "answered over SNMP"
    # v2c with the site's own community: cleartext warns; Telnet enabled warns; no factory login
    assert {(k, c.result) for k, c in master.items() if k.startswith("security")} == {
        ("security_snmp-cleartext", WARN), ("security_telnet-cleartext", WARN)}
    assert result.units[0].firmware == "2.0.5-C"
    # a newer firmware planned: the check fails and says what is installed
    plan = load_plan_file(write_plan(snmp_plan(agent, telnet, firmware="2.0.6-C")))
    failed = run_commission(plan)
    assert failed.units[0].status == "failed"
    assert checks_of(failed, 0)["firmware"].detail == "2.0.5-C is installed, planned 2.0.6-C"
    assert PASSWORD not in json.dumps(failed.to_dict())


def test_factory_login_fails_the_unit_and_telnet_off_passes_security(agent, units, write_plan, monkeypatch):
    factory = TelnetSimulator(units, "127.0.0.1", 0).start()  # admin/admin
    try:
        monkeypatch.setenv("BPS_TELNET_PASSWORD", "admin")
        doc = snmp_plan(agent, factory)
        doc["units"][0]["telnet_user"] = "admin"
        result = run_commission(load_plan_file(write_plan(doc)))
        master = checks_of(result, 0)
        assert master["security_telnet-factory-credentials"].result == FAIL
        assert result.units[0].status == "failed"
        port = factory.port
    finally:
        factory.stop()
    # Telnet switched off (the port refuses): security passes on that point, the firmware cannot be read
    doc = snmp_plan(agent, factory)
    doc["units"][0]["host"] = f"127.0.0.1:{port}"
    result = run_commission(load_plan_file(write_plan(doc)))
    master = checks_of(result, 0)
    assert (master["security_telnet"].result, master["security_telnet"].detail) == \
        (PASS, "Telnet is off (the connection is refused)")
    assert master["firmware"].result == FAIL and master["firmware"].detail.startswith("cannot be read over Telnet")


def test_no_password_means_the_firmware_is_not_read_and_nothing_is_prompted(agent, telnet, write_plan):
    result = run_commission(load_plan_file(write_plan(snmp_plan(agent, telnet))),
                            CommissionOptions(interactive=False))
    firmware = checks_of(result, 0)["firmware"]
    assert firmware.result == FAIL and "BPS_TELNET_PASSWORD" in firmware.detail


def test_an_unreachable_agent_fails_the_planned_units_with_the_reason(write_plan, agent, telnet, capsys):
    doc = snmp_plan(agent, telnet)
    doc["links"][0]["community"] = "wrong"
    code = main(["commission", str(write_plan(doc)), "--json"])
    out = capsys.readouterr().out
    assert code == 1
    units = json.loads(out)["units"]
    assert [(u["address"], u["status"]) for u in units] == [(0, "failed"), (1, "failed"), (3, "failed")]
    assert units[0]["checks"][0]["detail"].startswith("the link could not be used: ")
