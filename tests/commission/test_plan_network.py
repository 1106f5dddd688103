"""A networked master's ``network`` and ``snmp_setup`` in a plan (issue 16): parsed to
canonical values, kept by the file form, refused with the file, line and key, checked
across the plan, and turned into the Telnet menus' setting keys for provisioning."""

import pytest

from bps_commissioner.device.plan import PlanError, parse_plan
from bps_commissioner.device.plan_network import PlannedNetwork, PlannedSnmp, provisioning_values

GOOD = """{
  "site": "DC Warsaw 2", "customer": "ACME", "engineer": "Jan",
  "links": [{"snmp": "192.168.0.163"}, {"serial": "COM5"}, {"tcp": "10.20.0.30"}],
  "units": [
    {"address": 0, "name": "PDU-A",
     "network": {"address": "10.20.0.11/24", "gateway": "10.20.0.1", "dns": "10.20.0.2", "http_port": 8080},
     "snmp_setup": {"agent": true, "read_community": "mon-ro-7", "trap1": "10.20.0.50"}},
    {"address": 1, "link": 1, "host": "192.168.0.163",
     "network": {"address": " 10.20.0.12 ", "mask": "255.255.255.0"}, "snmp_setup": {"agent": false}},
    {"address": 2, "link": 1},
    {"address": 1, "link": 2, "network": {"address": "10.20.0.13/16"}}
  ]
}
"""


def test_a_plan_with_network_blocks_parses_to_canonical_values_and_round_trips():
    plan = parse_plan(GOOD, "plan.json")
    master = plan.unit(0, 0)
    assert master.network == PlannedNetwork("10.20.0.11", "255.255.255.0", "10.20.0.1", "10.20.0.2", 8080)
    assert master.snmp_setup == PlannedSnmp(True, "mon-ro-7", "10.20.0.50")
    second = plan.unit(1, 1)
    assert second.network == PlannedNetwork("10.20.0.12", "255.255.255.0")
    assert second.snmp_setup == PlannedSnmp(agent=False)
    assert plan.unit(1, 2).network is None and plan.unit(1, 2).snmp_setup is None
    assert plan.unit(2, 1).network.mask == "255.255.0.0"
    again = parse_plan(plan.to_json(), "plan.json")
    assert again == plan
    assert again.unit(1, 1).to_dict()["network"] == {"address": "10.20.0.12/24"}


def test_provisioning_values_are_the_telnet_menus_keys():
    plan = parse_plan(GOOD, "plan.json")
    assert provisioning_values(plan.unit(0, 0)) == {
        "network.address": "10.20.0.11", "network.mask": "255.255.255.0", "network.gateway": "10.20.0.1",
        "network.dns": "10.20.0.2", "http.port": "8080", "snmp.agent": "enable",
        "snmp.read_community": "mon-ro-7", "snmp.trap1": "10.20.0.50"}
    assert provisioning_values(plan.unit(1, 1)) == {
        "network.address": "10.20.0.12", "network.mask": "255.255.255.0", "snmp.agent": "disable"}
    assert provisioning_values(plan.unit(1, 2)) == {}
    from bps_commissioner.device.telnet_menus import DEFAULT_TABLE
    assert set(provisioning_values(plan.unit(0, 0))) <= set(DEFAULT_TABLE.keys)


def _unit(index_line: str) -> str:
    return ('{"site": "x", "links": [{"snmp": "192.168.0.163"}, {"serial": "COM5"}],\n'
            ' "units": [\n' + index_line + "\n ]}\n")


@pytest.mark.parametrize("unit, line, key, message", [
    ('  {"address": 0, "network": {"address": "10.20.0.11/33"}}', 3, "units[0].network.address",
     "/33 is not a prefix length 8..30"),
    ('  {"address": 0, "network": {"address": "10.20.0.311/24"}}', 3, "units[0].network.address",
     "is not an IPv4 address"),
    ('  {"address": 0, "network": {"address": "10.20.0.11"}}', 3, "units[0].network.address", "has no prefix"),
    ('  {"address": 0, "network": {"gateway": "10.20.0.1"}}', 3, "units[0].network", 'has no "address"'),
    ('  {"address": 0, "network": {"address": "10.20.0.11", "mask": "255.0.255.0"}}', 3, "units[0].network.mask",
     "not contiguous"),
    ('  {"address": 0, "network": {"address": "10.20.0.11/24", "dns": "dns.example"}}', 3, "units[0].network.dns",
     "is not an IPv4 address"),
    ('  {"address": 0, "network": {"address": "10.20.0.11/24", "http_port": 70000}}', 3,
     "units[0].network.http_port", "70000 is not a TCP port (1..65535)"),
    ('  {"address": 0, "network": {"address": "10.20.0.11/24", "gateway": "10.20.1.1"}}', 3,
     "units[0].network.gateway", "outside the subnet 10.20.0.0/24"),
    ('  {"address": 0, "network": {"address": "10.20.0.11/24", "gateway": "10.20.0.255"}}', 3,
     "units[0].network.gateway", "network or broadcast address"),
    ('  {"address": 0, "network": {"address": "10.20.0.255/24"}}', 3, "units[0].network.address",
     "broadcast address"),
    ('  {"address": 0, "network": {"address": "10.20.0.11/24", "vlan": 3}}', 3, "units[0].network.vlan",
     "unknown key"),
    ('  {"address": 0, "network": "10.20.0.11/24"}', 3, "units[0].network", "must be an object"),
    ('  {"address": 0, "snmp_setup": {"agent": "yes"}}', 3, "units[0].snmp_setup.agent", "is not true or false"),
    ('  {"address": 0, "snmp_setup": {"read_community": ""}}', 3, "units[0].snmp_setup.read_community",
     "must not be empty"),
    ('  {"address": 0, "snmp_setup": {"read_community": "mon ro"}}', 3, "units[0].snmp_setup.read_community",
     "printable ASCII"),
    ('  {"address": 0, "snmp_setup": {"trap1": "10.20.0"}}', 3, "units[0].snmp_setup.trap1",
     "is not an IPv4 address"),
    ('  {"address": 0, "snmp_setup": {"write_community": "w"}}', 3, "units[0].snmp_setup.write_community",
     "come from the environment or a prompt"),
    ('  {"address": 0, "network": {"address": "10.20.0.11/24", "password": "x"}}', 3,
     "units[0].network.password", "come from the environment or a prompt"),
    ('  {"address": 0, "write_community": "w"}', 3, "units[0].write_community",
     "come from the environment or a prompt"),
    ('  {"address": 1, "network": {"address": "10.20.0.11/24"}}', 3, "units[0].network",
     "is for a networked master"),
    ('  {"address": 1, "link": 1, "snmp_setup": {"agent": true}}', 3, "units[0].snmp_setup",
     "is for a networked master"),
])
def test_each_bad_value_is_named_with_file_line_and_key(unit, line, key, message):
    with pytest.raises(PlanError) as exc:
        parse_plan(_unit(unit), "plan.json")
    assert [(p.line, p.key) for p in exc.value.problems] == [(line, key)]
    assert message in str(exc.value) and str(exc.value).startswith(f"plan.json:{line}: {key}: ")


def test_every_problem_of_the_blocks_is_listed_at_once():
    text = _unit('  {"address": 0, "network": {"address": "10.20.0.11/33", "dns": "x", "password": "p"},\n'
                 '   "snmp_setup": {"agent": 1, "trap1": "1.2.3", "write_community": "w"}}')
    with pytest.raises(PlanError) as exc:
        parse_plan(text, "plan.json")
    assert sorted((p.line, p.key) for p in exc.value.problems) == [
        (3, "units[0].network.address"), (3, "units[0].network.dns"), (3, "units[0].network.password"),
        (4, "units[0].snmp_setup.agent"), (4, "units[0].snmp_setup.trap1"),
        (4, "units[0].snmp_setup.write_community")]


DUPLICATE = """{"site": "x", "links": [{"snmp": "10.0.0.1"}, {"snmp": "10.0.0.2"}, {"serial": "COM5"}],
 "units": [
  {"address": 0, "network": {"address": "10.20.0.11/24"}},
  {"address": 0, "link": 1, "network": {"address": "10.20.0.11", "mask": "255.255.0.0"}},
  {"address": 3, "link": 2, "host": "192.168.0.163", "network": {"address": "10.20.0.12/24", "gateway": "10.30.0.1"}}
 ]}
"""


def test_an_address_planned_twice_and_a_gateway_outside_its_subnet_are_refused():
    with pytest.raises(PlanError) as exc:
        parse_plan(DUPLICATE, "plan.json")
    problems = {(p.line, p.key): p.reason for p in exc.value.problems}
    assert set(problems) == {(4, "units[1].network.address"), (5, "units[2].network.gateway")}
    assert "10.20.0.11 is planned for units[0] too" in problems[(4, "units[1].network.address")]
    assert "outside the subnet 10.20.0.0/24" in problems[(5, "units[2].network.gateway")]


def test_plan_check_exit_codes(tmp_path, capsys):
    from bps_commissioner.cli import main

    good = tmp_path / "good.json"
    good.write_text(GOOD, encoding="utf-8")
    assert main(["plan", "check", str(good)]) == 0
    out = capsys.readouterr().out
    assert "network 10.20.0.11/24 via 10.20.0.1, DNS 10.20.0.2, HTTP port 8080" in out
    assert "SNMP agent on, read community mon-ro-7, trap 1 to 10.20.0.50" in out
    bad = tmp_path / "bad.json"
    bad.write_text(DUPLICATE, encoding="utf-8")
    assert main(["plan", "check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "2 problems:" in err and "bad.json:4: units[1].network.address: 10.20.0.11 is planned" in err
    assert "bad.json:5: units[2].network.gateway: the gateway 10.30.0.1 is outside" in err
    secret = tmp_path / "secret.json"
    secret.write_text(_unit('  {"address": 0, "snmp_setup": {"write_community": "w"}}'), encoding="utf-8")
    assert main(["plan", "check", str(secret)]) == 2
    err = capsys.readouterr().err
    assert "units[0].snmp_setup.write_community: passwords and the SNMP write community never go" in err
    assert "Traceback" not in err
