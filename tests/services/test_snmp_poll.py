"""The link worker polling an SNMP master (its own asyncio loop in the worker's thread), and the
window's Telnet jobs, against the simulated agent and Telnet CLI over real sockets."""

import pytest

from bps_commissioner.device.decode import decode_registers
from bps_commissioner.device.registers import REGISTER_COUNT
from bps_commissioner.services import credentials
from bps_commissioner.services.credentials import SESSION, SNMP_COMMUNITY
from bps_commissioner.services.endpoints import SnmpEndpoint
from bps_commissioner.services.secrets import SNMP_AUTH_KEY, SNMP_PRIV_KEY, TELNET_PASSWORD
from bps_commissioner.services.snmp_poll import snmp_security_job
from bps_commissioner.services.telnet_jobs import (
    INVALID, LOGIN_REFUSED, NO_PASSWORD, TelnetTarget, energy_reset_job, read_job, thresholds_job,
)
from bps_commissioner.services.worker import LinkWorker, Priority
from tests.ethernet.conftest import (  # noqa: F401 (fixtures)
    AUTH_KEY, PRIV_KEY, SECRETS, TELNET_PASSWORD as PASSWORD, _agent, assert_no_secret, factory_telnet_sim,
    isolated_secrets, snmp_sim, snmp_units, telnet_sim,
)
from tests.stubs import collect


@pytest.fixture(autouse=True)
def fresh_session():
    SESSION.clear()
    yield
    SESSION.clear()


@pytest.fixture
def make_worker(qtbot):
    workers = []

    def make(endpoint, units=range(6), interval=0.2):
        w = LinkWorker(endpoint)
        w.reopen_interval = 0.2
        w.set_polling(list(units), interval)
        workers.append(w)
        return w

    yield make
    for w in workers:
        assert w.stop(5), "worker did not stop"


def latest(results, address):
    return next((r for r in reversed(results) if r.address == address), None)


def test_the_worker_polls_a_master_and_its_chained_slaves(qtbot, snmp_sim, snmp_units, make_worker):
    SESSION.put(SNMP_COMMUNITY, "", "127.0.0.1", "public")
    snmp_units[0].pin({"voltage_l1": 231.8, "current_l2": 7.25, "temperature": 24.6})
    w = make_worker(SnmpEndpoint("127.0.0.1", snmp_sim.port, "2c", timeout=0.5))
    results, frames, states = collect(w.unitUpdated), collect(w.framesLogged), collect(w.linkStateChanged)
    w.start()
    qtbot.waitUntil(lambda: all(latest(results, a) is not None for a in range(6)), timeout=8000)
    assert states[0][0] == "connected" and "SNMP v2c" in states[0][1]
    master = latest(results, 0)
    assert master.state == "online" and master.error is None
    assert master.reading.values["voltage_l1"] == 231.8 and master.reading.values["current_l2"] == 7.25
    assert master.reading.values["temperature"] == 24.6
    # thresholds and alarm states do not exist over SNMP
    assert not any("." in key for key in master.reading.values)
    assert [latest(results, a).state for a in range(6)] == ["online"] * 3 + ["absent"] * 3
    assert latest(results, 4).reading is None and latest(results, 4).error is None
    assert latest(results, 4).to_dict() == {"address": 4, "absent": True}
    # the same values a Modbus read of the slave gives (its registers decoded)
    slave = snmp_units[2]
    modbus = decode_registers(2, dict(enumerate(slave.read(0, REGISTER_COUNT)))).values
    # (the simulated value wanders in 0.01 Hz steps between the two reads)
    assert latest(results, 2).reading.values["frequency_l1"] == pytest.approx(modbus["frequency_l1"], abs=0.1)
    # per-unit counters, no Modbus frames
    counters = {d.address: d for d in w.diagnostics()}
    assert counters[0].replies >= 1 and counters[0].timeouts == 0
    assert frames == []
    # an absent slave is re-polled like an offline unit, not every sweep
    polls_before = sum(1 for r in results if r.address == 5)
    masters_before = sum(1 for r in results if r.address == 0)
    qtbot.waitUntil(lambda: sum(1 for r in results if r.address == 0) >= masters_before + 6, timeout=8000)
    assert sum(1 for r in results if r.address == 5) - polls_before <= 3


def test_snmpv3_keys_are_looked_up_when_the_link_opens(qtbot, snmp_sim, make_worker, isolated_secrets):
    endpoint = SnmpEndpoint("127.0.0.1", snmp_sim.port, "3", "bkt", "SHA", "AES", timeout=0.5)
    assert "bkt" in repr(endpoint) and AUTH_KEY not in repr(endpoint)
    w = make_worker(endpoint, units=[0])
    states, results = collect(w.linkStateChanged), collect(w.unitUpdated)
    w.start()
    qtbot.waitUntil(lambda: bool(states), timeout=5000)
    state, message, _fault = states[0]
    assert state == "lost" and "no SNMPv3 key for this host" in message and "Connect dialog" in message
    # typed in the window (this session): the link reopens by itself
    SESSION.put(SNMP_AUTH_KEY, "bkt", "127.0.0.1", AUTH_KEY)
    credentials.remember(SNMP_PRIV_KEY, "bkt", "127.0.0.1", PRIV_KEY, keyring=True)
    assert isolated_secrets.store == {("bps-commissioner", "snmp-priv:bkt@127.0.0.1"): PRIV_KEY}
    qtbot.waitUntil(lambda: latest(results, 0) is not None and latest(results, 0).state == "online", timeout=8000)
    assert ("connected", "127.0.0.1:%d (SNMPv3 bkt (authPriv))" % snmp_sim.port) in [s[:2] for s in states]
    assert_no_secret(*(m for _, m, *_ in states), *(str(r) for r in results), repr(SESSION))


def test_a_silent_agent_loses_the_link_and_it_comes_back(qtbot, snmp_sim, make_worker):
    SESSION.put(SNMP_COMMUNITY, "", "127.0.0.1", "public")
    w = make_worker(SnmpEndpoint("127.0.0.1", snmp_sim.port, "2c", timeout=0.3, retries=0), units=[0, 1])
    states, results = collect(w.linkStateChanged), collect(w.unitUpdated)
    w.start()
    qtbot.waitUntil(lambda: latest(results, 1) is not None and latest(results, 1).state == "online", timeout=5000)
    snmp_sim.pause()
    qtbot.waitUntil(lambda: states[-1][0] == "lost", timeout=5000)
    assert "No SNMP reply" in states[-1][1]
    qtbot.waitUntil(lambda: latest(results, 1).state == "lost", timeout=5000)
    snmp_sim.resume()
    qtbot.waitUntil(lambda: states[-1][0] == "connected" and latest(results, 1).state == "online", timeout=8000)


def test_a_community_given_nowhere_is_the_factory_one(qtbot, snmp_sim, make_worker, monkeypatch):
    monkeypatch.setenv("BPS_SNMP_COMMUNITY", "from-the-environment")
    endpoint = SnmpEndpoint("127.0.0.1", snmp_sim.port, "1", timeout=0.3, retries=0)
    assert endpoint.credentials().community == "from-the-environment"
    monkeypatch.delenv("BPS_SNMP_COMMUNITY")
    assert endpoint.credentials().community == "public"
    w = make_worker(endpoint, units=[0, 3])
    results = collect(w.unitUpdated)
    w.start()
    qtbot.waitUntil(lambda: latest(results, 3) is not None, timeout=5000)
    assert latest(results, 0).state == "online" and latest(results, 3).state == "absent"  # v1: noSuchName


def test_a_wrong_community_fails_the_open_with_a_hint(qtbot, snmp_sim, make_worker):
    SESSION.put(SNMP_COMMUNITY, "", "127.0.0.1", "not-the-community")
    w = make_worker(SnmpEndpoint("127.0.0.1", snmp_sim.port, "2c", timeout=0.3, retries=0), units=[0])
    states = collect(w.linkStateChanged)
    w.start()
    qtbot.waitUntil(lambda: bool(states), timeout=5000)
    assert states[0][0] == "lost" and "the community is wrong" in states[0][1]
    assert "not-the-community" not in states[0][1]


def test_jobs_on_an_snmp_link(qtbot, snmp_sim, make_worker):
    SESSION.put(SNMP_COMMUNITY, "", "127.0.0.1", "public")
    w = make_worker(SnmpEndpoint("127.0.0.1", snmp_sim.port, "2c", timeout=0.5), units=[])
    finished = collect(w.jobFinished)
    w.start()
    security = w.submit(snmp_security_job, Priority.BACKGROUND)
    modbus = w.submit(lambda ctx: ctx.link.read_registers(1, 63, 24))
    qtbot.waitUntil(lambda: len(finished) == 2, timeout=5000)
    by_id = {r.job_id: r for r in finished}
    codes = [f.code for f in by_id[security].value]
    assert codes == ["snmp-factory-community", "snmp-cleartext"]
    # a Modbus job (the thresholds tab) meets a clear refusal, not an internal error
    assert "not reachable over SNMP" in by_id[modbus].error and "internal" not in by_id[modbus].error


# --- Telnet jobs (run here directly: they ignore the link they run on) ---------------------------------

def target(sim, user="bkt"):
    return TelnetTarget("127.0.0.1", sim.port, user, timeout=2.0)


def test_read_job_logs_in_with_the_session_password(telnet_sim, snmp_units):
    SESSION.put(TELNET_PASSWORD, "bkt", "127.0.0.1", PASSWORD)
    outcome = read_job(target(telnet_sim))(None)
    assert outcome.ok, outcome.error
    overview = outcome.value
    assert overview.banner.version == snmp_units[0].firmware_version
    assert set(overview.energy) == {1, 2, 3}
    assert overview.thresholds["voltage_l1"]["high"] == 276.0
    assert [f.code for f in outcome.findings] == ["telnet-cleartext"]
    assert telnet_sim.state.logins == 1


def test_without_a_password_nothing_is_sent(telnet_sim):
    outcome = read_job(target(telnet_sim))(None)
    assert outcome.error_kind == NO_PASSWORD and "bkt@127.0.0.1" in outcome.error
    assert telnet_sim.state.connections == 0


def test_a_refused_login_is_not_tried_again(telnet_sim):
    SESSION.put(TELNET_PASSWORD, "bkt", "127.0.0.1", "wrong-password")
    outcome = read_job(target(telnet_sim))(None)
    assert outcome.error_kind == LOGIN_REFUSED and "refused" in outcome.error
    assert "wrong-password" not in outcome.error
    assert not SESSION.has(TELNET_PASSWORD, "bkt", "127.0.0.1")  # forgotten: the next try needs the user
    again = read_job(target(telnet_sim))(None)
    assert again.error_kind == NO_PASSWORD
    assert telnet_sim.state.failed_logins == 1


def test_energy_reset_job_clears_the_simulated_meter(factory_telnet_sim, snmp_units):
    SESSION.put(TELNET_PASSWORD, "admin", "127.0.0.1", "admin")
    master = snmp_units[0]
    assert master.read(0, REGISTER_COUNT)  # computed once
    outcome = energy_reset_job(target(factory_telnet_sim, "admin"), (2,))(None)
    assert outcome.ok, outcome.error
    reset = outcome.value
    assert reset.phases == (2,) and reset.before[2] > 0 and reset.after[2] == 0 and reset.ok
    assert reset.after[1] == pytest.approx(reset.before[1], abs=1)
    values = decode_registers(0, dict(enumerate(master.read(0, REGISTER_COUNT)))).values
    assert values["active_energy_l2"] < 1 < values["active_energy_l1"]
    assert "clearp2" in factory_telnet_sim.state.commands and "clearp1" not in factory_telnet_sim.state.commands
    assert [f.code for f in outcome.findings] == ["telnet-factory-credentials", "telnet-cleartext"]


def test_thresholds_job_sets_a_warning_and_reads_it_back(telnet_sim):
    SESSION.put(TELNET_PASSWORD, "bkt", "127.0.0.1", PASSWORD)
    outcome = thresholds_job(target(telnet_sim), {"current_l1.high_warning": "12.5"}, 16)(None)
    assert outcome.ok, outcome.error
    report = outcome.value
    assert report.ok and report.changes[0].read_back == 12.5
    assert telnet_sim.state.warnings["current_l1"][0] == 12.5
    # refused input: nothing is sent
    sent = len(telnet_sim.state.commands)
    bad = thresholds_job(target(telnet_sim), {"current_l1.high_warning": "20"}, 16)(None)
    assert bad.error_kind == INVALID and bad.problems[0].setting == "current_l1.high_warning"
    assert not any(c.startswith("current") for c in telnet_sim.state.commands[sent:])


def test_no_secret_in_any_outcome(telnet_sim):
    SESSION.put(TELNET_PASSWORD, "bkt", "127.0.0.1", PASSWORD)
    outcomes = [read_job(target(telnet_sim))(None),
                thresholds_job(target(telnet_sim), {"voltage_l1.low_warning": "190"}, 32)(None)]
    texts = [repr(o) for o in outcomes] + [o.error or "" for o in outcomes]
    assert_no_secret(*texts)
    assert all(s not in repr(SESSION) for s in SECRETS)


class _Ctx:
    """A job context that records progress and says whether the job is cancelled."""

    def __init__(self, cancelled=False):
        self.cancelled = cancelled
        self.steps = []

    def progress(self, done, total, text="", *, step="", **data):
        self.steps.append((step, done, total))


def test_a_telnet_job_reports_its_steps_and_a_cancel_after_the_login_sends_nothing(telnet_sim):
    SESSION.put(TELNET_PASSWORD, "bkt", "127.0.0.1", PASSWORD)
    ctx = _Ctx()
    outcome = read_job(target(telnet_sim))(ctx)
    assert outcome.ok and ctx.steps == [("login", 0, 2), ("read", 1, 2)]
    sent = len(telnet_sim.state.commands)
    cancelled = _Ctx(cancelled=True)
    outcome = read_job(target(telnet_sim))(cancelled)
    assert outcome.error_kind.value == "cancelled" and cancelled.steps == [("login", 0, 2)]
    assert telnet_sim.state.commands[sent:] == ["11"]  # logged in, then only the logout
