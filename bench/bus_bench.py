"""Bus benchmarks of the service-layer issue: scan times and polling efficiency on RS485.

Runs the built-in simulator on a pseudo-terminal with wire timing (5 ms turnaround) and
prints figures; it asserts nothing. POSIX only. Usage:

    python bench/bus_bench.py [--quick] [--no-compare]

Bus efficiency, as the issue defines it: for every transaction, the time its request and
reply bytes take on the wire at the baud rate, plus the unit's turnaround, plus the two
mandatory 3.5-character silences; summed, divided by the elapsed time. Elapsed time is taken
on the simulator's side of the wire, so every client is measured the same way: the sum of
the transactions' own durations (request arrival to reply delivery) and of the gaps between
them. A client that keeps exactly one t3.5 between a reply and its next request scores a
little above 1 by this definition; "strict" below counts one silence per transaction, whose
ceiling is 1.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from bps_commissioner.device.bus import BusSettings
from bps_commissioner.services.endpoints import SerialEndpoint
from bps_commissioner.services.scan import Scanner, auto_candidates
from bps_commissioner.simulator import RtuSimulator, build_chain
from bps_commissioner.transport.rtu import RtuLink

from machine import machine  # bench/machine.py, beside this script

TURNAROUND = 0.005
CLI = [sys.executable, "-m", "bps_commissioner"]


def timed_cli(args: list[str]) -> tuple[float, dict]:
    start = time.perf_counter()
    res = subprocess.run(CLI + args, capture_output=True, text=True, timeout=900)
    elapsed = time.perf_counter() - start
    doc = json.loads(res.stdout) if res.stdout.strip().startswith("{") else {}
    return elapsed, doc


def efficiency(sim: RtuSimulator, sizes: list[tuple[int, int]]) -> tuple[float, float, int]:
    """(efficiency, strict efficiency, silence violations) from the simulator's statistics.

    ``sizes``: (request bytes, reply bytes) of every transaction since the last reset."""
    stats = sim.stats
    bus = sim.bus
    n = min(stats.replies, len(sizes))
    wire = [bus.wire_time(q + r) + TURNAROUND for q, r in sizes[:n]]
    gaps = list(stats.gaps)[-(n - 1):] if n > 1 else []  # the gaps between these n transactions
    lateness = list(stats.lateness)[-n:]
    elapsed = sum(wire) + sum(lateness) + sum(gaps)
    useful = sum(w + 2 * bus.silence for w in wire)
    strict = sum(w + bus.silence for w in wire)
    return useful / elapsed, strict / elapsed, stats.silence_violations


def bench_ours(sim: RtuSimulator, units: list[int], rounds: int) -> tuple[float, float, int]:
    sim.reset_stats()
    sizes = []
    with RtuLink(sim.link) as link:
        for _ in range(rounds):
            for u in units:
                link.read_registers(u, 0, 63)
                sizes.append((8, 5 + 2 * 63))
    return efficiency(sim, sizes)


def bench_worker(sim: RtuSimulator, units: list[int], seconds: float) -> tuple[float, float, int, float]:
    """The real poll of the GUI and `monitor`: LinkWorker sweeping back to back."""
    from PySide6.QtCore import QCoreApplication

    from bps_commissioner.services.worker import LIVE_SPANS, LinkWorker

    app = QCoreApplication.instance() or QCoreApplication([])
    worker = LinkWorker(SerialEndpoint(sim.link), log_frames=False)
    sweeps = []
    worker.sweepFinished.connect(lambda s: sweeps.append(s))
    worker.set_polling(units, 0)
    worker.start()
    deadline = time.monotonic() + 1.0  # first sweep also reads thresholds: skip it
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    sim.reset_stats()
    n0 = len(sweeps)
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        app.processEvents()
        time.sleep(0.01)
    worker.stop(5)
    app.processEvents()
    stats = sim.stats
    per_unit = [(8, 5 + 2 * count) for _, count in LIVE_SPANS]
    sizes = per_unit * (stats.replies // len(per_unit) + 1)
    eff, strict, violations = efficiency(sim, sizes[: stats.replies])
    rate = (len(sweeps) - n0) * len(units) / seconds
    return eff, strict, violations, rate


def bench_pymodbus(sim: RtuSimulator, units: list[int], rounds: int) -> tuple[float, float, int] | None:
    try:
        from pymodbus.client import ModbusSerialClient
    except ImportError:
        return None
    import pymodbus

    sim.reset_stats()
    sizes = []
    client = ModbusSerialClient(port=sim.link, baudrate=9600)  # as shipped: default timeouts
    client.connect()
    try:
        for _ in range(rounds):
            for u in units:
                client.read_holding_registers(0, count=63, device_id=u)
                sizes.append((8, 5 + 2 * 63))
    finally:
        client.close()
    print(f"    (pymodbus {pymodbus.__version__})")
    return efficiency(sim, sizes)


def bench_pymodbus_silent_address(sim: RtuSimulator) -> float | None:
    try:
        from pymodbus.client import ModbusSerialClient
    except ImportError:
        return None
    client = ModbusSerialClient(port=sim.link, baudrate=9600)
    client.connect()
    start = time.perf_counter()
    try:
        client.read_holding_registers(0, count=3, device_id=200)
    except Exception:  # pymodbus raises ModbusIOException after its retries
        pass
    finally:
        client.close()
    return time.perf_counter() - start


def bench_mbpoll(sim: RtuSimulator, units: list[int], seconds: float, once: bool) -> tuple[float, float, int] | None:
    exe = shutil.which("mbpoll")
    if exe is None:
        return None
    sim.reset_stats()
    args = [exe, "-m", "rtu", "-b", "9600", "-P", "none", "-a", ",".join(map(str, units)), "-r", "1",
            "-c", "63", "-o", "1"]
    if once:
        subprocess.run(args + ["-1", sim.link], capture_output=True, timeout=60)
    else:
        proc = subprocess.Popen(args + ["-l", "10", sim.link], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(seconds)
        proc.terminate()
        proc.wait(10)
    stats = sim.stats
    return efficiency(sim, [(8, 5 + 2 * 63)] * stats.replies)


def silent_probe_cost(tmp: str, baud: int, addresses: int) -> float:
    """Seconds one bus setting costs --auto when nothing answers at it."""
    sim = RtuSimulator(build_chain([1]), os.path.join(tmp, f"tty-{baud}"), BusSettings(9600 if baud != 9600 else 19200)).start()
    try:
        with RtuLink(sim.link, BusSettings(baud)) as link:
            start = time.perf_counter()
            Scanner(link).detect(list(range(1, addresses + 1)), [BusSettings(baud)])
            return time.perf_counter() - start
    finally:
        sim.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds, skip the 1..247 scan")
    parser.add_argument("--no-compare", action="store_true", help="skip pymodbus and mbpoll")
    args = parser.parse_args()
    rounds = 3 if args.quick else 10
    print(f"machine: {machine()}")
    print(f"date: {time.strftime('%Y-%m-%d')}")
    with tempfile.TemporaryDirectory() as tmp:
        link = os.path.join(tmp, "tty")
        units3 = [3, 11, 27]
        with RtuSimulator(build_chain(units3, seed=1), link, BusSettings(), turnaround=TURNAROUND):
            t, doc = timed_cli(["scan", "--serial", link, "--addresses", "1-32", "--json"])
            print(f"scan 1..32 at 9600 8N1, 3 units, whole command: {t:.2f} s "
                  f"(found {[u['address'] for u in doc.get('found', [])]})   target <= 4 s")
            if not args.quick:
                t, doc = timed_cli(["scan", "--serial", link, "--addresses", "1-247", "--json"])
                print(f"scan 1..247 at 9600 8N1, whole command: {t:.2f} s "
                      f"(found {[u['address'] for u in doc.get('found', [])]})   target <= 30 s")

        with RtuSimulator(build_chain(units3, seed=1), link, BusSettings(38400, "N", 2), turnaround=TURNAROUND):
            t, doc = timed_cli(["scan", "--serial", link, "--auto", "--addresses", "1-32", "--json"])
            print(f"scan --auto 1..32, bus at 38400 2 stop bits, whole command: {t:.2f} s "
                  f"(detected {doc.get('settings')})")
        costs = {b: silent_probe_cost(tmp, b, 32) for b in (4800, 9600, 19200, 38400)}
        candidates = auto_candidates()
        assert (candidates[-1].baud, candidates[-1].parity, candidates[-1].stopbits) == (38400, "O", 2)
        # the 23 settings before the last, then the last one's own scan of 1..32 (at most one
        # silent pass plus the confirmations: bounded by one more silent pass at 38400)
        worst = sum(costs[c.baud] for c in candidates[:-1]) + 2 * costs[38400]
        print(f"  per setting with no unit answering, 32 addresses: "
              + ", ".join(f"{b}: {c:.2f} s" for b, c in costs.items()))
        print(f"scan --auto worst case (38400 O 2 last, 1..32): {worst:.1f} s: rejecting the 23 settings "
              f"before it, then its own scan (a pty cannot carry parity, so this is summed from the measured "
              f"per-setting cost)   target <= 90 s")

        units8 = list(range(1, 9))
        with RtuSimulator(build_chain(units8, seed=2), link, BusSettings(), turnaround=TURNAROUND) as sim:
            eff, strict, viol = bench_ours(sim, units8, rounds)
            print(f"efficiency, 8 units back to back at 9600, FC03 x 63 registers, BPS Commissioner RtuLink: "
                  f"{eff:.4f} (strict {strict:.4f}), requests sooner than t3.5: {viol}   target >= 0.995, 0")
            eff, strict, viol, rate = bench_worker(sim, units8, 5 if args.quick else 10)
            print(f"efficiency, the same bus polled by LinkWorker (live values + alarm states per unit): "
                  f"{eff:.4f} (strict {strict:.4f}), t3.5 violations: {viol}, {rate:.1f} unit polls/s")
            if not args.no_compare:
                r = bench_pymodbus(sim, units8, rounds)
                if r:
                    print(f"  pymodbus sync client as shipped: {r[0]:.4f} (strict {r[1]:.4f}), t3.5 violations: {r[2]}")
                r = bench_mbpoll(sim, units8, 0, once=True)
                if r:
                    print(f"  mbpoll one-shot (-1): {r[0]:.4f} (strict {r[1]:.4f}), t3.5 violations: {r[2]}")
                r = bench_mbpoll(sim, units8, 5 if args.quick else 10, once=False)
                if r:
                    print(f"  mbpoll polling (-l 10): {r[0]:.4f} (strict {r[1]:.4f}), t3.5 violations: {r[2]}")
                t = bench_pymodbus_silent_address(sim)
                if t is not None:
                    print(f"  pymodbus as shipped, one silent address: {t:.1f} s "
                          f"(a scan of 1..32 with 3 units: ~{t * 29:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
