"""Where secrets come from, and that they never show themselves; the security findings."""

import pickle

import pytest

from bps_commissioner.services import secrets
from bps_commissioner.services.security import snmp_findings, sort_findings, telnet_findings
from tests.ethernet.conftest import TELNET_PASSWORD


def test_environment_first(monkeypatch):
    monkeypatch.setenv("BPS_TELNET_PASSWORD", TELNET_PASSWORD)
    secrets.save(secrets.TELNET_PASSWORD, "bkt", "10.0.0.5", secrets.Secret("from-keyring", "prompt"))
    secret = secrets.lookup(secrets.TELNET_PASSWORD, user="bkt", host="10.0.0.5", interactive=False)
    assert secret.reveal() == TELNET_PASSWORD and secret.source == "environment"


def test_then_the_keyring_per_user_and_host(isolated_secrets):
    secrets.save(secrets.TELNET_PASSWORD, "bkt", "10.0.0.5", secrets.Secret(TELNET_PASSWORD, "prompt"))
    assert isolated_secrets.store == {("bps-commissioner", "telnet:bkt@10.0.0.5"): TELNET_PASSWORD}
    found = secrets.lookup(secrets.TELNET_PASSWORD, user="bkt", host="10.0.0.5", interactive=False)
    assert found.reveal() == TELNET_PASSWORD and found.source == "keyring"
    with pytest.raises(secrets.SecretUnavailable):
        secrets.lookup(secrets.TELNET_PASSWORD, user="bkt", host="10.0.0.6", interactive=False)
    assert secrets.forget(secrets.TELNET_PASSWORD, "bkt", "10.0.0.5")
    assert not secrets.forget(secrets.TELNET_PASSWORD, "bkt", "10.0.0.5")


def test_then_a_hidden_prompt_at_a_terminal():
    asked = []

    def prompt(text):
        asked.append(text)
        return TELNET_PASSWORD

    secret = secrets.lookup(secrets.SNMP_PRIV_KEY, user="bkt", host="h", interactive=True, prompt=prompt)
    assert secret.source == "prompt" and secret.reveal() == TELNET_PASSWORD
    assert asked == ["SNMPv3 privacy key for bkt@h: "]
    with pytest.raises(secrets.SecretUnavailable, match="no SNMPv3 privacy key was entered"):
        secrets.lookup(secrets.SNMP_PRIV_KEY, user="bkt", host="h", interactive=True, prompt=lambda t: "")


def test_without_any_source_the_message_says_what_to_do():
    with pytest.raises(secrets.SecretUnavailable) as exc:
        secrets.lookup(secrets.SNMP_AUTH_KEY, user="bkt", host="h", interactive=False)
    text = str(exc.value)
    assert "BPS_SNMP_AUTH_KEY" in text and "keyring" in text and "terminal" in text


def test_a_broken_keyring_is_not_a_source_and_saving_says_why(monkeypatch):
    import keyring

    class Broken(keyring.backend.KeyringBackend):
        priority = 1

        def get_password(self, service, username):
            raise keyring.errors.KeyringLocked("locked")

        def set_password(self, service, username, password):
            raise keyring.errors.PasswordSetError("no")

        def delete_password(self, service, username):
            raise keyring.errors.PasswordDeleteError("no")

    keyring.set_keyring(Broken())
    with pytest.raises(secrets.SecretUnavailable):
        secrets.lookup(secrets.TELNET_PASSWORD, user="bkt", host="h", interactive=False)
    problem = secrets.save(secrets.TELNET_PASSWORD, "bkt", "h", secrets.Secret(TELNET_PASSWORD, "prompt"))
    assert problem == "the system keyring is not available (PasswordSetError)"


def test_a_secret_does_not_show_itself():
    secret = secrets.Secret(TELNET_PASSWORD, "environment")
    for text in (repr(secret), str(secret), f"{secret}", f"{secret!r:>40}", "%s" % secret, str([secret]),
                 str({"password": secret})):
        assert TELNET_PASSWORD not in text and "********" in text
    with pytest.raises(TypeError):
        pickle.dumps(secret)
    assert secrets.scrub(f"echo {TELNET_PASSWORD}!", secret) == "echo ********!"
    assert secrets.scrub("nothing", None, "") == "nothing"


def test_security_findings():
    assert [f.code for f in snmp_findings("2c", community="public")] == ["snmp-factory-community", "snmp-cleartext"]
    assert [f.code for f in snmp_findings("1", community="my-own")] == ["snmp-cleartext"]
    assert snmp_findings("3", auth_protocol="SHA-256", priv_protocol="AES") == []
    assert [f.code for f in snmp_findings("3", auth_protocol="MD5", priv_protocol="none")] == [
        "snmpv3-no-privacy", "snmpv3-weak-algorithms"]
    assert [f.code for f in snmp_findings("3")] == ["snmpv3-no-auth"]
    telnet = telnet_findings("admin", True)
    assert [(f.severity, f.code) for f in telnet] == [("high", "telnet-factory-credentials"),
                                                      ("medium", "telnet-cleartext")]
    assert [f.severity for f in sort_findings(snmp_findings("3", auth_protocol="MD5", priv_protocol="none")
                                              + telnet)] == ["high", "medium", "medium", "low"]
    assert set(telnet[0].to_dict()) == {"severity", "code", "message", "advice"}
    assert all("public" not in f.message for f in snmp_findings("2c", community="public"))
