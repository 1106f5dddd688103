"""``bps-commissioner self-test``, run as a user runs it: the console command in a subprocess
of this (pip-installed) environment."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import bps_commissioner

CHECKS = ("dependencies", "simulator", "telnet", "qt", "translations", "main window")


def command() -> list[str]:
    """The installed console command next to this interpreter."""
    found = shutil.which("bps-commissioner", path=str(Path(sys.executable).parent))
    assert found, f"the console command bps-commissioner is not installed beside {sys.executable}"
    return [found]


def self_test(tmp_path: Path, *, pythonpath: Path | None = None, args: tuple[str, ...] = (),
              encoding: str = "utf-8") -> subprocess.CompletedProcess:
    env = dict(os.environ)
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    # wherever a careless run would write the user's settings or data, it would be in here
    env.update(HOME=str(home), USERPROFILE=str(home), APPDATA=str(home / "AppData" / "Roaming"),
               LOCALAPPDATA=str(home / "AppData" / "Local"), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local" / "share"))
    env.pop("BPS_COMMISSIONER_DATA_DIR", None)
    env.pop("QT_QPA_PLATFORM", None)  # the self-test picks offscreen itself
    env["PYTHONIOENCODING"] = encoding  # Polish text through the pipe, on Windows too
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run([*command(), "self-test", *args], env=env, capture_output=True, encoding=encoding,
                          timeout=90, cwd=tmp_path)


def test_self_test_passes_in_the_installed_environment(tmp_path):
    result = self_test(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"BPS Commissioner {bps_commissioner.__version__} self-test")
    for check in CHECKS:
        assert any(line.startswith(f"ok      {check}:") for line in lines), (check, result.stdout)
    assert "reads 'Napięcie' in Polish" in result.stdout  # the Polish catalogue really translates
    assert "unit 1 read over Modbus TCP at 127.0.0.1:" in result.stdout
    assert "menus 2-7 read over Telnet" in result.stdout and "17 settings" in result.stdout
    assert "closed with no thread left" in result.stdout
    assert lines[-1] == "self-test passed"
    assert "Traceback" not in result.stderr
    # nothing of the user's was written: no settings file, no data folder
    written = [p for p in (tmp_path / "home").rglob("*") if "bps" in p.name.lower()]
    assert written == []


def test_output_to_a_pipe_without_polish_letters_does_not_fail(tmp_path):
    """A Windows pipe has the ANSI code page (cp1252: no "ę"); the installed runtime ignores
    PYTHONIOENCODING. The report escapes what it cannot encode instead of failing."""
    result = self_test(tmp_path, encoding="ascii")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "reads 'Napi\\u0119cie' in Polish" in result.stdout


def test_a_dependency_that_does_not_import_fails_with_the_reason(tmp_path):
    broken = tmp_path / "broken"
    (broken / "tftpy").mkdir(parents=True)
    (broken / "tftpy" / "__init__.py").write_text(
        "raise ImportError('DLL load failed while importing _tftp: the specified module could not be found')\n")
    result = self_test(tmp_path, pythonpath=broken)
    assert result.returncode == 1, result.stdout
    assert "FAILED  dependencies: import tftpy failed: ImportError: DLL load failed" in result.stdout
    assert "ok      simulator:" in result.stdout  # independent checks still run
    for check in ("qt", "translations", "main window"):
        assert f"FAILED  {check}: not run, the dependencies do not import" in result.stdout
    assert result.stdout.splitlines()[-1] == "self-test FAILED: dependencies, qt, translations, main window"
    assert "Traceback" not in result.stdout + result.stderr


def test_a_missing_translation_fails_naming_the_file(tmp_path):
    copy = tmp_path / "copy"
    package = Path(bps_commissioner.__file__).resolve().parent
    shutil.copytree(package, copy / "bps_commissioner", ignore=shutil.ignore_patterns("__pycache__"))
    missing = copy / "bps_commissioner" / "translations" / "bps_commissioner_pl.qm"
    missing.unlink()
    result = self_test(tmp_path, pythonpath=copy)
    assert f"package in {copy / 'bps_commissioner'}" in result.stdout  # the broken copy was tested
    assert result.returncode == 1, result.stdout
    assert f"FAILED  translations: {missing} is missing" in result.stdout
    assert "ok      main window:" in result.stdout
    assert result.stdout.splitlines()[-1] == "self-test FAILED: translations"


@pytest.mark.parametrize("argv", [["--help"], ["self-test", "--help"]])
def test_self_test_is_listed_as_a_command(argv, capsys):
    from bps_commissioner.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 0
    assert "self-test" in capsys.readouterr().out
