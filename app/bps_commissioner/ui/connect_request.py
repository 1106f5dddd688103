"""What the Connect dialog asks for: :class:`ConnectRequest` (where, which units, whether to
scan, the master's Telnet account; never a secret), as the recent-connections list keeps it
(``to_dict`` / ``from_dict``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bps_commissioner.device.bus import BusSettings, parse_units
from bps_commissioner.device.oids import CHAIN_ADDRESSES
from bps_commissioner.services.endpoints import Endpoint, SerialEndpoint, SnmpEndpoint, TcpEndpoint
from bps_commissioner.services.telnet_jobs import TelnetTarget


def format_units(units: Any) -> str:
    """[1, 2, 3, 5, 7, 8] -> "1-3,5,7-8"."""
    out: list[str] = []
    units = sorted(set(units))
    i = 0
    while i < len(units):
        j = i
        while j + 1 < len(units) and units[j + 1] == units[j] + 1:
            j += 1
        out.append(str(units[i]) if i == j else f"{units[i]}-{units[j]}")
        i = j + 1
    return ",".join(out)


@dataclass(frozen=True)
class ConnectRequest:
    """What the user asked for: where, which units, whether to scan for them first, and the
    master's Telnet account (no secret: see the module)."""

    endpoint: Endpoint
    units: tuple[int, ...]
    scan: bool = False
    telnet: TelnetTarget | None = None

    def to_dict(self) -> dict[str, Any]:
        ep = self.endpoint
        if isinstance(ep, SerialEndpoint):
            return {"kind": "serial", "port": ep.port, "baud": ep.settings.baud, "parity": ep.settings.parity,
                    "stopbits": ep.settings.stopbits, "units": format_units(self.units), "scan": self.scan}
        telnet = {"telnet": {"port": self.telnet.port, "user": self.telnet.user}} if self.telnet else {}
        if isinstance(ep, SnmpEndpoint):
            return {"kind": "snmp", "host": ep.host, "port": ep.port, "version": ep.version, "user": ep.user,
                    "auth": ep.auth_protocol, "priv": ep.priv_protocol, "context": ep.context,
                    "units": format_units(self.units), **telnet}
        return {"kind": "tcp", "host": ep.host, "port": ep.port, "units": format_units(self.units), **telnet}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ConnectRequest":
        """Raises ValueError/KeyError/TypeError for a malformed entry."""
        units = tuple(parse_units(str(d["units"]))) if d["kind"] != "snmp" else tuple(CHAIN_ADDRESSES)
        telnet = None
        if isinstance(d.get("telnet"), dict):
            telnet = TelnetTarget(str(d["host"]), int(d["telnet"]["port"]), str(d["telnet"]["user"]))
        if d["kind"] == "serial":
            settings = BusSettings(int(d["baud"]), str(d["parity"]), int(d["stopbits"]))
            return cls(SerialEndpoint(str(d["port"]), settings), units, bool(d.get("scan", False)))
        if d["kind"] == "tcp":
            return cls(TcpEndpoint(str(d["host"]), int(d["port"])), units, telnet=telnet)
        if d["kind"] == "snmp":
            endpoint = SnmpEndpoint(str(d["host"]), int(d["port"]), str(d["version"]), str(d.get("user", "")),
                                    str(d.get("auth", "SHA")), str(d.get("priv", "AES")), str(d.get("context", "")))
            return cls(endpoint, units, telnet=telnet)
        raise ValueError(f"unknown connection kind {d['kind']!r}")

    def label(self) -> str:
        ep = self.endpoint
        if isinstance(ep, SerialEndpoint):
            return f"{ep.port} · {ep.settings} · {format_units(self.units)}"
        if isinstance(ep, SnmpEndpoint):
            where = f"{ep.host}:{ep.port} · {ep.security}"
        else:
            where = f"{ep.host}:{ep.port} · {format_units(self.units)}"
        return where + (" · Telnet" if self.telnet else "")


__all__ = ["ConnectRequest", "format_units"]
