"""The register table against PROTOCOL.md section 2, typed here independently of the code."""

import pytest

from bps_commissioner.device.decode import decode_quantity, decode_registers, encode_quantity
from bps_commissioner.device.registers import (
    BY_KEY, MONITORED, QUANTITIES, REGISTER_COUNT, Kind, Section, owner_of,
)

# key: (first register, words, scale, unit) as PROTOCOL.md lists them.
EXPECTED = {
    "voltage_l1": (0, 1, 10, "V"), "voltage_l2": (1, 1, 10, "V"), "voltage_l3": (2, 1, 10, "V"),
    "current_l1": (3, 1, 100, "A"), "current_l2": (4, 1, 100, "A"), "current_l3": (5, 1, 100, "A"),
    "active_power_l1": (6, 1, 10, "W"), "active_power_l2": (7, 1, 10, "W"), "active_power_l3": (8, 1, 10, "W"),
    "reactive_power_l1": (9, 1, 10, "var"), "reactive_power_l2": (10, 1, 10, "var"),
    "reactive_power_l3": (11, 1, 10, "var"),
    "apparent_power_l1": (12, 1, 10, "VA"), "apparent_power_l2": (13, 1, 10, "VA"),
    "apparent_power_l3": (14, 1, 10, "VA"),
    "frequency_l1": (15, 1, 100, "Hz"), "frequency_l2": (16, 1, 100, "Hz"), "frequency_l3": (17, 1, 100, "Hz"),
    "power_factor_l1": (18, 1, 100, ""), "power_factor_l2": (19, 1, 100, ""), "power_factor_l3": (20, 1, 100, ""),
    "active_energy_l1": (21, 4, 1000, "kWh"), "active_energy_l2": (25, 4, 1000, "kWh"),
    "active_energy_l3": (29, 4, 1000, "kWh"),
    "apparent_energy_l1": (33, 4, 1000, "kVAh"), "apparent_energy_l2": (37, 4, 1000, "kVAh"),
    "apparent_energy_l3": (41, 4, 1000, "kVAh"),
    "active_energy_total": (45, 4, 1000, "kWh"), "apparent_energy_total": (49, 4, 1000, "kVAh"),
    "temperature": (53, 1, 10, "°C"), "temperature_1": (54, 1, 10, "°C"), "temperature_2": (55, 1, 10, "°C"),
    "humidity": (56, 1, 10, "%"), "humidity_1": (57, 1, 10, "%"), "humidity_2": (58, 1, 10, "%"),
    "door_1": (59, 1, 1, ""), "door_2": (60, 1, 1, ""), "smoke": (61, 1, 1, ""), "water": (62, 1, 1, ""),
    "voltage_l1.low": (63, 1, 10, "V"), "voltage_l1.high": (64, 1, 10, "V"),
    "voltage_l2.low": (65, 1, 10, "V"), "voltage_l2.high": (66, 1, 10, "V"),
    "voltage_l3.low": (67, 1, 10, "V"), "voltage_l3.high": (68, 1, 10, "V"),
    "current_l1.low": (69, 1, 10, "A"), "current_l1.high": (70, 1, 10, "A"),
    "current_l2.low": (71, 1, 10, "A"), "current_l2.high": (72, 1, 10, "A"),
    "current_l3.low": (73, 1, 10, "A"), "current_l3.high": (74, 1, 10, "A"),
    "temperature.low": (75, 1, 1, "°C"), "temperature.high": (76, 1, 1, "°C"),
    "temperature_1.low": (77, 1, 1, "°C"), "temperature_1.high": (78, 1, 1, "°C"),
    "temperature_2.low": (79, 1, 1, "°C"), "temperature_2.high": (80, 1, 1, "°C"),
    "humidity.low": (81, 1, 1, "%"), "humidity.high": (82, 1, 1, "%"),
    "humidity_1.low": (83, 1, 1, "%"), "humidity_1.high": (84, 1, 1, "%"),
    "humidity_2.low": (85, 1, 1, "%"), "humidity_2.high": (86, 1, 1, "%"),
    "voltage_l1.alarm": (87, 1, 1, ""), "voltage_l2.alarm": (88, 1, 1, ""), "voltage_l3.alarm": (89, 1, 1, ""),
    "current_l1.alarm": (90, 1, 1, ""), "current_l2.alarm": (91, 1, 1, ""), "current_l3.alarm": (92, 1, 1, ""),
    "temperature.alarm": (93, 1, 1, ""), "temperature_1.alarm": (94, 1, 1, ""),
    "temperature_2.alarm": (95, 1, 1, ""), "humidity.alarm": (96, 1, 1, ""),
    "humidity_1.alarm": (97, 1, 1, ""), "humidity_2.alarm": (98, 1, 1, ""),
}

# SNMP items of PROTOCOL.md section 3 (readings and sensors only).
EXPECTED_OID_ITEMS = {
    "current_l1": 1, "voltage_l1": 2, "active_power_l1": 3, "reactive_power_l1": 4, "apparent_power_l1": 5,
    "frequency_l1": 6, "active_energy_l1": 7, "apparent_energy_l1": 8, "power_factor_l1": 9,
    "current_l2": 10, "voltage_l2": 11, "active_power_l2": 12, "reactive_power_l2": 13, "apparent_power_l2": 14,
    "frequency_l2": 15, "active_energy_l2": 16, "apparent_energy_l2": 17, "power_factor_l2": 18,
    "current_l3": 19, "voltage_l3": 20, "active_power_l3": 21, "reactive_power_l3": 22, "apparent_power_l3": 23,
    "frequency_l3": 24, "active_energy_l3": 25, "apparent_energy_l3": 26, "power_factor_l3": 27,
    "temperature": 28, "temperature_1": 29, "temperature_2": 30, "humidity": 31, "humidity_1": 32,
    "humidity_2": 33, "smoke": 34, "water": 35, "door_1": 36, "door_2": 37,
}


def test_table_matches_protocol():
    assert {q.key: (q.register, q.words, q.scale, q.unit) for q in QUANTITIES} == EXPECTED


def test_oid_items_match_protocol():
    assert {q.key: q.oid_item for q in QUANTITIES if q.oid_item is not None} == EXPECTED_OID_ITEMS


def test_every_register_has_exactly_one_owner():
    seen = {}
    for q in QUANTITIES:
        for r in q.registers:
            assert r not in seen, f"register {r} in {q.key} and {seen[r]}"
            seen[r] = q.key
    assert sorted(seen) == list(range(REGISTER_COUNT))
    assert owner_of(23).key == "active_energy_l1"
    assert owner_of(99) is None


def test_signedness():
    assert {q.key for q in QUANTITIES if q.signed} == {
        "temperature", "temperature_1", "temperature_2",
        "temperature.low", "temperature.high", "temperature_1.low", "temperature_1.high",
        "temperature_2.low", "temperature_2.high"}


def test_monitored_registers():
    assert [(m.key, m.low_register, m.high_register, m.alarm_register) for m in MONITORED][:1] == [
        ("voltage_l1", 63, 64, 87)]
    assert all(BY_KEY[m.reading].section in (Section.READINGS, Section.SENSORS) for m in MONITORED)


@pytest.mark.parametrize("q", QUANTITIES, ids=lambda q: q.key)
def test_every_row_round_trips(q):
    """Each row decodes what it encodes, at a value typical for its kind."""
    sample = {
        Kind.MEASURE: 123.4 if q.scale == 10 else 1.23,
        Kind.ENERGY: 1800.12,
        Kind.PROBE: -5.5 if q.signed else 41.1,
        Kind.DOOR: "open",
        Kind.PRESENCE: "yes",
        Kind.THRESHOLD: -10 if q.signed else (25.5 if q.scale == 10 else 60),
        Kind.ALARM: "high",
    }[q.kind]
    words = encode_quantity(q, sample)
    assert len(words) == q.words
    assert all(0 <= w <= 0xFFFF for w in words)
    value, fault = decode_quantity(q, tuple(words))
    assert fault is None
    assert value == sample

