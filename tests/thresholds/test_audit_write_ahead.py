"""Issue 15: the audit log is written ahead (an fsynced intent before each write, an outcome
after it); a process killed between the two leaves the intent, and the next start names the
unit to re-read. The live-value check names a new limit the present reading already breaks."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from bps_commissioner.cli import main
from bps_commissioner.device.assess import limits_broken_now
from bps_commissioner.services.audit import AuditLog
from tests.conftest import posix_only

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from bps_commissioner.services.audit import AuditLog
    from bps_commissioner.services.endpoints import TcpEndpoint
    from bps_commissioner.services.thresholds import write_thresholds
    port, audit, marker = int(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    link = TcpEndpoint("127.0.0.1", port).create_link()
    real = link.write_register
    def held(*a, **k):  # the hook: the intent is on disk, the write has not gone out
        marker.write_text("held")
        time.sleep(600)
        return real(*a, **k)
    link.write_register = held
    write_thresholds(link, [1], {"humidity.high": 77}, audit=AuditLog(audit))
""")


@posix_only
def test_kill_between_intent_and_write_leaves_the_intent_and_the_next_start_names_the_unit(
        tmp_path, tcp_sim, chain, capsys, monkeypatch):
    audit_path, marker = tmp_path / "audit.jsonl", tmp_path / "held"
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "app"), str(ROOT)]))
    child = subprocess.Popen([sys.executable, str(script), str(tcp_sim.port), str(audit_path), str(marker)],
                             env=env, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while not marker.exists():
            assert child.poll() is None, child.stderr.read().decode()
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    assert chain.writes == []  # killed before the write went out
    lines = [json.loads(line) for line in audit_path.read_text().splitlines()]
    assert len(lines) == 1 and lines[0]["event"] == "intent" and lines[0]["setting"] == "humidity.high"
    assert lines[0]["new"] == 77 and lines[0]["who"] and lines[0]["unit"] == 1
    pending = AuditLog(audit_path).pending()
    assert [p["id"] for p in pending] == [lines[0]["id"]]
    # the next command that changes a unit names it
    code = main(["thresholds", "set", "--tcp", f"127.0.0.1:{tcp_sim.port}", "--unit", "2", "--yes",
                 "--audit-log", str(audit_path), "humidity.high=70"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "have no outcome" in err and f"127.0.0.1:{tcp_sim.port} unit 1" in err
    assert "humidity.high" in err


def test_every_write_has_an_intent_before_and_an_outcome_after(tmp_path, tcp_sim, capsys):
    audit_path = tmp_path / "audit.jsonl"
    code = main(["thresholds", "set", "--tcp", f"127.0.0.1:{tcp_sim.port}", "--unit", "1", "--yes",
                 "--audit-log", str(audit_path), "humidity.high=71", "humidity.low=3"])
    assert code == 0, capsys.readouterr().err
    lines = [json.loads(line) for line in audit_path.read_text().splitlines()]
    assert [x["event"] for x in lines] == ["intent", "outcome", "intent", "outcome"]
    assert lines[1]["intent"] == lines[0]["id"] and lines[1]["outcome"] == "applied"
    assert not AuditLog(audit_path).pending()


def test_a_limit_the_live_reading_breaks_is_named_and_needs_yes(tmp_path, tcp_sim, chain, capsys):
    unit = chain.at(1)[0]
    unit.pin({"voltage_l1": 239.7})
    argv = ["thresholds", "set", "--tcp", f"127.0.0.1:{tcp_sim.port}", "--unit", "1",
            "--audit-log", str(tmp_path / "a.jsonl"), "voltage_l1.high=230"]
    assert main(argv + ["--dry-run"]) == 0
    assert "L1 reads 239.7 V: a high alarm at 230.0 V alarms at once" in capsys.readouterr().err
    assert main(argv) == 2  # no terminal, no --yes: refused
    err = capsys.readouterr().err
    assert "L1 reads 239.7 V" in err and "--yes" in err and chain.writes == []
    assert main(argv + ["--yes"]) == 0
    assert [w.register for w in chain.writes]


def test_limits_broken_now_rule():
    broken = limits_broken_now({"voltage_l1": 239.7, "humidity": 40},
                               {"voltage_l1.high": "230", "voltage_l1.low": 200, "humidity.low": 0})
    assert [b.message() for b in broken] == ["L1 reads 239.7 V: a high alarm at 230.0 V alarms at once"]
