"""``bps-commissioner telnet info``: the firmware version and what menu 1 shows, over the
unit's Telnet CLI, with the security findings an engineer should act on.

    telnet info --host HOST[:PORT] --user bkt [--slaves N] [--json]

The password comes from BPS_TELNET_PASSWORD, the system keyring (``--save-secrets`` stores
one typed at the prompt after a successful login) or a hidden prompt at a terminal.

This module also holds what the other Telnet commands share (``energy reset``, and
``thresholds set --telnet``): :func:`add_login_options`, :func:`telnet_address`,
:func:`open_session`, :func:`run_thresholds_set`.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bps_commissioner.cli.common import EXIT_FAILED, EXIT_OK, UsageError, positive_float
from bps_commissioner.services import secrets
from bps_commissioner.services.security import FACTORY_USER, Finding, telnet_findings
from bps_commissioner.transport.telnet import DEFAULT_PORT, DEFAULT_TIMEOUT, TelnetSession


def add_login_options(p: argparse.ArgumentParser, *, host: bool = True, timeout: bool = True) -> None:
    """--host (unless the command names the host itself, e.g. ``--telnet HOST``), --user,
    --timeout, --save-secrets."""
    if host:
        p.add_argument("--host", required=True, metavar="HOST[:PORT]",
                       help=f"the unit's address (Telnet port, default {DEFAULT_PORT})")
    p.add_argument("--user", default=FACTORY_USER, metavar="ACCOUNT",
                   help=f"Telnet account (default {FACTORY_USER}); the password comes from "
                        f"{secrets.TELNET_PASSWORD.env}, the system keyring or a hidden prompt")
    if timeout:
        p.add_argument("--timeout", type=positive_float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                       help=f"how long the unit may take to show its next prompt (default {DEFAULT_TIMEOUT:g} s)")
    p.add_argument("--save-secrets", action="store_true",
                   help="after a successful login, save a password typed at the prompt in the system keyring")


def telnet_address(text: str, option: str = "--host") -> tuple[str, int]:
    from bps_commissioner.transport.tcp import parse_host

    try:
        return parse_host(text, DEFAULT_PORT)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


def open_session(args: argparse.Namespace, host_text: str, option: str = "--host") -> TelnetSession:
    """A logged-in session (password from the secret sources). Raises UsageError when no
    password is available, LinkError subclasses for the link and the login."""
    host, port = telnet_address(host_text, option)
    try:
        password = secrets.lookup(secrets.TELNET_PASSWORD, user=args.user, host=host)
    except secrets.SecretUnavailable as exc:
        raise UsageError(str(exc)) from None
    session = TelnetSession(host, port, timeout=getattr(args, "timeout", None) or DEFAULT_TIMEOUT)
    session.login(args.user, password)
    if getattr(args, "save_secrets", False) and password.source == "prompt":
        problem = secrets.save(secrets.TELNET_PASSWORD, args.user, host, password)
        print(f"Telnet password {'not saved: ' + problem if problem else 'saved in the system keyring'}.",
              file=sys.stderr)
    return session


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("telnet", help="the unit's Telnet CLI: firmware version and information")
    tsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    info = tsub.add_parser("info", help="firmware version, date, time, uptime and what menu 1 shows")
    add_login_options(info)
    info.add_argument("--slaves", type=int, default=0, choices=range(0, 6), metavar="N",
                      help="also show slaves 1..N of the chain (default 0: the master only)")
    info.add_argument("--json", action="store_true", help="print one JSON object")
    info.set_defaults(func=run_info)


def run_info(args: argparse.Namespace) -> int:
    session = open_session(args, args.host)
    with session:
        banner = session.banner
        units = ("master",) + tuple(f"slave{n}" for n in range(1, args.slaves + 1))
        information = session.information(units)
    if banner is None or banner.version is None:
        print(f"error: the login banner of {session.description} shows no 'Version :' line; the raw "
              f"dialogue:\n{session.dialogue}", file=sys.stderr)
        return EXIT_FAILED
    findings = telnet_findings(args.user, session.factory_login)
    doc: dict[str, Any] = {"host": session.description, **banner.to_dict(), "information": information,
                           "security": [f.to_dict() for f in findings]}
    if args.json:
        print(json.dumps(doc, indent=2, ensure_ascii=False))
    else:
        print(f"{session.description}: firmware {banner.version} (last update {banner.last_update or '?'}), "
              f"unit clock {banner.date or '?'} {banner.time or '?'}, up {banner.uptime or '?'}")
        for unit, shown in information.items():
            print(f"{unit}:")
            for word, values in shown.items():
                text = values if isinstance(values, str) else \
                    " ".join(f"{k}={'-' if v is None else v}" for k, v in values.items())
                print(f"  {word:<14}{text}")
        print_findings(findings)
    return EXIT_OK


def print_findings(findings: list[Finding]) -> None:
    for finding in findings:
        print(f"Security: {finding.line()}")


# --- thresholds set --telnet (wired into the thresholds command by cli/thresholds.py) -------

def run_thresholds_set(args: argparse.Namespace) -> int:
    """``thresholds set --telnet HOST[:PORT] --user ACCOUNT SETTING=VALUE ...``.

    Expects ``args.telnet``, ``args.user``, ``args.settings`` (the SETTING=VALUE strings),
    ``args.rating``, ``args.dry_run``, ``args.json`` and optionally ``args.timeout``,
    ``args.save_secrets``. Exit codes: 0 applied and read back, 1 a value did not read back
    (or the link failed), 2 refused input (nothing sent)."""
    from bps_commissioner.device.limits import ValidationError
    from bps_commissioner.services.telnet_thresholds import parse_assignments, set_telnet_thresholds

    requested, problems = parse_assignments(list(args.settings))
    if problems:
        raise UsageError("\n".join(p.message for p in problems))
    if not requested:
        raise UsageError("give at least one SETTING=VALUE, e.g. current_l1.high_warning=25")
    session = open_session(args, args.telnet, "--telnet")
    with session:
        try:
            report = set_telnet_thresholds(session, requested, rating=args.rating, dry_run=args.dry_run)
        except ValidationError as exc:
            raise UsageError(str(exc)) from None
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        for command in report.commands:
            print(f"{'would send' if report.dry_run else 'sent'}: {command}")
        for change in report.changes:
            state = "planned" if report.dry_run else ("ok" if change.ok else "NOT APPLIED")
            shown = "" if report.dry_run else f", reads back {change.read_back}"
            print(f"{change.setting}: {change.old} -> {change.new}{shown} ({state})")
        for setting in report.collateral:
            print(f"{setting}: changed although not asked for (check the unit)")
    if not report.ok:
        print("error: the unit's menu 8 does not show every value as sent; the report above says what it "
              "holds now.", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK
