"""TFTP upload benchmark of the firmware issue: a 256 KiB file on loopback to an RFC 1350
receiver that drops 5 % of the packets in each direction. Target: <= 10 s for BPS
Commissioner's client. tftp-hpa's client (Debian's ``tftp``) is measured on the same set-up,
with its default 5 s retransmission timer and with ``rexmt 1`` (1 s; it takes whole seconds).

The receiver is the simulator's TFTP server (simulator/tftp.py) with its seeded ``loss``,
run in a process of its own (so that its answers do not wait on this process's GIL); it
saves every upload, and each run checks the file arrived byte-identical. Each run uses a
new seed; the same seeds serve every client, though the packets dropped differ once the
clients' timing differs. Prints figures, asserts nothing. Usage:

    python bench/tftp_bench.py [--runs 5] [--hpa-runs 2] [--no-hpa] [--loss 0.05] [--size-kib 256]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import machine  # bench/machine.py, beside this script

HERE = Path(__file__).resolve().parent
REMOTE_NAME = "BPS2500-3.bin"


# --- the receiver, in its own process -----------------------------------------------------------

def serve(port_file: str, loss: float, seed: int, out_dir: str) -> None:
    """Run the lossy receiver until stdin closes; write its port to ``port_file``."""
    from bps_commissioner.simulator.tftp import TftpSimulator

    count = [0]

    def save(name: str, data: bytes) -> None:
        count[0] += 1
        Path(out_dir, f"{count[0]:03d}-{name}").write_bytes(data)

    server = TftpSimulator("127.0.0.1", 0, loss=loss, seed=seed, dally=2.0, on_upload=save).start()
    Path(port_file).write_text(str(server.port))
    try:
        sys.stdin.read()
    finally:
        server.stop()


class Receiver:
    def __init__(self, loss: float, seed: int, work: Path) -> None:
        self.out = Path(tempfile.mkdtemp(dir=work))
        port_file = self.out / "port"
        self.proc = subprocess.Popen([sys.executable, str(Path(__file__)), "--serve", str(port_file), str(loss),
                                      str(seed), str(self.out)], stdin=subprocess.PIPE)
        deadline = time.monotonic() + 20
        while not port_file.exists() or not port_file.read_text():
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError("the receiver did not start")
            time.sleep(0.05)
        self.port = int(port_file.read_text())

    def received(self, timeout: float = 5.0) -> bytes | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            files = [p for p in self.out.iterdir() if p.name.endswith(REMOTE_NAME)]
            if files:
                time.sleep(0.1)
                return files[0].read_bytes()
            time.sleep(0.05)
        return None

    def stop(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


# --- the clients ------------------------------------------------------------------------------------

def ours(port: int, path: Path) -> tuple[float, str]:
    from bps_commissioner.transport.tftp import TftpClient

    start = time.perf_counter()
    result = TftpClient("127.0.0.1", port).put(path.read_bytes(), REMOTE_NAME)
    took = time.perf_counter() - start
    return took, (f"{result.retransmissions} retransmissions, {result.duplicate_acks} duplicate ACKs ignored, "
                  f"SRTT {result.srtt * 1e3:.2f} ms" if result.srtt else "")


def hpa(port: int, path: Path, rexmt: int | None, timeout: float) -> tuple[float, str]:
    commands = ["binary", "verbose"]
    if rexmt is not None:
        commands.append(f"rexmt {rexmt}")
    commands += [f"put {path} {REMOTE_NAME}", "quit"]
    start = time.perf_counter()
    done = subprocess.run(["tftp", "127.0.0.1", str(port)], input="\n".join(commands) + "\n", capture_output=True,
                          text=True, timeout=timeout)
    took = time.perf_counter() - start
    lines = [line.replace("tftp> ", "").strip() for line in (done.stdout + done.stderr).splitlines()]
    said = [line for line in lines if line.startswith(("Sent", "Transfer", "Error", "tftp:"))]
    return took, (said[-1] if said else f"exit {done.returncode}")


def measure(name: str, runs: int, loss: float, first_seed: int, data_path: Path, work: Path, client) -> list[float]:
    data = data_path.read_bytes()
    times = []
    for i in range(runs):
        receiver = Receiver(loss, first_seed + i, work)
        try:
            try:
                took, note = client(receiver.port, data_path)
            except subprocess.TimeoutExpired:
                print(f"  {name} run {i + 1}: no end within its time limit", flush=True)
                continue
            except Exception as exc:  # a failed upload is a figure too
                print(f"  {name} run {i + 1}: failed: {exc}", flush=True)
                continue
            got = receiver.received()
            same = got == data
            verdict = "byte-identical" if same else ("nothing received" if got is None else "NOT IDENTICAL")
            print(f"  {name} run {i + 1} (seed {first_seed + i}): {took:.2f} s, {verdict}; {note}", flush=True)
            if same:
                times.append(took)
        finally:
            receiver.stop()
    return times


def summary(name: str, times: list[float], runs: int) -> str:
    if not times:
        return f"| {name} | - | - | - | 0/{runs} |"
    return (f"| {name} | {statistics.median(times):.2f} s | {min(times):.2f} s | {max(times):.2f} s | "
            f"{len(times)}/{runs} |")


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        serve(sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="runs of our client per loss rate (default 5)")
    ap.add_argument("--hpa-runs", type=int, default=2, help="runs of tftp-hpa at its default timer (default 2)")
    ap.add_argument("--no-hpa", action="store_true", help="skip tftp-hpa")
    ap.add_argument("--loss", type=float, default=0.05, help="fraction dropped in each direction (default 0.05)")
    ap.add_argument("--size-kib", type=int, default=256, help="file size in KiB (default 256)")
    ap.add_argument("--seed", type=int, default=1000, help="first seed (default 1000)")
    ap.add_argument("--hpa-timeout", type=float, default=1200, help="time limit per tftp-hpa run, s (default 1200)")
    args = ap.parse_args()
    has_hpa = shutil.which("tftp") is not None and not args.no_hpa
    print(f"Machine: {machine()}")
    print(f"Set-up: {args.size_kib} KiB file, loopback, simulator's RFC 1350 receiver in its own process, "
          f"{args.loss:.0%} loss each way, seeds from {args.seed}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        path = work / REMOTE_NAME
        path.write_bytes(os.urandom(args.size_kib * 1024))
        rows = []
        print("No loss:")
        t = measure("BPS Commissioner", args.runs, 0.0, args.seed, path, work, ours)
        rows.append(summary("BPS Commissioner, no loss", t, args.runs))
        if has_hpa:
            t = measure("tftp-hpa", 1, 0.0, args.seed, path, work, lambda p, f: hpa(p, f, None, 120))
            rows.append(summary("tftp-hpa, no loss", t, 1))
        print(f"{args.loss:.0%} loss each way:")
        t = measure("BPS Commissioner", args.runs, args.loss, args.seed, path, work, ours)
        rows.append(summary(f"BPS Commissioner, {args.loss:.0%} loss (target <= 10 s)", t, args.runs))
        if has_hpa:
            t = measure("tftp-hpa rexmt 1", args.hpa_runs, args.loss, args.seed, path, work,
                        lambda p, f: hpa(p, f, 1, args.hpa_timeout))
            rows.append(summary(f"tftp-hpa, rexmt 1 s, {args.loss:.0%} loss", t, args.hpa_runs))
            t = measure("tftp-hpa default", args.hpa_runs, args.loss, args.seed, path, work,
                        lambda p, f: hpa(p, f, None, args.hpa_timeout))
            rows.append(summary(f"tftp-hpa, default timer (5 s), {args.loss:.0%} loss", t, args.hpa_runs))
        elif not args.no_hpa:
            print("tftp-hpa's client (tftp) is not installed: skipped")
    print()
    print("| client | median | best | worst | byte-identical runs |")
    print("| --- | --- | --- | --- | --- |")
    for row in rows:
        print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
