"""``provision --plan PLAN --unit NAME | --all``: masters set up from a commissioning plan.

A plan's networked master may carry ``network`` and ``snmp_setup`` blocks
(device/plan_network.py); they give the values, the command line adds the rest (clock,
password, communities not in the plan). ``--all`` walks the plan's masters one after
another, as they are cabled on site: each new master answers at its factory address
(``--host``, default 192.168.0.163); at a terminal the command asks the engineer to cable it
and press Enter, otherwise it waits (up to ``--restart-timeout``) for something to answer
there. A master that already answers at its planned address is reported and skipped. Each
master is provisioned, restarted and verified at its planned address before the next.
With ``--json`` one JSON line per master, then one summary line.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from bps_commissioner.cli.common import EXIT_FAILED, EXIT_OK, UsageError, at_terminal
from bps_commissioner.device import provisioning as pv
from bps_commissioner.device import telnet_menus as tm
from bps_commissioner.device.plan import PlanError, PlannedUnit
from bps_commissioner.device.plan_network import provisioning_values
from bps_commissioner.services.commission import load_plan_file
from bps_commissioner.services.jobs import JobFailed


def _masters(plan: Any) -> list[PlannedUnit]:
    return [u for u in plan.units if u.network is not None or u.snmp_setup is not None]


def _name(unit: PlannedUnit) -> str:
    return unit.name or unit.label


def _wait_for_cabling(args: argparse.Namespace, unit: PlannedUnit, host: str) -> bool:
    from bps_commissioner.cli.provision import already_there

    if at_terminal():
        print(f"Connect {_name(unit)} (factory address {host}), then press Enter (or type 'skip'): ", end="",
              file=sys.stderr, flush=True)
        return sys.stdin.readline().strip().lower() != "skip"
    print(f"waiting for {_name(unit)} at {host} ...", file=sys.stderr, flush=True)
    deadline = time.monotonic() + args.restart_timeout
    while time.monotonic() < deadline:
        if already_there(args, host):
            return True
        time.sleep(0.5)
    return False


def run_plan(args: argparse.Namespace, table: tm.DialogueTable) -> int:
    from bps_commissioner.cli.provision import already_there, new_password, provision_one

    try:
        plan = load_plan_file(args.plan)
    except PlanError as exc:
        raise UsageError(str(exc)) from None
    masters = _masters(plan)
    if not masters:
        raise UsageError(f"{args.plan}: no unit has a network or snmp_setup block: nothing to provision")
    if args.unit:
        chosen = [u for u in masters if u.name == args.unit]
        if not chosen:
            raise UsageError(f"--unit {args.unit!r}: the plan's masters are "
                             f"{', '.join(repr(_name(u)) for u in masters)}")
    elif args.all:
        chosen = masters
    else:
        raise UsageError("--plan needs --unit NAME or --all")
    if args.show or args.factory_reset:
        raise UsageError("--show and --factory-reset take --host, not --plan")
    # checked offline for every master before anything is sent
    password = new_password(args)
    args.new_password_env = None
    args.change_password = False
    from bps_commissioner.cli.provision import wanted_of

    for unit in chosen:
        try:
            wanted_of(args, table, provisioning_values(unit), password=password is not None)
        except UsageError as exc:
            raise UsageError(f"{_name(unit)}: {exc}") from None
    factory = args.host or pv.FACTORY_ADDRESS
    summary: dict[str, list[str]] = {"verified": [], "skipped": [], "failed": []}
    for unit in chosen:
        values = provisioning_values(unit)
        planned = values.get("network.address")
        if args.all and planned and planned != factory and already_there(args, planned):
            _line(args, {"name": _name(unit), "host": planned, "skipped": True,
                         "reason": "already answers at its planned address"},
                  f"{_name(unit)}: already answers at its planned address {planned}: skipped")
            summary["skipped"].append(_name(unit))
            continue
        if args.all and not args.dry_run and not _wait_for_cabling(args, unit, factory):
            _line(args, {"name": _name(unit), "host": factory, "ok": False, "reason": "not connected"},
                  f"{_name(unit)}: nothing answered at {factory}: not provisioned")
            summary["failed"].append(_name(unit))
            continue
        if not args.json:
            print(f"== {_name(unit)}: {factory} -> {planned or factory}")
        args.restart = args.restart or bool(planned)
        try:
            code = provision_one(args, table, factory, values,
                                 user=unit.telnet_user or args.user, password_new=password, label=_name(unit))
        except (JobFailed, UsageError) as exc:
            if not args.json:
                print(f"error: {_name(unit)}: {exc}", file=sys.stderr)
            code = EXIT_FAILED
        summary["verified" if code == EXIT_OK else "failed"].append(_name(unit))
    text = (f"summary: {len(summary['verified'])} verified, {len(summary['skipped'])} skipped, "
            f"{len(summary['failed'])} failed" + (f" ({', '.join(summary['failed'])})" if summary["failed"] else ""))
    _line(args, {"summary": summary}, text)
    return EXIT_OK if not summary["failed"] else EXIT_FAILED


def _line(args: argparse.Namespace, doc: dict[str, Any], text: str) -> None:
    print(json.dumps(doc) if args.json else text, flush=True)


__all__ = ["run_plan"]
