"""Fixtures for the simulator's own tests: simulators on real sockets and pseudo-terminals."""

import pytest

from bps_commissioner.device.bus import BusSettings
from bps_commissioner.simulator import TcpSimulator, build_chain

#: Three- and single-phase, 16 and 32 A, with and without probes, and two units at address 5.
ADDRESSES = [1, 2, 3, 4, 5, 5]


@pytest.fixture
def sim_chain():
    return build_chain(ADDRESSES, seed=11)


@pytest.fixture
def tcp(sim_chain):
    sim = TcpSimulator(sim_chain, "127.0.0.1", 0).start()
    yield sim
    sim.stop()


@pytest.fixture
def rtu_at(tmp_path):
    """rtu_at(chain, bus=BusSettings(), turnaround=0.005) -> a started RtuSimulator."""
    from bps_commissioner.simulator import RtuSimulator

    started = []

    def start(chain, bus=BusSettings(), turnaround=0.005):
        sim = RtuSimulator(chain, tmp_path / f"tty{len(started)}", bus, turnaround=turnaround).start()
        started.append(sim)
        return sim

    yield start
    for sim in started:
        sim.stop()


@pytest.fixture
def rtu(sim_chain, rtu_at):
    return rtu_at(sim_chain)
