"""``bps-commissioner support-bundle --out FILE.zip``: what a support call needs, in one zip.

The log files, the audit log, the versions, the self-test's quick checks (the dependencies
import, the simulator is read over loopback; the window's checks need ``self-test`` itself),
the window's settings without secrets and a README.txt (services/support.py). No secret is
in it. Exit 0 written, 1 the file could not be written.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys

from bps_commissioner.cli.common import EXIT_FAILED, EXIT_OK
from bps_commissioner.services import support


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("support-bundle", help="write a zip of the logs, versions and settings for a support call",
                       description="Write a zip for a support call: the log files, the audit log, the versions "
                                   "of the OS, Python, Qt and the libraries, the self-test's quick checks, the "
                                   "window's settings and a README.txt. Passwords, communities and keys are "
                                   "removed from every file.")
    p.add_argument("--out", required=True, metavar="FILE.zip", help="the zip to write")
    p.add_argument("--no-self-test", action="store_true",
                   help="leave the self-test's quick checks out (a note says how to run it)")
    p.set_defaults(func=run)


def quick_self_test() -> str:
    """The self-test's dependency and simulator checks, run here, as its output reads."""
    from bps_commissioner.cli.selftest import SelfTest

    test = SelfTest()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        test.step("dependencies", test.dependencies)
        test.step("simulator", test.simulator)
    verdict = f"FAILED: {', '.join(test.failures)}" if test.failures else "passed"
    return (out.getvalue() + f"quick checks {verdict}\n"
            "The Qt, translations and main window checks were not run here: run `bps-commissioner self-test`.\n")


def read_settings() -> tuple[dict[str, str] | None, str | None]:
    try:
        from bps_commissioner.ui.settings import settings

        store = settings()
        return support.settings_items(store), store.fileName()
    except Exception as exc:  # noqa: BLE001 - no Qt: the bundle says so
        return None, f"not read ({type(exc).__name__}: {exc})"


def run(args: argparse.Namespace) -> int:
    self_test = None if args.no_self_test else quick_self_test()
    items, settings_file = read_settings()
    try:
        names = support.write_bundle(args.out, self_test=self_test, settings=items, settings_file=settings_file)
    except OSError as exc:
        print(f"error: cannot write the support bundle {args.out}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(args.out)
    print(f"{len(names)} files: {', '.join(names)}", file=sys.stderr)
    return EXIT_OK


__all__ = ["quick_self_test", "register", "run"]
