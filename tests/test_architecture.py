"""The shape of the house (docs/ARCHITECTURE.md), checked from the source: one thread class,
no text read back in the window or the CLI."""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app" / "bps_commissioner"


def _modules(folder: Path = APP):
    for path in sorted(folder.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def _base_names(node: ast.ClassDef) -> set[str]:
    names = set()
    for base in node.bases:
        if isinstance(base, ast.Name):
            names.add(base.id)
        elif isinstance(base, ast.Attribute):
            names.add(base.attr)
    return names


def test_the_link_worker_is_the_only_qthread_subclass():
    threads = {f"{path.relative_to(APP).as_posix()}:{node.name}"
               for path, tree in _modules() for node in ast.walk(tree)
               if isinstance(node, ast.ClassDef) and "QThread" in _base_names(node)}
    assert threads == {"services/worker.py:LinkWorker"}


def test_nothing_in_the_window_or_the_cli_parses_text_with_regular_expressions():
    """Faults and progress are data (device/faults.py): ui/ and cli/ pick by kind and step.
    The self-test alone reads a package's requirement strings (not a fault or progress)."""
    allowed = {"cli/selftest.py"}
    users = set()
    for folder in ("ui", "cli"):
        for path, tree in _modules(APP / folder):
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                if "re" in names:
                    users.add(path.relative_to(APP).as_posix())
    assert users <= allowed, f"regular expressions in {sorted(users - allowed)}"


def test_no_parser_of_progress_or_fault_text_is_left():
    names = {node.name for _, tree in _modules() for node in ast.walk(tree)
             if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    assert names and "parse_scan_progress" not in names and "describe_link_error" in names
