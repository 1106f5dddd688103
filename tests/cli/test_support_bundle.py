"""``support-bundle`` (services/support.py): the zip holds the logs, the audit log, the
versions, the self-test, the settings and a README, and no secret from the environment, the
keyring, the settings or a log line that echoed one."""

import logging
import zipfile

import keyring
import pytest
from PySide6.QtCore import QSettings

from bps_commissioner.cli import main
from bps_commissioner.services import logs, support
from bps_commissioner.services.secrets import HIDDEN
from bps_commissioner.ui.settings import settings
from tests.ethernet.conftest import MemoryKeyring

ENV = {"BPS_TELNET_PASSWORD": "Tel-Pass-2604", "BPS_SNMP_AUTH_KEY": "auth-Key-7731",
       "BPS_SNMP_PRIV_KEY": "priv-Key-9154", "BPS_SNMP_COMMUNITY": "comm-Env-4410"}
KEYRING = {"telnet:opsuser@10.20.30.40": "Kr-Telnet-5521", "snmp-community:@10.20.30.40": "kr-Comm-8890",
           "snmp-auth:bkt@pdu-a.example.net": "kr-Auth-3317"}
SETTINGS_SECRET = "set-Community-6602"
SECRETS = (*ENV.values(), *KEYRING.values(), SETTINGS_SECRET)


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A data folder, settings, the environment and a keyring, each holding secrets."""
    data = tmp_path / "data"
    monkeypatch.setenv("BPS_COMMISSIONER_DATA_DIR", str(data))
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    for account, value in KEYRING.items():
        memory.set_password("bps-commissioner", account, value)
    keyring.set_keyring(memory)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    s = settings()
    s.setValue("window/language", "pl")
    s.setValue("recent/connections", ["snmp:10.20.30.40:161 user opsuser", "snmp:pdu-a.example.net:161"])
    s.setValue("snmp/community", SETTINGS_SECRET)
    s.sync()
    # the log: a device echoed the password, and a keyring secret went by (the log cannot know it)
    logs.setup_logging(logging.INFO)
    logging.getLogger("bps_commissioner.test").info("device echoed: password %s", ENV["BPS_TELNET_PASSWORD"])
    logs.close_logging()
    with open(logs.log_dir() / "bps-commissioner.log.1", "w", encoding="utf-8") as f:
        f.write(f"older: community {KEYRING['snmp-community:@10.20.30.40']} key {ENV['BPS_SNMP_PRIV_KEY']} "
                f"auth {KEYRING['snmp-auth:bkt@pdu-a.example.net']}\n")
    (data / "audit.jsonl").write_text(f'{{"event": "intent", "reason": "{KEYRING["telnet:opsuser@10.20.30.40"]}"}}\n',
                                      encoding="utf-8")
    yield data
    logs.close_logging()
    keyring.set_keyring(previous)


def read_zip(path):
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_the_bundle_holds_everything_and_no_secret(site, tmp_path, capsys):
    out = tmp_path / "out" / "support.zip"
    assert main(["support-bundle", "--out", str(out)]) == 0
    capsys.readouterr()
    files = read_zip(out)
    assert {"README.txt", "versions.txt", "self-test.txt", "settings.txt", "logs/bps-commissioner.log",
            "logs/bps-commissioner.log.1", "audit/audit.jsonl"} <= set(files)
    for name, data in files.items():
        for secret in SECRETS:
            assert secret.encode() not in data, f"{secret} in {name}"
    text = {name: data.decode("utf-8") for name, data in files.items()}
    for component in ("OS:", "Python:", "Qt:", "PySide6:", "pyqtgraph:", "pymodbus:", "pysnmp:", "pyserial:",
                      "BPS Commissioner:"):
        assert component in text["versions.txt"]
    assert "ok      dependencies" in text["self-test.txt"] and "ok      simulator" in text["self-test.txt"]
    assert "window/language = pl" in text["settings.txt"]
    assert f"snmp/community = {support.REMOVED}" in text["settings.txt"]
    assert f"device echoed: password {HIDDEN}" in text["logs/bps-commissioner.log"]
    assert HIDDEN in text["logs/bps-commissioner.log.1"] and HIDDEN in text["audit/audit.jsonl"]
    for name in files:
        if name != "README.txt":
            assert name in text["README.txt"]


def test_without_the_self_test_a_note_says_how_to_run_it(site, tmp_path, capsys):
    out = tmp_path / "b.zip"
    assert main(["support-bundle", "--out", str(out), "--no-self-test"]) == 0
    capsys.readouterr()
    assert read_zip(out)["self-test.txt"].decode() == support.NOT_RUN


def test_an_unwritable_target_fails_with_1_and_leaves_nothing(site, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["support-bundle", "--out", str(blocker / "b.zip"), "--no-self-test"]) == 1
    assert "cannot write the support bundle" in capsys.readouterr().err
