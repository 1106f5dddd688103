"""One host's flash, step by step: pre-flight, confirmation, upload, restart wait,
verification, threshold comparison and restore (see services/flasher.py for the steps).
Nothing here raises for the unit's failure: :meth:`HostFlash.run` returns a FlashResult."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

from bps_commissioner.device.limits import RATINGS
from bps_commissioner.services.audit import APPLIED, REFUSED, UNCONFIRMED, AuditError, AuditLog, default_audit_path
from bps_commissioner.services.flash.access import (
    FlashHooks, first_line, read_firmware_version, read_unit_thresholds, save_backup, compare_thresholds,
)
from bps_commissioner.services.flash.model import (
    ENABLE_UPDATE_HINT, FAILED, OK, Firmware, FlashEvent, FlashResult, FlashSettings, FlashTarget, Preflight,
    ThresholdChange, default_backup_dir,
)
from bps_commissioner.transport.errors import LinkError
from bps_commissioner.transport.tftp import (
    TftpCancelled, TftpClient, TftpError, TftpNoAnswer, TftpProgress, TftpRemoteError, TftpResult,
)


class _Failed(Exception):
    def __init__(self, cause: str, message: str, web: str | None = None):
        super().__init__(message)
        self.cause = cause
        self.web = web


class _Cancelled(Exception):
    pass


class HostFlash:
    def __init__(self, firmware: Firmware, target: FlashTarget, settings: FlashSettings, hooks: FlashHooks):
        self.fw = firmware
        self.t = target
        self.s = settings
        self.h = hooks
        self.start = self.h.clock.monotonic()
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
            total_seconds=self.h.clock.monotonic() - self.start, uploaded=self.uploaded)

    # -- the steps -------------------------------------------------------------------------
    def run(self) -> FlashResult:
        try:
            self.check_stop()
            pre = self.preflight()
            self.event("confirm", "waiting for confirmation")
            if not self.h.confirm(self.t, pre):
                raise _Failed("not_confirmed", "not confirmed: nothing was sent")
            self.check_stop()
            self.audit_intent()
            self.do_upload()
            self.wait_and_verify()
            self.audit_outcome(APPLIED if self.s.verify == "telnet" else UNCONFIRMED,
                               "" if self.s.verify == "telnet" else f"not verified (--verify {self.s.verify})")
            self.thresholds_after()
            self.event("done", self.summary())
            return self.result()
        except _Failed as exc:
            self.audit_outcome(UNCONFIRMED if self.uploaded or exc.cause == "no_answer" else REFUSED, str(exc))
            self.event("done", f"failed: {exc}")
            return self.result(exc)
        except (_Cancelled, KeyboardInterrupt):
            self.audit_outcome(UNCONFIRMED if self.upload_started else REFUSED, "cancelled")
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
                raise _Failed("preflight", f"cannot read the firmware version over Telnet: {first_line(exc)}") \
                    from None
            answered = True
            self.event("preflight", f"firmware version {self.version_before}")
        if s.backup or s.verify == "modbus":
            self.event("preflight", f"reading the alarm thresholds over Modbus TCP ({t.host}:{t.modbus_port} "
                                    f"unit {t.unit})")
            try:
                present = read_unit_thresholds(t, s.probe_timeout, self.h.run_on_link)
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

    # -- audit (write-ahead) ----------------------------------------------------------------
    def audit_intent(self) -> None:
        """The intent line (fsynced) before the first TFTP packet: the upload and the restart
        it causes. A log that cannot be written sends nothing."""
        t = self.t
        try:
            self.audit_id = self.audit_log.intent(
                link=f"tftp:{t.host}:{t.tftp_port}", unit=t.unit, action="firmware-upload", setting="firmware",
                old=self.version_before, new=self.fw.name, size=self.fw.size)
        except AuditError as exc:
            raise _Failed("audit", f"{exc}: nothing was sent") from None

    def audit_outcome(self, outcome: str, reason: str) -> None:
        if not getattr(self, "audit_id", ""):
            return
        t, intent_id, self.audit_id = self.t, self.audit_id, ""
        try:
            self.audit_log.outcome(intent_id, outcome, reason, link=f"tftp:{t.host}:{t.tftp_port}", unit=t.unit,
                                   action="firmware-upload", setting="firmware", old=self.version_before,
                                   new=self.fw.name, version_after=self.version_after)
        except AuditError as exc:
            self.warnings.append(str(exc))

    @property
    def audit_log(self) -> AuditLog:
        return AuditLog(self.s.audit_path or default_audit_path())

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
            read_unit_thresholds(t, s.probe_timeout, self.h.run_on_link)
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
                if self.h.clock.monotonic() >= deadline:
                    raise _Failed("verify", f"{t.host} answers again but its Telnet CLI does not ({exc}); check "
                                            f"the version in the web UI ({t.web_url}).", t.web_url) from None
            self._sleep(s.probe_interval)

    def wait_and_verify(self) -> None:
        t, s = self.t, self.s
        if s.verify == "none":
            self.warnings.append("the restart and the new firmware were not verified (--verify none)")
            return
        channel = "Telnet" if s.verify == "telnet" else "Modbus TCP"
        started = self.h.clock.monotonic()
        deadline = started + s.restart_timeout
        gone = False
        version: str | None = None
        self.event("restart", f"waiting for the unit to restart (probing {channel})", remaining=s.restart_timeout,
                   total=s.restart_timeout)
        while True:
            self.check_stop()
            answers = self.probe()
            now = self.h.clock.monotonic()
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
                                  f"{remaining:.0f} s left", remaining=remaining, total=s.restart_timeout,
                       countdown=True)
            self._sleep(min(s.probe_interval, max(0.0, deadline - self.h.clock.monotonic())))
        self.event("verify", f"the unit answers again over {channel} after {self.h.clock.monotonic() - started:.1f} s")
        if s.verify == "telnet":
            if version is None:
                version = self.read_version(deadline)
            self.version_after = version
            if version == self.version_before:
                raise _Failed("verify", f"{t.host} restarted but still reports firmware version {version}: the "
                                        f"update was not applied (or the file holds the same version).")
            self.event("verify", f"firmware version {self.version_before} -> {version}")

    def _sleep(self, seconds: float) -> None:
        end = self.h.clock.monotonic() + seconds
        while True:
            self.check_stop()
            left = end - self.h.clock.monotonic()
            if left <= 0:
                return
            self.h.clock.sleep(min(left, 0.1))

    # -- thresholds ------------------------------------------------------------------------
    def thresholds_after(self) -> None:
        t, s = self.t, self.s
        if self.backup is None:
            return
        if s.verify == "none":
            self.warnings.append(f"thresholds not compared (--verify none); the backup is {self.backup_path}")
            return
        self.event("thresholds", "comparing the thresholds with the backup")
        deadline = self.h.clock.monotonic() + max(s.restart_timeout, 5.0)
        while True:
            self.check_stop()
            try:
                now = read_unit_thresholds(t, s.probe_timeout, self.h.run_on_link)
                break
            except LinkError as exc:
                if self.h.clock.monotonic() >= deadline:
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
        try:
            report = self.h.run_on_link(t, lambda link: write_thresholds(
                link, [t.unit], wanted, max(RATINGS), audit=audit, should_stop=self.h.should_stop), s.probe_timeout)
        except LinkError as exc:
            raise _Failed("restore", f"the thresholds could not be restored: {exc}. The backup is "
                                     f"{self.backup_path}") from None
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


def flash_host(firmware: Firmware, target: FlashTarget, settings: FlashSettings | None = None,
               hooks: FlashHooks | None = None) -> FlashResult:
    """Flash one host; never raises for the unit's failure (see :class:`FlashResult`)."""
    return HostFlash(firmware, target, settings or FlashSettings(), hooks or FlashHooks()).run()


__all__ = ["HostFlash", "flash_host"]
