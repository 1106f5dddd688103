"""The log (services/logs.py): a file after every command, the link named, -v, crashes in
threads logged, no secret in it. The window's part: tests/ui/test_log_window.py."""

import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bps_commissioner.cli import main
from bps_commissioner.services import logs
from bps_commissioner.services.secrets import HIDDEN

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("BPS_COMMISSIONER_DATA_DIR", str(folder))
    yield folder
    logs.close_logging()


def test_the_default_log_exists_after_read(capsys, data_dir, tcp_sim):
    code = main(["read", "--tcp", f"127.0.0.1:{tcp_sim.port}", "--unit", "1", "--json"])
    capsys.readouterr()
    assert code == 0
    log = data_dir / "logs" / "bps-commissioner.log"
    text = log.read_text(encoding="utf-8")
    assert f"read --tcp 127.0.0.1:{tcp_sim.port}" in text and "exit code 0" in text
    assert " DEBUG " not in text


def test_the_default_log_exists_after_a_failed_command(capsys, data_dir):
    code = main(["read", "--tcp", "127.0.0.1:1", "--unit", "1"])
    capsys.readouterr()
    assert code == 1
    assert "exit code 1" in (data_dir / "logs" / "bps-commissioner.log").read_text(encoding="utf-8")


def test_log_file_option_as_a_subprocess_names_the_link(tmp_path, tcp_sim):
    target = tmp_path / "support" / "x.log"
    env = {**os.environ, "BPS_COMMISSIONER_DATA_DIR": str(tmp_path / "data")}
    proc = subprocess.run([sys.executable, "-m", "bps_commissioner", "--log-file", str(target), "read", "--tcp",
                           f"127.0.0.1:{tcp_sim.port}", "--unit", "1"], capture_output=True, text=True,
                          env=env, timeout=60, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout.startswith("Unit 1")
    text = target.read_text(encoding="utf-8")
    assert f"127.0.0.1:{tcp_sim.port}" in text and "exit code 0" in text
    assert not (tmp_path / "data" / "logs" / "bps-commissioner.log").exists()  # the log went to X only
    proc = subprocess.run([sys.executable, "-m", "bps_commissioner", "read", "--tcp", f"127.0.0.1:{tcp_sim.port}",
                           "--unit", "1", "--json"], capture_output=True, text=True, env=env, timeout=60, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    default = (tmp_path / "data" / "logs" / "bps-commissioner.log").read_text(encoding="utf-8")
    assert f"read --tcp 127.0.0.1:{tcp_sim.port}" in default and "exit code 0" in default


def test_verbose_gives_debug_lines_and_the_log_on_stderr(capsys, data_dir, tmp_path, tcp_sim):
    target = tmp_path / "v.log"
    code = main(["-v", "--log-file", str(target), "read", "--tcp", f"127.0.0.1:{tcp_sim.port}", "--unit", "1"])
    out, err = capsys.readouterr()
    assert code == 0 and out.startswith("Unit 1")
    text = target.read_text(encoding="utf-8")
    assert " DEBUG " in text and "log file:" in text
    assert "read --tcp" in err


def test_a_subcommand_verbose_is_not_the_log_option():
    from bps_commissioner.cli import build_parser

    assert build_parser().parse_args(["self-test", "--verbose"]).log_verbose is False
    assert build_parser().parse_args(["-v", "self-test"]).log_verbose is True


def test_an_unwritable_log_file_is_a_usage_error(capsys, data_dir, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    code = main(["--log-file", str(blocker / "x.log"), "read", "--tcp", "127.0.0.1:1"])
    _, err = capsys.readouterr()
    assert code == 2 and "--log-file" in err


def test_the_worker_logs_its_link_and_jobs(data_dir, tmp_path, tcp_sim):
    from bps_commissioner.services.endpoints import TcpEndpoint
    from bps_commissioner.services.jobs import wait_job
    from bps_commissioner.services.worker import LinkWorker

    path = logs.setup_logging(logging.INFO, tmp_path / "w.log")
    worker = LinkWorker(TcpEndpoint("127.0.0.1", tcp_sim.port))
    worker.start()
    try:
        assert wait_job(worker, lambda ctx: ctx.link.read_registers(1, 0, 1)).ok
        boom = wait_job(worker, lambda ctx: 1 / 0)
        assert boom.fault.kind.value == "internal"
    finally:
        worker.stop()
    refused = LinkWorker(TcpEndpoint("127.0.0.1", 1, timeout=0.5))
    refused.start()
    try:
        assert not wait_job(refused, lambda ctx: ctx.link).ok
    finally:
        refused.stop()
    text = path.read_text(encoding="utf-8")
    assert "tcp:127.0.0.1:1: link lost: " in text and "ended with a fault (refused)" in text
    key = f"tcp:127.0.0.1:{tcp_sim.port}"
    assert f"{key}: link opened" in text and f"{key}: job 1" in text
    assert "ended with a fault (internal)" in text and "ZeroDivisionError" in text and "Traceback" in text


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_an_exception_in_a_thread_is_logged(data_dir, tmp_path):
    path = logs.setup_logging(logging.INFO, tmp_path / "t.log")

    def crash():
        raise RuntimeError("the thread's bug 4711")

    thread = threading.Thread(target=crash, name="crasher")
    thread.start()
    thread.join()
    text = path.read_text(encoding="utf-8")
    assert "uncaught exception in thread crasher" in text and "RuntimeError: the thread's bug 4711" in text


def test_secrets_in_the_environment_and_options_never_reach_the_log(capsys, data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("BPS_TELNET_PASSWORD", "Tel-Pass-2604")
    target = tmp_path / "s.log"
    main(["--log-file", str(target), "read", "--snmp", "127.0.0.1:1", "--community", "Comm-Secret-88",
          "--timeout", "0.2", "--retries", "0", "--unit", "0"])
    capsys.readouterr()
    logging.getLogger("bps_commissioner.test").info("echoed by a device: password Tel-Pass-2604")
    text = target.read_text(encoding="utf-8")
    assert "Comm-Secret-88" not in text and "Tel-Pass-2604" not in text
    assert f"--community {HIDDEN}" in text and f"password {HIDDEN}" in text
    assert logs.command_line(["x", "--comm=abc-secret"]) == f"x --comm={HIDDEN}"


def test_each_write_is_logged(capsys, data_dir, tmp_path, tcp_sim):
    target = tmp_path / "writes.log"
    code = main(["--log-file", str(target), "thresholds", "set", "--yes", "--tcp", f"127.0.0.1:{tcp_sim.port}",
                 "--audit-log", str(tmp_path / "audit.jsonl"), "--unit", "1", "current_l1.high=25"])
    _, err = capsys.readouterr()
    assert code == 0, err
    lines = [line for line in target.read_text(encoding="utf-8").splitlines() if " write " in line]
    assert any("current_l1" in line and "unit 1" in line for line in lines), lines
    assert any(line.endswith(": applied") or "applied" in line for line in lines), lines


def test_the_self_test_writes_no_default_log(data_dir):
    from bps_commissioner.cli import NO_DEFAULT_LOG

    assert "self-test" in NO_DEFAULT_LOG  # tests/installer/test_selftest.py: nothing of the user's is written
