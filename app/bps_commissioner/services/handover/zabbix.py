"""The Zabbix 7.0 side of the hand-over: a template export (one template per chain
position, SNMP agent items for every quantity of the OID table, value maps, triggers on
user macros) and a hosts export (one host per master, its SNMP interface, the planned
limits as host macros). Pure: text out.

Limits: each monitored quantity has ``{$BPS.<KEY>.LOW:"<position>"}`` and ``.HIGH``
macros; the template's defaults never fire, the host's macros carry the planned values.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from bps_commissioner.device.oids import CHAIN_ADDRESSES, SNMP_QUANTITIES
from bps_commissioner.device.registers import MONITORED, Kind, Quantity
from bps_commissioner.services.handover.model import (
    ALARM_STATES, DOOR_STATES, PRESENCE_STATES, Handover, Master, fake_uuid, item_oid, position, position_id,
    quantity_help, quantity_label,
)
from bps_commissioner.services.handover.prometheus import AUTH_PLACEHOLDER, COMMUNITY_PLACEHOLDER, HEADER, \
    PRIV_PLACEHOLDER
from bps_commissioner.services.handover.yamltext import dump

VERSION = "7.0"
TEMPLATE_GROUP = "Templates/Power"
#: Template defaults: beyond anything a unit measures, so that an unplanned limit never fires.
NEVER_LOW, NEVER_HIGH = "-100000", "100000"
_AUTH = {"MD5": "MD5", "SHA": "SHA1", "SHA-224": "SHA224", "SHA-256": "SHA256", "SHA-384": "SHA384",
         "SHA-512": "SHA512"}
_PRIV = {"DES": "DES", "AES": "AES128", "AES-128": "AES128", "AES-192": "AES192", "AES-256": "AES256",
         "AES-192-C": "AES192C", "AES-256-C": "AES256C"}
VALUEMAPS = {"BPS door state": DOOR_STATES, "BPS smoke and water": PRESENCE_STATES,
             "BPS alarm state": ALARM_STATES}


def template_name(address: int) -> str:
    return f"BKT BPS2000v2 {position(address)} by SNMP"


def item_key(q: Quantity, address: int) -> str:
    return f"bps.{q.key}[{position_id(address)}]"


def macro(setting: str, address: int) -> str:
    """``{$BPS.VOLTAGE_L1.HIGH:"slave1"}`` for setting ``voltage_l1.high``."""
    return "{$BPS." + setting.upper() + ':"' + position_id(address) + '"}'


def _valuemap(q: Quantity) -> str | None:
    return {Kind.DOOR: "BPS door state", Kind.PRESENCE: "BPS smoke and water"}.get(q.kind)


def _item(address: int, q: Quantity, tname: str) -> dict[str, Any]:
    key = item_key(q, address)
    ref = f"/{tname}/{key}"
    item: dict[str, Any] = {"uuid": fake_uuid("item", tname, key),
                            "name": f"{position(address)}: {quantity_label(q)}", "type": "SNMP_AGENT",
                            "snmp_oid": item_oid(address, q), "key": key, "delay": "1m", "history": "90d"}
    triggers: list[dict[str, Any]] = []
    if _valuemap(q):
        item.update(value_type="UNSIGNED", description=quantity_help(q), valuemap={"name": _valuemap(q)})
        if q.kind is Kind.PRESENCE:
            triggers.append({"expression": f"last({ref})=1", "priority": "DISASTER",
                             "name": f"{quantity_label(q)} detected at {position(address)} of {{HOST.NAME}}"})
        else:
            triggers.append({"expression": f"last({ref})=1", "priority": "WARNING",
                             "name": f"{quantity_label(q)} open at {position(address)} of {{HOST.NAME}}"})
    else:
        item.update(value_type="FLOAT", units=q.unit, description=quantity_help(q))
        if q.scale != 1:
            item["preprocessing"] = [{"type": "MULTIPLIER", "parameters": [repr(1 / q.scale)]}]
    mon = next((m for m in MONITORED if m.reading == q.key), None)
    if mon is not None:
        guard = f" and last({ref})<>0" if q.kind is Kind.PROBE else ""  # 0 = probe not connected
        for side, op in (("low", "<"), ("high", ">")):
            setting = f"{mon.key}.{side}"
            triggers.append({"expression": f"last({ref}){op}{macro(setting, address)}{guard}", "priority": "HIGH",
                             "name": f"{quantity_label(q)} {'below' if side == 'low' else 'above'} the {side} alarm "
                                     f"{macro(setting, address)} {q.unit} at {position(address)} of {{HOST.NAME}}",
                             "description": f"Planned limit {setting} (host macro {macro(setting, address)})."})
    if address == 0 and q.key == "voltage_l1":
        triggers.append({"expression": f"nodata({ref},5m)=1", "priority": "HIGH",
                         "name": "BPS2000v2 master {HOST.NAME} is not answering SNMP",
                         "description": "No reading from the master for 5 minutes: check power, network and "
                                        "the SNMP access."})
    if triggers:
        item["triggers"] = [{"uuid": fake_uuid("trigger", tname, t["expression"]), **t} for t in triggers]
    item["tags"] = [{"tag": "component", "value": "sensor" if q.group is None else "power"},
                    {"tag": "chain_position", "value": position(address)}]
    return item


def template(address: int) -> dict[str, Any]:
    tname = template_name(address)
    macros = []
    for mon in MONITORED:
        for side, default in (("low", NEVER_LOW), ("high", NEVER_HIGH)):
            setting = f"{mon.key}.{side}"
            macros.append({"macro": macro(setting, address), "value": default,
                           "description": f"{side} alarm of {mon.key} ({mon.unit}); the hosts export sets the "
                                          f"planned value"})
    return {"uuid": fake_uuid("template", tname), "template": tname, "name": tname,
            "description": f"BKT BPS2000v2 PDU at chain position {position(address)}, read through its master's "
                           f"SNMP agent (OIDs .1.3.6.1.4.1.47394.1.{2 + address}.*). Written by bps-commissioner.",
            "groups": [{"name": TEMPLATE_GROUP}],
            "items": [_item(address, q, tname) for q in SNMP_QUANTITIES],
            "macros": macros,
            "valuemaps": [{"uuid": fake_uuid("valuemap", tname, name), "name": name,
                           "mappings": [{"value": str(k), "newvalue": v} for k, v in states.items()]}
                          for name, states in VALUEMAPS.items()]}


def templates_yml(h: Handover) -> str:
    doc = {"zabbix_export": {
        "version": VERSION,
        "template_groups": [{"uuid": fake_uuid("group", TEMPLATE_GROUP), "name": TEMPLATE_GROUP}],
        "templates": [template(a) for a in CHAIN_ADDRESSES]}}
    return dump(doc, HEADER.format(site=h.site) + "\nZabbix 7.0 templates: Data collection > Templates > Import.")


def _interface(m: Master) -> dict[str, Any]:
    link = m.link
    try:
        ipaddress.ip_address(link.target)
        where = {"ip": link.target, "useip": "YES"}
    except ValueError:
        where = {"dns": link.target, "useip": "NO"}
    if link.snmp_version != "3":
        details: dict[str, Any] = {"version": "SNMPV1" if link.snmp_version == "1" else "SNMPV2",
                                   "community": "{$SNMP_COMMUNITY}"}
    else:
        auth, priv = _AUTH.get(link.v3_auth_proto), _PRIV.get(link.v3_priv_proto)
        details = {"version": "SNMPV3", "contextname": link.v3_context, "securityname": link.v3_user,
                   "securitylevel": "AUTHPRIV" if auth and priv else "AUTHNOPRIV" if auth else "NOAUTHNOPRIV"}
        if auth:
            details.update(authprotocol=auth, authpassphrase="{$BPS.SNMP.AUTH}")
        if auth and priv:
            details.update(privprotocol=priv, privpassphrase="{$BPS.SNMP.PRIV}")
    return {"type": "SNMP", **where, "port": str(link.port), "details": details, "interface_ref": "if1"}


def _secret_macros(m: Master) -> list[dict[str, Any]]:
    if m.link.snmp_version != "3":
        return [{"macro": "{$SNMP_COMMUNITY}", "type": "SECRET_TEXT", "value": COMMUNITY_PLACEHOLDER,
                 "description": "the master's read community: fill in"}]
    return [{"macro": "{$BPS.SNMP.AUTH}", "type": "SECRET_TEXT", "value": AUTH_PLACEHOLDER,
             "description": f"SNMPv3 authentication key of {m.link.v3_user}: fill in"},
            {"macro": "{$BPS.SNMP.PRIV}", "type": "SECRET_TEXT", "value": PRIV_PLACEHOLDER,
             "description": f"SNMPv3 privacy key of {m.link.v3_user}: fill in"}]


def host_name(m: Master) -> str:
    """Zabbix's technical host name: letters, digits, space, dot, dash, underscore."""
    safe = "".join(c if c.isalnum() or c in " ._-" else "-" for c in m.target)
    return f"BPS2000v2 {safe}"


def hosts_yml(h: Handover) -> str:
    group = f"PDUs/{h.site}" if h.site else "PDUs"
    hosts = []
    for m in h.masters:
        macros = [{"macro": macro(limit.setting, u.address), "value": str(limit.value),
                   "description": f"planned for {u.name} ({u.position}) in {u.profile}"}
                  for u in m.units for limit in u.limits]
        hosts.append({"host": host_name(m), "name": f"{h.site} {h.rack} {m.name} ({m.target})".strip(),
                      "templates": [{"name": template_name(u.address)} for u in m.units],
                      "groups": [{"name": group}], "interfaces": [_interface(m)],
                      "macros": macros + _secret_macros(m),
                      "tags": [{"tag": "site", "value": h.site}, {"tag": "rack", "value": h.rack},
                               {"tag": "customer", "value": h.customer}],
                      "inventory_mode": "DISABLED"})
    doc = {"zabbix_export": {"version": VERSION,
                             "host_groups": [{"uuid": fake_uuid("group", group), "name": group}],
                             "hosts": hosts}}
    return dump(doc, HEADER.format(site=h.site) + "\nZabbix 7.0 hosts: import after the templates "
                                                  "(Data collection > Hosts > Import).")


__all__ = ["VERSION", "host_name", "hosts_yml", "item_key", "macro", "template_name", "templates_yml"]
