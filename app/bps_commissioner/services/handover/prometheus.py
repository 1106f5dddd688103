"""The Prometheus side of the hand-over: snmp_exporter's snmp.yml and generator.yml
(snmp_exporter 0.23+: top-level ``auths`` and ``modules``), a prometheus.yml with the
snmp job, and the alert rules from the planned profiles. Pure: text out.

One module per chain position (``bps2000v2_master``, ``bps2000v2_slave1`` ..): a master
answers for its slaves under ``.1.3.6.1.4.1.47394.1.<2 + N>.<item>.0``, where the chain
position comes before the item, so snmp_exporter cannot turn it into an index label. Each
module walks its position's subtree with the same metric names, and each scrape target
(a master at one position) carries ``chain_position`` as a target label and picks its
module and auth with ``__param_module`` / ``__param_auth``.
"""

from __future__ import annotations

from typing import Any

from bps_commissioner.device.limits import format_value
from bps_commissioner.device.oids import CHAIN_ADDRESSES, DEVICE_NAME_OID, SNMP_QUANTITIES, oid_text
from bps_commissioner.device.registers import Kind
from bps_commissioner.services.handover.model import (
    Handover, Limit, Master, Unit, branch_oid, item_oid, metric_name, module_name, quantity_help,
    quantity_label,
)
from bps_commissioner.services.handover.yamltext import dump

JOB = "bps2000v2_snmp"
EXPORTER = "127.0.0.1:9116"
RULES_FILE = "bps2000v2-rules.yml"
COMMUNITY_PLACEHOLDER = "FILL-IN-read-community"
AUTH_PLACEHOLDER = "FILL-IN-v3-auth-key"
PRIV_PLACEHOLDER = "FILL-IN-v3-priv-key"
_AUTH = {"MD5": "MD5", "SHA": "SHA", "SHA-224": "SHA224", "SHA-256": "SHA256", "SHA-384": "SHA384",
         "SHA-512": "SHA512"}
_PRIV = {"DES": "DES", "AES": "AES", "AES-128": "AES", "AES-192": "AES192", "AES-256": "AES256",
         "AES-192-C": "AES192C", "AES-256-C": "AES256C"}
HEADER = "Written by bps-commissioner handover from the plan of {site}. Secrets are placeholders (FILL-IN-...)."


def auths(h: Handover) -> dict[str, Any]:
    """snmp_exporter's ``auths``: one per master; never a real community or key."""
    out: dict[str, Any] = {}
    for m in h.masters:
        link = m.link
        if link.snmp_version != "3":
            out[m.auth] = {"community": COMMUNITY_PLACEHOLDER, "version": 1 if link.snmp_version == "1" else 2}
            continue
        auth = _AUTH.get(link.v3_auth_proto)
        priv = _PRIV.get(link.v3_priv_proto)
        entry: dict[str, Any] = {"version": 3, "username": link.v3_user,
                                 "security_level": "authPriv" if auth and priv else
                                 "authNoPriv" if auth else "noAuthNoPriv"}
        if auth:
            entry.update(auth_protocol=auth, password=AUTH_PLACEHOLDER)
        if auth and priv:
            entry.update(priv_protocol=priv, priv_password=PRIV_PLACEHOLDER)
        if link.v3_context:
            entry["context_name"] = link.v3_context
        out[m.auth] = entry
    return out


def _walks(address: int) -> list[str]:
    walks = [branch_oid(address)]
    return [oid_text(DEVICE_NAME_OID[:-1])[1:]] + walks if address == 0 else walks


def snmp_yml(h: Handover) -> str:
    modules: dict[str, Any] = {}
    for address in CHAIN_ADDRESSES:
        metrics: list[dict[str, Any]] = []
        if address == 0:
            metrics.append({"name": "bps_device_name_info", "oid": oid_text(DEVICE_NAME_OID[:-1])[1:],
                            "type": "DisplayString", "help": "BPS2000v2 device name of the master"})
        for q in SNMP_QUANTITIES:
            metric: dict[str, Any] = {"name": metric_name(q), "oid": item_oid(address, q)[:-2], "type": "gauge",
                                      "help": quantity_help(q)}
            if q.scale != 1:
                metric["scale"] = 1 / q.scale
            metrics.append(metric)
        modules[module_name(address)] = {"walk": _walks(address), "metrics": metrics}
    return dump({"auths": auths(h), "modules": modules},
                HEADER.format(site=h.site) + "\nsnmp_exporter configuration (0.23+ format; the scale fields need "
                                            "0.24+). See README.md.")


def generator_yml(h: Handover) -> str:
    modules = {module_name(a): {"walk": _walks(a), "retries": 2, "timeout": "10s"} for a in CHAIN_ADDRESSES}
    return dump({"auths": auths(h), "modules": modules},
                HEADER.format(site=h.site) + "\nsnmp_exporter generator input. BKT publishes no MIB: the "
                                            "generator names objects from MIBs only,\nso snmp.yml beside this file "
                                            "is the one to deploy. See README.md.")


def _target_labels(h: Handover, m: Master, unit: Unit) -> dict[str, str]:
    return {"__param_module": module_name(unit.address), "__param_auth": m.auth, "site": h.site, "rack": h.rack,
            "name": unit.name, "master": m.target, "chain_position": unit.position}


def prometheus_yml(h: Handover, exporter: str = EXPORTER) -> str:
    static = [{"targets": [m.target], "labels": _target_labels(h, m, u)} for m in h.masters for u in m.units]
    job = {"job_name": JOB, "metrics_path": "/snmp", "scrape_interval": "1m", "scrape_timeout": "30s",
           "static_configs": static,
           "relabel_configs": [
               {"source_labels": ["__address__"], "target_label": "__param_target"},
               {"source_labels": ["__param_target"], "target_label": "instance"},
               {"target_label": "__address__", "replacement": exporter}]}
    doc = {"global": {"scrape_interval": "1m", "evaluation_interval": "1m"}, "rule_files": [RULES_FILE],
           "scrape_configs": [job, {"job_name": "snmp_exporter", "static_configs": [{"targets": [exporter]}]}]}
    return dump(doc, HEADER.format(site=h.site) + "\nPrometheus: the snmp job for the BPS2000v2 masters "
                                                  "(merge scrape_configs and rule_files into yours).")


def _text(value: str) -> str:
    """Plan text inside an alert template: no template braces."""
    return value.replace("{{", "{ {").replace("}}", "} }")


def _selector(m: Master, unit: Unit) -> str:
    def q(v: str) -> str:
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return "{" + f'job={q(JOB)}, master={q(m.target)}, chain_position={q(unit.position)}' + "}"


def _alert_name(limit: Limit) -> str:
    words = limit.setting.replace(".", "_").split("_")
    return "Bps" + "".join(w.capitalize() for w in words)


def _limit_rule(h: Handover, m: Master, unit: Unit, limit: Limit) -> dict[str, Any]:
    q = limit.quantity
    series = metric_name(q) + _selector(m, unit)
    op, word = ("<", "below") if limit.side == "low" else (">", "above")
    expr = f"{series} {op} {limit.value}"
    if q.kind is Kind.PROBE:
        expr += f" and {series} != 0"  # 0 = probe not connected
    shown = format_value(limit.setting, limit.value)
    where = f"{_text(unit.name)} ({unit.position} of {m.target}), {_text(h.site)} {_text(h.rack)}".rstrip()
    return {"alert": _alert_name(limit), "expr": expr, "for": "2m",
            "labels": {"severity": "critical", "bps_limit": limit.setting, "master": m.target,
                       "chain_position": unit.position},
            "annotations": {
                "summary": f"{_text(unit.name)}: {quantity_label(q)} {word} the planned {limit.side} "
                           f"alarm {shown}",
                "description": f"{where}: {quantity_label(q)} is {{{{ $value }}}} {q.unit}, {word} the "
                               f"{limit.side} alarm limit {shown} planned in {_text(unit.profile) or 'the profile'} "
                               f"(setting {limit.setting})."}}


def rules_yml(h: Handover) -> str:
    groups = []
    for m in h.masters:
        rules: list[dict[str, Any]] = [{
            "alert": "BpsMasterNotAnswering", "expr": f"up{_selector(m, m.units[0])} == 0", "for": "5m",
            "labels": {"severity": "critical", "master": m.target, "chain_position": "master"},
            "annotations": {
                "summary": f"BPS2000v2 master {m.target} ({_text(m.name)}) is not answering SNMP",
                "description": f"{_text(h.site)} {_text(h.rack)}: snmp_exporter could not read the master "
                               f"{m.target} for 5 minutes; its {len(m.units) - 1} planned slave(s) are not "
                               f"read either. Check power, network and the SNMP access (auth {m.auth})."}}]
        for unit in m.units[1:]:
            rules.append({
                "alert": "BpsSlaveNotReporting",
                "expr": f"absent({metric_name(SNMP_QUANTITIES[1])}{_selector(m, unit)})", "for": "10m",
                "labels": {"severity": "warning", "master": m.target, "chain_position": unit.position},
                "annotations": {
                    "summary": f"{_text(unit.name)} ({unit.position} of {m.target}) reports no readings",
                    "description": f"The master {m.target} has not reported {unit.position} for 10 minutes: "
                                   f"check the RS485 cable from the master and the unit's chain address."}})
        for unit in m.units:
            rules.extend(_limit_rule(h, m, unit, limit) for limit in unit.limits)
        groups.append({"name": f"bps2000v2 {m.target}", "rules": rules})
    return dump({"groups": groups}, HEADER.format(site=h.site) + "\nPrometheus alert rules from the planned "
                                                                "threshold profiles.")


__all__ = ["EXPORTER", "JOB", "RULES_FILE", "auths", "generator_yml", "prometheus_yml", "rules_yml", "snmp_yml"]
