"""A master's network and security state in the commissioning run (issue 16): the Telnet look
also reads menus 2, 4 and 5; the result, the CSV and the PDF show the address, the SNMP agent,
whether the communities and the password were changed from the factory's and the clock skew;
a master whose menus do not parse is recorded as such and the run goes on."""

import csv
import io
import subprocess

import pytest

from bps_commissioner.services import secrets
from bps_commissioner.services.commission import CommissionOptions, csv_text, load_plan_file, run_commission
from bps_commissioner.simulator.snmp import SnmpSimulator, build_snmp_chain
from bps_commissioner.simulator.telnet import TelnetSimulator
from bps_commissioner.simulator.telnet_settings import TelnetSettings
from tests.commission.conftest import pdftotext

PASSWORD = "Tel-Pass-8813"


@pytest.fixture
def units():
    return build_snmp_chain(1, seed=9)


@pytest.fixture
def agent(units):
    sim = SnmpSimulator(units, "127.0.0.1", 0, community="rack-a12-ro").start()
    yield sim
    sim.stop()


def plan_for(agent, telnet, user):
    return {"site": "Rack N", "links": [{"snmp": f"127.0.0.1:{agent.port}", "community": "rack-a12-ro",
                                         "timeout": 1, "retries": 0}],
            "units": [{"address": 0, "name": "master", "host": f"127.0.0.1:{telnet.port}", "telnet_user": user},
                      {"address": 1, "name": "slave 1"}]}


def run(write_plan, agent, telnet, user, password):
    options = CommissionOptions(secret=lambda kind, u, host: secrets.Secret(password, "environment"))
    return run_commission(load_plan_file(write_plan(plan_for(agent, telnet, user))), options)


def row_of(result, address):
    rows = list(csv.DictReader(io.StringIO(csv_text(result))))
    return next(r for r in rows if r["address"] == str(address))


def pdf_text(result, tmp_path, language):
    from bps_commissioner.ui.report import write_pdf

    pdf = tmp_path / f"report-{language}.pdf"
    write_pdf(result, pdf, language)
    return subprocess.run([pdftotext(), "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_the_factory_password_master_shows_its_address_and_password_changed_no(agent, units, write_plan, tmp_path):
    telnet = TelnetSimulator(units, "127.0.0.1", 0).start()  # admin/admin
    try:
        result = run(write_plan, agent, telnet, "admin", "admin")
    finally:
        telnet.stop()
    master = next(u for u in result.units if u.address == 0)
    state = master.network
    assert state is not None and master.network_error == ""
    address = state["address"]
    assert address and state["mask"] == "255.255.255.0"
    assert state["password_changed"] is False and state["communities_changed"] is False
    assert state["snmp_agent"] == "enable"
    assert state["clock_skew_s"] is not None and abs(state["clock_skew_s"]) < 5
    assert master.to_dict()["network"]["address"] == address
    # a slave has no Telnet: nothing read for it
    slave = next(u for u in result.units if u.address == 1)
    assert slave.network is None and slave.network_error == ""

    row = row_of(result, 0)
    assert (row["network_address"], row["snmp_agent"], row["communities_changed"], row["password_changed"]) == \
        (address, "enable", "no", "no")
    assert row["clock_skew_s"] != "" and abs(float(row["clock_skew_s"])) < 5
    assert {k: row_of(result, 1)[k] for k in ("network_address", "password_changed", "clock_skew_s")} == \
        {"network_address": "", "password_changed": "", "clock_skew_s": ""}

    if pdftotext() is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = pdf_text(result, tmp_path, "en")
    assert f"Network address: {address} / 255.255.255.0" in text
    assert "Password changed: no" in text and "Communities changed from the factory's: no" in text
    assert "SNMP agent: enabled" in text and "Clock skew:" in text
    polish = pdf_text(result, tmp_path, "pl")
    assert f"Adres sieciowy: {address} / 255.255.255.0" in polish
    assert "Hasło zmienione: nie" in polish and "Agent SNMP: włączony" in polish


def test_an_own_account_counts_as_password_changed(agent, units, write_plan):
    telnet = TelnetSimulator(units, "127.0.0.1", 0, account="bkt", password=PASSWORD).start()
    try:
        result = run(write_plan, agent, telnet, "bkt", PASSWORD)
    finally:
        telnet.stop()
    master = next(u for u in result.units if u.address == 0)
    assert master.network["password_changed"] is True
    assert row_of(result, 0)["password_changed"] == "yes"


def test_menus_that_do_not_parse_are_recorded_and_the_run_goes_on(agent, units, write_plan, tmp_path,
                                                                  monkeypatch):
    real = TelnetSettings.screen

    def garbled(self, menu):
        return "garbled screen without a way back\n" if menu == "4" else real(self, menu)

    monkeypatch.setattr(TelnetSettings, "screen", garbled)
    telnet = TelnetSimulator(units, "127.0.0.1", 0).start()
    try:
        result = run(write_plan, agent, telnet, "admin", "admin")
    finally:
        telnet.stop()
    master = next(u for u in result.units if u.address == 0)
    assert master.network is None and "menu 4" in master.network_error
    assert master.firmware is not None  # the look itself stands
    assert master.to_dict()["network_error"] == master.network_error
    row = row_of(result, 0)
    assert row["network_address"] == "" and row["password_changed"] == ""
    if pdftotext() is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    assert "Network and security settings not read: Telnet menu 4" in pdf_text(result, tmp_path, "en")
