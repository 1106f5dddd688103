"""An SNMP agent (pysnmp 7) for a simulated MASTER and up to five SLAVEs behind it.

It serves the device name, the MIB-2 system group and the OID table of PROTOCOL.md
section 3 for the master (chain address 0) and each chained slave, with values taken live
from the same :class:`SimulatedUnit` objects the Modbus servers use. Objects of slaves that
are not chained answer noSuchObject (noSuchName on v1); a walk skips them.

The value type is not documented for a real unit, so the simulator serves either form
(:attr:`SnmpSimulator.value_form`, changeable at any time):

* ``"integer"``: each object scaled like its Modbus register, as Gauge32 (Integer32 for
  the signed temperatures, Counter32 for the energy counters); 0 for "not connected";
* ``"text"``: an OCTET STRING with the decimal value ("239.7"), ``--`` for "not
  connected", "open"/"closed"/"yes"/"no" for doors, smoke and water.

Access: the read community (default ``public``) and the write community (``private``) may
read everything; nothing is writable (SET answers notWritable: the OID table has no
settings). SNMPv3 users are checked by VACM at the level they were created with, so a
request below it is refused as a real agent would. ``master.silent`` makes the whole
agent drop requests (an unreachable agent); a silent slave reads as not chained.

Runs its own asyncio loop in a thread; works wherever UDP sockets do (Windows included).
"""

from __future__ import annotations

import asyncio
import bisect
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from pysnmp.carrier.asyncio.dgram import udp
from pysnmp.entity import config, engine
from pysnmp.entity.rfc3413 import cmdrsp, context
from pysnmp.error import PySnmpError
from pysnmp.proto import rfc1902, rfc1905
from pysnmp.proto.api import v2c
from pysnmp.smi import error as smi_error
from pysnmp.smi.instrum import AbstractMibInstrumController

from bps_commissioner.device.decode import decode_registers
from bps_commissioner.device.oids import (
    DEVICE_NAME_OID,
    ENTERPRISE,
    MAX_SLAVES,
    SYS_DESCR_OID,
    SYS_NAME_OID,
    SYS_OBJECT_ID_OID,
    SYS_UPTIME_OID,
    V3_AUTH_PROTOCOLS,
    V3_PRIV_PROTOCOLS,
    VALUE_FORMS,
    encode_snmp_value,
    unit_oids,
    v3_protocol,
)
from bps_commissioner.device.registers import REGISTER_COUNT, Kind, Quantity
from bps_commissioner.simulator.model import SimulatedUnit

DEFAULT_DEVICE_NAME = "BPS2000v2"
_ENGINE_OID = (1, 3, 6, 1, 6, 3, 10, 2, 1)  # SNMP-FRAMEWORK-MIB::snmpEngine
_STOP_TIMEOUT = 2.0

_AUTH = dict(zip(V3_AUTH_PROTOCOLS, (
    config.USM_AUTH_NONE, config.USM_AUTH_HMAC96_MD5, config.USM_AUTH_HMAC96_SHA, config.USM_AUTH_HMAC128_SHA224,
    config.USM_AUTH_HMAC192_SHA256, config.USM_AUTH_HMAC256_SHA384, config.USM_AUTH_HMAC384_SHA512), strict=True))
_PRIV = dict(zip(V3_PRIV_PROTOCOLS, (
    config.USM_PRIV_NONE, config.USM_PRIV_CBC56_DES, config.USM_PRIV_CFB128_AES, config.USM_PRIV_CFB128_AES,
    config.USM_PRIV_CFB192_AES_BLUMENTHAL, config.USM_PRIV_CFB256_AES_BLUMENTHAL, config.USM_PRIV_CFB192_AES,
    config.USM_PRIV_CFB256_AES), strict=True))


@dataclass(frozen=True)
class V3User:
    """An SNMPv3 user of the simulated agent. The keys never appear in a repr."""

    name: str
    auth_protocol: str = "SHA"
    auth_key: str | None = field(default=None, repr=False)
    priv_protocol: str = "AES"
    priv_key: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "auth_protocol",
                           v3_protocol(self.auth_protocol, V3_AUTH_PROTOCOLS, "authentication protocol"))
        object.__setattr__(self, "priv_protocol", v3_protocol(self.priv_protocol, V3_PRIV_PROTOCOLS, "privacy protocol"))
        if self.auth_protocol != "none" and not self.auth_key:
            raise ValueError(f"SNMPv3 user {self.name!r}: {self.auth_protocol} needs an authentication key")
        if self.priv_protocol != "none" and (not self.priv_key or self.auth_protocol == "none"):
            raise ValueError(f"SNMPv3 user {self.name!r}: {self.priv_protocol} needs authentication "
                             f"and a privacy key")

    @property
    def security_level(self) -> str:
        if self.auth_protocol == "none":
            return "noAuthNoPriv"
        return "authNoPriv" if self.priv_protocol == "none" else "authPriv"


def _snmp_type(q: Quantity, value: int | str) -> Any:
    if isinstance(value, str):
        return rfc1902.OctetString(value.encode())
    if q.kind is Kind.ENERGY:
        return rfc1902.Counter32(value & 0xFFFFFFFF)
    if q.signed or value < 0:
        return rfc1902.Integer32(value)
    return rfc1902.Gauge32(value)


class _Instrumentation(AbstractMibInstrumController):
    """The agent's whole MIB: a sorted table of OIDs, values computed when asked."""

    def __init__(self, agent: SnmpSimulator) -> None:
        self._agent = agent

    # one snapshot of the units per request, so one PDU shows one instant
    def _snapshot(self) -> dict[tuple[int, ...], Any]:
        agent = self._agent
        if agent.master.silent or agent.paused or not agent.enabled:
            raise PySnmpError("the simulated master is silent")  # dropped: no reply at all
        agent.requests += 1
        table: dict[tuple[int, ...], Any] = {
            SYS_DESCR_OID: rfc1902.OctetString(b"BKT BPS2000v2 power distribution unit (simulated)"),
            SYS_OBJECT_ID_OID: rfc1902.ObjectIdentifier(ENTERPRISE),
            SYS_UPTIME_OID: rfc1902.TimeTicks(int((time.monotonic() - agent.started) * 100) & 0xFFFFFFFF),
            SYS_NAME_OID: rfc1902.OctetString(agent.device_name.encode()),
            DEVICE_NAME_OID: rfc1902.OctetString(agent.device_name.encode()),
            # SNMP-FRAMEWORK-MIB snmpEngine group, as every SNMPv3 agent has it
            _ENGINE_OID + (1, 0): rfc1902.OctetString(agent.engine_id),
            _ENGINE_OID + (2, 0): rfc1902.Integer32(1),
            _ENGINE_OID + (3, 0): rfc1902.Integer32(int(time.monotonic() - agent.started)),
            _ENGINE_OID + (4, 0): rfc1902.Integer32(1500),
        }
        form = agent.value_form
        for address, unit in enumerate(agent.units):
            if unit.silent:
                continue
            regs = unit.read(0, REGISTER_COUNT)
            values = decode_registers(address, dict(enumerate(regs))).values
            for oid, q in unit_oids(address):
                table[oid] = _snmp_type(q, encode_snmp_value(q, values[q.key], form))
        return table

    def _allowed(self, name: tuple[int, ...], value: Any, index: int, ctx: dict[str, Any]) -> bool:
        """VACM: False when the object is outside the requester's view; raises
        AuthorizationError when the requester has no access at all."""
        ac = ctx.get("acFun")
        if ac is None:
            return True
        return not ac("read", (rfc1902.ObjectName(name), value), idx=index, **ctx)

    def read_variables(self, *var_binds: Any, **ctx: Any) -> list[tuple[Any, Any]]:
        table = self._snapshot()
        out = []
        for index, (name, _) in enumerate(var_binds):
            oid = tuple(name)
            value = table.get(oid)
            if value is None or not self._allowed(oid, value, index, ctx):
                value = rfc1905.noSuchObject  # an absent slave's objects, or any unknown OID
            out.append((name, value))
        return out

    def read_next_variables(self, *var_binds: Any, **ctx: Any) -> list[tuple[Any, Any]]:
        table = self._snapshot()
        keys = sorted(table)
        out = []
        for index, (name, _) in enumerate(var_binds):
            position = bisect.bisect_right(keys, tuple(name))
            while position < len(keys) and not self._allowed(keys[position], table[keys[position]], index, ctx):
                position += 1
            if position < len(keys):
                out.append((rfc1902.ObjectName(keys[position]), table[keys[position]]))
            else:
                out.append((name, rfc1905.endOfMibView))
        return out

    def write_variables(self, *var_binds: Any, **ctx: Any) -> list[tuple[Any, Any]]:
        raise smi_error.NotWritableError(idx=0)


class _BulkResponder(cmdrsp.BulkCommandResponder):
    """GETBULK that stops repeating once every repeated object is past the end of the MIB
    (RFC 3416 4.2.3 allows it), so a walk of the last subtree does not end in a page of
    endOfMibView."""

    def handle_management_operation(self, snmpEngine: Any, stateReference: Any, contextName: Any,
                                    PDU: Any) -> None:
        non_repeaters = max(0, int(v2c.apiBulkPDU.get_non_repeaters(PDU)))
        repetitions = max(0, int(v2c.apiBulkPDU.get_max_repetitions(PDU)))
        requested = v2c.apiPDU.get_varbinds(PDU)
        n = min(non_repeaters, len(requested))
        r = max(len(requested) - n, 0)
        if r:
            repetitions = min(repetitions, self.max_varbinds // r)
        read_next = self.snmpContext.get_mib_instrum(contextName).read_next_variables
        ctx = dict(snmpEngine=snmpEngine, acFun=self.verify_access, cbCtx=self.cbCtx)
        answer = list(read_next(*requested[:n], **ctx)) if n else []
        current = requested[-r:] if r else []
        while repetitions and r:
            current = list(read_next(*current, **ctx))
            answer.extend(current)
            repetitions -= 1
            if all(value.tagSet == rfc1905.endOfMibView.tagSet for _, value in current):
                break
        if not answer:
            raise smi_error.SmiError()
        self.send_varbinds(snmpEngine, stateReference, 0, 0, answer)
        self.release_state_information(stateReference)


class SnmpSimulator:
    """Serve ``units`` (``units[0]`` the master, then slave 1..N) on UDP ``host``:``port``
    (port 0: a free port, see :attr:`port` after :meth:`start`)."""

    def __init__(self, units: Sequence[SimulatedUnit], host: str = "127.0.0.1", port: int = 161, *,
                 community: str = "public", write_community: str = "private",
                 v3_users: Iterable[V3User] = (), contexts: Iterable[str] = (),
                 value_form: str = "integer", device_name: str = DEFAULT_DEVICE_NAME) -> None:
        if not 1 <= len(units) <= MAX_SLAVES + 1:
            raise ValueError(f"an SNMP chain is a master and 0..{MAX_SLAVES} slaves, not {len(units)} units")
        if value_form not in VALUE_FORMS:
            raise ValueError(f"value form {value_form!r} is not one of {', '.join(VALUE_FORMS)}")
        self.units = tuple(units)
        self.host = host
        self._port = port
        self.community = community
        self.write_community = write_community
        self.v3_users = tuple(v3_users)
        self.contexts = tuple(contexts)
        self.value_form = value_form
        self.device_name = device_name
        self.requests = 0  # PDUs answered (a GETBULK counts once per repetition)
        self.paused = False  # True: every request is dropped, as by a restarting unit
        self.enabled = True  # False: the agent is switched off (Telnet menu 5): every request is dropped
        self.started = time.monotonic()
        self.engine_id = b""
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._stop: asyncio.Event | None = None

    @property
    def master(self) -> SimulatedUnit:
        return self.units[0]

    @property
    def slaves(self) -> tuple[SimulatedUnit, ...]:
        return self.units[1:]

    @property
    def port(self) -> int:
        return self._sock.getsockname()[1] if self._sock is not None else self._port

    def start(self) -> SnmpSimulator:
        if self._thread is not None:
            raise RuntimeError("the SNMP simulator is already running")
        sock = socket.socket(socket.AF_INET6 if ":" in self.host else socket.AF_INET, socket.SOCK_DGRAM)
        try:
            sock.bind((self.host, self._port))
        except OSError:
            sock.close()
            raise
        self._sock = sock
        self._ready.clear()
        self._thread = threading.Thread(target=self._serve, name=f"snmp-simulator {self.host}:{self.port}",
                                        daemon=True)
        self._thread.start()
        self._ready.wait(10)
        if self._error is not None:
            self.stop()
            raise OSError(f"the SNMP simulator could not start: {self._error}")
        return self

    def _serve(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._main())
        except BaseException as exc:  # reported by start()
            self._error = exc
            self._ready.set()
        finally:
            pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
            for task in pending:
                task.cancel()
            if pending:
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.close()

    async def _main(self) -> None:
        self._stop = asyncio.Event()
        snmp = engine.SnmpEngine()
        self.engine_id = bytes(snmp.snmpEngineID.asOctets())
        assert self._sock is not None
        config.add_transport(snmp, udp.DOMAIN_NAME, udp.UdpAsyncioTransport().open_server_mode(sock=self._sock))
        everything = (1, 3, 6, 1)
        for index, community in (("bps-read", self.community), ("bps-write", self.write_community)):
            if community:
                config.add_v1_system(snmp, index, community)
                for model in (1, 2):
                    config.add_vacm_user(snmp, model, index, "noAuthNoPriv", everything)
        for user in self.v3_users:
            config.add_v3_user(snmp, user.name, _AUTH[user.auth_protocol], user.auth_key,
                               _PRIV[user.priv_protocol], user.priv_key)
            for name in ("", *self.contexts):
                config.add_vacm_user(snmp, 3, user.name, user.security_level, everything,
                                     contextName=name.encode())
        snmp_context = context.SnmpContext(snmp)
        instrumentation = _Instrumentation(self)
        snmp_context.unregister_context_name(b"")
        snmp_context.register_context_name(b"", instrumentation)
        for name in self.contexts:
            snmp_context.register_context_name(name.encode(), instrumentation)
        responders = [cmdrsp.GetCommandResponder(snmp, snmp_context),
                      cmdrsp.NextCommandResponder(snmp, snmp_context),
                      _BulkResponder(snmp, snmp_context),
                      cmdrsp.SetCommandResponder(snmp, snmp_context)]
        snmp.transport_dispatcher.job_started(1)
        self._ready.set()
        try:
            await self._stop.wait()
        finally:
            for responder in responders:
                responder.close(snmp)
            snmp.transport_dispatcher.job_finished(1)
            snmp.close_dispatcher()

    def pause(self) -> None:
        """Go silent, as a restarting unit: requests are dropped unanswered."""
        self.paused = True

    def resume(self) -> None:
        self.paused = False
        self.started = time.monotonic()  # sysUpTime starts again, as after a reboot

    def stop(self) -> None:
        """Close the socket and end the agent's thread within a couple of seconds."""
        if self._thread is not None:
            loop, stop = self._loop, self._stop
            if loop is not None and stop is not None and not loop.is_closed():
                try:
                    loop.call_soon_threadsafe(stop.set)
                except RuntimeError:  # the loop closed meanwhile
                    pass
            self._thread.join(_STOP_TIMEOUT)
            self._thread = None
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        self._loop = self._stop = None

    def __enter__(self) -> SnmpSimulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def build_snmp_chain(slaves: int, seed: int | None = None, master: SimulatedUnit | None = None
                     ) -> list[SimulatedUnit]:
    """A master and ``slaves`` slaves (0..5) of assorted kinds: the master is three-phase
    with the T/H probe, slave 1 adds a SensorBox, slave 2 is rated 32 A without probes,
    slave 3 is single-phase (the kinds of RS485 units 1..6 of :func:`unit_kind`). A given
    ``master`` (e.g. the first unit of a Modbus chain) is used as it is."""
    from bps_commissioner.simulator.model import unit_kind

    if not 0 <= slaves <= MAX_SLAVES:
        raise ValueError(f"a master has 0..{MAX_SLAVES} slaves, not {slaves}")
    built = [SimulatedUnit(address, seed=None if seed is None else f"{seed}:snmp:{address}", **unit_kind(address + 1))
             for address in range(0 if master is None else 1, slaves + 1)]
    return built if master is None else [master, *built]


__all__ = ["DEFAULT_DEVICE_NAME", "SnmpSimulator", "V3User", "build_snmp_chain"]
