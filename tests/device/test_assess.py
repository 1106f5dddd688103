"""The state rules (device/assess.py): alarm, warning near a limit, not connected, conflict,
a failed poll, an energy meter cleared. Pure: shared by the window, the CLI and the report."""

import pytest

from bps_commissioner.device.assess import (
    ENERGY_CLEARED_BELOW, NEAR_LIMIT, Level, UnitState, assess, assess_reading, energy_cleared, monitored_status,
    near_limit, value_status,
)
from bps_commissioner.device.decode import decode_registers
from bps_commissioner.device.registers import MONITORED_BY_KEY, REGISTER_COUNT
from bps_commissioner.simulator import SENSOR_BOX, TH_PROBE, SimulatedUnit


def reading_of(unit):
    return decode_registers(unit.address, dict(enumerate(unit.read(0, REGISTER_COUNT))))


def test_alarm_unit_is_in_alarm():
    unit = SimulatedUnit(3, alarm=True, seed=1)
    reading = reading_of(unit)
    a = assess_reading(reading)
    assert a.state is UnitState.ALARM and "voltage_l1" in a.alarms
    status = monitored_status(reading, MONITORED_BY_KEY["voltage_l1"])
    assert status.level is Level.ALARM and status.code == "high" and status.high == 225.0


def test_near_limit_is_a_warning_and_absent_probes_are_not_connected():
    unit = SimulatedUnit(1, rating=16, probes=TH_PROBE, seed=1)
    unit.pin({"current_l2": 15.5, "voltage_l3": 183.0})
    reading = reading_of(unit)
    assert value_status(reading, "current_l2").code == "near_high"
    assert value_status(reading, "voltage_l3").code == "near_low"
    assert value_status(reading, "current_l1").level is Level.NORMAL
    assert value_status(reading, "temperature_1").level is Level.ABSENT
    assert value_status(reading, "door_1").code == "absent"
    assert assess_reading(reading).state is UnitState.WARNING


def test_sensors_and_single_phase():
    unit = SimulatedUnit(4, phases=1, probes=SENSOR_BOX, seed=2)
    unit.pin({"smoke": "yes", "door_2": "open"})
    reading = reading_of(unit)
    assert value_status(reading, "voltage_l2").code == "no_phase"
    assert value_status(reading, "smoke").level is Level.ALARM
    assert value_status(reading, "door_2").level is Level.WARNING
    assert assess_reading(reading).state is UnitState.ALARM


@pytest.mark.parametrize("state, expected", [("offline", UnitState.OFFLINE), ("lost", UnitState.OFFLINE),
                                             ("error", UnitState.WARNING)])
def test_failed_polls(state, expected):
    from bps_commissioner.services.worker import UnitResult

    from bps_commissioner.device.faults import Fault, FaultKind

    fault = Fault(FaultKind.NO_REPLY, "No reply", unit=1)
    assert assess(UnitResult(1, 0.0, None, fault, state)).state is expected
    assert assess(None).state is UnitState.WAITING
    assert assess(None, conflict=True).state is UnitState.CONFLICT


def test_near_limit_is_five_percent_of_the_span_and_a_low_limit_of_zero_is_none():
    assert NEAR_LIMIT == 0.05
    assert near_limit(223.5, 195.0, 225.0) == "near_high"  # within 1.5 V (5 % of 30 V) of the high limit
    assert near_limit(223.4, 195.0, 225.0) is None
    assert near_limit(196.5, 195.0, 225.0) == "near_low"
    assert near_limit(0.5, 0.0, 32.0) is None  # a low limit of 0: no low limit to approach
    assert near_limit(10.0, 20.0, 20.0) is None  # no span


@pytest.mark.parametrize("kwh, cleared", [(0.0, True), (0.4, True), (0.999, True), (1.0, False), (12.0, False),
                                          (None, False)])
def test_an_energy_meter_counts_as_cleared_below_one_kwh(kwh, cleared):
    assert ENERGY_CLEARED_BELOW == 1.0
    assert energy_cleared(kwh) is cleared
