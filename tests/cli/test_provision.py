"""``provision`` against the simulated master over real sockets (issue 16): --show, a full
provision ending verified at the new address with the new password, a re-run that changes
nothing, refused values and a taken address with nothing sent, a value the unit does not
show stopping everything, plans with --unit and --all, and no password anywhere."""

from __future__ import annotations

import json
import socket
import threading

import pytest

from bps_commissioner.cli import main
from bps_commissioner.device.telnet_menus import table_to_json
from bps_commissioner.simulator.network_master import SimulatedNetworkMaster

FACTORY = "127.0.0.163"
NEW = "127.0.0.21"
NEW_PASSWORD = "Rack-A12-pw9"  # what must never show up
READ_COMMUNITY = "mon-ro-7"


@pytest.fixture
def env(monkeypatch, tmp_path):
    monkeypatch.setenv("BPS_TELNET_PASSWORD", "admin")
    monkeypatch.setenv("PDU_NEW_PW", NEW_PASSWORD)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    return tmp_path


@pytest.fixture
def master():
    m = SimulatedNetworkMaster(FACTORY, reboot_s=0.3)
    yield m
    m.stop()


def run(capsys, tmp_path, *argv):
    log = tmp_path / "tool.log"
    try:
        code = main(["--log-file", str(log), "provision", *argv, "--audit-log", str(tmp_path / "audit.jsonl")])
    except SystemExit as exc:  # a usage error
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def ports(m):
    return ["--telnet-port", str(m.telnet_port), "--modbus-port", str(m.modbus_port)]


FULL = ["--address", NEW, "--mask", "255.255.255.0", "--gateway", "127.0.0.1", "--dns", "127.0.0.53",
        "--http-port", "8080", "--set-clock", "--new-password-env", "PDU_NEW_PW", "--snmp-agent", "enable",
        "--read-community", READ_COMMUNITY, "--write-community", "mon-rw-7", "--trap1", "127.0.0.50",
        "--restart", "--restart-timeout", "15", "--yes"]


def test_show_json_lists_every_setting(env, master, capsys):
    code, out, err = run(capsys, env, "--host", FACTORY, *ports(master), "--show", "--json")
    assert code == 0, err
    doc = json.loads(out)
    settings = doc["settings"]
    assert settings["network.address"] == FACTORY and settings["network.mask"] == "255.255.255.0"
    assert settings["snmp.read_community"] == "public" and settings["snmp.write_community"] == "private"
    assert settings["http.port"] == "80" and settings["smtp.port"] == "25"
    assert set(settings) >= {"clock", "network.gateway", "network.dns", "snmp.agent", "snmp.trap1", "smtp.server",
                             "smtp.account", "smtp.recipient", "smtp.password"}
    assert doc["user"] == "admin" and abs(doc["clock_skew_s"]) <= 2
    assert any("public" in w for w in doc["warnings"])


def test_show_masks_the_smtp_password(env, master, capsys):
    master.settings.smtp_password = "mail-secret-5"
    code, out, err = run(capsys, env, "--host", FACTORY, *ports(master), "--show")
    assert code == 0, err
    assert "mail-secret-5" not in out + err and "********" in out


def test_a_full_provision_ends_verified_at_the_new_address_with_the_new_password(env, master, capsys):
    master.settings.clock_offset_s = -3600.0  # an hour behind
    code, out, err = run(capsys, env, "--host", FACTORY, *ports(master), *FULL)
    assert code == 0, err
    assert f"{NEW}: verified" in out
    assert master.host == NEW and master.restarts == 1
    s = master.settings
    assert (s.address, s.mask, s.gateway, s.dns) == (NEW, "255.255.255.0", "127.0.0.1", "127.0.0.53")
    assert (s.read_community, s.write_community, s.trap1, s.http_port) == (READ_COMMUNITY, "mon-rw-7",
                                                                            "127.0.0.50", 8080)
    assert s.password == NEW_PASSWORD and abs(s.clock_offset_s) < 3
    # the moved master answers Modbus TCP at the new address, the old one is gone
    with socket.create_connection((NEW, master.modbus_port), 2):
        pass
    with pytest.raises(OSError):
        socket.create_connection((FACTORY, master.telnet_port), 0.5).close()
    audit = [json.loads(line) for line in (env / "audit.jsonl").read_text().splitlines()]
    intents = {e["setting"]: e for e in audit if e["event"] == "intent"}
    assert set(intents) >= {"clock", "password", "network.address", "network.dns", "snmp.read_community",
                            "snmp.write_community", "snmp.trap1", "http.port", "restart"}
    assert intents["network.address"]["old"] == FACTORY and intents["network.address"]["new"] == NEW
    outcomes = {e["intent"]: e for e in audit if e["event"] == "outcome"}
    assert all(outcomes[i["id"]]["outcome"] == "applied" for i in intents.values())
    # no password in any output, log or audit line
    everything = out + err + (env / "audit.jsonl").read_text() + (env / "tool.log").read_text()
    assert NEW_PASSWORD not in everything and "admin&" not in everything
    # the new communities are secrets too: not in the log or the audit log
    kept = (env / "audit.jsonl").read_text() + (env / "tool.log").read_text()
    assert READ_COMMUNITY not in kept and "mon-rw-7" not in kept
    assert intents["snmp.write_community"]["old"] == "private" and intents["snmp.write_community"]["new"] == "(hidden)"


def test_a_rerun_with_the_same_settings_changes_nothing(env, master, capsys, monkeypatch):
    code, out, err = run(capsys, env, "--host", FACTORY, *ports(master), *FULL)
    assert code == 0, err
    monkeypatch.setenv("BPS_TELNET_PASSWORD", NEW_PASSWORD)
    sent = len(master.settings.commands)
    code, out, err = run(capsys, env, "--host", NEW, *ports(master), *FULL[:-6], "--restart", "--yes")
    assert code == 0, err
    assert "nothing to change" in out and master.restarts == 1
    typed = master.settings.commands[sent:]
    assert not any(":" in c for c in typed), typed  # menus read, no value sent


@pytest.mark.parametrize("option, value, named", [
    ("--address", "0.0.0.0", "not a host address"),
    ("--address", "127.0.0.0", "network address"),
    ("--address", "127.0.0.255", "broadcast address"),
    ("--address", "224.0.0.5", "multicast"),
    ("--address", "10.20.0.300", "not an IPv4 address"),
    ("--mask", "255.0.255.0", "not contiguous"),
    ("--gateway", "10.9.9.1", "outside the subnet"),
    ("--trap1", "trap-host", "not an IPv4 address"),
    ("--http-port", "70000", "1 to 65535"),
    ("--read-community", "", "empty"),
    ("--read-community", "publiczność", "printable ASCII"),
])
def test_bad_values_are_refused_with_nothing_sent(env, master, capsys, option, value, named):
    args = ["--address", NEW, "--mask", "255.255.255.0", "--gateway", "127.0.0.1", option, value, "--yes"]
    code, out, err = run(capsys, env, "--host", FACTORY, *ports(master), *args)
    assert code == 2
    assert named in err and option in err
    assert master.settings.connections == 0  # not even a connection


@pytest.mark.parametrize("password", ["has&amp", "has:colon", "zażółć123"])
def test_a_password_the_menu_cannot_carry_is_refused_before_login(env, master, capsys, monkeypatch, password):
    monkeypatch.setenv("PDU_NEW_PW", password)
    code, out, err = run(capsys, env, "--host", FACTORY, *ports(master), "--new-password-env", "PDU_NEW_PW", "--yes")
    assert code == 2 and "password" in err and password not in err
    assert master.settings.connections == 0


def test_no_terminal_and_no_yes_is_refused(env, master, capsys):
    code, out, err = run(capsys, env, "--host", FACTORY, *ports(master), "--read-community", READ_COMMUNITY)
    assert code == 2 and "--yes" in err and master.settings.connections == 0


def test_an_address_something_answers_at_is_refused(env, master, capsys):
    squatter = socket.socket()
    squatter.bind((NEW, master.telnet_port))
    squatter.listen()
    try:
        code, out, err = run(capsys, env, "--host", FACTORY, *ports(master), "--address", NEW, "--gateway",
                             "127.0.0.1", "--read-community", READ_COMMUNITY, "--restart", "--yes")
    finally:
        squatter.close()
    assert code == 2, err
    assert f"{NEW} is taken" in err and f"Telnet port {master.telnet_port}" in err
    assert master.settings.address == FACTORY and master.settings.read_community == "public"
    assert not any(":" in c for c in master.settings.commands)


def test_a_value_the_unit_does_not_show_stops_everything(env, master, capsys):
    # a dialogue table that chooses the wrong item: the unit sets the write community, and
    # its screen does not show the read community asked for
    table = json.loads(table_to_json())
    for item in table["items"]:
        if item["key"] == "snmp.read_community":
            item["select"] = "2"
    path = env / "dialogue.json"
    path.write_text(json.dumps(table))
    code, out, err = run(capsys, env, "--host", FACTORY, *ports(master), "--dialogue", str(path),
                         "--read-community", READ_COMMUNITY, "--trap1", "127.0.0.50", "--yes")
    assert code == 1
    assert "snmp.read_community" in err and "raw Telnet dialogue" in err and "Please enter the command" in err
    assert master.settings.trap1 == "0.0.0.0"  # the next change was not sent
    audit = [json.loads(line) for line in (env / "audit.jsonl").read_text().splitlines()]
    assert [e["outcome"] for e in audit if e["event"] == "outcome"] == ["refused"]


def test_a_corrected_dialogue_table_is_checked(env, capsys):
    path = env / "dialogue.json"
    path.write_text(json.dumps({"items": [{"key": "network.address", "pattern": "no group here"}]}))
    code, out, err = run(capsys, env, "--host", FACTORY, "--dialogue", str(path), "--show")
    assert code == 2 and "network.address" in err and "group" in err


PLAN = """{
  "site": "DC Warsaw 2", "customer": "ACME", "engineer": "Jan",
  "links": [{"tcp": "127.0.0.21"}, {"tcp": "127.0.0.22"}],
  "units": [
    {"address": 1, "link": 0, "name": "PDU-A12-L", "host": "127.0.0.21",
     "network": {"address": "127.0.0.21/24", "gateway": "127.0.0.1"},
     "snmp_setup": {"agent": true, "read_community": "mon-ro-7", "trap1": "127.0.0.50"}},
    {"address": 1, "link": 1, "name": "PDU-A12-R", "host": "127.0.0.22",
     "network": {"address": "127.0.0.22/24", "gateway": "127.0.0.1"},
     "snmp_setup": {"read_community": "mon-ro-8"}}
  ]
}"""


def test_plan_all_provisions_two_masters_one_after_another(env, capsys):
    plan = env / "plan.json"
    plan.write_text(PLAN)
    first = SimulatedNetworkMaster(FACTORY, reboot_s=0.3)
    second: list[SimulatedNetworkMaster] = []

    def cable_the_second():  # the engineer plugs the next master in once the first has moved
        first.wait_up(20)
        for _ in range(200):
            if first.host != FACTORY:
                break
            threading.Event().wait(0.05)
        second.append(SimulatedNetworkMaster(FACTORY, telnet_port=first.telnet_port,
                                             modbus_port=first.modbus_port, reboot_s=0.3))

    helper = threading.Thread(target=cable_the_second, daemon=True)
    helper.start()
    try:
        code, out, err = run(capsys, env, "--plan", str(plan), "--all", "--host", FACTORY, *ports(first), "--new-password-env",
                             "PDU_NEW_PW", "--yes", "--json", "--restart-timeout", "20")
        helper.join(5)
        assert code == 0, err
        lines = [json.loads(line) for line in out.splitlines()]
        assert [d.get("name") for d in lines[:2]] == ["PDU-A12-L", "PDU-A12-R"]
        assert all(d["verified"] for d in lines[:2])
        assert lines[-1]["summary"]["verified"] == ["PDU-A12-L", "PDU-A12-R"]
        assert first.host == "127.0.0.21" and second[0].host == "127.0.0.22"
        assert first.settings.read_community == "mon-ro-7" and second[0].settings.read_community == "mon-ro-8"
        assert second[0].settings.password == NEW_PASSWORD
        assert NEW_PASSWORD not in out + err + plan.read_text()
        # a second run finds both at their planned addresses and skips them
        code, out, err = run(capsys, env, "--plan", str(plan), "--all", "--host", FACTORY, *ports(first), "--yes", "--json")
        lines = [json.loads(line) for line in out.splitlines()]
        assert code == 0 and [d.get("skipped") for d in lines[:2]] == [True, True]
    finally:
        first.stop()
        for m in second:
            m.stop()


def test_plan_unit_takes_its_values_from_the_plan(env, master, capsys):
    plan = env / "plan.json"
    plan.write_text(PLAN)
    code, out, err = run(capsys, env, "--plan", str(plan), "--unit", "PDU-A12-L", "--host", FACTORY, *ports(master),
                         "--yes")
    assert code == 0, err
    assert master.host == NEW and master.settings.read_community == "mon-ro-7"
    assert master.settings.trap1 == "127.0.0.50"
    code, out, err = run(capsys, env, "--plan", str(plan), "--unit", "PDU-X", "--yes")
    assert code == 2 and "PDU-A12-L" in err


def test_factory_reset_needs_the_host_typed_again_and_is_audited(env, master, capsys, monkeypatch):
    import io

    import bps_commissioner.cli.provision as provision_cli

    code, out, err = run(capsys, env, "--host", FACTORY, *ports(master), *FULL)
    assert code == 0 and master.host == NEW, err
    monkeypatch.setenv("BPS_TELNET_PASSWORD", NEW_PASSWORD)
    monkeypatch.setattr(provision_cli, "at_terminal", lambda: True)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{FACTORY}\n"))  # not the host asked for
    code, out, err = run(capsys, env, "--host", NEW, *ports(master), "--factory-reset")
    assert code == 2 and "Not confirmed" in err and master.host == NEW
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{NEW}\n"))
    code, out, err = run(capsys, env, "--host", NEW, *ports(master), "--factory-reset", "--factory-address", FACTORY,
                         "--restart-timeout", "10")
    assert code == 0, err
    assert "back at 127.0.0.163" in out
    assert master.host == FACTORY and master.settings.password == "admin"
    assert master.settings.read_community == "public"
    audit = [json.loads(line) for line in (env / "audit.jsonl").read_text().splitlines()]
    reset = [e for e in audit if e.get("action") == "factory-reset"]
    assert len(reset) == 1 and reset[0]["old"] == NEW
    assert any(e.get("intent") == reset[0]["id"] and e["outcome"] == "applied" for e in audit)


def test_show_at_an_address_outside_the_laptops_subnet_says_how_to_add_one(env, capsys, monkeypatch):
    import bps_commissioner.services.provision as provision_service

    monkeypatch.setattr(provision_service.probe, "source_address", lambda host, port=23: "10.1.2.3")
    monkeypatch.setenv("BPS_TELNET_PASSWORD", "admin")
    # 192.0.2.1 (TEST-NET-1) is not routed here: the command warns, then the connection fails
    code, out, err = run(capsys, env, "--host", "192.0.2.1", "--show", "--timeout", "1")
    assert code == 1
    assert "no address in 192.0.2.0/24" in err and "netsh interface ipv4 add address" in err
    assert "ip addr add 192.0.2.200/24" in err


@pytest.mark.skipif(not hasattr(__import__("os"), "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize("answer, applied", [("no", False), ("yes", True)])
def test_at_a_terminal_the_changes_are_shown_and_asked(env, master, answer, applied):
    import os
    import subprocess
    import sys

    main_fd, term_fd = os.openpty()
    try:
        proc = subprocess.Popen([sys.executable, "-m", "bps_commissioner", "provision", "--host", FACTORY,
                                 *ports(master), "--read-community", READ_COMMUNITY, "--audit-log",
                                 str(env / "audit.jsonl")], stdin=term_fd, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env={**os.environ})
        os.write(main_fd, f"{answer}\n".encode())
        out, err = proc.communicate(timeout=60)
    finally:
        os.close(main_fd)
        os.close(term_fd)
    assert "snmp.read_community: public -> mon-ro-7" in err and "Type 'yes'" in err
    assert (proc.returncode == 0) is applied, out + err
    assert (master.settings.read_community == READ_COMMUNITY) is applied
    if not applied:
        assert "nothing was changed" in err and not any(":" in c for c in master.settings.commands)


def test_an_address_saved_without_restart_takes_effect_at_a_later_restart(env, master, capsys):
    code, out, err = run(capsys, env, "--host", FACTORY, *ports(master), "--address", NEW, "--gateway", "127.0.0.1",
                         "--yes")
    assert code == 0, err
    assert "take effect when the unit restarts" in out and master.host == FACTORY and master.restarts == 0
    code, out, err = run(capsys, env, "--host", FACTORY, *ports(master), "--restart", "--yes", "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["restarted"] and doc["verified"] and doc["final_host"] == NEW and master.host == NEW


def test_after_provisioning_the_commissioning_report_shows_the_new_state_and_no_password(env, capsys, tmp_path):
    import subprocess

    from bps_commissioner.services import secrets
    from bps_commissioner.services.commission import (
        CommissionOptions, csv_text, load_plan_file, run_commission,
    )
    from bps_commissioner.ui.report import write_pdf
    from tests.commission.conftest import pdftotext

    with SimulatedNetworkMaster(FACTORY, reboot_s=0.3, snmp=True) as m:
        code, out, err = run(capsys, env, "--host", FACTORY, *ports(m), *FULL)
        assert code == 0 and m.host == NEW, err
        plan = tmp_path / "plan.json"
        plan.write_text(json.dumps({
            "site": "Rack A12", "links": [{"snmp": f"{NEW}:{m.snmp_port}", "community": READ_COMMUNITY,
                                           "timeout": 1, "retries": 0}],
            "units": [{"address": 0, "name": "PDU-A12-L", "host": f"{NEW}:{m.telnet_port}"}]}))
        options = CommissionOptions(secret=lambda kind, user, host: secrets.Secret(NEW_PASSWORD, "environment"))
        result = run_commission(load_plan_file(plan), options)
    master = next(u for u in result.units if u.address == 0)
    state = master.network
    assert state["address"] == NEW and state["snmp_agent"] == "enable"
    assert state["password_changed"] is True and state["communities_changed"] is True
    assert abs(state["clock_skew_s"]) <= 3
    pdf = tmp_path / "report.pdf"
    write_pdf(result, pdf, "en")
    pdf_text = subprocess.run([pdftotext(), "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
    assert NEW in pdf_text
    for text in (pdf_text, csv_text(result), json.dumps(result.to_dict(), default=str), plan.read_text()):
        assert NEW_PASSWORD not in text


def test_a_transcript_keeps_every_session_with_the_passwords_hidden(env, master, capsys):
    transcript = env / "transcript.txt"
    code, out, err = run(capsys, env, "--host", FACTORY, *ports(master), *FULL, "--transcript", str(transcript))
    assert code == 0, err
    text = transcript.read_text()
    assert "Please enter the command:" in text and "address:127.0.0.21" in text
    assert text.count("--- end of the session with") == 2  # the first session and the one at the new address
    assert f"{NEW}:{master.telnet_port}" in text and "********" in text
    assert NEW_PASSWORD not in text and "old:admin" not in text


def test_a_connection_lost_in_the_middle_is_reported_unconfirmed(env, master, capsys):
    # the table's trap receiver item goes back to the main menu and types 11 (Logout): the
    # unit closes the connection in the middle of the set-up, as a unit that drops it would
    table = json.loads(table_to_json())
    for item in table["items"]:
        if item["key"] == "snmp.trap1":
            item.update(menu=9, select="2", command="11")
    path = env / "dialogue.json"
    path.write_text(json.dumps(table))
    code, out, err = run(capsys, env, "--host", FACTORY, *ports(master), "--dialogue", str(path),
                         "--read-community", READ_COMMUNITY, "--trap1", "127.0.0.50", "--yes")
    assert code == 1, err
    assert "Traceback" not in err
    assert master.settings.read_community == READ_COMMUNITY and master.settings.trap1 == "0.0.0.0"
    audit = [json.loads(line) for line in (env / "audit.jsonl").read_text().splitlines()]
    outcomes = {e["setting"]: e["outcome"] for e in audit if e["event"] == "outcome"}
    assert outcomes == {"snmp.read_community": "applied", "snmp.trap1": "unconfirmed"}


def test_smtp_settings_are_set_and_read_back(env, master, capsys):
    code, out, err = run(capsys, env, "--host", FACTORY, *ports(master), "--smtp-server", "mail.example.com",
                         "--smtp-port", "587", "--smtp-account", "pdu@example.com", "--smtp-recipient",
                         "noc@example.com", "--yes", "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["applied"] == ["smtp.account", "smtp.server", "smtp.port", "smtp.recipient"] and doc["verified"]
    s = master.settings
    assert (s.smtp_server, s.smtp_port, s.smtp_account, s.smtp_recipient) == (
        "mail.example.com", 587, "pdu@example.com", "noc@example.com")
    code, out, err = run(capsys, env, "--host", FACTORY, *ports(master), "--smtp-account", "x" * 31, "--yes")
    assert code == 2 and "--smtp-account" in err and "at most 30" in err


def test_a_unit_whose_dialogue_differs_is_corrected_by_a_table_file_not_code(env, master, capsys, monkeypatch):
    """The issue's promise: a transcript from a real unit corrects the dialogue without a code
    change. Here the unit wants ``mode:enable`` where the shipped table types ``agent:enable``."""
    from bps_commissioner.simulator import telnet_settings as unit_menus

    monkeypatch.setitem(unit_menus.ITEMS, ("5", "1"),
                        ("mode", "snmp_agent", "agent", "Command format: mode:enable or mode:disable"))
    transcript = env / "transcript.txt"
    code, out, err = run(capsys, env, "--host", FACTORY, *ports(master), "--snmp-agent", "disable", "--yes",
                         "--transcript", str(transcript))
    assert code == 1 and "snmp.agent" in err and master.settings.snmp_agent is True
    assert "Command format: mode:enable or mode:disable" in transcript.read_text()  # what the unit asked for
    table = env / "dialogue.json"
    table.write_text(json.dumps({"items": [{"key": "snmp.agent", "command": "mode:{value}"}]}))
    code, out, err = run(capsys, env, "--host", FACTORY, *ports(master), "--snmp-agent", "disable", "--yes",
                         "--dialogue", str(table))
    assert code == 0, err
    assert master.settings.snmp_agent is False and "verified" in out


def test_a_password_sent_before_a_refused_value_gets_its_outcome_too(env, master, capsys):
    from bps_commissioner.services.audit import AuditLog

    table = json.loads(table_to_json())
    for item in table["items"]:
        if item["key"] == "snmp.read_community":
            item["select"] = "2"  # the unit sets the write community: the read one is not shown
    path = env / "dialogue.json"
    path.write_text(json.dumps(table))
    code, out, err = run(capsys, env, "--host", FACTORY, *ports(master), "--dialogue", str(path),
                         "--new-password-env", "PDU_NEW_PW", "--read-community", READ_COMMUNITY, "--yes")
    assert code == 1
    assert master.settings.password == NEW_PASSWORD  # it went out before the refusal
    audit = [json.loads(line) for line in (env / "audit.jsonl").read_text().splitlines()]
    outcomes = {e["setting"]: e["outcome"] for e in audit if e["event"] == "outcome"}
    assert outcomes == {"password": "unconfirmed", "snmp.read_community": "refused"}
    assert AuditLog(env / "audit.jsonl").pending() == []  # no intent left open
