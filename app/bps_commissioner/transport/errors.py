"""Errors a link raises. ``str(error)`` is the message shown to the user: it names what
failed, why, and what to do. No traceback ever reaches the user."""

from __future__ import annotations

from typing import Any

from bps_commissioner.device.faults import FaultKind

# Modbus exception codes and what they mean on a BPS2000v2.
EXCEPTION_MEANINGS = {
    1: "illegal function: the unit does not support this function code (a BPS2000v2 knows 03 and 06 only)",
    2: "illegal data address: the register is not in the unit's map, or it is read-only",
    3: "illegal data value: the register count or the value is not accepted",
    4: "server device failure: the unit could not perform the request",
    5: "acknowledge: the unit accepted a long-running request",
    6: "server device busy: try again later",
    8: "memory parity error",
    10: "gateway path unavailable",
    11: "gateway target device failed to respond",
}


class LinkError(Exception):
    """Base class: something went wrong talking to a unit.

    ``kind`` (a :class:`FaultKind`) says why, ``data`` holds what a hint needs (``port``,
    ``host``, ``waited``...): the service layer turns both into a Fault, so nobody has to
    read the message back."""

    kind: FaultKind = FaultKind.LINK_ERROR
    unit: int | None = None

    def __init__(self, message: str, *, kind: FaultKind | None = None, **data: Any):
        super().__init__(message)
        if kind is not None:
            self.kind = kind
        self.data: dict[str, Any] = dict(data)


class PortError(LinkError):
    """A serial port is missing, busy or forbidden."""

    kind = FaultKind.PORT_FAILED


class ConnectError(LinkError):
    """A TCP host refused the connection, is unreachable or did not answer."""

    kind = FaultKind.UNREACHABLE


class LinkLost(LinkError):
    """An open link went away (adapter unplugged, connection dropped)."""

    kind = FaultKind.CONNECTION_LOST


class NoReplyError(LinkError):
    """The unit did not answer within the time waited."""

    kind = FaultKind.NO_REPLY

    def __init__(self, message: str, unit: int, waited: float, *, kind: FaultKind | None = None, **data: Any):
        super().__init__(message, kind=kind, waited=waited, **data)
        self.unit = unit
        self.waited = waited


class FrameError(LinkError):
    """A reply arrived but is garbled: bad CRC, wrong length, wrong address or function."""

    kind = FaultKind.GARBLED

    def __init__(self, message: str, unit: int):
        super().__init__(message)
        self.unit = unit


class ModbusExceptionError(LinkError):
    """The unit answered with a Modbus exception."""

    kind = FaultKind.MODBUS_EXCEPTION

    def __init__(self, unit: int, function: int, code: int):
        meaning = EXCEPTION_MEANINGS.get(code, "unknown exception code")
        super().__init__(f"unit {unit} answered function {function:02d} with Modbus exception "
                         f"{code:02d} ({meaning})", function=function, code=code)
        self.unit = unit
        self.function = function
        self.code = code
