"""Any line typed into the simulated master's settings menus (4-7): the session goes on, and
a value the unit does not answer "OK" to changes nothing (Hypothesis, bounded)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bps_commissioner.simulator import build_chain
from bps_commissioner.simulator.telnet import TelnetSimulator
from tests.simulator.telnet_client import RawTelnet

BACK = {"4": "5", "5": "5", "6": "2", "7": "8"}
ATTRIBUTES = ("address", "mask", "gateway", "dns", "snmp_agent", "write_community", "read_community", "trap1",
              "http_port", "smtp_account", "smtp_password", "smtp_server", "smtp_port", "smtp_number", "smtp_time",
              "smtp_recipient", "account", "password")
KEYWORDS = ("address", "agent", "community", "port", "account", "password", "server", "number", "time",
            "recipient")


@pytest.fixture(scope="module")
def cli():
    sim = TelnetSimulator(list(build_chain([1], seed=3)), "127.0.0.1", 0, idle_timeout=10).start()
    yield sim
    sim.stop()


def snapshot(state):
    return {name: getattr(state, name) for name in ATTRIBUTES}


value_lines = st.one_of(
    st.text(st.characters(min_codepoint=32, max_codepoint=255), max_size=40),
    st.builds(lambda k, sep, v: f"{k}{sep}{v}", st.sampled_from(KEYWORDS), st.sampled_from([":", " : ", "", "::"]),
              st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=24)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(menu=st.sampled_from(sorted(BACK)), item=st.sampled_from(["1", "2", "3", "4", "5", "6", "7", "9", "x", ""]),
       line=value_lines)
def test_any_line_in_a_settings_menu(cli, menu, item, line):
    before = snapshot(cli.state)
    with RawTelnet("127.0.0.1", cli.port) as t:
        t.login()
        t.cmd(menu)
        if item and item != BACK[menu]:
            t.cmd(item)
        reply = t.cmd(line.strip() or "x")
        if not reply.lstrip().startswith("OK"):
            assert snapshot(cli.state) == before, reply
        t.cmd(BACK[menu])
        assert "11.Logout" in t.cmd("4") + t.cmd(BACK["4"])  # the session goes on
