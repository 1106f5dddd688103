"""The errors a user meets (DESIGN.md's table), as the window shows them.

The service layer reports a failure as a :class:`~bps_commissioner.device.faults.Fault`:
its kind, unit, link and the data a hint needs, with an English message (the CLI prints
it). The window picks a translated headline and hint by the fault's kind, fills them from
its data, and shows the English message below as the detail, so a Polish user reads what
happened in Polish and can still quote the exact text. No message is read back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from bps_commissioner.device.faults import Fault, FaultKind


@dataclass(frozen=True)
class UserError:
    severity: str  # "warning" or "error"
    title: str
    hint: str
    detail: str


def conflict_advice(address: int) -> str:
    """What to do about two units on one address (a scan found their replies colliding)."""
    return QCoreApplication.translate(
        "Errors", "Two or more units answer at address %1: their replies collide. Give one of them another "
        "address on its LCD or web page, then scan again.").replace("%1", str(address))


def describe_link_error(fault: Fault | None) -> UserError:
    """A link that could not be opened or went away (port busy, missing, refused...)."""
    if fault is None:
        fault = Fault(FaultKind.LINK_ERROR, "")
    port = str(fault.get("port", ""))
    kind = fault.kind
    if kind is FaultKind.SNMP_NO_REPLY:
        title = QCoreApplication.translate("Errors", "No SNMP reply from the master")
        hint = QCoreApplication.translate(
            "Errors", "Check the community (or the SNMPv3 user), that SNMP is on in the unit's web page "
            "(Network > SNMP), and the network. The link retries by itself.")
    elif kind is FaultKind.AUTH_FAILED:
        title = QCoreApplication.translate("Errors", "The master refused the SNMPv3 login")
        hint = QCoreApplication.translate(
            "Errors", "Check the user, the protocols and the keys: connect again with File > Connect….")
    elif kind is FaultKind.SECRET_MISSING:
        title = QCoreApplication.translate("Errors", "The SNMP secrets are missing")
        hint = QCoreApplication.translate(
            "Errors", "Type them in the Connect dialog (File > Connect…); tick \"remember\" to keep them in the "
            "system keyring.")
    elif kind is FaultKind.PORT_MISSING:
        title = QCoreApplication.translate("Errors", "Serial port %1 is not there").replace("%1", port)
        hint = QCoreApplication.translate(
            "Errors", "Plug in the USB-RS485 adapter, or pick another port in the Connect dialog.")
    elif kind is FaultKind.PORT_BUSY:
        title = QCoreApplication.translate("Errors", "Serial port %1 is busy").replace("%1", port)
        hint = QCoreApplication.translate(
            "Errors", "Another program has it open (a terminal, the vendor's tool, another BPS Commissioner): "
            "close it. The link retries by itself.")
    elif kind is FaultKind.PORT_DENIED:
        title = QCoreApplication.translate("Errors", "No permission to open serial port %1").replace("%1", port)
        hint = QCoreApplication.translate(
            "Errors", "Ask for access to the port (on Linux: the dialout group) or pick another.")
    elif kind is FaultKind.PORT_LOST:
        title = QCoreApplication.translate("Errors", "The serial port %1 went away").replace("%1", port)
        hint = QCoreApplication.translate(
            "Errors", "The adapter may have been unplugged. Plug it back in: the link reopens by itself.")
    elif kind is FaultKind.REFUSED:
        title = QCoreApplication.translate("Errors", "The connection was refused")
        hint = QCoreApplication.translate(
            "Errors", "Check the IP address and that Modbus TCP is on in the unit's web page, with this port.")
    elif kind is FaultKind.HOST_UNKNOWN:
        title = QCoreApplication.translate("Errors", "Unknown host name")
        hint = QCoreApplication.translate("Errors", "Check the spelling, or use the unit's IP address.")
    elif kind is FaultKind.PORT_SETTINGS:
        title = QCoreApplication.translate("Errors", "The adapter refuses these bus settings")
        hint = QCoreApplication.translate("Errors", "Pick other settings, or another adapter.")
    else:
        title = QCoreApplication.translate("Errors", "The link is down")
        hint = QCoreApplication.translate(
            "Errors", "It is retried every second; check the cable, the adapter or the network.")
    return UserError("error", title, hint, fault.message)


def describe_unit_error(fault: Fault | None, state: str, address: int | None = None) -> UserError:
    """A failed poll of one unit (state "error", "offline" or "lost")."""
    if fault is None:
        fault = Fault(FaultKind.LINK_ERROR, "")
    number = fault.unit if fault.unit is not None else address
    unit = "" if number is None else str(number)
    kind = fault.kind
    message = fault.message
    if state == "lost":
        link = describe_link_error(fault)
        return UserError("error", link.title, link.hint, message)
    if kind is FaultKind.GARBLED:
        title = QCoreApplication.translate("Errors", "Garbled replies from unit %1").replace("%1", unit)
        hint = QCoreApplication.translate(
            "Errors", "Likely causes: two units on one address, a baud-rate mismatch, or a bus without "
            "termination. The counters in Diagnostics show how often.")
    elif kind is FaultKind.MODBUS_EXCEPTION:
        code = fault.get("code")
        title = QCoreApplication.translate("Errors", "Unit %1 answered with Modbus exception %2").replace(
            "%1", unit).replace("%2", "?" if code is None else f"{code:02d}")
        hint = QCoreApplication.translate(
            "Errors", "The unit refused the request; the detail below says what the code means.")
    elif kind in (FaultKind.NO_REPLY, FaultKind.SNMP_NO_REPLY):
        title = QCoreApplication.translate("Errors", "No reply from unit %1").replace("%1", unit)
        hint = QCoreApplication.translate(
            "Errors", "Check the unit's address (LCD menu), that the bus settings match the unit's, and the "
            "wiring: A/B swapped, a loose RJ45, missing termination.")
    else:
        title = QCoreApplication.translate("Errors", "Unit %1 could not be read").replace("%1", unit)
        hint = ""
    if state == "offline":
        title = QCoreApplication.translate("Errors", "Unit %1 is offline").replace("%1", unit)
        hint = QCoreApplication.translate(
            "Errors", "It missed several polls in a row and is now polled less often. %1").replace("%1", hint)
    return UserError("warning" if state == "error" else "error", title, hint.strip(), message)
