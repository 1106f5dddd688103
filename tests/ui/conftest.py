"""GUI fixtures: settings in a temporary folder, the window on the built-in simulator.

Every GUI test runs offscreen, and any Qt warning fails it (qt_log_level_fail in
pyproject.toml)."""

import threading

import pytest
from PySide6.QtCore import QLocale, QSettings

from bps_commissioner.services.endpoints import TcpEndpoint
from bps_commissioner.services.manager import LinkManager
from bps_commissioner.simulator import TcpSimulator, build_chain
from bps_commissioner.ui.i18n import Translations


@pytest.fixture(autouse=True)
def user_settings(tmp_path):
    """QSettings (window geometry, language, recent connections) in a fresh folder."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield tmp_path / "settings"


@pytest.fixture
def translations(qapp):
    """The GUI's translations, English first; afterwards no translator is left installed and
    the default locale is what it was (later tests read the source texts)."""
    before = QLocale()
    t = Translations(qapp)
    t.set_language("en")
    yield t
    t.uninstall()
    QLocale.setDefault(before)


@pytest.fixture
def manager(qtbot):
    """A link manager whose workers give up on a silent unit quickly."""
    m = LinkManager(worker_options={"offline_after": 2, "offline_every": 2, "reopen_interval": 0.2})
    yield m
    assert m.stop_all(5), "a worker did not stop"


@pytest.fixture
def make_window(qtbot, manager, translations):
    from bps_commissioner.ui.main_window import MainWindow

    windows = []

    def make():
        w = MainWindow(manager, translations)
        windows.append(w)
        qtbot.addWidget(w)
        return w

    yield make
    for w in windows:
        w.close()


@pytest.fixture
def sim_chain():
    """Units 1-4 (unit 4 single-phase, unit 2 with every probe), unit 3 in alarm."""
    return build_chain([1, 2, 3, 4], seed=11, alarm=[3])


@pytest.fixture
def tcp_chain(sim_chain):
    sim = TcpSimulator(sim_chain, "127.0.0.1", 0).start()
    yield sim
    sim.stop()
    _wait_threads_gone()


def tcp_endpoint(sim, timeout=0.3):
    return TcpEndpoint("127.0.0.1", sim.port, timeout=timeout)


def _wait_threads_gone():
    for t in threading.enumerate():
        if t.name.startswith("tcp-simulator") and t is not threading.current_thread():
            t.join(1.0)
