"""Where a link goes: immutable descriptions that a worker turns into an open link."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bps_commissioner.device.bus import BusSettings
from bps_commissioner.device.address import parse_host
from bps_commissioner.device.faults import FaultKind
from bps_commissioner.device.ports import (
    FACTORY_USER, HTTP_PORT, MODBUS_TCP_PORT, SNMP_PORT, TELNET_PORT, TFTP_PORT,
)
from bps_commissioner.device.oids import V3_AUTH_PROTOCOLS, V3_PRIV_PROTOCOLS, v3_protocol
from bps_commissioner.transport.errors import ConnectError
from bps_commissioner.transport.modbus import MAX_READ_COUNT, FrameObserver, ModbusLink
from bps_commissioner.transport.rtu import DEFAULT_REPLY_TIMEOUT, RtuLink
from bps_commissioner.transport.tcp import DEFAULT_TIMEOUT, TcpLink

DEFAULT_PORT = MODBUS_TCP_PORT
#: How long a unit may take to answer: on serial on top of the bytes' wire time; on TCP.
DEFAULT_SERIAL_TIMEOUT = DEFAULT_REPLY_TIMEOUT
DEFAULT_TCP_TIMEOUT = DEFAULT_TIMEOUT


def _opened(link: ModbusLink) -> ModbusLink:
    link.open()
    return link


@dataclass(frozen=True)
class SerialEndpoint:
    port: str
    settings: BusSettings = BusSettings()
    timeout: float = DEFAULT_REPLY_TIMEOUT
    block_size: int = MAX_READ_COUNT

    @property
    def key(self) -> str:
        return f"serial:{self.port}"

    def describe(self) -> str:
        return f"{self.port} ({self.settings})"

    def create_link(self, observer: FrameObserver | None = None) -> ModbusLink:
        return RtuLink(self.port, self.settings, timeout=self.timeout, block_size=self.block_size,
                       observer=observer)

    def open_link(self, observer: FrameObserver | None = None) -> ModbusLink:
        return _opened(self.create_link(observer))


@dataclass(frozen=True)
class TcpEndpoint:
    host: str
    port: int = DEFAULT_PORT
    timeout: float = DEFAULT_TIMEOUT
    block_size: int = MAX_READ_COUNT

    @property
    def key(self) -> str:
        return f"tcp:{self.host}:{self.port}"

    def describe(self) -> str:
        return f"{self.host}:{self.port} (Modbus TCP)"

    def create_link(self, observer: FrameObserver | None = None) -> ModbusLink:
        return TcpLink(self.host, self.port, timeout=self.timeout, block_size=self.block_size,
                       observer=observer)

    def open_link(self, observer: FrameObserver | None = None) -> ModbusLink:
        return _opened(self.create_link(observer))


SNMP_DEFAULT_PORT = SNMP_PORT
SNMP_VERSIONS = ("1", "2c", "3")
#: The read community of a unit as it leaves the factory (a security finding when it works).
FACTORY_COMMUNITY = "public"


@dataclass(frozen=True)
class SnmpEndpoint:
    """A MASTER read over SNMP, with the slaves chained behind it (chain addresses 0..5).

    It holds how to authenticate but no secret: the community (v1/v2c) and the SNMPv3 keys
    are looked up when the link opens, in the worker's thread
    (:func:`bps_commissioner.services.credentials.find_secret`: typed in this session, the
    environment, the system keyring; a community found nowhere is the factory "public").
    The link it opens offers ``poll_unit`` (see services/snmp_poll.py), so the worker polls
    it like a Modbus link."""

    host: str
    port: int = SNMP_DEFAULT_PORT
    version: str = "2c"
    user: str = ""  # SNMPv3 user
    auth_protocol: str = "SHA"
    priv_protocol: str = "AES"
    context: str = ""
    timeout: float = 2.0
    retries: int = 1
    #: a v1/v2c community given with the link (a plan's); else it is looked up when the link opens
    community: str | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.version not in SNMP_VERSIONS:
            raise ValueError(f"SNMP version {self.version!r} is not 1, 2c or 3")
        if not 1 <= self.port <= 65535:
            raise ValueError(f"SNMP port {self.port} is outside 1..65535")
        if self.version == "3":
            if not self.user:
                raise ValueError("SNMPv3 needs a user name")
            auth = v3_protocol(self.auth_protocol, V3_AUTH_PROTOCOLS, "authentication protocol")
            priv = v3_protocol(self.priv_protocol, V3_PRIV_PROTOCOLS, "privacy protocol")
            if priv != "none" and auth == "none":
                raise ValueError("SNMPv3 privacy needs authentication")
            object.__setattr__(self, "auth_protocol", auth)
            object.__setattr__(self, "priv_protocol", priv)

    @property
    def key(self) -> str:
        return f"snmp:{self.host}:{self.port}"

    @property
    def security(self) -> str:
        """For messages: "SNMP v2c", "SNMPv3 bkt (authPriv)"; never a secret."""
        if self.version != "3":
            return f"SNMP v{self.version}"
        level = "noAuthNoPriv" if self.auth_protocol == "none" else (
            "authNoPriv" if self.priv_protocol == "none" else "authPriv")
        return f"SNMPv3 {self.user} ({level})"

    def describe(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port} ({self.security})"

    def credentials(self) -> Any:
        """SnmpCredentials with the secrets looked up now. Raises ConnectError naming what is
        missing (never a value)."""
        from bps_commissioner.services.credentials import SNMP_COMMUNITY, SecretUnavailable, find_secret
        from bps_commissioner.services.secrets import SNMP_AUTH_KEY, SNMP_PRIV_KEY
        from bps_commissioner.transport.snmp import SnmpCredentials

        try:
            if self.version != "3":
                if self.community:
                    return SnmpCredentials(self.version, community=self.community)
                try:
                    community = find_secret(SNMP_COMMUNITY, "", self.host).reveal()
                except SecretUnavailable:
                    community = FACTORY_COMMUNITY  # none given or saved: the unit's factory one
                return SnmpCredentials(self.version, community=community)
            keys: dict[str, str | None] = {"auth": None, "priv": None}
            for name, proto, kind in (("auth", self.auth_protocol, SNMP_AUTH_KEY),
                                      ("priv", self.priv_protocol, SNMP_PRIV_KEY)):
                if proto != "none":
                    keys[name] = find_secret(kind, self.user, self.host).reveal()
            return SnmpCredentials("3", user=self.user, auth_protocol=self.auth_protocol, auth_key=keys["auth"],
                                   priv_protocol=self.priv_protocol, priv_key=keys["priv"], context=self.context)
        except SecretUnavailable:
            raise ConnectError(f"{self.describe()}: no SNMPv3 key for this host: type it in the Connect dialog, "
                               f"save it in the system keyring, or set BPS_SNMP_AUTH_KEY and "
                               f"BPS_SNMP_PRIV_KEY", kind=FaultKind.SECRET_MISSING, host=self.host) from None
        except ValueError as exc:  # a key too short, ...: the message names the key, not its value
            raise ConnectError(f"{self.describe()}: {exc}", kind=FaultKind.BAD_INPUT, host=self.host) from None

    def create_link(self, observer: FrameObserver | None = None) -> Any:
        """The link, not opened (SNMP carries no Modbus frames: ``observer`` is not used)."""
        from bps_commissioner.services.snmp_poll import SnmpPollLink

        return SnmpPollLink(self.host, self.port, self.credentials(), timeout=self.timeout, retries=self.retries)

    def open_link(self, observer: FrameObserver | None = None) -> Any:
        link = self.create_link(observer)
        link.open()
        return link


Endpoint = SerialEndpoint | TcpEndpoint | SnmpEndpoint


__all__ = ["DEFAULT_PORT", "DEFAULT_SERIAL_TIMEOUT", "DEFAULT_TCP_TIMEOUT", "Endpoint", "FACTORY_COMMUNITY",
           "FACTORY_USER", "HTTP_PORT", "MAX_READ_COUNT", "MODBUS_TCP_PORT", "SNMP_DEFAULT_PORT", "SNMP_PORT",
           "SNMP_VERSIONS", "SerialEndpoint", "SnmpEndpoint", "TELNET_PORT", "TFTP_PORT", "TcpEndpoint",
           "parse_host"]
