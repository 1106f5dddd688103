"""Threshold names, validation rules, write order and profile parsing: pure logic, no link."""

import json

import pytest

from bps_commissioner.device.limits import (
    SETTINGS, THRESHOLD_REGISTERS, ValidationError, encode, order_ok, parse_assignments, physical_range,
    plan_writes, validate,
)
from bps_commissioner.device.profile import ProfileError, parse_profile, profile_from_thresholds
from bps_commissioner.device.registers import BY_KEY
from bps_commissioner.simulator.model import default_thresholds

# factory limits of a 16 A unit: voltage 180..276 V, current 0..16 A, temperature 0..40 degC, humidity 0..90 %
PRESENT = {s: (int(v) if BY_KEY[s].scale == 1 else v) for s, v in default_thresholds(16).items()}


def refused(requested, rating=32, present=PRESENT):
    with pytest.raises(ValidationError) as err:
        validate(present, requested, rating)
    return err.value.problems


def test_names_cover_registers_63_to_86():
    assert len(SETTINGS) == 24 and SETTINGS[0] == "voltage_l1.low" and SETTINGS[-1] == "humidity_2.high"
    assert [BY_KEY[s].register for s in SETTINGS] == list(range(63, 87))
    assert THRESHOLD_REGISTERS == (63, 24)
    # scaling as PROTOCOL.md says: current thresholds /10 (readings /100), temperature signed whole degrees
    assert encode("current_l1.high", 25) == 250 and encode("voltage_l2.low", 190.5) == 1905
    assert encode("temperature.low", -5) == 0x10000 - 5 and encode("humidity.high", 60) == 60


@pytest.mark.parametrize("requested, setting, code, words", [
    ({"current_l1.high": "abc"}, "current_l1.high", "not_a_number", "not a number"),
    ({"current_l1.high": "nan"}, "current_l1.high", "not_a_number", "'nan' is not a number"),
    ({"current_l1.high": "1e1"}, "current_l1.high", "not_a_number", "it has an exponent"),  # issue 15
    ({"current_l9.high": "5"}, "current_l9.high", "unknown", "no such threshold"),
    ({"voltage_l2.low": "190.55"}, "voltage_l2.low", "decimals", "more decimals"),
    ({"humidity.high": "60.5"}, "humidity.high", "decimals", "whole numbers only"),
    ({"voltage_l1.high": "300.1"}, "voltage_l1.high", "range", "0.0 V .. 300.0 V"),
    ({"voltage_l1.low": "-1"}, "voltage_l1.low", "range", "outside"),
    ({"current_l1.high": "32.1"}, "current_l1.high", "range", "rated current (32 A)"),
    ({"temperature.low": "-21"}, "temperature.low", "range", "-20 °C .. 60 °C"),
    ({"temperature.high": "61"}, "temperature.high", "range", "outside"),
    ({"humidity.high": "101"}, "humidity.high", "range", "0 % .. 100 %"),
    ({"voltage_l1.low": "250", "voltage_l1.high": "240"}, "voltage_l1.low", "order", "above voltage_l1.high"),
    ({"current_l1.low": "17"}, "current_l1.low", "order", "present value"),
    ({"temperature.high": "-1"}, "temperature.high", "order", "below temperature.low = 0 °C"),
])
def test_each_rule_names_the_setting(requested, setting, code, words):
    (problem,) = refused(requested)
    assert (problem.setting, problem.code) == (setting, code)
    assert setting in problem.message and words in problem.message


def test_rating_16_and_all_problems_at_once():
    assert refused({"current_l2.high": "20"}, rating=16)[0].code == "range"
    assert validate(PRESENT, {"current_l2.high": "20"}, rating=32) == {"current_l2.high": 20.0}
    problems = refused({"voltage_l1.high": "x", "humidity.high": "200", "current_l3.low": "0.05"})
    assert [p.setting for p in problems] == ["voltage_l1.high", "current_l3.low", "humidity.high"]
    with pytest.raises(ValueError, match="16 or 32"):
        validate(PRESENT, {}, rating=20)


def test_values_are_normalized_and_boundaries_accepted():
    got = validate(PRESENT, {"voltage_l1.high": "300", "temperature.low": "-20", "humidity.high": 100.0,
                             "current_l1.high": "32.0", "current_l1.low": "10"})
    assert got == {"voltage_l1.high": 300.0, "temperature.low": -20, "humidity.high": 100,
                   "current_l1.high": 32.0, "current_l1.low": 10.0}
    assert isinstance(got["temperature.low"], int)
    assert physical_range("current_l1.low", 16) == (0.0, 16.0)


def test_assignments():
    values, problems = parse_assignments(["current_l1.high=25", "voltage_l2.low = 190.5", "x", "y=1",
                                          "current_l1.high=26", "humidity.high="])
    assert values == {"current_l1.high": "25", "voltage_l2.low": "190.5"}
    assert [(p.setting, p.code) for p in problems] == [("x", "syntax"), ("y", "unknown"),
                                                       ("current_l1.high", "duplicate"),
                                                       ("humidity.high=", "syntax")]
    assert "did you mean current_l1.high" in parse_assignments(["curent_l1.high=3"])[1][0].message


@pytest.mark.parametrize("old, new", [
    ((180.0, 250.0), (260.0, 290.0)),  # window moves up, past the old high
    ((180.0, 250.0), (100.0, 150.0)),  # window moves down, below the old low
    ((180.0, 250.0), (190.0, 240.0)),  # shrinks
    ((180.0, 250.0), (170.0, 260.0)),  # widens
    ((180.0, 250.0), (200.0, 300.0)),  # up, overlapping
])
def test_write_order_keeps_low_at_most_high(old, new):
    present = dict(PRESENT, **{"voltage_l1.low": old[0], "voltage_l1.high": old[1]})
    values = validate(present, {"voltage_l1.low": new[0], "voltage_l1.high": new[1]})
    writes, unchanged = plan_writes(present, values)
    assert len(writes) == 2 and not unchanged
    state = {"low": old[0], "high": old[1]}
    for w in writes:
        state[w.setting.split(".")[1]] = w.new
        assert order_ok(state["low"], state["high"]), (writes, state)
    assert state == {"low": new[0], "high": new[1]}


def test_unchanged_values_plan_no_write():
    writes, unchanged = plan_writes(PRESENT, validate(PRESENT, {"current_l1.high": "16", "humidity.high": 90,
                                                               "current_l1.low": "0.0"}))
    assert writes == () and unchanged == ("current_l1.low", "current_l1.high", "humidity.high")


# --- profiles --------------------------------------------------------------------------------

GOOD = """{
  "name": "Rack A",
  "thresholds": {
    "voltage_l1": {"low": 200, "high": 253},
    "current_l1": {"high": 16},
    "temperature": {"low": -5, "high": 35}
  }
}
"""


def test_profile_parses_in_register_order_and_round_trips():
    p = parse_profile(GOOD, "rack.json")
    assert p.name == "Rack A"
    assert dict(p.thresholds) == {"voltage_l1.low": 200, "voltage_l1.high": 253, "current_l1.high": 16,
                                  "temperature.low": -5, "temperature.high": 35}
    again = parse_profile(p.to_json(), "x.json")
    assert again == p
    exported = profile_from_thresholds("unit 1", PRESENT)
    assert len(exported.thresholds) == 24 and json.loads(exported.to_json())["thresholds"]["humidity"] == \
        {"low": 0, "high": 90}


@pytest.mark.parametrize("text, where", [
    ('{"name": "x",\n "thresholds": {\n  "voltage_l1": {"low": 200,}\n }}', "rack.json:3: not valid JSON"),
    ('{"name": "x",\n "thresholds": {\n  "voltage_l9": {"low": 200}\n }}', "rack.json:3: thresholds.voltage_l9: no such quantity"),
    ('{"name": "x",\n "thresholds": {\n  "voltage_l1": {\n   "lowest": 200}\n }}',
     "rack.json:4: thresholds.voltage_l1.lowest: no such threshold"),
    ('{"name": "x",\n "thresholds": {\n  "voltage_l1": {"low": "200"}\n }}',
     'rack.json:3: thresholds.voltage_l1.low: "200" is not a number'),
    ('{"name": "x",\n "thresholds": {\n  "voltage_l1": {"low": true}\n }}', "thresholds.voltage_l1.low: true"),
    ('{"name": "x",\n "thresholds": {"voltage_l1": {"low": 1},\n  "voltage_l1": {"high": 2}}}',
     "rack.json:3: voltage_l1: given twice"),
    ('{"name": "x",\n "limits": {}}', "rack.json:2: limits: unknown key"),
    ('{"name": "x",\n "thresholds": {\n  "humidity": {"high": NaN}}}', "rack.json:3: NaN"),
    ('{"name": "x", "thresholds": {}}', "thresholds: is empty"),
    ('{"name": "x"}', 'no "thresholds"'),
    ('[1, 2]', "expected a JSON object"),
    ('{"name": 5, "thresholds": {"humidity": {"high": 1}}}', "name: must be text"),
])
def test_bad_profiles_name_file_line_and_key(text, where):
    with pytest.raises(ProfileError) as err:
        parse_profile(text, "rack.json")
    assert where in str(err.value)
