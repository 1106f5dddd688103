"""``bps-commissioner``: headless commands over services/ (the same jobs the window runs).

Each sub-command lives in a module of this package with a ``register(subparsers)``
function; :data:`COMMANDS` lists them in the order ``--help`` shows them.

Every failure a user can meet ends as a message on stderr and a non-zero exit code, never a
traceback: 0 = all went well, 1 = a unit or link failed, 2 = bad command-line input,
130 = interrupted.

Options of the main command, before the sub-command: ``-v/--verbose`` (DEBUG in the log,
and the log on stderr too) and ``--log-file PATH`` (instead of the rotating file in the
user's data folder, services/logs.py). Every command writes its command line (no secret),
its links, jobs and writes, and how it ended to the log.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from typing import Sequence

from bps_commissioner import __version__
from bps_commissioner.cli.common import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE, UsageError
from bps_commissioner.services.jobs import JobFailed, fault_of
from bps_commissioner.services.links import LinkError
from bps_commissioner.services.logs import command_line, setup_logging

log = logging.getLogger(__name__)

COMMANDS = ("gui", "read", "scan", "monitor", "thresholds", "plan", "commission", "handover", "support-bundle",
            "flash", "telnet", "energy", "provision", "simulate", "self-test")
#: Commands that leave nothing in the user's data folder (the self-test checks an install
#: without touching the user's files): their log goes to --log-file only.
NO_DEFAULT_LOG = ("self-test",)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bps-commissioner",
        description="Commission chains of BKT BPS2000v2 PDUs over Modbus RTU/TCP.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", dest="log_verbose",
                        help="write DEBUG lines to the log, and show the log on stderr too")
    parser.add_argument("--log-file", metavar="PATH",
                        help="write the log to PATH (default: bps-commissioner.log in the logs folder of the "
                             "user's data folder, rotated at 1 MB)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"bps_commissioner.cli.{name.replace('-', '')}").register(sub)  # self-test: selftest.py
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    words = list(sys.argv[1:] if argv is None else argv)
    if args.command in NO_DEFAULT_LOG and not args.log_file:
        return _run(parser, args)
    try:
        path = setup_logging(logging.DEBUG if args.log_verbose else logging.INFO, args.log_file,
                             console=args.log_verbose)
    except OSError as exc:  # a log file that cannot be written: bad input, or (the default) no log
        if args.log_file:
            print(f"error: --log-file: cannot write the log: {exc}", file=sys.stderr)
            return EXIT_USAGE
        print(f"warning: no log file: {exc}", file=sys.stderr)
        path = None
    log.info("bps-commissioner %s (Python %s on %s): %s", __version__, sys.version.split()[0], sys.platform,
             command_line(["bps-commissioner", *words]))
    log.debug("log file: %s", path)
    code = _run(parser, args)
    log.info("exit code %s", code)
    return code


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if not getattr(args, "func", None):  # no sub-command: the window
        from bps_commissioner.cli import gui

        return gui.run(args)
    try:
        return args.func(args)
    except UsageError as exc:
        log.info("usage error: %s", exc)
        parser.error(str(exc))  # exits with 2
        return EXIT_USAGE
    except ValueError as exc:  # a setting the unit does not support
        log.info("refused: %s", exc)
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (LinkError, JobFailed) as exc:  # the exit code comes from the fault's kind
        fault = fault_of(exc)
        log.info("failed (%s): %s", fault.kind.value, fault.message)
        print(f"error: {fault.message}", file=sys.stderr)
        return fault.exit_code
    except KeyboardInterrupt:
        log.info("interrupted")
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # output piped into a program that stopped reading (| head)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED
