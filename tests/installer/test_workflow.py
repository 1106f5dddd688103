""".github/workflows/windows.yml cannot run here: read it and check that its steps exist, in
order, and do what the release needs. And .ci/run runs the local installer check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def run_text(step: dict) -> str:
    return str(step.get("run", ""))


def index_of(steps: list[dict], what: str, predicate) -> int:
    found = [i for i, step in enumerate(steps) if predicate(step)]
    assert found, f"no step {what}"
    return found[0]


def test_it_runs_on_pushes_and_pull_requests(workflow):
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert {"push", "pull_request", "workflow_dispatch"} <= set(triggers)


def test_the_test_suite_runs_on_windows(workflow):
    job = workflow["jobs"]["tests"]
    assert str(job["runs-on"]).startswith("windows")
    steps = job["steps"]
    install = index_of(steps, "installing the test extra",
                       lambda s: re.search(r"pip install -e \"?\.\[test\]", run_text(s)))
    tests = index_of(steps, "running pytest", lambda s: "python -m pytest" in run_text(s))
    assert install < tests


def test_the_release_installer_is_built_installed_self_tested_uninstalled_and_published(workflow):
    job = workflow["jobs"]["installer"]
    assert str(job["runs-on"]).startswith("windows")
    assert job["needs"] == "tests"
    steps = job["steps"]
    assert any(str(s.get("uses", "")).startswith("actions/checkout@") for s in steps)
    python = next(s for s in steps if str(s.get("uses", "")).startswith("actions/setup-python@"))
    assert str(python["with"]["python-version"]) == "3.12"  # the pinned runtime's version: the tests ran on it

    runtime = index_of(steps, "fetching the pinned runtime",
                       lambda s: "installer/python-embed.sha256" in run_text(s) and "Get-FileHash" in run_text(s))
    assert "https://www.python.org/ftp/python/" in run_text(steps[runtime])
    assert "throw" in run_text(steps[runtime])  # a mismatch stops the job
    build = index_of(steps, "building the release", lambda s: re.search(
        r"python installer/build\.py --release --python-zip \S+", run_text(s)))
    install = index_of(steps, "installing silently", lambda s: re.search(
        r"bps-commissioner-\*-win64-setup\.exe", run_text(s)) and "'/S'" in run_text(s))
    assert "ExitCode -ne 0" in run_text(steps[install])
    assert "$env:UNINSTALL_KEY" in run_text(steps[install])
    self_test = index_of(steps, "running self-test from the installed copy", lambda s: re.search(
        r"Programs\\\$env:PRODUCT_DIR\\bps-commissioner\.cmd\"\) self-test", run_text(s)))
    assert "$LASTEXITCODE -ne 0" in run_text(steps[self_test])
    uninstall = index_of(steps, "uninstalling silently",
                         lambda s: "'uninstall.exe') -ArgumentList '/S'" in run_text(s))
    assert "Test-Path $dir" in run_text(steps[uninstall])
    assert "Test-Path $env:UNINSTALL_KEY" in run_text(steps[uninstall])
    publish = index_of(steps, "publishing the installer", lambda s: str(s.get("uses", "")).startswith(
        "actions/upload-artifact@"))
    assert steps[publish]["with"]["path"] == "build/bps-commissioner-*-win64-setup.exe"
    assert steps[publish]["with"]["if-no-files-found"] == "error"
    assert runtime < build < install < self_test < uninstall < publish


def test_the_workflow_names_the_install_folder_and_key_the_installer_uses(workflow):
    nsi = (ROOT / "installer" / "bps-commissioner.nsi").read_text(encoding="utf-8")
    assert '!define PRODUCT "BPS Commissioner"' in nsi and workflow["env"]["PRODUCT_DIR"] == "BPS Commissioner"
    assert workflow["env"]["UNINSTALL_KEY"] == \
        "HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\BPS Commissioner"


def test_ci_runs_the_local_installer_check_before_the_readme_test_command():
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    check = next(i for i, line in enumerate(lines) if line == "python3 installer/build.py --check")
    assert any("nsis" in line and "wine" in line for line in lines[:check])
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert lines[-1] in readme and "pytest" in lines[-1]  # the README's test command stays last
    assert check < len(lines) - 1
