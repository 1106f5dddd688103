"""``bps-commissioner telnet info``: the firmware version and what menu 1 shows, over the
unit's Telnet CLI, with the security findings an engineer should act on.

    telnet info --host HOST[:PORT] --user bkt [--slaves N] [--json]

The password comes from BPS_TELNET_PASSWORD, the system keyring (``--save-secrets`` stores
one typed at the prompt after a successful login) or a hidden prompt at a terminal.

This module also holds what the other Telnet commands share (``energy reset``, and
``thresholds set --telnet``): :func:`add_login_options`, :func:`telnet_address`,
:func:`run_telnet_job`, :func:`run_thresholds_set`. Each command runs the window's Telnet
job (services/telnet_jobs.py) on a network worker and waits for it (services/jobs.py
``run_job``); a failure is the job's Fault, whose kind gives the exit code.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Callable, Iterable

from bps_commissioner.cli.common import whole_number
from bps_commissioner.cli.common import EXIT_FAILED, EXIT_OK, UsageError, positive_float
from bps_commissioner.services import secrets
from bps_commissioner.services.audit import AuditError, AuditLog, pending_warning
from bps_commissioner.services.endpoints import parse_host
from bps_commissioner.services.jobs import run_job
from bps_commissioner.services.security import FACTORY_USER, Finding
from bps_commissioner.services.telnet_jobs import (
    DEFAULT_PORT, DEFAULT_TIMEOUT, INVALID, TelnetOutcome, TelnetTarget, info_job, thresholds_job,
)


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
    try:
        return parse_host(text, DEFAULT_PORT)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


def telnet_password(user: str, host: str) -> secrets.Secret:
    """The Telnet password of ``user`` at ``host`` (environment, keyring, hidden prompt), or
    UsageError before any connection."""
    try:
        return secrets.lookup(secrets.TELNET_PASSWORD, user=user, host=host)
    except secrets.SecretUnavailable as exc:
        raise UsageError(str(exc)) from None


def run_telnet_job(args: argparse.Namespace, host_text: str, make_job: Callable[..., Any], option: str = "--host",
                   cancel_when: Callable[[], bool] | None = None) -> TelnetOutcome:
    """Run ``make_job(target, password=...)`` (a job of services/telnet_jobs.py) on a network
    worker and wait for its outcome. The password comes from the secret sources, asked here
    (the prompt is in this thread): UsageError when there is none, before any connection.
    After a login that worked, a password typed at the prompt is saved when asked to."""
    host, port = telnet_address(host_text, option)
    password = telnet_password(args.user, host)
    try:
        target = TelnetTarget(host, port, args.user, getattr(args, "timeout", None) or DEFAULT_TIMEOUT)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None
    outcome: TelnetOutcome = run_job(make_job(target, password=password), name="telnet", cancel_when=cancel_when)
    if outcome.logged_in and getattr(args, "save_secrets", False) and password.source == "prompt":
        problem = secrets.save(secrets.TELNET_PASSWORD, args.user, host, password)
        print(f"Telnet password {'not saved: ' + problem if problem else 'saved in the system keyring'}.",
              file=sys.stderr)
    return outcome


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("telnet", help="the unit's Telnet CLI: firmware version and information")
    tsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    info = tsub.add_parser("info", help="firmware version, date, time, uptime and what menu 1 shows")
    add_login_options(info)
    info.add_argument("--slaves", type=whole_number(0, 5, "a slave count"), default=0, metavar="N",
                      help="also show slaves 1..N of the chain (default 0: the master only)")
    info.add_argument("--json", action="store_true", help="print one JSON object")
    info.set_defaults(func=run_info)


def run_info(args: argparse.Namespace) -> int:
    units = ("master",) + tuple(f"slave{n}" for n in range(1, args.slaves + 1))
    outcome = run_telnet_job(args, args.host, lambda target, **kw: info_job(target, units, **kw))
    info = outcome.unwrap()
    banner = info.banner
    if banner is None or banner.version is None:
        print(f"error: the login banner of {info.description} shows no 'Version :' line; the raw "
              f"dialogue:\n{info.dialogue}", file=sys.stderr)
        return EXIT_FAILED
    findings = list(outcome.findings)
    doc: dict[str, Any] = {"host": info.description, **banner.to_dict(), "information": dict(info.information),
                           "security": [f.to_dict() for f in findings]}
    if args.json:
        print(json.dumps(doc, indent=2, ensure_ascii=False, default=dict))
    else:
        print(f"{info.description}: firmware {banner.version} (last update {banner.last_update or '?'}), "
              f"unit clock {banner.date or '?'} {banner.time or '?'}, up {banner.uptime or '?'}")
        for unit, shown in info.information.items():
            print(f"{unit}:")
            for word, values in shown.items():
                if word == "failed":
                    continue
                text = values if isinstance(values, str) else \
                    " ".join(f"{k}={'-' if v is None else v}" for k, v in values.items())
                print(f"  {word:<14}{text}")
        print_findings(findings)
    failed = [f"{unit} {word} ({reply or 'no answer'})" for unit, shown in info.information.items()
              for word, reply in dict(shown.get("failed", {})).items()]
    if failed:
        print(f"error: the unit did not answer {len(failed)} word(s) of menu 1: {'; '.join(failed)}",
              file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def print_findings(findings: Iterable[Finding]) -> None:
    for finding in findings:
        print(f"Security: {finding.line()}")


def audit_of(args: argparse.Namespace) -> AuditLog:
    """The command's audit log (``--audit-log PATH`` or the default), checked writable (else
    UsageError: nothing is sent), with a warning for the intents a crash left open."""
    audit = AuditLog(args.audit_log) if getattr(args, "audit_log", None) else AuditLog()
    if getattr(args, "dry_run", False):
        return audit
    try:
        audit.ensure_writable()
    except AuditError as exc:
        raise UsageError(f"{exc}: nothing was sent") from None
    text = pending_warning(audit)
    if text:
        print(text, file=sys.stderr)
    return audit


# --- thresholds set --telnet (wired into the thresholds command by cli/thresholds.py) -------

def run_thresholds_set(args: argparse.Namespace) -> int:
    """``thresholds set --telnet HOST[:PORT] --user ACCOUNT SETTING=VALUE ...``.

    Expects ``args.telnet``, ``args.user``, ``args.settings`` (the SETTING=VALUE strings),
    ``args.rating``, ``args.dry_run``, ``args.json`` and optionally ``args.timeout``,
    ``args.save_secrets``. Exit codes: 0 applied and read back, 1 a value did not read back
    (or the link failed), 2 refused input (nothing sent)."""
    from bps_commissioner.services.telnet_thresholds import parse_assignments

    requested, problems = parse_assignments(list(args.settings))
    if problems:
        raise UsageError("\n".join(p.message for p in problems))
    if not requested:
        raise UsageError("give at least one SETTING=VALUE, e.g. current_l1.high_warning=25")
    audit = audit_of(args)
    outcome = run_telnet_job(args, args.telnet, lambda target, **kw: thresholds_job(
        target, requested, args.rating, dry_run=args.dry_run, audit=None if args.dry_run else audit, **kw),
        "--telnet")
    if outcome.error_kind is INVALID:  # refused input: nothing was sent
        raise UsageError(outcome.error or "")
    report = outcome.unwrap()
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
