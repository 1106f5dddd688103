"""A new master's set-up over Telnet as one job: read, change, restart, verify at the new address.

The order (issue 16): the caller validates everything offline (device/provisioning.py);
the job logs in, reads menus 2-7, checks the network as it will be, refuses an address
something already answers at (transport/probe.py), computes the changes (nothing to do:
it says so and sends nothing), asks ``confirm(changes, warnings)`` when given, then for
each change writes the audit intent, sets the item and reads the menu back
(services/telnet_settings.py: a value the unit does not show stops everything, with the raw
dialogue), restarts when asked (audited), waits for the unit at its new address with a
countdown, logs in there with the new password, re-reads every menu and verifies every
value. The new password is saved in the system keyring under the new address when one is
available, and never printed, logged or written to the audit log.

The job runs on a network worker (services/jobs.py ``run_job`` for the CLI, the window's
wizard through LinkManager.submit_network); progress steps: ``login``, ``read``, ``probe``,
``apply``, ``restart``, ``wait``, ``verify``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from typing import Any, Callable

from bps_commissioner.device import provisioning as pv
from bps_commissioner.device import telnet_menus as tm
from bps_commissioner.device.faults import Fault, FaultKind
from bps_commissioner.device.ports import HTTP_PORT, MODBUS_TCP_PORT, TELNET_PORT
from bps_commissioner.services import logs, secrets
from bps_commissioner.services.audit import APPLIED, REFUSED, UNCONFIRMED, AuditError, AuditLog
from bps_commissioner.services.clock import SYSTEM as SYSTEM_CLOCK, Clock
from bps_commissioner.services.jobs import Cancelled, JobFailed, fault_of
from bps_commissioner.services.telnet_settings import Settings, SettingNotShown, read_settings, restart, set_item
from bps_commissioner.transport import probe
from bps_commissioner.transport.errors import LinkError
from bps_commissioner.transport.telnet import DEFAULT_TIMEOUT, FACTORY_USER, TelnetSession

#: How long to wait for the unit to stop answering after "restart" before waiting for it back.
GONE_WAIT_S = 15.0


@dataclass(frozen=True)
class ProvisionTarget:
    """The master as it is reached now: its address, Telnet port, account; the ports probed
    at a new address (Modbus TCP, HTTP)."""

    host: str
    telnet_port: int = TELNET_PORT
    user: str = FACTORY_USER
    timeout: float = DEFAULT_TIMEOUT
    modbus_port: int = MODBUS_TCP_PORT
    http_port: int = HTTP_PORT

    def describe(self, host: str | None = None) -> str:
        return f"{host or self.host}:{self.telnet_port}"


@dataclass(frozen=True)
class ProvisionRequest:
    wanted: pv.Wanted
    password: Any  # the login password (a services.secrets.Secret)
    new_password: Any = None  # a Secret, or None: unchanged
    restart: bool = False
    restart_timeout: float = 120.0
    dry_run: bool = False
    table: tm.DialogueTable = tm.DEFAULT_TABLE
    probe_icmp: bool = True


@dataclass
class ProvisionResult:
    """What a provisioning did (no secrets in it)."""

    host: str  # where the unit was reached
    final_host: str  # where it is now
    before: dict[str, str | None] = field(default_factory=dict)  # secrets masked
    after: dict[str, str | None] = field(default_factory=dict)
    changes: list[pv.Change] = field(default_factory=list)
    applied: list[str] = field(default_factory=list)  # keys read back as sent
    warnings: list[str] = field(default_factory=list)  # English (the CLI)
    warning_items: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (code, data): the window
    notes: list[str] = field(default_factory=list)
    restarted: bool = False
    verified: bool = False
    nothing_to_do: bool = False
    dry_run: bool = False
    skew_before_s: float | None = None
    skew_after_s: float | None = None
    password_changed: bool = False
    password_saved: str = ""  # where the new password went (English)
    password_keyring: str = ""  # the keyring entry it was saved as; "" when not saved
    restart_s: float | None = None  # from "restart" to the login at the new address
    user: str | None = None
    dialogue: str = ""  # every Telnet session's raw exchange, passwords hidden (for a transcript)

    def to_dict(self) -> dict[str, Any]:
        return {"host": self.host, "final_host": self.final_host, "ok": self.verified or self.nothing_to_do
                or self.dry_run, "dry_run": self.dry_run, "nothing_to_do": self.nothing_to_do,
                "changes": [c.to_dict() for c in self.changes], "applied": list(self.applied),
                "restarted": self.restarted, "verified": self.verified, "restart_s": self.restart_s,
                "clock_skew_before_s": self.skew_before_s, "clock_skew_after_s": self.skew_after_s,
                "password_changed": self.password_changed, "password_saved": self.password_saved,
                "warnings": list(self.warnings), "notes": list(self.notes), "before": dict(self.before),
                "after": dict(self.after)}


def _laptop_now(utc: bool) -> datetime.datetime:
    now = datetime.datetime.now(datetime.timezone.utc) if utc else datetime.datetime.now()
    return now.replace(tzinfo=None)


def _fail(kind: FaultKind, message: str, target: ProvisionTarget, detail: str = "", **data: Any) -> JobFailed:
    return JobFailed(Fault(kind, message, link=target.describe(), detail=detail, data=data))


def login(target: ProvisionTarget, password: Any, host: str | None = None) -> TelnetSession:
    session = TelnetSession(host or target.host, target.telnet_port, timeout=target.timeout)
    session.login(target.user, password)
    return session


def show_job(target: ProvisionTarget, password: Any, table: tm.DialogueTable = tm.DEFAULT_TABLE,
             utc: bool = False) -> Callable[[Any], dict[str, Any]]:
    """A job: every setting menus 2-7 show (secrets masked), the account and the clock skew."""

    def job(ctx: Any) -> dict[str, Any]:
        ctx.progress(0, 2, f"logging in to {target.describe()}", step="login", host=target.host)
        session = login(target, password)
        try:
            ctx.progress(1, 2, "reading menus 2-7", step="read", host=target.host)
            settings = read_settings(session, table)
            session.logout()
        finally:
            session.close()
            dialogue = session.dialogue
        skew = pv.clock_skew(settings.values.get("clock"), _laptop_now(utc))
        return {"host": target.host, "user": settings.user, "settings": settings.public(table),
                "clock_skew_s": skew, "factory_login": session.factory_login,
                "warnings": pv.warnings_for(settings.values), "warning_items": pv.warning_items(settings.values),
                "dialogue": dialogue}

    return job


def _audit(audit: AuditLog | None, method: str, *args: Any, **kw: Any) -> str:
    if audit is None:
        return ""
    try:
        return getattr(audit, method)(*args, **kw)
    except AuditError as exc:
        if method == "intent":
            raise JobFailed(Fault(FaultKind.BAD_INPUT, f"{exc}: nothing further was sent")) from None
        return ""  # the change went out; its intent line stays as the record


class Provisioner:
    """The steps of one provisioning, run by :func:`provision_job` (in the worker's thread)."""

    def __init__(self, ctx: Any, target: ProvisionTarget, request: ProvisionRequest, audit: AuditLog | None,
                 confirm: Callable[[list[pv.Change], list[str]], bool] | None, clock: Clock) -> None:
        self.ctx, self.target, self.request, self.audit, self.confirm = ctx, target, request, audit, confirm
        self.clock = clock
        self.table = request.table
        self.result = ProvisionResult(target.host, target.host, dry_run=request.dry_run)
        self.session: TelnetSession | None = None
        self.steps = 0
        self.total = 0
        self._password_intent = ""  # the password change's intent, until its outcome is written

    # --- progress and cancel ------------------------------------------------------------

    def step(self, step: str, text: str, **data: Any) -> None:
        self.ctx.check()
        self.steps += 1
        self.ctx.progress(self.steps, max(self.total, self.steps), text, step=step, host=self.result.final_host,
                          **data)

    # --- the run ------------------------------------------------------------------------

    def run(self) -> ProvisionResult:
        req, target = self.request, self.target
        self.total = 4
        self.step("login", f"logging in to {target.describe()}")
        self.session = login(target, req.password)
        if req.new_password is not None:
            self.session.hide(req.new_password.reveal())
        try:
            return self._run_logged_in()
        finally:
            if self.session is not None:
                try:
                    self.session.logout()
                finally:
                    self.session.close()
                    self._keep(self.session)

    def _keep(self, session: TelnetSession) -> None:
        """Add a finished session's dialogue (passwords hidden) to the result's transcript."""
        self.result.dialogue += session.dialogue.rstrip("\n") + f"\n--- end of the session with {session.description} ---\n"

    def _run_logged_in(self) -> ProvisionResult:
        req, target, result = self.request, self.target, self.result
        session = self.session
        assert session is not None
        self.step("read", "reading menus 2-7")
        current = read_settings(session, self.table)
        result.user = current.user
        result.before = current.public(self.table)
        wanted = req.wanted
        problems = pv.merged_network_problems(current.values, wanted)
        if problems:
            raise _fail(FaultKind.BAD_INPUT, "refused, nothing was sent: " + "; ".join(problems), target)
        changes = pv.compute_changes(current.values, wanted, self.table)
        laptop = _laptop_now(wanted.clock_utc)
        result.skew_before_s = pv.clock_skew(current.values.get("clock"), laptop)
        if wanted.set_clock and (result.skew_before_s is None or abs(result.skew_before_s) > pv.CLOCK_TOLERANCE_S):
            changes.insert(0, pv.Change("clock", current.values.get("clock"), laptop.strftime(pv.CLOCK_FORMAT)))
        password_change = req.new_password is not None and req.new_password.reveal() != _reveal(req.password)
        if password_change:
            changes.insert(1 if changes and changes[0].key == "clock" else 0,
                           pv.Change("password", "x", "x", secret=True))
        after = {**current.values, **{c.key: c.new for c in changes if c.key not in ("clock", "password")}}
        result.warning_items = pv.warning_items(after, password_length=len(req.new_password) if password_change
                                                else None)
        result.warnings = [pv.warning_text(code, data) for code, data in result.warning_items]
        result.changes = changes
        new_host = wanted.values.get("network.address")
        pending = _pending_address(target.host, current.values.get("network.address"))
        if pending and new_host is None:  # saved by an earlier run, not yet in effect
            new_host = pv.canonical(tm.IPV4, current.values.get("network.address") or "")
            result.notes.append(f"the unit holds the address {new_host}, not yet in effect: it answers there after "
                                f"its restart")
        if not changes and not (req.restart and pending):
            result.nothing_to_do = True
            result.verified = True
            result.after = result.before
            result.notes.append("every setting already has the asked value: nothing was changed")
            return result
        advice = None
        if new_host and new_host != target.host:  # can this laptop follow the unit there?
            mask = wanted.values.get("network.mask") or current.values.get("network.mask") or pv.FACTORY_MASK
            try:
                gap = laptop_subnet_gap(new_host, pv.prefix_of(mask))
            except pv.ValueProblem:
                gap = None
            if gap is not None:
                advice = gap.text()
                self._warn(pv.NEW_SUBNET, address=new_host, advice=advice, network=gap.network,
                           windows=gap.windows, linux=gap.linux)
        if new_host and new_host != target.host and any(c.key == "network.address" for c in changes):
            if advice:
                # off this laptop's subnets an answer (a router's reset, a proxy) says nothing of the address
                self._warn(pv.NOT_PROBED, address=new_host)
            else:
                self._refuse_if_taken(new_host)
        if req.dry_run:
            result.after = result.before
            return result
        if self.confirm is not None and not self.confirm(list(changes), list(result.warnings)):
            raise Cancelled()
        self.total = self.steps + len(changes) + (3 if req.restart else 1)
        try:
            self._apply(session, changes)
        except BaseException as exc:
            self._close_password(UNCONFIRMED, f"the run stopped before a login with it: {_first_line(exc)}")
            raise
        login_password = req.new_password if result.password_changed else req.password
        if req.restart:
            self._restart_and_verify(new_host or target.host, login_password)
        else:
            self._relogin_and_verify(login_password)
            if any(c.applies == "restart" for c in changes):
                result.notes.append("network and HTTP settings take effect when the unit restarts (--restart)")
        self._save_password(login_password)
        return result

    def _apply(self, session: TelnetSession, changes: list[pv.Change]) -> None:
        """Each change: audit intent, set, read back, audit outcome; the first failure stops all."""
        req, result, wanted = self.request, self.result, self.request.wanted
        for change in changes:
            item = self.table.item(change.key)
            self.step("apply", f"setting {change.key}", setting=change.key)
            if change.key == "clock":
                laptop = _laptop_now(wanted.clock_utc)
                change = replace(change, new=laptop.strftime(pv.CLOCK_FORMAT))
            if item.kind == tm.COMMUNITY:  # a secret of the unit: never in the log or the dialogue
                logs.add_secret(change.new)
                session.hide(change.new)
            intent = _audit(self.audit, "intent", link=session.description, unit="master", action="provision",
                            setting=change.key, old=pv.recorded(item.kind, change.old),
                            new=pv.recorded(item.kind, change.new), applies=change.applies)
            try:
                if change.key == "password":  # its read-back is the next login with it
                    set_item(session, item, req.new_password.reveal(), old=_reveal(req.password), table=self.table)
                    self._password_intent = intent
                    result.password_changed = True
                    continue
                shown = set_item(session, item, change.new, table=self.table)
            except LinkError as exc:
                # refused, or not shown after it was sent: the unit did not take it; anything
                # else (a connection lost, a timeout): nobody knows whether it did
                _audit(self.audit, "outcome", intent, REFUSED if isinstance(exc, SettingNotShown) else UNCONFIRMED,
                       _first_line(exc), setting=change.key)
                raise
            if change.key == "clock":
                skew = pv.clock_skew(shown, _laptop_now(wanted.clock_utc))
                ok = skew is not None and abs(skew) <= pv.CLOCK_TOLERANCE_S + 1
                _audit(self.audit, "outcome", intent, APPLIED if ok else UNCONFIRMED,
                       f"the unit's clock reads {shown} (skew {skew} s)", setting="clock", read_back=shown)
                if not ok:
                    raise _fail(FaultKind.UNIT_REFUSED_VALUE, f"the unit's clock reads {shown} after it was set "
                                f"to {change.new}; nothing further was changed", self.target, session.dialogue)
            else:
                later = " (takes effect at restart)" if change.applies == "restart" else ""
                kept = pv.recorded(item.kind, shown)
                _audit(self.audit, "outcome", intent, APPLIED, f"the menu shows {kept}{later}", setting=change.key,
                       read_back=kept)
            result.applied.append(change.key)

    def _close_password(self, outcome: str, reason: str) -> None:
        """The outcome line of the password change, once (nothing when none was sent)."""
        if self._password_intent:
            _audit(self.audit, "outcome", self._password_intent, outcome, reason, setting="password")
            self._password_intent = ""

    def _warn(self, code: str, **data: Any) -> None:
        self.result.warning_items.append((code, data))
        self.result.warnings.append(pv.warning_text(code, data))

    def _refuse_if_taken(self, address: str) -> None:
        """Nothing may answer at the new address (on this laptop's subnet: a reset comes from the host)."""
        target = self.target
        self.step("probe", f"checking that nothing answers at {address}")
        taken = probe.who_answers(address, {f"Telnet port {target.telnet_port}": target.telnet_port,
                                            f"Modbus TCP port {target.modbus_port}": target.modbus_port,
                                            f"HTTP port {target.http_port}": target.http_port},
                                  use_icmp=self.request.probe_icmp)
        if taken:
            raise _fail(FaultKind.BAD_INPUT, f"refused, nothing was sent: the new address {address} is taken: "
                        + "; ".join(a.line(address) for a in taken), target, address=address)

    # --- verification -------------------------------------------------------------------

    def _verify(self, settings: Settings) -> list[str]:
        wanted = self.request.wanted
        wrong = []
        for key, value in wanted.values.items():
            item = self.table.item(key)
            if not pv.same(item.kind, settings.values.get(key), value):
                shown, asked = pv.recorded(item.kind, settings.values.get(key)), pv.recorded(item.kind, value)
                wrong.append(f"{key} shows {shown!r}, not {asked!r}")
        skew = pv.clock_skew(settings.values.get("clock"), _laptop_now(wanted.clock_utc))
        self.result.skew_after_s = skew
        if wanted.set_clock and (skew is None or abs(skew) > pv.CLOCK_TOLERANCE_S + 1):
            wrong.append(f"the clock is {skew} s off")
        self.result.after = settings.public(self.table)
        return wrong

    def _relogin_and_verify(self, password: Any) -> None:
        """Without a restart: log out, log in again (the new password's read-back) and re-read."""
        assert self.session is not None
        self.step("verify", "logging in again to verify")
        self.session.logout()
        self.session.close()
        self._keep(self.session)
        self.session = None
        self._login_verify(self.result.final_host, password)

    def _login_verify(self, host: str, password: Any) -> None:
        try:
            self.session = login(self.target, password, host)
        except LinkError as exc:
            self._close_password(UNCONFIRMED, f"login with the new password failed: {_first_line(exc)}")
            raise
        self._close_password(APPLIED, f"logged in at {host} with the new password")
        settings = read_settings(self.session, self.table)
        wrong = self._verify(settings)
        if wrong:
            raise _fail(FaultKind.UNIT_REFUSED_VALUE, f"verification at {host} failed: " + "; ".join(wrong),
                        self.target, self.session.dialogue)
        self.result.verified = True

    def _restart_and_verify(self, new_host: str, password: Any) -> None:
        session, target = self.session, self.target
        assert session is not None
        self.step("restart", "restarting the unit")
        intent = _audit(self.audit, "intent", link=session.description, unit="master", action="restart",
                        setting="restart", old=target.host, new=new_host)
        started = self.clock.monotonic()
        try:
            restart(session)
        finally:
            self._keep(session)
            self.session = None
        self.result.restarted = True
        self.result.final_host = new_host
        try:
            self._wait_gone(target.host, started)
            self._wait_back(new_host, started)
            self._login_verify(new_host, password)
        except BaseException as exc:
            why = f"not verified at {new_host}: {_first_line(exc)}"
            self._close_password(UNCONFIRMED, why)
            _audit(self.audit, "outcome", intent, UNCONFIRMED, why, setting="restart")
            raise
        self.result.restart_s = round(self.clock.monotonic() - started, 2)
        _audit(self.audit, "outcome", intent, APPLIED, f"back at {new_host} after {self.result.restart_s} s; every "
               f"setting verified", setting="restart", read_back=new_host)

    def _wait_gone(self, host: str, started: float) -> None:
        while self.clock.monotonic() - started < min(GONE_WAIT_S, self.request.restart_timeout):
            self.ctx.check()
            if not probe.accepts(host, self.target.telnet_port, timeout=0.3):
                return
            self.clock.sleep(0.2)
        self.result.notes.append(f"{host} kept answering after the restart command: the restart was not seen")

    def _wait_back(self, host: str, started: float) -> None:
        timeout = self.request.restart_timeout
        last = -1
        while True:
            self.ctx.check()
            waited = self.clock.monotonic() - started
            if probe.accepts(host, self.target.telnet_port, timeout=0.5):
                return
            if waited >= timeout:
                raise _fail(FaultKind.TIMEOUT, f"the unit did not answer at {host}:{self.target.telnet_port} within "
                            f"{timeout:g} s of its restart. Check the cabling and the laptop's address in the new "
                            f"subnet, then verify with: provision --host {host} --show", self.target,
                            waited=timeout, host=host)
            if int(waited) != last:
                last = int(waited)
                self.ctx.progress(self.steps, self.total, f"waiting for the unit at {host}: {int(timeout - waited)} s "
                                  f"left", step="wait", host=host, left=int(timeout - waited), waited=int(waited))
            self.clock.sleep(0.25)

    def _save_password(self, password: Any) -> None:
        if not self.result.password_changed:
            return
        host = self.result.final_host
        problem = secrets.save(secrets.TELNET_PASSWORD, self.target.user, host, password)
        account = secrets.keyring_account(secrets.TELNET_PASSWORD, self.target.user, host)
        self.result.password_keyring = "" if problem else account
        self.result.password_saved = (f"not saved: {problem}; keep it safe yourself" if problem
                                      else f"saved in the system keyring as {account}")


def _first_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _reveal(secret: Any) -> str:
    return secret.reveal() if hasattr(secret, "reveal") else str(secret)


def _pending_address(host: str, shown: str | None) -> bool:
    """True when menu 4 shows an address other than the one the unit answered at (saved, not
    yet in effect)."""
    try:
        return shown is not None and pv.canonical(tm.IPV4, shown) != pv.canonical(tm.IPV4, host)
    except pv.ValueProblem:
        return False


def provision_job(target: ProvisionTarget, request: ProvisionRequest, *, audit: AuditLog | None = None,
                  confirm: Callable[[list[pv.Change], list[str]], bool] | None = None,
                  clock: Clock = SYSTEM_CLOCK) -> Callable[[Any], ProvisionResult]:
    """A job: provision one master (see the module). ``confirm(changes, warnings)`` is asked in
    the worker's thread once the changes are known; False sends nothing (a ``cancelled`` fault)."""

    def job(ctx: Any) -> ProvisionResult:
        try:
            return Provisioner(ctx, target, request, audit, confirm, clock).run()
        except LinkError as exc:  # named by the unit's address, not the worker's
            raise JobFailed(fault_of(exc, link=target.describe())) from None

    return job


def factory_reset_job(target: ProvisionTarget, password: Any, *, audit: AuditLog | None = None,
                      factory_host: str = pv.FACTORY_ADDRESS, wait_s: float = 120.0,
                      clock: Clock = SYSTEM_CLOCK) -> Callable[[Any], dict[str, Any]]:
    """A job: menu 10, item 2 (audited), then wait for the unit at its factory address."""

    def job(ctx: Any) -> dict[str, Any]:
        ctx.progress(0, 3, f"logging in to {target.describe()}", step="login", host=target.host)
        session = login(target, password)
        intent = _audit(audit, "intent", link=session.description, unit="master", action="factory-reset",
                        setting="factory-reset", old=target.host, new=factory_host)
        ctx.progress(1, 3, "restarting to factory defaults", step="restart", host=target.host)
        try:
            restart(session, factory=True)
        except LinkError as exc:
            _audit(audit, "outcome", intent, UNCONFIRMED, _first_line(exc))
            raise
        started = clock.monotonic()
        while clock.monotonic() - started < wait_s:
            ctx.check()
            if probe.accepts(factory_host, target.telnet_port):
                _audit(audit, "outcome", intent, APPLIED, f"answers at {factory_host} after the factory reset",
                       read_back=factory_host)
                return {"host": target.host, "factory_host": factory_host, "back": True}
            ctx.progress(2, 3, f"waiting for the unit at {factory_host}", step="wait", host=factory_host,
                         left=int(wait_s - (clock.monotonic() - started)))
            clock.sleep(0.5)
        _audit(audit, "outcome", intent, UNCONFIRMED, f"did not answer at {factory_host} within {wait_s:g} s")
        return {"host": target.host, "factory_host": factory_host, "back": False}

    return job


def answering_at(host: str, target: ProvisionTarget) -> bool:
    """True when a unit's Telnet port accepts connections at ``host`` (a master already set up)."""
    return probe.accepts(host, target.telnet_port, timeout=0.7)


def laptop_subnet_gap(host: str, prefix: int = 24) -> pv.SubnetGap | None:
    """device/provisioning.subnet_gap for the address this laptop would use to reach ``host``
    (in a /``prefix`` subnet); None when it has one there, or on loopback."""
    if probe.is_loopback(host):
        return None
    return pv.subnet_gap(host, probe.source_address(host), prefix)


def laptop_subnet_advice(host: str, prefix: int = 24) -> str | None:
    """:func:`laptop_subnet_gap` as an English text with the commands (the CLI), or None."""
    gap = laptop_subnet_gap(host, prefix)
    return gap.text() if gap is not None else None


__all__ = ["ProvisionRequest", "ProvisionResult", "ProvisionTarget", "Provisioner", "answering_at",
           "factory_reset_job", "laptop_subnet_advice", "laptop_subnet_gap", "login", "provision_job", "show_job"]
