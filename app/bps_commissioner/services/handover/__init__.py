"""``handover``: monitoring configuration for the operations team, from a commissioning plan.

:func:`handover_files` (pure) turns a parsed plan and its profiles into {relative path:
text}: snmp_exporter's snmp.yml and generator.yml, a prometheus.yml with the snmp job, the
alert rules, Zabbix 7.0 template and hosts exports and a README.md. :func:`write_files`
writes them into a folder, all or nothing. No secret goes into a file: communities and
SNMPv3 keys are placeholders (model.py says which links are served).
"""

from __future__ import annotations

import os
from typing import Mapping

from bps_commissioner.device.plan import Plan
from bps_commissioner.device.profile import Profile
from bps_commissioner.services.handover import prometheus, zabbix
from bps_commissioner.services.handover.model import Handover, HandoverError, build
from bps_commissioner.services.handover.readme import readme


def handover_files(plan: Plan, profiles: Mapping[str, Profile],
                   exporter: str = prometheus.EXPORTER) -> dict[str, str]:
    """{path relative to the output folder: text}. Raises HandoverError."""
    h = build(plan, profiles)
    return {
        "README.md": readme(h, exporter),
        "prometheus/snmp.yml": prometheus.snmp_yml(h),
        "prometheus/generator.yml": prometheus.generator_yml(h),
        "prometheus/prometheus.yml": prometheus.prometheus_yml(h, exporter),
        f"prometheus/{prometheus.RULES_FILE}": prometheus.rules_yml(h),
        "zabbix/bps2000v2-templates.yml": zabbix.templates_yml(h),
        "zabbix/bps2000v2-hosts.yml": zabbix.hosts_yml(h),
    }


def write_files(folder: str | os.PathLike[str], files: Mapping[str, str]) -> list[str]:
    """Write ``files`` under ``folder`` (created if needed); a file that cannot be written
    removes those written before it. Returns the paths written. Raises OSError."""
    from bps_commissioner.services.commission import write_text_file

    written: list[str] = []
    try:
        for rel, text in files.items():
            path = os.path.join(os.fspath(folder), *rel.split("/"))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            write_text_file(path, text)
            written.append(path)
    except OSError:
        for path in written:
            try:
                os.unlink(path)
            except OSError:
                pass
        raise
    return written


__all__ = ["Handover", "HandoverError", "build", "handover_files", "write_files"]
