"""Commissioning: find what is on each link of a plan, match it against the plan, check
every unit against the plan and against physics, apply what is planned.

The package, by responsibility:

- reasons.py: a check's result and its reason (an English template marked for Qt
  Linguist, context "Commission", with its values; :func:`render` shows it in English or,
  translated, with decimal commas for the window and the report);
- checks.py: the checks, pure functions over what was read;
- match.py: planned against found (missing, unexpected, conflict, not checked);
- survey.py: opening a plan's link, the Modbus TCP scan, the Telnet look, ``plan new``'s scan;
- run.py: the run, link by link, as jobs (the window's link workers and network worker,
  the CLI's network worker): :func:`link_job`, :func:`network_link_job`, :func:`commission_job`;
- result.py: the result, its JSON and CSV, the plan and profile files.

Each check is pass / warn / fail with a one-line reason; a warn never fails a unit.
"""

from bps_commissioner.services.commission.reasons import (
    CONFLICT, FAIL, FAILED, FINDING_TEXTS, MISSING, OK, PASS, RESULTS, STATUSES, UNEXPECTED, WARN, Check, Measure,
    Phrase, Term, joined, render, render_value,
)
from bps_commissioner.services.commission.checks import (
    FREQUENCY_TOLERANCE, LOAD_WARNING, NOMINAL_FREQUENCY, NOMINAL_VOLTAGE, PLAUSIBLE, POWER_TOLERANCE,
    POWER_TOLERANCE_W, SENSORS, VOLTAGE_TOLERANCE, TelnetLook, alarm_check, current_check, electrical_checks,
    energy_check, firmware_check, link_checks, phase_check, power_check, probe_checks, security_checks,
    threshold_check, threshold_differences,
)
from bps_commissioner.services.commission.result import (
    CSV_COLUMNS, CommissionResult, UnitOutcome, csv_rows, csv_text, load_plan_file, load_profiles, now_text,
    plan_from_found, save_plan, security_of, security_result, write_csv, write_text_file,
)
from bps_commissioner.services.commission.survey import (
    TCP_PROBE_WAIT, SecretSource, Survey, default_open_link, scan_tcp, secrets_needed, survey_job, telnet_host,
    telnet_look,
)
from bps_commissioner.services.commission.run import (
    DEFAULT_SCAN, STEP_CHAIN, STEP_LINK, STEP_SCAN, STEP_UNIT, CommissionOptions, LinkOutcome, assemble,
    commission_job, commission_links, failed_outcome, link_job, network_link_job, run_commission,
)
from bps_commissioner.services.jobs import JobFailed
from bps_commissioner.services.links import LinkError

__all__ = [
    "CONFLICT", "CSV_COLUMNS", "DEFAULT_SCAN", "FAIL", "FAILED", "FINDING_TEXTS", "FREQUENCY_TOLERANCE",
    "JobFailed", "LOAD_WARNING", "LinkError", "MISSING", "NOMINAL_FREQUENCY", "NOMINAL_VOLTAGE", "OK", "PASS",
    "PLAUSIBLE", "POWER_TOLERANCE", "POWER_TOLERANCE_W", "RESULTS", "SENSORS", "STATUSES", "STEP_CHAIN",
    "STEP_LINK", "STEP_SCAN", "STEP_UNIT", "SecretSource", "Survey", "TCP_PROBE_WAIT", "UNEXPECTED",
    "VOLTAGE_TOLERANCE", "WARN", "Check", "CommissionOptions", "CommissionResult", "LinkOutcome", "Measure",
    "Phrase", "TelnetLook", "Term", "UnitOutcome", "alarm_check", "assemble", "commission_job", "commission_links",
    "csv_rows", "csv_text", "current_check", "default_open_link", "electrical_checks", "energy_check",
    "failed_outcome", "firmware_check", "joined", "link_checks", "link_job", "load_plan_file", "load_profiles",
    "network_link_job", "now_text", "phase_check", "plan_from_found", "power_check", "probe_checks", "render",
    "render_value", "run_commission", "save_plan", "scan_tcp", "secrets_needed", "security_checks",
    "security_of", "security_result", "survey_job",
    "telnet_host", "telnet_look", "threshold_check", "threshold_differences", "write_csv", "write_text_file",
]
