"""Decoding rules of the foundation issue, with the manual's test vectors."""

import json

import pytest

from bps_commissioner.device.bus import BusSettings, parse_units
from bps_commissioner.device.decode import decode_registers, registers_of
from bps_commissioner.device.registers import BY_KEY, REGISTER_COUNT


def full(**regs):
    base = {i: 0 for i in range(REGISTER_COUNT)}
    base.update({int(k[1:]): v for k, v in regs.items()})
    return base


def test_manual_voltage_vector():
    r = decode_registers(1, full(r0=0x090E))
    assert r.value("voltage_l1") == 231.8


def test_manual_energy_vector():
    r = decode_registers(1, full(r21=0, r22=27, r23=119, r24=184))
    assert r.value("active_energy_l1") == 1800.12
    assert r.faults == ()


def test_energy_byte_above_255_is_a_fault_not_masked():
    r = decode_registers(1, full(r21=0, r22=300, r23=119, r24=184))
    assert r.value("active_energy_l1") is None
    assert len(r.faults) == 1
    assert "register 22 reads 300" in r.faults[0] and "active_energy_l1" in r.faults[0]
    assert r.to_dict()["faults"] == list(r.faults)
    assert r.raw[22] == 300


def test_scaling_of_readings_and_thresholds():
    r = decode_registers(3, full(r3=3, r6=23, r15=5000, r18=32, r69=0, r70=250, r75=0, r76=40))
    assert r.value("current_l1") == 0.03  # readings /100
    assert r.value("active_power_l1") == 2.3
    assert r.value("frequency_l1") == 50.0
    assert r.value("power_factor_l1") == 0.32
    assert r.value("current_l1.high") == 25.0  # thresholds /10
    assert r.value("temperature.high") == 40 and isinstance(r.value("temperature.high"), int)


def test_temperature_is_signed_and_zero_probe_is_not_connected():
    r = decode_registers(1, full(r53=0xFF9C, r54=0, r55=254, r56=411, r57=0, r79=0xFFF6))
    assert r.value("temperature") == -10.0
    assert r.value("temperature_1") is None  # exactly 0: absent probe
    assert r.raw[54] == 0  # the raw value stays available
    assert r.value("temperature_2") == 25.4
    assert r.value("humidity") == 41.1
    assert r.value("humidity_1") is None
    assert r.value("temperature_2.low") == -10


@pytest.mark.parametrize("raw, door, presence", [(1, "open", "yes"), (2, "closed", "no"),
                                                 (0, None, None), (3, None, None), (65535, None, None)])
def test_enums(raw, door, presence):
    r = decode_registers(1, full(r59=raw, r61=raw, r62=raw))
    assert r.value("door_1") == door
    assert r.value("smoke") == presence
    assert r.value("water") == presence


@pytest.mark.parametrize("raw, state", [(0, "normal"), (1, "low"), (16, "high"), (5, "unknown (5)")])
def test_alarm_states(raw, state):
    assert decode_registers(1, full(r87=raw)).value("voltage_l1.alarm") == state


def test_phase_detection():
    assert decode_registers(1, full(r0=2300)).phases == 1
    assert decode_registers(1, full(r0=2300, r2=2310)).phases == 3
    single = decode_registers(1, full(r0=2300)).to_dict()
    assert list(single["readings"]) == ["L1", "total"]


def test_json_shape():
    values = {"voltage_l1": 239.7, "voltage_l2": 230.0, "voltage_l3": 231.0, "current_l1": 0.03,
              "active_energy_l1": 1800.12, "active_energy_total": 1800.6, "temperature": 25.4,
              "door_1": "closed", "voltage_l1.low": 180.0, "voltage_l1.high": 276.0,
              "temperature.low": 0, "temperature.high": 40, "voltage_l3.alarm": "low",
              "humidity.alarm": "high"}
    regs = full()
    regs.update(registers_of(values))
    d = decode_registers(1, regs).to_dict()
    json.dumps(d)
    assert d["address"] == 1 and d["phases"] == 3
    assert set(d) == {"address", "phases", "readings", "sensors", "thresholds", "alarms"}
    assert set(d["readings"]) == {"L1", "L2", "L3", "total"}
    assert d["readings"]["L1"]["voltage"] == 239.7
    assert set(d["readings"]["L1"]) == {"voltage", "current", "active_power", "reactive_power",
                                        "apparent_power", "frequency", "power_factor", "active_energy",
                                        "apparent_energy"}
    assert d["readings"]["total"] == {"active_energy": 1800.6, "apparent_energy": 0.0}
    assert d["sensors"]["temperature"] == 25.4 and d["sensors"]["door_1"] == "closed"
    assert d["sensors"]["door_2"] is None and d["sensors"]["humidity"] is None
    assert d["thresholds"]["voltage_l1"] == {"low": 180.0, "high": 276.0}
    assert d["thresholds"]["temperature"] == {"low": 0, "high": 40}
    keys = ["voltage_l1", "voltage_l2", "voltage_l3", "current_l1", "current_l2", "current_l3",
            "temperature", "temperature_1", "temperature_2", "humidity", "humidity_1", "humidity_2"]
    assert list(d["thresholds"]) == keys and list(d["alarms"]) == keys
    assert d["alarms"]["voltage_l3"] == "low" and d["alarms"]["humidity"] == "high"


def test_partial_registers_decode_only_complete_rows():
    r = decode_registers(1, {0: 2300, 21: 0, 22: 1})
    assert r.value("voltage_l1") == 230.0
    assert "active_energy_l1" not in r.values


def test_encode_refuses_what_does_not_fit():
    with pytest.raises(ValueError):
        registers_of({"voltage_l1": 7000.0})
    with pytest.raises(ValueError):
        registers_of({"active_energy_l1": -1})
    assert BY_KEY["temperature"].decimals == 1


def test_bus_settings():
    bus = BusSettings()
    assert str(bus) == "9600 8N1"
    assert bus.char_time == pytest.approx(10 / 9600)
    assert BusSettings(19200, "E", 2).bits_per_char == 12
    assert BusSettings(38400).silence == 0.00175
    with pytest.raises(ValueError, match="baud rate 1200"):
        BusSettings(1200)
    with pytest.raises(ValueError, match="parity"):
        BusSettings(9600, "X")


def test_parse_units():
    assert parse_units("1,2,5-8") == [1, 2, 5, 6, 7, 8]
    assert parse_units("5,5,9") == [5, 5, 9]
    for bad, msg in [("0", "outside"), ("1,,2", "empty"), ("x", "not an address"), ("8-5", "backwards"),
                     ("248", "outside")]:
        with pytest.raises(ValueError, match=msg):
            parse_units(bad)
