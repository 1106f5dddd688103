"""An SNMP master and its slaves as a link a :class:`~bps_commissioner.services.worker.LinkWorker` polls.

:class:`SnmpPollLink` wraps a :class:`~bps_commissioner.transport.snmp.SnmpLink` (which owns
its asyncio loop in the worker's thread) and offers what the worker needs of a link:
``open``, ``close``, ``outcome_observer`` (per-unit counters) and ``poll_unit(address)``,
which the worker calls instead of reading Modbus registers.

* ``open`` asks the agent for its device name: an agent that does not answer (wrong
  community, SNMP off, unreachable) or refuses the SNMPv3 user fails the open, so the
  worker reports the link lost and retries it, as with a TCP connection refused;
* ``poll_unit`` is one GET of a unit's objects; a slave whose objects are missing is not
  chained (None); a request without an answer means the whole agent is gone (the link is
  lost: every unit is behind the same agent);
* thresholds and alarm states do not exist over SNMP: readings carry neither.
"""

from __future__ import annotations

import time
from typing import Any

from bps_commissioner.device.decode import UnitReading
from bps_commissioner.services.security import Finding, snmp_findings
from bps_commissioner.transport.errors import ConnectError, LinkError, LinkLost, NoReplyError
from bps_commissioner.transport.snmp import SnmpCredentials, SnmpError, SnmpLink


class SnmpLost(LinkLost):
    """The agent stopped answering in the middle of polling."""


class SnmpPollLink:
    """One SNMP agent (a MASTER) as a polled link. Not thread-safe: the worker's thread only."""

    def __init__(self, host: str, port: int, credentials: SnmpCredentials, *, timeout: float, retries: int,
                 scales: dict[str, int] | None = None):
        self._link = SnmpLink(host, port, credentials, timeout=timeout, retries=retries, scales=scales)
        self._credentials = credentials
        self.outcome_observer: Any = None
        self.device_name: str | None = None

    @property
    def description(self) -> str:
        return self._link.description

    @property
    def requests(self) -> int:
        return self._link.requests

    def open(self) -> None:
        """Raises ConnectError when the agent does not answer or refuses the credentials."""
        start = time.monotonic()
        try:
            self._link.open()
            self.device_name = self._link.device_name()
        except LinkError as exc:
            self._record(0, "timeout" if isinstance(exc, NoReplyError) else "exception", start)
            self._link.close()
            raise ConnectError(str(exc)) from None
        self._record(0, "reply", start)

    def close(self) -> None:
        self._link.close()

    def _record(self, address: int, outcome: str, start: float) -> None:
        if self.outcome_observer is not None:
            self.outcome_observer(address, outcome, time.monotonic() - start)

    def poll_unit(self, address: int) -> UnitReading | None:
        """One unit of the chain (0 master, 1..5 slaves); None for a slave that is not chained.
        Raises SnmpLost when the agent does not answer, SnmpError for an error reply."""
        start = time.monotonic()
        try:
            reading = self._link.read_unit(address)
        except NoReplyError as exc:
            self._record(address, "timeout", start)
            raise SnmpLost(str(exc)) from None
        except SnmpError:
            self._record(address, "exception", start)
            raise
        self._record(address, "reply", start)
        if reading is None and address == 0:
            raise SnmpError(f"{self.description} answers SNMP, but not with the objects of a BPS2000v2 master "
                            f"(enterprise 47394): is it a BPS2000v2 master?")
        return reading

    # Modbus jobs (thresholds, a bus scan) meet a clear refusal rather than a missing method.
    def _no_modbus(self, *_args: Any, **_kw: Any) -> Any:
        raise LinkError(f"{self.description}: Modbus registers (the alarm thresholds among them) are not "
                        f"reachable over SNMP; connect to the master over Modbus TCP for them")

    read_registers = read_block = write_register = read_unit = _no_modbus

    def findings(self) -> tuple[Finding, ...]:
        """What an engineer should fix about this SNMP access (the community is compared with
        the factory ones, never reported)."""
        c = self._credentials
        return tuple(snmp_findings(c.version, community=c.community if c.version != "3" else None,
                                   auth_protocol=c.auth_protocol, priv_protocol=c.priv_protocol))


def snmp_security_job(ctx: Any) -> tuple[Finding, ...]:
    """A LinkWorker job on an SNMP link: its security findings (opens the link if needed)."""
    link = ctx.link
    findings = getattr(link, "findings", None)
    return tuple(findings()) if callable(findings) else ()


__all__ = ["SnmpLost", "SnmpPollLink", "snmp_security_job"]
