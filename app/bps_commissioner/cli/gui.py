"""``bps-commissioner gui`` (also ``bps-commissioner`` alone): the main window."""

from __future__ import annotations

import argparse
import sys

from bps_commissioner.cli.common import EXIT_FAILED, EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="open the main window (the default when no command is given)")
    p.add_argument("--simulate", action="store_true",
                   help="start the built-in simulated chain in-process and connect to it (six units on "
                        "RS485 at 19200 8N1 over a pseudo-terminal; Modbus TCP on 127.0.0.1 on Windows), and "
                        "beside it a networked master with two slaves over SNMP and Telnet")
    p.add_argument("--lang", choices=("pl", "en"),
                   help="language of the window for this run (default: the one chosen in the Language "
                        "menu, else Polish on a Polish system, else English)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        from bps_commissioner.ui.app import run as run_gui
    except ImportError as exc:  # Qt's system libraries missing (libEGL, libxkbcommon...)
        print(f"error: the window cannot start: {exc}. On Linux install Qt's libraries "
              "(see .ci/run for the list).", file=sys.stderr)
        return EXIT_FAILED
    code = run_gui(simulate=getattr(args, "simulate", False), language=getattr(args, "lang", None))
    return EXIT_OK if code == 0 else EXIT_FAILED
