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
from tests.commission.conftest import pdftotext
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

    if pdftotext() is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = tmp_path / "report.pdf"
    write_pdf(result, pdf, "en")
    text = subprocess.run([pdftotext(), "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert text.count("Security") >= len(result.units)
    assert "factory Telnet login" in text
    assert "Telnet at 127.0.0.1" in text
    assert "Not checked: the plan gives this unit no Telnet host" in text
    w.close()
