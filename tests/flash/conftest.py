"""A simulated master for the flashing tests: Modbus TCP, Telnet and TFTP on loopback, one
restart coordinator, short restart times; the data folder and the Telnet password are
redirected for every test."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from bps_commissioner.services.flasher import FlashSettings, FlashTarget
from bps_commissioner.simulator import SimulatedChain, TcpSimulator, build_chain
from bps_commissioner.simulator.restart import RestartCoordinator
from bps_commissioner.simulator.telnet import TelnetSimulator
from bps_commissioner.simulator.tftp import TftpSimulator

REBOOT_S = 0.5


@pytest.fixture(autouse=True)
def _data_dir(tmp_path, monkeypatch):
    """Backups and the audit log go to tmp_path; the Telnet password is the factory one."""
    monkeypatch.setenv("BPS_COMMISSIONER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BPS_TELNET_PASSWORD", "admin")
    return tmp_path / "data"


@dataclass
class Master:
    chain: SimulatedChain
    tcp: TcpSimulator
    telnet: TelnetSimulator
    tftp: TftpSimulator
    coordinator: RestartCoordinator
    host: str = "127.0.0.1"

    @property
    def unit(self):
        return self.chain.units[0]

    def target(self, **kw) -> FlashTarget:
        return FlashTarget(self.host, self.tftp.port, self.telnet.port, self.tcp.port, **kw)

    def stop(self) -> None:
        self.coordinator.stop()
        for s in (self.tftp, self.telnet, self.tcp):
            s.stop()


def start_master(host: str = "127.0.0.1", *, reboot_s: float = REBOOT_S, ports: tuple[int, int, int] = (0, 0, 0),
                 **tftp_kw) -> Master:
    chain = build_chain([1, 2], seed=7)
    tcp = TcpSimulator(chain, host, ports[0]).start()
    telnet = TelnetSimulator(list(chain), host, ports[1], idle_timeout=10).start()
    coordinator = RestartCoordinator(chain.units[0], reboot_s)
    tftp_kw.setdefault("dally", 0.2)
    tftp = TftpSimulator(host, ports[2], on_upload=coordinator.firmware_uploaded, **tftp_kw).start()
    for s in (tcp, telnet, tftp):
        coordinator.add(s)
    return Master(chain, tcp, telnet, tftp, coordinator, host)


@pytest.fixture
def master():
    m = start_master()
    yield m
    m.stop()


@pytest.fixture
def firmware_file(tmp_path):
    """A 40 KiB firmware file whose name carries version 3."""
    path = tmp_path / "BPS2500-3.bin"
    path.write_bytes(os.urandom(40 * 1024 + 123))
    return path


#: Quick settings for the simulator: short give-up, short probes and timeouts.
QUICK = FlashSettings(verify="telnet", give_up=2.0, restart_timeout=15.0, gone_timeout=5.0, probe_interval=0.1,
                      probe_timeout=1.0, telnet_timeout=3.0)
