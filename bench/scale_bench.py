"""Scale benchmark (issue 14, item 7): one worker per link carrying a data-centre row.

40 networked masters (Modbus TCP links to the simulator) of 6 units each, 240 units polled
at 1 Hz by the main window (one LinkWorker per link), with the 8-hour plots of one unit on
screen and 8 hours of history pre-filled for every unit. Prints, over ``--duration``
seconds of polling (after ``--warmup`` seconds to connect and read the thresholds):

1. GUI-thread lateness of a 10 ms timer: p50 / p99 / max (as bench/gui_bench.py);
2. resident memory (VmRSS, peak VmHWM) of the window's process;
3. achieved unit polls per second across all links (readings that arrived in the window);
4. CPU time (user + sys) per second of wall-clock polling, of the window's process (and of
   its GUI thread and its link workers apart) and of the simulator's process;
5. thread counts of both processes.

The simulator is one process of its own hosting ``--masters`` Modbus TCP servers on
127.0.0.1 (port 0: free ports), each with a chain of ``--units`` units, as the masters of a
real row are outside the GUI's process. Loopback only; the run stops by itself (the
simulator also ends when this script's pipe to it closes, or after a hard limit).

    python bench/scale_bench.py [--duration 60] [--masters 40] [--units 6] [--xcb]
                                [--no-frame-log] [--profile FILE]

``--xcb`` draws on the X server of $DISPLAY (e.g. under ``xvfb-run -a -s "-screen 0
1366x768x24"``); otherwise ``QT_QPA_PLATFORM=offscreen``. ``--no-frame-log`` runs the
link manager without the raw frame log (what it costs); ``--profile FILE`` runs cProfile
on the GUI thread during the measurement and prints its top functions. Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gui_bench import proc_status  # noqa: E402  (bench/gui_bench.py: /proc/self/status in MB)
from machine import machine  # noqa: E402  (bench/machine.py)

MASTERS = 40
UNITS = 6
CLK_TCK = os.sysconf("SC_CLK_TCK")


# --- /proc figures ------------------------------------------------------------------------

def proc_cpu(pid: int | str = "self") -> float:
    """user + sys CPU seconds of a whole process (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime (fields 14, 15)


def thread_cpu(pid: int | str = "self") -> dict[int, tuple[str, float]]:
    """Per thread of a process: tid -> (name, user + sys CPU seconds)."""
    out = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            text = (task / "stat").read_text()
        except OSError:  # the thread ended meanwhile
            continue
        name = text[text.index("(") + 1:text.rindex(")")]
        fields = text.rsplit(")", 1)[1].split()
        out[int(task.name)] = (name, (int(fields[11]) + int(fields[12])) / CLK_TCK)
    return out


def threads(pid: int | str = "self") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Threads:"):
            return int(line.split()[1])
    return -1


def percentile(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


# --- the simulator process ----------------------------------------------------------------

def serve(masters: int, units: int, limit: float) -> int:
    """In the simulator's process: ``masters`` Modbus TCP servers on loopback, each with a
    chain of ``units`` units; prints their ports as JSON, then serves until stdin closes,
    SIGTERM, or ``limit`` seconds."""
    from bps_commissioner import simulator

    servers = []
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        for i in range(masters):
            chain = simulator.build_chain(range(1, units + 1), seed=i + 1)
            servers.append(simulator.TcpSimulator(chain, "127.0.0.1", 0).start())
        print(json.dumps([s.port for s in servers]), flush=True)

        def watch_stdin() -> None:
            sys.stdin.read()  # EOF: the benchmark has gone
            stop.set()

        threading.Thread(target=watch_stdin, daemon=True).start()
        stop.wait(limit)
    finally:
        for s in servers:
            s.stop()
    return 0


def start_simulator(masters: int, units: int, limit: float) -> tuple[subprocess.Popen, list[int]]:
    sim = subprocess.Popen([sys.executable, __file__, "--serve", "--masters", str(masters), "--units", str(units),
                            "--limit", str(limit)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    ready, _, _ = select.select([sim.stdout], [], [], 60)
    line = sim.stdout.readline() if ready else ""
    if not line.startswith("["):
        sim.kill()
        raise SystemExit(f"the simulator did not start: {line!r}")
    return sim, json.loads(line)


# --- the window's process -----------------------------------------------------------------

def load_run(args: argparse.Namespace) -> dict:
    import numpy as np
    from PySide6.QtCore import Qt, QTimer

    from bps_commissioner.services.endpoints import TcpEndpoint
    from bps_commissioner.services.manager import LinkManager
    from bps_commissioner.ui.app import create_application
    from bps_commissioner.ui.history import CAPACITY, CHANNELS
    from bps_commissioner.ui.i18n import Translations
    from bps_commissioner.ui.main_window import MainWindow

    limit = args.warmup + args.duration + 120
    sim, ports = start_simulator(args.masters, args.units, limit)
    try:
        # ui/app.py build_window, with the frame log optional
        app = create_application()
        translations = Translations(app)
        translations.set_language("en")
        window = MainWindow(LinkManager(log_frames=not args.no_frame_log), translations)
        app.aboutToQuit.connect(window.shutdown)
        window.resize(1366, 700)
        addresses = range(1, args.units + 1)
        endpoints = [TcpEndpoint("127.0.0.1", port, timeout=1.0) for port in ports]

        # a full shift of history for every unit, ending now (before the links start)
        t0 = time.perf_counter()
        now = time.time()
        t = now - 1 - np.arange(CAPACITY)[::-1].astype(np.float64)
        rng = np.random.default_rng(1)
        base = np.array([230, 230, 230, 8, 8, 8, 1700, 1700, 1700], dtype=np.float32)[:, None]
        noise = (0.02 * rng.standard_normal((len(CHANNELS), CAPACITY))).astype(np.float32)
        for i, endpoint in enumerate(endpoints):
            for address in addresses:
                # the same noise shifted per unit: distinct curves without 240 random draws
                values = base * (1 + np.roll(noise, 97 * (i * args.units + address), axis=1))
                window.history.get(endpoint.key, address).extend(t, values)
        prefill_s = time.perf_counter() - t0

        keys = [window.connect_link(endpoint, addresses) for endpoint in endpoints]
        window.show()
        window.select_unit(keys[0], 1)
        window.unit_view.tabs.setCurrentIndex(1)  # the live plots
        window.plots.set_window(8 * 3600)

        ticks: list[float] = []
        counts = {"readings": 0, "failed": 0}
        snap: dict[str, object] = {}

        def on_unit(_key: str, result: object) -> None:
            counts["readings" if result.reading is not None else "failed"] += 1

        profiler = None
        if args.profile:
            import cProfile
            profiler = cProfile.Profile()

        def begin() -> None:
            window.manager.unitUpdated.connect(on_unit)
            snap["t"] = time.perf_counter()
            snap["cpu"], snap["threads"] = proc_cpu(), thread_cpu()
            snap["sim"] = proc_cpu(sim.pid)
            timer.start()
            if profiler is not None:
                profiler.enable()

        def end() -> None:
            if profiler is not None:
                profiler.disable()
            timer.stop()
            snap["t1"] = time.perf_counter()
            snap["cpu1"], snap["threads1"] = proc_cpu(), thread_cpu()
            snap["sim1"] = proc_cpu(sim.pid)
            snap["nthreads"], snap["sim_nthreads"] = threads(), threads(sim.pid)
            snap["rss"], snap["hwm"] = proc_status("VmRSS"), proc_status("VmHWM")
            snap["units"] = sum(len(window.model.units(k)) for k in keys)
            snap["connected"] = sum(window.manager.link_state(k)[0] == "connected" for k in keys)
            window.close()

        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setInterval(10)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        QTimer.singleShot(int(args.warmup * 1000), begin)
        QTimer.singleShot(int((args.warmup + args.duration) * 1000), end)
        app.exec()
    finally:
        sim.stdin.close()  # the simulator ends on EOF
        try:
            sim.wait(10)
        except subprocess.TimeoutExpired:
            sim.kill()
            sim.wait()

    wall = snap["t1"] - snap["t"]
    gui_tid = os.getpid()
    before, after = snap["threads"], snap["threads1"]
    per_thread = {tid: after[tid][1] - before.get(tid, (None, 0.0))[1] for tid in after}
    gui_thread = per_thread.get(gui_tid, 0.0)
    worker_names = {tid for tid, (name, _) in after.items() if name.startswith("LinkWorker")}
    workers = sum(per_thread[tid] for tid in worker_names)
    lateness = sorted(max(0.0, (b - a) - 0.010) * 1000 for a, b in zip(ticks, ticks[1:], strict=False))
    result = {
        "wall_s": wall, "prefill_s": prefill_s, "samples": len(lateness),
        "p50_ms": percentile(lateness, 0.50), "p99_ms": percentile(lateness, 0.99),
        "max_ms": lateness[-1] if lateness else float("nan"),
        "over_50ms": sum(x > 50 for x in lateness), "over_16ms": sum(x > 16 for x in lateness),
        "rss_mb": snap["rss"], "hwm_mb": snap["hwm"], "history_mb": window.history.nbytes / 1e6,
        "history_units": len(window.history),
        "polls_per_s": counts["readings"] / wall, "failed_per_s": counts["failed"] / wall,
        "gui_cpu_per_s": (snap["cpu1"] - snap["cpu"]) / wall, "gui_thread_cpu_per_s": gui_thread / wall,
        "workers_cpu_per_s": workers / wall, "link_workers": len(worker_names),
        "sim_cpu_per_s": (snap["sim1"] - snap["sim"]) / wall,
        "threads": snap["nthreads"], "sim_threads": snap["sim_nthreads"],
        "units": snap["units"], "links_connected": snap["connected"], "links": len(keys),
        "loadavg": os.getloadavg(),
    }
    if profiler is not None:
        import pstats
        profiler.dump_stats(args.profile)
        stats = pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime")
        stats.print_stats(25)
        stats.sort_stats("cumulative").print_stats(30)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of polling measured (default 60)")
    parser.add_argument("--warmup", type=float, default=10.0, help="seconds to connect first (default 10)")
    parser.add_argument("--masters", type=int, default=MASTERS, help=f"Modbus TCP masters (default {MASTERS})")
    parser.add_argument("--units", type=int, default=UNITS, help=f"units per master (default {UNITS})")
    parser.add_argument("--xcb", action="store_true", help="draw on the X server of $DISPLAY (e.g. xvfb-run)")
    parser.add_argument("--no-frame-log", action="store_true", help="poll without the raw frame log")
    parser.add_argument("--profile", metavar="FILE", help="cProfile the GUI thread during the measurement")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object too")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)  # the simulator's process
    parser.add_argument("--limit", type=float, default=600.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not 1 <= args.masters <= 200 or not 1 <= args.units <= 247 or not 0 < args.duration <= 3600:
        parser.error("--masters 1..200, --units 1..247, --duration up to 3600 s")
    if args.serve:
        return serve(args.masters, args.units, args.limit)
    if not args.xcb:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # a settings file of its own: no recent connections or window layout of the user's
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="bps-scale-bench-")
    # a hard stop, whatever happens
    signal.alarm(int(args.warmup + args.duration + 180))

    print(f"machine: {machine()}", flush=True)
    print(f"Qt platform: {os.environ.get('QT_QPA_PLATFORM') or 'xcb on ' + os.environ.get('DISPLAY', '?')}")
    r = load_run(args)
    n = args.masters * args.units
    print(f"set-up: {r['links']} Modbus TCP links ({r['links_connected']} connected at the end) x {args.units} "
          f"units = {r['units']} units polled at 1 Hz, one worker per link; the 8-h plots of one unit on screen; "
          f"8 h of history for {r['history_units']} units ({r['history_mb']:.0f} MB, filled in "
          f"{r['prefill_s']:.1f} s); frame log {'off' if args.no_frame_log else 'on'}; "
          ""
          f"{r['wall_s']:.0f} s measured after {args.warmup:.0f} s")
    print(f"GUI-thread lateness (10 ms timer): p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, "
          f"max {r['max_ms']:.1f} ms over {r['samples']} ticks ({r['over_16ms']} over 16 ms, {r['over_50ms']} over "
          f"50 ms)  [target p99 <= 50 ms]")
    print(f"resident memory: {r['rss_mb']:.0f} MB (peak {r['hwm_mb']:.0f} MB)  [target <= 600 MB]")
    print(f"unit polls: {r['polls_per_s']:.1f}/s answered, {r['failed_per_s']:.1f}/s failed  "
          f"[{n} units at 1 Hz: {n}/s, + 2/s for the unit on screen]")
    print(f"CPU per second of polling: window process {r['gui_cpu_per_s']:.2f} s/s (GUI thread "
          f"{r['gui_thread_cpu_per_s']:.2f}, {r['link_workers']} link workers {r['workers_cpu_per_s']:.2f}), "
          f"simulator process {r['sim_cpu_per_s']:.2f} s/s  [of {os.cpu_count()} cores]")
    print(f"threads: window process {r['threads']}, simulator process {r['sim_threads']}; "
          f"load average at the end {r['loadavg'][0]:.2f}")
    if args.json:
        print(json.dumps(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
