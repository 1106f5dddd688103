"""``bps-commissioner commission``: check a rack against its plan, apply what is planned,
write the report the customer signs.

    commission PLAN.json [--apply] [--report report.pdf] [--csv units.csv] [--lang pl|en] [--json]

Exit codes: 0 every planned unit passes (and nothing unexpected was found), 1 a unit is
missing, failed, unexpected or in an address conflict (or a file could not be written), 2
the plan is refused (nothing done), 130 interrupted (the report still covers what was
checked).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bps_commissioner.cli.common import decimal_number
from bps_commissioner.cli.common import (
    EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, StopOnCtrlC, positive_float, unit_list,
)
from bps_commissioner.device.plan import PlanError
from bps_commissioner.services.audit import AuditLog, default_audit_path
from bps_commissioner.device.faults import Progress
from bps_commissioner.services import secrets
from bps_commissioner.services.commission import (
    FAIL, PASS, WARN, CommissionOptions, CommissionResult, commission_job, load_plan_file, load_profiles,
    secrets_needed, write_csv, write_text_file,
)
from bps_commissioner.services.jobs import wait_job
from bps_commissioner.services.scan import DEFAULT_REPLY_WAIT
from bps_commissioner.services.worker import LinkWorker


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("commission", help="check every unit against a plan; apply it; write the report",
                       description="Scan each link of the plan, match the units found against it, check each "
                                   "against the plan and physics, optionally apply the planned thresholds, and "
                                   "write the report.")
    p.add_argument("plan", metavar="PLAN.json")
    p.add_argument("--apply", action="store_true",
                   help="write each unit's planned threshold profile (every write read back and logged)")
    p.add_argument("--report", metavar="FILE.pdf", help="write the PDF report (A4) to FILE.pdf")
    p.add_argument("--csv", metavar="FILE.csv", help="write one row per unit to FILE.csv")
    p.add_argument("--json-file", metavar="FILE.json", help="write the JSON result to FILE.json")
    p.add_argument("--lang", choices=("pl", "en"), help="the report's language (default: the system's)")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.add_argument("--verbose", "-v", action="store_true", help="print every check, not only warnings and failures")
    p.add_argument("--addresses", type=unit_list, metavar="LIST",
                   help="addresses scanned on serial and Modbus TCP links besides the planned ones (default 1-32)")
    p.add_argument("--reply-wait", type=decimal_number(1, 5000, "milliseconds"),
                   default=DEFAULT_REPLY_WAIT * 1000, metavar="MS",
                   help=f"serial scan: time a unit may take to start its reply (default {DEFAULT_REPLY_WAIT * 1000:.0f} ms)")
    p.add_argument("--telnet-timeout", type=positive_float, default=5.0, metavar="SECONDS",
                   help="how long a unit's Telnet CLI may take to show its next prompt (default 5 s)")
    p.add_argument("--audit-log", metavar="PATH",
                   help=f"with --apply: append every write attempt to PATH (default {default_audit_path()})")
    p.add_argument("--yes", action="store_true",
                   help="with --apply: also write planned limits that a unit's present reading already breaks "
                        "(it alarms at once); without it such a unit's profile is not applied and its check fails")
    p.set_defaults(func=run)


class _Progress:
    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()

    def __call__(self, progress: Progress) -> None:
        if self.enabled:
            print(f"\r\x1b[K[{progress.done}/{progress.total}] {progress.text}"[:150], end="", file=sys.stderr,
                  flush=True)

    def end(self) -> None:
        if self.enabled:
            print("\r\x1b[K", end="", file=sys.stderr, flush=True)


_MARK = {PASS: "pass", WARN: "WARN", FAIL: "FAIL"}


def format_result(result: CommissionResult, verbose: bool = False) -> str:
    plan = result.plan
    lines = [f"Commissioning {plan.site or '(no site)'}: {result.started} .. {result.finished}"]
    for index, link in enumerate(plan.links):
        units = [u for u in result.units if u.link == index]
        lines.append(f"Link {index}: {link.describe()}: {len(plan.units_on(index))} planned, "
                     f"{sum(1 for u in units if u.reading is not None)} found")
        for u in units:
            name = f" ({u.name})" if u.name else ""
            counts = ", ".join(f"{u.count(r)} {r}" for r in (PASS, WARN, FAIL) if u.count(r))
            lines.append(f"  unit {u.address}{name}: {u.status.upper() if u.status != 'ok' else 'ok'}"
                         + (f" ({counts})" if counts else ""))
            for c in u.checks:
                if verbose or c.result != PASS:
                    lines.append(f"    {_MARK[c.result]:<4}  {c.check}: {c.detail}")
    summary = ", ".join(f"{len(result.by_status(s))} {s}" for s in ("ok", "failed", "missing", "unexpected",
                                                                   "conflict") if result.by_status(s))
    verdict = "PASS" if result.passed else "FAIL"
    lines.append(f"Result: {verdict}" + (f" ({summary})" if summary else "")
                 + (" - cancelled, not every unit was checked" if result.cancelled else ""))
    return "\n".join(lines)


def _secrets_asked_first(plan: Any) -> Any:
    """The Telnet passwords and SNMPv3 keys the plan needs, looked up (and prompted for at a
    terminal) here, before the run's job starts; one that is not available fails where it
    is used, with the reason."""
    found: dict[tuple[str, str, str], Any] = {}
    for kind, user, host in secrets_needed(plan):
        if (kind.env, user, host) not in found:
            try:
                found[(kind.env, user, host)] = secrets.lookup(kind, user=user, host=host)
            except secrets.SecretUnavailable as exc:
                found[(kind.env, user, host)] = exc

    def secret(kind: secrets.SecretKind, user: str, host: str) -> secrets.Secret:
        value = found.get((kind.env, user, host))
        if value is None:
            value = secrets.lookup(kind, user=user, host=host)
        if isinstance(value, secrets.SecretUnavailable):
            raise value
        return value

    return secret


def report_language(requested: str | None) -> str:
    if requested:
        return requested
    from bps_commissioner.ui.i18n import system_language
    from bps_commissioner.ui.report import ensure_gui_application

    ensure_gui_application()
    return system_language()


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.reply_wait <= 5000:
        print("error: --reply-wait must be 1..5000 ms", file=sys.stderr)
        return EXIT_USAGE
    try:
        plan = load_plan_file(args.plan)
        profiles = load_profiles(plan)
    except PlanError as exc:
        print(f"error: plan refused, nothing done: {exc}", file=sys.stderr)
        return EXIT_USAGE
    audit = None
    if args.apply:
        audit = AuditLog(args.audit_log) if args.audit_log else AuditLog()
    options = CommissionOptions(apply=args.apply, apply_breaking=args.yes,
                                addresses=tuple(args.addresses) if args.addresses else None,
                                reply_wait=args.reply_wait / 1000, telnet_timeout=args.telnet_timeout, audit=audit,
                                secret=_secrets_asked_first(plan))
    progress = _Progress()
    worker = LinkWorker.network("commission")
    worker.start()
    with StopOnCtrlC("stopping after the step in progress") as ctrl_c:
        try:
            result = wait_job(worker, commission_job(plan, options, profiles), on_progress=progress,
                              cancel_when=lambda: ctrl_c.requested).unwrap()
        finally:
            progress.end()
            worker.stop()
    code = EXIT_OK if result.passed else EXIT_FAILED
    if ctrl_c.requested:
        code = EXIT_INTERRUPTED
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_result(result, args.verbose))
    for path, write in ((args.json_file, lambda p: write_text_file(
                            p, json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n")),
                        (args.csv, lambda p: write_csv(result, p))):
        if not path:
            continue
        try:
            write(path)
        except OSError as exc:
            print(f"error: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
            code = code if code != EXIT_OK else EXIT_FAILED
    if args.report:
        from bps_commissioner.ui.report import write_pdf

        language = report_language(args.lang)
        try:
            pages = write_pdf(result, args.report, language)
        except OSError as exc:
            print(f"error: cannot write the report {args.report}: {exc.strerror or exc}", file=sys.stderr)
            code = code if code != EXIT_OK else EXIT_FAILED
        else:
            print(f"report: {args.report} ({pages} pages, {'Polish' if language == 'pl' else 'English'})",
                  file=sys.stderr)
    return code


__all__ = ["format_result", "register", "run"]
