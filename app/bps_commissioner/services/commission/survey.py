"""Finding what is on a link: opening a plan's link, the scan of a Modbus TCP host, one
Telnet look at a unit (firmware version, factory login), the secrets a plan needs, and
the scan ``plan new`` makes as a job (:func:`survey_job`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

from bps_commissioner.device.address import parse_host
from bps_commissioner.device.decode import UnitReading
from bps_commissioner.device.faults import FaultKind
from bps_commissioner.device.plan import TELNET_PORT, Plan, PlanLink
from bps_commissioner.device.ports import FACTORY_USER, MODBUS_TCP_PORT, SNMP_PORT
from bps_commissioner.services import secrets
from bps_commissioner.services.commission.checks import TelnetLook
from bps_commissioner.services.scan import DEFAULT_REPLY_WAIT, SCAN_ADDRESS, Scanner
from bps_commissioner.transport.errors import (
    ConnectError, FrameError, LinkError, LinkLost, ModbusExceptionError, NoReplyError, PortError,
)
from bps_commissioner.transport.modbus import ModbusLink, read_request

#: How long a Modbus TCP host may take per address while scanning (a gateway answers an
#: absent unit with exception 10/11 or not at all).
TCP_PROBE_WAIT = 0.3
#: The Telnet menus a commissioning run reads for a master's network and security state.
SECURITY_MENUS = (2, 4, 5)

SecretSource = Callable[[secrets.SecretKind, str, str], secrets.Secret]  # kind, user, host
ScanProgress = Callable[[str, int, int], None]  # text, done, total


def default_open_link(link: PlanLink, secret: SecretSource) -> Any:
    """A link object (not yet open) for a plan link: RtuLink, TcpLink or SnmpLink."""
    if link.kind == "serial":
        from bps_commissioner.transport.rtu import DEFAULT_REPLY_TIMEOUT, RtuLink

        assert link.bus is not None
        return RtuLink(link.target, link.bus, timeout=link.timeout or DEFAULT_REPLY_TIMEOUT)
    if link.kind == "tcp":
        from bps_commissioner.transport.tcp import DEFAULT_TIMEOUT, TcpLink

        return TcpLink(link.target, link.port or MODBUS_TCP_PORT, timeout=link.timeout or DEFAULT_TIMEOUT)
    from bps_commissioner.transport.snmp import DEFAULT_RETRIES, DEFAULT_TIMEOUT as SNMP_TIMEOUT, SnmpCredentials, SnmpLink

    if link.snmp_version == "3":
        keys: dict[str, str | None] = {"auth_key": None, "priv_key": None}
        for name, proto, kind in (("auth_key", link.v3_auth_proto, secrets.SNMP_AUTH_KEY),
                                  ("priv_key", link.v3_priv_proto, secrets.SNMP_PRIV_KEY)):
            if proto != "none":
                keys[name] = secret(kind, link.v3_user, link.target).reveal()
        credentials = SnmpCredentials("3", user=link.v3_user, auth_protocol=link.v3_auth_proto,
                                      priv_protocol=link.v3_priv_proto, context=link.v3_context, **keys)
    else:
        credentials = SnmpCredentials(link.snmp_version, community=link.community)
    return SnmpLink(link.target, link.port or SNMP_PORT, credentials, timeout=link.timeout or SNMP_TIMEOUT,
                    retries=DEFAULT_RETRIES if link.retries is None else link.retries)


def scan_tcp(link: ModbusLink, addresses: Sequence[int], wait: float = TCP_PROBE_WAIT, *,
             progress: ScanProgress | None = None,
             cancelled: Callable[[], bool] | None = None) -> tuple[dict[int, UnitReading], dict[int, str]]:
    """The units that answer at ``addresses`` on a Modbus TCP link: one short read each
    (``wait`` seconds), a hit confirmed by reading the whole unit. Returns ({address:
    reading}, {address: error} for addresses that answered with an error). A gateway's
    exception 10/11 means nobody is there. Raises ConnectError / LinkLost when the host
    cannot be reached at all."""
    found: dict[int, UnitReading] = {}
    errors: dict[int, str] = {}
    for i, address in enumerate(addresses):
        if cancelled is not None and cancelled():
            break
        if progress is not None:
            progress(f"address {address}, {len(found)} found", i, len(addresses))
        try:
            try:
                link.transact(address, read_request(address, 0, 3), timeout=wait)
            except FrameError:
                link.transact(address, read_request(address, 0, 3), timeout=wait)
            found[address] = link.read_unit(address)
        except NoReplyError:
            continue
        except ModbusExceptionError as exc:
            if exc.code not in (10, 11):
                errors[address] = str(exc)
        except (ConnectError, LinkLost, PortError):
            raise
        except LinkError as exc:
            errors[address] = str(exc)
    return found, errors


def telnet_look(host_text: str, user: str, secret: SecretSource, timeout: float = 5.0, *,
                settings: bool = False) -> TelnetLook:
    """One Telnet login (never retried): the banner's firmware version and whether the
    factory login worked; or why not (``off`` when the connection is refused). ``settings``:
    also read the master's menus 2, 4 and 5 for its network and security state
    (:func:`network_state`)."""
    from bps_commissioner.transport.telnet import TelnetLoginError, TelnetSession

    host, port = parse_host(host_text, TELNET_PORT)
    where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    try:
        password = secret(secrets.TELNET_PASSWORD, user, host)
    except secrets.SecretUnavailable as exc:
        return TelnetLook(where, user, error=str(exc))
    session = TelnetSession(host, port, timeout=timeout)
    try:
        banner = session.login(user, password)
        with session:
            network, network_error = network_state(session) if settings else (None, "")
            return TelnetLook(where, user, banner.version, session.factory_login, logged_in=True,
                              error="" if banner.version else "the login banner shows no version",
                              network=network, network_error=network_error)
    except TelnetLoginError as exc:
        return TelnetLook(where, user, error=_first_line(str(exc)))
    except ConnectError as exc:
        return TelnetLook(where, user, off=exc.kind is FaultKind.REFUSED, error=_first_line(str(exc)))
    except LinkError as exc:
        return TelnetLook(where, user, error=_first_line(str(exc)))


def network_state(session: Any) -> tuple[dict[str, Any] | None, str]:
    """A logged-in master's network and security state (device/provisioning.py's
    ``security_state``: address, SNMP agent, communities and password changed from the
    factory's, clock skew in seconds) from its menus 2, 4 and 5; or (None, why not) when
    they cannot be read. Never raises for a unit's menus that do not parse."""
    from bps_commissioner.device.provisioning import clock_skew, security_state
    from bps_commissioner.services.telnet_settings import read_settings

    try:
        values = read_settings(session, menus=SECURITY_MENUS).values
    except LinkError as exc:
        return None, _first_line(str(exc)) or "the settings menus could not be read"
    if not any(values.values()):
        return None, "the settings menus show nothing this tool can read"
    skew = clock_skew(values.get("clock"), datetime.datetime.now())
    return security_state(values, password_changed=not session.factory_login, skew_s=skew), ""


def _first_line(text: str) -> str:
    """An error's message without a raw dialogue appended to it."""
    return text.split("\n--- raw Telnet dialogue", 1)[0].strip().splitlines()[0] if text.strip() else text


def telnet_host(link: PlanLink, unit: Any, address: int) -> str | None:
    """Where a unit's Telnet CLI is: the plan's host, or for a planned firmware version on an
    SNMP master (address 0), the master's host."""
    if unit is None:
        return None
    if unit.host is None and unit.firmware and link.kind == "snmp" and address == 0:
        return link.target
    return unit.host


def secrets_needed(plan: Plan) -> list[tuple[secrets.SecretKind, str, str]]:
    """(kind, user, host) of every Telnet password and SNMPv3 key the run of ``plan`` uses."""
    wanted: list[tuple[secrets.SecretKind, str, str]] = []
    for link in plan.links:
        if link.kind == "snmp" and link.snmp_version == "3":
            if link.v3_auth_proto != "none":
                wanted.append((secrets.SNMP_AUTH_KEY, link.v3_user, link.target))
            if link.v3_priv_proto != "none":
                wanted.append((secrets.SNMP_PRIV_KEY, link.v3_user, link.target))
    for unit in plan.units:
        host = telnet_host(plan.links[unit.link], unit, unit.address)
        if host is not None:
            wanted.append((secrets.TELNET_PASSWORD, unit.telnet_user or FACTORY_USER,
                           parse_host(host, TELNET_PORT)[0]))
    return wanted


@dataclass(frozen=True)
class Survey:
    """What :func:`survey_job` found on a link: the link as a plan names it (a serial bus at
    the settings its units answered at), the units, conflicts and addresses that answered
    with an error."""

    link: PlanLink
    found: tuple[UnitReading, ...]
    conflicts: tuple[int, ...] = ()
    errors: Mapping[int, str] = field(default_factory=dict)


def survey_job(link: PlanLink, handle: Any, addresses: Iterable[int] = (), *, auto: bool = False,
               reply_wait: float | None = None) -> Callable[[Any], Survey]:
    """A job (on a network worker: it opens ``handle``, from :func:`default_open_link`, and
    closes it) that finds the units on ``link``: a serial bus scanned (``auto``: its settings
    detected first), a Modbus TCP host probed per address, an SNMP master's chain read.
    Progress: step "scan" with ``address``. Raises a LinkError when nothing answers on a
    serial bus at any setting."""
    addresses = list(addresses)

    def job(ctx: Any) -> Survey:
        def scan_progress(text: str, done: int, total: int) -> None:
            address = addresses[min(done, len(addresses) - 1)] if addresses else None
            ctx.progress(done, total, text, step=SCAN_ADDRESS, address=address)

        if link.kind == "snmp":
            try:
                chain = handle.read_chain()
            finally:
                handle.close()
            return Survey(link, tuple(chain.units))
        handle.open()
        try:
            if link.kind == "serial":
                scanner = Scanner(handle, reply_wait=reply_wait or DEFAULT_REPLY_WAIT, progress=scan_progress,
                                  cancelled=lambda: ctx.cancelled)
                result = scanner.auto_scan(addresses) if auto else scanner.scan(addresses)
            else:
                found, errors = scan_tcp(handle, addresses, reply_wait or TCP_PROBE_WAIT, progress=scan_progress,
                                         cancelled=lambda: ctx.cancelled)
                return Survey(link, tuple(found[a] for a in sorted(found)), (), errors)
        finally:
            handle.close()
        ctx.check()
        if result.settings is None:
            raise LinkError(f"no unit answered on {link.target} at any bus setting: check the wiring (A/B "
                            f"swapped?), the adapter and that the units are powered")
        return Survey(PlanLink("serial", link.target, bus=result.settings), tuple(result.found),
                      tuple(result.conflicts))

    return job


__all__ = ["SECURITY_MENUS", "SecretSource", "Survey", "TCP_PROBE_WAIT", "default_open_link", "network_state",
           "scan_tcp", "secrets_needed", "survey_job", "telnet_host", "telnet_look"]
