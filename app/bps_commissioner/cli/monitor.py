"""``bps-commissioner monitor``: poll a chain continuously, one line per sweep.

Runs on the same worker and scheduler as the GUI (services.worker.LinkWorker), inside a
Qt Core event loop, so results arrive as queued signals exactly as the window gets them."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
from typing import Any

from bps_commissioner.cli.common import whole_number, decimal_number
from bps_commissioner.cli.common import EXIT_FAILED, EXIT_OK, UsageError, add_link_options, endpoint_of
from bps_commissioner.cli.trace import TraceWriter


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("monitor", help="poll units continuously, one line (or JSON line) per sweep")
    add_link_options(p)
    p.add_argument("--interval", type=decimal_number(0, 3600, "seconds"), default=1.0, metavar="SECONDS",
                   help="start a sweep every SECONDS (0: back to back; default 1)")
    p.add_argument("--count", type=whole_number(0, 10**9, "a sweep count"), default=0, metavar="N",
                   help="stop after N sweeps (0: until Ctrl-C)")
    p.add_argument("--trace", metavar="FILE", help="write every frame (time, direction, hex) to FILE")
    p.add_argument("--json", action="store_true", help="one JSON object per sweep and line")
    p.set_defaults(func=run)


def sweep_line(sweep: Any) -> str:
    stamp = time.strftime("%H:%M:%S", time.localtime(sweep.time))
    parts = []
    for r in sweep.results:
        if r.reading is None or r.error:
            parts.append(f"unit {r.address}: {r.state.upper()} {r.error}")
            continue
        d = r.reading.to_dict()
        phases = [p for p in ("L1", "L2", "L3") if p in d["readings"]]
        volts = "/".join(f"{d['readings'][p]['voltage']:.1f}" for p in phases)
        amps = "/".join(f"{d['readings'][p]['current']:.2f}" for p in phases)
        alarms = [k for k, v in d["alarms"].items() if v != "normal"]
        parts.append(f"unit {r.address}: {volts} V {amps} A" + (f" ALARM {','.join(alarms)}" if alarms else ""))
    return f"{stamp} sweep {sweep.number}: " + " | ".join(parts)


def run(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot

    from bps_commissioner.services.worker import LinkWorker

    if args.interval < 0 or args.interval > 3600:
        raise UsageError("--interval must be 0..3600 seconds")
    if args.count < 0:
        raise UsageError("--count must be 0 or more")
    units = args.unit or args.units or [1]
    endpoint = endpoint_of(args)
    app = QCoreApplication.instance() or QCoreApplication([])

    with TraceWriter.open(args.trace) as trace:

        class Receiver(QObject):
            def __init__(self) -> None:
                super().__init__()
                self.sweeps = 0
                self.last_failed = False

            @Slot(object)
            def on_sweep(self, sweep: Any) -> None:
                if args.count and self.sweeps >= args.count:
                    return  # sweeps queued before the loop stopped (quick failures): not asked for
                self.sweeps += 1
                self.last_failed = any(r.error for r in sweep.results)
                try:
                    print(json.dumps(sweep.to_dict(), ensure_ascii=False) if args.json else sweep_line(sweep),
                          flush=True)
                except BrokenPipeError:  # the reader went away (| head): stop quietly
                    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                    app.quit()
                if args.count and self.sweeps >= args.count:
                    app.quit()

            @Slot(str, str, object)
            def on_link(self, state: str, message: str, _fault: Any) -> None:
                if state == "lost":
                    print(f"link lost: {message}", file=sys.stderr, flush=True)
                elif state == "connected" and self.sweeps:
                    print(f"link back: {message}", file=sys.stderr, flush=True)

            @Slot(object)
            def on_frames(self, records: Any) -> None:
                for record in records:
                    trace.write(record)

        receiver = Receiver()
        worker = LinkWorker(endpoint, log_frames=args.trace is not None)
        worker.sweepFinished.connect(receiver.on_sweep)
        worker.linkStateChanged.connect(receiver.on_link)
        worker.framesLogged.connect(receiver.on_frames)
        worker.set_polling(units, args.interval)

        previous = signal.getsignal(signal.SIGINT)
        signal.signal(signal.SIGINT, lambda *_: app.quit())
        wake = QTimer()  # lets Python run its signal handler while Qt's loop waits
        wake.timeout.connect(lambda: None)
        wake.start(200)
        worker.start()
        try:
            app.exec()
        finally:
            wake.stop()
            signal.signal(signal.SIGINT, previous)
            if not worker.stop(5.0):
                print("warning: the link's worker did not stop within 5 s", file=sys.stderr)
            app.processEvents()  # deliver the last queued frames to the trace
    return EXIT_FAILED if receiver.last_failed else EXIT_OK
