"""Keep the GUI's translation catalogues in step with the sources.

    python translations/update.py          # extract (pyside6-lupdate) into the .ts, compile (pyside6-lrelease)
    python translations/update.py --check  # exit 1 if a .ts or a shipped .qm is out of date

The Qt Linguist loop:

1. ``pyside6-lupdate`` reads every source of the GUI (app/bps_commissioner/ui/) and every
   module that marks a table of labels with ``QT_TRANSLATE_NOOP`` (device/registers.py)
   and merges their strings into ``translations/bps_commissioner_<lang>.ts``: new strings
   arrive "unfinished", strings no longer in the sources are dropped. No source locations
   are written, so a .ts changes only when a string does.
2. A translator fills the Polish strings (Qt Linguist: ``pyside6-linguist
   translations/bps_commissioner_pl.ts``, or any editor). The English catalogue holds only
   the plural forms (English text is the source text otherwise).
3. ``pyside6-lrelease`` compiles each .ts into ``app/bps_commissioner/translations/*.qm``,
   which ships inside the package (pyproject's package-data).

tests/ui/test_translations.py fails when a Polish string is missing, unfinished or empty,
or when a shipped .qm is not what the .ts compiles to.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "app" / "bps_commissioner"
TS_DIR = ROOT / "translations"
QM_DIR = PACKAGE / "translations"
#: language -> (Qt's language tag, plurals only)
LANGUAGES = {"pl": ("pl_PL", False), "en": ("en_GB", True)}


def ts_file(language: str) -> Path:
    return TS_DIR / f"bps_commissioner_{language}.ts"


def qm_file(language: str) -> Path:
    return QM_DIR / f"bps_commissioner_{language}.qm"


def sources() -> list[Path]:
    """Every GUI module, and every other module that marks strings with QT_TRANSLATE_NOOP."""
    found = set((PACKAGE / "ui").rglob("*.py"))
    for path in PACKAGE.rglob("*.py"):
        if path.name != "i18n.py" and "QT_TRANSLATE_NOOP(" in path.read_text(encoding="utf-8"):
            found.add(path)
    return sorted(found)


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease: on PATH or beside this Python."""
    exe = shutil.which(f"pyside6-{name}")
    if exe is None:
        candidate = Path(sys.executable).with_name(f"pyside6-{name}")
        exe = str(candidate) if candidate.exists() else None
    if exe is None:
        raise SystemExit(f"error: pyside6-{name} not found (it comes with PySide6)")
    return exe


def lupdate(language: str, ts: Path) -> None:
    tag, plurals_only = LANGUAGES[language]
    cmd = [tool("lupdate"), "-silent", "-no-obsolete", "-locations", "none", "-source-language", "en_GB",
           "-target-language", tag, *(["-pluralonly"] if plurals_only else []),
           *(str(p) for p in sources()), "-ts", str(ts)]
    subprocess.run(cmd, check=True, cwd=ROOT)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True, cwd=ROOT)


def update() -> None:
    QM_DIR.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        lupdate(language, ts_file(language))
        lrelease(ts_file(language), qm_file(language))
        print(f"{ts_file(language).relative_to(ROOT)} -> {qm_file(language).relative_to(ROOT)}")


def check() -> list[str]:
    """What is out of date: a .ts that lupdate would change, a .qm that is not the .ts compiled."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for language in LANGUAGES:
            ts = ts_file(language)
            if not ts.exists():
                problems.append(f"{ts.relative_to(ROOT)} is missing")
                continue
            fresh = Path(tmp) / ts.name
            shutil.copy(ts, fresh)
            lupdate(language, fresh)
            if fresh.read_bytes() != ts.read_bytes():
                problems.append(f"{ts.relative_to(ROOT)} is not up to date with the sources: run "
                                "python translations/update.py")
            qm = Path(tmp) / qm_file(language).name
            lrelease(ts, qm)
            if not qm_file(language).exists() or not filecmp.cmp(qm, qm_file(language), shallow=False):
                problems.append(f"{qm_file(language).relative_to(ROOT)} is not {ts.name} compiled: run "
                                "python translations/update.py")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report what is out of date")
    args = parser.parse_args()
    if args.check:
        problems = check()
        for p in problems:
            print(p, file=sys.stderr)
        return 1 if problems else 0
    update()
    return 0


if __name__ == "__main__":
    sys.exit(main())
