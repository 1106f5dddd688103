"""``bps-commissioner read``: one snapshot of units as tables or JSON, over Modbus (--tcp,
--serial) or SNMP (--snmp: a MASTER and its slaves; readings and sensors only)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Sequence

from bps_commissioner.cli.common import whole_number
from bps_commissioner.cli.common import EXIT_FAILED, EXIT_OK, UsageError, add_link_options, make_link
from bps_commissioner.device.decode import UnitReading
from bps_commissioner.device.registers import BY_KEY, MONITORED, PHASES, Section, quantities
from bps_commissioner.services.links import ConnectError, LinkError, ModbusLink, PortError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("read", help="read units' live values, sensors, thresholds and alarm states")
    add_link_options(p, snmp=True)
    p.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    add_snmp_options(p)
    p.set_defaults(func=run)


def read_units(link: ModbusLink, units: Sequence[int]) -> list[UnitReading | dict[str, Any]]:
    """Read each unit; a unit that fails becomes {"address": N, "error": "..."}."""
    results: list[UnitReading | dict[str, Any]] = []
    fatal: str | None = None
    for unit in units:
        if fatal is not None:  # the link cannot be opened at all: do not wait again per unit
            results.append({"address": unit, "error": fatal})
            continue
        try:
            results.append(link.read_unit(unit))
        except (PortError, ConnectError) as exc:
            fatal = str(exc)
            results.append({"address": unit, "error": fatal})
        except LinkError as exc:
            results.append({"address": unit, "error": str(exc)})
    return results


def _fmt(value: Any, unit: str = "", decimals: int = 0) -> str:
    """A value with the decimals its register carries (231.8 V, 0.03 A, 1800.120 kWh)."""
    if value is None:
        return "-"
    text = f"{value:.{decimals}f}" if isinstance(value, (int, float)) else str(value)
    return f"{text} {unit}".rstrip()


def format_unit(reading: UnitReading, thresholds: bool = True) -> str:
    """A readable table of one unit, built from the register table."""
    d = reading.to_dict()
    phases = PHASES[: d["phases"]]
    lines = [f"Unit {reading.address}: {'three' if d['phases'] == 3 else 'single'}-phase"]
    lines.append(f"  {'':<18}" + "".join(f"{p:>15}" for p in phases))
    for q in quantities(Section.READINGS):
        if q.group == "L1":
            cells = "".join(f"{_fmt(d['readings'][p].get(q.field), q.unit, q.decimals):>15}" for p in phases)
            lines.append(f"  {q.label:<18}{cells}")
    total = d["readings"]["total"]
    energy = BY_KEY["active_energy_total"]
    lines.append(f"  {'Total energy':<18}{_fmt(total.get('active_energy'), 'kWh', energy.decimals)}, "
                 f"{_fmt(total.get('apparent_energy'), 'kVAh', energy.decimals)}")
    lines.append("  Sensors:")
    for q in quantities(Section.SENSORS):
        value = d["sensors"].get(q.field)
        lines.append(f"    {q.label:<16}{'not connected' if value is None else _fmt(value, q.unit, q.decimals)}")
    if thresholds:
        lines.append("  Alarm thresholds and states:")
    for mon in MONITORED if thresholds else ():
        limits = d["thresholds"].get(mon.key, {})
        q = BY_KEY[mon.key + ".low"]
        low, high = _fmt(limits.get("low"), "", q.decimals), _fmt(limits.get("high"), "", q.decimals)
        state = d["alarms"].get(mon.key, "-")
        lines.append(f"    {mon.label:<16}{low:>7} .. {high:<7}{q.unit:<4}{state}")
    for fault in reading.faults:
        lines.append(f"  FAULT: {fault}")
    return "\n".join(lines)


def unit_json(result: UnitReading | dict[str, Any]) -> dict[str, Any]:
    return result.to_dict() if isinstance(result, UnitReading) else result


def run(args: argparse.Namespace) -> int:
    if args.snmp:
        return run_snmp(args)
    units = args.unit or args.units or [1]
    if 0 in units:
        raise UsageError("unit address 0 is outside the Modbus addresses 1..247 (0 is a master over SNMP: --snmp)")
    link = make_link(args)
    try:
        results = read_units(link, units)
    finally:
        link.close()
    failed = sum(isinstance(r, dict) for r in results)
    if args.json:
        print(json.dumps({"units": [unit_json(r) for r in results]}, indent=2, ensure_ascii=False))
    else:
        for r in results:
            print(format_unit(r) if isinstance(r, UnitReading) else f"Unit {r['address']}: ERROR: {r['error']}")
            print()
    if failed:
        print(f"{failed} of {len(results)} unit(s) could not be read.", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


# --- SNMP ----------------------------------------------------------------------------------

def add_snmp_options(p: argparse.ArgumentParser) -> None:
    from bps_commissioner.device.oids import V3_AUTH_PROTOCOLS, V3_PRIV_PROTOCOLS

    g = p.add_argument_group("SNMP (with --snmp; SNMPv3 keys come from BPS_SNMP_AUTH_KEY / BPS_SNMP_PRIV_KEY, "
                             "the system keyring or a hidden prompt, never from the command line)")
    g.add_argument("--snmp-version", choices=("1", "2c", "3"), default="2c", help="SNMP version (default 2c)")
    g.add_argument("--community", default="public", help="v1/v2c read community (default public)")
    g.add_argument("--v3-user", metavar="NAME", help="SNMPv3 user (account)")
    g.add_argument("--v3-auth-proto", default="SHA", metavar="PROTO",
                   help=f"SNMPv3 authentication: {', '.join(V3_AUTH_PROTOCOLS)} (default SHA)")
    g.add_argument("--v3-priv-proto", default="AES", metavar="PROTO",
                   help=f"SNMPv3 privacy: {', '.join(V3_PRIV_PROTOCOLS)} (default AES = AES-128)")
    g.add_argument("--v3-context", default="", metavar="NAME", help="SNMPv3 context name (default none)")
    g.add_argument("--retries", type=whole_number(0, 5, "a retry count"), default=1, metavar="N",
                   help="SNMP retries after a timeout (default 1)")
    g.add_argument("--snmp-scale", action="append", default=[], metavar="NAME=DIVISOR",
                   help="divisor for integer values of a quantity (default: its Modbus scale, e.g. "
                        "voltage=10); NAME is a quantity (voltage_l2) or a field (voltage); repeatable")
    g.add_argument("--save-secrets", action="store_true",
                   help="save SNMPv3 keys typed at the prompt in the system keyring after a successful read")


def v3_protocols(args: argparse.Namespace) -> tuple[str, str]:
    """The SNMPv3 (auth, priv) protocols of --v3-auth-proto / --v3-priv-proto, checked;
    needs --v3-user."""
    from bps_commissioner.device.oids import V3_AUTH_PROTOCOLS, V3_PRIV_PROTOCOLS, v3_protocol

    if not args.v3_user:
        raise UsageError("--snmp-version 3 needs --v3-user NAME")
    try:
        return (v3_protocol(args.v3_auth_proto, V3_AUTH_PROTOCOLS, "--v3-auth-proto"),
                v3_protocol(args.v3_priv_proto, V3_PRIV_PROTOCOLS, "--v3-priv-proto"))
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def snmp_credentials(args: argparse.Namespace, host: str) -> tuple[Any, list[tuple[Any, Any]]]:
    """SnmpCredentials from the options and the secret sources; also the (kind, Secret)
    pairs that came from the prompt, for --save-secrets."""
    from bps_commissioner.services import secrets
    from bps_commissioner.services.links import SnmpCredentials

    if args.snmp_version != "3":
        return SnmpCredentials(args.snmp_version, community=args.community), []
    auth, priv = v3_protocols(args)
    prompted = []
    keys: dict[str, str | None] = {"auth": None, "priv": None}
    for name, proto, kind in (("auth", auth, secrets.SNMP_AUTH_KEY), ("priv", priv, secrets.SNMP_PRIV_KEY)):
        if proto == "none":
            continue
        try:
            secret = secrets.lookup(kind, user=args.v3_user, host=host)
        except secrets.SecretUnavailable as exc:
            raise UsageError(str(exc)) from None
        keys[name] = secret.reveal()
        if secret.source == "prompt":
            prompted.append((kind, secret))
    try:
        return SnmpCredentials("3", user=args.v3_user, auth_protocol=auth, auth_key=keys["auth"],
                               priv_protocol=priv, priv_key=keys["priv"], context=args.v3_context), prompted
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def run_snmp(args: argparse.Namespace) -> int:
    from bps_commissioner.device.oids import CHAIN_ADDRESSES, parse_scale_overrides, unit_name
    from bps_commissioner.services import secrets
    from bps_commissioner.services.security import snmp_findings
    from bps_commissioner.services.endpoints import SNMP_PORT as DEFAULT_PORT
    from bps_commissioner.services.endpoints import parse_host
    from bps_commissioner.services.links import SNMP_DEFAULT_TIMEOUT as DEFAULT_TIMEOUT
    from bps_commissioner.services.links import SnmpLink

    try:
        host, port = parse_host(args.snmp, DEFAULT_PORT)
    except ValueError as exc:
        raise UsageError(f"--snmp: {exc}") from None
    asked = args.unit or args.units
    addresses = asked or list(CHAIN_ADDRESSES)
    bad = [a for a in addresses if a not in CHAIN_ADDRESSES]
    if bad:
        raise UsageError(f"over SNMP the units are 0 (master) and 1..5 (slaves), not {bad[0]}")
    try:
        scales = parse_scale_overrides(args.snmp_scale)
    except ValueError as exc:
        raise UsageError(f"--snmp-scale: {exc}") from None
    credentials, prompted = snmp_credentials(args, host)
    link = SnmpLink(host, port, credentials, timeout=args.timeout or DEFAULT_TIMEOUT, retries=args.retries,
                    scales=scales)
    try:
        chain = link.read_chain(addresses)
    finally:
        link.close()
    if args.save_secrets:
        for kind, secret in prompted:
            problem = secrets.save(kind, args.v3_user, host, secret)
            print(f"{kind.label} {'not saved: ' + problem if problem else 'saved in the system keyring'}.",
                  file=sys.stderr)
    findings = [] if not chain.units else snmp_findings(
        credentials.version, community=credentials.community, auth_protocol=credentials.auth_protocol,
        priv_protocol=credentials.priv_protocol)
    missing = list(chain.absent) if asked else []  # units asked for by --units that are not chained
    if args.json:
        print(json.dumps({"device_name": chain.device_name, "units": [u.to_dict() for u in chain.units],
                          "absent": list(chain.absent), "security": [f.to_dict() for f in findings]},
                         indent=2, ensure_ascii=False))
    else:
        print(f"{link.description}: device name {chain.device_name or '(none)'}")
        for reading in chain.units:
            print(f"{unit_name(reading.address).capitalize()} (unit {reading.address})")
            print(format_unit(reading, thresholds=False))
            print()
        if chain.absent:
            print("Not chained (no answer for their objects): " + ", ".join(unit_name(a) for a in chain.absent))
        for finding in findings:
            print(f"Security: {finding.line()}")
    if not chain.units:
        print(f"error: {link.description} answered, but none of the asked units' BPS2000v2 objects "
              f"(enterprise 47394): is it a BPS2000v2 master?", file=sys.stderr)
        return EXIT_FAILED
    if missing:
        print(f"{len(missing)} asked unit(s) not chained: {', '.join(unit_name(a) for a in missing)}",
              file=sys.stderr)
        return EXIT_FAILED
    faulty = [r for r in chain.units if r.faults]
    if faulty:  # a partial answer or a value the unit cannot measure: shown as faults, not values
        for reading in faulty:
            print(f"{unit_name(reading.address)}: {'; '.join(reading.faults)}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK
