"""The chain tree's model: links (a serial port or a host) and their units.

Columns: name, type (RS485 settings / Modbus TCP for a link, 1- or 3-phase for a unit),
state (icon and text) and the time of the last reply. The model also keeps what the GUI
knows about each unit (:class:`UnitInfo`): the latest result, the latest good reading,
whether a scan found an address conflict there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QStandardItem, QStandardItemModel

from bps_commissioner.device.assess import Assessment, UnitState, assess
from bps_commissioner.device.decode import UnitReading
from bps_commissioner.device.i18n import QT_TRANSLATE_NOOP
from bps_commissioner.services.endpoints import SerialEndpoint, SnmpEndpoint
from bps_commissioner.ui import format as fmt
from bps_commissioner.ui.errors import conflict_advice, describe_link_error, describe_unit_error
from bps_commissioner.ui.icons import icon
from bps_commissioner.ui.state import state_color, state_icon, state_text

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
ADDRESS_ROLE = Qt.ItemDataRole.UserRole + 2
STATE_ROLE = Qt.ItemDataRole.UserRole + 3

NAME, TYPE, STATE, LAST_REPLY = range(4)
_HEADERS = (QT_TRANSLATE_NOOP("ChainModel", "Link / unit"), QT_TRANSLATE_NOOP("ChainModel", "Type"),
            QT_TRANSLATE_NOOP("ChainModel", "State"), QT_TRANSLATE_NOOP("ChainModel", "Last reply"))
_LINK_STATES = {
    "connecting": QT_TRANSLATE_NOOP("LinkState", "connecting"),
    "connected": QT_TRANSLATE_NOOP("LinkState", "connected"),
    "lost": QT_TRANSLATE_NOOP("LinkState", "lost"),
    "closed": QT_TRANSLATE_NOOP("LinkState", "closed"),
}
#: What the commissioning plan says of a unit (ui/commission_panel.py), shown after its title.
PLAN_MARKS = {
    "planned": QT_TRANSLATE_NOOP("ChainModel", "planned"),
    "missing": QT_TRANSLATE_NOOP("ChainModel", "missing"),
    "unexpected": QT_TRANSLATE_NOOP("ChainModel", "unexpected"),
    "conflict": QT_TRANSLATE_NOOP("ChainModel", "address conflict"),
}


def link_state_text(state: str) -> str:
    return QCoreApplication.translate("LinkState", _LINK_STATES.get(state, state))


@dataclass
class UnitInfo:
    """What the GUI knows about one unit. Mutable, GUI thread only."""

    key: str
    address: int
    result: Any = None  # the latest UnitResult
    reading: UnitReading | None = None  # the latest good reading
    last_reply: float | None = None  # wall clock of the latest good reading
    conflict: bool = False
    assessment: Assessment = field(default_factory=lambda: assess(None))
    diagnostics: Any = None  # the link's UnitDiagnostics of this unit (counters)
    chain: bool = False  # an SNMP master's chain: address 0 is the master, 1..5 its slaves
    plan_mark: str | None = None  # a key of PLAN_MARKS, from the commissioning plan

    @property
    def title(self) -> str:
        return unit_title(self.address, self.chain)

    @property
    def state(self) -> UnitState:
        return self.assessment.state

    @property
    def phases(self) -> int | None:
        return None if self.reading is None else self.reading.phases

    @property
    def stale(self) -> bool:
        """The values shown are not from the latest poll (it failed)."""
        return self.result is not None and self.result.reading is None


@dataclass
class LinkInfo:
    key: str
    label: str
    endpoint: Any
    state: str = "connecting"
    message: str = ""
    fault: Any = None  # the Fault of a lost link
    kind_in_label: bool = False  # the label names the link's kind ("Simulator · RS485"): not repeated


def unit_title(address: int, chain: bool = False) -> str:
    """"Unit 5"; on an SNMP master's chain (``chain``) "Master" and "Slave 1".."Slave 5"."""
    if chain:
        if address == 0:
            return QCoreApplication.translate("ChainModel", "Master")
        return QCoreApplication.translate("ChainModel", "Slave %1").replace("%1", str(address))
    return QCoreApplication.translate("ChainModel", "Unit %1").replace("%1", str(address))


def phases_text(phases: int | None) -> str:
    if phases is None:
        return ""
    if phases == 1:
        return QCoreApplication.translate("ChainModel", "1-phase")
    return QCoreApplication.translate("ChainModel", "3-phase")


def endpoint_type_text(endpoint: Any) -> str:
    if isinstance(endpoint, SerialEndpoint):
        return QCoreApplication.translate("ChainModel", "RS485 %1").replace("%1", str(endpoint.settings))
    if isinstance(endpoint, SnmpEndpoint):
        if endpoint.version == "3":
            return QCoreApplication.translate("ChainModel", "SNMPv3 master")
        return QCoreApplication.translate("ChainModel", "SNMP v%1 master").replace("%1", endpoint.version)
    return QCoreApplication.translate("ChainModel", "Modbus TCP")


def endpoint_detail_text(endpoint: Any) -> str:
    """The link's settings without its kind, for a label that already names it: "19200 8N1",
    "v2c", "127.0.0.1:502"."""
    if isinstance(endpoint, SerialEndpoint):
        return str(endpoint.settings)
    if isinstance(endpoint, SnmpEndpoint):
        return f"v{endpoint.version}" if endpoint.version != "3" else "v3"
    return f"{endpoint.host}:{endpoint.port}"


def is_chain_link(endpoint: Any) -> bool:
    """An SNMP master: its slaves are listed only while they are chained (their objects answer)."""
    return isinstance(endpoint, SnmpEndpoint)


class ChainModel(QStandardItemModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(0, len(_HEADERS), parent)
        self._links: dict[str, LinkInfo] = {}
        self._units: dict[tuple[str, int], UnitInfo] = {}
        self._polled: dict[str, set[int]] = {}  # key -> polled addresses (a master's absent slaves have no row)
        self._plan_marks: dict[str, dict[int, str]] = {}  # key -> {address: plan mark}
        self._retranslate_headers()

    # -- queries ------------------------------------------------------------------------------
    def link(self, key: str) -> LinkInfo | None:
        return self._links.get(key)

    def links(self) -> list[LinkInfo]:
        return list(self._links.values())

    def unit(self, key: str, address: int) -> UnitInfo | None:
        return self._units.get((key, address))

    def units(self, key: str | None = None) -> list[UnitInfo]:
        return [u for (k, _), u in sorted(self._units.items()) if key is None or k == key]

    def ref(self, index: QModelIndex) -> tuple[str | None, int | None]:
        """(link key, unit address or None for a link row) of any cell."""
        if not index.isValid():
            return None, None
        index = index.siblingAtColumn(NAME)
        return index.data(KEY_ROLE), index.data(ADDRESS_ROLE)

    def link_index(self, key: str) -> QModelIndex:
        row = self._link_row(key)
        return QModelIndex() if row is None else self.index(row, NAME)

    def unit_index(self, key: str, address: int) -> QModelIndex:
        link_item = self._link_item(key)
        if link_item is None:
            return QModelIndex()
        for r in range(link_item.rowCount()):
            if link_item.child(r, NAME).data(ADDRESS_ROLE) == address:
                return link_item.child(r, NAME).index()
        return QModelIndex()

    def _link_row(self, key: str) -> int | None:
        for r in range(self.rowCount()):
            if self.item(r, NAME).data(KEY_ROLE) == key:
                return r
        return None

    def _link_item(self, key: str) -> QStandardItem | None:
        row = self._link_row(key)
        return None if row is None else self.item(row, NAME)

    # -- links --------------------------------------------------------------------------------
    def add_link(self, key: str, endpoint: Any, label: str | None = None, *, kind_in_label: bool = False) -> None:
        if key in self._links:
            self._links[key].endpoint = endpoint
            self._render_link(key)
            return
        self._links[key] = LinkInfo(key, label or endpoint.describe(), endpoint, kind_in_label=kind_in_label)
        items = [QStandardItem() for _ in _HEADERS]
        for item in items:
            item.setEditable(False)
            item.setData(key, KEY_ROLE)
        self.appendRow(items)
        self._render_link(key)

    def set_endpoint(self, key: str, endpoint: Any) -> None:
        link = self._links.get(key)
        if link is not None:
            link.endpoint = endpoint
            self._render_link(key)

    def remove_link(self, key: str) -> None:
        row = self._link_row(key)
        if row is not None:
            self.removeRow(row)
        self._links.pop(key, None)
        self._polled.pop(key, None)
        self._plan_marks.pop(key, None)
        for k in [k for k in self._units if k[0] == key]:
            del self._units[k]

    def set_link_state(self, key: str, state: str, message: str, fault: Any = None) -> None:
        link = self._links.get(key)
        if link is None:
            return
        link.state, link.message, link.fault = state, message, fault
        self._render_link(key)

    def _render_link(self, key: str) -> None:
        """A link row spans the columns (the view spans it): "label · type", and the state
        in words when the link is not connected; the state's icon in every case."""
        link = self._links[key]
        row = self._link_row(key)
        if row is None:
            return
        name = self.item(row, NAME)
        text = f"{link.label} · {endpoint_detail_text(link.endpoint) if link.kind_in_label else endpoint_type_text(link.endpoint)}"
        if link.state != "connected":
            text += f" · {link_state_text(link.state)}"
        name.setText(text)
        name.setData(link.state, STATE_ROLE)
        if link.state == "lost":
            error = describe_link_error(link.fault)
            name.setIcon(icon("link-lost"))
            name.setForeground(state_color(UnitState.ALARM))
            name.setToolTip(f"{link.endpoint.describe()}\n{error.title}\n{error.hint}\n\n{error.detail}")
        else:
            name.setIcon(icon("link") if link.state == "connected" else state_icon(UnitState.WAITING))
            name.setForeground(QBrush())
            name.setToolTip(f"{link.endpoint.describe()}\n{link_state_text(link.state)}")

    # -- units --------------------------------------------------------------------------------
    def set_units(self, key: str, addresses: Any) -> None:
        """The units polled on ``key``: add the new ones (waiting), drop those no longer
        polled unless a scan flagged a conflict there."""
        link_item = self._link_item(key)
        if link_item is None:
            return
        wanted = set(addresses)
        self._polled[key] = set(wanted)
        if is_chain_link(self._links[key].endpoint):
            # a master's slaves are listed once they answer (update_unit), not while "waiting"
            present = {link_item.child(r, NAME).data(ADDRESS_ROLE) for r in range(link_item.rowCount())}
            wanted &= present | {0}
        for r in reversed(range(link_item.rowCount())):
            address = link_item.child(r, NAME).data(ADDRESS_ROLE)
            info = self._units.get((key, address))
            if address not in wanted and not (info and info.conflict):
                link_item.removeRow(r)
                self._units.pop((key, address), None)
        for address in sorted(wanted):
            self._ensure_unit(key, address)

    def set_conflicts(self, key: str, addresses: Any, scanned: Any = ()) -> None:
        """Mark the addresses a scan found shared by two units; clear the mark elsewhere in
        ``scanned``."""
        conflicts = set(addresses)
        for address in set(scanned) | conflicts:
            info = self._units.get((key, address))
            if address in conflicts:
                info = self._ensure_unit(key, address)
                info.conflict = True
            elif info is not None and info.conflict:
                info.conflict = False
            if info is not None:
                info.assessment = assess(info.result, info.conflict)
                self._render_unit(info)

    def _ensure_unit(self, key: str, address: int) -> UnitInfo:
        info = self._units.get((key, address))
        if info is not None:
            return info
        link_item = self._link_item(key)
        link = self._links.get(key)
        info = self._units[(key, address)] = UnitInfo(key, address, chain=link is not None and is_chain_link(
            link.endpoint))
        info.plan_mark = self._plan_marks.get(key, {}).get(address)
        if link_item is None:
            return info
        row = 0
        while row < link_item.rowCount() and link_item.child(row, NAME).data(ADDRESS_ROLE) < address:
            row += 1
        items = [QStandardItem() for _ in _HEADERS]
        for item in items:
            item.setEditable(False)
            item.setData(key, KEY_ROLE)
            item.setData(address, ADDRESS_ROLE)
        link_item.insertRow(row, items)
        self._render_unit(info)
        return info

    def set_diagnostics(self, key: str, diagnostics: Any) -> None:
        """The link's per-unit counters (a tuple of UnitDiagnostics)."""
        for d in diagnostics:
            info = self._units.get((key, d.address))
            if info is not None:
                info.diagnostics = d

    def update_unit(self, key: str, result: Any) -> UnitInfo | None:
        """Record a UnitResult; returns the unit's info (None for a unit not in the tree: a
        late result of a unit that is no longer polled)."""
        info = self._units.get((key, result.address))
        if key not in self._links:
            return None
        if getattr(result, "state", None) == "absent":  # a slave not (or no longer) chained: not listed
            if info is not None and result.address != 0:
                self._drop_unit(key, result.address)
            return None
        if info is None and result.address in self._polled.get(key, ()) and is_chain_link(self._links[key].endpoint):
            info = self._ensure_unit(key, result.address)  # a slave answers: list it
        if info is None:
            return None
        info.result = result
        if result.reading is not None and not result.error:
            info.reading = result.reading
            info.last_reply = result.time
            if info.conflict:  # it answers cleanly now: the conflict was resolved
                info.conflict = False
        info.assessment = assess(result, info.conflict)
        self._render_unit(info)
        return info

    def _drop_unit(self, key: str, address: int) -> None:
        link_item = self._link_item(key)
        self._units.pop((key, address), None)
        if link_item is None:
            return
        for r in range(link_item.rowCount()):
            if link_item.child(r, NAME).data(ADDRESS_ROLE) == address:
                link_item.removeRow(r)
                return

    def _unit_items(self, info: UnitInfo) -> list[QStandardItem] | None:
        link_item = self._link_item(info.key)
        if link_item is None:
            return None
        for r in range(link_item.rowCount()):
            if link_item.child(r, NAME).data(ADDRESS_ROLE) == info.address:
                return [link_item.child(r, c) for c in range(len(_HEADERS))]
        return None

    def _render_unit(self, info: UnitInfo) -> None:
        items = self._unit_items(info)
        if items is None:
            return
        name, kind, state_item, last = items
        text = info.title
        if info.plan_mark in PLAN_MARKS:
            text += " · " + QCoreApplication.translate("ChainModel", PLAN_MARKS[info.plan_mark])
        if name.text() != text:
            name.setText(text)
        kind_text = phases_text(info.phases)
        if kind.text() != kind_text:
            kind.setText(kind_text)
        state = info.state
        if state_item.data(STATE_ROLE) != state.value or state_item.text() != state_text(state):
            state_item.setText(state_text(state))
            state_item.setIcon(state_icon(state))
            state_item.setForeground(state_color(state))
            state_item.setData(state.value, STATE_ROLE)
        state_item.setToolTip(self.unit_tooltip(info))
        last.setText(fmt.clock(info.last_reply))

    def unit_tooltip(self, info: UnitInfo) -> str:
        if info.conflict:
            return conflict_advice(info.address)
        result = info.result
        if result is not None and result.error:
            error = describe_unit_error(result.fault, result.state, info.address)
            return f"{error.title}\n{error.hint}"
        if info.assessment.alarms:
            return QCoreApplication.translate("ChainModel", "In alarm: %1").replace("%1", ", ".join(
                _item_label(k) for k in info.assessment.alarms))
        if info.assessment.warnings:
            return QCoreApplication.translate("ChainModel", "Warning: %1").replace("%1", ", ".join(
                _item_label(k) for k in info.assessment.warnings))
        return state_text(info.state)

    def set_plan_marks(self, key: str, marks: dict[int, str]) -> None:
        """Mark the units of ``key`` as the commissioning plan sees them ({address: "planned",
        "missing", "unexpected" or "conflict"}); units not in ``marks`` lose their mark."""
        self._plan_marks[key] = dict(marks)
        for (k, address), info in list(self._units.items()):
            if k == key and info.plan_mark != marks.get(address):
                info.plan_mark = marks.get(address)
                self._render_unit(info)
        for address, mark in marks.items():
            info = self._units.get((key, address))
            if info is not None and info.plan_mark != mark:
                info.plan_mark = mark
                self._render_unit(info)

    # -- language -----------------------------------------------------------------------------
    def _retranslate_headers(self) -> None:
        for column, text in enumerate(_HEADERS):
            self.setHeaderData(column, Qt.Orientation.Horizontal, QCoreApplication.translate("ChainModel", text))

    def retranslate(self) -> None:
        self._retranslate_headers()
        for key in self._links:
            self._render_link(key)
        for info in self._units.values():
            self._render_unit(info)


def _item_label(key: str) -> str:
    from bps_commissioner.device.registers import BY_KEY, MONITORED_BY_KEY

    if key == "faults":
        return QCoreApplication.translate("ChainModel", "register fault")
    if key == "poll":
        return QCoreApplication.translate("ChainModel", "last poll failed")
    if key in MONITORED_BY_KEY:
        return QCoreApplication.translate("Quantity", MONITORED_BY_KEY[key].label)
    return QCoreApplication.translate("Quantity", BY_KEY[key].label)
