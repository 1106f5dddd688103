"""The pure rules of a master's set-up (issue 16): the dialogue table, value checks, the
network as a whole, what changes, warnings and the laptop's subnet advice."""

from __future__ import annotations

import datetime
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bps_commissioner.device import provisioning as pv
from bps_commissioner.device import telnet_menus as tm

SCREEN_4 = """Network
IPv4 Address:192.168.23.103
IPv4 Subnet Mask:255.255.255.0
Gateway:192.168.23.2
DNS:8.8.8.8
Command:1.Set IPv4 Address 2.Set IPv4 Subnet Mask 3.Set Gateway 4.Set DNS 5
.Back
Command format: address:xxx.xxx.xxx.xxx
"""  # the manual's screenshot, its wrapped "5\n.Back" included

SCREEN_5 = """SNMP service
SNMP agent:Enable
Write community:private
Read community:public
Trap1 address:0.0.0.0
Command:1.Set agent 2.Set Write community 3.Set Read community 4.Set Trap1 address 5.Back
"""


def test_the_table_reads_the_manuals_screens():
    t = tm.DEFAULT_TABLE
    assert [t.item(k).read(SCREEN_4) for k in ("network.address", "network.mask", "network.gateway",
                                               "network.dns")] == ["192.168.23.103", "255.255.255.0",
                                                                   "192.168.23.2", "8.8.8.8"]
    assert [t.item(k).read(SCREEN_5) for k in ("snmp.agent", "snmp.write_community", "snmp.read_community",
                                               "snmp.trap1")] == ["Enable", "private", "public", "0.0.0.0"]
    assert t.item("clock").read("System clock: Date: 2019-01-23 Time: 10:37:34") == "2019-01-23 10:37:34"
    assert t.item("http.port").read("HTTP Settings\nHTTP port:80\n") == "80"
    assert t.item("network.address").read(SCREEN_5) is None


def test_the_table_renders_each_value_command():
    t = tm.DEFAULT_TABLE
    assert t.item("network.gateway").render("10.20.0.1") == "address:10.20.0.1"
    assert t.item("clock").render("2026-12-03 14:05:00") == "date 2026-12-03,time 14:05:00"
    assert t.item("password").render("new-pw", "old-pw") == "old:old-pw&new:new-pw&confirm:new-pw&"
    assert t.item("http.port").render("8080") == "port:8080"
    assert t.is_refusal("Command error!") and t.is_refusal("Invalid value!") and not t.is_refusal("OK")


def test_a_corrected_table_replaces_only_what_it_names():
    table = tm.load_table(json.dumps({"items": [{"key": "snmp.agent", "command": "agent {value}",
                                                 "select": "1"}], "refused": "nope"}), "fix.json")
    assert table.item("snmp.agent").render("enable") == "agent enable"
    assert table.item("network.address") == tm.DEFAULT_TABLE.item("network.address")
    assert table.is_refusal("nope!") and not table.is_refusal("Command error!")
    # the shipped table written out reads back the same
    assert tm.load_table(tm.table_to_json()).items == tm.DEFAULT_TABLE.items


@pytest.mark.parametrize("doc, named", [
    ({"items": [{"key": "network.adress"}]}, "network.adress"),
    ({"items": [{"key": "http.port", "pattern": "("}]}, "not a regular expression"),
    ({"items": [{"key": "http.port", "pattern": "HTTP port"}]}, "group"),
    ({"items": [{"key": "http.port", "kind": "text"}]}, "cannot change"),
    ({"items": [{"key": "http.port", "applies": "later"}]}, "applies"),
    ({"items": [{"key": "http.port", "menu": 11}]}, "menu"),
    ({"items": [{"key": "http.port", "colour": 1}]}, "colour"),
    ({"items": [{"key": "http.port"}, {"key": "http.port"}]}, "twice"),
    ({"refused": "("}, "refused"),
    ([], "object"),
])
def test_a_bad_table_file_is_refused_naming_the_entry(doc, named):
    with pytest.raises(tm.TableError, match=named):
        tm.load_table(json.dumps(doc), "fix.json")


@pytest.mark.parametrize("kind, text, value", [
    (tm.IPV4, " 10.20.0.11 ", "10.20.0.11"),
    (tm.MASK, "255.255.240.0", "255.255.240.0"),
    (tm.PORT, "8080", "8080"),
    (tm.AGENT, "Enable", "enable"),
    (tm.AGENT, "disabled", "disable"),
    (tm.COMMUNITY, "mon-ro-7", "mon-ro-7"),
    (tm.CLOCK, "2026-12-03  14:05:00", "2026-12-03 14:05:00"),
])
def test_canonical_values(kind, text, value):
    assert pv.canonical(kind, text) == value


@pytest.mark.parametrize("kind, text", [
    (tm.IPV4, "10.20.0"), (tm.IPV4, "10.20.0.256"), (tm.IPV4, "１０.20.0.1"), (tm.IPV4, ""),
    (tm.MASK, "255.0.255.0"), (tm.MASK, "0.0.0.0"), (tm.MASK, "255.255.255.255"),
    (tm.PORT, "0"), (tm.PORT, "65536"), (tm.PORT, "8_080"), (tm.PORT, "٨٠"),
    (tm.AGENT, "maybe"), (tm.COMMUNITY, ""), (tm.COMMUNITY, "pub lic"), (tm.COMMUNITY, "a&b"),
    (tm.COMMUNITY, "x" * 33), (tm.COMMUNITY, "publiczność"), (tm.TEXT, "x" * 31), (tm.TEXT, "a&b"),
    (tm.CLOCK, "2026-02-30 10:00:00"), (tm.COUNT, "11"),
])
def test_values_refused(kind, text):
    with pytest.raises(pv.ValueProblem):
        pv.canonical(kind, text)


@given(st.text(max_size=20))
def test_canonical_either_accepts_or_names_the_problem(text):
    for kind in (tm.IPV4, tm.MASK, tm.PORT, tm.COMMUNITY, tm.AGENT, tm.TEXT, tm.CLOCK, tm.COUNT):
        try:
            value = pv.canonical(kind, text, "--x")
        except pv.ValueProblem as exc:
            assert "--x" in str(exc)
        else:
            assert pv.canonical(kind, value) == value  # canonical is stable


@pytest.mark.parametrize("address, mask, gateway, named", [
    ("10.20.0.0", "255.255.255.0", None, "network address"),
    ("10.20.0.255", "255.255.255.0", None, "broadcast address"),
    ("10.20.1.255", "255.255.254.0", None, "broadcast address"),
    ("0.0.0.0", "255.255.255.0", None, "not a host address"),
    ("239.1.1.1", "255.255.255.0", None, "multicast"),
    ("10.20.0.11", "255.255.255.0", "10.20.1.1", "outside the subnet"),
    ("10.20.0.11", "255.255.255.0", "10.20.0.255", "broadcast"),
    ("10.20.0.11", "255.255.255.0", "10.20.0.11", "own address"),
])
def test_network_problems(address, mask, gateway, named):
    problems = pv.check_network(address, mask, gateway)
    assert len(problems) == 1 and named in problems[0]


def test_a_good_network_and_no_gateway_pass():
    assert pv.check_network("10.20.0.11", "255.255.255.0", "10.20.0.1") == []
    assert pv.check_network("10.20.1.0", "255.255.254.0", pv.NO_ADDRESS) == []  # a host of a /23
    assert pv.check_network("127.0.0.21", "255.255.255.0", "127.0.0.1") == []  # the simulator's loopback


def test_the_network_is_checked_as_it_will_be():
    current = {"network.address": "10.20.0.11", "network.mask": "255.255.255.0", "network.gateway": "10.20.0.1"}
    wanted, problems = pv.wanted_from({"network.address": "10.30.0.11"})
    assert problems == []
    merged = pv.merged_network_problems(current, wanted)
    assert merged and "10.20.0.1" in merged[0] and "outside" in merged[0]
    assert pv.merged_network_problems(current, pv.wanted_from({"snmp.trap1": "1.2.3.4"})[0]) == []


def test_changes_skip_what_the_unit_already_shows():
    current = {"network.address": "10.20.0.11", "snmp.agent": "Enable", "snmp.read_community": "public",
               "http.port": "80"}
    wanted, _ = pv.wanted_from({"network.address": "10.20.0.11", "snmp.agent": "enable",
                                "snmp.read_community": "mon-ro", "http.port": "8080"})
    changes = pv.compute_changes(current, wanted)
    assert [(c.key, c.old, c.new, c.applies) for c in changes] == [
        ("snmp.read_community", "public", "mon-ro", "now"), ("http.port", "80", "8080", "restart")]
    assert changes[1].line() == "http.port: 80 -> 8080 (at restart)"


def test_a_secret_change_never_shows_its_values():
    change = pv.Change("smtp.password", "old-secret", "new-secret", secret=True)
    assert "secret" not in change.line() and "secret" not in json.dumps(change.to_dict())


@pytest.mark.parametrize("password, ok", [("Str0ng-pass", True), ("a&b", False), ("a:b", False),
                                          ("zażółć", False), ("with space", False), ("", False)])
def test_passwords_the_menu_can_carry(password, ok):
    if ok:
        pv.check_password(password)
    else:
        with pytest.raises(pv.ValueProblem) as exc:
            pv.check_password(password)
        assert password == "" or password not in str(exc.value)


def test_warnings():
    factory = {"snmp.agent": "Enable", "snmp.read_community": "public", "snmp.write_community": "private",
               "snmp.trap1": "10.0.0.5"}
    text = " ".join(pv.warnings_for(factory, password_length=5))
    assert "public" in text and "private" in text and "cleartext" in text and "5 characters" in text
    assert pv.warnings_for({**factory, "snmp.agent": "Disable"}) == []


def test_clock_skew():
    laptop = datetime.datetime(2026, 12, 3, 14, 5, 0, 400000)
    assert pv.clock_skew("2026-12-03 13:05:00", laptop) == -3600
    assert pv.clock_skew("garbage", laptop) is None and pv.clock_skew(None, laptop) is None


def test_subnet_advice_names_the_commands():
    assert pv.subnet_advice("192.168.0.163", "192.168.0.20") is None
    text = pv.subnet_advice("192.168.0.163", "10.1.2.3")
    assert "netsh interface ipv4 add address" in text and "192.168.0.200 255.255.255.0" in text
    assert "ip addr add 192.168.0.200/24" in text and "192.168.0.0/24" in text
    assert pv.helper_address("192.168.0.200") == "192.168.0.201"


def test_security_state():
    state = pv.security_state({"network.address": "10.20.0.11", "snmp.agent": "Enable",
                               "snmp.read_community": "mon", "snmp.write_community": "private"},
                              password_changed=True, skew_s=2.0)
    assert state["address"] == "10.20.0.11" and state["snmp_agent"] == "enable"
    assert state["communities_changed"] is False and state["password_changed"] is True
