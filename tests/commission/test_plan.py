"""Plans: parsing, refusals that name the file, line and key, profiles beside the plan, and
the JSON helpers shared with threshold profiles."""

import json

import pytest

from bps_commissioner.device.jsonfile import JsonArray, JsonFileError, JsonObject, loads
from bps_commissioner.device.plan import PROBES, Plan, PlanError, PlanLink, PlannedUnit, parse_plan
from bps_commissioner.services.commission import load_plan_file, load_profiles, plan_from_found, save_plan
from bps_commissioner.simulator import build_chain
from bps_commissioner.device.decode import decode_registers

GOOD = """{
  "site": "DC Warsaw 2 / room B / rack A12", "customer": "ACME", "engineer": "Jan",
  "links": [
    {"serial": "COM5", "baud": 9600, "parity": "N", "stopbits": 1},
    {"tcp": "10.0.0.5:1502"},
    {"snmp": "10.0.0.6", "version": "3", "v3_user": "bkt", "v3_auth_proto": "sha256", "v3_priv_proto": "aes"}
  ],
  "units": [
    {"address": 1, "name": "PDU-A12-L", "phases": 3, "rating": 32,
     "probes": ["temperature", "humidity"], "profile": "rack-a.json",
     "firmware": "2.0.5-C", "host": "192.168.0.163"},
    {"address": 7, "link": 1},
    {"address": 0, "link": 2, "notes": "master"}
  ]
}
"""


def test_a_plan_with_every_kind_of_link_and_unit():
    plan = parse_plan(GOOD, "site/plan.json")
    serial, tcp, snmp = plan.links
    assert (serial.kind, serial.target, str(serial.bus)) == ("serial", "COM5", "9600 8N1")
    assert (tcp.kind, tcp.target, tcp.port) == ("tcp", "10.0.0.5", 1502)
    assert (snmp.kind, snmp.port, snmp.snmp_version, snmp.v3_auth_proto, snmp.v3_priv_proto) == \
        ("snmp", 161, "3", "SHA-256", "AES")
    first = plan.units[0]
    assert first == PlannedUnit(1, 0, "PDU-A12-L", 3, 32, ("temperature", "humidity"), "rack-a.json", "2.0.5-C",
                                "192.168.0.163")
    assert first.line == 9
    assert plan.units_on(1) == (PlannedUnit(7, 1),)
    assert plan.unit(2, 0).notes == "master"
    assert plan.profile_path(first).replace("\\", "/") == "site/rack-a.json"
    # every field but the address is optional: not given is None, "not checked"
    assert plan.units[1].phases is None and plan.units[1].probes is None and plan.units[1].name is None


def test_a_plan_round_trips_through_its_file_form():
    plan = parse_plan(GOOD, "plan.json")
    text = plan.to_json()
    again = parse_plan(text, "plan.json")
    assert again == plan
    assert text.count("\n") == len(plan.links) + len(plan.units) + 9  # one link and one unit per line
    assert json.loads(text)["links"][1] == {"tcp": "10.0.0.5:1502"}


@pytest.mark.parametrize("change, where", [
    (('"phases": 3', '"phases": 2'), "plan.json:9: units[0].phases: 2 is not a phase count (1 or 3)"),
    (('"humidity"]', '"humidty"]'), "plan.json:10: units[0].probes[1]: unknown probe 'humidty' (did you mean humidity?"),
    (('"rating": 32', '"rating": 20'), "plan.json:9: units[0].rating: 20 is not a rated current a BPS2000v2 has"),
    (('"name": "PDU-A12-L"', '"nmae": "PDU-A12-L"'), "plan.json:9: units[0].nmae: unknown key (did you mean name?"),
    (('"link": 1}', '"link": 3}'), "plan.json:12: units[1].link: 3 is not a link of this plan (0..2)"),
    (('{"address": 0, "link": 2', '{"address": 6, "link": 2'),
     "plan.json:13: units[2].address: 6 is not an address on an SNMP link (0 = master, 1..5 = slaves)"),
    (('{"address": 7, "link": 1}', '{"address": 1}'), "plan.json:12: units[1].address: address 1 is planned twice"),
    (('"baud": 9600,', '"baud": 9600, "baud": 19200,'), "plan.json:4: baud: given twice in one object"),
    (('"baud": 9600', '"baud": 9601'), "plan.json:4: links[0].baud: 9601 is not a baud rate the unit supports"),
    (('{"tcp": "10.0.0.5:1502"}', '{"tcp": "10.0.0.5:99999"}'), "plan.json:5: links[1].tcp: port '99999'"),
    (('{"tcp": "10.0.0.5:1502"}', '{"modbus": "10.0.0.5"}'), "plan.json:5: links[1]: names none of serial, tcp, snmp"),
    (('"v3_user": "bkt"', '"v3_user": "bkt", "v3_priv_key": "secret99"'),
     "plan.json:6: links[2].v3_priv_key: secrets never go into a plan"),
    (('"host": "192.168.0.163"', '"host": "192.168.0.163", "password": "admin"'),
     "plan.json:11: units[0].password: secrets never go into a plan"),
    (('"site"', '"sight"'), "plan.json:2: sight: unknown key (did you mean site?"),
    (('"rating": 32', '"rating": NaN'), "plan.json:9: NaN is not a number a plan can take"),
    (('"firmware": "2.0.5-C"', '"firmware": 205'), 'plan.json:11: units[0].firmware: 205 must be text'),
    (('"links": [', '"links": [,'), "plan.json:3: not valid JSON"),
])
def test_a_bad_plan_is_refused_with_file_line_and_key(change, where):
    old, new = change
    assert old in GOOD
    with pytest.raises(PlanError) as err:
        parse_plan(GOOD.replace(old, new, 1), "plan.json")
    assert where in str(err.value)


def test_a_plan_without_links_or_not_an_object_is_refused():
    for text, where in (("[]", "expected a JSON object"), ('{"site": "x"}', 'no "links"'),
                        ('{"links": []}', "links: must be a non-empty list"),
                        ('{"links": [{"tcp": "h"}], "units": [{"name": "x"}]}', 'units[0]: has no "address"')):
        with pytest.raises(PlanError, match=".*") as err:
            parse_plan(text, "p.json")
        assert where in str(err.value), str(err.value)


def test_profiles_are_found_beside_the_plan_and_refused_with_the_plan_key(tmp_path):
    (tmp_path / "rack-a.json").write_text('{"name": "A", "thresholds": {"current_l1": {"high": 24}}}')
    text = GOOD.replace('"rating": 32', '"rating": 32')
    (tmp_path / "plan.json").write_text(text, encoding="utf-8")
    plan = load_plan_file(tmp_path / "plan.json")
    profiles = load_profiles(plan)
    assert profiles["rack-a.json"].thresholds == {"current_l1.high": 24}
    # a 16 A unit cannot take a 24 A threshold: refused before anything is done
    (tmp_path / "plan.json").write_text(text.replace('"rating": 32', '"rating": 16'), encoding="utf-8")
    with pytest.raises(PlanError) as err:
        load_profiles(load_plan_file(tmp_path / "plan.json"))
    assert "plan.json:9: units[0].profile: rack-a.json does not suit a 16 A unit: current_l1.high = 24.0 A" \
        in str(err.value)
    # an unknown profile, or one that does not parse, names both files
    (tmp_path / "rack-a.json").write_text('{"name": "A",\n "thresholds": {"curent_l1": {"high": 24}}}')
    with pytest.raises(PlanError) as err:
        load_profiles(load_plan_file(tmp_path / "plan.json"))
    assert "plan.json:9: units[0].profile: the profile cannot be used:" in str(err.value)
    assert "rack-a.json:2: thresholds.curent_l1: no such quantity" in str(err.value)
    (tmp_path / "rack-a.json").unlink()
    with pytest.raises(PlanError, match="units\\[0\\].profile: the profile cannot be used: .*cannot read"):
        load_profiles(load_plan_file(tmp_path / "plan.json"))


def test_a_plan_file_that_is_missing_or_not_utf8(tmp_path):
    with pytest.raises(PlanError, match="nope.json: cannot read the plan"):
        load_plan_file(tmp_path / "nope.json")
    (tmp_path / "latin.json").write_bytes('{"site": "Łódź"}'.encode("cp1250"))
    with pytest.raises(PlanError, match="latin.json:1: not UTF-8 text"):
        load_plan_file(tmp_path / "latin.json")
    (tmp_path / "bom.json").write_bytes(b"\xef\xbb\xbf" + GOOD.encode())  # Notepad's BOM is fine
    assert load_plan_file(tmp_path / "bom.json").site.startswith("DC Warsaw")


def test_plan_new_lists_what_was_found_for_the_engineer_to_complete(tmp_path):
    chain = build_chain([1, 4], seed=2)
    readings = [decode_registers(u.address, dict(enumerate(u.read(0, 99)))) for u in chain]
    link = PlanLink("tcp", "127.0.0.1", 1502)
    plan = plan_from_found(readings, link, site="Rack B", profile="rack.json",
                           firmware={1: ("10.0.0.5", "2.0.5-C")})
    save_plan(plan, tmp_path / "p.json")
    doc = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert doc["units"] == [
        {"address": 1, "name": "", "phases": 3, "probes": ["temperature", "humidity"], "profile": "rack.json",
         "firmware": "2.0.5-C", "host": "10.0.0.5"},
        {"address": 4, "name": "", "phases": 1, "probes": [p for p in PROBES if p.endswith(("_1", "_2"))
                                                            or p in ("smoke", "water")], "profile": "rack.json"}]
    assert isinstance(load_plan_file(tmp_path / "p.json"), Plan)


def test_json_positions_point_at_the_value_not_the_first_mention():
    text = '{"a": {"name": 1},\n "b": [\n  {"name": 2},\n  "x"\n ],\n "name": 3}'
    doc = loads(text, "f.json", positions=True)
    assert isinstance(doc, JsonObject) and isinstance(doc["b"], JsonArray)
    assert doc.line_of("name") == 6 and doc["b"].line_of(0) == 3 and doc["b"].line_of(1) == 4
    assert doc["b"][0].line_of("name") == 3
    with pytest.raises(JsonFileError, match="f.json:2: x: given twice"):
        loads('{"x": 1,\n "x": 2}', "f.json")


def test_a_plan_nested_100000_deep_is_refused_with_exit_2_and_no_traceback(tmp_path, capsys):
    """Issue 15: ended in RecursionError with a traceback, exit 1."""
    from bps_commissioner.cli import main

    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert main(["plan", "check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "deep.json:1: nested too deeply" in err and "Traceback" not in err
    (tmp_path / "deep2.json").write_text('{"site": ' + '{"a": ' * 100_000 + "1" + "}" * 100_001,
                                         encoding="utf-8")
    with pytest.raises(PlanError, match="nested too deeply"):
        load_plan_file(tmp_path / "deep2.json")


def test_a_huge_plan_file_is_refused_unread(tmp_path):
    path = tmp_path / "huge.json"
    path.write_bytes(b'{"site": "' + b"x" * 3_000_000 + b'"}')
    with pytest.raises(PlanError, match="huge.json: too large"):
        load_plan_file(path)


def test_every_problem_of_a_plan_is_listed_at_once_with_file_line_and_key(tmp_path, capsys):
    from bps_commissioner.cli import main

    text = """{
  "site": "x", "colour": "red",
  "links": [{"serial": "COM5", "baud": 9601}, {"tcp": "10.0.0.5:５０２"}],
  "units": [
    {"address": 1, "phases": 2, "probes": ["temprature"]},
    {"address": 1e1, "rating": 20},
    {"address": 3, "password": "x"}
  ]
}
"""
    with pytest.raises(PlanError) as exc:
        parse_plan(text.replace("1e1", "10"), "plan.json")
    where = [(p.line, p.key) for p in exc.value.problems]
    assert where == [(2, "colour"), (3, "links[0].baud"), (3, "links[1].tcp"), (5, "units[0].probes[0]"),
                     (5, "units[0].phases"), (6, "units[1].rating"), (7, "units[2].password")]
    assert str(exc.value).startswith("7 problems:\n  plan.json:2: colour: unknown key")
    assert "plan.json:7: units[2].password: secrets never go into a plan" in str(exc.value)
    # on the command line: exit 2, each problem on its line
    path = tmp_path / "plan.json"
    path.write_text(text.replace("1e1", "10"), encoding="utf-8")
    assert main(["plan", "check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "7 problems:" in err and "plan.json:6: units[1].rating: 20 is not" in err and "Traceback" not in err
    # a number with an exponent (or other than ASCII digits) is refused where it stands
    with pytest.raises(PlanError, match=r"plan.json:6: 1e1 is not a plain number"):
        parse_plan(text, "plan.json")
