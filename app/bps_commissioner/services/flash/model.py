"""What a flash is about, as data: the firmware file, a target master, the settings, the
progress events and a host's result. No I/O but reading the firmware file."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from bps_commissioner.device.limits import format_value
from bps_commissioner.device.ports import MODBUS_TCP_PORT, TELNET_PORT, TFTP_PORT
from bps_commissioner.services.paths import data_dir
from bps_commissioner.transport.tftp import TftpProgress

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
    ``total`` during the restart countdown; ``countdown`` True for a tick of that countdown
    (a terminal rewrites its line for those)."""

    host: str
    step: str
    text: str
    upload: TftpProgress | None = None
    remaining: float | None = None
    total: float | None = None
    countdown: bool = False


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


__all__ = [
    "ENABLE_UPDATE_HINT", "FAILED", "OK", "STEPS", "UPDATE_WARNING", "VERIFY_MODES", "Firmware",
    "FirmwareFileError", "FlashEvent", "FlashResult", "FlashSettings", "FlashTarget", "Preflight", "ThresholdChange",
    "default_backup_dir", "load_firmware", "web_url",
]
