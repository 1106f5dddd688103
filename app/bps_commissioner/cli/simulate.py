"""``bps-commissioner simulate``: the built-in simulated chain on real wire protocols."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from typing import Any

from bps_commissioner.cli.common import EXIT_FAILED, EXIT_OK, UsageError, positive_float, tcp_address, unit_list
from bps_commissioner.device.bus import BusSettings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("simulate", help="run the built-in simulator of a BPS2000v2 chain")
    p.add_argument("--tcp", metavar="HOST:PORT", help="serve Modbus TCP (port 0 picks a free one)")
    p.add_argument("--rtu", metavar="PATH", help="serve Modbus RTU on a pseudo-terminal linked at PATH (POSIX)")
    p.add_argument("--bus", default="9600,N,1", metavar="BAUD,PARITY,STOP",
                   help="the simulated RS485 bus settings (default 9600,N,1)")
    p.add_argument("--units", type=unit_list, default=[1, 2, 3, 4], metavar="LIST",
                   help="unit addresses; a repeated address (5,5,9) puts two units on one address")
    p.add_argument("--turnaround", type=float, default=5.0, metavar="MS",
                   help="the units' reply turnaround in milliseconds (default 5)")
    p.add_argument("--seed", type=int, default=None, help="random seed for repeatable values")
    p.add_argument("--duration", type=positive_float, default=None, metavar="SECONDS",
                   help="stop after this long (default: until Ctrl-C)")
    p.set_defaults(func=run)


def parse_bus(text: str) -> BusSettings:
    """``9600,N,1`` -> BusSettings."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 3 or not parts[0].isdigit() or not parts[2].isdigit():
        raise UsageError(f"--bus: {text!r} is not BAUD,PARITY,STOPBITS such as 9600,N,1")
    try:
        return BusSettings(int(parts[0]), parts[1].upper(), int(parts[2]))
    except ValueError as exc:
        raise UsageError(f"--bus: {exc}") from None


def _wait_for_stop(duration: float | None) -> None:
    stop = threading.Event()

    def handler(signum: int, frame: Any) -> None:
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, handler)
    stop.wait(duration)


def run(args: argparse.Namespace) -> int:
    from bps_commissioner import simulator

    if not args.tcp and not args.rtu:
        raise UsageError("simulate needs --tcp HOST:PORT and/or --rtu PATH")
    if args.rtu and sys.platform == "win32":
        raise UsageError("--rtu needs pseudo-terminals (Linux, macOS); use --tcp on Windows")
    if not 0 <= args.turnaround <= 1000:
        raise UsageError("--turnaround must be 0..1000 ms")
    settings = parse_bus(args.bus)
    units = ",".join(map(str, args.units))
    chain = simulator.build_chain(args.units, seed=args.seed)
    servers: list[Any] = []
    try:
        if args.tcp:
            host, port = tcp_address(args.tcp)
            tcp = simulator.TcpSimulator(chain, host, port)
            tcp.start()
            servers.append(tcp)
            print(f"Modbus TCP simulator on {host}:{tcp.port}, units {units}", flush=True)
        if args.rtu:
            rtu = simulator.RtuSimulator(chain, args.rtu, settings, turnaround=args.turnaround / 1000)
            rtu.start()
            servers.append(rtu)
            print(f"Modbus RTU simulator on {args.rtu} at {settings}, units {units}", flush=True)
        _wait_for_stop(args.duration)
    except OSError as exc:
        print(f"error: the simulator could not start: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        for server in reversed(servers):
            server.stop()
    return EXIT_OK
