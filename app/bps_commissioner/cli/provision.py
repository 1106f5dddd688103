"""``bps-commissioner provision``: a new master's network, clock, password and SNMP over Telnet.

    provision --host HOST [--telnet-port 23] [--user admin] --show [--json]
    provision --host HOST [--address A] [--mask M] [--gateway G] [--dns D] [--http-port N]
        [--set-clock] [--clock-utc] [--new-password-env VAR | --change-password]
        [--snmp-agent enable|disable] [--read-community C] [--write-community C] [--trap1 A]
        [--smtp-server H] [--smtp-port N] [--smtp-account A] [--smtp-recipient R]
        [--restart] [--restart-timeout 120] [--factory-reset]
        [--plan PLAN --unit NAME | --plan PLAN --all] [--dry-run] [--yes] [--json] [--audit-log PATH]

Everything is checked before a connection is made (exit 2, the bad value named, nothing
sent); the job (services/provision.py) then reads the menus, shows the changes old -> new,
asks (or ``--yes``), applies them menu by menu with read-back, restarts, waits for the unit
at its new address and verifies every value there. The dialogue it speaks is the table of
device/telnet_menus.py; ``--dialogue FILE`` uses a corrected one (``--dialogue-template``
prints the shipped table as a starting point).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from typing import Any, Callable

from bps_commissioner.cli.common import (
    EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, asked_here, at_terminal, positive_float, whole_number,
)
from bps_commissioner.cli.telnet import audit_of, telnet_address, telnet_password
from bps_commissioner.device import provisioning as pv
from bps_commissioner.device import telnet_menus as tm
from bps_commissioner.device.faults import FaultKind, Progress
from bps_commissioner.device.ports import FACTORY_USER, HTTP_PORT, MODBUS_TCP_PORT, TELNET_PORT
from bps_commissioner.services import secrets
from bps_commissioner.services.audit import default_audit_path
from bps_commissioner.services.jobs import JobFailed, run_job
from bps_commissioner.services.provision import (
    ProvisionRequest, ProvisionResult, ProvisionTarget, answering_at, factory_reset_job, laptop_subnet_advice,
    provision_job, show_job,
)

#: option -> setting key (device/telnet_menus.py)
OPTIONS = {"address": "network.address", "mask": "network.mask", "gateway": "network.gateway", "dns": "network.dns",
           "http_port": "http.port", "snmp_agent": "snmp.agent", "read_community": "snmp.read_community",
           "write_community": "snmp.write_community", "trap1": "snmp.trap1", "smtp_server": "smtp.server",
           "smtp_port": "smtp.port", "smtp_account": "smtp.account", "smtp_recipient": "smtp.recipient"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("provision", help="set up a new networked master over Telnet: address, clock, password, "
                                         "SNMP; restart and verify at the new address")
    p.add_argument("--host", metavar="HOST", help=f"where the master answers now (default with --plan --all: the "
                                                  f"factory address {pv.FACTORY_ADDRESS})")
    p.add_argument("--telnet-port", type=whole_number(1, 65535, "a port"), default=TELNET_PORT, metavar="PORT",
                   help=f"Telnet port (default {TELNET_PORT})")
    p.add_argument("--modbus-port", type=whole_number(1, 65535, "a port"), default=MODBUS_TCP_PORT, metavar="PORT",
                   help=f"Modbus TCP port probed at a new address (default {MODBUS_TCP_PORT})")
    p.add_argument("--user", default=FACTORY_USER, metavar="ACCOUNT",
                   help=f"Telnet account (default {FACTORY_USER}); the password comes from "
                        f"{secrets.TELNET_PASSWORD.env}, the system keyring or a hidden prompt")
    p.add_argument("--timeout", type=positive_float, default=5.0, metavar="SECONDS",
                   help="how long the unit may take to show its next prompt (default 5 s)")
    p.add_argument("--show", action="store_true", help="read menus 2-7 and print every setting (changes nothing)")
    g = p.add_argument_group("settings (each only when given)")
    g.add_argument("--address", metavar="A", help="new IPv4 address (takes effect at restart)")
    g.add_argument("--mask", metavar="M", help="subnet mask, e.g. 255.255.255.0")
    g.add_argument("--gateway", metavar="G", help="default gateway, inside the new subnet (0.0.0.0: none)")
    g.add_argument("--dns", metavar="D", help="DNS server")
    g.add_argument("--http-port", metavar="N", help="web UI port (takes effect at restart)")
    g.add_argument("--set-clock", action="store_true", help="set the unit's clock to this laptop's local time")
    g.add_argument("--clock-utc", action="store_true", help="with --set-clock: UTC rather than local time")
    g.add_argument("--new-password-env", metavar="VAR",
                   help="change the Telnet/web password to the value of environment variable VAR")
    g.add_argument("--change-password", action="store_true",
                   help="change the password, asked twice at a hidden prompt")
    g.add_argument("--snmp-agent", choices=("enable", "disable"), help="SNMP agent on or off")
    g.add_argument("--read-community", metavar="C", help="SNMP read community")
    g.add_argument("--write-community", metavar="C", help="SNMP write community")
    g.add_argument("--trap1", metavar="A", help="SNMP trap receiver 1 (0.0.0.0: none)")
    g.add_argument("--smtp-server", metavar="H")
    g.add_argument("--smtp-port", metavar="N")
    g.add_argument("--smtp-account", metavar="A")
    g.add_argument("--smtp-recipient", metavar="R")
    r = p.add_argument_group("restart")
    r.add_argument("--restart", action="store_true", help="restart after the changes, wait for the unit at its new "
                                                          "address, log in there and verify every setting")
    r.add_argument("--restart-timeout", type=positive_float, default=120.0, metavar="SECONDS",
                   help="how long to wait for the unit after its restart (default 120)")
    r.add_argument("--factory-reset", action="store_true",
                   help="restart to factory defaults (menu 10, item 2); asks for the host typed again")
    r.add_argument("--factory-address", default=pv.FACTORY_ADDRESS, help=argparse.SUPPRESS)
    b = p.add_argument_group("from a commissioning plan")
    b.add_argument("--plan", metavar="PLAN", help="take the values from the plan's network and snmp_setup blocks")
    b.add_argument("--unit", metavar="NAME", help="the plan's master to provision (by name)")
    b.add_argument("--all", action="store_true", help="every master of the plan, one after another, as cabled")
    p.add_argument("--dialogue", metavar="FILE", help="a corrected Telnet dialogue table (JSON)")
    p.add_argument("--dialogue-template", action="store_true", help="print the shipped dialogue table and exit")
    p.add_argument("--transcript", metavar="FILE", help="write the raw Telnet dialogue (passwords hidden) to FILE, "
                                                       "to correct the dialogue table from a real unit")
    p.add_argument("--dry-run", action="store_true", help="show the changes, send nothing")
    p.add_argument("--yes", action="store_true", help="do not ask (needed when not at a terminal)")
    p.add_argument("--no-ping", action="store_true", help="do not ping the new address before taking it")
    p.add_argument("--json", action="store_true", help="JSON output (one line per master with --all)")
    p.add_argument("--audit-log", metavar="PATH", help=f"audit log (default {default_audit_path()})")
    p.set_defaults(func=run)


# --- offline checks ---------------------------------------------------------------------

def _table(args: argparse.Namespace) -> tm.DialogueTable:
    if not args.dialogue:
        return tm.DEFAULT_TABLE
    try:
        with open(args.dialogue, encoding="utf-8") as f:
            return tm.load_table(f.read(), args.dialogue)
    except OSError as exc:
        raise UsageError(f"--dialogue: cannot read {args.dialogue}: {exc.strerror or exc}") from None
    except tm.TableError as exc:
        raise UsageError(f"--dialogue: {exc}") from None


def new_password(args: argparse.Namespace) -> secrets.Secret | None:
    """The new password (environment variable or a hidden prompt asked twice), checked."""
    if args.new_password_env:
        value = os.environ.get(args.new_password_env)
        if not value:
            raise UsageError(f"--new-password-env: the environment variable {args.new_password_env} is not set "
                             f"or empty")
        secret = secrets.Secret(value, "environment")
    elif args.change_password:
        if not at_terminal():
            raise UsageError("--change-password asks at a terminal; without one use --new-password-env VAR")
        first = getpass.getpass("New Telnet password: ", stream=sys.stderr)
        second = getpass.getpass("New Telnet password again: ", stream=sys.stderr)
        if first != second:
            raise UsageError("the two new passwords differ: nothing was sent")
        secret = secrets.Secret(first, "prompt")
    else:
        return None
    try:
        pv.check_password(secret.reveal())
    except pv.ValueProblem as exc:
        raise UsageError(f"{exc}: nothing was sent") from None
    return secret


def wanted_of(args: argparse.Namespace, table: tm.DialogueTable, extra: dict[str, str] | None = None,
              *, password: bool = False) -> pv.Wanted:
    raw = dict(extra or {})
    names = {}
    for option, key in OPTIONS.items():
        value = getattr(args, option)
        if value is not None:
            raw[key] = value
        names[key] = "--" + option.replace("_", "-")
    wanted, problems = pv.wanted_from(raw, table, names, set_clock=args.set_clock, clock_utc=args.clock_utc,
                                      new_password=password)
    if problems:
        raise UsageError("refused, nothing was sent:\n  " + "\n  ".join(problems))
    return wanted


def _progress(args: argparse.Namespace) -> Callable[[Progress], None] | None:
    if args.json or not sys.stderr.isatty():
        return None
    def show(p: Progress) -> None:  # the countdown rewrites its line
        if p.step == "wait":
            print(f"\r  {p.text}   ", end="", file=sys.stderr, flush=True)
        else:
            print(f"  {p.text}", file=sys.stderr, flush=True)
    return show


# --- confirmation (asked in this thread while the job waits) -----------------------------

def _asking(args: argparse.Namespace) -> tuple[Any, Any]:
    if args.yes or args.dry_run:
        def show(changes: list[pv.Change], warnings: list[str]) -> bool:
            _print_changes(changes, warnings)
            return True
        return (None if args.json else show), None
    def ask(changes: list[pv.Change], warnings: list[str]) -> bool:
        _print_changes(changes, warnings)
        print("Apply these changes? Type 'yes' to continue: ", end="", file=sys.stderr, flush=True)
        return sys.stdin.readline().strip().lower() == "yes"

    return asked_here(ask)


def _print_changes(changes: list[pv.Change], warnings: list[str]) -> None:
    print("Changes:", file=sys.stderr)
    for change in changes:
        print(f"  {change.line()}", file=sys.stderr)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)


# --- the command ------------------------------------------------------------------------

def run(args: argparse.Namespace) -> int:
    if args.dialogue_template:
        print(tm.table_to_json())
        return EXIT_OK
    table = _table(args)
    if args.plan:
        from bps_commissioner.cli.provision_plan import run_plan

        return run_plan(args, table)
    if not args.host:
        raise UsageError("provision needs --host HOST (or --plan PLAN --unit NAME / --all)")
    return provision_one(args, table, args.host, {})


def provision_one(args: argparse.Namespace, table: tm.DialogueTable, host_text: str, planned: dict[str, str],
                  *, user: str | None = None, password_new: secrets.Secret | None = None, label: str = "") -> int:
    """One master: ``planned`` values (a plan's) under the command line's; ``password_new``
    given by the caller (a plan run asks once for all), else from the options."""
    host, port = telnet_address(host_text)
    if args.telnet_port != TELNET_PORT:
        port = args.telnet_port
    user = user or args.user
    changing = not args.show and not args.factory_reset
    if password_new is None and changing:
        password_new = new_password(args)
    wanted = wanted_of(args, table, planned, password=password_new is not None) if changing else pv.Wanted()
    if changing and wanted.empty and not args.restart:
        raise UsageError("nothing to set: give a setting (--address, --set-clock, --read-community ...), "
                         "--restart, or --show to read")
    if changing and not (args.yes or args.dry_run or at_terminal()):
        raise UsageError("provision changes the unit and needs a confirmation: run it at a terminal, or pass "
                         "--yes (--dry-run to see the changes). Nothing was sent.")
    http_port = int(wanted.values.get("http.port", HTTP_PORT))
    target = ProvisionTarget(host, port, user, args.timeout, args.modbus_port, http_port)
    advice = laptop_subnet_advice(host)
    if advice:
        print(f"warning: {advice}", file=sys.stderr)
    if args.factory_reset:
        return _factory_reset(args, target)
    password = telnet_password(user, host)
    if args.show:
        try:
            doc = run_job(show_job(target, password, table, args.clock_utc), name="provision",
                          on_progress=_progress(args))
        except JobFailed as exc:
            _write_transcript(args, exc.fault.detail)
            raise
        _write_transcript(args, doc.pop("dialogue", ""))
        _print_show(args, doc)
        return EXIT_OK
    audit = audit_of(args)
    confirm, ask = _asking(args)
    request = ProvisionRequest(wanted, password, password_new, args.restart, args.restart_timeout, args.dry_run,
                               table, probe_icmp=not args.no_ping)
    try:
        result: ProvisionResult = run_job(
            provision_job(target, request, audit=None if args.dry_run else audit, confirm=confirm),
            name="provision", on_progress=_progress(args), cancel_when=ask)
    except JobFailed as exc:
        _write_transcript(args, exc.fault.detail)
        if exc.fault.kind is FaultKind.CANCELLED:
            print("Cancelled: nothing was changed.", file=sys.stderr)
            return EXIT_FAILED
        if args.json:
            print(json.dumps({**({"name": label} if label else {}), "host": host, "ok": False,
                              "fault": exc.fault.to_dict()}))
        raise
    _write_transcript(args, result.dialogue)
    return _report(args, result, label)


def _write_transcript(args: argparse.Namespace, dialogue: str) -> None:
    if not getattr(args, "transcript", None) or not dialogue:
        return
    try:
        with open(args.transcript, "a", encoding="utf-8") as f:
            f.write(dialogue if dialogue.endswith("\n") else dialogue + "\n")
    except OSError as exc:
        print(f"warning: the transcript could not be written to {args.transcript}: {exc.strerror or exc}",
              file=sys.stderr)
        return
    print(f"Telnet transcript (passwords hidden) appended to {args.transcript}", file=sys.stderr)


def _report(args: argparse.Namespace, result: ProvisionResult, label: str = "") -> int:
    if args.json:
        doc = result.to_dict()
        print(json.dumps({**({"name": label} if label else {}), **doc}), flush=True)
        return EXIT_OK if doc["ok"] else EXIT_FAILED
    if result.nothing_to_do:
        print(f"{result.host}: nothing to change: every setting already has the asked value.")
        return EXIT_OK
    if result.dry_run:
        _print_changes(result.changes, result.warnings)
        print(f"{result.host}: dry run: {len(result.changes)} change(s) would be made; nothing was sent.")
        return EXIT_OK
    for key in result.applied:
        print(f"set and read back: {key}")
    if result.password_changed:
        print(f"password changed; {result.password_saved}")
    if result.restarted:
        print(f"restarted: back at {result.final_host} after {result.restart_s} s")
    if result.skew_after_s is not None and args.set_clock:
        print(f"clock skew now {result.skew_after_s:+.0f} s (was {result.skew_before_s:+.0f} s)"
              if result.skew_before_s is not None else f"clock skew now {result.skew_after_s:+.0f} s")
    for note in result.notes:
        print(f"note: {note}")
    print(f"{result.final_host}: verified: every setting reads back as asked." if result.verified
          else f"{result.final_host}: NOT verified.")
    return EXIT_OK if result.verified else EXIT_FAILED


def _print_show(args: argparse.Namespace, doc: dict[str, Any]) -> None:
    if args.json:
        print(json.dumps(doc, indent=2))
        return
    print(f"{doc['host']}: account {doc['user'] or '?'}"
          + (" (still the factory password)" if doc.get("factory_login") else ""))
    for key, value in doc["settings"].items():
        print(f"  {key:<22}{'' if value is None else value}")
    if doc.get("clock_skew_s") is not None:
        print(f"  clock skew            {doc['clock_skew_s']:+.0f} s (unit minus this laptop)")
    for warning in doc.get("warnings", []):
        print(f"warning: {warning}")


def _factory_reset(args: argparse.Namespace, target: ProvisionTarget) -> int:
    if not at_terminal():
        raise UsageError("--factory-reset asks for the host typed again: run it at a terminal. Nothing was sent.")
    print(f"Restore the factory settings of {target.host}? Its address becomes {args.factory_address}, its "
          f"password admin, SNMP public/private. Type the host again to confirm: ", end="", file=sys.stderr,
          flush=True)
    if sys.stdin.readline().strip() != target.host:
        print("Not confirmed: nothing was sent.", file=sys.stderr)
        return EXIT_USAGE
    audit = audit_of(args)
    password = telnet_password(target.user, target.host)
    doc = run_job(factory_reset_job(target, password, audit=audit, factory_host=args.factory_address,
                                    wait_s=args.restart_timeout), name="provision", on_progress=_progress(args))
    if args.json:
        print(json.dumps(doc))
    else:
        print(f"factory reset: {'back' if doc['back'] else 'NOT seen back'} at {doc['factory_host']}")
    return EXIT_OK if doc["back"] else EXIT_FAILED


def already_there(args: argparse.Namespace, host: str) -> bool:
    return answering_at(host, ProvisionTarget(host, args.telnet_port))


__all__ = ["OPTIONS", "already_there", "provision_one", "register", "run"]
