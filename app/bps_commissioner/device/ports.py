"""The network ports and the factory account of a BPS2000v2, in one place.

Every layer takes its defaults from here: the transports, the link descriptions
(services/endpoints.py), the plan, the CLI options and the window's forms. A unit's
settings may differ; these are what it leaves the factory with (PROTOCOL.md).
"""

from __future__ import annotations

MODBUS_TCP_PORT = 502
SNMP_PORT = 161
TELNET_PORT = 23
TFTP_PORT = 69
HTTP_PORT = 80
#: The Telnet (and web) login a unit leaves the factory with: a security finding while it works.
FACTORY_USER = "admin"
FACTORY_PASSWORD = "admin"

__all__ = ["FACTORY_PASSWORD", "FACTORY_USER", "HTTP_PORT", "MODBUS_TCP_PORT", "SNMP_PORT", "TELNET_PORT",
           "TFTP_PORT"]
