"""The flasher (services/flasher.py) against a simulated master: Modbus TCP, Telnet and TFTP
on loopback, with a restart coordinator that silences them after an upload."""

from __future__ import annotations

import dataclasses
import json
import socket
import time

import pytest

from bps_commissioner.device.profile import parse_profile
from bps_commissioner.services.audit import AuditLog
from bps_commissioner.services.flasher import (
    FlashHooks,
    FlashSettings,
    FlashTarget,
    FirmwareFileError,
    compare_thresholds,
    flash_host,
    flash_hosts,
    load_firmware,
)
from bps_commissioner.services.thresholds import read_thresholds
from bps_commissioner.simulator.restart import version_from_filename
from bps_commissioner.transport.tcp import TcpLink

from tests.stubs import FakeClock

from .conftest import QUICK, start_master


def hooks(**kw) -> FlashHooks:
    kw.setdefault("confirm", lambda *a: True)
    kw.setdefault("password", lambda t: "admin")
    return FlashHooks(**kw)


def thresholds_of(master) -> dict:
    link = TcpLink("127.0.0.1", master.tcp.port, timeout=2)
    try:
        return read_thresholds(link, 1)
    finally:
        link.close()


def test_flash_verify_telnet_backup_and_restore(master, firmware_file, _data_dir):
    master.unit.write(70, 123)  # current_l1.high = 12.3 A: differs from the factory 16 A
    before = thresholds_of(master)
    events = []
    result = flash_host(load_firmware(firmware_file), master.target(),
                        dataclasses.replace(QUICK, restore=True), hooks(on_event=events.append))
    assert result.ok, result.error
    assert (result.version_before, result.version_after) == ("2.0.5-C", "3")
    assert result.bytes == firmware_file.stat().st_size and result.seconds is not None
    assert result.uploaded and result.retransmissions == 0
    # the file arrived byte-identical and the master restarted once
    assert bytes(master.tftp.uploads[0].data) == firmware_file.read_bytes()
    assert master.coordinator.restarts == 1 and master.unit.firmware_version == "3"
    # the restart is watched with TCP connects: one login before, one after (a unit may lock
    # an account after many logins)
    assert master.telnet.state.logins == 2
    # the steps were reported in order, with upload progress and a countdown
    steps = [e.step for e in events]
    assert steps.index("preflight") < steps.index("upload") < steps.index("restart") < steps.index("verify")
    assert steps.index("verify") < steps.index("thresholds") < steps.index("done")
    assert any(e.upload is not None and e.upload.bytes_done == result.bytes for e in events)
    assert any(e.remaining is not None for e in events)
    # backup: a profile file in the data folder holding what the unit had
    assert result.backup and result.backup.startswith(str(_data_dir / "backups"))
    profile = parse_profile(open(result.backup, encoding="utf-8").read(), result.backup)
    assert dict(profile.thresholds) == before
    # the simulated update reset the thresholds; the restore put the backup back, read back
    assert [c.setting for c in result.thresholds_changed] == ["current_l1.high"]
    assert result.thresholds_changed[0].backup == 12.3 and result.thresholds_changed[0].now == 16.0
    assert result.restored is True
    assert thresholds_of(master) == before
    audit = [json.loads(line) for line in (_data_dir / "audit.jsonl").read_text().splitlines()]
    outcomes = [a for a in audit if a.get("event") != "intent"]
    assert [(a["setting"], a["result"]) for a in outcomes] == [("firmware", "applied"), ("current_l1.high", "applied")]
    # write-ahead: the upload's intent precedes its outcome, each threshold write's too
    intents = [a for a in audit if a.get("event") == "intent"]
    assert [(a["action"], a["old"], a["new"]) for a in intents] == [
        ("firmware-upload", "2.0.5-C", firmware_file.name), ("threshold", 16.0, 12.3)]
    assert audit.index(intents[0]) < audit.index(outcomes[0]) and outcomes[0]["version_after"] == "3"
    assert all(o["intent"] for o in outcomes) and not AuditLog(_data_dir / "audit.jsonl").pending()


def test_restore_declined_leaves_the_backup_and_says_how(master, firmware_file):
    master.unit.write(70, 123)
    asked = []
    result = flash_host(load_firmware(firmware_file), master.target(), QUICK,
                        hooks(ask_restore=lambda t, changes: asked.append(changes) or False))
    assert result.ok
    assert len(asked) == 1 and result.restored is False
    assert thresholds_of(master)["current_l1.high"] == 16.0
    assert any("thresholds apply" in w and result.backup in w for w in result.warnings)


def test_unchanged_thresholds_need_no_restore(firmware_file):
    from bps_commissioner.simulator.restart import RestartCoordinator

    m = start_master()
    m.coordinator.keep_config = True
    try:
        result = flash_host(load_firmware(firmware_file), m.target(), dataclasses.replace(QUICK, restore=True),
                            hooks())
        assert result.ok and result.thresholds_changed == () and result.restored is None
    finally:
        m.stop()
    assert isinstance(m.coordinator, RestartCoordinator)


def test_verify_modbus(master, firmware_file):
    result = flash_host(load_firmware(firmware_file), master.target(),
                        dataclasses.replace(QUICK, verify="modbus", backup=False), hooks(password=lambda t: None))
    assert result.ok, result.error
    assert result.version_before is None and result.version_after is None
    assert master.coordinator.restarts == 1
    assert master.telnet.state.logins == 0  # Telnet was never used


def test_refused_upload_tells_to_enable_software_update(firmware_file):
    m = start_master(refuse=True)
    try:
        result = flash_host(load_firmware(firmware_file), m.target(), QUICK, hooks())
    finally:
        m.stop()
    assert not result.ok and result.cause == "refused"
    assert "Access violation" in result.error and "Software update" in result.error
    assert "System Tools" in result.error and "http://127.0.0.1/" in result.error
    assert result.web_url == "http://127.0.0.1/"
    assert m.tftp.transfers == [] and m.coordinator.restarts == 0


def test_silence_ends_with_host_and_port(master, firmware_file):
    quiet = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    quiet.bind(("127.0.0.1", 0))
    try:
        target = dataclasses.replace(master.target(), tftp_port=quiet.getsockname()[1])
        start = time.monotonic()
        result = flash_host(load_firmware(firmware_file), target,
                            dataclasses.replace(QUICK, give_up=1.0), hooks())
        took = time.monotonic() - start
    finally:
        quiet.close()
    assert not result.ok and result.cause == "no_answer"
    assert f"127.0.0.1 port {target.tftp_port}" in result.error
    assert took < 5
    assert master.coordinator.restarts == 0


def test_not_confirmed_sends_nothing(master, firmware_file):
    seen = []
    result = flash_host(load_firmware(firmware_file), master.target(), QUICK,
                        hooks(confirm=lambda t, pre: seen.append(pre) or False))
    assert not result.ok and result.cause == "not_confirmed"
    assert "nothing was sent" in result.error
    assert seen[0].version == "2.0.5-C" and seen[0].backup  # the confirmation saw the pre-flight
    assert master.tftp.requests == 0


def test_default_hooks_refuse(master, firmware_file):
    result = flash_host(load_firmware(firmware_file), master.target(), QUICK, FlashHooks(password=lambda t: "admin"))
    assert result.cause == "not_confirmed" and master.tftp.requests == 0


def test_wrong_telnet_password_stops_in_preflight(master, firmware_file):
    result = flash_host(load_firmware(firmware_file), master.target(), QUICK, hooks(password=lambda t: "s3cr3t-XYZ"))
    assert not result.ok and result.cause == "preflight"
    assert "refused" in result.error and "s3cr3t-XYZ" not in json.dumps(result.to_dict())
    assert master.tftp.requests == 0 and master.telnet.state.failed_logins == 1


def test_no_password_stops_in_preflight(master, firmware_file):
    result = flash_host(load_firmware(firmware_file), master.target(), QUICK, hooks(password=lambda t: None))
    assert result.cause == "preflight" and "BPS_TELNET_PASSWORD" in result.error
    assert master.tftp.requests == 0


def test_modbus_down_stops_the_backup(master, firmware_file):
    target = dataclasses.replace(master.target(), modbus_port=1)
    result = flash_host(load_firmware(firmware_file), target, QUICK, hooks())
    assert result.cause == "preflight" and "--no-backup" in result.error
    assert master.tftp.requests == 0


def test_cancel_during_upload(firmware_file, tmp_path):
    m = start_master()
    big = tmp_path / "BPS2500-4.bin"
    big.write_bytes(b"\x55" * 400_000)
    events = []
    try:
        result = flash_host(load_firmware(big), m.target(), QUICK,
                            hooks(on_event=events.append,
                                  should_stop=lambda: any(e.upload is not None for e in events)))
    finally:
        m.stop()
    assert not result.ok and result.cause == "cancelled"
    assert "may need the upload repeated" in result.error
    assert not m.tftp.uploads and m.coordinator.restarts == 0


def test_same_version_is_not_verified(master, tmp_path):
    same = tmp_path / "BPS2000v2-2.0.5-C.bin"  # the version the unit already runs
    same.write_bytes(b"\x01" * 3000)
    result = flash_host(load_firmware(same), master.target(), QUICK, hooks())
    assert not result.ok and result.cause == "verify"
    assert "still reports firmware version 2.0.5-C" in result.error
    assert master.coordinator.restarts == 1


def test_unit_that_never_restarts(firmware_file):
    m = start_master()
    m.tftp.on_upload = None  # takes the file, never restarts
    try:
        result = flash_host(load_firmware(firmware_file), m.target(),
                            dataclasses.replace(QUICK, gone_timeout=1.0), hooks())
    finally:
        m.stop()
    assert not result.ok and result.cause == "restart" and "did not restart" in result.error


def test_unit_that_never_comes_back(firmware_file):
    m = start_master(reboot_s=30)
    try:
        result = flash_host(load_firmware(firmware_file), m.target(),
                            dataclasses.replace(QUICK, restart_timeout=1.5, verify="modbus"), hooks())
    finally:
        m.stop()
    assert not result.ok and result.cause == "restart" and "did not come back within 2 s" in result.error


def test_the_factory_restart_waits_run_on_a_fake_clock(firmware_file):
    """The shipped waits (60 s to go away, 180 s to come back) on a fake clock: the unit that
    never restarts fails after exactly the gone timeout of probing, in no wall-clock time."""
    clock = FakeClock()
    m = start_master()
    m.tftp.on_upload = None  # takes the file, never restarts
    settings = dataclasses.replace(QUICK, gone_timeout=60.0, restart_timeout=180.0, probe_interval=1.0,
                                   verify="modbus")
    started = time.monotonic()
    try:
        result = flash_host(load_firmware(firmware_file), m.target(), settings, hooks(clock=clock))
    finally:
        m.stop()
    assert not result.ok and result.cause == "restart" and "did not restart within 60 s" in result.error
    assert 60.0 <= sum(clock.sleeps) <= 62.0  # probed once a second until the gone timeout
    assert time.monotonic() - started < 30  # not a minute of real waiting


def test_batch_goes_on_after_a_failure(firmware_file):
    refusing = start_master(refuse=True)
    good = start_master()
    try:
        done = []
        results = flash_hosts(load_firmware(firmware_file), [refusing.target(), good.target()], QUICK, hooks(),
                              on_result=done.append)
    finally:
        refusing.stop()
        good.stop()
    assert [r.result for r in results] == ["failed", "ok"] and done == results
    assert results[1].version_after == "3"


def test_cancelled_batch_skips_the_rest(master, firmware_file):
    flag = []
    results = flash_hosts(load_firmware(firmware_file), [master.target(), master.target()], QUICK,
                          hooks(confirm=lambda *a: flag.append(1) or True, should_stop=lambda: bool(flag)))
    assert [r.cause for r in results] == ["cancelled", "cancelled"]
    assert "nothing was sent" in results[0].error and "batch was cancelled" in results[1].error
    assert master.tftp.requests == 0


def test_firmware_file_checks(tmp_path):
    with pytest.raises(FirmwareFileError, match="does not exist"):
        load_firmware(tmp_path / "missing.bin")
    (tmp_path / "empty.bin").write_bytes(b"")
    with pytest.raises(FirmwareFileError, match="empty"):
        load_firmware(tmp_path / "empty.bin")
    with pytest.raises(FirmwareFileError, match="folder"):
        load_firmware(tmp_path)
    fw = load_firmware(_write(tmp_path / "BPS2500-3.bin", b"abc"))
    assert fw.name == "BPS2500-3.bin" and fw.size == 3


def _write(path, data):
    path.write_bytes(data)
    return path


def test_compare_thresholds():
    assert compare_thresholds({"voltage_l1.low": 180.0}, {"voltage_l1.low": 180.0}) == ()
    (change,) = compare_thresholds({"voltage_l1.low": 180.0}, {"voltage_l1.low": 190.0})
    assert (change.setting, change.backup, change.now) == ("voltage_l1.low", 180.0, 190.0)


@pytest.mark.parametrize("name,version", [
    ("BPS2500-3.bin", "3"), ("BPS2000v2-2.0.6-C.bin", "2.0.6-C"), ("firmware.bin", "firmware"),
    ("BPS-2.0.6", "2.0.6"), ("dir/BPS2500-7.img", "7"),
])
def test_version_from_filename(name, version):
    assert version_from_filename(name) == version


def test_settings_are_checked():
    with pytest.raises(ValueError, match="verify"):
        FlashSettings(verify="ftp")
    with pytest.raises(ValueError, match="give_up"):
        FlashSettings(give_up=0)


def _network_job(qtbot, job):
    """Run ``job`` on a network worker (no polled link), as the window does; returns
    (JobResult, [Progress...])."""
    from bps_commissioner.services.worker import LinkWorker

    worker = LinkWorker.network("test")
    progress, finished = [], []
    worker.jobProgress.connect(lambda _id, p: progress.append(p))
    worker.jobFinished.connect(finished.append)
    worker.start()
    try:
        worker.submit(job)
        qtbot.waitUntil(lambda: bool(finished), timeout=20000)
    finally:
        assert worker.stop(5)
    return finished[0], progress


def test_flash_job_reports_events_and_results_as_data(qtbot, master, firmware_file):
    """Each FlashEvent and each host's FlashResult arrive as Progress data (never text)."""
    from bps_commissioner.services.flasher import HOST_DONE, FlashEvent, flash_job

    job, progress = _network_job(qtbot, flash_job(load_firmware(firmware_file), [master.target()],
                                                  dataclasses.replace(QUICK, restore=False), confirmed=True,
                                                  password="admin"))
    (result,) = job.value
    assert result.ok and result.version_after == "3"
    events = [p.get("event") for p in progress if p.step != HOST_DONE]
    assert events and all(isinstance(e, FlashEvent) and e.step == p.step for e, p in
                          zip(events, [p for p in progress if p.step != HOST_DONE]))
    assert any(e.countdown and e.remaining is not None for e in events)
    hosts = [p for p in progress if p.step == HOST_DONE]
    assert [p.get("result") for p in hosts] == [result] and (hosts[0].done, hosts[0].total) == (1, 1)


def test_flash_job_unconfirmed_sends_nothing(qtbot, master, firmware_file):
    from bps_commissioner.services.flasher import flash_job

    job, _progress = _network_job(qtbot, flash_job(load_firmware(firmware_file), [master.target()], QUICK,
                                                   confirmed=False, password="admin"))
    assert job.value[0].cause == "not_confirmed" and master.tftp.requests == 0


def test_target_web_url():
    assert FlashTarget("10.0.0.5").web_url == "http://10.0.0.5/"
    assert FlashTarget("fe80::1").web_url == "http://[fe80::1]/"


def test_flash_job_on_a_link_worker(qtbot, master, firmware_file):
    """The GUI may run a batch as a LinkWorker job: progress as (done, total, text), the
    results as the JobResult's value."""
    from bps_commissioner.services.endpoints import TcpEndpoint
    from bps_commissioner.services.flasher import flash_job
    from bps_commissioner.services.worker import LinkWorker, Priority

    worker = LinkWorker(TcpEndpoint("127.0.0.1", master.tcp.port))
    progress, finished = [], []
    worker.jobProgress.connect(lambda *args: progress.append(args))
    worker.jobFinished.connect(finished.append)
    worker.start()
    try:
        job_id = worker.submit(flash_job(load_firmware(firmware_file), [master.target()],
                                         dataclasses.replace(QUICK, restore=False), confirmed=True, password="admin"),
                               Priority.WRITE)
        qtbot.waitUntil(lambda: bool(finished), timeout=20000)
    finally:
        assert worker.stop(5)
    (job,) = finished
    assert job.job_id == job_id and job.error is None
    (result,) = job.value
    assert result.ok and result.version_after == "3"
    size = firmware_file.stat().st_size
    assert (job_id, size, size) in [(p[0], p[1].done, p[1].total) for p in progress]  # the upload's bytes
