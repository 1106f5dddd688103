"""The errors a user meets (DESIGN.md's table), as the window shows them.

The service layer reports errors as English messages that name what failed and why (the
CLI prints them as they are). The window shows a translated headline and hint for each
kind it recognises, and the service's message below as the detail, so a Polish user reads
what happened in Polish and can still quote the exact text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication


@dataclass(frozen=True)
class UserError:
    severity: str  # "warning" or "error"
    title: str
    hint: str
    detail: str


_UNIT = re.compile(r"unit (\d+)", re.IGNORECASE)
_PORT = re.compile(r"[Ss]erial port (\S+)")
_EXCEPTION = re.compile(r"Modbus exception (\d+)")


def _unit(message: str, default: int | None) -> str:
    m = _UNIT.search(message)
    return m.group(1) if m else ("" if default is None else str(default))


def conflict_advice(address: int) -> str:
    """What to do about two units on one address (a scan found their replies colliding)."""
    return QCoreApplication.translate(
        "Errors", "Two or more units answer at address %1: their replies collide. Give one of them another "
        "address on its LCD or web page, then scan again.").replace("%1", str(address))


def describe_link_error(message: str) -> UserError:
    """A link that could not be opened or went away (port busy, missing, refused...)."""
    port_match = _PORT.search(message)
    port = port_match.group(1) if port_match else ""
    lowered = message.lower()
    if "no snmp reply" in lowered:
        title = QCoreApplication.translate("Errors", "No SNMP reply from the master")
        hint = QCoreApplication.translate(
            "Errors", "Check the community (or the SNMPv3 user), that SNMP is on in the unit's web page "
            "(Network > SNMP), and the network. The link retries by itself.")
    elif "snmpv3 authentication" in lowered or "snmpv3 context" in lowered:
        title = QCoreApplication.translate("Errors", "The master refused the SNMPv3 login")
        hint = QCoreApplication.translate(
            "Errors", "Check the user, the protocols and the keys: connect again with File > Connect….")
    elif "no snmpv3 key" in lowered:
        title = QCoreApplication.translate("Errors", "The SNMP secrets are missing")
        hint = QCoreApplication.translate(
            "Errors", "Type them in the Connect dialog (File > Connect…); tick \"remember\" to keep them in the "
            "system keyring.")
    elif "does not exist" in lowered:
        title = QCoreApplication.translate("Errors", "Serial port %1 is not there").replace("%1", port)
        hint = QCoreApplication.translate(
            "Errors", "Plug in the USB-RS485 adapter, or pick another port in the Connect dialog.")
    elif "is busy" in lowered:
        title = QCoreApplication.translate("Errors", "Serial port %1 is busy").replace("%1", port)
        hint = QCoreApplication.translate(
            "Errors", "Another program has it open (a terminal, the vendor's tool, another BPS Commissioner): "
            "close it. The link retries by itself.")
    elif "no permission" in lowered:
        title = QCoreApplication.translate("Errors", "No permission to open serial port %1").replace("%1", port)
        hint = QCoreApplication.translate(
            "Errors", "Ask for access to the port (on Linux: the dialout group) or pick another.")
    elif "lost the serial port" in lowered:
        title = QCoreApplication.translate("Errors", "The serial port %1 went away").replace("%1", port)
        hint = QCoreApplication.translate(
            "Errors", "The adapter may have been unplugged. Plug it back in: the link reopens by itself.")
    elif "refused" in lowered:
        title = QCoreApplication.translate("Errors", "The connection was refused")
        hint = QCoreApplication.translate(
            "Errors", "Check the IP address and that Modbus TCP is on in the unit's web page, with this port.")
    elif "could not be resolved" in lowered:
        title = QCoreApplication.translate("Errors", "Unknown host name")
        hint = QCoreApplication.translate("Errors", "Check the spelling, or use the unit's IP address.")
    elif "does not accept the settings" in lowered:
        title = QCoreApplication.translate("Errors", "The adapter refuses these bus settings")
        hint = QCoreApplication.translate("Errors", "Pick other settings, or another adapter.")
    else:
        title = QCoreApplication.translate("Errors", "The link is down")
        hint = QCoreApplication.translate(
            "Errors", "It is retried every second; check the cable, the adapter or the network.")
    return UserError("error", title, hint, message)


def describe_unit_error(message: str, state: str, address: int | None = None) -> UserError:
    """A failed poll of one unit (state "error", "offline" or "lost")."""
    unit = _unit(message, address)
    lowered = message.lower()
    if state == "lost" or lowered.startswith("link lost"):
        inner = message.split(":", 1)[1].strip() if ":" in message else message
        link = describe_link_error(inner)
        return UserError("error", link.title, link.hint, message)
    if "garbled" in lowered or "reply from address" in lowered:
        title = QCoreApplication.translate("Errors", "Garbled replies from unit %1").replace("%1", unit)
        hint = QCoreApplication.translate(
            "Errors", "Likely causes: two units on one address, a baud-rate mismatch, or a bus without "
            "termination. The counters in Diagnostics show how often.")
    elif "modbus exception" in lowered:
        m = _EXCEPTION.search(message)
        title = QCoreApplication.translate("Errors", "Unit %1 answered with Modbus exception %2").replace(
            "%1", unit).replace("%2", m.group(1) if m else "?")
        hint = QCoreApplication.translate(
            "Errors", "The unit refused the request; the detail below says what the code means.")
    elif "no reply" in lowered:
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
