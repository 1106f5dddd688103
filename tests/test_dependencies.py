"""pyproject.toml declares every third-party package the program imports, bounds the protocol
libraries at the minors tested, and constraints/linux.txt pins a set it accepts."""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app" / "bps_commissioner"

#: import name -> the distribution that provides it, where the two differ.
DISTRIBUTION_OF = {
    "serial": "pyserial",
    "PySide6": "PySide6-Essentials",
    "shiboken6": "shiboken6",
    "yaml": "PyYAML",
}
#: The libraries whose APIs change between minor versions: pinned below the next minor.
PROTOCOL_LIBRARIES = ("pymodbus", "pysnmp", "pyasn1")


def _project() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]


def declared() -> dict[str, Requirement]:
    return {canonicalize_name(r.name): r for r in map(Requirement, _project()["dependencies"])}


def imported_top_level() -> dict[str, list[str]]:
    """Third-party top-level module -> the program's files that import it (any import:
    module level or inside a function)."""
    found: dict[str, list[str]] = {}
    for path in sorted(APP.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top in ("bps_commissioner", "__future__"):
                    continue
                found.setdefault(top, []).append(str(path.relative_to(ROOT)))
    return found


def test_the_scan_sees_the_known_imports():
    imports = imported_top_level()
    for top in ("PySide6", "pymodbus", "pysnmp", "pyasn1", "serial", "pyqtgraph"):
        assert top in imports


def test_every_imported_package_is_declared_in_pyproject():
    deps = declared()
    missing = {top: files[:3] for top, files in imported_top_level().items()
               if canonicalize_name(DISTRIBUTION_OF.get(top, top)) not in deps}
    assert not missing, f"imported by app/ but not in pyproject.toml's [project] dependencies: {missing}"


def test_test_only_packages_stay_out_of_the_runtime_dependencies():
    # PyYAML is for tests/installer only: the program must not import it (nor need it).
    assert "yaml" not in imported_top_level()
    assert "pyyaml" not in declared()


def test_the_protocol_libraries_are_bounded_below_the_next_minor():
    deps = declared()
    for name in PROTOCOL_LIBRARIES:
        spec = deps[name].specifier
        uppers = [s for s in spec if s.operator == "<"]
        assert uppers, f"{name} has no upper bound in pyproject.toml"
        major, minor = (int(x) for x in uppers[0].version.split(".")[:2])
        assert not spec.contains(f"{major}.{minor}.0"), name


def read_constraints() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints" / "linux.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version
    return pins


def test_the_linux_constraints_pin_every_dependency_at_a_version_pyproject_accepts():
    pins = read_constraints()
    project = _project()
    requirements = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    for text in requirements:
        req = Requirement(text)
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is not pinned in constraints/linux.txt"
        assert req.specifier.contains(pins[name], prereleases=True), f"{name}=={pins[name]} vs {text!r}"


def test_ci_and_the_readme_install_with_the_constraints():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = "python3 -m venv .venv && .venv/bin/pip install -q -c constraints/linux.txt -e '.[test]'"
    assert command in ci
    assert command in (ROOT / "README.md").read_text(encoding="utf-8")
