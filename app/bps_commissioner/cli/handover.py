"""``bps-commissioner handover PLAN --out DIR``: monitoring configuration from a plan.

Writes, for every SNMP master of the plan and its planned slaves, snmp_exporter's
snmp.yml and generator.yml, a prometheus.yml with the snmp job, the alert rules from the
planned profiles, Zabbix 7.0 template and hosts exports, and a README.md for the
operations team (services/handover). Exit 0 written, 1 a file could not be written, 2 the
plan is refused (no networked master, a unit address a master cannot have, a plan or
profile that does not parse): nothing is written then.
"""

from __future__ import annotations

import argparse
import sys

from bps_commissioner.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, tcp_address
from bps_commissioner.device.plan import PlanError
from bps_commissioner.services.commission import load_plan_file, load_profiles
from bps_commissioner.services.handover import HandoverError, handover_files, write_files
from bps_commissioner.services.handover.prometheus import EXPORTER


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("handover", help="write Prometheus and Zabbix configuration for a plan's SNMP masters",
                       description="Write monitoring configuration (snmp_exporter, Prometheus scrape job and "
                                   "alert rules, Zabbix 7.0 templates and hosts, a README) for every SNMP master "
                                   "of a commissioning plan and its slaves. Secrets are written as placeholders.")
    p.add_argument("plan", metavar="PLAN", help="the commissioning plan (JSON)")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write the files into (created if needed)")
    p.add_argument("--exporter", default=EXPORTER, metavar="HOST:PORT",
                   help=f"where Prometheus reaches snmp_exporter (default {EXPORTER})")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        host, port = tcp_address(args.exporter, 9116, option="--exporter")
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    exporter = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    try:
        plan = load_plan_file(args.plan)
        files = handover_files(plan, load_profiles(plan), exporter)
    except (PlanError, HandoverError) as exc:
        print(f"error: plan refused for the hand-over: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        written = write_files(args.out, files)
    except OSError as exc:
        print(f"error: cannot write the hand-over into {args.out}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    for path in written:
        print(path)
    print("Fill in the placeholders (FILL-IN-...) before use: see README.md.", file=sys.stderr)
    return EXIT_OK


__all__ = ["register", "run"]
