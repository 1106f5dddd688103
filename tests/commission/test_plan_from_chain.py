"""New plan from the chain keeps every link and each master's Telnet host (issue 17): against
the window's built-in simulator (six RS485/Modbus TCP units and a networked SNMP master with two
slaves whose Telnet CLI still accepts admin/admin), the plan keeps the master, its slaves and
the Telnet host, its run fails the factory-password check, and the PDF and CSV carry a security
section per unit. No secret goes into the plan."""

import csv
import io
import json
import subprocess

import pytest

from bps_commissioner.services.commission import FAIL, csv_text
from bps_commissioner.ui.commission_table import LINK
from bps_commissioner.ui.report import write_pdf
from bps_commissioner.ui.simulation import SimulatedLink, SimulatedMaster
from tests.commission.conftest import isolated_secrets, pdftotext  # noqa: F401
from tests.ui.conftest import make_window, manager, translations, user_settings  # noqa: F401


def test_a_plan_from_the_simulators_chain_keeps_the_snmp_master_and_fails_its_factory_login(
        qtbot, make_window, tmp_path):  # noqa: F811
    w = make_window()
    chain_key = w.start_simulation(SimulatedLink(transport="tcp", seed=1))
    master_key = w.start_simulation(SimulatedMaster(seed=1))
    qtbot.waitUntil(lambda: all(len([u for u in w.model.units(k) if u.reading is not None]) >= n
                                for k, n in ((chain_key, 6), (master_key, 3))), timeout=15000)
    panel = w.commission_panel
    panel.site.setText("Simulator rack")
    panel.new_plan_from_chain()
    plan = panel.plan
    kinds = [link.kind for link in plan.links]
    assert kinds == ["tcp", "snmp"]
    snmp = plan.links[1]
    assert snmp.snmp_version == "2c" and snmp.community == "public"  # the factory one is what it answers to
    telnet = w.network.target(master_key)
    on_master = {u.address: u for u in plan.units_on(1)}
    assert sorted(on_master) == [0, 1, 2]
    assert on_master[0].host == f"127.0.0.1:{telnet.port}" and on_master[1].host is None
    assert "community" not in json.dumps(plan.to_dict()["units"])
    # the link column names the link, in an editable combo
    combo = panel.table.cellWidget(panel._rows.index((1, 0)), LINK)
    assert combo is not None and combo.isEnabled() and "SNMP" in combo.currentText()

    with qtbot.waitSignal(panel.resultReady, timeout=60000) as finished:
        assert panel.run_checks()
    result = finished.args[0]
    master = next(u for u in result.units if u.link == 1 and u.address == 0)
    checks = {c.check: c for c in master.checks}
    assert checks["security_telnet-factory-credentials"].result == FAIL
    assert checks["security_snmp-factory-community"].result == FAIL
    assert master.status == "failed"
    for u in result.units:
        if u.link == 1:  # every unit on the SNMP link has its security checked
            assert any(c.check.startswith("security") for c in u.checks)

    rows = list(csv.DictReader(io.StringIO(csv_text(result))))
    row = next(r for r in rows if r["link"] == "1" and r["address"] == "0")
    assert row["security"] == "fail" and "security_telnet-factory-credentials" in row["security_findings"]
    assert row["telnet_host"] == f"127.0.0.1:{telnet.port}"
    # the master's network and security state, read over Telnet (menus 2, 4 and 5)
    assert master.network is not None and master.network["address"]
    assert (row["network_address"], row["password_changed"], row["communities_changed"]) == \
        (master.network["address"], "no", "no")

    if pdftotext() is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = tmp_path / "report.pdf"
    write_pdf(result, pdf, "en")
    text = subprocess.run([pdftotext(), "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert text.count("Security") >= len(result.units)
    assert "factory Telnet login" in text
    assert "Telnet at 127.0.0.1" in text
    assert f"Network address: {master.network['address']}" in text and "Password changed: no" in text
    assert "Not checked: the plan gives this unit no Telnet host" in text
    w.close()


def test_a_typed_community_never_goes_into_the_plan_and_a_v3_user_does(isolated_secrets):
    from bps_commissioner.device.plan import parse_plan
    from bps_commissioner.services import credentials
    from bps_commissioner.services.endpoints import SnmpEndpoint
    from bps_commissioner.ui.commission_panel import plan_link_for

    typed = SnmpEndpoint("10.9.8.7", 161, "2c")
    credentials.remember(credentials.SNMP_COMMUNITY, "", "10.9.8.7", "s3cret-ro")
    try:
        link = plan_link_for(typed)
        assert "community" not in link.to_dict() and "s3cret" not in json.dumps(link.to_dict())
        # read back, the run looks the community up again (the one typed in this session)
        again = parse_plan(json.dumps({"links": [link.to_dict()], "units": [{"address": 0}]})).links[0]
        assert again.kind == "snmp" and again.snmp_version == "2c"
    finally:
        credentials.SESSION.forget(credentials.SNMP_COMMUNITY, "", "10.9.8.7")
    assert plan_link_for(typed).to_dict()["community"] == "public"  # nothing typed: the factory one answers
    v3 = plan_link_for(SnmpEndpoint("10.9.8.7", 161, "3", "bkt", "SHA", "AES"))
    assert v3.to_dict() == {"snmp": "10.9.8.7", "version": "3", "v3_user": "bkt", "v3_auth_proto": "SHA",
                            "v3_priv_proto": "AES", "retries": 1}


def test_the_link_combo_moves_a_unit_to_another_link_when_its_address_fits(qtbot):
    from bps_commissioner.device.plan import Plan, PlanLink, PlannedUnit
    from bps_commissioner.ui.commission_panel import CommissionPanel

    panel = CommissionPanel()
    qtbot.addWidget(panel)
    links = (PlanLink("tcp", "10.0.0.5", 502), PlanLink("snmp", "10.0.0.6", 161), PlanLink("tcp", "10.0.0.7", 502))
    panel.set_plan(Plan("Rack", links=links, units=(PlannedUnit(3, 0, name="A"), PlannedUnit(9, 0, name="B"))))
    combo = panel.table.cellWidget(0, LINK)
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "0 · 10.0.0.5:502 (Modbus TCP)", "1 · 10.0.0.6:161 (SNMP v2c)", "2 · 10.0.0.7:502 (Modbus TCP)"]
    combo.setCurrentIndex(2)
    combo.activated.emit(2)
    assert [(u.link, u.address) for u in panel.plan.units] == [(0, 9), (2, 3)]
    row = panel._rows.index((0, 9))
    combo = panel.table.cellWidget(row, LINK)
    combo.setCurrentIndex(1)
    combo.activated.emit(1)  # address 9 is not a chain address (0..5)
    assert [(u.link, u.address) for u in panel.plan.units] == [(0, 9), (2, 3)]
    assert "Unit 9 cannot be on 1 · 10.0.0.6:161 (SNMP v2c)" in panel.status.text()
    assert panel.table.cellWidget(panel._rows.index((0, 9)), LINK).currentIndex() == 0
