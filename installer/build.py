#!/usr/bin/env python3
"""Build BPS Commissioner's Windows installer (NSIS), and check it here under Wine.

    python installer/build.py --check
        The local check (run by .ci/run): builds a check installer from the project's sources
        and the real Windows wheels with a placeholder in place of the Python runtime, into
        build/bps-commissioner-<version>-win64-NOT-FOR-RELEASE.exe; verifies that its manifest
        asks for no elevation; installs it silently under Wine into a throw-away prefix;
        verifies the files, the Start-menu shortcut and the HKCU uninstall entry; uninstalls;
        verifies that nothing is left. Exit 0 only when all of it holds.

    python installer/build.py --release --python-zip python-3.12.10-embed-amd64.zip
        The release build (the Windows workflow runs it): the same installer with python.org's
        Windows embeddable Python, refused unless the zip's SHA-256 is the one pinned in
        installer/python-embed.sha256. Writes build/bps-commissioner-<version>-win64-setup.exe.

    python installer/build.py --lock
        Re-resolves pyproject.toml's dependencies for Windows (win_amd64, CPython of the pinned
        runtime) and rewrites installer/requirements-windows.txt with each wheel's SHA-256.

Both builds take exactly the wheels of installer/requirements-windows.txt (pip download
--require-hashes, and every file is hashed again here), the application itself as a wheel
built from this source tree (its version, from the package metadata, names the installer),
and installer/bps-commissioner.nsi. Needs Python 3.11+ with pip, and makensis (Debian: nsis);
the check also needs Wine (Debian: wine, wine64). Downloads and work files stay in build/.
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import tomllib
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BUILD = ROOT / "build"
WORK = BUILD / "installer"
NSI = HERE / "bps-commissioner.nsi"
ICON = HERE / "bps-commissioner.ico"
LOCK = HERE / "requirements-windows.txt"
EMBED_PIN = HERE / "python-embed.sha256"

PRODUCT = "BPS Commissioner"
#: Shown in "Apps & features"; the same author as the user's data folder (services/paths.py).
PUBLISHER = "BKT"
PACKAGE = "bps_commissioner"
DIST_NAME = "bps-commissioner"
UNINSTALL_KEY = r"Software\Microsoft\Windows\CurrentVersion\Uninstall" + "\\" + PRODUCT
#: What the install folder holds besides uninstall.exe; the uninstaller removes exactly these.
TOP_LEVEL = ("Python", "pkgs", "bps-commissioner.cmd", "bps-commissioner.ico")
#: Developer tools and build inputs inside the wheels that the installed program never loads:
#: Qt's designer/linguist/qml tools, C++ headers and import libraries, binding-generator
#: inputs, type stubs.
EXCLUDE = ("PySide6/*.exe", "PySide6/include/*", "shiboken6/include/*", "PySide6/typesystems/*",
           "PySide6/glue/*", "PySide6/metatypes/*", "PySide6/doc/*", "*.lib", "*.pyi")
NOT_FOR_RELEASE = "NOT-FOR-RELEASE"
#: The third-party licence texts (Help > About shows them; services/about.py), inside the package.
LICENCES = "resources/licences"
#: Those the build and the check look for by name: Qt's, and those of the protocol libraries.
LICENCE_TEXTS_NAMED = ("LGPL-3.0.txt", "GPL-3.0.txt", "pymodbus.txt", "pysnmp.txt", "pyserial.txt",
                       "pyqtgraph.txt", "numpy.txt", "pywin32-ctypes.txt")


class BuildError(Exception):
    """A build or check step failed: the message says which and why."""


def log(message: str) -> None:
    print(message, flush=True)


def run(cmd: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None,
        quiet: bool = False, check: bool = True, timeout: float = 900) -> subprocess.CompletedProcess:
    try:
        result = subprocess.run(cmd, env=env, cwd=cwd, text=True, timeout=timeout,
                                stdout=subprocess.PIPE if quiet else None,
                                stderr=subprocess.STDOUT if quiet else None)
    except FileNotFoundError:
        raise BuildError(f"{cmd[0]} is not installed") from None
    except subprocess.TimeoutExpired:
        raise BuildError(f"{Path(cmd[0]).name} did not finish within {timeout:g} s: {' '.join(cmd)}") from None
    if check and result.returncode != 0:
        tail = ("\n" + result.stdout[-3000:]) if quiet and result.stdout else ""
        raise BuildError(f"{Path(cmd[0]).name} failed (exit {result.returncode}): {' '.join(cmd)}{tail}")
    return result


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def packaging_module():
    """The ``packaging`` library (or pip's copy of it): requirements, markers, versions."""
    try:
        import packaging.markers
        import packaging.requirements
        import packaging.utils
        import packaging.version
        return packaging
    except ImportError:
        from pip._vendor import packaging as vendored  # pip is needed anyway
        import pip._vendor.packaging.markers  # noqa: F401
        import pip._vendor.packaging.requirements  # noqa: F401
        import pip._vendor.packaging.utils  # noqa: F401
        import pip._vendor.packaging.version  # noqa: F401
        return vendored


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


# --- the pinned runtime -----------------------------------------------------------------------

@dataclass(frozen=True)
class RuntimePin:
    sha256: str
    filename: str  # python-3.12.10-embed-amd64.zip

    @property
    def version(self) -> str:
        return self.filename.split("-")[1]

    @property
    def minor(self) -> str:  # "3.12"
        return ".".join(self.version.split(".")[:2])

    @property
    def tag(self) -> str:  # "312": python312.dll, python312._pth
        return self.minor.replace(".", "")


def read_runtime_pin(path: Path = EMBED_PIN) -> RuntimePin:
    """installer/python-embed.sha256: one line ``<sha256>  python-X.Y.Z-embed-amd64.zip``."""
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.lstrip().startswith("#")]
    if len(lines) != 1:
        raise BuildError(f"{path.relative_to(ROOT)}: expected one line '<sha256>  python-X.Y.Z-embed-amd64.zip', "
                         f"found {len(lines)}")
    m = re.fullmatch(r"([0-9a-fA-F]{64})\s+\*?(python-\d+\.\d+\.\d+-embed-amd64\.zip)", lines[0])
    if not m:
        raise BuildError(f"{path.relative_to(ROOT)}: {lines[0]!r} is not '<sha256>  python-X.Y.Z-embed-amd64.zip' "
                         "(a 64-digit SHA-256 and python.org's file name)")
    return RuntimePin(m.group(1).lower(), m.group(2))


def pip_target(minor: str) -> list[str]:
    """pip's options for wheels of the Windows target (64-bit CPython ``minor``)."""
    tag = minor.replace(".", "")
    return ["--only-binary=:all:", "--platform", "win_amd64", "--python-version", minor,
            "--implementation", "cp", "--abi", f"cp{tag}"]


def target_environment(minor: str) -> dict[str, str]:
    """PEP 508 marker values of the Windows target: pip evaluates markers for the machine
    it runs on, so --lock evaluates them itself (keyring needs pywin32-ctypes on Windows,
    SecretStorage only on Linux)."""
    return {"implementation_name": "cpython", "implementation_version": f"{minor}.0", "os_name": "nt",
            "platform_machine": "AMD64", "platform_python_implementation": "CPython",
            "platform_release": "10", "platform_system": "Windows", "platform_version": "10.0.19045",
            "python_full_version": f"{minor}.0", "python_version": minor, "sys_platform": "win32"}


# --- the lock file ----------------------------------------------------------------------------

@dataclass
class Locked:
    name: str
    version: str
    hashes: list[str] = field(default_factory=list)


def read_lock(path: Path = LOCK) -> tuple[dict[str, Locked], str | None]:
    """The pinned wheels (canonical name -> Locked) and the Python version of the lock's header."""
    if not path.is_file():
        raise BuildError(f"{path.relative_to(ROOT)} is missing: run python installer/build.py --lock")
    text = path.read_text(encoding="utf-8")
    minor = None
    m = re.search(r"^# target: win_amd64, CPython (\d+\.\d+)", text, re.M)
    if m:
        minor = m.group(1)
    entries: dict[str, Locked] = {}
    logical = re.sub(r"\\\n", " ", text)
    for line in logical.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)((?:\s+--hash=sha256:[0-9a-f]{64})+)", line)
        if not m:
            raise BuildError(f"{path.relative_to(ROOT)}: cannot read {line!r}: every entry is "
                             "'name==version --hash=sha256:<64 hex digits>'")
        hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", m.group(3))
        entries[canonical(m.group(1))] = Locked(m.group(1), m.group(2), hashes)
    if not entries:
        raise BuildError(f"{path.relative_to(ROOT)} names no wheel: run python installer/build.py --lock")
    return entries, minor


def project_dependencies() -> list[str]:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return list(tomllib.load(f)["project"]["dependencies"])


def check_lock_covers_project(pinned: dict[str, Locked], minor: str) -> None:
    """Every dependency in pyproject.toml is pinned, at a version it accepts."""
    pk = packaging_module()
    env = target_environment(minor)
    problems = []
    for text in project_dependencies():
        req = pk.requirements.Requirement(text)
        if req.marker is not None and not req.marker.evaluate(env):
            continue
        entry = pinned.get(canonical(req.name))
        if entry is None:
            problems.append(f"{req.name} is not pinned")
        elif not req.specifier.contains(entry.version, prereleases=True):
            problems.append(f"{req.name}=={entry.version} does not satisfy pyproject.toml's {text!r}")
    if problems:
        raise BuildError("installer/requirements-windows.txt is out of date with pyproject.toml ("
                         + "; ".join(problems) + "): run python installer/build.py --lock")


def wheel_metadata(wheel: Path) -> tuple[str, str, list[str]]:
    """(name, version, Requires-Dist lines) of a wheel."""
    with zipfile.ZipFile(wheel) as z:
        meta = next((n for n in z.namelist() if re.fullmatch(r"[^/]+\.dist-info/METADATA", n)), None)
        if meta is None:
            raise BuildError(f"{wheel.name} has no .dist-info/METADATA: not a wheel")
        text = z.read(meta).decode("utf-8")
    headers, _, _ = text.partition("\n\n")
    fields: dict[str, list[str]] = {}
    for line in headers.splitlines():
        key, sep, value = line.partition(":")
        if sep and not line[:1].isspace():
            fields.setdefault(key.strip(), []).append(value.strip())
    return fields["Name"][0], fields["Version"][0], fields.get("Requires-Dist", [])


def lock(minor: str) -> int:
    """Resolve pyproject.toml's dependencies for the Windows target, newest wheels that fit,
    and write the lock file. Markers are evaluated for Windows; a later requirement that
    rejects a version already picked is an error (tighten pyproject.toml, then lock again)."""
    pk = packaging_module()
    env = target_environment(minor)
    folder = Path(tempfile.mkdtemp(prefix="lock-", dir=_work_dir()))
    chosen: dict[str, tuple[str, Path, list[str]]] = {}  # canonical -> (version, wheel, required by)
    queue: list[tuple[str, str]] = [(text, "pyproject.toml") for text in project_dependencies()]
    extras_done: dict[str, set[str]] = {}
    try:
        while queue:
            text, parent = queue.pop(0)
            req = pk.requirements.Requirement(text)
            if req.marker is not None and not any(
                    req.marker.evaluate({**env, "extra": extra}) for extra in _extras_of(parent)):
                continue
            name = canonical(req.name)
            if name in chosen:
                version, wheel, via = chosen[name]
                if not req.specifier.contains(version, prereleases=True):
                    raise BuildError(f"{parent} needs {text!r} but {req.name} {version} was picked "
                                     f"for {', '.join(via)}: pin a version both accept in pyproject.toml")
                via.append(parent)
                new_extras = set(req.extras) - extras_done.setdefault(name, set())
                if new_extras:  # asked for again with extras: their requirements count too
                    extras_done[name] |= new_extras
                    wheel_name, _, requires = wheel_metadata(wheel)
                    queue.extend((r, f"{wheel_name}[{','.join(sorted(new_extras))}]") for r in requires)
                continue
            spec = f"{req.name}{req.specifier}"
            before = set(folder.iterdir())
            run([sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "-q", "--no-deps",
                 *pip_target(minor), "-d", str(folder), spec], quiet=True)
            new = [p for p in set(folder.iterdir()) - before if p.suffix == ".whl"]
            if not new:  # already in the folder from an earlier spec: find it by name
                new = [p for p in folder.glob("*.whl") if canonical(p.name.split("-")[0]) == name]
            if len(new) != 1:
                raise BuildError(f"pip download {spec!r} gave {len(new)} wheels")
            wheel_name, version, requires = wheel_metadata(new[0])
            chosen[name] = (version, new[0], [parent])
            extras_done[name] = set(req.extras)
            log(f"  {wheel_name} {version}")
            for r in requires:
                queue.append((r, f"{wheel_name}[{','.join(sorted(req.extras))}]" if req.extras else wheel_name))
        lines = [
            "# BPS Commissioner's dependencies on Windows: exactly the wheels the installer ships.",
            f"# target: win_amd64, CPython {minor} (the runtime pinned in installer/python-embed.sha256)",
            "# Generated from pyproject.toml's [project] dependencies by: python installer/build.py --lock",
            "# (markers evaluated for Windows). Do not edit by hand. A build takes no other file:",
            "# pip download --require-hashes, and installer/build.py hashes every wheel again.",
            "",
        ]
        for name in sorted(chosen):
            version, wheel, via = chosen[name]
            dist_name = wheel_metadata(wheel)[0]
            lines.append(f"{dist_name}=={version} \\")
            lines.append(f"    --hash=sha256:{sha256_of(wheel)}")
            lines.append(f"    # via {', '.join(sorted(set(via)))}")
        LOCK.write_text("\n".join(lines) + "\n", encoding="utf-8")
        log(f"wrote {LOCK.relative_to(ROOT)}: {len(chosen)} wheels for win_amd64, CPython {minor}")
        return 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _extras_of(parent: str) -> list[str]:
    """The extras a requirement's markers may test: those requested of its parent."""
    m = re.search(r"\[([^\]]*)\]$", parent)
    return [""] + (m.group(1).split(",") if m else [])


def _work_dir() -> Path:
    WORK.mkdir(parents=True, exist_ok=True)
    return WORK


# --- the wheels -------------------------------------------------------------------------------

def fetch_wheels(lock_entries: dict[str, Locked], minor: str) -> list[Path]:
    """Download the locked wheels (kept in build/installer/wheels between runs) and return
    exactly the files the lock names, each checked against its hash."""
    folder = _work_dir() / "wheels"
    folder.mkdir(exist_ok=True)
    started = time.monotonic()
    run([sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "-q", "--no-deps",
         "--require-hashes", *pip_target(minor), "-r", str(LOCK), "-d", str(folder)], quiet=True)
    by_hash = {sha256_of(p): p for p in folder.glob("*.whl")}
    wheels = []
    for name, entry in sorted(lock_entries.items()):
        match = next((by_hash[h] for h in entry.hashes if h in by_hash), None)
        if match is None:
            raise BuildError(f"no wheel of {entry.name}=={entry.version} in {folder} matches its hash "
                             "in installer/requirements-windows.txt")
        wheel_name, version, _ = wheel_metadata(match)
        if canonical(wheel_name) != name or version != entry.version:
            raise BuildError(f"{match.name} is {wheel_name} {version}, the lock says {entry.name} {entry.version}")
        wheels.append(match)
    size = sum(p.stat().st_size for p in wheels)
    log(f"wheels: {len(wheels)} locked Windows wheels, {size / 1e6:.0f} MB, hashes verified "
        f"({time.monotonic() - started:.1f} s)")
    return wheels


def build_app_wheel() -> Path:
    """The application as a wheel, built by pip from a clean copy of the project's sources (so
    that nothing left in a build folder can slip in)."""
    src = _work_dir() / "src"
    out = _work_dir() / "app-wheel"
    for folder in (src, out):
        shutil.rmtree(folder, ignore_errors=True)
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "app" / PACKAGE, src / "app" / PACKAGE,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    started = time.monotonic()
    run([sys.executable, "-m", "pip", "wheel", "--disable-pip-version-check", "-q", "--no-deps",
         "-w", str(out), str(src)], quiet=True)
    wheels = list(out.glob("*.whl"))
    if len(wheels) != 1:
        raise BuildError(f"pip wheel made {len(wheels)} wheels of the project in {out}")
    with zipfile.ZipFile(wheels[0]) as z:
        names = set(z.namelist())
    for lang in ("pl", "en"):
        if f"{PACKAGE}/translations/{PACKAGE}_{lang}.qm" not in names:
            raise BuildError(f"the project's wheel lacks translations/{PACKAGE}_{lang}.qm "
                             "(pyproject.toml's package-data)")
    licences = sorted(n for n in names if n.startswith(f"{PACKAGE}/{LICENCES}/") and n.endswith(".txt"))
    for name in LICENCE_TEXTS_NAMED:
        if f"{PACKAGE}/{LICENCES}/{name}" not in names:
            raise BuildError(f"the project's wheel lacks {LICENCES}/{name}, a third-party licence text "
                             "(pyproject.toml's package-data)")
    log(f"app: {len(licences)} third-party licence texts in the wheel")
    log(f"app: {wheels[0].name} ({time.monotonic() - started:.1f} s)")
    return wheels[0]


def install_wheel(wheel: Path, target: Path) -> int:
    """Unpack a wheel into ``target`` as pip would for a plain install: the packages and the
    .dist-info; ``.data/purelib`` and ``platlib`` go beside them; scripts, headers and data
    files are not needed by the program. Returns the number of files written."""
    count = 0
    with zipfile.ZipFile(wheel) as z:
        for info in z.infolist():
            name = info.filename
            if info.is_dir():
                continue
            parts = name.split("/")
            if parts[0].endswith(".data"):
                if len(parts) > 2 and parts[1] in ("purelib", "platlib"):
                    name = "/".join(parts[2:])
                else:
                    continue
            if any(fnmatch.fnmatchcase(name, pattern) for pattern in EXCLUDE):
                continue
            if ".." in name.split("/") or name.startswith("/"):
                raise BuildError(f"{wheel.name}: unsafe path {info.filename!r}")
            dest = target / name
            dest.parent.mkdir(parents=True, exist_ok=True)
            with z.open(info) as src, open(dest, "wb") as out:
                shutil.copyfileobj(src, out)
            count += 1
    return count


# --- the Python runtime -----------------------------------------------------------------------

def pth_text(tag: str) -> str:
    """The embeddable runtime's path file: its standard library, and the application's
    packages beside the runtime, nothing from the user's environment or registry."""
    return f"python{tag}.zip\r\n.\r\n..\\pkgs\r\n"


def stage_runtime(folder: Path, pin: RuntimePin, python_zip: Path | None) -> None:
    folder.mkdir(parents=True)
    if python_zip is None:  # the check build
        (folder / f"{NOT_FOR_RELEASE}.txt").write_text(
            "Placeholder for the Python runtime: this installer was built by\r\n"
            "installer/build.py --check to test installing and uninstalling. It cannot run the\r\n"
            "program and must not be given to anyone. Release installers are built with\r\n"
            "installer/build.py --release and python.org's Windows embeddable Python.\r\n", encoding="utf-8")
    else:
        digest = sha256_of(python_zip)
        if digest != pin.sha256:
            raise BuildError(f"{python_zip} has SHA-256 {digest}, but installer/python-embed.sha256 pins "
                             f"{pin.sha256} for {pin.filename}: refusing to build a release from it")
        with zipfile.ZipFile(python_zip) as z:
            names = set(z.namelist())
            needed = {"python.exe", "pythonw.exe", f"python{pin.tag}.dll", f"python{pin.tag}.zip",
                      f"python{pin.tag}._pth"}
            if not needed <= names:
                raise BuildError(f"{python_zip} is not a Python {pin.minor} embeddable runtime "
                                 f"(missing {', '.join(sorted(needed - names))})")
            z.extractall(folder)
    (folder / f"python{pin.tag}._pth").write_bytes(pth_text(pin.tag).encode("ascii"))


CMD_TEXT = (
    "@echo off\r\n"
    "rem BPS Commissioner's command line, e.g.: bps-commissioner read --tcp 192.168.1.10 --units 1-4\r\n"
    "\"%~dp0Python\\python.exe\" -m bps_commissioner %*\r\n"
    "exit /b %ERRORLEVEL%\r\n"
)


def stage(wheels: list[Path], app_wheel: Path, pin: RuntimePin, python_zip: Path | None) -> Path:
    folder = _work_dir() / "stage"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    started = time.monotonic()
    stage_runtime(folder / "Python", pin, python_zip)
    pkgs = folder / "pkgs"
    pkgs.mkdir()
    files = sum(install_wheel(w, pkgs) for w in [*wheels, app_wheel])
    pth_files = sorted(p.name for p in pkgs.glob("*.pth"))
    if pth_files:  # the runtime does not run site.py, so these would be ignored silently
        raise BuildError(f"wheels install .pth files ({', '.join(pth_files)}), which the embedded runtime "
                         "does not read: add 'import site' to the ._pth written by build.py")
    (folder / "bps-commissioner.cmd").write_bytes(CMD_TEXT.encode("ascii"))
    shutil.copy2(ICON, folder / "bps-commissioner.ico")
    top = sorted(p.name for p in folder.iterdir())
    if top != sorted(TOP_LEVEL):
        raise BuildError(f"staged {top}, but the .nsi's uninstaller removes {sorted(TOP_LEVEL)}")
    log(f"stage: {files} files from {len(wheels) + 1} wheels, {tree_size(folder) / 1e6:.0f} MB "
        f"({time.monotonic() - started:.1f} s)")
    return folder


def tree_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# --- makensis ---------------------------------------------------------------------------------

def find_makensis() -> str:
    found = shutil.which("makensis")
    if found:
        return found
    if sys.platform == "win32":
        for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles")):
            if base and (Path(base) / "NSIS" / "makensis.exe").is_file():
                return str(Path(base) / "NSIS" / "makensis.exe")
    raise BuildError("makensis (NSIS 3) is not installed: on Debian/Ubuntu apt-get install nsis, "
                     "on Windows choco install nsis")


def numeric_version(version: str) -> str:
    """"0.1.0" -> "0.1.0.0": the four numbers of a Windows version resource."""
    numbers = [int(m) for m in re.findall(r"\d+", version.split("+")[0].split("rc")[0])[:4]]
    return ".".join(str(n) for n in (numbers + [0, 0, 0, 0])[:4])


def makensis(stage_dir: Path, version: str, out: Path, *, check_build: bool) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists():
        out.unlink()
    defines = {
        "VERSION": version, "VI_VERSION": numeric_version(version), "PUBLISHER": PUBLISHER,
        "STAGE_FILES": os.path.join(str(stage_dir), "*"), "ICON": str(ICON),
        "OUTFILE": str(out), "SIZE_KB": str((tree_size(stage_dir) + 1023) // 1024),
        # The check build trades the release's ratio for time: lzma over ~300 MB takes minutes.
        "COMPRESSOR": "zlib" if check_build else "lzma",
    }
    cmd = [find_makensis(), "-V2", "-WX", "-INPUTCHARSET", "UTF8", *(f"-D{k}={v}" for k, v in defines.items())]
    if check_build:
        cmd.append("-DCHECK_BUILD")
    started = time.monotonic()
    run([*cmd, str(NSI)], quiet=True, timeout=1800)
    if not out.is_file():
        raise BuildError(f"makensis wrote no {out}")
    log(f"makensis: {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}, {out.stat().st_size / 1e6:.0f} MB "
        f"({time.monotonic() - started:.1f} s)")
    return out


# --- what an installer's executable says about itself -----------------------------------------

def pe_manifest(data: bytes) -> tuple[int, str]:
    """(machine, manifest XML) of a Windows executable: its PE header and RT_MANIFEST resource."""
    if data[:2] != b"MZ":
        raise BuildError("not a Windows executable (no MZ header)")
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    if data[pe:pe + 4] != b"PE\0\0":
        raise BuildError("not a Windows executable (no PE header)")
    machine, sections, _, _, _, optional_size = struct.unpack_from("<HHIIIH", data, pe + 4)
    optional = pe + 24
    magic = struct.unpack_from("<H", data, optional)[0]
    directories = optional + (112 if magic == 0x20B else 96)
    resource_rva, _ = struct.unpack_from("<II", data, directories + 2 * 8)
    table = optional + optional_size
    spans = []
    for i in range(sections):
        vsize, vaddr, rawsize, rawptr = struct.unpack_from("<IIII", data, table + 40 * i + 8)
        spans.append((vaddr, max(vsize, rawsize), rawptr))

    def offset(rva: int) -> int:
        for vaddr, size, rawptr in spans:
            if vaddr <= rva < vaddr + size:
                return rawptr + rva - vaddr
        raise BuildError(f"RVA {rva:#x} lies in no section")

    base = offset(resource_rva)

    def entries(directory: int) -> list[tuple[int, int]]:
        named, ids = struct.unpack_from("<HH", data, directory + 12)
        return [struct.unpack_from("<II", data, directory + 16 + 8 * i) for i in range(named + ids)]

    for ident, target in entries(base):
        if ident == 24 and target & 0x80000000:  # RT_MANIFEST
            names = entries(base + (target & 0x7FFFFFFF))
            languages = entries(base + (names[0][1] & 0x7FFFFFFF))
            rva, size = struct.unpack_from("<II", data, base + (languages[0][1] & 0x7FFFFFFF))
            start = offset(rva)
            return machine, data[start:start + size].decode("utf-8-sig")
    raise BuildError("the executable has no manifest")


def check_executable(exe: Path) -> None:
    """A 64-bit executable whose manifest runs it as the invoking user (no elevation prompt)."""
    machine, manifest = pe_manifest(exe.read_bytes())
    if machine != 0x8664:
        raise BuildError(f"{exe.name} is not a 64-bit (AMD64) executable (machine {machine:#x})")
    levels = [el.attrib for el in ET.fromstring(manifest).iter() if el.tag.endswith("requestedExecutionLevel")]
    if len(levels) != 1 or levels[0].get("level") != "asInvoker" or levels[0].get("uiAccess", "false") != "false":
        raise BuildError(f"{exe.name}'s manifest asks for {levels or 'no execution level'}, not asInvoker: "
                         "it would need administrator rights")
    log(f"manifest: AMD64, requestedExecutionLevel asInvoker (no elevation)")


# --- Windows shortcuts and registry files, read here --------------------------------------------

def read_shortcut(data: bytes) -> dict[str, str]:
    """The target, arguments, working folder and icon of a Shell Link (.lnk) file."""
    if len(data) < 76 or struct.unpack_from("<I", data, 0)[0] != 0x4C:
        raise BuildError("not a shortcut (.lnk) file")
    flags = struct.unpack_from("<I", data, 20)[0]
    pos = 76
    result: dict[str, str] = {}
    if flags & 0x01:  # HasLinkTargetIDList
        pos += 2 + struct.unpack_from("<H", data, pos)[0]
    if flags & 0x02:  # HasLinkInfo
        info_size, header_size, info_flags, _, base_off = struct.unpack_from("<IIIII", data, pos)
        suffix_off = struct.unpack_from("<I", data, pos + 24)[0]
        if info_flags & 0x01:
            if header_size >= 0x24:
                base_u = struct.unpack_from("<I", data, pos + 28)[0]
                result["target"] = _utf16z(data, pos + base_u)
            else:
                result["target"] = _ansiz(data, pos + base_off) + _ansiz(data, pos + suffix_off)
        pos += info_size
    unicode = bool(flags & 0x80)
    for bit, key in ((0x04, "name"), (0x08, "relative_path"), (0x10, "working_dir"),
                     (0x20, "arguments"), (0x40, "icon")):
        if flags & bit:
            count = struct.unpack_from("<H", data, pos)[0]
            pos += 2
            width = 2 if unicode else 1
            raw = data[pos:pos + count * width]
            # Wine counts the terminating NUL in, Windows does not
            result[key] = raw.decode("utf-16-le" if unicode else "latin-1").rstrip("\0")
            pos += count * width
    return result


def _utf16z(data: bytes, pos: int) -> str:
    end = pos
    while data[end:end + 2] != b"\0\0":
        end += 2
    return data[pos:end].decode("utf-16-le")


def _ansiz(data: bytes, pos: int) -> str:
    return data[pos:data.index(b"\0", pos)].decode("latin-1")


def read_wine_registry(path: Path) -> dict[str, dict[str, object]]:
    """Keys of a Wine registry file (user.reg, system.reg): key path -> {value name: str or int}."""
    keys: dict[str, dict[str, object]] = {}
    current: dict[str, object] | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("["):
            name = line[1:line.rindex("]")]
            current = keys.setdefault(_unescape(name).lower(), {})
        elif current is not None and line.startswith('"'):
            m = re.match(r'"((?:[^"\\]|\\.)*)"=(.*)$', line)
            if not m:
                continue
            value = m.group(2)
            if value.startswith('"') and value.endswith('"'):
                current[_unescape(m.group(1))] = _unescape(value[1:-1])
            elif value.startswith("dword:"):
                current[_unescape(m.group(1))] = int(value[6:], 16)
            else:
                current[_unescape(m.group(1))] = value
    return keys


def _unescape(text: str) -> str:
    return re.sub(r"\\x([0-9a-fA-F]{1,4})|\\(.)",
                  lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), text)


# --- the check under Wine ---------------------------------------------------------------------

class Wine:
    """A throw-away 64-bit Wine prefix, headless and quiet."""

    def __init__(self, keep: bool = False):
        for tool in ("wine", "wineserver"):
            if not shutil.which(tool):
                raise BuildError(f"{tool} is not installed: on Debian/Ubuntu apt-get install wine wine64")
        self.keep = keep
        self.prefix = Path(tempfile.mkdtemp(prefix="bps-wine-"))
        self.env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        self.env.update(WINEPREFIX=str(self.prefix), WINEARCH="win64", WINEDEBUG="-all",
                        # no Mono/Gecko prompts, no menu entries on the Linux desktop
                        WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d")

    def __enter__(self) -> "Wine":
        started = time.monotonic()
        self.run(["wine", "wineboot", "--init"], check=True)
        self.wait()
        users = [p for p in (self.prefix / "drive_c" / "users").iterdir() if p.name.lower() != "public"]
        if len(users) != 1:
            raise BuildError(f"cannot tell the Wine user's profile among {[p.name for p in users]}")
        self.profile = users[0]
        log(f"wine: prefix {self.prefix} ({time.monotonic() - started:.1f} s)")
        return self

    def __exit__(self, *exc: object) -> None:
        subprocess.run(["wineserver", "-k"], env=self.env, capture_output=True)
        if self.keep:
            log(f"wine: prefix kept at {self.prefix}")
        else:
            shutil.rmtree(self.prefix, ignore_errors=True)

    def run(self, cmd: list[str], *, check: bool = False, timeout: float = 600) -> int:
        result = run(cmd, env=self.env, quiet=True, check=check, timeout=timeout)
        return result.returncode

    def wait(self) -> None:
        """Until every Windows process of the prefix has ended and the registry is on disk."""
        run(["wineserver", "-w"], env=self.env, quiet=True, timeout=600)

    def unix(self, windows_path: str) -> Path:
        parts = PureWindowsPath(windows_path)
        if parts.drive.upper() != "C:":
            raise BuildError(f"{windows_path} is not on drive C:")
        return self.prefix / "drive_c" / Path(*parts.parts[1:])

    def windows(self, path: Path) -> str:
        return "C:\\" + "\\".join(path.relative_to(self.prefix / "drive_c").parts)

    def registry(self, hive: str) -> dict[str, dict[str, object]]:
        return read_wine_registry(self.prefix / hive)


class Findings:
    def __init__(self) -> None:
        self.failed: list[str] = []

    def check(self, ok: bool, what: str) -> bool:
        log(f"  {'ok  ' if ok else 'FAIL'} {what}")
        if not ok:
            self.failed.append(what)
        return ok


def wine_check(exe: Path, stage_dir: Path, version: str, lock_entries: dict[str, Locked], pin: RuntimePin,
               keep: bool = False) -> None:
    f = Findings()
    with Wine(keep) as wine:
        local = wine.profile / "AppData" / "Local"
        instdir = local / "Programs" / PRODUCT
        start_menu = wine.profile / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs"
        shortcut = start_menu / f"{PRODUCT}.lnk"
        key = UNINSTALL_KEY.lower()

        # 1. a folder with someone else's files in it is refused, and left as it was
        occupied = wine.profile / "Documents" / "occupied"
        occupied.mkdir(parents=True, exist_ok=True)
        (occupied / "notes.txt").write_text("the user's own file")
        code = wine.run(["wine", str(exe), "/S", f"/D={wine.windows(occupied)}"])
        wine.wait()
        # The script ends with error level 2 (SetErrorLevel 2; Quit); under Wine the first run in
        # a new prefix has been seen to end with 1 instead. What matters is that it refuses and
        # leaves the folder alone: any non-zero code, the user's file untouched, no shortcut.
        f.check(code != 0 and sorted(p.name for p in occupied.iterdir()) == ["notes.txt"]
                and not shortcut.exists(),
                f"a non-empty folder that holds no earlier installation is refused (exit {code}), "
                "its files untouched")

        # 2. the silent install, as the user, into their profile
        started = time.monotonic()
        code = wine.run(["wine", str(exe), "/S"])
        wine.wait()
        log(f"wine: installed in {time.monotonic() - started:.1f} s (exit {code})")
        f.check(code == 0, f"the silent install (/S) ends with exit 0 (got {code})")
        f.check(instdir.is_dir(), f"installed into %LOCALAPPDATA%\\Programs\\{PRODUCT}")

        # 3. installing again over it (an update): the packages are replaced whole, so a module
        # only an earlier version had does not linger
        stale = instdir / "pkgs" / "module_of_an_earlier_version.py"
        if instdir.is_dir():
            stale.write_text("")
            started = time.monotonic()
            code = wine.run(["wine", str(exe), "/S"])
            wine.wait()
            log(f"wine: installed again over it in {time.monotonic() - started:.1f} s (exit {code})")
            f.check(code == 0 and not stale.exists(),
                    f"installing over an earlier installation works (exit {code}) and replaces its packages whole")
        elsewhere = [p for p in (wine.prefix / "drive_c").glob("Program Files*/*")
                     if PRODUCT.lower() in p.name.lower()]
        f.check(not elsewhere, "nothing installed under Program Files")
        if instdir.is_dir():
            missing, differ = [], []
            for src in stage_dir.rglob("*"):
                if src.is_file():
                    dest = instdir / src.relative_to(stage_dir)
                    if not dest.is_file():
                        missing.append(str(src.relative_to(stage_dir)))
                    elif dest.stat().st_size != src.stat().st_size:
                        differ.append(str(src.relative_to(stage_dir)))
            staged = sum(1 for p in stage_dir.rglob("*") if p.is_file())
            f.check(not missing and not differ,
                    f"all {staged} staged files installed with their sizes"
                    + (f" (missing {missing[:5]}, differing {differ[:5]})" if missing or differ else ""))
            extra = sorted({p.name for p in instdir.iterdir()} - set(TOP_LEVEL) - {"uninstall.exe"})
            f.check(not extra, f"the install folder holds only {', '.join(TOP_LEVEL)}, uninstall.exe"
                    + (f" (also {extra})" if extra else ""))
            pkgs = instdir / "pkgs"
            named = {
                "the application package": pkgs / PACKAGE / "__init__.py",
                "its command line": pkgs / PACKAGE / "cli" / "__init__.py",
                "the Polish translation (.qm)": pkgs / PACKAGE / "translations" / f"{PACKAGE}_pl.qm",
                "the English translation (.qm)": pkgs / PACKAGE / "translations" / f"{PACKAGE}_en.qm",
                "the application icon (SVG)": pkgs / PACKAGE / "resources" / "app.svg",
                **{f"the licence text {name}": pkgs / PACKAGE / LICENCES / name for name in LICENCE_TEXTS_NAMED},
                "PySide6's Qt Core, Gui and Widgets": pkgs / "PySide6" / "QtWidgets.pyd",
                "Qt's Windows platform plugin": pkgs / "PySide6" / "plugins" / "platforms" / "qwindows.dll",
                "Qt's SVG image plugin": pkgs / "PySide6" / "plugins" / "imageformats" / "qsvg.dll",
                "Qt's Polish catalogue": pkgs / "PySide6" / "translations" / "qtbase_pl.qm",
                "the MSVC runtime of shiboken6": pkgs / "shiboken6" / "vcruntime140.dll",
                "the runtime's path file": instdir / "Python" / f"python{pin.tag}._pth",
                "the command line launcher": instdir / "bps-commissioner.cmd",
                "the uninstaller": instdir / "uninstall.exe",
            }
            for what, path in named.items():
                f.check(path.is_file(), f"{what}: {path.relative_to(instdir)}")
            meta = pkgs / f"{PACKAGE}-{version}.dist-info" / "METADATA"
            f.check(meta.is_file() and f"\nVersion: {version}\n" in meta.read_text(encoding="utf-8"),
                    f"the package metadata says version {version}")
            dists = {canonical(p.name[:-len(".dist-info")].rsplit("-", 1)[0]) for p in pkgs.glob("*.dist-info")}
            absent = sorted(set(lock_entries) - dists)
            f.check(not absent, f"every locked distribution installed ({len(lock_entries)})"
                    + (f": missing {absent}" if absent else ""))
            pth = instdir / "Python" / f"python{pin.tag}._pth"
            f.check(pth.is_file() and "..\\pkgs" in pth.read_text(), "the runtime's path file names ..\\pkgs")
            f.check((instdir / "Python" / f"{NOT_FOR_RELEASE}.txt").is_file(),
                    "the placeholder runtime says NOT-FOR-RELEASE")

        # the Start-menu shortcut
        if f.check(shortcut.is_file(), f"Start-menu shortcut: {shortcut.relative_to(wine.profile)}"):
            link = read_shortcut(shortcut.read_bytes())
            target = wine.windows(instdir / "Python" / "pythonw.exe")
            f.check(link.get("target", "").lower() == target.lower(),
                    f"the shortcut starts {target} (it says {link.get('target')!r})")
            f.check(link.get("arguments") == "-m bps_commissioner",
                    f"the shortcut's arguments are -m bps_commissioner ({link.get('arguments')!r})")
            icon = wine.windows(instdir / "bps-commissioner.ico")
            f.check(link.get("icon", "").lower() == icon.lower(),
                    f"the shortcut shows the program's icon ({link.get('icon')!r})")

        # the uninstall entry: the current user's, none for the machine
        entry = wine.registry("user.reg").get(key)
        if f.check(entry is not None, f"HKCU\\{UNINSTALL_KEY}"):
            uninstaller = wine.windows(instdir / "uninstall.exe")
            expected = {"DisplayVersion": version, "Publisher": PUBLISHER,
                        "InstallLocation": wine.windows(instdir), "UninstallString": f'"{uninstaller}"',
                        "QuietUninstallString": f'"{uninstaller}" /S',
                        "DisplayIcon": wine.windows(instdir / "bps-commissioner.ico"),
                        "NoModify": 1, "NoRepair": 1}
            for name, value in expected.items():
                f.check(entry.get(name) == value, f"  {name} = {value!r} (found {entry.get(name)!r})")
            f.check(str(entry.get("DisplayName", "")).startswith(f"{PRODUCT} {version}"),
                    f"  DisplayName {entry.get('DisplayName')!r}")
            size = entry.get("EstimatedSize")
            f.check(isinstance(size, int) and size * 1024 >= tree_size(stage_dir),
                    f"  EstimatedSize {size} KiB")
            f.check(entry.get("InstallerLanguage") in ("1033", "1045"),
                    f"  InstallerLanguage {entry.get('InstallerLanguage')!r} (English 1033 or Polish 1045)")
        f.check(key not in wine.registry("system.reg"), "no uninstall entry for the machine (HKLM)")

        # 4. the uninstaller removes all of it
        started = time.monotonic()
        code = wine.run(["wine", str(instdir / "uninstall.exe"), "/S"])
        wine.wait()
        log(f"wine: uninstalled in {time.monotonic() - started:.1f} s (exit {code})")
        f.check(code == 0, f"the silent uninstall ends with exit 0 (got {code})")
        f.check(not instdir.exists(), "the install folder is gone")
        f.check(not shortcut.exists(), "the Start-menu shortcut is gone")
        f.check(key not in wine.registry("user.reg"), "the HKCU uninstall entry is gone")
        left = [str(p.relative_to(wine.prefix)) for p in (wine.prefix / "drive_c").rglob("*")
                if (PRODUCT.lower() in p.name.lower() or "bps-commissioner" in p.name.lower())]
        f.check(not left, "nothing named after the program is left in the prefix" + (f": {left[:5]}" if left else ""))
        left_keys = [k for k in wine.registry("user.reg") if PRODUCT.lower() in k]
        f.check(not left_keys, "no registry key named after the program is left"
                + (f": {left_keys}" if left_keys else ""))
    if f.failed:
        raise BuildError(f"the check installer failed {len(f.failed)} check(s): " + "; ".join(f.failed))


# --- the commands -----------------------------------------------------------------------------

def build(*, python_zip: Path | None, keep_prefix: bool = False, skip_wine: bool = False) -> Path:
    check_build = python_zip is None
    started = time.monotonic()
    pin = read_runtime_pin()
    lock_entries, lock_minor = read_lock()
    if lock_minor != pin.minor:
        raise BuildError(f"installer/requirements-windows.txt is for CPython {lock_minor}, the pinned runtime "
                         f"({pin.filename}) is {pin.minor}: run python installer/build.py --lock")
    check_lock_covers_project(lock_entries, pin.minor)
    if python_zip is not None and not python_zip.is_file():
        raise BuildError(f"{python_zip} does not exist: give the path of python.org's {pin.filename}")
    find_makensis()
    app_wheel = build_app_wheel()
    _, version, _ = wheel_metadata(app_wheel)
    wheels = fetch_wheels(lock_entries, pin.minor)
    stage_dir = stage(wheels, app_wheel, pin, python_zip)
    name = (f"{DIST_NAME}-{version}-win64-{NOT_FOR_RELEASE}.exe" if check_build
            else f"{DIST_NAME}-{version}-win64-setup.exe")
    exe = makensis(stage_dir, version, BUILD / name, check_build=check_build)
    check_executable(exe)
    if check_build and not skip_wine:
        wine_check(exe, stage_dir, version, lock_entries, pin, keep=keep_prefix)
    for folder in (stage_dir, WORK / "src"):  # 250 MB of copies; the wheels stay for the next run
        shutil.rmtree(folder, ignore_errors=True)
    log(f"{'check' if check_build else 'release'} build passed: {exe} ({time.monotonic() - started:.0f} s in all)")
    return exe


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="build.py", description="Build BPS Commissioner's Windows installer; check it under Wine.")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true",
                      help="build the NOT-FOR-RELEASE check installer (placeholder runtime) and install, "
                           "verify and uninstall it under Wine")
    mode.add_argument("--release", action="store_true",
                      help="build the release installer; needs --python-zip")
    mode.add_argument("--lock", action="store_true",
                      help="re-resolve the Windows wheels and rewrite installer/requirements-windows.txt")
    parser.add_argument("--python-zip", type=Path, metavar="ZIP",
                        help="python.org's Windows embeddable Python (the file named in installer/python-embed.sha256)")
    parser.add_argument("--no-wine", action="store_true", help="with --check: build and inspect only, skip Wine")
    parser.add_argument("--keep-prefix", action="store_true", help="with --check: keep the Wine prefix to look into")
    args = parser.parse_args(argv)
    if args.release and args.python_zip is None:
        parser.error("--release needs --python-zip (python.org's Windows embeddable Python)")
    if not args.release and args.python_zip is not None:
        parser.error("--python-zip goes with --release only: a check build never ships a runtime")
    try:
        if args.lock:
            return lock(read_runtime_pin().minor)
        build(python_zip=args.python_zip.resolve() if args.release else None,
              keep_prefix=args.keep_prefix, skip_wine=args.no_wine)
        return 0
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
