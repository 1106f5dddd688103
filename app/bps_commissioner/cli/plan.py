"""``bps-commissioner plan``: write a commissioning plan from what a scan finds, or check one.

    plan new --serial PORT [--baud 9600] [--auto] [--addresses 1-32] --site "..." > plan.json
    plan new --tcp HOST[:PORT] [--addresses 1-8] --site "..."
    plan new --snmp HOST[:PORT] [--community public | --snmp-version 3 --v3-user NAME ...] --site "..."
    plan check PLAN.json

``plan new`` lists every unit found with its address, phase count and the probes connected
(and, with ``--telnet HOST``, the firmware version the unit's Telnet banner shows), for the
engineer to name and complete: a field left in the plan is a field ``commission`` checks.
``plan check`` parses a plan and its profiles and prints what it holds (exit 2 if refused).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bps_commissioner.cli.common import (
    EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, UsageError, add_bus_options, bus_settings, positive_float,
    tcp_address, unit_list, whole_number, decimal_number,
)
from bps_commissioner.cli.read import v3_protocols
from bps_commissioner.device.faults import FaultKind, Progress
from bps_commissioner.device.plan import PlanError, PlanLink
from bps_commissioner.services import secrets
from bps_commissioner.services.commission import (
    TCP_PROBE_WAIT, Survey, default_open_link, load_plan_file, load_profiles, plan_from_found, survey_job,
    telnet_look, write_text_file,
)
from bps_commissioner.services.jobs import JobFailed, run_job
from bps_commissioner.services.scan import CONFLICT_ADVICE, DEFAULT_REPLY_WAIT


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("plan", help="write a commissioning plan from a scan, or check one")
    psub = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    n = psub.add_parser("new", help="scan a link and print a plan of what is found (JSON)",
                        description="Scan a link and print a commissioning plan of the units found, for the "
                                    "engineer to name and complete.")
    where = n.add_mutually_exclusive_group(required=True)
    where.add_argument("--serial", metavar="PORT", help="serial port of the USB-RS485 adapter (Modbus RTU)")
    where.add_argument("--tcp", metavar="HOST[:PORT]", help="Modbus TCP host (default port 502)")
    where.add_argument("--snmp", metavar="HOST[:PORT]", help="SNMP agent of a MASTER: the master and its slaves")
    add_bus_options(n)
    n.add_argument("--auto", action="store_true", help="serial: detect baud rate, parity and stop bits first")
    n.add_argument("--addresses", type=unit_list, metavar="LIST",
                   help="addresses to scan (default 1-32; over SNMP always 0-5)")
    n.add_argument("--reply-wait", type=decimal_number(0, 60000, "milliseconds"), metavar="MS",
                   help=f"serial: time a unit may take to start its reply (default {DEFAULT_REPLY_WAIT * 1000:.0f} ms); "
                        f"Modbus TCP: the wait per address (default {TCP_PROBE_WAIT * 1000:.0f} ms)")
    n.add_argument("--site", required=True, help='where: "DC Warsaw 2 / room B / rack A12"')
    n.add_argument("--customer", default="", help="the customer's name")
    n.add_argument("--engineer", default="", help="the engineer's name")
    n.add_argument("--profile", metavar="FILE",
                   help="a threshold profile to plan for every unit (a path relative to the plan file)")
    n.add_argument("--telnet", metavar="HOST[:PORT]",
                   help="read the firmware version from this Telnet CLI and plan it (and the host) for "
                        "--telnet-unit")
    n.add_argument("--telnet-unit", type=whole_number(0, 247, "a unit address"), metavar="N",
                   help="the unit whose Telnet CLI --telnet is (default: the master 0 over SNMP, else the "
                        "lowest address found)")
    n.add_argument("--user", default="admin", metavar="ACCOUNT",
                   help="Telnet account (default admin); the password comes from BPS_TELNET_PASSWORD, the "
                        "system keyring or a hidden prompt")
    n.add_argument("--timeout", type=positive_float, metavar="SECONDS",
                   help="how long a unit may take to answer a read (SNMP, Modbus TCP, Telnet)")
    n.add_argument("--output", "-o", metavar="FILE", help="write the plan to FILE instead of printing it")
    snmp = n.add_argument_group("SNMP (with --snmp; SNMPv3 keys come from BPS_SNMP_AUTH_KEY / "
                                "BPS_SNMP_PRIV_KEY or the system keyring, never from the command line or the plan)")
    snmp.add_argument("--snmp-version", choices=("1", "2c", "3"), default="2c", help="SNMP version (default 2c)")
    snmp.add_argument("--community", default="public", help="v1/v2c read community (default public)")
    snmp.add_argument("--v3-user", metavar="NAME", help="SNMPv3 user")
    snmp.add_argument("--v3-auth-proto", default="SHA", metavar="PROTO", help="SNMPv3 authentication (default SHA)")
    snmp.add_argument("--v3-priv-proto", default="AES", metavar="PROTO", help="SNMPv3 privacy (default AES)")
    snmp.add_argument("--v3-context", default="", metavar="NAME", help="SNMPv3 context name")
    n.set_defaults(func=run_new)

    c = psub.add_parser("check", help="check a plan and its profiles; print what it plans")
    c.add_argument("plan", metavar="PLAN.json")
    c.set_defaults(func=run_check)


class _Progress:
    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()

    def __call__(self, progress: Progress) -> None:
        if self.enabled:
            print(f"\r\x1b[KScanning {progress.text} ({progress.done}/{progress.total})", end="", file=sys.stderr,
                  flush=True)

    def end(self) -> None:
        if self.enabled:
            print("\r\x1b[K", end="", file=sys.stderr, flush=True)


def _snmp_link(args: argparse.Namespace) -> PlanLink:
    host, port = tcp_address(args.snmp, 161, option="--snmp")
    if args.snmp_version != "3":
        return PlanLink("snmp", host, port, timeout=args.timeout, snmp_version=args.snmp_version,
                        community=args.community)
    auth, priv = v3_protocols(args)
    return PlanLink("snmp", host, port, timeout=args.timeout, snmp_version="3", v3_user=args.v3_user,
                    v3_auth_proto=auth, v3_priv_proto=priv, v3_context=args.v3_context)


def _scan(args: argparse.Namespace, progress: _Progress) -> Survey:
    """What is on the link (as the plan will name it): a job on a network worker, waited for."""
    if args.serial:
        plan_link = PlanLink("serial", args.serial, bus=bus_settings(args))
        addresses = args.addresses or list(range(1, 33))
        wait = (args.reply_wait or DEFAULT_REPLY_WAIT * 1000) / 1000
    elif args.tcp:
        host, port = tcp_address(args.tcp)
        plan_link = PlanLink("tcp", host, port, timeout=args.timeout)
        addresses = args.addresses or list(range(1, 33))
        wait = (args.reply_wait or TCP_PROBE_WAIT * 1000) / 1000
    else:
        plan_link, addresses, wait = _snmp_link(args), [], 0.0
    try:  # the SNMPv3 keys are looked up (and prompted for) here, before the job
        handle = default_open_link(plan_link, _secret)
    except (secrets.SecretUnavailable, ValueError) as exc:
        raise UsageError(str(exc)) from None
    try:
        survey = run_job(survey_job(plan_link, handle, addresses, auto=bool(args.auto and args.serial),
                                    reply_wait=wait or None), name="plan", on_progress=progress)
    except JobFailed as exc:
        if exc.fault.kind is FaultKind.BAD_INPUT:
            raise UsageError(exc.fault.message) from None
        raise
    for address, error in survey.errors.items():
        print(f"address {address}: answered, but: {error}", file=sys.stderr)
    return survey


def _secret(kind: secrets.SecretKind, user: str, host: str) -> secrets.Secret:
    return secrets.lookup(kind, user=user, host=host)


def run_new(args: argparse.Namespace) -> int:
    if args.reply_wait is not None and not 1 <= args.reply_wait <= 5000:
        raise UsageError("--reply-wait must be 1..5000 ms")
    if args.snmp and args.addresses:
        raise UsageError("--addresses is for serial and Modbus TCP links: over SNMP the chain is 0 (master) and 1..5")
    progress = _Progress()
    try:
        survey = _scan(args, progress)
    except KeyboardInterrupt:
        progress.end()
        print("interrupted: no plan written", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        progress.end()
    link, found, conflicts = survey.link, list(survey.found), survey.conflicts
    for address in conflicts:
        print(f"address {address}: not planned: {CONFLICT_ADVICE.format(address=address)}", file=sys.stderr)
    if not found:
        print(f"error: no unit answered on {link.describe()}; no plan written", file=sys.stderr)
        return EXIT_FAILED
    firmware: dict[int, tuple[str, str | None]] = {}
    if args.telnet:
        unit = args.telnet_unit
        if unit is None:
            unit = 0 if link.kind == "snmp" else min(r.address for r in found)
        if unit not in {r.address for r in found}:
            raise UsageError(f"--telnet-unit {unit} was not found on {link.describe()}")
        look = run_job(lambda ctx: telnet_look(args.telnet, args.user, _secret, args.timeout or 5.0), name="telnet")
        if look.version is None:
            print(f"warning: firmware not read over Telnet ({look.error or 'no version in the banner'}); "
                  f"the plan gives the host only", file=sys.stderr)
        firmware[unit] = (args.telnet, look.version)
    plan = plan_from_found(found, link, site=args.site, customer=args.customer, engineer=args.engineer,
                           profile=args.profile, firmware=firmware)
    text = plan.to_json()
    if args.output:
        try:
            write_text_file(args.output, text)
        except OSError as exc:
            print(f"error: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_FAILED
        print(f"{len(found)} unit(s) found on {link.describe()}; plan written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
        print(f"{len(found)} unit(s) found on {link.describe()}", file=sys.stderr)
    return EXIT_OK


def describe_plan(plan: Any) -> str:
    lines = [f"Site: {plan.site or '-'}", f"Customer: {plan.customer or '-'}", f"Engineer: {plan.engineer or '-'}"]
    for index, link in enumerate(plan.links):
        units = plan.units_on(index)
        lines.append(f"Link {index}: {link.describe()}: {len(units)} unit(s) planned")
        for u in units:
            fields = []
            if u.phases is not None:
                fields.append(f"{'three' if u.phases == 3 else 'single'}-phase")
            if u.rating is not None:
                fields.append(f"{u.rating} A")
            if u.probes is not None:
                fields.append("probes: " + (", ".join(u.probes) or "none"))
            if u.profile:
                fields.append(f"profile {u.profile}")
            if u.firmware:
                fields.append(f"firmware {u.firmware}")
            if u.host:
                fields.append(f"Telnet {u.host}")
            if u.network is not None:
                net = u.network
                fields.append(f"network {net.address}/{net.prefix}"
                              + (f" via {net.gateway}" if net.gateway else "")
                              + (f", DNS {net.dns}" if net.dns else "")
                              + (f", HTTP port {net.http_port}" if net.http_port is not None else ""))
            if u.snmp_setup is not None and u.snmp_setup.to_dict():
                snmp = u.snmp_setup
                parts = ([f"agent {'on' if snmp.agent else 'off'}"] if snmp.agent is not None else []) \
                    + ([f"read community {snmp.read_community}"] if snmp.read_community else []) \
                    + ([f"trap 1 to {snmp.trap1}"] if snmp.trap1 else [])
                fields.append("SNMP " + ", ".join(parts))
            lines.append(f"  {u.label}: " + ("; ".join(fields) or "address only"))
    return "\n".join(lines)


def run_check(args: argparse.Namespace) -> int:
    try:
        plan = load_plan_file(args.plan)
        load_profiles(plan)
    except PlanError as exc:
        print(f"error: plan refused: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(describe_plan(plan))
    return EXIT_OK


__all__ = ["describe_plan", "register", "run_check", "run_new"]
