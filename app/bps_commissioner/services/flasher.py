"""Firmware flashing: pre-flight, confirmation, TFTP upload, restart wait, verification,
threshold backup and restore, for one master or a chain of them, one after another.

The steps for each host (manual section 15 made safe and repeatable):

1. **Pre-flight** (nothing is uploaded yet): the firmware file exists, is readable and not
   empty (:func:`load_firmware`, checked once before any host); with ``verify="telnet"`` a
   Telnet login reads the present firmware version; unless ``backup=False`` the unit's
   alarm thresholds are read over Modbus TCP and saved as a profile file in the user's
   data folder (``backups/``). Either answering shows that the host is there. A failure
   here ends the host with nothing sent.
2. **Confirmation**: ``hooks.confirm(target, preflight)`` must return True (the CLI asks at a
   terminal; the GUI asks before it starts the job). False: nothing is sent.
3. **Upload**: a TFTP write request in octet mode (transport/tftp.py), with progress events
   (bytes, blocks, rate, retransmissions) and cancel (``hooks.should_stop``). An ERROR
   packet from the unit, typically 2 "Access violation" when "Software update" is not
   enabled in the web UI's System Tools, ends the host with that advice and the unit's web
   address; silence ends it after ``give_up`` seconds (30 by default), naming host and port.
4. **Restart**: the unit is probed (a TCP connect to its Telnet port, or a Modbus read, every ``probe_interval``)
   until it has gone away and come back, with a countdown of ``restart_timeout``. It must
   go away within ``gone_timeout``; with Telnet, coming back with a changed version counts
   even if the absence was too short to be seen.
5. **Verify**: ``telnet``: the version read after the restart differs from the one before;
   ``modbus``: the unit answers Modbus again; ``none``: neither waited for nor checked.
6. **Thresholds**: read again, compared with the backup; when they differ they are
   restored (``restore=True``), left (``False``), or ``hooks.ask_restore`` decides
   (``None``). A restore writes with function 06 and reads back (services/thresholds.py),
   recorded in the audit log.

A host's outcome is a :class:`FlashResult`; :func:`flash_hosts` goes on to the next host
after a failure and stops the batch only when the user cancels. Nothing here raises for a
unit's failure. :class:`FlashThread` runs a batch on a QThread with signals for a GUI;
:func:`flash_job` wraps it as a LinkWorker job. The Telnet password arrives as a
:class:`~bps_commissioner.services.secrets.Secret` and never appears in a message.

Data folder: ``$BPS_COMMISSIONER_DATA_DIR`` when set (tests, portable installs), else the
user data folder of services/paths.py (the audit log's). Backups are named
``thresholds-<host>-<YYYYmmdd-HHMMSS>.json`` and can be applied again with
``bps-commissioner thresholds apply FILE --tcp HOST --units N``.
"""

from __future__ import annotations

import datetime
import math
import os
import socket
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping

from PySide6.QtCore import QThread, Signal

from bps_commissioner.device.limits import RATINGS, format_value
from bps_commissioner.device.ports import MODBUS_TCP_PORT, TELNET_PORT, TFTP_PORT
from bps_commissioner.device.profile import profile_from_thresholds
from bps_commissioner.services.audit import AuditLog
from bps_commissioner.services.audit import default_audit_path
from bps_commissioner.services.paths import ENV_DATA_DIR, data_dir
from bps_commissioner.transport.errors import LinkError
from bps_commissioner.transport.tcp import TcpLink
from bps_commissioner.transport.tftp import (
    TftpCancelled,
    TftpClient,
    TftpError,
    TftpNoAnswer,
    TftpProgress,
    TftpRemoteError,
    TftpResult,
)

if TYPE_CHECKING:
    from bps_commissioner.services.worker import JobContext

VERIFY_MODES = ("telnet", "modbus", "none")
OK, FAILED = "ok", "failed"

#: FlashEvent.step values, in the order they happen.
STEPS = ("preflight", "confirm", "upload", "restart", "verify", "thresholds", "done")

#: The advice for a unit that refuses the upload.
ENABLE_UPDATE_HINT = ('Enable "Software update" in the unit\'s web UI (System Tools), then flash again')

UPDATE_WARNING = ("The unit's configuration may be lost by the update, and its power and network must stay "
                  "up until it has restarted: an interrupted upload can leave the unit unusable.")


# --- where files go ---------------------------------------------------------------------------

def default_backup_dir() -> Path:
    return data_dir() / "backups"


def web_url(host: str) -> str:
    """The unit's web page."""
    return f"http://[{host}]/" if ":" in host else f"http://{host}/"


# --- the firmware file ------------------------------------------------------------------------

class FirmwareFileError(ValueError):
    """The firmware file cannot be used; the message names it."""


@dataclass(frozen=True)
class Firmware:
    path: str
    name: str  # the name sent in the write request: the file's base name
    data: bytes = field(repr=False)

    @property
    def size(self) -> int:
        return len(self.data)


def load_firmware(path: str | os.PathLike[str]) -> Firmware:
    """Read the firmware file; raises :class:`FirmwareFileError` when it is missing, not a
    file, unreadable or empty."""
    name = os.fspath(path)
    if not os.path.exists(name):
        raise FirmwareFileError(f"firmware file {name!r} does not exist")
    if os.path.isdir(name):
        raise FirmwareFileError(f"firmware file {name!r} is a folder, not a file")
    try:
        with open(name, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise FirmwareFileError(f"firmware file {name!r} cannot be read: {exc.strerror or exc}") from None
    if not data:
        raise FirmwareFileError(f"firmware file {name!r} is empty")
    remote = os.path.basename(name)
    if not remote.isascii():
        raise FirmwareFileError(f"firmware file name {remote!r} has characters other than ASCII, which a "
                                f"TFTP request cannot carry: rename the file")
    return Firmware(name, remote, data)


# --- what to flash and how ----------------------------------------------------------------------

@dataclass(frozen=True)
class FlashTarget:
    """One master to flash. ``unit``: its Modbus unit id for the threshold backup."""

    host: str
    tftp_port: int = TFTP_PORT
    telnet_port: int = TELNET_PORT
    modbus_port: int = MODBUS_TCP_PORT
    unit: int = 1
    user: str = "admin"

    @property
    def web_url(self) -> str:
        return web_url(self.host)


@dataclass(frozen=True)
class FlashSettings:
    """How to flash. Times in seconds. ``restore``: True restore without asking, False
    never, None ask ``hooks.ask_restore``. ``tftp``: extra TftpClient arguments (tests)."""

    verify: str = "telnet"
    backup: bool = True
    restore: bool | None = None
    give_up: float = 30.0
    restart_timeout: float = 180.0
    gone_timeout: float = 60.0
    probe_interval: float = 1.0
    probe_timeout: float = 2.0
    telnet_timeout: float = 5.0
    backup_dir: Path | None = None
    audit_path: Path | None = None
    tftp: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.verify not in VERIFY_MODES:
            raise ValueError(f"verify must be one of {', '.join(VERIFY_MODES)}, not {self.verify!r}")
        for name in ("give_up", "restart_timeout", "gone_timeout", "probe_interval", "probe_timeout",
                     "telnet_timeout"):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be positive")


@dataclass(frozen=True)
class FlashEvent:
    """A progress report. ``upload`` during the upload; ``remaining`` (seconds) and
    ``total`` during the restart countdown."""

    host: str
    step: str
    text: str
    upload: TftpProgress | None = None
    remaining: float | None = None
    total: float | None = None


@dataclass(frozen=True)
class Preflight:
    """What the pre-flight found, shown to the user before the confirmation."""

    version: str | None
    backup: str | None  # the backup file
    thresholds: Mapping[str, float | int] | None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ThresholdChange:
    setting: str
    backup: float | int | None
    now: float | int | None

    def to_dict(self) -> dict[str, Any]:
        return {"setting": self.setting, "backup": self.backup, "now": self.now}

    def __str__(self) -> str:
        def show(value: float | int | None) -> str:
            return "unknown" if value is None else format_value(self.setting, value)
        return f"{self.setting}: {show(self.backup)} before, {show(self.now)} now"


@dataclass(frozen=True)
class FlashResult:
    """The outcome for one host. ``cause`` (empty when ok): preflight, not_confirmed,
    refused (an ERROR packet), no_answer, cancelled, upload, restart, verify, restore."""

    host: str
    result: str
    bytes: int = 0
    seconds: float | None = None  # the upload's duration
    retransmissions: int = 0
    version_before: str | None = None
    version_after: str | None = None
    error: str | None = None
    cause: str = ""
    backup: str | None = None
    thresholds_changed: tuple[ThresholdChange, ...] | None = None  # None: not compared
    restored: bool | None = None  # None: nothing to restore or not asked to
    warnings: tuple[str, ...] = ()
    web_url: str | None = None  # set when the unit's web UI is where to act
    total_seconds: float = 0.0
    uploaded: bool = False  # the whole file was sent

    @property
    def ok(self) -> bool:
        return self.result == OK

    def to_dict(self) -> dict[str, Any]:
        return {
            "host": self.host, "result": self.result, "bytes": self.bytes,
            "seconds": None if self.seconds is None else round(self.seconds, 3),
            "retransmissions": self.retransmissions, "version_before": self.version_before,
            "version_after": self.version_after, "error": self.error,
            "cause": self.cause or None, "backup": self.backup,
            "thresholds_changed": None if self.thresholds_changed is None
            else [c.to_dict() for c in self.thresholds_changed],
            "restored": self.restored, "warnings": list(self.warnings),
            "total_seconds": round(self.total_seconds, 3),
        }


def _never(*_: Any) -> bool:
    return False


def _ignore(*_: Any) -> None:
    return None


@dataclass
class FlashHooks:
    """What the flasher asks its caller. The defaults are the safe answers: no confirmation
    (nothing is uploaded), no restore, no password."""

    on_event: Callable[[FlashEvent], None] = _ignore
    confirm: Callable[[FlashTarget, Preflight], bool] = _never
    ask_restore: Callable[[FlashTarget, tuple[ThresholdChange, ...]], bool] = _never
    should_stop: Callable[[], bool] = _never
    password: Callable[[FlashTarget], Any] = _ignore  # a Secret (or str); None: none available


class _Failed(Exception):
    def __init__(self, cause: str, message: str, web: str | None = None):
        super().__init__(message)
        self.cause = cause
        self.web = web


class _Cancelled(Exception):
    pass


# --- the pieces ---------------------------------------------------------------------------------

def _safe_host(host: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", host).strip("_") or "host"


def save_backup(target: FlashTarget, thresholds: Mapping[str, float | int], folder: Path | None = None,
                when: datetime.datetime | None = None) -> Path:
    """Save ``thresholds`` as a profile file; returns its path. Raises OSError."""
    when = when or datetime.datetime.now().astimezone()
    folder = Path(folder) if folder is not None else default_backup_dir()
    folder.mkdir(parents=True, exist_ok=True)
    profile = profile_from_thresholds(
        f"{target.host} unit {target.unit} before a firmware update",
        thresholds, f"read from {target.host}:{target.modbus_port} unit {target.unit} at "
                    f"{when.isoformat(timespec='seconds')}")
    stem = f"thresholds-{_safe_host(target.host)}-{when.strftime('%Y%m%d-%H%M%S')}"
    path = folder / f"{stem}.json"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}.json"
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(profile.to_json())
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    return path


def compare_thresholds(backup: Mapping[str, float | int],
                       now: Mapping[str, float | int | None]) -> tuple[ThresholdChange, ...]:
    """The settings whose present value differs from the backup."""
    out = []
    for setting, before in backup.items():
        after = now.get(setting)
        if after is None or not math.isclose(float(before), float(after), abs_tol=1e-6):
            out.append(ThresholdChange(setting, before, after))
    return tuple(out)


def read_unit_thresholds(target: FlashTarget, timeout: float) -> dict[str, float | int]:
    """The master's alarm thresholds over Modbus TCP. Raises LinkError."""
    from bps_commissioner.services.thresholds import read_thresholds

    link = TcpLink(target.host, target.modbus_port, timeout=timeout)
    try:
        return read_thresholds(link, target.unit)
    finally:
        link.close()


def telnet_available() -> bool:
    try:
        import bps_commissioner.transport.telnet  # noqa: F401
    except ImportError:
        return False
    return True


def read_firmware_version(target: FlashTarget, password: Any, timeout: float) -> str:
    """Log in over Telnet and read the firmware version from the banner. Raises LinkError
    (a refused login is never retried) or RuntimeError when Telnet support is missing."""
    try:
        from bps_commissioner.transport.telnet import TelnetSession
    except ImportError:
        raise RuntimeError("Telnet support not available") from None
    with TelnetSession(target.host, target.telnet_port, timeout=timeout) as session:
        banner = session.login(target.user, password)
    if not banner.version:
        raise LinkError(f"Telnet: {target.host}:{target.telnet_port} shows no 'Version :' line in its login "
                        f"banner; the firmware version cannot be read.")
    return banner.version


# --- one host -----------------------------------------------------------------------------------

class _HostFlash:
    def __init__(self, firmware: Firmware, target: FlashTarget, settings: FlashSettings, hooks: FlashHooks):
        self.fw = firmware
        self.t = target
        self.s = settings
        self.h = hooks
        self.start = time.monotonic()
        self.password: Any = None
        self.version_before: str | None = None
        self.version_after: str | None = None
        self.backup_path: Path | None = None
        self.backup: dict[str, float | int] | None = None
        self.upload: TftpResult | None = None
        self.upload_started = False
        self.uploaded = False
        self.partial_bytes = 0
        self.partial_retransmissions = 0
        self.warnings: list[str] = []
        self.changed: tuple[ThresholdChange, ...] | None = None
        self.restored: bool | None = None

    # -- reporting -------------------------------------------------------------------------
    def event(self, step: str, text: str, **kw: Any) -> None:
        self.h.on_event(FlashEvent(self.t.host, step, text, **kw))

    def check_stop(self) -> None:
        if self.h.should_stop():
            raise _Cancelled()

    def result(self, error: _Failed | None = None, *, cancelled: str = "") -> FlashResult:
        up = self.upload
        cause, message, web = ("", None, None)
        if error is not None:
            cause, message, web = error.cause, str(error), error.web
        if cancelled:
            cause, message = "cancelled", cancelled
        return FlashResult(
            self.t.host, FAILED if cause else OK,
            bytes=up.bytes if up else self.partial_bytes,
            seconds=up.seconds if up else None,
            retransmissions=up.retransmissions if up else self.partial_retransmissions,
            version_before=self.version_before, version_after=self.version_after, error=message, cause=cause,
            backup=str(self.backup_path) if self.backup_path else None, thresholds_changed=self.changed,
            restored=self.restored, warnings=tuple(self.warnings), web_url=web,
            total_seconds=time.monotonic() - self.start, uploaded=self.uploaded)

    # -- the steps -------------------------------------------------------------------------
    def run(self) -> FlashResult:
        try:
            self.check_stop()
            pre = self.preflight()
            self.event("confirm", "waiting for confirmation")
            if not self.h.confirm(self.t, pre):
                raise _Failed("not_confirmed", "not confirmed: nothing was sent")
            self.check_stop()
            self.do_upload()
            self.wait_and_verify()
            self.thresholds_after()
            self.event("done", self.summary())
            return self.result()
        except _Failed as exc:
            self.event("done", f"failed: {exc}")
            return self.result(exc)
        except (_Cancelled, KeyboardInterrupt):
            if self.uploaded:
                text = ("cancelled after the upload: the unit restarts by itself; check its firmware version "
                        "and thresholds" + (f" (backup in {self.backup_path})" if self.backup_path else ""))
            elif self.upload_started:
                text = "upload cancelled: the unit may need the upload repeated"
            else:
                text = "cancelled: nothing was sent"
            self.event("done", text)
            return self.result(cancelled=text)

    def preflight(self) -> Preflight:
        t, s = self.t, self.s
        notes: list[str] = []
        answered = False
        self.event("preflight", f"{self.fw.name}: {self.fw.size} bytes; checking the unit")
        if s.verify == "telnet":
            self.password = self.h.password(t)
            if self.password is None:
                raise _Failed("preflight", f"no Telnet password for {t.user}@{t.host}: set BPS_TELNET_PASSWORD, "
                                           f"save it in the keyring, or use --verify modbus")
            self.event("preflight", f"reading the firmware version over Telnet ({t.host}:{t.telnet_port})")
            try:
                self.version_before = read_firmware_version(t, self.password, s.telnet_timeout)
            except RuntimeError as exc:
                raise _Failed("preflight", f"{exc}: use --verify modbus or none") from None
            except LinkError as exc:
                raise _Failed("preflight", f"cannot read the firmware version over Telnet: {_first_line(exc)}") \
                    from None
            answered = True
            self.event("preflight", f"firmware version {self.version_before}")
        if s.backup or s.verify == "modbus":
            self.event("preflight", f"reading the alarm thresholds over Modbus TCP ({t.host}:{t.modbus_port} "
                                    f"unit {t.unit})")
            try:
                present = read_unit_thresholds(t, s.probe_timeout)
            except LinkError as exc:
                why = "for the backup" if s.backup else "(--verify modbus)"
                hint = " (use --no-backup to flash without a backup)" if s.backup and s.verify != "modbus" else ""
                raise _Failed("preflight", f"cannot read the thresholds over Modbus TCP {why}: {exc}{hint}") from None
            answered = True
            if s.backup:
                try:
                    self.backup_path = save_backup(t, present, s.backup_dir)
                except OSError as exc:
                    raise _Failed("preflight", f"cannot save the threshold backup in "
                                               f"{s.backup_dir or default_backup_dir()}: {exc.strerror or exc}") \
                        from None
                self.backup = present
                self.event("preflight", f"thresholds saved to {self.backup_path}")
        if not answered:
            notes.append(f"{t.host} was not checked before the upload (no Telnet or Modbus check asked for)")
        return Preflight(self.version_before, str(self.backup_path) if self.backup_path else None,
                         self.backup, tuple(notes))

    def do_upload(self) -> None:
        t = self.t
        self.event("upload", f"uploading {self.fw.name} ({self.fw.size} bytes) to TFTP port {t.tftp_port}")
        client = TftpClient(t.host, t.tftp_port, give_up=self.s.give_up, **dict(self.s.tftp))

        def progress(p: TftpProgress) -> None:
            self.partial_bytes = p.bytes_done
            self.partial_retransmissions = p.retransmissions
            self.event("upload", f"{p.bytes_done}/{p.bytes_total} bytes", upload=p)

        self.upload_started = True
        try:
            self.upload = client.put(self.fw.data, self.fw.name, progress=progress, should_stop=self.h.should_stop)
        except TftpCancelled:
            raise _Cancelled() from None
        except TftpRemoteError as exc:
            if exc.during_request:
                raise _Failed("refused", f"{exc} {ENABLE_UPDATE_HINT}: {t.web_url}", t.web_url) from None
            raise _Failed("upload", f"{exc} The upload is incomplete: repeat it.") from None
        except TftpNoAnswer as exc:
            if exc.final_block:
                self.uploaded = True
                self.partial_bytes = self.fw.size
                self.warnings.append(str(exc))
                self.event("upload", "the last block was not acknowledged: the unit may be restarting already")
                return
            raise _Failed("no_answer", str(exc)) from None
        except TftpError as exc:
            raise _Failed("upload", str(exc)) from None
        self.uploaded = True
        u = self.upload
        self.event("upload", f"uploaded {u.bytes} bytes in {u.seconds:.1f} s ({u.rate / 1024:.0f} KiB/s, "
                             f"{u.retransmissions} retransmissions)")

    # -- restart ---------------------------------------------------------------------------
    def probe(self) -> bool:
        """Does the unit answer on the verification channel? Telnet: a bare TCP connect to
        its port, so that waiting for the restart costs no logins (a unit may count them);
        Modbus TCP: a read of its thresholds."""
        t, s = self.t, self.s
        if s.verify == "telnet":
            try:
                socket.create_connection((t.host, t.telnet_port), timeout=s.probe_timeout).close()
                return True
            except OSError:
                return False
        try:
            read_unit_thresholds(t, s.probe_timeout)
            return True
        except LinkError:
            return False

    def read_version(self, deadline: float) -> str | None:
        """Log in once the unit is back (retrying while its CLI is not ready yet)."""
        t, s = self.t, self.s
        from bps_commissioner.transport.telnet import TelnetLoginError

        while True:
            try:
                return read_firmware_version(t, self.password, s.probe_timeout)
            except TelnetLoginError:
                raise _Failed("verify", f"{t.host} is back but refused the Telnet login as {t.user!r}: the update "
                                        f"may have reset the account to the factory admin/admin. Check the "
                                        f"version in the web UI ({t.web_url}).", t.web_url) from None
            except LinkError as exc:
                if time.monotonic() >= deadline:
                    raise _Failed("verify", f"{t.host} answers again but its Telnet CLI does not ({exc}); check "
                                            f"the version in the web UI ({t.web_url}).", t.web_url) from None
            self._sleep(s.probe_interval)

    def wait_and_verify(self) -> None:
        t, s = self.t, self.s
        if s.verify == "none":
            self.warnings.append("the restart and the new firmware were not verified (--verify none)")
            return
        channel = "Telnet" if s.verify == "telnet" else "Modbus TCP"
        started = time.monotonic()
        deadline = started + s.restart_timeout
        gone = False
        version: str | None = None
        self.event("restart", f"waiting for the unit to restart (probing {channel})", remaining=s.restart_timeout,
                   total=s.restart_timeout)
        while True:
            self.check_stop()
            answers = self.probe()
            now = time.monotonic()
            if not answers and not gone:
                gone = True
                self.event("restart", "the unit went away: restarting")
            elif answers and gone:
                break
            if not gone and now - started >= s.gone_timeout:
                if s.verify == "telnet":  # it may have restarted between two probes
                    version = self.read_version(deadline)
                    if version != self.version_before:
                        break
                raise _Failed("restart", f"{t.host} did not restart within {s.gone_timeout:.0f} s after the upload "
                                         f"(it kept answering over {channel}): the update was probably not "
                                         f"applied. Check the unit and flash again.")
            if now >= deadline:
                raise _Failed("restart", f"{t.host} did not come back within {s.restart_timeout:.0f} s after the "
                                         f"upload ({channel}): check the unit's power and network, and its "
                                         f"web page {t.web_url}.", t.web_url)
            remaining = deadline - now
            self.event("restart", f"{'restarting' if gone else 'waiting for the restart'}: "
                                  f"{remaining:.0f} s left", remaining=remaining, total=s.restart_timeout)
            self._sleep(min(s.probe_interval, max(0.0, deadline - time.monotonic())))
        self.event("verify", f"the unit answers again over {channel} after {time.monotonic() - started:.1f} s")
        if s.verify == "telnet":
            if version is None:
                version = self.read_version(deadline)
            self.version_after = version
            if version == self.version_before:
                raise _Failed("verify", f"{t.host} restarted but still reports firmware version {version}: the "
                                        f"update was not applied (or the file holds the same version).")
            self.event("verify", f"firmware version {self.version_before} -> {version}")

    def _sleep(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while True:
            self.check_stop()
            left = end - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(left, 0.1))

    # -- thresholds ------------------------------------------------------------------------
    def thresholds_after(self) -> None:
        t, s = self.t, self.s
        if self.backup is None:
            return
        if s.verify == "none":
            self.warnings.append(f"thresholds not compared (--verify none); the backup is {self.backup_path}")
            return
        self.event("thresholds", "comparing the thresholds with the backup")
        deadline = time.monotonic() + max(s.restart_timeout, 5.0)
        while True:
            self.check_stop()
            try:
                now = read_unit_thresholds(t, s.probe_timeout)
                break
            except LinkError as exc:
                if time.monotonic() >= deadline:
                    self.warnings.append(f"the thresholds could not be read after the restart ({exc}); the "
                                         f"backup is {self.backup_path}")
                    return
            self._sleep(s.probe_interval)
        self.changed = compare_thresholds(self.backup, now)
        if not self.changed:
            self.event("thresholds", "the thresholds are as before the update")
            return
        self.event("thresholds", f"{len(self.changed)} threshold(s) differ from the backup: "
                                 + "; ".join(str(c) for c in self.changed))
        if s.restore is None:
            wanted = self.h.ask_restore(t, self.changed)
        else:
            wanted = s.restore
        if not wanted:
            self.restored = False
            self.warnings.append(f"{len(self.changed)} threshold(s) differ from the backup and were not restored; "
                                 f"restore them with: bps-commissioner thresholds apply {self.backup_path} "
                                 f"--tcp {t.host}:{t.modbus_port} --units {t.unit}")
            return
        self.restore()

    def restore(self) -> None:
        from bps_commissioner.services.thresholds import write_thresholds

        t, s = self.t, self.s
        assert self.backup is not None and self.changed is not None
        self.event("thresholds", f"restoring {len(self.changed)} threshold(s) from {self.backup_path}")
        wanted = {c.setting: self.backup[c.setting] for c in self.changed}
        audit = AuditLog(s.audit_path or default_audit_path())
        link = TcpLink(t.host, t.modbus_port, timeout=s.probe_timeout)
        try:
            report = write_thresholds(link, [t.unit], wanted, max(RATINGS), audit=audit,
                                      should_stop=self.h.should_stop)
        finally:
            link.close()
        if report.ok:
            self.restored = True
            self.event("thresholds", f"restored {report.written} register(s), each read back")
            return
        self.restored = False
        problems = [str(p) for p in report.refused]
        for unit in report.units:
            problems += [f"{r.setting}: {r.reason}" for r in unit.not_applied]
        problems += list(report.audit_errors)
        raise _Failed("restore", "the thresholds could not all be restored: " + "; ".join(problems)
                      + f". The backup is {self.backup_path}")

    def summary(self) -> str:
        u = self.upload
        parts = ["ok"]
        if self.version_before or self.version_after:
            parts.append(f"version {self.version_before or '?'} -> {self.version_after or '?'}")
        if u is not None:
            parts.append(f"{u.bytes} bytes in {u.seconds:.1f} s, {u.retransmissions} retransmissions")
        return ", ".join(parts)


def _first_line(exc: BaseException) -> str:
    """A Telnet error's message without the raw dialogue appended to it."""
    return str(exc).split("\n--- raw Telnet dialogue", 1)[0]


# --- the public entry points --------------------------------------------------------------------

def flash_host(firmware: Firmware, target: FlashTarget, settings: FlashSettings | None = None,
               hooks: FlashHooks | None = None) -> FlashResult:
    """Flash one host; never raises for the unit's failure (see :class:`FlashResult`)."""
    return _HostFlash(firmware, target, settings or FlashSettings(), hooks or FlashHooks()).run()


def flash_hosts(firmware: Firmware, targets: list[FlashTarget] | tuple[FlashTarget, ...],
                settings: FlashSettings | None = None, hooks: FlashHooks | None = None,
                on_result: Callable[[FlashResult], None] | None = None) -> list[FlashResult]:
    """Flash ``targets`` one after another. A failed host does not stop the batch; a cancel
    does: the hosts not started are reported failed with cause ``cancelled``."""
    settings = settings or FlashSettings()
    hooks = hooks or FlashHooks()
    results: list[FlashResult] = []
    for target in targets:
        if results and results[-1].cause == "cancelled" or (hooks.should_stop() and results):
            result = FlashResult(target.host, FAILED, error="not flashed: the batch was cancelled", cause="cancelled")
        else:
            result = flash_host(firmware, target, settings, hooks)
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results


class FlashThread(QThread):
    """A batch on a thread of its own, for the GUI. The GUI confirms before it starts the
    thread (``confirmed=True``); ``restore`` in ``settings`` must be True or False here (a
    thread does not ask). Cancel with :meth:`cancel`; the results arrive by signals."""

    flashEvent = Signal(object)  # FlashEvent (a step, upload progress, the restart countdown)
    hostFinished = Signal(object)  # FlashResult
    batchFinished = Signal(object)  # tuple[FlashResult, ...]

    def __init__(self, firmware: Firmware, targets: list[FlashTarget], settings: FlashSettings, *,
                 confirmed: bool, password: Any = None, parent: Any = None):
        super().__init__(parent)
        self.setObjectName("FlashThread")
        self.firmware = firmware
        self.targets = list(targets)
        self.settings = settings
        self._confirmed = confirmed
        self._password = password
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        hooks = FlashHooks(on_event=self.flashEvent.emit, confirm=lambda *_: self._confirmed,
                           should_stop=self._cancel.is_set, password=lambda _t: self._password)
        results = flash_hosts(self.firmware, self.targets, self.settings, hooks, on_result=self.hostFinished.emit)
        self.batchFinished.emit(tuple(results))


def flash_job(firmware: Firmware, targets: list[FlashTarget], settings: FlashSettings, *, confirmed: bool,
              password: Any = None,
              on_event: Callable[[FlashEvent], None] | None = None) -> Callable[["JobContext"], list[FlashResult]]:
    """A LinkWorker job running a batch (it opens its own connections: the unit restarts).
    Its progress is ``(done, total, text)``: bytes during the upload, seconds of the restart
    countdown; cancelling the job cancels the batch. JobResult.value: the list of results."""

    def job(ctx: "JobContext") -> list[FlashResult]:
        def report(e: FlashEvent) -> None:
            if on_event is not None:
                on_event(e)
            if e.upload is not None:
                ctx.progress(e.upload.bytes_done, e.upload.bytes_total, f"{e.host}: {e.text}")
            elif e.remaining is not None and e.total:
                ctx.progress(int(e.total - e.remaining), int(e.total), f"{e.host}: {e.text}")
            else:
                ctx.progress(0, 0, f"{e.host}: {e.text}")

        hooks = FlashHooks(on_event=report, confirm=lambda *_: confirmed, should_stop=lambda: ctx.cancelled,
                           password=lambda _t: password)
        return flash_hosts(firmware, targets, settings, hooks)

    return job


__all__ = [
    "ENABLE_UPDATE_HINT", "ENV_DATA_DIR", "FAILED", "OK", "STEPS", "UPDATE_WARNING", "VERIFY_MODES",
    "Firmware", "FirmwareFileError", "FlashEvent", "FlashHooks", "FlashResult", "FlashSettings", "FlashTarget",
    "FlashThread", "Preflight", "ThresholdChange", "compare_thresholds", "data_dir", "default_audit_path",
    "default_backup_dir", "flash_host", "flash_hosts", "flash_job", "load_firmware", "read_firmware_version",
    "read_unit_thresholds", "save_backup", "telnet_available", "web_url",
]
