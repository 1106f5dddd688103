"""``bps-commissioner energy reset``: clear a unit's energy meter through its Telnet menu 9.

    energy reset --host HOST[:PORT] --user bkt --phase 1|2|3|all [--yes] [--json] [--audit-log PATH]

Each phase's reset is recorded in the audit log (services/audit.py), with the meter's
reading before it: an intent line, fsynced before ``clearpN`` is sent, and its outcome.

There is no Modbus register for it (PROTOCOL.md section 1). A reset destroys a meter
reading, so: at a terminal the command shows the meters and asks for confirmation; without
a terminal it refuses (exit 2, nothing sent, not even a connection) unless ``--yes`` is
given. It reports each meter before and after; a meter that does not read 0 (below 1 kWh,
the resolution the unit shows) after its reset is a failure (exit 1).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Callable, Mapping

from bps_commissioner.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, asked_here, at_terminal
from bps_commissioner.cli.telnet import add_login_options, audit_of, run_telnet_job
from bps_commissioner.device.assess import ENERGY_CLEARED_BELOW, energy_cleared
from bps_commissioner.services.audit import default_audit_path
from bps_commissioner.services.telnet_jobs import CANCELLED, energy_reset_job

#: A cleared meter reads below this (kWh): the unit shows whole kWh (device/assess.py).
CLEARED_BELOW = ENERGY_CLEARED_BELOW


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("energy", help="energy meters (Telnet): reset")
    esub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    r = esub.add_parser("reset", help="clear the energy meter of one phase or all (Telnet menu 9)")
    add_login_options(r)
    r.add_argument("--phase", required=True, choices=("1", "2", "3", "all"), help="the phase to clear, or all")
    r.add_argument("--yes", action="store_true",
                   help="do not ask for confirmation (needed when not running at a terminal)")
    r.add_argument("--json", action="store_true", help="print one JSON object")
    r.add_argument("--audit-log", metavar="PATH", help=f"append each reset (the meter before, intent and "
                                                       f"outcome) to PATH (default {default_audit_path()})")
    r.set_defaults(func=run_reset)


def _confirm(phases: list[int], before: Mapping[int, float], description: str) -> bool:
    meters = ", ".join(f"phase {p}: {before[p]:g} kWh" for p in phases)
    print(f"{description}: {meters}", file=sys.stderr)
    which = "all phases" if len(phases) == 3 else f"phase {phases[0]}"
    print(f"Clear the energy meter of {which}? The reading is lost. Type 'yes' to continue: ", end="",
          file=sys.stderr, flush=True)
    answer = sys.stdin.readline()
    return answer.strip().lower() == "yes"


def _asking(phases: list[int]) -> tuple[Callable[[Mapping[int, float], str], bool], Callable[[], bool]]:
    """The question, asked in the main thread once the job has read the meters."""
    return asked_here(lambda before, description: _confirm(phases, before, description))


def run_reset(args: argparse.Namespace) -> int:
    phases = [1, 2, 3] if args.phase == "all" else [int(args.phase)]
    if not args.yes and not at_terminal():
        print("error: energy reset destroys the meter reading and needs a confirmation: run it at a terminal, "
              "or pass --yes. Nothing was sent.", file=sys.stderr)
        return EXIT_USAGE
    audit = audit_of(args)
    confirm, ask = _asking(phases) if not args.yes else (None, None)
    outcome = run_telnet_job(args, args.host, lambda target, **kw: energy_reset_job(
        target, tuple(phases), confirm=confirm, audit=audit, **kw), cancel_when=ask)
    if outcome.error_kind is CANCELLED:
        print("Cancelled: nothing was reset.", file=sys.stderr)
        return EXIT_FAILED
    reset = outcome.unwrap()
    result: dict[str, Any] = {"host": outcome.target.describe(), "phases": {}}
    for phase in phases:
        before, after = reset.before[phase], reset.after[phase]
        result["phases"][str(phase)] = {"before_kwh": before, "after_kwh": after, "cleared": energy_cleared(after)}
    result["ok"] = all(p["cleared"] for p in result["phases"].values())
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for phase, r in result["phases"].items():
            print(f"Phase {phase}: {r['before_kwh']:g} kWh -> {r['after_kwh']:g} kWh "
                  f"({'cleared' if r['cleared'] else 'NOT CLEARED'})")
    if not result["ok"]:
        print("error: a meter did not read 0 after its reset; the unit answered:\n" + "\n".join(reset.replies),
              file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK
