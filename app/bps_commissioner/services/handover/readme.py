"""The README.md of a hand-over folder, for the customer's operations team. Pure: text out."""

from __future__ import annotations

from bps_commissioner.services.handover.model import Handover
from bps_commissioner.services.handover.prometheus import (
    AUTH_PLACEHOLDER, COMMUNITY_PLACEHOLDER, JOB, PRIV_PLACEHOLDER, RULES_FILE,
)


def readme(h: Handover, exporter: str) -> str:
    masters = "\n".join(
        f"- `{m.target}` (SNMP v{m.link.snmp_version}"
        f"{', user ' + m.link.v3_user if m.link.snmp_version == '3' else ''}; auth `{m.auth}`): "
        + ", ".join(f"{u.position} = {u.name} ({len(u.limits)} planned limits)" for u in m.units)
        for m in h.masters)
    skipped = "\n".join(f"- {s}" for s in h.skipped) or "- none"
    return f"""# Monitoring hand-over: {h.site} {h.rack}

Written by `bps-commissioner handover` from the commissioning plan. BKT BPS2000v2 PDUs: one
networked MASTER per chain answers SNMP for itself and up to 5 slaves chained behind it
(RS485). Readings only: the units' own alarm limits and states are not in the SNMP table, so
the alerts below compare the readings with the limits planned in the threshold profiles.

## Masters handed over

{masters}

Links of the plan not handed over:

{skipped}

## Files

| file | what | where it goes |
| --- | --- | --- |
| `prometheus/snmp.yml` | snmp_exporter configuration (`auths`, `modules`; 0.23+ format, `scale` needs 0.24+): one module per chain position, `bps2000v2_master`, `bps2000v2_slave1`..`5` | the exporter's `--config.file` (merge into your snmp.yml if you have one) |
| `prometheus/generator.yml` | the generator input matching snmp.yml (walks and auths) | beside snmp_exporter's generator; BKT publishes no MIB, so regenerate only with a MIB of your own; deploy snmp.yml as written |
| `prometheus/prometheus.yml` | the scrape job `{JOB}` (one target per master and chain position, labels `site`, `rack`, `name`, `master`, `chain_position`; relabelled to the exporter at `{exporter}`) | merge its `scrape_configs` and `rule_files` into your prometheus.yml |
| `prometheus/{RULES_FILE}` | alert rules: per unit a high/low alarm for every planned limit, "master not answering", "slave not reporting" | beside prometheus.yml (`rule_files`) |
| `zabbix/bps2000v2-templates.yml` | Zabbix 7.0 templates, one per chain position: SNMP items for every quantity, value maps (door, smoke/water, alarm states), triggers on `{{$BPS.<LIMIT>:"<position>"}}` macros | Data collection > Templates > Import |
| `zabbix/bps2000v2-hosts.yml` | Zabbix 7.0 hosts: one per master, its SNMP interface, the planned limits as host macros | Data collection > Hosts > Import, after the templates |

Metrics are named after the tool's quantity keys with their unit: `bps_voltage_l1_volts`,
`bps_current_l2_amperes`, `bps_active_power_l3_watts`, `bps_active_energy_l1_kilowatt_hours`,
`bps_temperature_celsius`, `bps_humidity_1_percent`, `bps_door_1_state` (1 open, 2 closed),
`bps_smoke_state` (1 smoke, 2 none). A temperature or humidity of 0 means "probe not
connected"; the probe alerts ignore it.

## Commands

    promtool check config prometheus/prometheus.yml      # also checks {RULES_FILE}
    promtool check rules prometheus/{RULES_FILE}
    snmp_exporter --config.file=prometheus/snmp.yml --dry-run
    curl 'http://{exporter}/snmp?target={h.masters[0].target}&module=bps2000v2_master&auth={h.masters[0].auth}'
    curl -X POST http://PROMETHEUS:9090/-/reload          # with --web.enable-lifecycle

Zabbix: import the templates file, then the hosts file (Data collection > Hosts > Import; or
the API's `configuration.import` with format `yaml`).

## What the tool could not know: fill in before use

- **Secrets are placeholders.** v1/v2c read communities are `{COMMUNITY_PLACEHOLDER}`, SNMPv3
  keys `{AUTH_PLACEHOLDER}` and `{PRIV_PLACEHOLDER}`: in snmp.yml and generator.yml under
  `auths`, in Zabbix as the host macros `{{$SNMP_COMMUNITY}}`, `{{$BPS.SNMP.AUTH}}`,
  `{{$BPS.SNMP.PRIV}}` (secret text). The write community is never needed: monitoring only reads.
- **Value types and scaling.** The vendor does not document the SNMP value types. The files
  assume integers scaled like the Modbus registers (voltage /10, current /100, energy /1000);
  a unit that answers text ("239.7") needs the `scale` fields (Prometheus) and the
  `MULTIPLIER` preprocessing steps (Zabbix) removed. Check with
  `snmpget -v2c -c COMMUNITY {h.masters[0].target} .1.3.6.1.4.1.47394.1.2.2.0`.
- The snmp_exporter address (`{exporter}`), scrape interval (1m), alert delays and
  severities are defaults: adjust to your installation.
- Modbus TCP hosts are not SNMP targets here: the plan gives no SNMP access for them.
"""


__all__ = ["readme"]
