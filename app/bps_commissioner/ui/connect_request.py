"""What the Connect dialog asks for: :class:`ConnectRequest` (where, which units, whether to
scan, the master's Telnet account; never a secret), as the recent-connections list keeps it
(``to_dict`` / ``from_dict``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bps_commissioner.device.bus import BusSettings, parse_units
from bps_commissioner.device.oids import CHAIN_ADDRESSES
from bps_commissioner.device.plan import parse_link
from bps_commissioner.services.endpoints import Endpoint, SerialEndpoint, SnmpEndpoint, TcpEndpoint
from bps_commissioner.services.links import endpoint_of, spec_of
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
        """The recent-connections entry: the link's one description (device/links.py, as a
        plan writes it), the units, and the master's Telnet account (no secret)."""
        spec = spec_of(self.endpoint)
        out: dict[str, Any] = {"kind": spec.kind, "link": spec.to_dict(), "units": format_units(self.units)}
        if spec.kind == "snmp":
            out.pop("units")
            out["link"].pop("community", None)  # looked up when the link opens, never stored
        if spec.kind == "serial":
            out["scan"] = self.scan
        if self.telnet is not None:
            out["telnet"] = {"port": self.telnet.port, "user": self.telnet.user}
            if self.telnet.host != spec.target:
                out["telnet"]["host"] = self.telnet.host
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ConnectRequest":
        """Raises ValueError/KeyError/TypeError for a malformed entry. Reads the entries of
        earlier versions too (no "link": the endpoint's fields at the top level)."""
        units = tuple(parse_units(str(d["units"]))) if d["kind"] != "snmp" else tuple(CHAIN_ADDRESSES)
        if isinstance(d.get("link"), dict):
            spec = parse_link(d["link"], "recent connections")
            telnet = None
            if isinstance(d.get("telnet"), dict):
                telnet = TelnetTarget(str(d["telnet"].get("host", spec.target)), int(d["telnet"]["port"]),
                                      str(d["telnet"]["user"]))
            return cls(endpoint_of(spec), units, bool(d.get("scan", False)), telnet)
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
