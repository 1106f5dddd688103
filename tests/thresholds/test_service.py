"""services/thresholds.py on a real TcpLink to the simulator: the frames on the wire, and what
happens when a unit stops answering, the link goes away or the user cancels mid-way."""

import pytest

from bps_commissioner.services.audit import AuditLog
from bps_commissioner.services.thresholds import write_thresholds
from bps_commissioner.simulator import WriteRecord
from bps_commissioner.transport.tcp import TcpLink

REQUEST = {"voltage_l1.low": 200, "voltage_l1.high": 250, "current_l1.high": 12, "humidity.high": 70}


class HookedLink(TcpLink):
    """A real TcpLink that runs ``hook(n)`` after its n-th write (to change the simulator mid-job)."""

    def __init__(self, *a, hook=None, **kw):
        super().__init__(*a, **kw)
        self.hook = hook
        self.writes = 0

    def write_register(self, unit, register, value):
        try:
            super().write_register(unit, register, value)
        finally:
            self.writes += 1
            if self.hook:
                self.hook(self.writes)


def test_only_fc06_writes_each_read_back_with_fc03(tcp_sim, chain, tmp_path):
    frames = []
    link = TcpLink("127.0.0.1", tcp_sim.port, observer=lambda d, u, data, t: frames.append((d, data[7:])))
    with link:
        progress = []
        report = write_thresholds(link, [1], REQUEST, audit=AuditLog(tmp_path / "a.jsonl"),
                                  progress=lambda *a: progress.append(a))
    assert report.ok and report.written == 4
    requests = [pdu for d, pdu in frames if d == "tx"]
    # one FC03 of the 24 threshold registers, then per change: FC06 and an FC03 of that one register
    assert requests[0] == bytes([3, 0, 63, 0, 24])
    pairs = requests[1:]
    assert [p[0] for p in pairs] == [6, 3] * 4
    for write, read in zip(pairs[::2], pairs[1::2]):
        assert read == bytes([3]) + write[1:3] + bytes([0, 1])
    # the window moves up (180..276 -> 200..250): high first
    assert progress == [(1, 4, "unit 1: voltage_l1.high"), (2, 4, "unit 1: voltage_l1.low"),
                        (3, 4, "unit 1: current_l1.high"), (4, 4, "unit 1: humidity.high")]


def test_unit_that_stops_answering_skips_its_remaining_writes(tcp_sim, chain, tmp_path):
    unit = chain.at(1)[0]

    def go_silent(n):
        if n == 1:
            unit.silent = True

    audit = AuditLog(tmp_path / "a.jsonl")
    with HookedLink("127.0.0.1", tcp_sim.port, timeout=0.2, hook=go_silent) as link:
        report = write_thresholds(link, [1, 2], REQUEST, audit=audit)
    u1, u2 = report.units
    assert [(r.setting, r.result, r.cause) for r in u1.results] == [
        ("voltage_l1.high", "failed", "no_read_back"),  # written, but its read-back got no reply
        ("voltage_l1.low", "skipped", "partner_unknown"),  # the high side's value is unknown now
        ("current_l1.high", "failed", "timeout"),  # no reply to the write, nor to its read-back
        ("humidity.high", "skipped", "unit_unreachable"),
    ]
    assert u1.results[2].reason.startswith("No reply from unit 1")
    assert u2.ok and len(u2.applied) == 4  # the next unit is still written
    assert not report.ok
    assert [e["result"] for e in audit.entries()] == ["failed", "failed"] + ["applied"] * 4
    # a silent unit never takes the second write in: the simulator records only the first
    assert [w for w in chain.writes if w.address == 1] == [WriteRecord(1, 64, 2500)]


def test_lost_link_skips_everything_after_it(chain, tmp_path):
    from bps_commissioner.simulator import TcpSimulator

    sim = TcpSimulator(chain, "127.0.0.1", 0).start()
    try:
        with HookedLink("127.0.0.1", sim.port, timeout=0.5, hook=lambda n: n == 2 and sim.stop()) as link:
            report = write_thresholds(link, [1, 2], REQUEST, audit=AuditLog(tmp_path / "a.jsonl"))
    finally:
        sim.stop()
    u1, u2 = report.units
    assert report.halted == "link_lost"
    assert [r.result for r in u1.results] == ["applied", "failed", "skipped", "skipped"]
    assert "the unit's value is unknown" in u1.results[1].reason
    assert u1.results[2].reason == "not written: the link was lost"
    assert {r.result for r in u2.results} == {"skipped"}
    assert len(chain.writes) == 2


def test_cancel_skips_the_rest_and_still_reports(tcp_sim, chain, tmp_path):
    done = []
    with TcpLink("127.0.0.1", tcp_sim.port) as link:
        report = write_thresholds(link, [1, 2], REQUEST, audit=AuditLog(tmp_path / "a.jsonl"),
                                  should_stop=lambda: len(done) >= 2, progress=lambda *a: done.append(a))
    assert report.halted == "cancelled"
    assert [r.result for r in report.units[0].results] == ["applied", "applied", "skipped", "skipped"]
    assert report.units[0].results[3].reason == "not written: cancelled"
    assert len(chain.writes) == 2


def test_after_reflects_read_backs(tcp_sim, chain):
    chain.at(1)[0].mangle_writes.add(82)
    with TcpLink("127.0.0.1", tcp_sim.port) as link:
        report = write_thresholds(link, [1], {"humidity.high": 70, "humidity.low": 5}, audit=None)
    after = report.units[0].after
    assert after["humidity.high"] == 71 and after["humidity.low"] == 5 and after["voltage_l1.low"] == 180.0


@pytest.mark.parametrize("bad", [{"humidity.high": "x"}, {"nope.high": 1}])
def test_bad_request_is_refused_without_any_traffic(tcp_sim, chain, bad):
    frames = []
    with TcpLink("127.0.0.1", tcp_sim.port, observer=lambda *a: frames.append(a)) as link:
        report = write_thresholds(link, [1, 2], bad, audit=None)
    assert report.refused and not report.units and frames == [] and chain.writes == []
