"""services/about.py: the third-party components, their licences and the texts shipped."""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from bps_commissioner.services.about import (
    COMPONENTS, installed_components, licence_files, licence_text, program_version,
)

ROOT = Path(__file__).resolve().parents[2]
LICENCES = ROOT / "app" / "bps_commissioner" / "resources" / "licences"


def runtime_closure() -> dict[str, str]:
    """Every distribution the program needs at run time here (pyproject's dependencies and
    theirs, markers evaluated for this Python), canonical name -> installed version."""
    with open(ROOT / "pyproject.toml", "rb") as f:
        queue = list(tomllib.load(f)["project"]["dependencies"])
    seen: dict[str, str] = {}
    while queue:
        req = Requirement(queue.pop())
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        name = canonicalize_name(req.name)
        if name in seen:
            continue
        dist = metadata.distribution(req.name)
        seen[name] = dist.version
        queue.extend(dist.requires or [])
    return seen


def windows_locked() -> set[str]:
    names = set()
    for line in (ROOT / "installer" / "requirements-windows.txt").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.lstrip().startswith("#"):
            names.add(canonicalize_name(line.split("==")[0].strip()))
    return names


def table() -> dict[str, object]:
    return {canonicalize_name(c.distribution): c for c in COMPONENTS}


def test_every_runtime_dependency_here_has_a_licence_entry_and_is_found():
    closure = runtime_closure()
    assert {"pymodbus", "pysnmp", "pyasn1", "pyside6-essentials", "shiboken6", "pyserial"} <= set(closure)
    missing = sorted(set(closure) - set(table()))
    assert not missing, f"runtime dependencies without a licence entry in services/about.py: {missing}"
    listed = {canonicalize_name(i.component.distribution): i.version for i in installed_components()}
    for name, version in closure.items():
        assert listed[name] == version


def test_every_wheel_the_installer_ships_has_a_licence_entry():
    missing = sorted(windows_locked() - set(table()))
    assert not missing, f"installer/requirements-windows.txt ships these without a licence entry: {missing}"


def test_every_named_licence_text_is_shipped_and_no_other():
    names = licence_files()
    for name in names:
        assert (LICENCES / name).is_file(), name
        text = licence_text(name)
        assert len(text) > 200 and ("Permission" in text or "Redistribution" in text or "License" in text), name
    assert sorted(p.name for p in LICENCES.iterdir()) == sorted(names)


def test_qt_is_offered_under_the_lgpl_with_its_text():
    qt = table()["pyside6-essentials"]
    assert qt.licence == "LGPL-3.0-only"
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in licence_text("LGPL-3.0.txt")
    assert "GNU GENERAL PUBLIC LICENSE" in licence_text("GPL-3.0.txt")


def test_licences_agree_with_the_package_metadata_where_it_names_one():
    for item in installed_components():
        meta = metadata.metadata(item.component.distribution)
        declared = meta.get("License-Expression") or ""
        if declared and " OR GPL" not in declared:  # Qt: offered under a choice, we take the LGPL
            assert declared == item.component.licence, item.component.distribution


def test_unknown_names_read_nothing():
    assert licence_text("../../__init__.py") == ""
    assert program_version()


def test_the_package_data_ships_the_licences():
    with open(ROOT / "pyproject.toml", "rb") as f:
        data = tomllib.load(f)["tool"]["setuptools"]["package-data"]["bps_commissioner"]
    assert "resources/licences/*.txt" in data
