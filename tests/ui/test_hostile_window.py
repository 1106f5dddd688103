"""The window against a broken peer (issue 15): the unit shows the fault, the window keeps
running, and the unit recovers by itself when the peer answers properly again."""

import pytest

from bps_commissioner.device.assess import UnitState
from bps_commissioner.services.endpoints import TcpEndpoint
from tests.hostile.peer import HostilePeer

WAIT = 10000


@pytest.mark.parametrize("behaviour", ["one-byte", "garbage", "wrong-byte-count"])
def test_the_window_shows_the_fault_and_recovers_with_the_peer(qtbot, make_window, behaviour):
    with HostilePeer(behaviour) as peer:
        w = make_window()
        key = w.manager.add_link(TcpEndpoint("127.0.0.1", peer.port, timeout=0.3), [1])

        def state():
            info = w.model.unit(key, 1)
            return None if info is None else info.state

        # the fault: the unit is not online, and its tooltip/banner text names a fault
        qtbot.waitUntil(lambda: state() in (UnitState.WARNING, UnitState.OFFLINE), timeout=WAIT)
        info = w.model.unit(key, 1)
        assert info.result is not None and info.result.fault is not None
        # the peer is mended: the same link reads the unit again, with no user action
        peer.behaviour = "good"
        # (the peer's made-up registers may carry register faults: a reading again is what counts)
        qtbot.waitUntil(lambda: w.model.unit(key, 1).result.reading is not None, timeout=WAIT)
        assert w.model.unit(key, 1).result.fault is None and state() is not UnitState.OFFLINE
