"""The simulated units: plausible live values, thresholds, alarm states, energy, the chain."""

import math

import pytest

from bps_commissioner.device.decode import decode_registers
from bps_commissioner.device.registers import PHASES, REGISTER_COUNT, Section, quantities
from bps_commissioner.simulator import SENSOR_BOX, TH_PROBE, SimulatedUnit, build_chain, handle_pdu
from tests.simulator.wire import write_pdu

SENSORS = [q for q in quantities(Section.SENSORS)]


class FakeClock:
    def __init__(self, t: float = 1000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


def reading(unit):
    return decode_registers(unit.address, dict(enumerate(unit.read(0, REGISTER_COUNT))))


def test_live_values_are_plausible_and_consistent():
    for unit in build_chain(range(1, 21), seed=5):
        r = reading(unit)
        assert r.faults == ()
        assert r.phases == unit.phases
        for phase in PHASES[:unit.phases]:
            p = phase.lower()
            v, i, pf = r.value(f"voltage_{p}"), r.value(f"current_{p}"), r.value(f"power_factor_{p}")
            active, reactive, apparent = (r.value(f"{k}_{p}") for k in ("active_power", "reactive_power",
                                                                      "apparent_power"))
            assert 207 <= v <= 253
            assert 0.3 * unit.rating <= i <= 0.8 * unit.rating
            assert 0.80 <= pf <= 0.99
            assert 49.5 <= r.value(f"frequency_{p}") <= 50.5
            assert active <= apparent
            assert apparent == pytest.approx(v * i, rel=0.005)
            assert active == pytest.approx(v * i * pf, rel=0.01)
            assert math.hypot(active, reactive) == pytest.approx(apparent, rel=0.002)
            assert 100 < r.value(f"active_energy_{p}") < r.value(f"apparent_energy_{p}")
        for phase in PHASES[unit.phases:]:
            p = phase.lower()
            assert all(r.value(f"{k}_{p}") == 0 for k in ("voltage", "current", "active_power",
                                                            "frequency", "power_factor", "active_energy"))
        for kind in ("active_energy", "apparent_energy"):
            phases = sum(r.value(f"{kind}_{p.lower()}") for p in PHASES)
            assert r.value(f"{kind}_total") == pytest.approx(phases, abs=0.003)
        assert set(r.to_dict()["alarms"].values()) == {"normal"}


def test_probes_present_and_absent():
    for unit in build_chain(range(1, 11), seed=5):
        r = reading(unit)
        for q in SENSORS:
            value = r.value(q.key)
            if q.key not in unit.probes:
                assert value is None, q.key
                assert r.raw[q.register] == 0
            elif q.unit == "°C":
                assert 22 <= value <= 27
            elif q.unit == "%":
                assert 35 <= value <= 55
            else:
                assert value == ("closed" if q.key.startswith("door") else "no")


def test_chain_mixes_unit_kinds_by_address():
    chain = build_chain([1, 2, 3, 4, 5, 5, 12])
    kinds = {u.address: (u.phases, u.rating, u.probes) for u in chain}
    assert kinds[1] == (3, 16, frozenset(TH_PROBE))
    assert kinds[2] == (3, 16, frozenset(TH_PROBE + SENSOR_BOX))
    assert kinds[3] == (3, 32, frozenset())
    assert kinds[4] == (1, 16, frozenset(SENSOR_BOX))
    assert kinds[12] == (1, 32, frozenset(TH_PROBE + SENSOR_BOX))
    assert len(chain.at(5)) == 2 and chain.at(6) == ()
    assert chain.addresses == (1, 2, 3, 4, 5, 12)


def test_seed_makes_values_repeatable():
    a, b, c = (SimulatedUnit(1, seed=s, clock=FakeClock()) for s in ("x", "x", "y"))
    assert a.read(0, REGISTER_COUNT) == b.read(0, REGISTER_COUNT) != c.read(0, REGISTER_COUNT)


def test_refresh_is_lazy():
    clock = FakeClock()
    unit = SimulatedUnit(1, seed=1, clock=clock)
    first = unit.read(0, 21)
    clock.t += 0.05
    assert unit.read(0, 21) == first  # within the refresh interval: nothing recomputed
    clock.t += 0.06
    assert unit.read(0, 21) != first


def test_energy_grows_with_power_over_time():
    clock = FakeClock()
    unit = SimulatedUnit(3, phases=3, rating=32, seed=2, clock=clock)
    before = reading(unit)
    clock.t += 3600
    after = reading(unit)
    for p in ("l1", "l2", "l3"):
        # the counters integrate the power computed at the refresh: one hour of it
        assert after.value(f"active_energy_{p}") - before.value(f"active_energy_{p}") == pytest.approx(
            after.value(f"active_power_{p}") / 1000, abs=0.002)
        assert after.value(f"apparent_energy_{p}") - before.value(f"apparent_energy_{p}") == pytest.approx(
            after.value(f"apparent_power_{p}") / 1000, abs=0.002)


def test_single_phase_unit_reads_zero_on_l2_l3_and_raises_no_alarm_there():
    unit = SimulatedUnit(4, phases=1, seed=1)
    r = reading(unit)
    for q in quantities(Section.READINGS):
        if q.group in ("L2", "L3"):
            assert all(r.raw[reg] == 0 for reg in q.registers), q.key
    assert r.value("voltage_l2.alarm") == r.value("voltage_l3.alarm") == "normal"
    assert r.value("voltage_l2.low") == 180.0  # the limits are there all the same


def test_default_thresholds():
    r = reading(SimulatedUnit(1, rating=32, seed=1))
    limits = r.to_dict()["thresholds"]
    assert limits["voltage_l2"] == {"low": 180.0, "high": 276.0}
    assert limits["current_l3"] == {"low": 0.0, "high": 32.0}
    assert limits["temperature_1"] == {"low": 0, "high": 40}
    assert limits["humidity"] == {"low": 0, "high": 90}


def test_alarm_unit_and_alarm_states_follow_thresholds():
    chain = build_chain([1, 2], seed=1, alarm=[2])
    calm, alarmed = chain.at(1)[0], chain.at(2)[0]
    assert reading(calm).value("voltage_l1.alarm") == "normal"
    r = reading(alarmed)
    assert r.value("voltage_l1.alarm") == "high" and r.raw[87] == 16
    assert r.value("voltage_l1.high") == 225.0
    assert [v for k, v in r.to_dict()["alarms"].items() if k != "voltage_l1"] == ["normal"] * 11

    handle_pdu(alarmed, write_pdu(64, 2760))  # a sane high limit clears it at once
    assert reading(alarmed).value("voltage_l1.alarm") == "normal"
    handle_pdu(alarmed, write_pdu(69, 250))  # current L1 low alarm at 25.0 A on a 16 A unit
    r = reading(alarmed)
    assert r.value("current_l1.alarm") == "low" and r.raw[90] == 1
    handle_pdu(alarmed, write_pdu(75, 0xFFF6))  # temperature limits -10..-10 degC: too hot
    handle_pdu(alarmed, write_pdu(76, 0xFFF6))
    assert reading(alarmed).value("temperature.alarm") == "high"


def test_absent_probe_never_alarms():
    unit = SimulatedUnit(3, probes=(), seed=1)
    for register in (75, 81):  # temperature and humidity low limits far above anything
        handle_pdu(unit, write_pdu(register, 200))
    assert reading(unit).value("temperature.alarm") == reading(unit).value("humidity.alarm") == "normal"


def test_pinned_values_hold_and_feed_the_powers():
    clock = FakeClock()
    unit = SimulatedUnit(1, seed=1, clock=clock)
    unit.pin({"voltage_l1": 250.0, "current_l1": 10.0, "power_factor_l1": 0.9})
    clock.t += 1
    r = reading(unit)
    assert (r.raw[0], r.value("apparent_power_l1"), r.value("active_power_l1")) == (2500, 2500.0, 2250.0)
    unit.unpin()
    clock.t += 1
    assert 207 <= reading(unit).value("voltage_l1") < 240  # live again
    with pytest.raises(ValueError):
        unit.pin({"voltage_l1.high": 250})


def test_unit_rejects_impossible_kinds():
    with pytest.raises(ValueError):
        SimulatedUnit(1, phases=2)
    with pytest.raises(ValueError):
        SimulatedUnit(1, rating=20)
    with pytest.raises(ValueError):
        SimulatedUnit(1, probes=("thermometer",))
