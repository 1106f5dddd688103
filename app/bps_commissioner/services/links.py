"""Opening a link from its one description (device/links.py ``LinkSpec``), and the link
vocabulary the CLI and the window use without reaching into transport/.

``endpoint_of(spec)`` gives the worker's immutable endpoint (services/endpoints.py),
``spec_of(endpoint)`` the way back, ``open_link(spec)`` an open link for code that runs
on a worker (a job) or in the CLI. The errors a link raises are re-exported here, so that
cli/ and ui/ import them through the service layer (an import-linter contract keeps it so).
"""

from __future__ import annotations

from typing import Any

from bps_commissioner.device.bus import BusSettings
from bps_commissioner.device.links import DEFAULT_PORTS, LINK_KINDS, LinkSpec
from bps_commissioner.services.endpoints import (
    DEFAULT_SERIAL_TIMEOUT,
    DEFAULT_TCP_TIMEOUT,
    FACTORY_COMMUNITY,
    Endpoint,
    SerialEndpoint,
    SnmpEndpoint,
    TcpEndpoint,
)
from bps_commissioner.transport.errors import (
    ConnectError,
    FrameError,
    LinkError,
    LinkLost,
    ModbusExceptionError,
    NoReplyError,
    PortError,
)
from bps_commissioner.transport.modbus import MAX_READ_COUNT, FrameObserver, ModbusLink
from bps_commissioner.transport.snmp import DEFAULT_TIMEOUT as SNMP_DEFAULT_TIMEOUT
from bps_commissioner.transport.snmp import SnmpCredentials, SnmpLink


def endpoint_of(spec: LinkSpec, *, block_size: int = MAX_READ_COUNT) -> Endpoint:
    """The worker's endpoint for ``spec`` (a timeout of None: the transport's default)."""
    if spec.kind == "serial":
        return SerialEndpoint(spec.target, spec.bus or BusSettings(),
                              timeout=spec.timeout or DEFAULT_SERIAL_TIMEOUT, block_size=block_size)
    if spec.kind == "tcp":
        return TcpEndpoint(spec.target, spec.port or DEFAULT_PORTS["tcp"], timeout=spec.timeout or DEFAULT_TCP_TIMEOUT,
                           block_size=block_size)
    if spec.kind == "snmp":
        extra: dict[str, Any] = {}
        if spec.retries is not None:
            extra["retries"] = spec.retries
        if spec.snmp_version == "3":
            return SnmpEndpoint(spec.target, spec.port or DEFAULT_PORTS["snmp"], "3", spec.v3_user,
                                spec.v3_auth_proto, spec.v3_priv_proto, spec.v3_context,
                                timeout=spec.timeout or SNMP_DEFAULT_TIMEOUT, **extra)
        # the factory community is the default of a description: the one typed in this
        # session or saved in the keyring for the host then wins (services/credentials.py)
        community = spec.community if spec.community and spec.community != FACTORY_COMMUNITY else None
        return SnmpEndpoint(spec.target, spec.port or DEFAULT_PORTS["snmp"], spec.snmp_version,
                            timeout=spec.timeout or SNMP_DEFAULT_TIMEOUT, community=community, **extra)
    raise ValueError(f"a link is one of {', '.join(LINK_KINDS)}, not {spec.kind!r}")


def spec_of(endpoint: Endpoint) -> LinkSpec:
    """The description of a worker's endpoint (no secret: an SNMP community stays out)."""
    if isinstance(endpoint, SerialEndpoint):
        return LinkSpec("serial", endpoint.port, None, endpoint.settings, endpoint.timeout)
    if isinstance(endpoint, TcpEndpoint):
        return LinkSpec("tcp", endpoint.host, endpoint.port, timeout=endpoint.timeout)
    if endpoint.version == "3":
        return LinkSpec("snmp", endpoint.host, endpoint.port, timeout=endpoint.timeout, snmp_version="3",
                        v3_user=endpoint.user, v3_auth_proto=endpoint.auth_protocol,
                        v3_priv_proto=endpoint.priv_protocol, v3_context=endpoint.context, retries=endpoint.retries)
    return LinkSpec("snmp", endpoint.host, endpoint.port, timeout=endpoint.timeout, snmp_version=endpoint.version,
                    retries=endpoint.retries)


def open_link(spec: LinkSpec | Endpoint, observer: FrameObserver | None = None) -> Any:
    """An open link for ``spec``: a Modbus RTU or TCP link, or an SNMP master's polling link
    (whose secrets are looked up now: the session, the environment, the keyring). Raises a
    LinkError (with its fault kind) when it cannot be opened."""
    endpoint = endpoint_of(spec) if isinstance(spec, LinkSpec) else spec
    return endpoint.open_link(observer)


__all__ = [
    "ConnectError", "DEFAULT_PORTS", "Endpoint", "FrameError", "FrameObserver", "LINK_KINDS", "LinkError", "LinkLost",
    "LinkSpec", "MAX_READ_COUNT", "ModbusExceptionError", "ModbusLink", "NoReplyError", "PortError",
    "SNMP_DEFAULT_TIMEOUT", "SnmpCredentials", "SnmpLink", "endpoint_of", "open_link", "spec_of",
]
