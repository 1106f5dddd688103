"""Fixtures for the commissioning tests: a chain on a simulated RS485 bus at 19200 baud,
plans written next to their profiles, and secrets kept out of the developer's keyring."""

import json
import shutil

import keyring
import keyring.backend
import pytest

from bps_commissioner.device.bus import BusSettings
from bps_commissioner.simulator import build_chain

BUS = BusSettings(19200, "N", 1)
#: The simulated chain: unit 1 three-phase with the T/H probe (16 A), 2 the T/H probe and a
#: SensorBox, 3 three-phase without probes (32 A) in a voltage alarm, 4 single-phase with a
#: SensorBox, 6 three-phase with the T/H probe (32 A).
ADDRESSES = [1, 2, 3, 4, 6]

RACK_PROFILE = {"name": "Rack A", "thresholds": {
    "voltage_l1": {"low": 200, "high": 253}, "voltage_l2": {"low": 200, "high": 253},
    "voltage_l3": {"low": 200, "high": 253}, "current_l1": {"high": 14.5}}}


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self):
        super().__init__()
        self.store = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def isolated_secrets(monkeypatch):
    for name in ("BPS_SNMP_AUTH_KEY", "BPS_SNMP_PRIV_KEY", "BPS_TELNET_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def bus_chain():
    return build_chain(ADDRESSES, seed=21, alarm=[3])


@pytest.fixture
def bus(bus_chain, rtu_factory):
    """The chain served on a pseudo-terminal at 19200 8N1 (POSIX)."""
    return rtu_factory(bus_chain, BUS, turnaround=0.003)


@pytest.fixture
def write_plan(tmp_path):
    """write_plan(doc) -> path of a plan file (with rack-a.json beside it)."""
    (tmp_path / "rack-a.json").write_text(json.dumps(RACK_PROFILE), encoding="utf-8")

    def write(doc, name="plan.json"):
        path = tmp_path / name
        path.write_text(doc if isinstance(doc, str) else json.dumps(doc, indent=1, ensure_ascii=False),
                        encoding="utf-8")
        return path

    return write


def serial_link(sim, **extra):
    return {"serial": sim.link, "baud": BUS.baud, "parity": BUS.parity, "stopbits": BUS.stopbits,
            "timeout": 0.3, **extra}


def rack_plan(sim):
    """The plan the issue's test describes, against :data:`ADDRESSES`: unit 5 planned but
    missing, unit 6 found but not planned, unit 4 planned three-phase (it is single-phase),
    unit 3 in a voltage alarm, unit 1 with a profile its thresholds do not match."""
    return {
        "site": "DC Warsaw 2 / room B / rack A12", "customer": "Łódź Data Sp. z o.o.", "engineer": "Paweł Żółć",
        "links": [serial_link(sim)],
        "units": [
            {"address": 1, "name": "PDU-A12-L", "phases": 3, "rating": 16, "probes": ["temperature", "humidity"],
             "profile": "rack-a.json", "notes": "Left rear, fed from UPS A."},
            {"address": 2, "name": "PDU-A12-R", "phases": 3, "rating": 16,
             "probes": ["temperature", "temperature_1", "temperature_2", "humidity", "humidity_1", "humidity_2",
                        "door_1", "door_2", "smoke", "water"]},
            {"address": 3, "name": "PDU-A12-C", "phases": 3, "rating": 32, "probes": []},
            {"address": 4, "name": "PDU-A12-S", "phases": 3, "rating": 16},
            {"address": 5, "name": "PDU-A12-X", "phases": 3},
        ],
    }


def pdftotext():
    return shutil.which("pdftotext")
