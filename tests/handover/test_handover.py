"""``handover PLAN --out DIR``: the files parse, pass promtool, name every master, carry
every planned limit, use only OIDs of the device table, and hold no secret; a plan with no
networked master is refused with exit 2 and nothing written."""

import json
import re
import shutil
import subprocess

import pytest
import yaml

from bps_commissioner.cli import main
from bps_commissioner.device.oids import DEVICE_NAME_OID, locate, parse_oid
from bps_commissioner.device.plan import Plan, PlanLink, PlannedUnit
from bps_commissioner.services.handover import HandoverError, handover_files

COMMUNITY = "s3cret-Comm-4711"
AUTH_KEY = "auth-Key-9c1f2e"
PRIV_KEY = "priv-Key-77ab03"
TELNET = "telnet-Pass-5520"
PROFILE = {"name": "Rack A", "thresholds": {
    "voltage_l1": {"low": 200, "high": 253}, "current_l1": {"high": 14.5},
    "temperature": {"low": 5, "high": 35}, "humidity_1": {"high": 80}}}
PROFILE_B = {"name": "Rack B", "thresholds": {"voltage_l2": {"low": 195.5}, "current_l3": {"low": 0.5, "high": 30}}}
PLAN = {
    "site": "DC Warsaw 2 / room B / rack A12", "customer": "ACME", "engineer": "Jan",
    "links": [
        {"snmp": "10.0.0.6", "version": "2c", "community": COMMUNITY},
        {"snmp": "pdu-b.example.net:1161", "version": "3", "v3_user": "monitor", "v3_auth_proto": "sha256",
         "v3_priv_proto": "aes256"},
        {"serial": "COM5", "baud": 9600},
        {"tcp": "10.0.0.5"},
    ],
    "units": [
        {"address": 0, "name": "PDU-A12-L", "rating": 16, "profile": "rack-a.json"},
        {"address": 2, "name": "PDU-A12-R", "profile": "rack-a.json"},
        {"address": 0, "link": 1, "name": "PDU-B1", "profile": "rack-b.json"},
        {"address": 5, "link": 1, "name": "PDU-B6", "profile": "rack-a.json"},
        {"address": 1, "link": 2},
        {"address": 7, "link": 3},
    ],
}
#: (link target, chain position, setting, value) of every planned limit.
PLANNED = [(target, position, f"{key}.{side}", value)
           for target, position, profile in (("10.0.0.6:161", "master", PROFILE), ("10.0.0.6:161", "slave 2", PROFILE),
                                             ("pdu-b.example.net:1161", "master", PROFILE_B),
                                             ("pdu-b.example.net:1161", "slave 5", PROFILE))
           for key, sides in profile["thresholds"].items() for side, value in sides.items()]


def _write(folder, plan=PLAN):
    (folder / "rack-a.json").write_text(json.dumps(PROFILE))
    (folder / "rack-b.json").write_text(json.dumps(PROFILE_B))
    path = folder / "plan.json"
    path.write_text(json.dumps(plan))
    return path


@pytest.fixture
def secrets_in_env(monkeypatch):
    monkeypatch.setenv("BPS_SNMP_AUTH_KEY", AUTH_KEY)
    monkeypatch.setenv("BPS_SNMP_PRIV_KEY", PRIV_KEY)
    monkeypatch.setenv("BPS_TELNET_PASSWORD", TELNET)


@pytest.fixture
def written(tmp_path, secrets_in_env, capsys):
    out = tmp_path / "handover"
    code = main(["--log-file", str(tmp_path / "log.txt"), "handover", str(_write(tmp_path)), "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    files = {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in sorted(out.rglob("*"))
             if p.is_file()}
    assert set(files) == {"README.md", "prometheus/snmp.yml", "prometheus/generator.yml",
                          "prometheus/prometheus.yml", "prometheus/bps2000v2-rules.yml",
                          "zabbix/bps2000v2-templates.yml", "zabbix/bps2000v2-hosts.yml"}
    return out, files


def _yaml(files):
    return {name: yaml.safe_load(text) for name, text in files.items() if name.endswith(".yml")}


def test_every_file_parses_and_has_its_format(written):
    _, files = written
    docs = _yaml(files)
    snmp = docs["prometheus/snmp.yml"]
    assert set(snmp) == {"auths", "modules"}
    assert set(snmp["auths"]) == {"bps_link0_v2c", "bps_link1_v3"}
    assert snmp["auths"]["bps_link1_v3"]["auth_protocol"] == "SHA256"
    assert snmp["auths"]["bps_link1_v3"]["priv_protocol"] == "AES256"
    master = snmp["modules"]["bps2000v2_master"]
    names = [m["name"] for m in master["metrics"]]
    for name in ("bps_voltage_l1_volts", "bps_current_l3_amperes", "bps_active_power_l2_watts",
                 "bps_active_energy_l1_kilowatt_hours", "bps_temperature_celsius", "bps_humidity_2_percent",
                 "bps_door_1_state", "bps_power_factor_l1_ratio"):
        assert name in names
    assert all(m["help"] for m in master["metrics"])
    assert set(snmp["modules"]) == {"bps2000v2_master"} | {f"bps2000v2_slave{n}" for n in range(1, 6)}
    assert set(docs["prometheus/generator.yml"]) == {"auths", "modules"}
    zbx = docs["zabbix/bps2000v2-templates.yml"]["zabbix_export"]
    assert zbx["version"] == "7.0"
    items = [i for t in zbx["templates"] for i in t["items"]]
    assert len(items) == 6 * 37 and all(i["type"] == "SNMP_AGENT" for i in items)
    uuids = [t["uuid"] for t in zbx["templates"]] + [i["uuid"] for i in items]
    assert len(set(uuids)) == len(uuids) and all(re.fullmatch(r"[0-9a-f]{12}4[0-9a-f]{19}", u) for u in uuids)
    maps = {m["name"]: {x["value"]: x["newvalue"] for x in m["mappings"]} for m in zbx["templates"][0]["valuemaps"]}
    assert maps["BPS door state"] == {"1": "open", "2": "closed"}
    assert maps["BPS alarm state"] == {"0": "normal", "1": "low alarm", "16": "high alarm"}
    hosts = docs["zabbix/bps2000v2-hosts.yml"]["zabbix_export"]
    assert hosts["version"] == "7.0"
    assert "## What the tool could not know" in files["README.md"]


def test_promtool_passes(written):
    promtool = shutil.which("promtool")
    if promtool is None:
        pytest.skip("promtool is not installed (Debian: apt-get install prometheus)")
    out, _ = written
    for args in (["check", "config", str(out / "prometheus" / "prometheus.yml")],
                 ["check", "rules", str(out / "prometheus" / "bps2000v2-rules.yml")]):
        done = subprocess.run([promtool, *args], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "SUCCESS" in done.stdout + done.stderr


def test_every_oid_is_in_the_device_table(written):
    _, files = written
    found = set()
    for text in files.values():
        found |= set(re.findall(r"\.?1\.3\.6\.1\.4\.1\.47394(?:\.\d+)*", text))
    assert found
    for text in found:
        oid = parse_oid(text)
        # an item (…<branch>.<item>.0), a metric (the item without .0), a walked branch, the device name
        ok = (locate(oid) is not None or locate(oid + (0,)) is not None or locate(oid + (1, 0)) is not None
              or oid == DEVICE_NAME_OID[:-1])
        assert ok, text
    # and each item reads the quantity its key and name say, at its chain position
    docs = _yaml(files)
    for template in docs["zabbix/bps2000v2-templates.yml"]["zabbix_export"]["templates"]:
        for item in template["items"]:
            address, q = locate(parse_oid(item["snmp_oid"]))
            assert item["key"] == f"bps.{q.key}[{'master' if address == 0 else f'slave{address}'}]"
    for name, module in docs["prometheus/snmp.yml"]["modules"].items():
        for metric in module["metrics"][1 if name.endswith("master") else 0:]:
            address, q = locate(parse_oid(metric["oid"]) + (0,))
            assert metric["name"].startswith(f"bps_{q.key}_") and name.endswith("master" if address == 0 else
                                                                               f"slave{address}")


def test_every_planned_limit_is_in_the_rules_and_the_zabbix_macros(written):
    _, files = written
    docs = _yaml(files)
    rules = [r for g in docs["prometheus/bps2000v2-rules.yml"]["groups"] for r in g["rules"]]
    hosts = {h["interfaces"][0].get("ip") or h["interfaces"][0].get("dns"): h
             for h in docs["zabbix/bps2000v2-hosts.yml"]["zabbix_export"]["hosts"]}
    templates = {t["template"]: t for t in docs["zabbix/bps2000v2-templates.yml"]["zabbix_export"]["templates"]}
    limit_rules = [r for r in rules if "bps_limit" in r["labels"]]
    assert len(limit_rules) == len(PLANNED)
    for target, position, setting, value in PLANNED:
        rule = next(r for r in limit_rules if (r["labels"]["master"], r["labels"]["chain_position"],
                                               r["labels"]["bps_limit"]) == (target, position, setting))
        op = "<" if setting.endswith(".low") else ">"
        assert f"{op} {value}" in rule["expr"] and f'chain_position="{position}"' in rule["expr"]
        assert rule["annotations"]["summary"] and rule["annotations"]["description"]
        pid = position.replace(" ", "")
        macro = "{$BPS." + setting.upper() + ':"' + pid + '"}'
        host = hosts[target.rsplit(":", 1)[0]]
        assert {"macro": macro, "value": str(value)}.items() <= next(
            m for m in host["macros"] if m["macro"] == macro).items()
        template = templates[f"BKT BPS2000v2 {position} by SNMP"]
        assert {"name": template["template"]} in host["templates"]
        expressions = [t["expression"] for i in template["items"] for t in i.get("triggers", [])]
        assert any(macro in e and f"{op}{macro}" in e for e in expressions), macro
    assert sum(r["alert"] == "BpsMasterNotAnswering" for r in rules) == 2


def test_both_masters_are_named_with_their_labels(written):
    _, files = written
    docs = _yaml(files)
    job = docs["prometheus/prometheus.yml"]["scrape_configs"][0]
    targets = {(s["targets"][0], s["labels"]["chain_position"]): s["labels"] for s in job["static_configs"]}
    assert set(targets) == {("10.0.0.6:161", "master"), ("10.0.0.6:161", "slave 2"),
                            ("pdu-b.example.net:1161", "master"), ("pdu-b.example.net:1161", "slave 5")}
    labels = targets[("pdu-b.example.net:1161", "master")]
    assert labels["__param_auth"] == "bps_link1_v3" and labels["__param_module"] == "bps2000v2_master"
    assert (labels["site"], labels["rack"], labels["name"]) == ("DC Warsaw 2 / room B", "rack A12", "PDU-B1")
    assert {"source_labels": ["__address__"], "target_label": "__param_target"} in job["relabel_configs"]
    hosts = docs["zabbix/bps2000v2-hosts.yml"]["zabbix_export"]["hosts"]
    v2, v3 = (h["interfaces"][0] for h in hosts)
    assert v2["ip"] == "10.0.0.6" and v2["details"]["version"] == "SNMPV2"
    assert v3["dns"] == "pdu-b.example.net" and v3["port"] == "1161"
    assert v3["details"]["securityname"] == "monitor" and v3["details"]["securitylevel"] == "AUTHPRIV"
    for name in ("10.0.0.6:161", "pdu-b.example.net:1161", "PDU-A12-L", "PDU-B1", "COM5", "10.0.0.5"):
        assert name in files["README.md"]


def test_no_secret_in_any_file(written):
    out, files = written
    for name, text in files.items():
        for secret in (COMMUNITY, AUTH_KEY, PRIV_KEY, TELNET):
            assert secret not in text, (name, secret)
    assert "FILL-IN-read-community" in files["prometheus/snmp.yml"]
    assert "FILL-IN-v3-auth-key" in files["zabbix/bps2000v2-hosts.yml"]


@pytest.mark.parametrize("links, units", [
    ([{"serial": "COM5"}, {"tcp": "10.0.0.5"}], [{"address": 1}]),
    ([{"tcp": "10.0.0.5"}], []),
])
def test_a_plan_without_a_networked_master_is_refused(tmp_path, capsys, links, units):
    out = tmp_path / "out"
    plan = {"site": "S", "links": links, "units": units}
    code = main(["--log-file", str(tmp_path / "log.txt"), "handover", str(_write(tmp_path, plan)), "--out", str(out)])
    assert code == 2
    assert "no networked master" in capsys.readouterr().err
    assert not out.exists()


def test_a_unit_address_a_master_cannot_have_is_refused(tmp_path, capsys):
    plan = {"site": "S", "links": [{"snmp": "10.0.0.6"}], "units": [{"address": 6}]}
    out = tmp_path / "out"
    code = main(["--log-file", str(tmp_path / "log.txt"), "handover", str(_write(tmp_path, plan)), "--out", str(out)])
    assert code == 2 and not out.exists()
    assert "units[0].address" in capsys.readouterr().err
    # a plan built in memory (the window's) is checked by the hand-over itself
    built = Plan("S", links=(PlanLink("snmp", "10.0.0.6", 161),), units=(PlannedUnit(9),))
    with pytest.raises(HandoverError, match="chain addresses 0"):
        handover_files(built, {})


def test_the_files_are_reproducible(tmp_path):
    plan = Plan("S / rack 1", links=(PlanLink("snmp", "10.0.0.6", 161),), units=(PlannedUnit(0, name="A"),))
    assert handover_files(plan, {}) == handover_files(plan, {})
