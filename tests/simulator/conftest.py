"""Fixtures for the simulator's own tests: simulators on real sockets and pseudo-terminals."""

import pytest

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
def rtu(sim_chain, rtu_factory):
    return rtu_factory(sim_chain)
