"""Fixtures for the Ethernet tests: the simulated master's SNMP agent and Telnet CLI on real
sockets, secrets in the environment, and an in-memory keyring instead of the system's."""

import keyring
import keyring.backend
import keyring.errors
import pytest

from bps_commissioner.simulator.snmp import SnmpSimulator, V3User, build_snmp_chain
from bps_commissioner.simulator.telnet import TelnetSimulator

#: Test secrets. Every test that prints something checks that none of these appears.
AUTH_KEY = "auth-Key-7731"
PRIV_KEY = "priv-Key-9154"
TELNET_PASSWORD = "Tel-Pass-2604"
SECRETS = (AUTH_KEY, PRIV_KEY, TELNET_PASSWORD)

SECRET_ENV = ("BPS_SNMP_AUTH_KEY", "BPS_SNMP_PRIV_KEY", "BPS_TELNET_PASSWORD")


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        if self.store.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


@pytest.fixture(autouse=True)
def isolated_secrets(monkeypatch):
    """No secret from the developer's environment or keyring leaks into a test."""
    for name in SECRET_ENV:
        monkeypatch.delenv(name, raising=False)
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)


def assert_no_secret(*texts):
    for text in texts:
        for secret in SECRETS:
            assert secret not in text, f"a secret appears in: {text[:300]!r}"


@pytest.fixture
def snmp_units():
    """A master (three-phase, T/H probe) and two slaves (one with a SensorBox, one 32 A without probes)."""
    return build_snmp_chain(2, seed=5)


@pytest.fixture(scope="module")
def _agent():
    """One agent per test module (starting one takes a tenth of a second); each test gets
    fresh units in it through :func:`snmp_sim`."""
    users = [V3User("bkt", "SHA", AUTH_KEY, "AES", PRIV_KEY),
             V3User("legacy", "MD5", AUTH_KEY, "DES", PRIV_KEY),
             V3User("strong", "SHA-512", AUTH_KEY, "AES-256", PRIV_KEY),
             V3User("authonly", "SHA-256", AUTH_KEY, "none", None)]
    sim = SnmpSimulator(build_snmp_chain(2, seed=5), "127.0.0.1", 0, v3_users=users, contexts=["bps"]).start()
    yield sim
    sim.stop()


@pytest.fixture
def snmp_sim(_agent, snmp_units):
    _agent.units = tuple(snmp_units)
    _agent.value_form = "integer"
    _agent.resume()
    _agent.requests = 0
    return _agent


@pytest.fixture
def telnet_sim(snmp_units):
    sim = TelnetSimulator(snmp_units, "127.0.0.1", 0, account="bkt", password=TELNET_PASSWORD).start()
    yield sim
    sim.stop()


@pytest.fixture
def factory_telnet_sim(snmp_units):
    sim = TelnetSimulator(snmp_units, "127.0.0.1", 0).start()  # admin/admin
    yield sim
    sim.stop()
