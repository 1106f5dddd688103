"""Rooms that fit their purpose: no module of the application grows past 600 lines.

A file that long mixes responsibilities (a form, its job driver and its result view; a
run, its checks and its report data); split it along them (docs/ARCHITECTURE.md)."""

from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app" / "bps_commissioner"
LIMIT = 600


def test_no_module_under_app_is_over_600_lines():
    sizes = {p.relative_to(APP).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
             for p in APP.rglob("*.py")}
    assert len(sizes) > 50  # the walk found the package
    too_long = {name: n for name, n in sizes.items() if n > LIMIT}
    assert not too_long, f"over {LIMIT} lines: {too_long}"


def test_the_size_check_counts_lines(tmp_path):
    """The check itself can fail: a 601-line file is counted as 601."""
    f = tmp_path / "long.py"
    f.write_text("x = 1\n" * (LIMIT + 1), encoding="utf-8")
    assert len(f.read_text(encoding="utf-8").splitlines()) == LIMIT + 1 > LIMIT
