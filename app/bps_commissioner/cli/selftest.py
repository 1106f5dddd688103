"""``bps-commissioner self-test``: is this installation whole?

A headless check for an installed copy (the Windows installer's, or a pip install): every
dependency imports, both GUI translations load, the built-in simulator serves a unit over
loopback Modbus TCP and the transport reads it, the Telnet dialogue table reads a simulated
master's settings menus, and the main window comes up offscreen,
polls that unit through its link worker and shuts down with no thread left. Nothing is
written to the user's settings or data folders (both point into a temporary folder for the
run), no window appears (Qt's offscreen platform unless QT_QPA_PLATFORM says otherwise),
and no network beyond 127.0.0.1 is touched.

Prints one line per check; exit 0 when all pass, 1 with the reason of each failure.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import os
import pkgutil
import platform
import re
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any, Callable

from bps_commissioner import __version__
from bps_commissioner.cli.common import EXIT_FAILED, EXIT_OK

#: Modules of the dependencies that the program imports, some only on demand (the SNMP
#: engine, the serial port list, SNMPv3 privacy): importing them here proves they load.
DEPENDENCY_MODULES = (
    "PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtSvg", "pyqtgraph", "numpy",
    "pymodbus", "pymodbus.pdu", "serial", "serial.tools.list_ports", "pysnmp.hlapi.v3arch.asyncio",
    "cryptography.hazmat.primitives.ciphers", "keyring", "tftpy", "platformdirs",
)
#: Modules of the package that only exist on POSIX (pseudo-terminals).
POSIX_ONLY = ("bps_commissioner.simulator.rtu",)
#: Modules not to import: ``python -m bps_commissioner`` runs the command line on import.
NOT_IMPORTED = ("bps_commissioner.__main__",)
#: Qt's platform plugin the window needs on this system (the check itself runs offscreen).
PLATFORM_PLUGINS = {"win32": "qwindows.dll", "linux": "libqxcb.so", "darwin": "libqcocoa.dylib"}
#: How long the main window may take to show the first reading of the simulated unit.
GUI_POLL_TIMEOUT = 15.0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "self-test",
        help="check that this installation is whole (dependencies, translations, simulator, window)",
        description="Check, headless and offline, that this installation is whole: every dependency "
                    "imports, both translations load, the built-in simulator is read over loopback, and "
                    "the main window starts offscreen and stops cleanly. Exit 0 when all pass.")
    p.add_argument("--verbose", action="store_true",
                   help="also print Qt's messages and, for a failure, the Python traceback")
    p.set_defaults(func=run)


class CheckFailed(Exception):
    """A check found the installation incomplete: the message says what and where."""


class SelfTest:
    def __init__(self, verbose: bool = False):
        self.verbose = verbose
        self.failures: list[str] = []
        self.qt_messages: list[str] = []
        self.app: Any = None

    def step(self, name: str, check: Callable[[], str]) -> bool:
        started = time.monotonic()
        try:
            detail = check()
        except Exception as exc:  # noqa: BLE001 - every failure becomes a line of the report
            reason = str(exc) if isinstance(exc, CheckFailed) else f"{type(exc).__name__}: {exc}".strip()
            print(f"FAILED  {name}: {reason}", flush=True)
            if self.verbose:
                traceback.print_exc()
            self.failures.append(name)
            return False
        print(f"ok      {name}: {detail} ({time.monotonic() - started:.1f} s)", flush=True)
        return True

    def skip(self, name: str, why: str) -> None:
        print(f"FAILED  {name}: not run, {why}", flush=True)
        self.failures.append(name)

    # -- the checks ---------------------------------------------------------------------------
    def dependencies(self) -> str:
        missing = []
        try:
            requirements = importlib.metadata.requires("bps-commissioner") or []
        except importlib.metadata.PackageNotFoundError:
            raise CheckFailed("the package's metadata (bps_commissioner-*.dist-info) is missing: "
                              "it is not installed") from None
        names = []
        for text in requirements:
            if "extra ==" in text:
                continue
            name = re.split(r"[\s;<>=!~\[(]", text, maxsplit=1)[0]
            names.append(name)
            try:
                importlib.metadata.version(name)
            except importlib.metadata.PackageNotFoundError:
                missing.append(name)
        if missing:
            raise CheckFailed(f"not installed: {', '.join(missing)}")
        for module in DEPENDENCY_MODULES:
            _import(module)
        ours = 0
        import bps_commissioner

        for info in pkgutil.walk_packages(bps_commissioner.__path__, "bps_commissioner."):
            if info.name in NOT_IMPORTED or (sys.platform == "win32" and info.name in POSIX_ONLY):
                continue
            _import(info.name)
            ours += 1
        return (f"{len(names)} distributions installed, {len(DEPENDENCY_MODULES)} of their modules and "
                f"{ours} of the program's imported")

    def qt(self) -> str:
        from PySide6.QtCore import QLibraryInfo, QSettings, qInstallMessageHandler
        from PySide6.QtGui import QImageReader

        qInstallMessageHandler(lambda _kind, _context, message: self.qt_messages.append(message))
        # the user's settings file stays untouched: this run reads and writes a temporary one
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, self.scratch)
        from bps_commissioner.ui.app import create_application

        self.app = create_application([sys.argv[0] if sys.argv else "bps-commissioner"])
        plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
        wanted = PLATFORM_PLUGINS.get(sys.platform)
        if wanted and not (plugins / "platforms" / wanted).is_file():
            raise CheckFailed(f"Qt's platform plugin {wanted} is missing from {plugins / 'platforms'}: "
                               "the window could not open")
        formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
        if "svg" not in formats:
            raise CheckFailed(f"Qt reads no SVG images (the imageformats plugin is missing from {plugins}): "
                               "the program's icons would be blank")
        from bps_commissioner.ui.icons import icon

        if icon("app").pixmap(32, 32).isNull():
            raise CheckFailed("the program's icon (resources/app.svg) does not render")
        return (f"Qt {_qt_version()} on the {self.app.platformName()} platform, {wanted or 'platform'} plugin "
                "present, SVG icons render")

    def translations(self) -> str:
        from PySide6.QtCore import QCoreApplication, QTranslator

        from bps_commissioner.device.registers import QUANTITIES
        from bps_commissioner.ui.i18n import LANGUAGES, Translations, catalogue

        details = []
        for language in LANGUAGES:
            path = catalogue(language)
            if not path.is_file():
                raise CheckFailed(f"{path} is missing")
            translator = QTranslator()
            if not translator.load(str(path)) or translator.isEmpty():
                raise CheckFailed(f"{path} does not load as a Qt catalogue")
            details.append(f"{language} ({path.stat().st_size} bytes)")
        # Polish really replaces the English source texts, through the same code as the window
        translations = Translations(self.app)
        try:
            translations.set_language("pl")
            if str(catalogue("pl")) not in translations.loaded_catalogues():
                raise CheckFailed(f"{catalogue('pl')} was not installed as a translator")
            label = QUANTITIES[0].label
            translated = QCoreApplication.translate("Quantity", label)
            if translated == label:
                raise CheckFailed(f"the Polish catalogue does not translate {label!r}")
        finally:
            translations.set_language("en")
        return f"{', '.join(details)} load; {label!r} reads {translated!r} in Polish"

    def simulator(self) -> str:
        from bps_commissioner.simulator import TcpSimulator, build_chain
        from bps_commissioner.services.endpoints import TcpEndpoint

        sim = TcpSimulator(build_chain([1], seed=1), "127.0.0.1", 0).start()
        port = sim.port
        try:
            with TcpEndpoint("127.0.0.1", port, timeout=2.0).create_link() as link:
                reading = link.read_unit(1)
        finally:
            sim.stop()
        voltage, frequency = reading.value("voltage_l1"), reading.value("frequency_l1")
        if not isinstance(voltage, (int, float)) or not 100 <= voltage <= 300:
            raise CheckFailed(f"unit 1 read back an implausible voltage L1: {voltage!r}")
        return (f"unit 1 read over Modbus TCP at 127.0.0.1:{port}: {reading.phases} phase(s), "
                f"L1 {voltage} V, {frequency} Hz")

    def telnet(self) -> str:
        from bps_commissioner.services.provision import ProvisionTarget, show_job
        from bps_commissioner.simulator import build_chain
        from bps_commissioner.simulator.telnet import TelnetSimulator

        class _Quiet:  # a job context for a job run in this thread
            cancelled = False

            def progress(self, *args: Any, **kw: Any) -> None:
                pass

            def check(self) -> None:
                pass

        sim = TelnetSimulator(list(build_chain([1], seed=3)), "127.0.0.1", 0).start()
        port = sim.port
        try:
            doc = show_job(ProvisionTarget("127.0.0.1", port, timeout=3.0), "admin")(_Quiet())
        finally:
            sim.stop()
        settings = doc["settings"]
        unread = [key for key, value in settings.items() if value is None]
        if unread:
            raise CheckFailed(f"the Telnet dialogue table found no {', '.join(unread)} on the simulated master's "
                              f"menus")
        return (f"the simulated master's menus 2-7 read over Telnet at 127.0.0.1:{port}: {len(settings)} "
                f"settings, address {settings['network.address']}")

    def window(self) -> str:
        from PySide6.QtCore import QCoreApplication, QThread

        from bps_commissioner.services.endpoints import TcpEndpoint
        from bps_commissioner.simulator import TcpSimulator, build_chain
        from bps_commissioner.ui.app import build_window

        sim = TcpSimulator(build_chain([1], seed=2), "127.0.0.1", 0).start()
        window = None
        try:
            _app, window = build_window("pl")
            results: list[Any] = []
            window.manager.unitUpdated.connect(lambda _key, result: results.append(result))
            window.connect_link(TcpEndpoint("127.0.0.1", sim.port, timeout=2.0), (1,))
            window.show()
            deadline = time.monotonic() + GUI_POLL_TIMEOUT
            while not any(r.reading is not None for r in results) and time.monotonic() < deadline:
                QCoreApplication.processEvents()
                QThread.msleep(20)
            read = [r for r in results if r.reading is not None]
            if not read:
                errors = sorted({str(r.error) for r in results if r.error})
                raise CheckFailed(f"the window's link worker read no unit within {GUI_POLL_TIMEOUT:g} s"
                                   + (f" ({'; '.join(errors)})" if errors else ""))
            if window.grab().isNull():
                raise CheckFailed("the window does not paint")
            title = window.windowTitle()
            if not window.shutdown():
                raise CheckFailed("a link worker thread was still running after the shutdown")
            left = window.manager.running_workers()
            if left:
                raise CheckFailed(f"{len(left)} link worker thread(s) left running after the shutdown")
        finally:
            if window is not None:
                window.shutdown()
                window.hide()
                window.deleteLater()
                QCoreApplication.processEvents()
            sim.stop()
        return (f"{title!r} created offscreen in Polish, unit 1 polled through its link worker, "
                "closed with no thread left")

    # -- the run ------------------------------------------------------------------------------
    def run(self) -> int:
        for stream in (sys.stdout, sys.stderr):  # a Windows pipe's code page has no "ę": escape, never fail
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(errors="backslashreplace")
        location = Path(__file__).resolve().parents[1]
        print(f"BPS Commissioner {__version__} self-test: Python {platform.python_version()} "
              f"({platform.architecture()[0]}), {platform.platform()}, package in {location}", flush=True)
        self.scratch = tempfile.mkdtemp(prefix="bps-self-test-")
        saved = {k: os.environ.get(k) for k in ("QT_QPA_PLATFORM", "BPS_COMMISSIONER_DATA_DIR")}
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        os.environ["BPS_COMMISSIONER_DATA_DIR"] = os.path.join(self.scratch, "data")
        try:
            imported = self.step("dependencies", self.dependencies)
            self.step("simulator", self.simulator)
            self.step("telnet", self.telnet)
            if not imported:
                for name in ("qt", "translations", "main window"):
                    self.skip(name, "the dependencies do not import")
            elif self.step("qt", self.qt):
                self.step("translations", self.translations)
                self.step("main window", self.window)
            else:
                for name in ("translations", "main window"):
                    self.skip(name, "Qt did not start")
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
            shutil.rmtree(self.scratch, ignore_errors=True)
        if self.verbose and self.qt_messages:
            print("Qt said:\n  " + "\n  ".join(self.qt_messages))
        if self.failures:
            print(f"self-test FAILED: {', '.join(self.failures)}", flush=True)
            return EXIT_FAILED
        print("self-test passed", flush=True)
        return EXIT_OK


def _import(module: str) -> None:
    try:
        importlib.import_module(module)
    except Exception as exc:  # ImportError, or a DLL/.so that fails while loading
        raise CheckFailed(f"import {module} failed: {type(exc).__name__}: {exc}") from exc


def _qt_version() -> str:
    from PySide6.QtCore import qVersion

    return qVersion()


def run(args: argparse.Namespace) -> int:
    return SelfTest(verbose=args.verbose).run()
