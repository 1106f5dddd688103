"""installer/: the NSIS script, the pinned runtime and wheels, the icon, and the pieces of
build.py that the Wine check relies on. The full build and the Wine install run in .ci/run
(`python installer/build.py --check`), not here: they take a minute."""

from __future__ import annotations

import hashlib
import importlib.util
import re
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
NSI_TEXT = (INSTALLER / "bps-commissioner.nsi").read_text(encoding="utf-8")


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"installer_{name}", INSTALLER / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


build = _load("build")
make_icon = _load("make_icon")

needs_makensis = pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis (NSIS) is not installed")


# --- the NSIS script: per user, no elevation ------------------------------------------------

def nsi_lines() -> list[str]:
    return [line.split(";", 1)[0].strip() for line in NSI_TEXT.splitlines()
            if line.strip() and not line.lstrip().startswith(";")]


def section(name: str) -> list[str]:
    lines = nsi_lines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f'Section "{name}"'))
    end = next(i for i in range(start, len(lines)) if lines[i] == "SectionEnd")
    return lines[start:end]


def test_the_installer_runs_as_the_user_into_their_profile():
    lines = nsi_lines()
    assert "RequestExecutionLevel user" in lines
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\${PRODUCT}"' in lines
    assert '!define PRODUCT "BPS Commissioner"' in lines
    assert "Target amd64-unicode" in lines
    assert not [line for line in lines if re.search(r"HKLM|HKEY_LOCAL_MACHINE|SHCTX|\$PROGRAMFILES|"
                                                   r"SetShellVarContext all|MultiUser|UserInfo", line)]
    assert lines.count("SetShellVarContext current") >= 3  # .onInit, install, uninstall


def test_the_uninstall_entry_is_the_users_with_version_and_publisher():
    writes = [line for line in section("${PRODUCT}") if line.startswith("WriteReg")]
    assert writes and all(' HKCU "${UNINST_KEY}" ' in line for line in writes)
    names = {re.search(r'"\$\{UNINST_KEY\}" "([^"]+)"', line).group(1) for line in writes}
    assert {"DisplayName", "DisplayVersion", "Publisher", "UninstallString", "InstallLocation",
            "DisplayIcon", "EstimatedSize"} <= names
    assert '!define UNINST_KEY "Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\${PRODUCT}"' in nsi_lines()
    assert build.UNINSTALL_KEY == "Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\BPS Commissioner"


def test_the_uninstaller_removes_exactly_what_the_installer_put_there():
    uninstall = section("Uninstall")
    for item in build.TOP_LEVEL:
        assert any(item in line and (line.startswith("RMDir /r") or line.startswith("Delete"))
                   for line in uninstall), item
    assert 'Delete "$INSTDIR\\uninstall.exe"' in uninstall
    assert 'RMDir "$INSTDIR"' in uninstall  # the folder itself only when empty
    assert 'RMDir /r "$INSTDIR"' not in uninstall
    assert 'Delete "$SMPROGRAMS\\${PRODUCT}.lnk"' in uninstall
    assert 'DeleteRegKey HKCU "${UNINST_KEY}"' in uninstall


def test_the_wizard_speaks_polish_and_english():
    lines = nsi_lines()
    assert '!insertmacro MUI_LANGUAGE "English"' in lines
    assert '!insertmacro MUI_LANGUAGE "Polish"' in lines
    assert "!insertmacro MUI_LANGDLL_DISPLAY" in lines and "!insertmacro MUI_UNGETLANGUAGE" in lines
    strings: dict[str, set[str]] = {}
    for line in lines:
        m = re.match(r"LangString (\w+) \$\{LANG_(\w+)\} ", line)
        if m:
            strings.setdefault(m.group(1), set()).add(m.group(2))
    assert strings and all(langs == {"ENGLISH", "POLISH"} for langs in strings.values()), strings
    for name in strings:
        assert f"$({name})" in NSI_TEXT


def test_the_publisher_is_the_author_of_the_users_data_folder():
    from bps_commissioner.services.paths import APP_AUTHOR

    assert build.PUBLISHER == APP_AUTHOR


# --- pinned runtime and wheels --------------------------------------------------------------

def test_the_runtime_pin_names_a_64_bit_embeddable_python():
    pin = build.read_runtime_pin()
    assert re.fullmatch(r"[0-9a-f]{64}", pin.sha256)
    assert re.fullmatch(r"python-3\.1[12]\.\d+-embed-amd64\.zip", pin.filename)
    assert pin.tag == pin.minor.replace(".", "")


def test_the_lock_pins_every_dependency_for_windows_with_hashes():
    entries, minor = build.read_lock()
    assert minor == build.read_runtime_pin().minor
    build.check_lock_covers_project(entries, minor)  # raises when pyproject.toml moved on
    assert all(entry.hashes for entry in entries.values())
    # markers were evaluated for Windows, not for the machine that locked
    assert "pywin32-ctypes" in entries  # keyring's Windows backend
    assert not {"secretstorage", "jeepney"} & set(entries)
    assert "pyside6-essentials" in entries and "shiboken6" in entries
    assert entries["pyside6-essentials"].version == entries["shiboken6"].version


def test_a_lock_that_misses_a_dependency_is_refused():
    entries, minor = build.read_lock()
    del entries["pymodbus"]
    with pytest.raises(build.BuildError, match="pymodbus is not pinned.*--lock"):
        build.check_lock_covers_project(entries, minor)
    entries, _ = build.read_lock()
    entries["numpy"].version = "1.0.0"
    with pytest.raises(build.BuildError, match="numpy==1.0.0 does not satisfy"):
        build.check_lock_covers_project(entries, minor)


def fake_runtime(tmp_path: Path, tag: str = "312") -> Path:
    path = tmp_path / "python-embed.zip"
    with zipfile.ZipFile(path, "w") as z:
        for name in ("python.exe", "pythonw.exe", f"python{tag}.dll", f"python{tag}.zip", "vcruntime140.dll"):
            z.writestr(name, b"MZ" + name.encode())
        z.writestr(f"python{tag}._pth", f"python{tag}.zip\r\n.\r\n#import site\r\n")
    return path


def test_a_release_refuses_a_runtime_whose_hash_is_not_the_pinned_one(tmp_path):
    runtime = fake_runtime(tmp_path)
    pin = build.read_runtime_pin()
    with pytest.raises(build.BuildError, match="SHA-256 .* pins .*refusing to build a release"):
        build.stage_runtime(tmp_path / "Python", pin, runtime)
    assert not any((tmp_path / "Python").iterdir())


def test_a_release_unpacks_the_pinned_runtime_and_points_it_at_the_packages(tmp_path):
    runtime = fake_runtime(tmp_path)
    pin = build.RuntimePin(hashlib.sha256(runtime.read_bytes()).hexdigest(), "python-3.12.10-embed-amd64.zip")
    build.stage_runtime(tmp_path / "Python", pin, runtime)
    files = sorted(p.name for p in (tmp_path / "Python").iterdir())
    assert files == sorted(["python.exe", "pythonw.exe", "python312.dll", "python312.zip", "python312._pth",
                            "vcruntime140.dll"])
    assert (tmp_path / "Python" / "python312._pth").read_bytes() == b"python312.zip\r\n.\r\n..\\pkgs\r\n"


def test_a_check_build_has_a_placeholder_runtime_that_says_so(tmp_path):
    build.stage_runtime(tmp_path / "Python", build.read_runtime_pin(), None)
    files = sorted(p.name for p in (tmp_path / "Python").iterdir())
    assert files == ["NOT-FOR-RELEASE.txt", "python312._pth"]


def test_a_zip_that_is_not_the_runtime_is_refused(tmp_path):
    runtime = fake_runtime(tmp_path, tag="311")
    pin = build.RuntimePin(hashlib.sha256(runtime.read_bytes()).hexdigest(), "python-3.12.10-embed-amd64.zip")
    with pytest.raises(build.BuildError, match="not a Python 3.12 embeddable runtime.*python312.dll"):
        build.stage_runtime(tmp_path / "Python", pin, runtime)


@pytest.mark.parametrize("argv", [["--release"], ["--check", "--python-zip", "x.zip"], []])
def test_build_modes_need_their_options(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        build.main(argv)
    assert exit_.value.code == 2


def test_a_release_without_the_runtime_file_fails_with_a_message(tmp_path, capsys):
    assert build.main(["--release", "--python-zip", str(tmp_path / "absent.zip")]) == 1
    assert "absent.zip does not exist" in capsys.readouterr().err


def test_a_wheel_unpacks_like_pip_without_developer_tools(tmp_path):
    wheel = tmp_path / "demo-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr("demo/__init__.py", "")
        z.writestr("demo/__init__.pyi", "")
        z.writestr("demo-1.0.data/purelib/demo_extra.py", "")
        z.writestr("demo-1.0.data/scripts/demo-tool", "")
        z.writestr("demo-1.0.dist-info/METADATA", "Name: demo\nVersion: 1.0\n\n")
        z.writestr("PySide6/designer.exe", "")
        z.writestr("PySide6/include/qt.h", "")
        z.writestr("PySide6/plugins/platforms/qwindows.dll", "")
    assert build.install_wheel(wheel, tmp_path / "pkgs") == 4
    found = sorted(str(p.relative_to(tmp_path / "pkgs")).replace("\\", "/")
                   for p in (tmp_path / "pkgs").rglob("*") if p.is_file())
    assert found == ["PySide6/plugins/platforms/qwindows.dll", "demo-1.0.dist-info/METADATA", "demo/__init__.py",
                     "demo_extra.py"]


def test_a_wheel_with_a_path_outside_the_target_is_refused(tmp_path):
    wheel = tmp_path / "evil-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr("../outside.py", "")
    with pytest.raises(build.BuildError, match="unsafe path"):
        build.install_wheel(wheel, tmp_path / "pkgs")
    assert not (tmp_path / "outside.py").exists()


@pytest.mark.parametrize("version, numeric", [("0.1.0", "0.1.0.0"), ("1.2", "1.2.0.0"), ("2.0.1rc1", "2.0.1.0"),
                                              ("3.4.5.6.7", "3.4.5.6"), ("0.1.0+local", "0.1.0.0")])
def test_numeric_version(version, numeric):
    assert build.numeric_version(version) == numeric


# --- reading what Windows writes -------------------------------------------------------------

def test_a_wine_registry_file_is_read_with_its_escapes(tmp_path):
    reg = tmp_path / "user.reg"
    reg.write_text('WINE REGISTRY Version 2\n\n'
                   '[Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Uninstall\\\\BPS Commissioner] 1795614295\n'
                   '#time=1dd7ce327e1ff62\n'
                   '"DisplayName"="BPS Commissioner 0.1.0"\n'
                   '"UninstallString"="\\"C:\\\\users\\\\me\\\\uninstall.exe\\""\n'
                   '"Publisher"="Za\\x17c\\x0142"\n'
                   '"EstimatedSize"=dword:0003ad4a\n\n'
                   '[Software\\\\Other] 1\n"x"="y"\n', encoding="utf-8")
    keys = build.read_wine_registry(reg)
    entry = keys[build.UNINSTALL_KEY.lower()]
    assert entry == {"DisplayName": "BPS Commissioner 0.1.0", "UninstallString": '"C:\\users\\me\\uninstall.exe"',
                     "Publisher": "Zażł", "EstimatedSize": 0x3AD4A}
    assert keys["software\\other"] == {"x": "y"}


def shell_link(target: str, arguments: str, icon: str) -> bytes:
    """A minimal Shell Link: header, LinkInfo with a Unicode local path, string data."""
    flags = 0x02 | 0x20 | 0x40 | 0x80  # HasLinkInfo, HasArguments, HasIconLocation, IsUnicode
    header = struct.pack("<I16sI", 0x4C, b"\x01\x14\x02\0\0\0\0\0\xc0\0\0\0\0\0\0\x46", flags) + b"\0" * 52
    ansi = target.encode("latin-1") + b"\0"
    unicode = target.encode("utf-16-le") + b"\0\0"
    head = 0x24  # with the Unicode offsets
    suffix = head + len(ansi)
    body = ansi + b"\0" + unicode + b"\0\0"
    info = struct.pack("<IIIIIIIII", head + len(body), head, 0x01, 0, head, 0, suffix, suffix + 1,
                       suffix + 1 + len(unicode)) + body
    strings = b"".join(struct.pack("<H", len(s)) + s.encode("utf-16-le") for s in (arguments, icon))
    return header + info + strings


def test_a_shortcut_file_is_read():
    folder = r"C:\Users\me\AppData\Local\Programs\BPS Commissioner"
    data = shell_link(folder + r"\Python\pythonw.exe", "-m bps_commissioner", folder + r"\bps-commissioner.ico")
    link = build.read_shortcut(data)
    assert link == {"target": r"C:\Users\me\AppData\Local\Programs\BPS Commissioner\Python\pythonw.exe",
                    "arguments": "-m bps_commissioner",
                    "icon": r"C:\Users\me\AppData\Local\Programs\BPS Commissioner\bps-commissioner.ico"}
    with pytest.raises(build.BuildError, match="not a shortcut"):
        build.read_shortcut(b"MZ" + b"\0" * 100)


# --- makensis on the real script ------------------------------------------------------------

def compile_installer(tmp_path: Path, nsi: Path = INSTALLER / "bps-commissioner.nsi", *, check: bool = True) -> Path:
    stage = tmp_path / "stage"
    (stage / "pkgs" / "demo").mkdir(parents=True)
    (stage / "Python").mkdir()
    (stage / "Python" / "python312._pth").write_text("python312.zip\r\n")
    (stage / "pkgs" / "demo" / "__init__.py").write_text("")
    (stage / "bps-commissioner.cmd").write_text("@echo off\r\n")
    shutil.copy2(INSTALLER / "bps-commissioner.ico", stage)
    out = tmp_path / "check-build.exe"
    defines = {"VERSION": "0.1.0", "VI_VERSION": "0.1.0.0", "PUBLISHER": "BKT", "STAGE_FILES": f"{stage}/*",
               "ICON": str(INSTALLER / "bps-commissioner.ico"), "OUTFILE": str(out), "SIZE_KB": "1",
               "COMPRESSOR": "zlib"}
    cmd = ["makensis", "-V2", "-WX", "-INPUTCHARSET", "UTF8", *(f"-D{k}={v}" for k, v in defines.items())]
    result = subprocess.run([*cmd, *(["-DCHECK_BUILD"] if check else []), str(nsi)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning" not in (result.stdout + result.stderr).lower(), result.stdout
    return out


@needs_makensis
def test_the_script_compiles_to_a_64_bit_installer_that_asks_for_no_elevation(tmp_path, capsys):
    exe = compile_installer(tmp_path)
    build.check_executable(exe)  # raises otherwise
    machine, manifest = build.pe_manifest(exe.read_bytes())
    assert machine == 0x8664
    assert 'level="asInvoker"' in manifest
    assert b"N\0O\0T\0 \0F\0O\0R\0 \0R\0E\0L\0E\0A\0S\0E\0" in exe.read_bytes()  # the check build says so


@needs_makensis
def test_an_installer_that_asks_for_administrator_rights_is_refused(tmp_path):
    nsi = tmp_path / "admin.nsi"
    nsi.write_text(NSI_TEXT.replace("RequestExecutionLevel user", "RequestExecutionLevel admin"), encoding="utf-8")
    shutil.copy2(INSTALLER / "bps-commissioner.ico", tmp_path)
    exe = compile_installer(tmp_path, nsi)
    with pytest.raises(build.BuildError, match="requireAdministrator.*administrator rights"):
        build.check_executable(exe)


def test_makensis_missing_is_a_message(monkeypatch):
    monkeypatch.setattr(build.shutil, "which", lambda _name: None)
    monkeypatch.setattr(build.sys, "platform", "linux")
    with pytest.raises(build.BuildError, match="makensis .* apt-get install nsis"):
        build.find_makensis()


# --- the icon ------------------------------------------------------------------------------

def test_the_icon_holds_every_size_windows_asks_for_as_png():
    from PySide6.QtGui import QImage

    images = make_icon.read_ico((INSTALLER / "bps-commissioner.ico").read_bytes())
    assert [size for size, _ in images] == list(make_icon.SIZES)
    for size, png in images:
        image = QImage.fromData(png, "PNG")
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()


def test_the_icon_container_round_trips():
    images = [(16, b"\x89PNG-a"), (256, b"\x89PNG-bb")]
    assert make_icon.read_ico(make_icon.ico_bytes(images)) == images
    with pytest.raises(ValueError, match="not an icon"):
        make_icon.read_ico(b"\0\0\2\0\1\0" + b"\0" * 16)


# --- the third-party licence texts ------------------------------------------------------------

def test_the_licence_texts_the_build_looks_for_are_in_the_package():
    folder = ROOT / "app" / build.PACKAGE / build.LICENCES
    for name in build.LICENCE_TEXTS_NAMED:
        assert (folder / name).is_file(), name
    assert "LGPL-3.0.txt" in build.LICENCE_TEXTS_NAMED


def test_the_app_wheel_carries_the_licence_texts():
    wheel = build.build_app_wheel()
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
    shipped = {p.name for p in (ROOT / "app" / build.PACKAGE / build.LICENCES).glob("*.txt")}
    assert {f"{build.PACKAGE}/{build.LICENCES}/{name}" for name in shipped} <= names
