"""Finding the units on an RS485 bus: a fast scan, bus-settings detection, address conflicts.

Each address gets one short read (registers 0..2, the voltages). The wait for its reply is
derived from the bus: the request's and the reply's bytes at the baud rate, plus
``reply_wait`` for the unit to turn around and the USB adapter to deliver (the BPS2000v2's
turnaround is not documented; 50 ms covers the simulator's 5 ms and an FTDI adapter's 16 ms
latency timer with room to spare). A silent address therefore costs ~75 ms at 9600 baud,
not pymodbus's 3 s x 3 retries.

A hit is confirmed by a second read of the whole unit. An address whose replies arrive but
are garbled (bad CRC, cut short) on every try is most likely two units on one address: it is
listed under ``conflicts``, not ``found``, and the scan goes on.
"""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass
import dataclasses
from typing import IO, Any, Callable, Iterable, Sequence

from bps_commissioner.device.bus import BAUD_RATES, BusSettings
from bps_commissioner.device.decode import UnitReading
from bps_commissioner.device.registers import MONITORED, PHASES, Section, quantities
from bps_commissioner.transport.errors import (
    FrameError, LinkError, ModbusExceptionError, NoReplyError, PortError,
)
from bps_commissioner.transport.modbus import read_request
from bps_commissioner.transport.rtu import RtuLink

DEFAULT_REPLY_WAIT = 0.050
#: Progress steps of a scan job (``Progress.step``): SCAN_DETECT while trying bus settings
#: (data ``settings``: the BusSettings), SCAN_ADDRESS while probing an address (``address``).
SCAN_DETECT = "detect"
SCAN_ADDRESS = "scan"
GARBLED_TRIES = 3  # garbled replies in a row that make an address a conflict
PROBE_COUNT = 3  # registers read per probe: the three voltages

CONFLICT_ADVICE = ("Two or more units seem to share address {address}: their replies collide. "
                   "Give one of them another address on its LCD or web page, then scan again.")

#: The order ``--auto`` tries bus settings in: the factory 9600 8N1 first, then the other
#: baud rates by how common they are, parity none/even/odd, 1 then 2 stop bits.
AUTO_BAUD_ORDER = (9600, 19200, 4800, 38400)


def auto_candidates() -> list[BusSettings]:
    assert sorted(AUTO_BAUD_ORDER) == sorted(BAUD_RATES)
    return [BusSettings(b, p, s) for b in AUTO_BAUD_ORDER for s in (1, 2) for p in ("N", "E", "O")]


def summary(reading: UnitReading) -> dict[str, Any]:
    """The short description of a found unit."""
    d = reading.to_dict()
    phases = PHASES[: d["phases"]]
    probes = [q.key for q in quantities(Section.SENSORS) if d["sensors"].get(q.field) is not None]
    alarms = {m.key: d["alarms"][m.key] for m in MONITORED if d["alarms"].get(m.key, "normal") != "normal"}
    return {"address": reading.address, "phases": d["phases"],
            "voltage": [d["readings"][p]["voltage"] for p in phases],
            "current": [d["readings"][p]["current"] for p in phases],
            "frequency": d["readings"]["L1"]["frequency"],
            "probes": probes, "alarms": alarms}


@dataclass(frozen=True)
class ScanResult:
    settings: BusSettings | None  # None: --auto found no setting at which a unit answers
    found: tuple[UnitReading, ...] = ()
    conflicts: tuple[int, ...] = ()
    errors: tuple[tuple[int, str], ...] = ()  # addresses that answered oddly (e.g. an exception)
    elapsed_s: float = 0.0
    cancelled: bool = False

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "settings": None if self.settings is None else self.settings.to_dict(),
            "found": [summary(r) for r in self.found],
            "conflicts": list(self.conflicts),
            "elapsed_s": round(self.elapsed_s, 2),
        }
        if self.errors:
            out["errors"] = [{"address": a, "error": e} for a, e in self.errors]
        if self.cancelled:
            out["cancelled"] = True
        return out

    def write_csv(self, stream: IO[str]) -> int:
        """The units found, then the conflicting and odd addresses, as CSV (comma separated,
        decimal point, columns named like :func:`summary`'s keys, a list's items as
        ``_l1``.. columns or ``;``-separated). Returns the number of rows written."""
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        rows = 0
        conflicts, errors = set(self.conflicts), dict(self.errors)
        for reading in self.found:
            d = summary(reading)
            row: dict[str, Any] = {"address": d["address"], "phases": d["phases"], "frequency": d["frequency"],
                                   "probes": ";".join(d["probes"]),
                                   "alarms": ";".join(f"{k}={v}" for k, v in d["alarms"].items()),
                                   "conflict": "false", "error": errors.pop(reading.address, "")}
            for field in ("voltage", "current"):
                for phase, value in zip(PHASES, d[field]):
                    row[f"{field}_{phase.lower()}"] = value
            writer.writerow(["" if row.get(c) is None else row.get(c, "") for c in CSV_COLUMNS])
            rows += 1
        for address in sorted(conflicts | set(errors)):
            row = {"address": address, "conflict": "true" if address in conflicts else "false",
                   "error": errors.get(address, "")}
            writer.writerow([row.get(c, "") for c in CSV_COLUMNS])
            rows += 1
        return rows


#: The columns of :meth:`ScanResult.write_csv`.
CSV_COLUMNS = ("address", "phases", *(f"voltage_{p.lower()}" for p in PHASES),
               *(f"current_{p.lower()}" for p in PHASES), "frequency", "probes", "alarms", "conflict", "error")


Progress = Callable[[str, int, int], None]  # text, done, total
Cancelled = Callable[[], bool]


class Scanner:
    """Scans one serial link. Not thread-safe: runs in the link's worker (or the CLI)."""

    def __init__(self, link: RtuLink, *, reply_wait: float = DEFAULT_REPLY_WAIT,
                 progress: Progress | None = None, cancelled: Cancelled | None = None):
        self.link = link
        self.reply_wait = reply_wait
        self._progress = progress or (lambda text, done, total: None)
        self._cancelled = cancelled or (lambda: False)

    def probe(self, address: int) -> str:
        """One short read: "reply", "silent", "garbled" or "exception"."""
        try:
            self.link.transact(address, read_request(address, 0, PROBE_COUNT), timeout=self.reply_wait)
            return "reply"
        except NoReplyError:
            return "silent"
        except FrameError:
            return "garbled"
        except ModbusExceptionError:
            return "exception"

    def scan(self, addresses: Sequence[int], settings: BusSettings | None = None) -> ScanResult:
        """Scan ``addresses`` at ``settings`` (default: the link's present settings)."""
        start = time.monotonic()
        if settings is not None and settings != self.link.settings:
            self.link.reconfigure(settings)
        found: list[UnitReading] = []
        conflicts: list[int] = []
        errors: list[tuple[int, str]] = []
        cancelled = False
        bus = self.link.settings
        for i, address in enumerate(addresses):
            if self._cancelled():
                cancelled = True
                break
            self._progress(f"{bus}: address {address}, {len(found)} found", i, len(addresses))
            outcome = self.probe(address)
            if outcome == "silent":
                continue
            retries = GARBLED_TRIES - 1
            while outcome == "garbled" and retries:
                outcome = self.probe(address)
                retries -= 1
            if outcome == "garbled":
                conflicts.append(address)
                continue
            if outcome == "silent":
                continue
            try:  # confirm with a second read: the whole unit
                found.append(self.link.read_unit(address))
            except FrameError:
                if self.probe(address) == "garbled":
                    conflicts.append(address)
            except NoReplyError:
                pass  # a one-off: noise that looked like a reply
            except LinkError as exc:
                errors.append((address, str(exc)))
        self._progress(f"{bus}: done, {len(found)} found", len(addresses), len(addresses))
        return ScanResult(bus, tuple(found), tuple(conflicts), tuple(errors), time.monotonic() - start, cancelled)

    def detect(self, addresses: Sequence[int],
               candidates: Iterable[BusSettings] | None = None) -> BusSettings | None:
        """The first bus settings at which any of ``addresses`` answers with a valid frame.
        Its probes are not counted against the units (the link's ``outcome_observer``, the
        per-unit counters, is off meanwhile): silence at wrong settings is not a unit's fault."""
        observer = getattr(self.link, "outcome_observer", None)
        self.link.outcome_observer = None
        try:
            return self._detect(addresses, candidates)
        finally:
            self.link.outcome_observer = observer

    def _detect(self, addresses: Sequence[int], candidates: Iterable[BusSettings] | None) -> BusSettings | None:
        tried = 0
        candidates = list(candidates or auto_candidates())
        for settings in candidates:
            try:
                self.link.reconfigure(settings)
            except PortError:
                # the adapter refuses these settings (a Linux pseudo-terminal refuses some
                # parity changes): they cannot be tried, go on with the next
                tried += 1
                continue
            for address in addresses:
                if self._cancelled():
                    return None
                self._progress(f"trying {settings}: address {address}", tried, len(candidates))
                if self.probe(address) in ("reply", "exception"):
                    return settings
            tried += 1
        return None

    def auto_scan(self, addresses: Sequence[int]) -> ScanResult:
        start = time.monotonic()
        settings = self.detect(addresses)
        if settings is None:
            return ScanResult(None, elapsed_s=time.monotonic() - start, cancelled=self._cancelled())
        result = self.scan(addresses, settings)
        return ScanResult(result.settings, result.found, result.conflicts, result.errors,
                          time.monotonic() - start, result.cancelled)


def scan_job(addresses: list[int], settings: BusSettings | None = None, auto: bool = False,
             reply_wait: float = DEFAULT_REPLY_WAIT) -> Callable[[Any], ScanResult]:
    """The scan of a serial link as a job on its worker (the window's Scan dialog, the CLI's
    ``scan``): ``settings`` to scan at (default: the link's), or ``auto`` to detect them
    first. Progress: step SCAN_DETECT (data ``settings``) or SCAN_ADDRESS (``address``).
    The link is left at its own settings afterwards."""

    def job(ctx: Any) -> ScanResult:
        link: Any = ctx.link  # an RtuLink: the endpoint is a SerialEndpoint
        original = link.settings
        start = time.monotonic()

        def on_progress(_text: str, done: int, total: int) -> None:
            address = addresses[min(done, len(addresses) - 1)]
            ctx.progress(done, total, f"scanning address {address}", step=SCAN_ADDRESS, address=address)

        scanner = Scanner(link, reply_wait=reply_wait, progress=on_progress, cancelled=lambda: ctx.cancelled)
        try:
            target = settings
            if auto:
                candidates = auto_candidates()
                target = None
                for i, candidate in enumerate(candidates):
                    if ctx.cancelled:
                        return ScanResult(None, elapsed_s=time.monotonic() - start, cancelled=True)
                    ctx.progress(i, len(candidates), f"trying {candidate}", step=SCAN_DETECT, settings=candidate)
                    if scanner.detect(addresses, [candidate]) is not None:
                        target = candidate
                        break
                if target is None:
                    return ScanResult(None, elapsed_s=time.monotonic() - start, cancelled=ctx.cancelled)
            result = scanner.scan(addresses, target)
            return dataclasses.replace(result, elapsed_s=time.monotonic() - start)
        finally:
            if link.settings != original:
                link.reconfigure(original)

    return job



