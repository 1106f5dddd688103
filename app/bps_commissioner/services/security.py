"""What a commissioning engineer should fix before leaving a unit on the network.

Each check returns :class:`Finding` objects: factory credentials that still work,
cleartext protocols (SNMP v1/v2c, Telnet), SNMPv3 without privacy or with weak algorithms.
They are advice, not errors: a command that finds them still succeeds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from bps_commissioner.transport.telnet import FACTORY_PASSWORD, FACTORY_USER

#: Most serious first.
SEVERITIES = ("high", "medium", "low")

FACTORY_COMMUNITIES = ("public", "private")


@dataclass(frozen=True)
class Finding:
    severity: str  # "high", "medium", "low"
    code: str  # stable identifier, e.g. "telnet-factory-credentials"
    message: str
    advice: str
    #: the values in the message (``user``, ``version``, ``weak``), for a translated text
    data: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {"severity": self.severity, "code": self.code, "message": self.message, "advice": self.advice}

    def line(self) -> str:
        return f"[{self.severity}] {self.message} {self.advice}"


def telnet_findings(user: str, factory_password_works: bool) -> list[Finding]:
    """After a successful Telnet login as ``user``. ``factory_password_works`` is True when
    the factory account admin/admin was accepted (the login itself used it, or an explicit
    check did)."""
    out = []
    if factory_password_works:
        out.append(Finding(
            "high", "telnet-factory-credentials",
            "The unit accepts the factory Telnet login admin/admin.",
            "Change the password before leaving the site: bps-commissioner provision --new-password-env VAR "
            "(the window: Units > Set up new masters...), Telnet menu 3 or the web UI System > Users."))
    out.append(Finding(
        "medium", "telnet-cleartext",
        f"Telnet is enabled: the account ({user}) and its password cross the network in cleartext.",
        "Disable Telnet in the web UI (Network > Telnet) once commissioning is done.", {"user": user}))
    return out


def snmp_findings(version: str, *, community: str | None = None, auth_protocol: str = "none",
                  priv_protocol: str = "none") -> list[Finding]:
    """After a successful SNMP read with these settings (the community is only compared,
    never reported)."""
    out = []
    if version in ("1", "2c"):
        if community in FACTORY_COMMUNITIES:
            out.append(Finding(
                "high", "snmp-factory-community",
                f"The unit answers SNMP v{version} to the factory community.",
                "Set your own read and write communities (bps-commissioner provision --read-community C "
                "--write-community C, or the web UI Network > SNMP), or better, switch to SNMPv3.",
                {"version": version}))
        out.append(Finding(
            "medium", "snmp-cleartext",
            f"SNMP v{version} sends the community and every value in cleartext, without authentication.",
            "Switch the unit to SNMPv3 with authentication and privacy (web UI Network > SNMP).",
            {"version": version}))
        return out
    if auth_protocol == "none":
        out.append(Finding(
            "medium", "snmpv3-no-auth", "SNMPv3 is used without authentication (noAuthNoPriv).",
            "Give the SNMPv3 account a password and a private key (authPriv)."))
    elif priv_protocol == "none":
        out.append(Finding(
            "medium", "snmpv3-no-privacy", "SNMPv3 is used without privacy: values cross the network in cleartext.",
            "Give the SNMPv3 account a private key and use privacy (authPriv)."))
    weak = [p for p in (auth_protocol, priv_protocol) if p in ("MD5", "DES")]
    if weak:
        out.append(Finding(
            "low", "snmpv3-weak-algorithms", f"SNMPv3 uses {' and '.join(weak)}, which are considered weak.",
            "Prefer SHA-256 (or at least SHA) and AES if the unit supports them.", {"weak": tuple(weak)}))
    return out


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: SEVERITIES.index(f.severity))


__all__ = ["FACTORY_COMMUNITIES", "FACTORY_PASSWORD", "FACTORY_USER", "Finding", "SEVERITIES",
           "snmp_findings", "sort_findings", "telnet_findings"]
