"""``bps-commissioner read``: one snapshot of units as tables or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Sequence

from bps_commissioner.cli.common import EXIT_FAILED, EXIT_OK, add_link_options, make_link
from bps_commissioner.device.decode import UnitReading
from bps_commissioner.device.registers import BY_KEY, MONITORED, PHASES, Section, quantities
from bps_commissioner.transport.errors import ConnectError, LinkError, PortError
from bps_commissioner.transport.modbus import ModbusLink


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("read", help="read units' live values, sensors, thresholds and alarm states")
    add_link_options(p)
    p.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
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


def format_unit(reading: UnitReading) -> str:
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
    lines.append("  Alarm thresholds and states:")
    for mon in MONITORED:
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
    units = args.unit or args.units or [1]
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
