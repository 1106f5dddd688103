"""How the flasher reaches a unit and its caller: the hooks (confirmation, restore question,
cancel, password, and the Modbus link a threshold read or restore goes through), the
Telnet version read, and the threshold backup file.

Modbus: every threshold read and write of a flash goes through ``hooks.run_on_link(target,
fn, timeout)``, which calls ``fn(link)`` with a Modbus link to the master. The default
(:func:`run_on_own_link`, the CLI's) opens a TCP connection of its own for the call; the
window passes one that runs ``fn`` as a job on the worker that already polls the master
(services/flash/links.py), so that no second connection is opened to a unit a worker holds.
Telnet (the version read) and TFTP (the upload) are protocols of their own and open their
own connections."""

from __future__ import annotations

import datetime
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping, TypeVar

from bps_commissioner.services.clock import SYSTEM, Clock
from bps_commissioner.device.profile import profile_from_thresholds
from bps_commissioner.services.flash.model import (
    FlashEvent, FlashTarget, Preflight, ThresholdChange, default_backup_dir,
)
from bps_commissioner.transport.errors import LinkError
from bps_commissioner.transport.tcp import TcpLink

if TYPE_CHECKING:
    from bps_commissioner.transport.modbus import ModbusLink

T = TypeVar("T")
#: ``run_on_link(target, fn, timeout)``: ``fn(link)`` with a Modbus link to ``target``.
LinkRunner = Callable[[FlashTarget, Callable[["ModbusLink"], Any], float], Any]


def run_on_own_link(target: FlashTarget, fn: Callable[["ModbusLink"], T], timeout: float) -> T:
    """``fn(link)`` over a Modbus TCP connection of its own to the target, closed after.
    Raises LinkError."""
    link = TcpLink(target.host, target.modbus_port, timeout=timeout)
    try:
        return fn(link)
    finally:
        link.close()


def _never(*_: Any) -> bool:
    return False


def _ignore(*_: Any) -> None:
    return None


@dataclass
class FlashHooks:
    """What the flasher asks its caller. The defaults are the safe answers: no confirmation
    (nothing is uploaded), no restore, no password; Modbus over a connection of its own."""

    on_event: Callable[[FlashEvent], None] = _ignore
    confirm: Callable[[FlashTarget, Preflight], bool] = _never
    ask_restore: Callable[[FlashTarget, tuple[ThresholdChange, ...]], bool] = _never
    should_stop: Callable[[], bool] = _never
    password: Callable[[FlashTarget], Any] = _ignore  # a Secret (or str); None: none available
    run_on_link: LinkRunner = run_on_own_link
    #: what the restart wait and the retries wait on (a test gives a fake clock)
    clock: Clock = SYSTEM


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


def read_unit_thresholds(target: FlashTarget, timeout: float,
                         run_on_link: LinkRunner | None = None) -> dict[str, float | int]:
    """The master's alarm thresholds over Modbus TCP (through ``run_on_link``, default a
    connection of its own). Raises LinkError."""
    from bps_commissioner.services.thresholds import read_thresholds

    run = run_on_link or run_on_own_link
    return run(target, lambda link: read_thresholds(link, target.unit), timeout)


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


def first_line(exc: BaseException) -> str:
    """A Telnet error's message without the raw dialogue appended to it."""
    return str(exc).split("\n--- raw Telnet dialogue", 1)[0]


__all__ = [
    "FlashHooks", "LinkRunner", "compare_thresholds", "first_line", "read_firmware_version", "read_unit_thresholds",
    "run_on_own_link", "save_backup", "telnet_available",
]
