"""``bps-commissioner scan``: which units answer on an RS485 bus, at which settings."""

from __future__ import annotations

import argparse
import json
import sys
import time

from PySide6.QtCore import Qt

from bps_commissioner.cli.common import decimal_number
from bps_commissioner.cli.common import (
    EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, UsageError, add_bus_options, bus_settings, unit_list,
)
from bps_commissioner.cli.trace import TraceWriter
from bps_commissioner.services.endpoints import SerialEndpoint
from bps_commissioner.services.jobs import JobFailed, wait_job
from bps_commissioner.services.scan import CONFLICT_ADVICE, DEFAULT_REPLY_WAIT, ScanResult, scan_job, summary
from bps_commissioner.services.worker import LinkWorker


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("scan", help="find the units on an RS485 bus (and its settings with --auto)")
    p.add_argument("--serial", metavar="PORT", required=True, help="serial port of the USB-RS485 adapter")
    add_bus_options(p)
    p.add_argument("--auto", action="store_true",
                   help="detect baud rate, parity and stop bits (factory 9600 8N1 first)")
    p.add_argument("--addresses", type=unit_list, metavar="LIST",
                   help="addresses to try (default 1-247; with --auto 1-32)")
    p.add_argument("--reply-wait", type=decimal_number(1, 5000, "milliseconds"),
                   default=DEFAULT_REPLY_WAIT * 1000, metavar="MS",
                   help="time a unit may take to start its reply, on top of the bytes' wire time "
                        f"(default {DEFAULT_REPLY_WAIT * 1000:.0f} ms); raise it if scan misses a unit "
                        "that read finds")
    p.add_argument("--trace", metavar="FILE", help="write every frame (time, direction, hex) to FILE")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


class _TerminalProgress:
    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self._last = 0.0

    def __call__(self, text: str, done: int, total: int) -> None:
        now = time.monotonic()
        if self.enabled and (now - self._last > 0.1 or done == total):
            self._last = now
            print(f"\r\x1b[KScanning {text} ({done}/{total})", end="", file=sys.stderr, flush=True)

    def end(self) -> None:
        if self.enabled:
            print("\r\x1b[K", end="", file=sys.stderr, flush=True)


def _print_text(result: ScanResult) -> None:
    if result.settings is None:
        print("No unit answered at any bus setting. Check the wiring (A/B swapped?), the adapter "
              "and that the units are powered.")
        return
    print(f"Bus {result.settings}: {len(result.found)} unit(s) found in {result.elapsed_s:.1f} s")
    for r in result.found:
        s = summary(r)
        volts = "/".join(f"{v:.1f}" for v in s["voltage"])
        probes = ", ".join(s["probes"]) or "none"
        alarms = ", ".join(f"{k} {v}" for k, v in s["alarms"].items())
        print(f"  address {s['address']:>3}: {'three' if s['phases'] == 3 else 'single'}-phase, "
              f"{volts} V, probes: {probes}" + (f", ALARM: {alarms}" if alarms else ""))
    for address, error in result.errors:
        print(f"  address {address:>3}: answered, but: {error}")
    for address in result.conflicts:
        print(f"  address {address:>3}: CONFLICT. {CONFLICT_ADVICE.format(address=address)}")


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.reply_wait <= 5000:
        raise UsageError("--reply-wait must be 1..5000 ms")
    addresses = args.addresses or list(range(1, 33 if args.auto else 248))
    progress = _TerminalProgress()
    cancelled = False
    # the same job as the window's Scan dialog, on a link worker that owns the port
    worker = LinkWorker(SerialEndpoint(args.serial, bus_settings(args)), log_frames=args.trace is not None)
    with TraceWriter.open(args.trace) as trace:
        worker.framesLogged.connect(lambda frames: [trace.write(f) for f in frames], Qt.ConnectionType.DirectConnection)
        worker.start()
        try:
            job = scan_job(list(addresses), None, args.auto, args.reply_wait / 1000)
            outcome = wait_job(worker, job, on_progress=lambda p: progress(p.text, p.done, p.total))
        except KeyboardInterrupt:
            cancelled = True
            outcome = None
        finally:
            worker.stop(5.0)
            progress.end()
    if outcome is None:
        result = ScanResult(bus_settings(args), cancelled=True)
    elif outcome.fault is not None:
        raise JobFailed(outcome.fault)
    else:
        result = outcome.value
        cancelled = cancelled or result.cancelled
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        _print_text(result)
    for address in result.conflicts:
        print(CONFLICT_ADVICE.format(address=address), file=sys.stderr)
    if cancelled:
        return EXIT_INTERRUPTED
    return EXIT_OK if result.settings is not None else EXIT_FAILED
