"""``bps-commissioner``: headless commands over services/ (the same jobs the window runs).

Each sub-command lives in a module of this package with a ``register(subparsers)``
function; :data:`COMMANDS` lists them in the order ``--help`` shows them.

Every failure a user can meet ends as a message on stderr and a non-zero exit code, never a
traceback: 0 = all went well, 1 = a unit or link failed, 2 = bad command-line input,
130 = interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import Sequence

from bps_commissioner import __version__
from bps_commissioner.cli.common import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE, UsageError
from bps_commissioner.services.jobs import JobFailed, fault_of
from bps_commissioner.services.links import LinkError

COMMANDS = ("gui", "read", "scan", "monitor", "thresholds", "plan", "commission", "flash", "telnet", "energy",
            "simulate", "self-test")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bps-commissioner",
        description="Commission chains of BKT BPS2000v2 PDUs over Modbus RTU/TCP.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"bps_commissioner.cli.{name.replace('-', '')}").register(sub)  # self-test: selftest.py
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):  # no sub-command: the window
        from bps_commissioner.cli import gui

        return gui.run(args)
    try:
        return args.func(args)
    except UsageError as exc:
        parser.error(str(exc))  # exits with 2
        return EXIT_USAGE
    except ValueError as exc:  # a setting the unit does not support
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (LinkError, JobFailed) as exc:  # the exit code comes from the fault's kind
        fault = fault_of(exc)
        print(f"error: {fault.message}", file=sys.stderr)
        return fault.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # output piped into a program that stopped reading (| head)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED
