"""``bps-commissioner``: headless commands over transport/ (and later services/).

Every failure a user can meet ends as a message on stderr and a non-zero exit code, never a
traceback: 0 = all went well, 1 = a unit or link failed, 2 = bad command-line input,
130 = interrupted.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from typing import Any, Callable, Sequence

from bps_commissioner import __version__
from bps_commissioner.device.bus import BAUD_RATES, PARITIES, BusSettings, parse_units
from bps_commissioner.device.decode import UnitReading
from bps_commissioner.device.registers import BY_KEY, MONITORED, PHASES, Section, quantities
from bps_commissioner.transport.errors import ConnectError, LinkError, PortError
from bps_commissioner.transport.modbus import MAX_READ_COUNT, ModbusLink
from bps_commissioner.transport.rtu import DEFAULT_REPLY_TIMEOUT, RtuLink
from bps_commissioner.transport.tcp import DEFAULT_TIMEOUT, TcpLink, parse_host

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    """Bad input on the command line: reported with exit code 2, nothing done."""


# -- argument types ----------------------------------------------------------------------------

def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value <= 600:
        raise argparse.ArgumentTypeError(f"{text} s is outside 0..600 s")
    return value


def _block_size(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= MAX_READ_COUNT:
        raise argparse.ArgumentTypeError(f"block size {text!r} must be a whole number from 1 to {MAX_READ_COUNT}")
    return int(text)


def _units(text: str) -> list[int]:
    try:
        units = parse_units(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return units


def _add_link_options(p: argparse.ArgumentParser, *, multi_unit: bool = True) -> None:
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--tcp", metavar="HOST[:PORT]", help="Modbus TCP host (default port 502)")
    where.add_argument("--serial", metavar="PORT", help="serial port of the USB-RS485 adapter (COM5, /dev/ttyUSB0)")
    p.add_argument("--baud", type=int, default=9600, choices=BAUD_RATES, help="serial baud rate (default 9600)")
    p.add_argument("--parity", default="N", choices=PARITIES, type=str.upper, help="serial parity (default N)")
    p.add_argument("--stopbits", type=int, default=1, choices=(1, 2), help="serial stop bits (default 1)")
    p.add_argument("--timeout", type=_positive_float, metavar="SECONDS",
                   help=f"how long a unit may take to answer (default {DEFAULT_REPLY_TIMEOUT:g} s on serial, "
                        f"{DEFAULT_TIMEOUT:g} s on TCP)")
    p.add_argument("--block-size", type=_block_size, default=MAX_READ_COUNT, metavar="N",
                   help="largest register count per read request; halved automatically when the unit "
                        f"refuses (default {MAX_READ_COUNT})")
    if multi_unit:
        units = p.add_mutually_exclusive_group()
        units.add_argument("--units", type=_units, metavar="LIST", help="unit addresses, e.g. 1,2,5-8 (default 1)")
        units.add_argument("--unit", type=_units, metavar="N", help="one unit address")


def make_link(args: argparse.Namespace) -> ModbusLink:
    if args.tcp:
        try:
            host, port = parse_host(args.tcp)
        except ValueError as exc:
            raise UsageError(f"--tcp: {exc}") from None
        return TcpLink(host, port, timeout=args.timeout or DEFAULT_TIMEOUT, block_size=args.block_size)
    settings = BusSettings(args.baud, args.parity, args.stopbits)
    return RtuLink(args.serial, settings, timeout=args.timeout or DEFAULT_REPLY_TIMEOUT,
                   block_size=args.block_size)


# -- read --------------------------------------------------------------------------------------

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


def _fmt(value: Any, unit: str = "") -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        text = f"{value:g}" if abs(value) >= 1e5 else f"{value:.2f}".rstrip("0").rstrip(".")
    else:
        text = str(value)
    return f"{text} {unit}".rstrip() if unit else text


def format_unit(reading: UnitReading) -> str:
    """A readable table of one unit, built from the register table."""
    d = reading.to_dict()
    phases = PHASES[: d["phases"]]
    lines = [f"Unit {reading.address}: {'three' if d['phases'] == 3 else 'single'}-phase"]
    fields = [q for q in quantities(Section.READINGS) if q.group == "L1"]
    lines.append(f"  {'':<18}" + "".join(f"{p:>14}" for p in phases))
    for q in fields:
        cells = "".join(f"{_fmt(d['readings'][p].get(q.field), q.unit):>14}" for p in phases)
        lines.append(f"  {q.label:<18}{cells}")
    total = d["readings"]["total"]
    lines.append(f"  {'Total energy':<18}{_fmt(total.get('active_energy'), 'kWh')}, "
                 f"{_fmt(total.get('apparent_energy'), 'kVAh')}")
    lines.append("  Sensors:")
    for q in quantities(Section.SENSORS):
        value = d["sensors"].get(q.field)
        shown = "not connected" if value is None else _fmt(value, q.unit)
        lines.append(f"    {q.label:<16}{shown}")
    lines.append("  Alarm thresholds and states:")
    for mon in MONITORED:
        limits = d["thresholds"].get(mon.key, {})
        state = d["alarms"].get(mon.key, "-")
        low = _fmt(limits.get("low"))
        high = _fmt(limits.get("high"))
        lines.append(f"    {mon.label:<16}{low:>7} .. {high:<7}{BY_KEY[mon.key + '.low'].unit:<4}{state}")
    for fault in reading.faults:
        lines.append(f"  FAULT: {fault}")
    return "\n".join(lines)


def cmd_read(args: argparse.Namespace) -> int:
    units = args.unit or args.units or [1]
    link = make_link(args)
    try:
        results = read_units(link, units)
    finally:
        link.close()
    failed = any(isinstance(r, dict) for r in results)
    if args.json:
        doc = {"units": [r.to_dict() if isinstance(r, UnitReading) else r for r in results]}
        print(json.dumps(doc, indent=2, ensure_ascii=False))
    else:
        for r in results:
            if isinstance(r, UnitReading):
                print(format_unit(r))
            else:
                print(f"Unit {r['address']}: ERROR: {r['error']}")
            print()
    if failed:
        n = sum(isinstance(r, dict) for r in results)
        print(f"{n} of {len(results)} unit(s) could not be read.", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


# -- simulate ----------------------------------------------------------------------------------

def _wait_for_stop(stop: threading.Event, duration: float | None) -> None:
    def handler(signum: int, frame: Any) -> None:
        stop.set()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, handler)
    stop.wait(duration)


def cmd_simulate(args: argparse.Namespace) -> int:
    from bps_commissioner import simulator

    if not args.tcp and not args.rtu:
        raise UsageError("simulate needs --tcp HOST:PORT and/or --rtu PATH")
    chain = simulator.build_chain(args.units, seed=args.seed)
    servers: list[Any] = []
    try:
        if args.tcp:
            try:
                host, port = parse_host(args.tcp, default_port=502)
            except ValueError as exc:
                raise UsageError(f"--tcp: {exc}") from None
            tcp = simulator.TcpSimulator(chain, host, port)
            tcp.start()
            servers.append(tcp)
            print(f"Modbus TCP simulator on {host}:{tcp.port}, units {_unit_list(args.units)}", flush=True)
        if args.rtu:
            if sys.platform == "win32":
                raise UsageError("--rtu needs a POSIX system (pseudo-terminals); use --tcp on Windows")
            try:
                settings = _parse_bus(args.bus)
            except ValueError as exc:
                raise UsageError(f"--bus: {exc}") from None
            rtu = simulator.RtuSimulator(chain, args.rtu, settings, turnaround=args.turnaround / 1000)
            rtu.start()
            servers.append(rtu)
            print(f"Modbus RTU simulator on {args.rtu} at {settings}, units {_unit_list(args.units)}", flush=True)
        _wait_for_stop(threading.Event(), args.duration)
    except OSError as exc:
        print(f"error: the simulator could not start: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        for server in reversed(servers):
            server.stop()
    return EXIT_OK


def _unit_list(units: Sequence[int]) -> str:
    return ",".join(map(str, units))


def _parse_bus(text: str) -> BusSettings:
    """``9600,N,1`` -> BusSettings."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 3 or not parts[0].isdigit() or not parts[2].isdigit():
        raise ValueError(f"{text!r} is not BAUD,PARITY,STOPBITS such as 9600,N,1")
    return BusSettings(int(parts[0]), parts[1].upper(), int(parts[2]))


# -- entry point -------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bps-commissioner",
        description="Commission chains of BKT BPS2000v2 PDUs over Modbus RTU/TCP.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("read", help="read units' live values, sensors, thresholds and alarm states")
    _add_link_options(p)
    p.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    p.set_defaults(func=cmd_read)

    p = sub.add_parser("simulate", help="run the built-in simulator of a BPS2000v2 chain")
    p.add_argument("--tcp", metavar="HOST:PORT", help="serve Modbus TCP (port 0 picks a free one)")
    p.add_argument("--rtu", metavar="PATH", help="serve Modbus RTU on a pseudo-terminal linked at PATH (POSIX)")
    p.add_argument("--bus", default="9600,N,1", metavar="BAUD,PARITY,STOP",
                   help="the simulated RS485 bus settings (default 9600,N,1)")
    p.add_argument("--units", type=_units, default=[1, 2, 3, 4], metavar="LIST",
                   help="unit addresses; a repeated address (5,5,9) puts two units on one address")
    p.add_argument("--turnaround", type=float, default=5.0, metavar="MS",
                   help="the units' reply turnaround in milliseconds (default 5)")
    p.add_argument("--seed", type=int, default=None, help="random seed for repeatable values")
    p.add_argument("--duration", type=_positive_float, default=None, metavar="SECONDS",
                   help="stop after this long (default: until Ctrl-C)")
    p.set_defaults(func=cmd_simulate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.func(args)
    except UsageError as exc:
        parser.error(str(exc))  # exits with 2
        return EXIT_USAGE
    except ValueError as exc:  # a setting the unit does not support
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except LinkError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
