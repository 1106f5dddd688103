"""Faults and progress as data: what went wrong (a kind, the unit and link, the raw detail
and the values a hint needs) and how far a job has come.

Every layer speaks these. A transport error carries its :class:`FaultKind` and data from
where it is raised; the service layer turns any exception into a :class:`Fault`
(services/jobs.py ``fault_of``); the window picks its translated headline and hint by
``kind`` and fills them from ``data`` (ui/errors.py); the CLI prints ``message`` (English)
and takes its exit code from ``kind`` (:meth:`Fault.exit_code`). Nobody reads a message
back: text is for people.

Pure data, no I/O: device/ is the bottom layer, so transport/ can tag its errors with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType
from typing import Any, Mapping

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_CANCELLED = 130


class FaultKind(str, Enum):
    """Why something failed. The value is the stable name used in JSON and logs."""

    # a serial port
    PORT_MISSING = "port-missing"  # data: port
    PORT_BUSY = "link-busy"  # data: port (another program has it open)
    PORT_DENIED = "port-denied"  # data: port
    PORT_SETTINGS = "port-settings"  # data: port, settings (the adapter refuses them)
    PORT_FAILED = "port-failed"  # data: port
    PORT_LOST = "port-lost"  # data: port (unplugged while open)
    # a network host
    REFUSED = "refused"  # data: host (nothing listens on the port)
    HOST_UNKNOWN = "host-unknown"  # data: host
    UNREACHABLE = "unreachable"  # data: host
    CONNECTION_LOST = "connection-lost"  # data: host
    TIMEOUT = "timeout"  # data: host, waited (no answer to a connect or a prompt)
    # a unit
    NO_REPLY = "no-reply"  # data: unit, waited
    SNMP_NO_REPLY = "snmp-no-reply"  # data: host, waited
    GARBLED = "garbled"  # data: unit
    MODBUS_EXCEPTION = "modbus-exception"  # data: unit, function, code
    UNIT_REFUSED_VALUE = "unit-refused-value"  # the unit did not take a value (read back differs)
    PROTOCOL = "protocol"  # a reply this tool cannot understand
    AUTH_FAILED = "auth-failed"  # a refused Telnet login or SNMPv3 user/key
    SECRET_MISSING = "secret-missing"  # no password or key for the host
    UPLOAD_REFUSED = "upload-refused"  # a TFTP ERROR packet; data: code
    # the tool and the user
    BAD_INPUT = "bad-input"  # a value, file or option the tool refuses before anything is sent
    CANCELLED = "cancelled"
    LINK_ERROR = "link-error"  # any other link failure
    INTERNAL = "internal"  # a bug: the detail has the traceback


#: The kinds that mean the link (port or connection) is down, not one unit.
LINK_KINDS = frozenset({
    FaultKind.PORT_MISSING, FaultKind.PORT_BUSY, FaultKind.PORT_DENIED, FaultKind.PORT_SETTINGS,
    FaultKind.PORT_FAILED, FaultKind.PORT_LOST, FaultKind.REFUSED, FaultKind.HOST_UNKNOWN,
    FaultKind.UNREACHABLE, FaultKind.CONNECTION_LOST, FaultKind.TIMEOUT, FaultKind.SNMP_NO_REPLY,
    FaultKind.AUTH_FAILED, FaultKind.SECRET_MISSING,
})


@dataclass(frozen=True)
class Fault:
    """A failure as data. ``message`` is the English sentence for a person (the CLI prints
    it); ``detail`` the raw extra (a Telnet dialogue, a traceback); ``data`` what a hint
    needs (``port``, ``host``, ``code``, ``waited``...)."""

    kind: FaultKind
    message: str
    unit: int | None = None
    link: str = ""
    detail: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", FaultKind(self.kind))
        object.__setattr__(self, "data", MappingProxyType(dict(self.data)))

    def __str__(self) -> str:
        return self.message

    @property
    def exit_code(self) -> int:
        """The CLI's exit code for this fault: 2 bad input, 130 cancelled, else 1."""
        if self.kind is FaultKind.BAD_INPUT:
            return EXIT_USAGE
        if self.kind is FaultKind.CANCELLED:
            return EXIT_CANCELLED
        return EXIT_FAILED

    @property
    def link_down(self) -> bool:
        return self.kind in LINK_KINDS

    def get(self, name: str, default: Any = None) -> Any:
        return self.data.get(name, default)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind.value, "message": self.message}
        if self.unit is not None:
            out["unit"] = self.unit
        if self.link:
            out["link"] = self.link
        return out


@dataclass(frozen=True)
class Progress:
    """How far a job has come: ``done`` of ``total`` (0 total: not known), the ``step`` it is
    at (a stable key such as "scan", "detect", "upload", "restart", "unit"), and ``data``
    for the text (``address``, ``settings``, ``host``...). ``text`` is English for the CLI
    and logs; the window builds its own from ``step`` and ``data``."""

    done: int
    total: int
    step: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)
    text: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "data", MappingProxyType(dict(self.data)))

    def get(self, name: str, default: Any = None) -> Any:
        return self.data.get(name, default)

    @property
    def fraction(self) -> float | None:
        return self.done / self.total if self.total > 0 else None


__all__ = ["EXIT_CANCELLED", "EXIT_FAILED", "EXIT_USAGE", "Fault", "FaultKind", "LINK_KINDS", "Progress"]
