"""Shared fixtures: the built-in simulator over real sockets and pseudo-terminals."""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

# Fuzz tests stay bounded so that CI stays quick: a few hundred generated inputs per test,
# no per-example deadline (a shared 2-core machine), the database off (no files in the tree).
settings.register_profile("bounded", max_examples=200, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("bounded")

from bps_commissioner.device.bus import BusSettings  # noqa: E402
from bps_commissioner.simulator import TcpSimulator, build_chain  # noqa: E402

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX only")


@pytest.fixture(autouse=True, scope="session")
def _user_data_in_tmp(tmp_path_factory):
    """No test writes into the real user's data folder (audit log, backups)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("BPS_COMMISSIONER_DATA_DIR", str(tmp_path_factory.mktemp("user-data")))
    yield
    mp.undo()


@pytest.fixture(autouse=True, scope="session")
def _qt_application(qapp):
    """Create the QApplication before any command can create a bare QCoreApplication.
    At the end, every link worker a test left running is named and stopped, so that a leak
    shows in the output instead of hanging the interpreter's exit."""
    yield qapp
    import gc

    from bps_commissioner.services.worker import LinkWorker

    left = [w for w in gc.get_objects() if isinstance(w, LinkWorker) and w.isRunning()]
    for worker in left:
        print(f"\nleft running by a test: {worker.objectName()}", file=sys.stderr)
        worker.stop(5.0)


@pytest.fixture
def chain():
    """Units 1-4: a mix of three- and single-phase units, some with probes."""
    return build_chain([1, 2, 3, 4], seed=7)


@pytest.fixture
def tcp_sim(chain):
    sim = TcpSimulator(chain, "127.0.0.1", 0).start()
    yield sim
    sim.stop()


@pytest.fixture
def rtu_factory(tmp_path):
    """Start RTU simulators on pseudo-terminals linked under tmp_path; stops them all at the end."""
    from bps_commissioner.simulator import RtuSimulator

    started = []

    def start(chain, settings=BusSettings(), turnaround=0.005, name=None):
        name = name or ("ttyBPS" if not started else f"ttyBPS{len(started)}")
        sim = RtuSimulator(chain, str(tmp_path / name), settings, turnaround=turnaround).start()
        started.append(sim)
        return sim

    yield start
    for sim in started:
        sim.stop()


@pytest.fixture
def rtu_sim(chain, rtu_factory):
    return rtu_factory(chain)
