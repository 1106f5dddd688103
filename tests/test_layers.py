"""The layers of DESIGN.md, as import-linter contracts in pyproject.toml, plus the one rule
import-linter cannot express: services/ may use Qt Core but no other Qt module."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "app" / "bps_commissioner"


def test_import_contracts_hold():
    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    result = subprocess.run([exe, str(ROOT / "pyproject.toml")], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
    # the contracts of docs/ARCHITECTURE.md are there, and kept
    for name in ("no ui -> transport KEPT", "The CLI reaches transport/ only through services/",
                 "Layers: ui above services above transport above device KEPT"):
        assert name in result.stdout, result.stdout


def qt_imports(folder: Path) -> set[str]:
    found = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            found.update(n for n in names if n.startswith("PySide6"))
    return found


def test_services_use_qtcore_only():
    allowed = {"PySide6", "PySide6.QtCore"}
    bad = {n for n in qt_imports(PACKAGE / "services")
           if n not in allowed and not n.startswith("PySide6.QtCore.")}
    assert not bad, f"services/ imports {sorted(bad)}: only PySide6.QtCore is allowed there"
