"""The window's File > Hand over to monitoring (the ``handover`` files from the plan open in
the commissioning panel) and Help > Save a support bundle."""

import json
import zipfile

import keyring
from PySide6.QtWidgets import QFileDialog

from bps_commissioner.services.secrets import HIDDEN
from tests.ethernet.conftest import MemoryKeyring

HANDOVER_FILES = {"README.md", "prometheus/snmp.yml", "prometheus/generator.yml", "prometheus/prometheus.yml",
                  "zabbix/bps2000v2-templates.yml", "zabbix/bps2000v2-hosts.yml"}


def _plan(folder, links, first=0):
    (folder / "rack.json").write_text(json.dumps({"name": "Rack", "thresholds": {"current_l1": {"high": 14.5}}}))
    path = folder / "plan.json"
    path.write_text(json.dumps({"site": "DC / rack A", "links": links,
                                "units": [{"address": first, "name": "PDU-A", "profile": "rack.json"},
                                          {"address": 2, "name": "PDU-B"}]}))
    return str(path)


def _no_dialog_but_folder(monkeypatch, folder):
    asked = []

    def choose(*args, **kwargs):
        asked.append(args)
        return str(folder)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(choose))
    return asked


def test_hand_over_writes_the_files_of_the_open_plan(make_window, tmp_path, monkeypatch):
    w = make_window()
    assert w.commission_panel.load_plan(_plan(tmp_path, [{"snmp": "10.0.0.6", "version": "2c"}]))
    out = tmp_path / "handover"
    asked = _no_dialog_but_folder(monkeypatch, out)
    assert w.act_handover in w.menu_file.actions()
    w.act_handover.trigger()
    assert len(asked) == 1
    written = {str(p.relative_to(out)).replace("\\", "/") for p in out.rglob("*") if p.is_file()}
    assert HANDOVER_FILES <= written
    assert "10.0.0.6" in (out / "prometheus" / "prometheus.yml").read_text(encoding="utf-8")
    assert "14.5" in "".join(p.read_text(encoding="utf-8") for p in (out / "prometheus").glob("*rules*"))
    status = w.commission_panel.status.text()
    assert str(out) in status and "written" in status
    assert not w.commission_dock.isHidden()


def test_a_plan_without_a_networked_master_is_refused_and_nothing_is_written(make_window, tmp_path, monkeypatch):
    w = make_window()
    assert w.commission_panel.load_plan(_plan(tmp_path, [{"serial": "COM5", "baud": 9600}], first=1))
    out = tmp_path / "handover"
    asked = _no_dialog_but_folder(monkeypatch, out)
    w.act_handover.trigger()
    assert not out.exists() and asked == []
    assert "refused" in w.commission_panel.status.text()


def test_hand_over_without_a_plan_says_to_open_one(make_window, tmp_path, monkeypatch):
    w = make_window()
    asked = _no_dialog_but_folder(monkeypatch, tmp_path / "x")
    assert not w.hand_over()
    assert asked == [] and w.commission_panel.status.text()


def test_save_a_support_bundle_from_the_help_menu(make_window, tmp_path, monkeypatch):
    monkeypatch.setenv("BPS_COMMISSIONER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BPS_TELNET_PASSWORD", "Tel-Pass-2604")
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        (tmp_path / "data").mkdir()
        (tmp_path / "data" / "audit.jsonl").write_text('{"reason": "echo Tel-Pass-2604"}\n', encoding="utf-8")
        w = make_window()
        assert w.act_support_bundle in w.menu_help.actions()
        target = tmp_path / "bundle"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
        w.act_support_bundle.trigger()
    finally:
        keyring.set_keyring(previous)
    with zipfile.ZipFile(f"{target}.zip") as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    assert {"README.txt", "versions.txt", "self-test.txt", "settings.txt", "audit/audit.jsonl"} <= set(files)
    assert all(b"Tel-Pass-2604" not in data for data in files.values())
    assert HIDDEN.encode() in files["audit/audit.jsonl"]
    assert b"bps-commissioner self-test" in files["self-test.txt"]
    assert str(target) in w.statusBar().currentMessage()
