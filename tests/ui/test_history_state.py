"""Plot history ring buffers, how the window shows the state rules (the rules themselves:
tests/device/test_assess.py), the bus meter."""

import math

import numpy as np
import pytest

from bps_commissioner.device.decode import decode_registers
from bps_commissioner.device.registers import MONITORED_BY_KEY, REGISTER_COUNT
from bps_commissioner.simulator import SimulatedUnit, SENSOR_BOX, TH_PROBE
from bps_commissioner.ui.history import CAPACITY, CHANNELS, HistoryStore, UnitHistory
from bps_commissioner.ui.state import Level, UnitState, assess


def reading_of(unit):
    return decode_registers(unit.address, dict(enumerate(unit.read(0, REGISTER_COUNT))))


def test_ring_buffer_keeps_the_latest_samples_in_order():
    h = UnitHistory(capacity=5)
    for i in range(8):
        h.append(1000.0 + i, [float(i)] * len(CHANNELS))
    assert len(h) == 5
    t, v = h.tail(10)
    assert list(t) == [1003.0, 1004.0, 1005.0, 1006.0, 1007.0]
    assert list(v[0]) == [3.0, 4.0, 5.0, 6.0, 7.0]
    t, v = h.since(1005.5)
    assert list(t) == [1006.0, 1007.0]
    assert h.since(2000.0)[0].size == 0


def test_one_sample_per_second_and_no_going_back():
    h = UnitHistory(capacity=10)
    h.append(100.2, [1.0] * len(CHANNELS))
    h.append(100.7, [2.0] * len(CHANNELS))  # same second: replaces
    h.append(101.1, [None] * len(CHANNELS))  # a failed poll: a gap
    assert not h.append(99.0, [5.0] * len(CHANNELS))  # clock set back: ignored
    t, v = h.tail(10)
    assert list(t) == [100.7, 101.1] and v[0][0] == 2.0 and math.isnan(v[0][1])


def test_eight_hours_for_32_units_stay_bounded():
    store = HistoryStore()
    for address in range(1, 33):
        store.get("serial:COM5", address)
    per_unit = CAPACITY * (8 + 4 * len(CHANNELS))
    assert CAPACITY == 8 * 3600
    assert store.nbytes == 32 * per_unit < 45e6
    h = store.get("serial:COM5", 1)
    before = h.nbytes
    for i in range(CAPACITY + 500):  # more than a shift: still the same memory
        h.append(1.0e9 + i, [230.0] * len(CHANNELS))
    assert h.nbytes == before and len(h) == CAPACITY
    t, _ = h.since(1.0e9 + CAPACITY + 500 - 300)
    assert len(t) == 300 and np.all(np.diff(t) > 0)
    store.drop_link("serial:COM5")
    assert len(store) == 0


def test_the_window_shows_the_rules_of_device_assess():
    """ui/state.py only shows the rules (device/assess.py): one enum, texts, icons and colours
    from ui/style.py."""
    from bps_commissioner.device import assess as rules
    from bps_commissioner.ui import style
    from bps_commissioner.ui.state import LEVEL_COLORS, state_color, state_text, status_text

    assert UnitState is rules.UnitState and Level is rules.Level and assess is rules.assess
    assert [state_text(s) for s in UnitState] == ["waiting", "online", "warning", "alarm", "offline", "conflict"]
    assert status_text("near_high") == "near limit"
    assert state_color(UnitState.CONFLICT).name() == style.CONFLICT_COLOUR
    assert LEVEL_COLORS[Level.ALARM] == (style.ERROR_COLOUR, style.ERROR_TINT)


def test_bus_meter_follows_the_service_layer_definition():
    from bps_commissioner.device.bus import BusSettings
    from bps_commissioner.services.diagnostics import FrameRecord
    from bps_commissioner.ui.busmeter import BusMeter

    bus = BusSettings(9600, "N", 1)
    meter = BusMeter()
    meter.set_link("serial:COM5", bus)
    meter.set_link("tcp:h:502", None)
    assert meter.efficiency(100.0) is None
    meter.add("serial:COM5", FrameRecord(100.0, "tx", 1, bytes(8)))
    meter.add("tcp:h:502", FrameRecord(100.05, "tx", 1, bytes(12)))  # TCP: no wire time, ignored
    meter.add("serial:COM5", FrameRecord(100.150, "rx", 1, bytes(131)))
    useful = bus.wire_time(139) + 2 * bus.silence
    assert meter.efficiency(100.2) == pytest.approx(useful / (0.150 + 2 * bus.silence))
    # a request without reply: the whole wait is lost
    meter.add("serial:COM5", FrameRecord(101.0, "tx", 2, bytes(8)))
    meter.add("serial:COM5", FrameRecord(101.6, "tx", 3, bytes(8)))
    assert meter.efficiency(101.7) < 0.5
    assert meter.efficiency(200.0) is None  # all older than the window
