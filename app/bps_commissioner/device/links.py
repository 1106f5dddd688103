"""One description of a link, for every part of the application: :class:`LinkSpec`.

A link is a serial bus (port and bus settings), a Modbus TCP host, or an SNMP master
(version, community or SNMPv3 user and protocols), with the master's Telnet and TFTP
ports. The plan reads and writes it (its ``links`` entries are :meth:`LinkSpec.to_dict`),
the CLI options and the window's Connect dialog make one, the recent-connections list
stores its dict, and services/links.py opens it (``open_link(spec)``). It holds no secret:
communities and keys are looked up when the link opens (services/credentials.py).

Default ports: device/ports.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bps_commissioner.device.bus import ADDRESSES, BusSettings
from bps_commissioner.device.oids import CHAIN_ADDRESSES
from bps_commissioner.device.ports import MODBUS_TCP_PORT, SNMP_PORT, TELNET_PORT, TFTP_PORT

LINK_KINDS = ("serial", "tcp", "snmp")
DEFAULT_PORTS = {"tcp": MODBUS_TCP_PORT, "snmp": SNMP_PORT}


@dataclass(frozen=True)
class LinkSpec:
    """Where a group of units is: a serial bus, a Modbus TCP host or an SNMP master.

    ``target`` is the serial port or the host name; ``port`` the network port (None on a
    serial link). Only the fields of its ``kind`` matter."""

    kind: str
    target: str
    port: int | None = None
    bus: BusSettings | None = None
    timeout: float | None = None
    snmp_version: str = "2c"
    community: str = "public"
    v3_user: str = ""
    v3_auth_proto: str = "SHA"
    v3_priv_proto: str = "AES"
    v3_context: str = ""
    retries: int | None = None
    #: the master's Telnet and TFTP ports (networked links; not written to a plan's link)
    telnet_port: int = TELNET_PORT
    tftp_port: int = TFTP_PORT

    @property
    def key(self) -> str:
        """The link's key, as the link manager and the chain tree know it: "serial:COM5",
        "tcp:10.0.0.5:502", "snmp:10.0.0.6:161"."""
        if self.kind == "serial":
            return f"serial:{self.target}"
        return f"{self.kind}:{self.target}:{self.port}"

    @property
    def host(self) -> str | None:
        """The network host of a networked link (None on serial)."""
        return None if self.kind == "serial" else self.target

    def describe(self) -> str:
        """For messages and reports, in words that need no translation: "COM5 (9600 8N1)",
        "10.0.0.5:502 (Modbus TCP)", "10.0.0.6:161 (SNMP v2c)"."""
        if self.kind == "serial":
            return f"{self.target} ({self.bus or BusSettings()})"
        host = f"[{self.target}]" if ":" in self.target else self.target
        if self.kind == "tcp":
            return f"{host}:{self.port} (Modbus TCP)"
        return f"{host}:{self.port} (SNMP v{self.snmp_version})"

    @property
    def addresses(self) -> range:
        """The unit addresses this kind of link can have."""
        return CHAIN_ADDRESSES if self.kind == "snmp" else ADDRESSES

    def to_dict(self) -> dict[str, Any]:
        if self.kind == "serial":
            bus = self.bus or BusSettings()
            out: dict[str, Any] = {"serial": self.target, **bus.to_dict()}
        else:
            host = f"[{self.target}]" if ":" in self.target else self.target
            text = host if self.port == DEFAULT_PORTS[self.kind] else f"{host}:{self.port}"
            out = {self.kind: text}
            if self.kind == "snmp":
                out["version"] = self.snmp_version
                if self.snmp_version == "3":
                    out.update(v3_user=self.v3_user, v3_auth_proto=self.v3_auth_proto,
                               v3_priv_proto=self.v3_priv_proto)
                    if self.v3_context:
                        out["v3_context"] = self.v3_context
                elif self.community:  # empty: none in the plan, looked up when the link opens
                    out["community"] = self.community
                if self.retries is not None:
                    out["retries"] = self.retries
        if self.timeout is not None:
            out["timeout"] = self.timeout
        return out


__all__ = ["DEFAULT_PORTS", "LINK_KINDS", "LinkSpec"]
