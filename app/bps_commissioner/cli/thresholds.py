"""``bps-commissioner thresholds``: set, apply (a profile) and export alarm thresholds.

    thresholds set    --tcp HOST[:PORT] --unit 1 current_l1.high=25 voltage_l2.low=190.5
    thresholds set    --serial PORT --baud 9600 --unit 3 humidity.high=60 --dry-run
    thresholds apply  PROFILE.json --tcp HOST --units 1,2
    thresholds export --tcp HOST --unit 1 > PROFILE.json

Writes use function 06 only, one per changed register, each read back (function 03); see
services/thresholds.py for the order of writes and what happens after a failure. Exit
codes: 0 everything applied (or nothing to change), 1 a write failed or a unit/link could not
be read (the report says exactly which settings were applied), 2 refused input (nothing
written), 130 interrupted (the report still says what was applied).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bps_commissioner.cli.common import (
    EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, StopOnCtrlC, UsageError, add_link_options, endpoint_of,
    at_terminal, make_link, unit_list, whole_number,
)
from bps_commissioner.cli.telnet import add_login_options, run_thresholds_set
from bps_commissioner.device.bus import ADDRESSES
from bps_commissioner.device.limits import (
    DEFAULT_RATING, RATINGS, Problem, format_value, parse_assignments, parse_number,
)
from bps_commissioner.device.numbers import NumberError, parse_whole
from bps_commissioner.device.profile import ProfileError
from bps_commissioner.services.audit import AuditLog, default_audit_path, pending_warning
from bps_commissioner.services.thresholds import (
    APPLIED, FAILED, PLANNED, SKIPPED, UNCHANGED, ApplyReport, SettingResult, export_profile,
    live_check_job, load_profile_file, threshold_job,
)
from bps_commissioner.services.jobs import wait_job
from bps_commissioner.services.worker import LinkWorker, Priority

_NAMES = ("voltage_l1..l3, current_l1..l3 (A, 0.1 steps), temperature, temperature_1, temperature_2 "
          "(degC, whole), humidity, humidity_1, humidity_2 (%, whole); voltage in V, 0.1 steps")


def address(text: str) -> int:
    try:  # ASCII digits only (device/numbers.py)
        return parse_whole(text, ADDRESSES.start, ADDRESSES.stop - 1, "a unit address")
    except NumberError:
        raise argparse.ArgumentTypeError(f"unit address {text!r} must be a number from "
                                         f"{ADDRESSES.start} to {ADDRESSES.stop - 1}") from None


def _write_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rating", type=whole_number(0, 999, "a rated current"), choices=RATINGS, default=DEFAULT_RATING,
                   help=f"the units' rated current in A, the upper limit of current thresholds "
                        f"(not readable from a unit; default {DEFAULT_RATING})")
    p.add_argument("--dry-run", action="store_true", help="print each planned change as old -> new, write nothing")
    p.add_argument("--json", action="store_true", help="print the report as one JSON object")
    p.add_argument("--audit-log", metavar="PATH",
                   help=f"append every write attempt to PATH, an intent before it and its outcome after "
                        f"(default {default_audit_path()})")
    p.add_argument("--yes", action="store_true",
                   help="apply a limit the unit's present reading already breaks without asking")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("thresholds", help="set, apply (from a profile) and export alarm thresholds",
                       description="Set alarm thresholds with validated function-06 writes, each read back.")
    tsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    s = tsub.add_parser("set", help="set thresholds of one unit: SETTING=VALUE ...",
                        description=f"SETTING is <quantity>.low or <quantity>.high, quantity one of {_NAMES}.")
    add_link_options(s, multi_unit=False, telnet=True)
    s.add_argument("--unit", type=address, metavar="N", help="the unit's address (Modbus)")
    add_login_options(s, host=False, timeout=False)
    _write_options(s)
    s.add_argument("settings", nargs="+", metavar="SETTING=VALUE", help="e.g. current_l1.high=25 voltage_l2.low=190.5")
    s.set_defaults(func=run_set)

    a = tsub.add_parser("apply", help="apply a profile (JSON file) to units of a chain")
    a.add_argument("profile", metavar="PROFILE.json")
    add_link_options(a, multi_unit=False)
    a.add_argument("--units", type=unit_list, required=True, metavar="LIST", help="unit addresses, e.g. 1,2,5-8")
    _write_options(a)
    a.set_defaults(func=run_apply)

    e = tsub.add_parser("export", help="print a unit's present thresholds as a profile")
    add_link_options(e, multi_unit=False)
    e.add_argument("--unit", type=address, required=True, metavar="N", help="the unit's address")
    e.add_argument("--name", default="", help="the profile's name (default: 'unit N')")
    e.set_defaults(func=run_export)


# --- output --------------------------------------------------------------------------------

def _cell(r: SettingResult, value: Any) -> str:
    return "-" if value is None else format_value(r.setting, value)


def _result_text(r: SettingResult) -> str:
    if r.result == FAILED:
        return f"FAILED: {r.reason}"
    if r.result == SKIPPED:
        return f"SKIPPED: {r.reason}"
    if r.result == APPLIED and r.reason:
        return f"applied ({r.reason})"
    return r.result


def format_report(report: ApplyReport) -> str:
    """The result table (unit, setting, old, new, read back, result) and a summary per unit."""
    rows = [("unit", "setting", "old", "new", "read back", "result")]
    for u in report.units:
        for r in u.results:
            rows.append((str(u.unit), r.setting, _cell(r, r.old), _cell(r, r.new),
                         "" if r.result in (PLANNED, UNCHANGED) else _cell(r, r.read_back), _result_text(r)))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = []
    for row in rows:
        lines.append("  ".join([row[0].rjust(widths[0])] + [c.ljust(w) for c, w in zip(row[1:5], widths[1:])]
                               + [row[5]]).rstrip())
    lines.append("")
    for u in report.units:
        applied, bad = u.applied, u.not_applied
        unchanged = len(u.of(UNCHANGED))
        if not bad:
            lines.append(f"Unit {u.unit}: {len(applied)} applied (confirmed by read-back), {unchanged} unchanged.")
            continue
        lines.append(f"Unit {u.unit}: NOT fully applied: {len(applied)} applied (confirmed by read-back), "
                     f"{len(bad)} not applied, {unchanged} unchanged.")
        if applied:
            lines.append(f"  applied: {', '.join(r.setting for r in applied)}")
        for r in bad:
            lines.append(f"  not applied: {r.setting} ({r.reason})")
    return "\n".join(lines)


def format_dry_run(report: ApplyReport) -> str:
    lines = ["Dry run: nothing was written."]
    for u in report.units:
        planned = u.of(PLANNED)
        lines.append(f"Unit {u.unit} ({u.link}): {len(planned)} change(s) planned")
        for r in planned:
            lines.append(f"  {r.setting}: {_cell(r, r.old)} -> {_cell(r, r.new)}")
        for r in u.of(UNCHANGED):
            lines.append(f"  {r.setting}: {_cell(r, r.old)} (unchanged, nothing to write)")
    return "\n".join(lines)


def _finish(report: ApplyReport, args: argparse.Namespace) -> int:
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    if report.halted == "cancelled" and not report.units:
        print("interrupted: nothing was written", file=sys.stderr)
        return EXIT_INTERRUPTED
    if report.refused:
        print("error: refused, nothing was written:", file=sys.stderr)
        for p in report.refused:
            print(f"  {p}", file=sys.stderr)
        link_trouble = any(p.code in ("unreadable", "audit") for p in report.refused)
        return EXIT_FAILED if link_trouble else EXIT_USAGE
    if not args.json:
        print(format_dry_run(report) if report.dry_run else format_report(report))
    for text in report.audit_errors:
        print(f"error: {text}", file=sys.stderr)
    if report.halted in ("interrupted", "cancelled"):
        print("interrupted: the report above says exactly what was applied", file=sys.stderr)
        return EXIT_INTERRUPTED
    if not report.ok:
        bad = sum(len(u.not_applied) for u in report.units)
        print(f"error: {bad} setting(s) NOT applied; see the report", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


# --- commands ------------------------------------------------------------------------------

def warn_pending(audit: AuditLog) -> None:
    """At the start of a command that changes units: the intents a crash left without an
    outcome, and the units to re-read (services/audit.py)."""
    text = pending_warning(audit)
    if text:
        print(text, file=sys.stderr)


def confirm_broken(broken: dict[int, list[Any]], args: argparse.Namespace) -> bool:
    """Name each requested limit the live reading already breaks; with --dry-run or --yes
    go on, at a terminal ask, else refuse (False)."""
    if not broken:
        return True
    for unit, items in broken.items():
        for b in items:
            print(f"warning: unit {unit}: {b.message()}", file=sys.stderr)
    if args.dry_run or getattr(args, "yes", False):
        return True
    if not at_terminal():
        print("error: a new limit alarms at once (see above): pass --yes to apply it anyway. Nothing was written.",
              file=sys.stderr)
        return False
    print("Apply anyway? Type 'yes' to continue: ", end="", file=sys.stderr, flush=True)
    if sys.stdin.readline().strip().lower() != "yes":
        print("Nothing was written.", file=sys.stderr)
        return False
    return True


def _write(args: argparse.Namespace, units: list[int], requested: dict[str, Any]) -> int:
    audit = AuditLog(args.audit_log) if args.audit_log else AuditLog()
    if not args.dry_run:
        warn_pending(audit)
    # the window's job, on a worker that owns the link; the CLI waits for it
    worker = LinkWorker(endpoint_of(args), log_frames=False)
    worker.start()
    try:
        check = wait_job(worker, live_check_job(units, requested), Priority.WRITE)
        if not confirm_broken((check.value or {}) if check.fault is None else {}, args):
            return EXIT_USAGE
        with StopOnCtrlC("stopping after the write in progress") as ctrl_c:
            outcome = wait_job(worker, threshold_job(units, requested, args.rating, audit=audit, dry_run=args.dry_run),
                               Priority.WRITE, cancel_when=lambda: ctrl_c.requested)
    finally:
        worker.stop(5.0)
    report = outcome.unwrap()
    code = _finish(report, args)
    return EXIT_INTERRUPTED if ctrl_c.requested else code


def run_set(args: argparse.Namespace) -> int:
    if args.telnet:  # warning thresholds exist only in the Telnet CLI (menu 8)
        return run_thresholds_set(args)
    if args.unit is None:
        raise UsageError("--unit N is required with --tcp or --serial")
    requested, problems = parse_assignments(args.settings)
    # a value that is not a plain number is refused before any unit is asked (device/numbers.py)
    problems += [p for p in (parse_number(name, text) for name, text in requested.items()) if isinstance(p, Problem)]
    if problems:
        if args.json:
            print(json.dumps(ApplyReport(refused=tuple(problems), dry_run=args.dry_run).to_dict(), indent=2))
        print("error: refused, nothing was written:", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        return EXIT_USAGE
    return _write(args, [args.unit], requested)


def run_apply(args: argparse.Namespace) -> int:
    try:
        profile = load_profile_file(args.profile)
    except ProfileError as exc:
        print(f"error: profile refused, nothing was written: {exc}", file=sys.stderr)
        return EXIT_USAGE
    units = list(dict.fromkeys(args.units))
    return _write(args, units, dict(profile.thresholds))


def run_export(args: argparse.Namespace) -> int:
    link = make_link(args)
    try:
        profile = export_profile(link, args.unit, args.name)
    finally:
        link.close()
    sys.stdout.write(profile.to_json())
    return EXIT_OK


__all__ = ["format_dry_run", "format_report", "register", "run_apply", "run_export", "run_set"]
