"""GUI benchmarks of the main-window issue: launch time, GUI-thread stalls, memory.

Prints three figures and asserts nothing:

1. launch to window shown: ``bps-commissioner gui --simulate --lang en`` as a fresh process,
   from just before the process is spawned to the first time the event loop runs after the
   window was shown (its first paint is then done); median and worst of ``--launches`` runs;
2. GUI-thread latency: while 32 simulated units are polled at 1 Hz over Modbus TCP and the
   live plots of one of them are on screen (8-hour window, full history), a 10 ms timer
   measures how late the event loop runs it; p50 / p99 / max of its lateness;
3. resident memory (VmRSS, and the peak VmHWM) of that process with a full 8-hour history
   for the 32 units.

For 2 and 3 the simulator runs in a process of its own (``bps-commissioner simulate
--tcp``), as a real chain would be outside the GUI's process. The window is drawn on the
Qt platform in use: ``QT_QPA_PLATFORM=offscreen`` (set by default here), or run under
``xvfb-run`` with ``--xcb`` for a real X server. Usage:

    python bench/gui_bench.py [--launches 5] [--seconds 60] [--xcb]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from machine import machine  # noqa: E402  (bench/machine.py, beside this script)

UNITS = 32

# the child process of the launch figure: run the console command's code path exactly,
# and report the first event-loop turn after window.show()
_LAUNCH_CHILD = r"""
import os, sys, time
t0 = float(os.environ["BENCH_T0"])
from PySide6.QtCore import QTimer
import bps_commissioner.ui.app as app_module
from bps_commissioner.cli import main

_run = app_module.run

def run(**kw):
    def shown(window):
        def report():
            print(f"SHOWN {time.time() - t0:.4f} {window.isVisible()}", flush=True)
            window.close()
        QTimer.singleShot(0, report)
    return _run(on_shown=shown, **kw)

app_module.run = run
sys.exit(main(["gui", "--simulate", "--lang", "en"]))
"""


def launch_times(runs: int, env: dict[str, str]) -> list[float]:
    times = []
    for _ in range(runs):
        child_env = dict(env, BENCH_T0=repr(time.time()))
        out = subprocess.run([sys.executable, "-c", _LAUNCH_CHILD], env=child_env, capture_output=True,
                             text=True, timeout=60)
        line = next((x for x in out.stdout.splitlines() if x.startswith("SHOWN")), None)
        if line is None:
            raise SystemExit(f"the window did not show:\n{out.stdout}\n{out.stderr}")
        times.append(float(line.split()[1]))
    return times


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_status(field: str) -> float:
    """A /proc/self/status figure in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def load_run(seconds: float) -> dict[str, float]:
    """In this process: the window polling 32 units over TCP, the plots on screen."""
    import numpy as np
    from PySide6.QtCore import Qt, QTimer

    from bps_commissioner.services.endpoints import TcpEndpoint
    from bps_commissioner.ui.app import build_window
    from bps_commissioner.ui.history import CAPACITY, CHANNELS

    port = free_port()
    sim = subprocess.Popen([sys.executable, "-m", "bps_commissioner", "simulate", "--tcp", f"127.0.0.1:{port}",
                            "--units", f"1-{UNITS}", "--seed", "1"], stdout=subprocess.PIPE, text=True)
    try:
        sim.stdout.readline()  # "Modbus TCP simulator on ..."
        app, window = build_window("en")
        window.resize(1366, 700)
        key = window.connect_link(TcpEndpoint("127.0.0.1", port, timeout=1.0), range(1, UNITS + 1))
        # a full shift of history for every unit, ending now
        now = time.time()
        t = now - 1 - np.arange(CAPACITY)[::-1].astype(np.float64)
        rng = np.random.default_rng(1)
        base = np.array([230, 230, 230, 8, 8, 8, 1700, 1700, 1700], dtype=np.float32)[:, None]
        for address in range(1, UNITS + 1):
            values = base * (1 + 0.02 * rng.standard_normal((len(CHANNELS), CAPACITY)).astype(np.float32))
            window.history.get(key, address).extend(t, values)
        window.show()
        window.select_unit(key, 1)
        window.unit_view.tabs.setCurrentIndex(1)  # the live plots
        window.plots.set_window(8 * 3600)

        ticks: list[float] = []
        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setInterval(10)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        warmup = 8.0
        QTimer.singleShot(int(warmup * 1000), timer.start)
        QTimer.singleShot(int((warmup + seconds) * 1000), window.close)
        app.exec()
        rss, hwm = proc_status("VmRSS"), proc_status("VmHWM")
        polls = window.poll_rate()
        lateness = [max(0.0, (b - a) - 0.010) * 1000 for a, b in zip(ticks, ticks[1:], strict=False)]
        lateness.sort()
        p = lambda q: lateness[min(len(lateness) - 1, int(q * len(lateness)))]  # noqa: E731
        history_mb = window.history.nbytes / 1e6
        return {"p50_ms": p(0.50), "p99_ms": p(0.99), "max_ms": lateness[-1], "samples": len(lateness),
                "rss_mb": rss, "hwm_mb": hwm, "history_mb": history_mb, "polls_per_s": polls,
                "units": len(window.model.units(key))}
    finally:
        sim.terminate()
        sim.wait(5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--launches", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the latency measurement")
    parser.add_argument("--xcb", action="store_true", help="draw on the X server of $DISPLAY (e.g. xvfb-run)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.xcb:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.child:
        print(json.dumps(load_run(args.seconds)), flush=True)
        return 0

    env = dict(os.environ, XDG_CONFIG_HOME=str(Path(os.environ.get("TMPDIR", "/tmp")) / "bps-gui-bench"))
    print(f"machine: {machine()}")
    print(f"Qt platform: {os.environ.get('QT_QPA_PLATFORM') or 'xcb on ' + os.environ.get('DISPLAY', '?')}")
    times = launch_times(args.launches, env)
    print(f"launch to window shown (gui --simulate): median {statistics.median(times):.2f} s, "
          f"worst {max(times):.2f} s over {len(times)} runs  [target <= 1.5 s]")
    out = subprocess.run([sys.executable, __file__, "--child", "--seconds", str(args.seconds),
                          *(["--xcb"] if args.xcb else [])], env=env, capture_output=True, text=True,
                         timeout=args.seconds + 120)
    line = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else ""
    if not line.startswith("{"):
        raise SystemExit(f"the load run failed:\n{out.stdout}\n{out.stderr}")
    r = json.loads(line)
    print(f"GUI-thread latency, {r['units']} units polled at 1 Hz ({r['polls_per_s']:.1f} polls/s), 8-h plots "
          f"on screen, {args.seconds:.0f} s: p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, "
          f"max {r['max_ms']:.1f} ms over {r['samples']} ticks  [target p99 <= 50 ms]")
    print(f"resident memory with 8 h of history for {UNITS} units: {r['rss_mb']:.0f} MB (peak "
          f"{r['hwm_mb']:.0f} MB; the history itself {r['history_mb']:.1f} MB)  [target <= 400 MB]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
