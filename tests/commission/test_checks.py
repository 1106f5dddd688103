"""The checks as pure functions over a decoded unit: each pass / warn / fail with its reason,
in English and (rendered as the report does) with decimal commas."""

import pytest

from bps_commissioner.device.decode import decode_registers, registers_of
from bps_commissioner.device.plan import PlannedUnit
from bps_commissioner.device.profile import Profile
from bps_commissioner.services.commission import (
    FAIL, PASS, WARN, Check, Measure, TelnetLook, alarm_check, electrical_checks, firmware_check, link_checks,
    phase_check, probe_checks, render, security_checks, threshold_check,
)
from bps_commissioner.services.diagnostics import UnitDiagnostics
from bps_commissioner.services.security import snmp_findings, telnet_findings
from bps_commissioner.services.thresholds import ApplyReport, SettingResult, UnitReport
from bps_commissioner.simulator import SENSOR_BOX, TH_PROBE, SimulatedUnit

STEADY = {"voltage_l1": 231.0, "voltage_l2": 229.5, "voltage_l3": 230.4, "current_l1": 8.0, "current_l2": 6.5,
          "current_l3": 7.25, "power_factor_l1": 0.9, "power_factor_l2": 0.95, "power_factor_l3": 0.88,
          "frequency_l1": 50.01, "frequency_l2": 50.01, "frequency_l3": 50.01}


def unit(phases=3, probes=TH_PROBE, pin=None, registers=None, rating=16, alarm=False):
    sim = SimulatedUnit(1, phases=phases, rating=rating, probes=probes, seed=4, alarm=alarm)
    sim.pin({k: v for k, v in STEADY.items() if phases == 3 or k.endswith("l1")})
    if pin:
        sim.pin(pin)
    regs = dict(enumerate(sim.read(0, 99)))
    regs.update(registers or {})
    return decode_registers(1, regs)


def by_id(checks):
    return {c.check: c for c in checks}


def test_a_healthy_three_phase_unit_passes_every_electrical_check():
    checks = electrical_checks(unit(), PlannedUnit(1, rating=16))
    assert [c.check for c in checks] == [
        "voltage_l1", "voltage_l2", "voltage_l3", "frequency_l1", "frequency_l2", "frequency_l3",
        "current_l1", "current_l2", "current_l3", "power_factor_l1", "power_factor_l2", "power_factor_l3",
        "active_power_l1", "active_power_l2", "active_power_l3", "energy_l1", "energy_l2", "energy_l3",
        "energy_total"]
    assert {c.result for c in checks} == {PASS}, [c.to_dict() for c in checks if c.result != PASS]
    c = by_id(checks)
    assert c["voltage_l1"].detail == "231.0 V, within 207.0 V .. 253.0 V"
    assert c["frequency_l2"].detail == "50.01 Hz, within 49.50 Hz .. 50.50 Hz"
    assert c["current_l1"].detail == "8.00 A, within the rated 16 A"
    assert c["active_power_l1"].detail.startswith("1663.2 W agrees with V × I × PF = 1663.2 W")


def test_a_single_phase_unit_is_checked_on_l1_only():
    checks = by_id(electrical_checks(unit(phases=1), None))
    assert "voltage_l2" not in checks and "energy_l1" in checks and "energy_total" in checks
    assert checks["current_l1"].detail == "8.00 A, within 32 A (the plan gives no rating: checked against the higher one)"


@pytest.mark.parametrize("pin, check, result, detail", [
    ({"voltage_l2": 200.0}, "voltage_l2", FAIL, "200.0 V is outside 207.0 V .. 253.0 V"),
    ({"voltage_l3": 254.0}, "voltage_l3", FAIL, "254.0 V is outside 207.0 V .. 253.0 V"),
    ({"frequency_l1": 49.4}, "frequency_l1", FAIL, "49.40 Hz is outside 49.50 Hz .. 50.50 Hz"),
    ({"current_l1": 13.5}, "current_l1", WARN, "13.50 A is above 80 % of the rated 16 A"),
    ({"current_l1": 16.5}, "current_l1", FAIL, "16.50 A is above the rated 16 A"),
    ({"power_factor_l3": 1.2}, "power_factor_l3", FAIL, "1.20 is outside 0.00 .. 1.00"),
    ({"active_power_l2": 900.0}, "active_power_l2", FAIL,
     "900.0 W differs from V × I × PF = 1417.2 W by more than 46.8 W"),
])
def test_physics(pin, check, result, detail):
    checks = by_id(electrical_checks(unit(pin=pin), PlannedUnit(1, rating=16)))
    assert (checks[check].result, checks[check].detail) == (result, detail)
    assert [c for c in checks.values() if c.result != PASS] == [checks[check]]


def test_a_faulty_energy_counter_fails_and_names_the_counter():
    checks = by_id(electrical_checks(unit(registers={22: 300}), None))
    assert checks["energy_l1"].result == FAIL
    assert checks["energy_l1"].detail == "active_energy_l1: a register reads above 255 (a device or line fault)"
    assert checks["energy_l2"].result == PASS and checks["energy_total"].result == PASS


def test_phases_planned_against_found():
    three, one = unit(), unit(phases=1)
    assert phase_check(three, PlannedUnit(1, phases=3)).detail == "three-phase, as planned"
    bad = phase_check(one, PlannedUnit(1, phases=3))
    assert (bad.result, bad.detail) == (FAIL, "single-phase, planned three-phase")
    assert phase_check(one, None).detail == "single-phase (not in the plan)"


def test_probes_planned_connected_plausible_and_safe():
    planned = PlannedUnit(1, probes=("temperature", "humidity", "door_1", "smoke"))
    r = unit(probes=TH_PROBE + SENSOR_BOX, pin={"door_1": "open", "smoke": "yes", "humidity": 0.5,
                                               "temperature": 61.0})
    checks = by_id(probe_checks(r, planned))
    assert (checks["probe_temperature"].result, checks["probe_temperature"].detail) == \
        (FAIL, "61.0 °C is not plausible (expected -20 °C .. 60 °C)")
    assert checks["probe_humidity"].result == PASS and checks["probe_humidity"].detail == "connected: 0.5 %"
    assert (checks["probe_door_1"].result, checks["probe_door_1"].detail) == (WARN, "the door is open")
    assert (checks["probe_smoke"].result, checks["probe_smoke"].detail) == (FAIL, "smoke detected")
    assert (checks["probe_water"].result, checks["probe_water"].detail) == (WARN, "connected: no, but not in the plan")
    # a planned probe that is absent fails
    missing = by_id(probe_checks(unit(probes=()), PlannedUnit(1, probes=("humidity_2",))))
    assert (missing["probe_humidity_2"].result, missing["probe_humidity_2"].detail) == (FAIL, "not connected, but planned")
    # no probes planned: one line says what is connected; water on the floor still fails
    loose = probe_checks(unit(probes=("water",), pin={"water": "yes"}), None)
    assert [(c.check, c.result, c.detail) for c in loose] == [
        ("probes", PASS, "connected: Water (flood) (not in the plan)"), ("probe_water", FAIL, "water detected")]


def test_alarm_states_name_each_one_not_normal():
    assert alarm_check(unit()).to_dict() == {"check": "alarms", "result": PASS, "detail": "all normal"}
    bad = alarm_check(unit(alarm=True, pin={"humidity": 95.0}))
    assert (bad.result, bad.detail) == (FAIL, "not normal: Voltage L1 high alarm, Humidity high alarm")


def test_thresholds_against_the_profile_before_and_after_apply():
    profile = Profile("A", {"voltage_l1.low": 200, "voltage_l1.high": 253.0})
    r = unit()
    bad = threshold_check(r, "rack-a.json", profile)
    assert (bad.result, bad.detail) == (FAIL, "2 differ from the profile rack-a.json: voltage_l1.low 180.0 V ≠ "
                                              "200.0 V, voltage_l1.high 276.0 V ≠ 253.0 V")
    applied_reading = unit(registers=registers_of({"voltage_l1.low": 200, "voltage_l1.high": 253}))
    report = ApplyReport((UnitReport(1, "x", {"voltage_l1.low": 180.0, "voltage_l1.high": 276.0}, (
        SettingResult("voltage_l1.low", 63, 180.0, 200.0, 200.0, "applied"),
        SettingResult("voltage_l1.high", 64, 276.0, 253.0, 253.0, "applied"))),))
    ok = threshold_check(applied_reading, "rack-a.json", profile, report)
    assert (ok.result, ok.detail) == (PASS, "applied from rack-a.json, read back: voltage_l1.low 180.0 V → 200.0 V, "
                                            "voltage_l1.high 276.0 V → 253.0 V")
    assert threshold_check(applied_reading, "rack-a.json", profile).detail == "as in the profile rack-a.json"
    partial = ApplyReport((UnitReport(1, "x", {}, (
        SettingResult("voltage_l1.low", 63, 180.0, 200.0, 180.0, "failed", "mismatch"),)),))
    failed = threshold_check(r, "rack-a.json", profile, partial)
    assert failed.result == FAIL and "voltage_l1.low: read back 180.0 V instead of 200.0 V" in failed.detail


def test_reachable_and_garbled_replies_from_the_counters():
    clean = link_checks(UnitDiagnostics(3, requests=5, replies=5))
    assert [(c.check, c.result, c.detail) for c in clean] == [
        ("reachable", PASS, "answered 5 of 5 requests"), ("crc", PASS, "no garbled reply")]
    noisy = link_checks(UnitDiagnostics(3, requests=7, replies=5, timeouts=1, garbled=1))
    assert [(c.result, c.detail) for c in noisy] == [
        (WARN, "answered 5 of 7 requests; 1 got no reply"),
        (FAIL, "1 garbled replies (CRC or framing errors): two units on one address, a baud-rate mismatch or a "
               "bus without termination")]


def test_firmware_and_security():
    look = TelnetLook("10.0.0.5:23", "admin", "2.0.5-C", factory_login=True, logged_in=True)
    assert firmware_check(PlannedUnit(0, firmware="2.0.5-C"), look).detail == "2.0.5-C, as planned"
    bad = firmware_check(PlannedUnit(0, firmware="2.0.6-C"), look)
    assert (bad.result, bad.detail) == (FAIL, "2.0.5-C is installed, planned 2.0.6-C")
    assert firmware_check(PlannedUnit(0), None) is None
    assert firmware_check(PlannedUnit(0, firmware="2.0.6-C"), None).result == FAIL
    off = TelnetLook("10.0.0.5:23", "admin", off=True, error="refused")
    assert firmware_check(PlannedUnit(0, firmware="2.0.6-C"), off).result == FAIL
    checks = security_checks(telnet_findings("admin", True) + snmp_findings("2c", community="bkt-ro"), look)
    assert [(c.check, c.result) for c in checks] == [
        ("security_telnet-factory-credentials", FAIL), ("security_telnet-cleartext", WARN),
        ("security_snmp-cleartext", WARN)]
    assert checks[0].detail == ("The unit accepts the factory Telnet login admin/admin. Change the password "
                                "before leaving the site.")
    assert [(c.result, c.detail) for c in security_checks([], off)] == [
        (PASS, "Telnet is off (the connection is refused)")]


def test_reasons_render_in_the_reports_language():
    check = Check("voltage_l1", FAIL, "{value} is outside {low} .. {high}",
                  {"value": Measure(260.04, 1, "V"), "low": Measure(207, 1, "V"), "high": Measure(253, 1, "V")})
    polish = render(check.template, check.data, lambda ctx, text: text.replace("is outside", "poza"),
                    lambda v, d: f"{v:.{d}f}".replace(".", ","), "\xa0")
    assert polish == "260,0\xa0V poza 207,0\xa0V .. 253,0\xa0V"
    assert check.detail == "260.0 V is outside 207.0 V .. 253.0 V"
    # a translation that lost a placeholder falls back to the English text, never a crash
    assert render(check.template, check.data, lambda ctx, text: "{nope}") == "260.0 V is outside 207.0 V .. 253.0 V"
