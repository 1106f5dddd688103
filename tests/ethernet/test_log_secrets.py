"""No secret reaches the log: SNMPv3 keys and the Telnet password from the environment or
the keyring, a community typed on the command line, a device that echoes a password."""

import logging

import pytest

from bps_commissioner.cli import main
from bps_commissioner.services import logs, secrets
from tests.ethernet.conftest import AUTH_KEY, PRIV_KEY, SECRETS, TELNET_PASSWORD

COMMUNITY = "Comm-Secret-5150"


@pytest.fixture
def log_file(tmp_path):
    yield tmp_path / "support.log"
    logs.close_logging()


def test_commands_that_used_secrets_leave_none_in_the_log(capsys, monkeypatch, log_file, snmp_sim, telnet_sim,
                                                          isolated_secrets):
    monkeypatch.setenv("BPS_SNMP_AUTH_KEY", AUTH_KEY)
    monkeypatch.setenv("BPS_SNMP_PRIV_KEY", PRIV_KEY)
    monkeypatch.setenv("BPS_TELNET_PASSWORD", TELNET_PASSWORD)
    log = ["--log-file", str(log_file)]
    assert main([*log, "read", "--snmp", f"127.0.0.1:{snmp_sim.port}", "--snmp-version", "3", "--v3-user", "bkt",
                 "--unit", "0", "--json"]) == 0
    assert main([*log, "telnet", "info", "--host", f"127.0.0.1:{telnet_sim.port}", "--user", "bkt", "--json"]) == 0
    main([*log, "read", "--snmp", f"127.0.0.1:{snmp_sim.port}", "--community", COMMUNITY, "--unit", "0"])
    monkeypatch.setenv("BPS_TELNET_PASSWORD", "wrong-" + TELNET_PASSWORD)
    assert main([*log, "telnet", "info", "--host", f"127.0.0.1:{telnet_sim.port}", "--user", "bkt"]) == 1
    capsys.readouterr()
    # a password echoed by a device into an error or a traceback is replaced as well
    logging.getLogger("bps_commissioner.test").error("the unit echoed %s", TELNET_PASSWORD)
    text = log_file.read_text(encoding="utf-8")
    assert "telnet info" in text and f"127.0.0.1:{snmp_sim.port}" in text
    for secret in (*SECRETS, COMMUNITY, "wrong-"):
        assert secret not in text, secret
    assert f"the unit echoed {secrets.HIDDEN}" in text


def test_a_key_from_the_keyring_is_scrubbed_too(capsys, monkeypatch, log_file, snmp_sim, isolated_secrets):
    for kind, value in ((secrets.SNMP_AUTH_KEY, AUTH_KEY), (secrets.SNMP_PRIV_KEY, PRIV_KEY)):
        isolated_secrets.set_password(secrets.KEYRING_SERVICE, secrets.keyring_account(kind, "bkt", "127.0.0.1"),
                                      value)
    assert main(["--log-file", str(log_file), "read", "--snmp", f"127.0.0.1:{snmp_sim.port}", "--snmp-version",
                 "3", "--v3-user", "bkt", "--unit", "0"]) == 0
    capsys.readouterr()
    logging.getLogger("bps_commissioner.test").warning("keys: %s %s", AUTH_KEY, PRIV_KEY)
    text = log_file.read_text(encoding="utf-8")
    assert AUTH_KEY not in text and PRIV_KEY not in text and "keys:" in text
