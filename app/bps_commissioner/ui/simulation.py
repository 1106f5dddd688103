"""The built-in simulated chain, served in-process for ``gui --simulate`` (and the File menu).

On POSIX the chain answers Modbus RTU on a pseudo-terminal in a temporary folder, with the
wire timing of its bus settings, and the GUI connects a serial link to it exactly as to a
USB-RS485 adapter. Windows has no pseudo-terminals: there the chain answers Modbus TCP on
127.0.0.1 and the GUI connects a TCP link. The rest of the GUI does not know the difference.

The demonstration chain: six units at 19200 8N1 (faster than the factory 9600, so that six
units and the unit on screen fit in one-second sweeps), three- and single-phase, some with
probes (see simulator.unit_kind), unit 3 in alarm (its voltage L1 high limit set at 225 V).

Beside it, :class:`SimulatedMaster` serves a networked MASTER with two slaves chained behind
it: its SNMP agent (v2c, community "public") and its Telnet CLI (the factory account
admin/admin, so that the window shows the security findings a real unit left at its factory
settings would get), both on 127.0.0.1 at free ports. The community and the Telnet password
are handed to the window in-process (services/credentials.py), never printed or stored.
Telnet menu 10 restarts it: both go silent for ``reboot_s`` seconds, then come back on
127.0.0.1 (an address set in menu 4 is stored, and shown, but the window keeps reaching it).
"""

from __future__ import annotations

import ipaddress

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, Sequence

from bps_commissioner.device.bus import BusSettings
from bps_commissioner.device.oids import CHAIN_ADDRESSES
from bps_commissioner.services import credentials
from bps_commissioner.services.endpoints import Endpoint, SerialEndpoint, SnmpEndpoint, TcpEndpoint
from bps_commissioner.services.secrets import TELNET_PASSWORD
from bps_commissioner.services.telnet_jobs import TelnetTarget
from bps_commissioner.simulator import TcpSimulator, build_chain

DEMO_UNITS = (1, 2, 3, 4, 5, 6)
DEMO_ALARM = (3,)
DEMO_BUS = BusSettings(19200, "N", 1)


class SimulatedLink:
    """A simulated chain and the endpoint to reach it. ``transport``: "auto" (RTU on a pty
    where there are pseudo-terminals, else TCP), "rtu" or "tcp"."""

    def __init__(self, units: Sequence[int] = DEMO_UNITS, alarm: Sequence[int] = DEMO_ALARM, *,
                 transport: str = "auto", bus: BusSettings = DEMO_BUS, seed: int | None = None,
                 turnaround: float = 0.005):
        if transport not in ("auto", "rtu", "tcp"):
            raise ValueError(f"transport {transport!r} is not auto, rtu or tcp")
        self.units = tuple(units)
        self.alarm = tuple(alarm)
        self._auto = transport == "auto"
        self.transport = ("tcp" if sys.platform == "win32" else "rtu") if transport == "auto" else transport
        self.bus = bus
        self.seed = seed
        self.turnaround = turnaround
        self.chain = build_chain(self.units, seed=seed, alarm=self.alarm)
        self.endpoint: Endpoint | None = None
        self._server: Any = None
        self._folder: str | None = None

    @property
    def running(self) -> bool:
        return self._server is not None

    def start(self) -> "SimulatedLink":
        """Start serving; raises OSError when it cannot. With transport "auto", a system
        without pseudo-terminals gets the TCP simulator instead."""
        if self._server is not None:
            return self
        if self.transport == "rtu":
            try:
                self._start_rtu()
                return self
            except (OSError, ImportError):
                if not self._auto:
                    raise
                self.transport = "tcp"  # no pseudo-terminal here: the same chain over loopback TCP
        self._server = TcpSimulator(self.chain, "127.0.0.1", 0).start()
        self.endpoint = TcpEndpoint("127.0.0.1", self._server.port, timeout=1.0)
        return self

    def _start_rtu(self) -> None:
        from bps_commissioner.simulator import RtuSimulator

        self._folder = tempfile.mkdtemp(prefix="bps-sim-")
        path = str(Path(self._folder) / "ttyBPS")
        try:
            self._server = RtuSimulator(self.chain, path, self.bus, turnaround=self.turnaround).start()
        except BaseException:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
            raise
        self.endpoint = SerialEndpoint(path, self.bus)

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None


DEMO_SLAVES = 2
DEMO_COMMUNITY = "public"  # the factory community, as a new unit has it
DEMO_TELNET_USER = "admin"  # the factory account admin/admin


def _servable_here(address: str) -> bool:
    """Whether the built-in master can move to ``address``: a loopback address."""
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


class SimulatedMaster:
    """A simulated networked MASTER with ``slaves`` slaves behind it: an SNMP agent (v2c) and
    the Telnet CLI, on 127.0.0.1 at free ports. :attr:`endpoint` is its SNMP link and
    :attr:`telnet` the Telnet account; their secrets are given to the window in-process."""

    def __init__(self, slaves: int = DEMO_SLAVES, *, seed: int | None = None, community: str = DEMO_COMMUNITY,
                 telnet_user: str = DEMO_TELNET_USER, telnet_password: str = "admin",
                 session: credentials.SessionSecrets | None = None, reboot_s: float = 3.0):
        from bps_commissioner.simulator.snmp import build_snmp_chain

        self.chain = build_snmp_chain(slaves, seed=seed)
        self.units = tuple(CHAIN_ADDRESSES)  # polled: the master and slaves 1..5 (absent ones are not listed)
        self._community = community
        self._telnet_user = telnet_user
        self._telnet_password = telnet_password
        self._session = session
        self.endpoint: SnmpEndpoint | None = None
        self.telnet: TelnetTarget | None = None
        self.snmp: Any = None
        self.telnet_server: Any = None
        self.coordinator: Any = None
        self._reboot_s = reboot_s

    @property
    def running(self) -> bool:
        return self.snmp is not None

    def start(self) -> "SimulatedMaster":
        """Start the agent and the Telnet CLI; raises OSError when one cannot start."""
        if self.snmp is not None:
            return self
        from bps_commissioner.simulator.restart import RestartCoordinator
        from bps_commissioner.simulator.snmp import SnmpSimulator
        from bps_commissioner.simulator.telnet import TelnetSimulator

        snmp = SnmpSimulator(self.chain, "127.0.0.1", 0, community=self._community).start()
        try:
            self.telnet_server = TelnetSimulator(self.chain, "127.0.0.1", 0, account=self._telnet_user,
                                                 password=self._telnet_password, snmp=snmp).start()
        except BaseException:
            snmp.stop()
            raise
        self.snmp = snmp
        self.coordinator = RestartCoordinator(self.chain[0], self._reboot_s)
        self.coordinator.add(snmp)
        self.coordinator.add(self.telnet_server)
        # a restart moves the master to an address set in its Telnet menu 4 when this computer
        # can serve it (127.x.x.x: all of 127.0.0.0/8 is loopback), else it stays where it is
        self.coordinator.readdress = _servable_here
        self.endpoint = SnmpEndpoint("127.0.0.1", snmp.port, "2c", timeout=1.0)
        self.telnet = TelnetTarget("127.0.0.1", self.telnet_server.port, self._telnet_user, timeout=3.0)
        credentials.remember(credentials.SNMP_COMMUNITY, "", "127.0.0.1", self._community, session=self._session)
        credentials.remember(TELNET_PASSWORD, self._telnet_user, "127.0.0.1", self._telnet_password,
                             session=self._session)
        return self

    def stop(self) -> None:
        if self.coordinator is not None:
            self.coordinator.stop()
            self.coordinator = None
        if self.telnet_server is not None:
            self.telnet_server.stop()
            self.telnet_server = None
        if self.snmp is not None:
            self.snmp.stop()
            self.snmp = None
