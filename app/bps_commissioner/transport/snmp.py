"""SNMP v1/v2c/v3 reads of a BPS2000v2 MASTER and the slaves chained behind it (pysnmp 7).

pysnmp 7 is asyncio-only. :class:`SnmpLink` owns an event loop of its own and drives it
with ``run_until_complete`` from the one thread that owns the link (the CLI's main thread,
or a link's worker thread), so callers see a blocking API like the Modbus links'.

Reading a unit is one GET of its 37 objects (the master's also carries the device name),
so a whole chain of six units is six requests. A slave whose objects answer noSuchObject
/ noSuchInstance (or, on v1, noSuchName) is not chained and is left out. An agent that
answers tooBig gets smaller requests (halved, and remembered).

Timeouts: ``timeout`` seconds per request and ``retries`` more tries (defaults 2 s and 1),
so a wrong community or an unreachable agent fails within about 4 s, and the whole read
stops at the first request that gets no answer.

Secrets: the v3 keys are handed over as :class:`SnmpCredentials` fields that never appear
in a repr, a message or an exception raised here.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from pyasn1.type import univ
from pysnmp.error import PySnmpError
from pysnmp.hlapi.v3arch.asyncio import (
    USM_AUTH_HMAC96_MD5,
    USM_AUTH_HMAC96_SHA,
    USM_AUTH_HMAC128_SHA224,
    USM_AUTH_HMAC192_SHA256,
    USM_AUTH_HMAC256_SHA384,
    USM_AUTH_HMAC384_SHA512,
    USM_AUTH_NONE,
    USM_PRIV_CBC56_DES,
    USM_PRIV_CFB128_AES,
    USM_PRIV_CFB192_AES,
    USM_PRIV_CFB192_AES_BLUMENTHAL,
    USM_PRIV_CFB256_AES,
    USM_PRIV_CFB256_AES_BLUMENTHAL,
    USM_PRIV_NONE,
    CommunityData,
    ContextData,
    ObjectIdentity,
    ObjectType,
    SnmpEngine,
    UdpTransportTarget,
    UsmUserData,
    get_cmd,
)
from pysnmp.proto import errind, rfc1902, rfc1905

from bps_commissioner.device.faults import FaultKind
from bps_commissioner.device.ports import SNMP_PORT
from bps_commissioner.device.decode import UnitReading
from bps_commissioner.device.oids import (
    CHAIN_ADDRESSES,
    DEVICE_NAME_OID,
    V3_AUTH_PROTOCOLS,
    V3_PRIV_PROTOCOLS,
    decode_unit,
    unit_name,
    unit_oids,
    v3_protocol,
)
from bps_commissioner.transport.errors import ConnectError, LinkError, NoReplyError

DEFAULT_PORT = SNMP_PORT
DEFAULT_TIMEOUT = 2.0
DEFAULT_RETRIES = 1
#: Objects per GET request before the agent asks for less (tooBig). A unit has 37.
DEFAULT_MAX_OIDS = 40

VERSIONS = ("1", "2c", "3")

#: --v3-auth-proto / --v3-priv-proto names (device.oids) -> pysnmp protocol ids.
AUTH_PROTOCOLS: dict[str, Any] = dict(zip(V3_AUTH_PROTOCOLS, (
    USM_AUTH_NONE, USM_AUTH_HMAC96_MD5, USM_AUTH_HMAC96_SHA, USM_AUTH_HMAC128_SHA224, USM_AUTH_HMAC192_SHA256,
    USM_AUTH_HMAC256_SHA384, USM_AUTH_HMAC384_SHA512), strict=True))
PRIV_PROTOCOLS: dict[str, Any] = dict(zip(V3_PRIV_PROTOCOLS, (
    USM_PRIV_NONE, USM_PRIV_CBC56_DES, USM_PRIV_CFB128_AES, USM_PRIV_CFB128_AES, USM_PRIV_CFB192_AES_BLUMENTHAL,
    USM_PRIV_CFB256_AES_BLUMENTHAL, USM_PRIV_CFB192_AES, USM_PRIV_CFB256_AES), strict=True))
#: The shortest pass phrase RFC 3414 allows for a USM key.
MIN_KEY_LENGTH = 8


class SnmpError(LinkError):
    """The agent answered, but with an error (an error status, a report)."""

    kind = FaultKind.PROTOCOL


class SnmpAuthError(SnmpError):
    """SNMPv3: unknown user, wrong key, wrong security level, or unknown context."""

    kind = FaultKind.AUTH_FAILED


@dataclass(frozen=True)
class SnmpCredentials:
    """How to authenticate: a community (v1/v2c) or a USM user (v3).

    The keys are secrets: they are kept out of the repr and out of every message."""

    version: str = "2c"
    community: str = field(default="public", repr=False)
    user: str = ""
    auth_protocol: str = "SHA"
    auth_key: str | None = field(default=None, repr=False)
    priv_protocol: str = "AES"
    priv_key: str | None = field(default=None, repr=False)
    context: str = ""

    def __post_init__(self) -> None:
        if self.version not in VERSIONS:
            raise ValueError(f"SNMP version {self.version!r} is not 1, 2c or 3")
        if self.version != "3":
            if not self.community:
                raise ValueError("the SNMP community must not be empty")
            return
        if not self.user:
            raise ValueError("SNMPv3 needs a user name (--v3-user)")
        object.__setattr__(self, "auth_protocol",
                           v3_protocol(self.auth_protocol, V3_AUTH_PROTOCOLS, "--v3-auth-proto"))
        object.__setattr__(self, "priv_protocol",
                           v3_protocol(self.priv_protocol, V3_PRIV_PROTOCOLS, "--v3-priv-proto"))
        if self.priv_protocol != "none" and self.auth_protocol == "none":
            raise ValueError("SNMPv3 privacy (--v3-priv-proto) needs authentication (--v3-auth-proto)")
        for proto, key, what in ((self.auth_protocol, self.auth_key, "authentication key (BPS_SNMP_AUTH_KEY)"),
                                 (self.priv_protocol, self.priv_key, "privacy key (BPS_SNMP_PRIV_KEY)")):
            if proto == "none":
                continue
            if not key:
                raise ValueError(f"SNMPv3 {proto} needs the {what}")
            if len(key) < MIN_KEY_LENGTH:
                raise ValueError(f"the SNMPv3 {what} is shorter than {MIN_KEY_LENGTH} characters, "
                                 f"which SNMPv3 does not allow")

    @property
    def security_level(self) -> str:
        if self.version != "3":
            return "community"
        if self.auth_protocol == "none":
            return "noAuthNoPriv"
        return "authNoPriv" if self.priv_protocol == "none" else "authPriv"

    def describe(self) -> str:
        """For messages: names the version and the user, never a key or the community."""
        if self.version != "3":
            return f"SNMP v{self.version}"
        return f"SNMPv3 user {self.user!r} ({self.security_level})"

    def auth_data(self) -> CommunityData | UsmUserData:
        if self.version != "3":
            return CommunityData(self.community, mpModel=0 if self.version == "1" else 1)
        kwargs: dict[str, Any] = {}
        if self.auth_protocol != "none":
            kwargs.update(authKey=self.auth_key, authProtocol=AUTH_PROTOCOLS[self.auth_protocol])
        if self.priv_protocol != "none":
            kwargs.update(privKey=self.priv_key, privProtocol=PRIV_PROTOCOLS[self.priv_protocol])
        return UsmUserData(self.user, **kwargs)


def python_value(value: Any) -> int | str | None:
    """A pysnmp value -> int (INTEGER, Gauge32, Counter32/64, TimeTicks), str (OCTET
    STRING) or None (noSuchObject, noSuchInstance, endOfMibView, NULL)."""
    if isinstance(value, (rfc1905.NoSuchObject, rfc1905.NoSuchInstance, rfc1905.EndOfMibView, univ.Null)):
        return None
    if isinstance(value, univ.OctetString) and not isinstance(value, rfc1902.IpAddress):
        return bytes(value.asOctets()).decode("utf-8", errors="replace")
    if isinstance(value, univ.Integer):
        return int(value)
    if isinstance(value, univ.ObjectIdentifier):
        return ".".join(str(n) for n in value)
    return str(value.prettyPrint())


def privacy_available() -> bool:
    """pysnmp silently drops DES/AES when its crypto library is missing: check first."""
    from pysnmp.proto.secmod.rfc3414.priv import des
    from pysnmp.proto.secmod.rfc3826.priv import aes

    return not (getattr(aes, "PysnmpCryptoError", False) or getattr(des, "PysnmpCryptoError", False))


_AUTH_INDICATIONS = (errind.UnknownUserName, errind.WrongDigest, errind.DecryptionError,
                     errind.UnsupportedSecurityLevel, errind.UnknownSecurityName, errind.AuthenticationFailure,
                     errind.AuthenticationError, errind.NotInTimeWindow, errind.UnknownEngineID)


class SnmpLink:
    """One agent (a MASTER) reached over UDP. Not thread-safe: one owner thread."""

    def __init__(self, host: str, port: int = DEFAULT_PORT, credentials: SnmpCredentials | None = None, *,
                 timeout: float = DEFAULT_TIMEOUT, retries: int = DEFAULT_RETRIES,
                 scales: Mapping[str, int] | None = None, max_oids: int = DEFAULT_MAX_OIDS):
        if not 0 < timeout <= 60:
            raise ValueError(f"SNMP timeout {timeout} s is outside 0..60 s")
        if not 0 <= retries <= 5:
            raise ValueError(f"SNMP retries {retries} is outside 0..5")
        self.host = host
        self.port = port
        self.credentials = credentials or SnmpCredentials()
        self.timeout = timeout
        self.retries = retries
        self.scales = dict(scales or {})
        self.max_oids = max(1, max_oids)
        self.requests = 0  # GET requests sent (not counting retries), for figures and tests
        self._loop: asyncio.AbstractEventLoop | None = None
        self._engine: SnmpEngine | None = None
        self._target: UdpTransportTarget | None = None
        self._auth: CommunityData | UsmUserData | None = None

    @property
    def description(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port} ({self.credentials.describe()})"

    # --- the link's own event loop ------------------------------------------------------

    def _run(self, coro: Any) -> Any:
        if self._loop is None or self._loop.is_closed():
            self._loop = asyncio.new_event_loop()
        return self._loop.run_until_complete(coro)

    async def _ensure_target(self) -> UdpTransportTarget:
        if self.credentials.priv_protocol != "none" and self.credentials.version == "3" and not privacy_available():
            raise SnmpError("SNMPv3 privacy needs the Python package 'cryptography' (47 or newer), which is "
                            "missing: reinstall the tool.")
        if self._engine is None:
            self._engine = SnmpEngine()
        if self._target is None:
            try:
                self._target = await UdpTransportTarget.create((self.host, self.port), timeout=self.timeout,
                                                               retries=self.retries)
            except PySnmpError:
                raise ConnectError(f"Host name {self.host!r} could not be resolved: check the spelling or "
                                   f"use the unit's IP address.") from None
        return self._target

    def open(self) -> None:
        self._run(self._ensure_target())

    def close(self) -> None:
        """Close the socket and the event loop; the link reopens on the next request."""
        if self._loop is None or self._loop.is_closed():
            return
        loop = self._loop
        try:
            if self._engine is not None and self._engine.transport_dispatcher is not None:
                self._engine.close_dispatcher()
            # Let the dispatcher's cancelled timer task finish before the loop closes.
            loop.run_until_complete(asyncio.sleep(0))
            pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
            for task in pending:
                task.cancel()
            if pending:
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        finally:
            loop.close()
            self._loop = None
            self._engine = None
            self._target = None
            self._auth = None

    def __enter__(self) -> SnmpLink:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- requests -----------------------------------------------------------------------

    async def _get_once(self, oids: Sequence[tuple[int, ...]]) -> tuple[Any, Any, int, list[tuple[Any, Any]]]:
        target = await self._ensure_target()
        assert self._engine is not None
        context = ContextData(contextName=self.credentials.context.encode()) if self.credentials.context \
            else ContextData()
        self.requests += 1
        if self._auth is None:
            self._auth = self.credentials.auth_data()  # once: each CommunityData gets a new index
        try:
            return await get_cmd(self._engine, self._auth, target, context,
                                 *(ObjectType(ObjectIdentity(oid)) for oid in oids), lookupMib=False)
        except PySnmpError as exc:
            raise SnmpError(f"SNMP request to {self.description} failed: {exc}") from None
        except OSError as exc:
            raise ConnectError(f"Could not send to {self.description}: {exc.strerror or exc}.") from None

    def _raise_indication(self, indication: Any) -> None:
        where = self.description
        if isinstance(indication, errind.RequestTimedOut):
            waited = self.timeout * (1 + self.retries)
            if self.credentials.version != "3":
                hint = ("the community is wrong, SNMP is disabled on the unit (web UI Network > SNMP), "
                        "or the unit is unreachable (cable, IP address, firewall)")
            else:
                hint = "SNMP is disabled on the unit (web UI Network > SNMP) or the unit is unreachable"
                if self.credentials.context:
                    hint += f", or it does not know the context {self.credentials.context!r} (--v3-context)"
            raise NoReplyError(f"No SNMP reply from {where} within {waited:g} s "
                               f"({1 + self.retries} tries): {hint}.", 0, waited,
                               kind=FaultKind.SNMP_NO_REPLY, host=where)
        if isinstance(indication, _AUTH_INDICATIONS):
            reasons = {
                errind.UnknownUserName: "the agent does not know this user",
                errind.WrongDigest: "the authentication key or protocol is wrong",
                errind.DecryptionError: "the privacy key or protocol is wrong",
                errind.UnsupportedSecurityLevel: "the user is not set up for this security level "
                                                 "(authentication / privacy)",
                errind.NotInTimeWindow: "the agent's clock window rejected the request; try again",
            }
            reason = next((text for cls, text in reasons.items() if isinstance(indication, cls)),
                          f"the agent refused the request ({indication})")
            raise SnmpAuthError(f"SNMPv3 authentication with {where} failed: {reason}. Check the user, "
                                f"the protocols and the keys (BPS_SNMP_AUTH_KEY, BPS_SNMP_PRIV_KEY).")
        if isinstance(indication, errind.ReportPduReceived) and "Context" in str(indication):
            raise SnmpAuthError(f"{where}: the agent does not know the SNMPv3 context "
                                f"{self.credentials.context!r} (--v3-context).")
        raise SnmpError(f"SNMP request to {where} failed: {indication}.")

    def get(self, oids: Sequence[tuple[int, ...]], *, sentinel: tuple[int, ...] | None = None
            ) -> dict[tuple[int, ...], int | str | None]:
        """GET ``oids`` in as few requests as the agent takes; OID -> value, None where the
        agent has no such object. On SNMPv1, where one missing object fails the whole
        request (noSuchName), a missing ``sentinel`` ends the GET at once with every value
        None (a slave that is not chained costs one request, not one per object).
        Raises NoReplyError, SnmpAuthError, SnmpError, ConnectError."""
        return self._run(self._get_many(list(oids), sentinel))

    async def _get_many(self, oids: list[tuple[int, ...]], sentinel: tuple[int, ...] | None = None
                        ) -> dict[tuple[int, ...], int | str | None]:
        out: dict[tuple[int, ...], int | str | None] = {}
        pending = list(oids)
        while pending:
            batch = pending[: self.max_oids]
            try:
                answers = await self._get_batch(batch, sentinel)
            except _TooBig:
                if len(batch) == 1:
                    raise SnmpError(f"{self.description}: the agent answers tooBig to a single object") from None
                self.max_oids = max(1, len(batch) // 2)
                continue
            out.update(answers)
            if self.credentials.version == "1" and sentinel is not None and sentinel in answers \
                    and answers[sentinel] is None:
                return {oid: out.get(oid) for oid in oids}
            pending = pending[len(batch):]
        return out

    async def _get_batch(self, oids: list[tuple[int, ...]], sentinel: tuple[int, ...] | None
                         ) -> dict[tuple[int, ...], int | str | None]:
        """One GET; on v1, objects the agent lacks (noSuchName) are dropped one by one."""
        out: dict[tuple[int, ...], int | str | None] = {}
        remaining = list(oids)
        while remaining:
            indication, status, index, var_binds = await self._get_once(remaining)
            if indication:
                if isinstance(indication, errind.TooBig):
                    raise _TooBig
                self._raise_indication(indication)
            status_name = str(status.prettyPrint()) if hasattr(status, "prettyPrint") else str(status)
            if status and int(status) != 0:
                if status_name == "tooBig":
                    raise _TooBig
                if status_name == "noSuchName" and 1 <= int(index) <= len(remaining):
                    # SNMPv1: the whole PDU fails for one missing object.
                    missing = remaining.pop(int(index) - 1)
                    out[missing] = None
                    if missing == sentinel and self.credentials.version == "1":
                        return {oid: out.get(oid) for oid in oids}
                    continue
                raise SnmpError(f"{self.description} answered error {status_name} at object "
                                f"{index} of {len(remaining)}")
            for name, value in var_binds:
                out[tuple(name)] = python_value(value)
            for oid in remaining:
                out.setdefault(oid, None)
            break
        return out

    # --- units --------------------------------------------------------------------------

    def device_name(self) -> str | None:
        value = self.get([DEVICE_NAME_OID])[DEVICE_NAME_OID]
        return None if value is None else str(value)

    def read_unit(self, address: int) -> UnitReading | None:
        """One unit of the chain (0 = master, 1..5 = slave N); None when it is not chained
        (none of its objects answers)."""
        oids = [oid for oid, _ in unit_oids(address)]
        return self._decode(address, self.get(oids, sentinel=oids[0]))

    def _decode(self, address: int, answers: Mapping[tuple[int, ...], int | str | None]) -> UnitReading | None:
        values = {q.key: answers[oid] for oid, q in unit_oids(address) if answers.get(oid) is not None}
        if not values:
            return None
        missing = [q.key for oid, q in unit_oids(address) if answers.get(oid) is None]
        return decode_unit(address, values, self.scales, missing=missing)  # type: ignore[arg-type]

    def read_chain(self, addresses: Iterable[int] = CHAIN_ADDRESSES) -> SnmpChain:
        """The device name and every chained unit among ``addresses``."""
        addresses = list(addresses)
        for a in addresses:
            if a not in CHAIN_ADDRESSES:
                raise ValueError(f"chain address {a} is outside 0 (master) .. 5")
        name: str | None = None
        asked_name = False
        units: list[UnitReading] = []
        absent: list[int] = []
        for address in addresses:
            oids = [oid for oid, _ in unit_oids(address)]
            first = oids[0]
            if not asked_name:
                oids.insert(0, DEVICE_NAME_OID)
                asked_name = True
            answers = self.get(oids, sentinel=first)
            if answers.get(DEVICE_NAME_OID) is not None:
                name = str(answers[DEVICE_NAME_OID])
            reading = self._decode(address, answers)
            if reading is None:
                absent.append(address)
            else:
                units.append(reading)
        return SnmpChain(name, tuple(units), tuple(absent))


class _TooBig(Exception):
    pass


@dataclass(frozen=True)
class SnmpChain:
    """What one SNMP read of a master found."""

    device_name: str | None
    units: tuple[UnitReading, ...]
    absent: tuple[int, ...]  # chain addresses asked for whose objects did not answer

    def to_dict(self) -> dict[str, Any]:
        return {"device_name": self.device_name,
                "units": [u.to_dict() for u in self.units],
                "absent": [unit_name(a) for a in self.absent]}


__all__ = ["AUTH_PROTOCOLS", "DEFAULT_PORT", "DEFAULT_RETRIES", "DEFAULT_TIMEOUT", "PRIV_PROTOCOLS",
           "SnmpAuthError", "SnmpChain", "SnmpCredentials", "SnmpError", "SnmpLink", "VERSIONS", "python_value"]
