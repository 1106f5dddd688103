"""The firmware panel's list of masters to flash: the session's networked links (Modbus
TCP, or SNMP with Modbus TCP at its default port) and the hosts typed in, each with a tick
that survives a refresh. Serial links are never offered: firmware goes over Ethernet. A
link's master is listed by the protocol it was reached with, and gets the Telnet and TFTP
ports of its link where the window knows them (``LinkPorts``), else the panel's.
Texts in the panel's context ("FirmwarePanel")."""

from __future__ import annotations

import dataclasses
from typing import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from bps_commissioner.services.endpoints import DEFAULT_PORT, SerialEndpoint, SnmpEndpoint, TcpEndpoint
from bps_commissioner.services.flasher import FlashTarget
from bps_commissioner.services.manager import LinkManager

translate = QCoreApplication.translate

#: ``make_target(host, modbus_port, unit)``: a FlashTarget with the panel's ports and user.
MakeTarget = Callable[[str, int, int], FlashTarget]
# ``link_ports(key)``: the (Telnet port, TFTP port) of a link's master, None where not known.
LinkPorts = Callable[[str], "tuple[int | None, int | None]"]


def _no_ports(_key: str) -> tuple[int | None, int | None]:
    return None, None


def _entry_id(entry: tuple[str, ...]) -> str:
    return "|".join(entry)


class TargetList:
    """The ticked masters of ``widget``; entries are ("link", key) or ("host", host, port)."""

    def __init__(self, widget: QListWidget, manager: LinkManager, make_target: MakeTarget,
                 link_ports: LinkPorts | None = None):
        self.widget = widget
        self.manager = manager
        self.make_target = make_target
        self.link_ports: LinkPorts = link_ports or _no_ports
        self.typed: list[tuple[str, int]] = []  # hosts typed in: (host, Modbus port)
        self.checked: set[str] = set()  # ids of the ticked entries

    def items(self) -> list[QListWidgetItem]:
        return [self.widget.item(i) for i in range(self.widget.count())]

    def refresh(self) -> None:
        """The Modbus TCP links of the session and the typed hosts, ticks kept."""
        entries: list[tuple[str, ...]] = [("link", key) for key in self.manager.keys()
                                          if self.link_target(key) is not None]
        entries += [("host", host, str(port)) for host, port in self.typed]
        self.widget.blockSignals(True)
        self.widget.clear()
        for entry in entries:
            item = QListWidgetItem(self.text(entry))
            item.setData(Qt.ItemDataRole.UserRole, entry)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if _entry_id(entry) in self.checked
                               else Qt.CheckState.Unchecked)
            self.widget.addItem(item)
        self.widget.blockSignals(False)

    def retranslate(self) -> None:
        for item in self.items():
            item.setText(self.text(item.data(Qt.ItemDataRole.UserRole)))

    def text(self, entry: tuple[str, ...]) -> str:
        if entry[0] == "link":
            target = self.link_target(entry[1])
            if target is None:
                return entry[1]
            if isinstance(self.manager.endpoint(entry[1]), SnmpEndpoint):
                return translate("FirmwarePanel", "%1 · SNMP master, Telnet port %2 (chain tree)").replace(
                    "%1", target.host).replace("%2", str(target.telnet_port))
            return translate("FirmwarePanel", "%1 · Modbus TCP port %2, unit %3 (chain tree)").replace(
                "%1", target.host).replace("%2", str(target.modbus_port)).replace("%3", str(target.unit))
        return translate("FirmwarePanel", "%1 · Modbus TCP port %2 (typed in)").replace(
            "%1", entry[1]).replace("%2", entry[2])

    def link_target(self, key: str) -> FlashTarget | None:
        if key not in self.manager.keys():
            return None
        endpoint = self.manager.endpoint(key)
        host = getattr(endpoint, "host", None)
        if isinstance(endpoint, SerialEndpoint) or not host:
            return None  # firmware goes over Ethernet, never over RS485
        if isinstance(endpoint, TcpEndpoint):
            units = self.manager.polled_units(key)
            target = self.make_target(host, endpoint.port, min(units) if units else 1)
        else:
            target = self.make_target(host, DEFAULT_PORT, 1)  # another networked link (SNMP): Modbus TCP at its default
        telnet, tftp = self.link_ports(key)
        return dataclasses.replace(target, telnet_port=telnet or target.telnet_port, tftp_port=tftp or target.tftp_port)

    def add(self, host: str, port: int) -> None:
        """A typed host, ticked."""
        if (host, port) not in self.typed:
            self.typed.append((host, port))
        self.checked.add(_entry_id(("host", host, str(port))))
        self.refresh()

    def check_links(self, keys: list[str]) -> None:
        """Tick the links ``keys``, untick the other links."""
        self.checked = {c for c in self.checked if not c.startswith("link|")}
        self.checked |= {_entry_id(("link", k)) for k in keys}
        self.refresh()

    def item_changed(self, item: QListWidgetItem) -> None:
        entry_id = _entry_id(item.data(Qt.ItemDataRole.UserRole))
        if item.checkState() == Qt.CheckState.Checked:
            self.checked.add(entry_id)
        else:
            self.checked.discard(entry_id)

    def targets(self) -> list[FlashTarget]:
        """The ticked masters, in the list's order."""
        out = []
        for item in self.items():
            if item.checkState() != Qt.CheckState.Checked:
                continue
            entry = item.data(Qt.ItemDataRole.UserRole)
            if entry[0] == "link":
                target = self.link_target(entry[1])
                if target is not None:
                    out.append(target)
            else:
                out.append(self.make_target(entry[1], int(entry[2]), 1))
        return out

    def web_host(self) -> str | None:
        """The unit whose web UI the checklist's button opens: the highlighted one, else
        the first ticked one."""
        item = self.widget.currentItem()
        if item is not None:
            entry = item.data(Qt.ItemDataRole.UserRole)
            if entry[0] == "link":
                target = self.link_target(entry[1])
                return target.host if target is not None else None
            return str(entry[1])
        targets = self.targets()
        return targets[0].host if targets else None


__all__ = ["LinkPorts", "MakeTarget", "TargetList"]
