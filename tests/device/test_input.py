"""Issue 15, Input: the one strict number reader, and the plan/profile loaders fuzzed (never a
traceback: a result, or a PlanError/ProfileError/ValueError with a message)."""

import json
from decimal import Decimal

import pytest
from hypothesis import example, given, strategies as st

from bps_commissioner.device.address import parse_host
from bps_commissioner.device.bus import parse_units
from bps_commissioner.device.jsonfile import MAX_DEPTH, JsonFileError, loads
from bps_commissioner.device.limits import ValidationError, parse_number, validate
from bps_commissioner.device.numbers import NumberError, parse_decimal, parse_whole
from bps_commissioner.device.plan import PlanError, parse_plan
from bps_commissioner.device.profile import ProfileError, parse_profile

ODD = ["1_0", "1e1", "1E1", "１０", "٣٠", "۳۰", "१०", "1 0", "Infinity", "inf", "NaN", "0x1e", "1..0", "1.0.0",
       "+-1", "--1", "", " ", ".", "-", "1,5", "½", "²", "10\u00a0", "1\u200b0", "9" * 21]


@pytest.mark.parametrize("text", ODD)
def test_only_plain_ascii_numbers_are_taken(text):
    with pytest.raises(NumberError) as exc:
        parse_decimal(text)
    assert repr(text) in str(exc.value) or "too long" in str(exc.value)


@pytest.mark.parametrize("text, value", [("25", "25"), ("-5", "-5"), ("+5", "5"), ("190.5", "190.5"),
                                         (" 30 ", "30"), ("0.5", "0.5"), (".5", "0.5"), ("25.", "25")])
def test_plain_numbers_are_taken(text, value):
    assert parse_decimal(text) == Decimal(value)


def test_the_window_takes_its_locale_separator():
    assert parse_decimal("190,5", separator=",") == Decimal("190.5")
    assert parse_decimal("190.5", separator=",") == Decimal("190.5")
    with pytest.raises(NumberError):
        parse_decimal("190,5")
    with pytest.raises(NumberError):
        parse_decimal("1,000.5", separator=",")


@pytest.mark.parametrize("value", ["1_0", "1e1", "１０", "٣٠"])
def test_a_limit_with_odd_digits_is_refused_by_validate(value):
    """Issue 15: these were applied to the unit."""
    with pytest.raises(ValidationError) as exc:
        validate({}, {"temperature.high": value})
    (problem,) = exc.value.problems
    assert problem.code == "not_a_number" and repr(value) in problem.message


def test_addresses_ports_and_counts_are_ascii_digits():
    for text in ("５０２", "5_02", "+502", "5 02"):
        with pytest.raises(ValueError, match="is not a number from 1 to 65535"):
            parse_host(f"10.0.0.5:{text}", 502)
    assert parse_host("10.0.0.5:502", 1) == ("10.0.0.5", 502)
    for text in ("１", "1_0", "+3", "٣", "1-٣"):
        with pytest.raises(ValueError):
            parse_units(text)
    assert parse_units("1, 3-4") == [1, 3, 4]
    assert parse_whole(" 7 ", 1, 9) == 7
    with pytest.raises(NumberError, match="'10' is not a count from 1 to 9"):
        parse_whole("10", 1, 9, "a count")


def test_json_nested_beyond_the_limit_is_refused_but_strings_do_not_count():
    ok = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert loads(ok) is not None and loads(ok, positions=True) is not None
    with pytest.raises(JsonFileError, match="nested too deeply"):
        loads("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "f.json")
    assert loads('{"a": "' + "[" * 1000 + '\\"{"}') == {"a": "[" * 1000 + '"{'}


def test_every_problem_of_a_profile_is_listed_at_once():
    text = """{"name": 5, "colour": "red",
 "thresholds": {"voltage_l9": {"low": 1},
                "current_l1": {"hi": 3, "low": "x"},
                "humidity": {"high": 60}}}"""
    with pytest.raises(ProfileError) as exc:
        parse_profile(text, "rack.json")
    found = [(p.line, p.key) for p in exc.value.problems]
    assert found == [(1, "colour"), (1, "name"), (2, "thresholds.voltage_l9"), (3, "thresholds.current_l1.hi"),
                     (3, "thresholds.current_l1.low")]
    assert str(exc.value).startswith("5 problems:\n  rack.json:1: colour: unknown key")


# --- fuzzing ---------------------------------------------------------------------------------

@given(st.text(max_size=30))
@example("1_0")
@example("１０")
@example("٣٠")
@example("1e1")
def test_fuzz_the_strict_reader_takes_only_plain_ascii(text):
    try:
        value = parse_decimal(text, separator=",")
    except NumberError as exc:
        assert str(exc)
        return
    body = text.strip()
    assert set(body) <= set("+-0123456789.,") and value.is_finite()
    assert Decimal(body.replace(",", ".")) == value


@given(st.text(max_size=20))
def test_fuzz_a_threshold_value_is_a_number_or_a_problem(text):
    result = parse_number("temperature.high", text)
    assert isinstance(result, Decimal) or result.code == "not_a_number"


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
                    | st.text(max_size=10),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                max_size=4), max_leaves=20)
PLAN_KEYS = st.sampled_from(["site", "links", "units", "address", "link", "serial", "tcp", "snmp", "baud",
                             "probes", "rating", "phases", "host", "version", "timeout", "profile", "x"])
PLANLIKE = st.recursive(st.none() | st.integers(-3, 300) | st.sampled_from(["COM5", "10.0.0.5:502", "3", "humidity"]),
                        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(PLAN_KEYS, inner, max_size=5),
                        max_leaves=25)


def _loads_or_refuses(parse, error, text):
    try:
        parse(text, "f.json")
    except error as exc:
        assert str(exc).startswith("f.json") or "problems:" in str(exc)
        assert all(isinstance(p, error) for p in exc.problems)


@given(st.one_of(JSON.map(json.dumps), PLANLIKE.map(json.dumps), st.text(max_size=60)))
@example("[" * 100_000)
@example('{"links": [{"serial": "COM5"}], "units": [{"address": 1, "link": 1}]}')
@example('{"links": [{"tcp": 5}], "units": [{"address": 1}]}')
def test_fuzz_the_plan_loader(text):
    _loads_or_refuses(parse_plan, PlanError, text)


@given(st.one_of(JSON.map(json.dumps), st.text(max_size=60),
                 st.dictionaries(st.sampled_from(["name", "thresholds", "x"]), JSON).map(json.dumps)))
@example('{"thresholds": {"humidity": {"high": 1e400}}}')
@example("{" * 50_000)
def test_fuzz_the_profile_loader(text):
    _loads_or_refuses(parse_profile, ProfileError, text)
