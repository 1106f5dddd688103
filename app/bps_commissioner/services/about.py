"""What Help > About shows: the program's version, the third-party components it runs on,
their installed versions and licences, and the licence texts shipped in the package
(resources/licences/, installed by the Windows installer with the package).

The table covers every distribution the program needs at run time on Linux and on Windows:
pyproject.toml's dependencies and what they pull in (installer/requirements-windows.txt on
Windows). tests/services/test_about.py keeps it complete. Each text is the distribution's own
licence file (its .dist-info), Qt's are the FSF's LGPL-3.0 and the GPL-3.0 it builds on."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata, resources

from bps_commissioner import __version__

LICENCE_FOLDER = ("resources", "licences")


@dataclass(frozen=True)
class Component:
    distribution: str
    #: What it is for in the program (English; the window does not translate library names).
    role: str
    #: SPDX expression of the licence under which the program uses it.
    licence: str
    #: Files under resources/licences/ with the licence's text.
    texts: tuple[str, ...]


_QT = ("LGPL-3.0.txt", "GPL-3.0.txt")

COMPONENTS: tuple[Component, ...] = (
    Component("PySide6-Essentials", "Qt 6 and its Python bindings (the window)", "LGPL-3.0-only", _QT),
    Component("shiboken6", "Qt for Python's binding runtime", "LGPL-3.0-only", _QT),
    Component("pyqtgraph", "plots", "MIT", ("pyqtgraph.txt",)),
    Component("numpy", "plot data", "BSD-3-Clause AND 0BSD AND MIT AND Zlib AND CC0-1.0", ("numpy.txt",)),
    Component("pymodbus", "Modbus RTU and Modbus TCP", "BSD-3-Clause", ("pymodbus.txt",)),
    Component("pyserial", "serial ports", "BSD-3-Clause", ("pyserial.txt",)),
    Component("pysnmp", "SNMP", "BSD-2-Clause", ("pysnmp.txt",)),
    Component("pyasn1", "SNMP's ASN.1 types", "BSD-2-Clause", ("pyasn1.txt",)),
    Component("cryptography", "SNMPv3 privacy", "Apache-2.0 OR BSD-3-Clause", ("cryptography.txt",)),
    Component("cffi", "used by cryptography", "MIT-0", ("cffi.txt",)),
    Component("pycparser", "used by cffi", "BSD-3-Clause", ("pycparser.txt",)),
    Component("tftpy", "TFTP (firmware)", "MIT", ("tftpy.txt",)),
    Component("keyring", "saved SNMPv3 keys and Telnet passwords", "MIT", ("keyring.txt",)),
    Component("jaraco.classes", "used by keyring", "MIT", ("jaraco.classes.txt",)),
    Component("jaraco.context", "used by keyring", "MIT", ("jaraco.context.txt",)),
    Component("jaraco.functools", "used by keyring", "MIT", ("jaraco.functools.txt",)),
    Component("more-itertools", "used by jaraco", "MIT", ("more-itertools.txt",)),
    Component("pywin32-ctypes", "used by keyring (Windows)", "BSD-3-Clause", ("pywin32-ctypes.txt",)),
    Component("SecretStorage", "used by keyring (Linux)", "BSD-3-Clause", ("secretstorage.txt",)),
    Component("jeepney", "used by keyring (Linux)", "MIT", ("jeepney.txt",)),
    Component("backports.tarfile", "used by jaraco.context (Python 3.11)", "MIT", ("backports.tarfile.txt",)),
    Component("importlib_metadata", "used by keyring (Python 3.11)", "Apache-2.0", ("importlib-metadata.txt",)),
    Component("zipp", "used by importlib_metadata", "MIT", ("zipp.txt",)),
    Component("lazy-importer", "used by importlib_metadata", "Apache-2.0", ("lazy-importer.txt",)),
    Component("platformdirs", "settings and data folders", "MIT", ("platformdirs.txt",)),
    Component("colorama", "used by pyqtgraph", "BSD-3-Clause", ("colorama.txt",)),
)


@dataclass(frozen=True)
class Installed:
    component: Component
    version: str


def program_version() -> str:
    return __version__


def installed_components() -> list[Installed]:
    """The components of COMPONENTS installed here, with their versions (those of another
    platform or Python, e.g. pywin32-ctypes on Linux, are left out)."""
    found = []
    for component in COMPONENTS:
        try:
            found.append(Installed(component, metadata.version(component.distribution)))
        except metadata.PackageNotFoundError:
            continue
    return found


def licence_files() -> list[str]:
    """Every licence text the table names, once each, in the table's order."""
    return list(dict.fromkeys(name for c in COMPONENTS for name in c.texts))


def licence_text(name: str) -> str:
    """The text of resources/licences/<name>; '' when it is not there."""
    if name not in licence_files():
        return ""
    try:
        return resources.files("bps_commissioner").joinpath(*LICENCE_FOLDER, name).read_text(encoding="utf-8")
    except OSError:
        return ""
