"""``bps-commissioner flash``: upload firmware to one master or a chain of them over TFTP.

    flash FILE --host HOST [--tftp-port 69] [--telnet-port 23] [--modbus-port 502] [--unit 1]
               [--user admin] [--verify telnet|modbus|none] [--yes] [--force] [--restore] [--no-backup] [--json]
    flash FILE --hosts HOST1,HOST2,...      (one after another; a failure does not stop the batch)

The steps (services/flasher.py): pre-flight (file, Telnet version, threshold backup over
Modbus TCP), confirmation, TFTP upload, restart wait, verification, threshold comparison and
restore; the window's flash job, waited for here (its hooks and progress run in the job's
thread; a host's result arrives as a Progress of step "host-done"). Progress goes to stderr at a terminal; the result of each host is printed when it
is done: a line of text, or with ``--json`` one JSON object per line. Without a terminal to
ask at, ``--yes`` is required: otherwise nothing is sent. The Telnet password comes from
``BPS_TELNET_PASSWORD``, the system keyring, or a hidden prompt at a terminal; never from
the command line. Exit codes: 0 every host flashed and verified, 1 a host failed, 2 bad
input (nothing sent), 130 cancelled with Ctrl-C.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
import webbrowser
from pathlib import Path
from typing import Any, TextIO

from bps_commissioner.cli.common import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, UsageError, at_terminal
from bps_commissioner.device.bus import ADDRESSES
from bps_commissioner.services.endpoints import parse_host


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"port {text!r} must be a number from 1 to 65535")
    return int(text)


def _seconds(limit: float) -> Any:
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
        if not 0 < value <= limit:
            raise argparse.ArgumentTypeError(f"{text} s is outside 0..{limit:g} s")
        return value
    return parse


def _unit(text: str) -> int:
    if not text.isdigit() or int(text) not in ADDRESSES:
        raise argparse.ArgumentTypeError(f"unit {text!r} must be a number from {ADDRESSES.start} to "
                                         f"{ADDRESSES.stop - 1}")
    return int(text)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("flash", help="upload firmware over TFTP, wait for the restart, verify",
                       description="Flash the firmware of BPS2000v2 masters over TFTP (manual section 15), "
                                   "with a threshold backup, the restart waited for and the new version "
                                   "verified.")
    p.add_argument("file", metavar="FILE", help="the firmware file, e.g. BPS2500-3.bin")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--host", metavar="HOST", help="the master's IP address or name")
    where.add_argument("--hosts", metavar="HOST1,HOST2", help="several masters, flashed one after another")
    p.add_argument("--tftp-port", type=_port, default=69, metavar="PORT", help="the unit's TFTP port (default 69)")
    p.add_argument("--telnet-port", type=_port, default=23, metavar="PORT", help="Telnet port (default 23)")
    p.add_argument("--modbus-port", type=_port, default=502, metavar="PORT", help="Modbus TCP port (default 502)")
    p.add_argument("--unit", type=_unit, default=1, metavar="N",
                   help="the master's Modbus unit id, for the threshold backup (default 1)")
    p.add_argument("--user", default="admin",
                   help="Telnet account (default admin, the factory account); the password comes from "
                        "BPS_TELNET_PASSWORD, the system keyring or a prompt")
    p.add_argument("--verify", choices=("telnet", "modbus", "none"), default="telnet",
                   help="after the restart, check that the firmware version read over Telnet changed "
                        "(default), that the unit answers Modbus TCP again, or nothing")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation (needed without a terminal)")
    p.add_argument("--force", action="store_true",
                   help="flash a file that does not look like BPS2000v2 firmware (its name is not like "
                        "BPS2000v2-x.y.z-C.bin or its size is implausible) without asking")
    p.add_argument("--restore", action="store_true",
                   help="restore the thresholds from the backup without asking when the update changed them")
    p.add_argument("--no-backup", action="store_true",
                   help="do not back up the thresholds over Modbus TCP (for units with Modbus TCP off)")
    p.add_argument("--backup-dir", metavar="DIR", help="where the threshold backups go (default: the user's "
                                                       "data folder, backups/)")
    p.add_argument("--audit-log", metavar="PATH", help="where the upload (an intent before the first packet, "
                   "its outcome after the verify) and a restore's writes are recorded (default: the audit log in the "
                   "user's data folder)")
    p.add_argument("--timeout", type=_seconds(600), default=30.0, metavar="SECONDS",
                   help="give up the upload when the unit does not answer for this long (default 30)")
    p.add_argument("--restart-timeout", type=_seconds(3600), default=180.0, metavar="SECONDS",
                   help="how long the unit may take to restart and answer again (default 180)")
    p.add_argument("--json", action="store_true", help="one JSON object per host and line")
    # for tests and quick simulators
    p.add_argument("--probe-interval", type=_seconds(60), default=1.0, help=argparse.SUPPRESS)
    p.add_argument("--gone-timeout", type=_seconds(3600), default=60.0, help=argparse.SUPPRESS)
    p.set_defaults(func=run)


def _hosts(args: argparse.Namespace) -> list[str]:
    raw = [args.host] if args.host else [h for h in (args.hosts or "").split(",")]
    hosts = [h.strip() for h in raw]
    if not hosts or any(not h for h in hosts):
        raise UsageError(f"--hosts: {args.hosts!r} has an empty host name" if args.hosts else "--host is empty")
    for h in hosts:
        try:
            host, port = parse_host(h, 0)
        except ValueError as exc:
            raise UsageError(f"host {h!r}: {exc}") from None
        if port:
            raise UsageError(f"host {h!r}: give the ports with --tftp-port, --telnet-port and --modbus-port")
    return [parse_host(h, 0)[0] for h in hosts]


class _Console:
    """Progress on stderr at a terminal; questions at the terminal."""

    def __init__(self, interactive: bool, err: TextIO) -> None:
        self.interactive = interactive
        self.err = err
        self._inline = False
        self.confirm_all = False

    def line(self, text: str) -> None:
        if self._inline:
            self.err.write("\n")
            self._inline = False
        self.err.write(text + "\n")
        self.err.flush()

    def _inline_write(self, text: str) -> None:
        self.err.write("\r\x1b[K" + text)
        self.err.flush()
        self._inline = True

    def event(self, e: Any) -> None:
        if not self.interactive or e.step in ("confirm", "done"):  # the question and the result line say it
            return
        if e.upload is not None:
            p = e.upload
            self._inline_write(f"{e.host}: {p.bytes_done}/{p.bytes_total} bytes, {p.blocks_done}/{p.blocks_total} "
                               f"blocks, {p.rate / 1024:.0f} KiB/s, {p.retransmissions} retransmissions")
        elif e.countdown:
            self._inline_write(f"{e.host}: {e.text}")
        else:
            self.line(f"{e.host}: {e.text}")

    def ask(self, question: str) -> str:
        self.line(question)
        try:
            return input("> ").strip().lower()
        except EOFError:
            return ""

    def confirm(self, target: Any, pre: Any, file_name: str, size: int) -> bool:
        if self.confirm_all:
            return True
        from bps_commissioner.services.flasher import UPDATE_WARNING

        lines = [f"About to flash {file_name} ({size} bytes) to {target.host} (TFTP port {target.tftp_port})."]
        if pre.version:
            lines.append(f"Present firmware version: {pre.version}.")
        if pre.backup:
            lines.append(f"Thresholds backed up to {pre.backup}.")
        lines += list(pre.notes) + [UPDATE_WARNING, "Flash now? [y]es / [N]o / [a]ll remaining hosts"]
        answer = self.ask("\n".join(lines))
        if answer in ("a", "all"):
            self.confirm_all = True
            return True
        return answer in ("y", "yes")

    def ask_restore(self, target: Any, changes: Any) -> bool:
        listing = "\n".join(f"  {c}" for c in changes)
        return self.ask(f"{target.host}: the update changed these thresholds:\n{listing}\n"
                        f"Restore them from the backup? [y/N]") in ("y", "yes")


def _text_result(r: Any) -> str:
    if r.ok:
        parts = [f"{r.host}: ok"]
        if r.version_before or r.version_after:
            parts.append(f"version {r.version_before or '?'} -> {r.version_after or '?'}")
        parts.append(f"{r.bytes} bytes" + (f" in {r.seconds:.1f} s" if r.seconds is not None else "")
                     + f", {r.retransmissions} retransmissions")
        if r.restored:
            parts.append("thresholds restored")
        text = ", ".join(parts)
    else:
        text = f"{r.host}: FAILED: {r.error}"
    for w in r.warnings:
        text += f"\n  warning: {w}"
    return text


def _firmware_looks_right(name: str, size: int, args: argparse.Namespace, interactive: bool) -> bool:
    """True to go on: the file looks like BPS2000v2 firmware, or ``--force``, or the engineer
    said "flash it anyway" at the terminal. False: refused (an error printed, nothing sent)."""
    from bps_commissioner.device.firmware import check_firmware

    doubts = check_firmware(name, size)
    if not doubts:
        return True
    for doubt in doubts:
        print(f"warning: {doubt.text}", file=sys.stderr)
    if args.force:
        return True
    if interactive and not args.yes:
        try:
            answer = input("This file does not look like BPS2000v2 firmware. Flash it anyway? [y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() in ("y", "yes"):
            return True
    print("error: the file does not look like BPS2000v2 firmware; add --force to flash it anyway. "
          "Nothing was sent.", file=sys.stderr)
    return False


def run(args: argparse.Namespace) -> int:
    from bps_commissioner.services import flasher
    from bps_commissioner.services.flasher import HOST_DONE, FlashHooks, FlashSettings, FlashTarget
    from bps_commissioner.services.jobs import JobFailed, run_job

    hosts = _hosts(args)
    try:
        firmware = flasher.load_firmware(args.file)
    except flasher.FirmwareFileError as exc:
        print(f"error: {exc}; nothing was sent", file=sys.stderr)
        return EXIT_USAGE
    interactive = at_terminal()
    if not _firmware_looks_right(firmware.name, firmware.size, args, interactive):
        return EXIT_USAGE
    if not args.yes and not interactive:
        print("error: refusing to flash without confirmation: there is no terminal to ask at. The unit's "
              "configuration may be lost and its power and network must stay up; add --yes to confirm. "
              "Nothing was sent.", file=sys.stderr)
        return EXIT_USAGE
    if args.verify == "telnet" and not flasher.telnet_available():
        print("error: Telnet support not available: use --verify modbus or --verify none", file=sys.stderr)
        return EXIT_USAGE
    settings = FlashSettings(
        verify=args.verify, backup=not args.no_backup, restore=True if args.restore else (None if interactive else False),
        give_up=args.timeout, restart_timeout=args.restart_timeout, gone_timeout=args.gone_timeout,
        probe_interval=args.probe_interval,
        backup_dir=None if args.backup_dir is None else Path(args.backup_dir),
        audit_path=None if args.audit_log is None else Path(args.audit_log))
    from bps_commissioner.services.audit import AuditLog, pending_warning
    pending = pending_warning(AuditLog(settings.audit_path))
    if pending:
        print(pending, file=sys.stderr)
    targets = [FlashTarget(h, args.tftp_port, args.telnet_port, args.modbus_port, args.unit, args.user)
               for h in hosts]
    console = _Console(interactive, sys.stderr)
    cancel = threading.Event()
    prompted: dict[str, Any] = {}

    def password(target: FlashTarget) -> Any:
        from bps_commissioner.services.secrets import TELNET_PASSWORD, SecretUnavailable, lookup

        if target.user in prompted:  # typed once at the prompt: the same for the whole batch
            return prompted[target.user]
        try:
            secret = lookup(TELNET_PASSWORD, user=target.user, host=target.host, interactive=interactive)
        except SecretUnavailable as exc:
            console.line(f"{target.host}: {exc}")
            return None
        if secret.source == "prompt":
            prompted[target.user] = secret
        return secret

    hooks = FlashHooks(
        confirm=(lambda t, pre: True) if args.yes else
        (lambda t, pre: console.confirm(t, pre, firmware.name, firmware.size)),
        ask_restore=console.ask_restore,
        should_stop=cancel.is_set,
        password=password)

    def report(result: Any) -> None:
        if args.json:
            print(json.dumps(result.to_dict()), flush=True)
        else:
            print(_text_result(result), flush=True)
        if result.cause == "refused" and result.web_url and interactive:
            if console.ask(f"Open {result.web_url} in the web browser to enable \"Software update\"? [y/N]") \
                    in ("y", "yes"):
                webbrowser.open(result.web_url)

    def on_progress(progress: Any) -> None:  # in the job's thread, like the hooks
        if progress.step == HOST_DONE:
            report(progress.get("result"))
        elif progress.get("event") is not None:
            console.event(progress.get("event"))

    def on_sigint(signum: int, frame: Any) -> None:
        if cancel.is_set():
            raise KeyboardInterrupt
        cancel.set()
        print("\ncancelling (Ctrl-C again to quit at once)", file=sys.stderr, flush=True)

    previous = signal.getsignal(signal.SIGINT)
    in_main = threading.current_thread() is threading.main_thread()
    if in_main:
        signal.signal(signal.SIGINT, on_sigint)
    try:
        results = run_job(flasher.flash_job(firmware, targets, settings, hooks=hooks), name="flash",
                          on_progress=on_progress, cancel_when=cancel.is_set)
    except KeyboardInterrupt:  # Ctrl-C twice: the job was cancelled and has ended
        return EXIT_INTERRUPTED
    except JobFailed as exc:
        print(f"error: {exc.fault.message}", file=sys.stderr)
        return exc.fault.exit_code
    finally:
        if in_main:
            signal.signal(signal.SIGINT, previous)
    if cancel.is_set():
        return EXIT_INTERRUPTED
    return EXIT_OK if all(r.ok for r in results) else EXIT_FAILED
