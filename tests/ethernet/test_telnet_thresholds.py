"""Warning thresholds through Telnet menu 8: parsing, validation, the unit's command format,
and a change read back from the simulated CLI."""

import pytest

from bps_commissioner.device.decode import decode_registers
from bps_commissioner.device.limits import ValidationError
from bps_commissioner.services.telnet_thresholds import (
    TELNET_QUANTITIES,
    parse_assignments,
    parse_listing,
    set_telnet_thresholds,
    threshold_command,
    validate,
)
from bps_commissioner.simulator.telnet import TelnetSimulator
from bps_commissioner.transport.telnet import TelnetSession
from tests.ethernet.conftest import TELNET_PASSWORD

MANUAL_LISTING = """Threshold Settings
Phase 1 Current [A]: High Alarm:32.0A High Warning:16.0A Low Warning:0.0A Low Alarm:0.0A
Phase 2 Current [A]: High Alarm:32.0A High Warning:16.0A Low Warning:0.0A Low Alarm:0.0A
Phase 3 Current [A]: High Alarm:32.0A High Warning:16.0A Low Warning:0.0A Low Alarm:0.0A
Phase 1 Voltage [V]: High Alarm:276.0V High Warning:276.0V Low Warning:0.0V Low Alarm:0.0V
Phase 2 Voltage [V]: High Alarm:276.0V High Warning:276.0V Low Warning:0.0V Low Alarm:0.0V
Phase 3 Voltage [V]: High Alarm:276.0V High Warning:276.0V Low Warning:0.0V Low Alarm:0.0V
Temperature [C]: High Alarm:40C High Warning:40C Low Warning:0C Low Alarm:0C
Humidity [%]: High Alarm:99% High Warning:80% Low Warning:0% Low Alarm:0%
Command:1.Set Current 2.Set Voltage 3.Set Temperature 4.Set Humidity 5.Back
Command format: current one:xx&xx&xx&xx
"""

PRESENT = parse_listing(MANUAL_LISTING)


def test_listing_of_the_manuals_screenshot():
    assert set(PRESENT) == set(TELNET_QUANTITIES)
    assert PRESENT["current_l1"] == {"high": 32.0, "high_warning": 16.0, "low_warning": 0.0, "low": 0.0}
    assert PRESENT["voltage_l3"]["high"] == 276.0
    assert PRESENT["humidity"] == {"high": 99.0, "high_warning": 80.0, "low_warning": 0.0, "low": 0.0}
    # values in another order, spacing and case are read the same
    odd = parse_listing("phase 2 current: low alarm : 1.0A HIGH ALARM:20A High Warning: 18A Low Warning:2A")
    assert odd == {"current_l2": {"low": 1.0, "high": 20.0, "high_warning": 18.0, "low_warning": 2.0}}


def test_the_units_command_format():
    assert threshold_command("current_l1", {"high": 32.0, "high_warning": 25.0, "low_warning": 0.0, "low": 0.0}) \
        == "current one:32&25&0&0"
    assert threshold_command("voltage_l3", {"high": 253.5, "high_warning": 250.0, "low_warning": 210.0,
                                            "low": 207.0}) == "voltage three:253.5&250&210&207"
    assert threshold_command("temperature", {"high": 40, "high_warning": 35, "low_warning": 5, "low": -5}) \
        == "temperature:40&35&5&-5"


def test_validation_keeps_the_order_and_the_ranges():
    assert validate(PRESENT, {"current_l1.high_warning": "25"}) == {
        "current_l1": {"high": 32.0, "high_warning": 25.0, "low_warning": 0.0, "low": 0.0}}
    cases = {
        "current_l1.high_warning=40": "outside the unit's rated current (32 A)",
        "current_l1.high_warning=25.55": "more decimals",
        "temperature.high_warning=35.5": "whole numbers only",
        "humidity.low_warning=90": "is above humidity.high_warning = 80 % (the unit's present value)",
        "voltage_l1.high=301": "outside the physical range",
        "temperature.low=-25": "outside the physical range",
        "current_l2.high_warning=abc": "is not a number",
    }
    for item, message in cases.items():
        requested, problems = parse_assignments([item])
        assert not problems
        with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")):
            validate(PRESENT, requested)
    with pytest.raises(ValidationError, match=r"rated current \(16 A\)"):
        validate(PRESENT, {"current_l3.high": 20}, rating=16)
    _, problems = parse_assignments(["temperature_1.high_warning=30", "current_l1.high_warnin=3", "x",
                                     "humidity.high=50", "humidity.high=60"])
    assert [p.code for p in problems] == ["unknown", "unknown", "syntax", "duplicate"]
    assert "did you mean current_l1.high_warning?" in problems[1].message
    assert "Telnet menu 8 has" in problems[0].message or "did you mean" in problems[0].message


def session_for(sim):
    session = TelnetSession("127.0.0.1", sim.port, timeout=2)
    session.login("bkt", TELNET_PASSWORD)
    return session


def modbus_value(unit, key):
    return decode_registers(0, dict(enumerate(unit.read(0, 99)))).values[key]


def test_set_a_warning_and_read_it_back(telnet_sim, snmp_units):
    with session_for(telnet_sim) as session:
        report = set_telnet_thresholds(session, {"current_l1.high_warning": "12.5", "humidity.low_warning": 10})
    assert report.ok and not report.collateral
    assert report.commands == ("current one:16&12.5&0&0", "humidity:90&80&10&0")
    assert [(c.setting, c.old, c.new, c.read_back) for c in report.changes] == [
        ("current_l1.high_warning", 16.0, 12.5, 12.5), ("humidity.low_warning", 0.0, 10.0, 10.0)]
    assert telnet_sim.state.warnings["current_l1"] == (12.5, 0.0)
    assert modbus_value(snmp_units[0], "current_l1.high") == 16.0  # the alarm limit stayed


def test_an_alarm_limit_set_over_telnet_is_the_modbus_threshold(telnet_sim, snmp_units):
    with session_for(telnet_sim) as session:
        report = set_telnet_thresholds(session, {"voltage_l2.high": 260, "voltage_l2.high_warning": 255})
    assert report.ok
    assert modbus_value(snmp_units[0], "voltage_l2.high") == 260.0


def test_refused_input_sends_nothing(telnet_sim):
    with session_for(telnet_sim) as session:
        with pytest.raises(ValidationError):
            set_telnet_thresholds(session, {"current_l1.high_warning": 20, "current_l1.high": 18})
    assert not any(":" in c for c in telnet_sim.state.commands)  # only menu numbers were typed


def test_dry_run_sends_nothing(telnet_sim):
    with session_for(telnet_sim) as session:
        report = set_telnet_thresholds(session, {"temperature.high_warning": 35}, dry_run=True)
    assert report.dry_run and report.commands == ("temperature:40&35&0&0",)
    assert not any(":" in c for c in telnet_sim.state.commands)


def test_nothing_to_change(telnet_sim):
    with session_for(telnet_sim) as session:
        report = set_telnet_thresholds(session, {"current_l1.high_warning": 16})
    assert report.ok and report.commands == ()


class IgnoringSimulator(TelnetSimulator):
    """A unit that answers OK to a threshold command but keeps its old values."""

    def start(self):
        super().start()
        handler = self._server.RequestHandlerClass

        class Ignoring(handler):
            def set_thresholds(self, command):
                return "OK\n" + self.threshold_listing()

        self._server.RequestHandlerClass = Ignoring
        return self


def test_a_value_that_does_not_read_back_is_reported(snmp_units):
    sim = IgnoringSimulator(snmp_units, "127.0.0.1", 0, account="bkt", password=TELNET_PASSWORD).start()
    try:
        with session_for(sim) as session:
            report = set_telnet_thresholds(session, {"current_l3.high_warning": 10})
    finally:
        sim.stop()
    assert not report.ok and report.commands == ("current three:16&10&0&0",)
    assert [c.setting for c in report.mismatches] == ["current_l3.high_warning"]
    assert report.to_dict()["changes"][0] == {"setting": "current_l3.high_warning", "old": 16.0, "new": 10.0,
                                              "read_back": 16.0, "ok": False}
