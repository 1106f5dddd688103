"""A networked master's set-up in a commissioning plan: its ``network`` and ``snmp_setup``.

    {"address": 0, "host": "192.168.0.163",
     "network": {"address": "10.20.0.11/24", "gateway": "10.20.0.1", "dns": "10.20.0.2", "http_port": 8080},
     "snmp_setup": {"agent": true, "read_community": "mon-ro-7", "trap1": "10.20.0.50"}}

``network.address`` is ``A/PREFIX`` (prefix 8..30) or ``A`` with ``"mask": "255.255.255.0"``;
``gateway``, ``dns`` and ``http_port`` (1..65535) are optional. ``snmp_setup`` may give
``agent`` (true or false), ``read_community`` and ``trap1`` (an IPv4 address). Only a
networked master carries them: a unit with a Telnet ``host``, the master (address 0) of an
SNMP link, or a unit on a Modbus TCP link. No password and no write community goes into a
plan: they come from the environment or a prompt when the master is provisioned.

Values are kept canonical (device/provisioning.py's :func:`canonical`);
:func:`provisioning_values` turns a unit's blocks into device/telnet_menus.py setting keys.
Pure: the plan reader (device/plan.py) passes its reader in, so that every problem is kept
with the file, line and key.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from bps_commissioner.device import telnet_menus as tm
from bps_commissioner.device.provisioning import ValueProblem, canonical, check_network, prefix_of

if TYPE_CHECKING:  # pragma: no cover
    from bps_commissioner.device.plan import PlannedUnit

NETWORK_KEYS = ("address", "mask", "gateway", "dns", "http_port")
SNMP_SETUP_KEYS = ("agent", "read_community", "trap1")
#: Why a secret in a set-up block is refused.
SECRET_REFUSED = ("passwords and the SNMP write community never go into a plan: they come from the "
                  "environment or a prompt when the master is provisioned")


@dataclass(frozen=True)
class PlannedNetwork:
    """A master's planned network menu (canonical texts; ``mask`` always known)."""

    address: str
    mask: str
    gateway: str | None = None
    dns: str | None = None
    http_port: int | None = None

    @property
    def prefix(self) -> int:
        return prefix_of(self.mask)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"address": f"{self.address}/{self.prefix}"}
        for key in ("gateway", "dns", "http_port"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


@dataclass(frozen=True)
class PlannedSnmp:
    """A master's planned SNMP menu (None: left as the unit has it)."""

    agent: bool | None = None
    read_community: str | None = None
    trap1: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in SNMP_SETUP_KEYS if getattr(self, key) is not None}


def is_secret_setup_key(key: str) -> bool:
    k = key.lower()
    return "pass" in k or "secret" in k or k.endswith("key") or ("community" in k and "read" not in k)


def networked_master(link_kind: str | None, address: int | None, host: str | None) -> bool:
    """Whether a unit is reached over the network: a Telnet host, an SNMP link's master
    (address 0) or a unit on a Modbus TCP link."""
    return host is not None or link_kind == "tcp" or (link_kind == "snmp" and address == 0)


def _block(r: Any, obj: Any, key: str, path: str, allowed: Sequence[str], example: str) -> Any | None:
    """The object under ``key`` with its keys checked (problems kept in ``r``), or None."""
    from bps_commissioner.device.jsonfile import JsonObject

    value = obj[key]
    if not isinstance(value, dict):
        r.problems.append(r.fail(f"must be an object such as {example}", obj.line_of(key), path))
        return None
    block = value if isinstance(value, JsonObject) else JsonObject(value)
    for name in block:
        if name in allowed:
            continue
        where = f"{path}.{name}"
        if is_secret_setup_key(name):
            r.problems.append(r.fail(SECRET_REFUSED, block.line_of(name), where))
        else:
            r.problems.append(r.fail(f"unknown key ({key} has {', '.join(allowed)})", block.line_of(name), where))
    return block


def _value(r: Any, block: Any, key: str, path: str, kind: str, what: str) -> str | None:
    """A canonical text value, or None (not given, or a problem kept in ``r``)."""
    if key not in block or block[key] is None:
        return None
    value = block[key]
    if isinstance(value, str) and not value.strip():
        r.problems.append(r.fail("must not be empty", block.line_of(key), f"{path}.{key}"))
        return None
    if not isinstance(value, str):
        r.problems.append(r.fail(f"{json.dumps(value)} must be {what} in double quotes", block.line_of(key),
                                 f"{path}.{key}"))
        return None
    try:
        return canonical(kind, value, "")
    except ValueProblem as exc:
        r.problems.append(r.fail(str(exc).strip(), block.line_of(key), f"{path}.{key}"))
        return None


def parse_network(r: Any, obj: Any, path: str) -> PlannedNetwork | None:
    """The unit's ``network`` block (``obj["network"]``); None with its problems kept in ``r``."""
    where = f"{path}.network"
    block = _block(r, obj, "network", where, NETWORK_KEYS,
                   '{"address": "10.20.0.11/24", "gateway": "10.20.0.1"}')
    if block is None:
        return None
    before = len(r.problems)
    address = mask = None
    if "address" not in block or block["address"] is None:
        r.problems.append(r.fail('has no "address" ("10.20.0.11/24", or "10.20.0.11" with a "mask")',
                                 block.line, where))
    else:
        raw = block["address"]
        line = block.line_of("address")
        text, slash, prefix_text = raw.partition("/") if isinstance(raw, str) else ("", "", "")
        if not isinstance(raw, str) or not text.strip():
            r.problems.append(r.fail(f"{json.dumps(raw)} must be an address such as \"10.20.0.11/24\" in "
                                     f"double quotes", line, f"{where}.address"))
        else:
            try:
                address = canonical(tm.IPV4, text)
            except ValueProblem:
                r.problems.append(r.fail(f"{json.dumps(raw)} is not an IPv4 address (four numbers 0..255 with "
                                         f"dots, then /PREFIX or a \"mask\")", line, f"{where}.address"))
            if slash:
                if "mask" in block:
                    r.problems.append(r.fail('gives both a /prefix and a "mask": give one', line,
                                             f"{where}.address"))
                elif not prefix_text.strip().isdigit() or not 8 <= int(prefix_text) <= 30:
                    r.problems.append(r.fail(f"/{prefix_text} is not a prefix length 8..30", line,
                                             f"{where}.address"))
                else:
                    bits = int(prefix_text)
                    mask = ".".join(str((0xFFFFFFFF << (32 - bits) >> (24 - 8 * i)) & 0xFF) for i in range(4))
            elif "mask" not in block:
                r.problems.append(r.fail('has no prefix: write "10.20.0.11/24" or give a "mask"', line,
                                         f"{where}.address"))
    if "mask" in block:
        given = _value(r, block, "mask", where, tm.MASK, "a subnet mask such as \"255.255.255.0\"")
        mask = given if mask is None else mask
    gateway = _value(r, block, "gateway", where, tm.IPV4, "an IPv4 address")
    dns = _value(r, block, "dns", where, tm.IPV4, "an IPv4 address")
    http_port = r.guard(lambda: r.integer(block, "http_port", f"{where}.http_port", range(1, 65536), "a TCP port"))
    if len(r.problems) > before or address is None or mask is None:
        return None
    for problem in check_network(address, mask, gateway, {"address": "the address", "mask": "the mask",
                                                           "gateway": "the gateway"}):
        key = "gateway" if problem.startswith("the gateway") else "address"
        r.problems.append(r.fail(problem, block.line_of(key), f"{where}.{key}"))
    if len(r.problems) > before:
        return None
    return PlannedNetwork(address, mask, gateway, dns, http_port)


def parse_snmp_setup(r: Any, obj: Any, path: str) -> PlannedSnmp | None:
    """The unit's ``snmp_setup`` block; None with its problems kept in ``r``."""
    where = f"{path}.snmp_setup"
    block = _block(r, obj, "snmp_setup", where, SNMP_SETUP_KEYS,
                   '{"agent": true, "read_community": "mon-ro-7", "trap1": "10.20.0.50"}')
    if block is None:
        return None
    before = len(r.problems)
    agent = block.get("agent")
    if agent is not None and not isinstance(agent, bool):
        r.problems.append(r.fail(f"{json.dumps(agent)} is not true or false", block.line_of("agent"),
                                 f"{where}.agent"))
    community = _value(r, block, "read_community", where, tm.COMMUNITY, "a community name")
    trap1 = _value(r, block, "trap1", where, tm.IPV4, "an IPv4 address")
    if len(r.problems) > before:
        return None
    return PlannedSnmp(agent, community, trap1)


def address_problems(units: Iterable[tuple[int, "PlannedUnit"]],
                     fail: Callable[[str, int | None, str], Exception]) -> list[Exception]:
    """Across a plan: one planned network address per master. ``units``: (index in the
    file, unit); ``fail(message, line, key)`` makes the problem."""
    seen: dict[str, int] = {}
    out: list[Exception] = []
    for index, unit in units:
        if unit.network is None:
            continue
        other = seen.get(unit.network.address)
        if other is not None:
            out.append(fail(f"{unit.network.address} is planned for units[{other}] too: two masters on one "
                            f"address cannot both answer", unit.line, f"units[{index}].network.address"))
        else:
            seen[unit.network.address] = index
    return out


def provisioning_values(unit: "PlannedUnit") -> dict[str, str]:
    """The unit's planned ``network`` and ``snmp_setup`` as device/telnet_menus.py setting
    keys and canonical texts (only what the plan gives): {"network.address": "10.20.0.11",
    "network.mask": "255.255.255.0", "network.gateway": ..., "network.dns": ..., "http.port":
    "8080", "snmp.agent": "enable" or "disable", "snmp.read_community": ..., "snmp.trap1": ...}."""
    out: dict[str, str] = {}
    net, snmp = unit.network, unit.snmp_setup
    if net is not None:
        out["network.address"], out["network.mask"] = net.address, net.mask
        if net.gateway is not None:
            out["network.gateway"] = net.gateway
        if net.dns is not None:
            out["network.dns"] = net.dns
        if net.http_port is not None:
            out["http.port"] = str(net.http_port)
    if snmp is not None:
        if snmp.agent is not None:
            out["snmp.agent"] = "enable" if snmp.agent else "disable"
        if snmp.read_community is not None:
            out["snmp.read_community"] = snmp.read_community
        if snmp.trap1 is not None:
            out["snmp.trap1"] = snmp.trap1
    return out


__all__ = ["NETWORK_KEYS", "PlannedNetwork", "PlannedSnmp", "SECRET_REFUSED", "SNMP_SETUP_KEYS",
           "address_problems", "is_secret_setup_key", "networked_master", "parse_network", "parse_snmp_setup",
           "provisioning_values"]
