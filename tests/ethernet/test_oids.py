"""The SNMP object table (PROTOCOL.md section 3) and the decoding of both value forms."""

import pytest

from bps_commissioner.device.oids import (
    DEVICE_NAME_OID,
    SNMP_QUANTITIES,
    decode_snmp_value,
    decode_unit,
    encode_snmp_value,
    locate,
    oid_of,
    oid_text,
    parse_oid,
    parse_scale_overrides,
    unit_oids,
    v3_protocol,
    V3_AUTH_PROTOCOLS,
    V3_PRIV_PROTOCOLS,
)
from bps_commissioner.device.registers import BY_KEY


def oid(address, key):
    return oid_text(oid_of(address, BY_KEY[key]))


def test_table_follows_the_manual_with_its_errata_settled():
    assert oid_text(DEVICE_NAME_OID) == ".1.3.6.1.4.1.47394.1.1.1.0"
    assert oid(0, "current_l1") == ".1.3.6.1.4.1.47394.1.2.1.0"  # masterCurrentL1
    assert oid(0, "voltage_l1") == ".1.3.6.1.4.1.47394.1.2.2.0"
    assert oid(0, "power_factor_l3") == ".1.3.6.1.4.1.47394.1.2.27.0"
    assert oid(0, "temperature") == ".1.3.6.1.4.1.47394.1.2.28.0"
    assert oid(0, "humidity_2") == ".1.3.6.1.4.1.47394.1.2.33.0"
    assert oid(0, "smoke") == ".1.3.6.1.4.1.47394.1.2.34.0"
    assert oid(0, "water") == ".1.3.6.1.4.1.47394.1.2.35.0"
    assert oid(0, "door_2") == ".1.3.6.1.4.1.47394.1.2.37.0"
    assert oid(1, "voltage_l1") == ".1.3.6.1.4.1.47394.1.3.2.0"  # slaveOneVoltageL1
    # errata: slave 2 / slave 5 reactive power L2 is item 13, not the manual's 12
    assert oid(2, "reactive_power_l2") == ".1.3.6.1.4.1.47394.1.4.13.0"
    assert oid(2, "active_power_l2") == ".1.3.6.1.4.1.47394.1.4.12.0"
    assert oid(5, "reactive_power_l2") == ".1.3.6.1.4.1.47394.1.7.13.0"
    # errata: slave 5 has all 37 items like every other unit
    assert oid(5, "door_2") == ".1.3.6.1.4.1.47394.1.7.37.0"


def test_every_unit_has_37_distinct_items():
    assert len(SNMP_QUANTITIES) == 37
    for address in range(6):
        oids = [o for o, _ in unit_oids(address)]
        assert len(set(oids)) == 37
        for o, q in unit_oids(address):
            assert locate(o) == (address, q)
    assert locate(DEVICE_NAME_OID) is None
    assert locate((1, 3, 6, 1, 4, 1, 47394, 1, 8, 2, 0)) is None  # no slave 6
    with pytest.raises(ValueError, match="chain address 6"):
        oid_of(6, BY_KEY["voltage_l1"])
    with pytest.raises(ValueError, match="not in the SNMP object table"):
        oid_of(0, BY_KEY["active_energy_total"])


def test_parse_oid():
    assert parse_oid(".1.3.6.1.4.1.47394.1.2.2.0") == (1, 3, 6, 1, 4, 1, 47394, 1, 2, 2, 0)
    with pytest.raises(ValueError, match="not a dotted OID"):
        parse_oid("1.3.x")


@pytest.mark.parametrize("key, raw, expected", [
    ("voltage_l1", 2318, 231.8),  # Gauge32 scaled like Modbus register 0
    ("current_l2", 3, 0.03),
    ("frequency_l1", 5001, 50.01),
    ("power_factor_l1", 93, 0.93),
    ("active_energy_l1", 1800120, 1800.12),  # Counter32, / 1000 like the Modbus counter
    ("temperature", -15, -1.5),  # INTEGER, signed
    ("temperature", 0xFFF1, -1.5),  # a 16-bit register passed through as Gauge32
    ("temperature", 0, None),  # probe not connected, as on Modbus
    ("humidity", 455, 45.5),
    ("door_1", 1, "open"), ("door_1", 2, "closed"), ("door_1", 0, None),
    ("smoke", 1, "yes"), ("water", 2, "no"), ("water", 9, None),
])
def test_integer_values_are_scaled_like_the_modbus_register(key, raw, expected):
    assert decode_snmp_value(BY_KEY[key], raw) == (expected, None)


@pytest.mark.parametrize("key, text, expected", [
    ("voltage_l1", "239.7", 239.7),
    ("voltage_l1", " 239.7 V", 239.7),
    ("current_l1", "0,03", 0.03),
    ("active_energy_l2", "1800.12kWh", 1800.12),
    ("temperature", "-3.5", -3.5),
    ("temperature", "25.4C", 25.4),
    ("humidity", "45%", 45.0),
    ("voltage_l2", "--", None), ("voltage_l2", "", None), ("humidity_1", "N/A", None),
    ("door_1", "Open", "open"), ("door_2", "close", "closed"), ("door_2", "2", "closed"),
    ("smoke", "Normal", "no"), ("water", "yes", "yes"), ("water", "--", None),
])
def test_text_values_are_parsed(key, text, expected):
    assert decode_snmp_value(BY_KEY[key], text) == (expected, None)


def test_unreadable_text_is_a_fault_not_a_guess():
    value, fault = decode_snmp_value(BY_KEY["voltage_l1"], "abc")
    assert value is None and "voltage_l1" in fault and "'abc'" in fault
    value, fault = decode_snmp_value(BY_KEY["door_1"], "ajar")
    assert value is None and "door_1" in fault
    reading = decode_unit(0, {"voltage_l1": "abc", "voltage_l2": 2300})
    assert reading.values["voltage_l1"] is None and reading.values["voltage_l2"] == 230.0
    assert reading.faults and reading.to_dict()["faults"]


def test_scale_overrides():
    scales = parse_scale_overrides(["voltage=1", "active_energy_l1=100"])
    assert scales == {"voltage_l1": 1, "voltage_l2": 1, "voltage_l3": 1, "active_energy_l1": 100}
    assert decode_snmp_value(BY_KEY["voltage_l1"], 231, scales["voltage_l1"]) == (231, None)
    assert decode_snmp_value(BY_KEY["active_energy_l1"], 180012, 100) == (1800.12, None)
    for bad, message in (("voltage", "NAME=DIVISOR"), ("volts=10", "not an SNMP quantity"),
                         ("voltage=7", "divisor must be"), ("current_l1.high=10", "not an SNMP quantity")):
        with pytest.raises(ValueError, match=message):
            parse_scale_overrides([bad])


@pytest.mark.parametrize("form", ["integer", "text"])
def test_both_forms_round_trip_for_every_item(form):
    values = {"voltage_l1": 231.8, "current_l1": 10.26, "active_power_l1": 2228.7, "reactive_power_l1": 807.7,
              "apparent_power_l1": 2370.6, "frequency_l1": 49.99, "power_factor_l1": 0.94,
              "active_energy_l1": 2310.021, "apparent_energy_l1": 2438.398, "temperature": -1.5,
              "temperature_1": None, "humidity": 45.0, "door_1": "open", "door_2": None, "smoke": "no",
              "water": "yes"}
    for key, value in values.items():
        q = BY_KEY[key]
        served = encode_snmp_value(q, value, form)
        assert isinstance(served, str if form == "text" else int)
        assert decode_snmp_value(q, served)[0] == value, (key, served)
    with pytest.raises(ValueError, match="value form"):
        encode_snmp_value(BY_KEY["voltage_l1"], 230.0, "float")


def test_decode_unit_builds_the_modbus_json_shape():
    answers = {q.key: encode_snmp_value(q, None if q.unit in ("°C", "%") else 0, "integer") for q in SNMP_QUANTITIES}
    answers.update(voltage_l1=2301, voltage_l2=2302, voltage_l3=2303, active_energy_l1=1000, active_energy_l2=2000,
                   active_energy_l3=500, apparent_energy_l1=1100, apparent_energy_l2=2200, apparent_energy_l3=600)
    d = decode_unit(3, answers).to_dict()
    assert d["address"] == 3 and d["phases"] == 3
    assert list(d["readings"]) == ["L1", "L2", "L3", "total"]
    assert d["readings"]["L2"]["voltage"] == 230.2
    # SNMP has no totals: they are the sum of the phases, as the unit's own Modbus totals are
    assert d["readings"]["total"] == {"active_energy": 3.5, "apparent_energy": 3.9}
    assert d["sensors"]["temperature"] is None and d["sensors"]["door_1"] is None
    assert d["thresholds"] == {} and d["alarms"] == {}  # not in the OID table


def test_v3_protocol_names():
    assert v3_protocol("sha256", V3_AUTH_PROTOCOLS, "-a") == "SHA-256"
    assert v3_protocol("aes", V3_PRIV_PROTOCOLS, "-x") == "AES"
    assert v3_protocol("AES192C", V3_PRIV_PROTOCOLS, "-x") == "AES-192-C"
    with pytest.raises(ValueError, match="-x 'blowfish' is not one of"):
        v3_protocol("blowfish", V3_PRIV_PROTOCOLS, "-x")
