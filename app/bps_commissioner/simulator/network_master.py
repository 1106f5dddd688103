"""One simulated networked MASTER on one host: Telnet CLI, Modbus TCP and optionally SNMP,
restarting together.

Usage::

    with SimulatedNetworkMaster("127.0.0.163", reboot_s=0.3, snmp=True) as m:
        m.host, m.telnet_port, m.modbus_port, m.snmp_port     # where it answers now
        m.settings.address                                    # menu 4's stored address
        ...  # log in over Telnet, menu 4 -> 1 -> "address:127.0.0.21", menu 10 -> 1
        m.wait_up(5)                                          # the restart is over
        m.host                                                # "127.0.0.21"
        m.restarts, m.failures                                # restarts done, services that stayed down

Every service asked for port 0 gets a free port, and keeps that port number when a restart
moves it to the address set in menu 4. :attr:`settings` is the Telnet CLI's state
(:class:`~bps_commissioner.simulator.telnet.TelnetState`): account, password, clock, network,
snmp, http, smtp, warnings. The master's unit is :attr:`unit`; the Modbus TCP chain is
:attr:`chain` (the master is its first unit), the SNMP/Telnet chain adds ``slaves`` slaves.
"""

from __future__ import annotations

from typing import Any, Sequence

from bps_commissioner.simulator.model import SimulatedUnit, build_chain
from bps_commissioner.simulator.restart import RestartCoordinator
from bps_commissioner.simulator.tcp import TcpSimulator
from bps_commissioner.simulator.telnet import TelnetSimulator


class SimulatedNetworkMaster:
    """A master on ``host``: Telnet CLI on ``telnet_port``, Modbus TCP on ``modbus_port`` and,
    with ``snmp``, an SNMP agent on ``snmp_port`` (community ``community``); all restart
    through one :class:`RestartCoordinator` whose restarts take ``reboot_s`` seconds.
    ``units``: the Modbus addresses of the chain behind Modbus TCP (the first is the
    master); ``account``/``password``: the factory Telnet login; ``clock_offset_s``: how far
    the unit's clock is from the laptop's; ``address``/``mask``/``gateway``/``dns``: factory
    network settings other than ``host``/24. Starts at once unless ``start=False``."""

    def __init__(self, host: str = "127.0.0.163", *, telnet_port: int = 0, modbus_port: int = 0,
                 snmp: bool = False, snmp_port: int = 0, community: str = "public", reboot_s: float = 0.5,
                 units: Sequence[int] = (1, 2), slaves: int = 2, seed: int | None = None,
                 account: str = "admin", password: str = "admin", idle_timeout: float = 30.0,
                 clock_offset_s: float = 0.0, address: str | None = None, mask: str | None = None,
                 gateway: str | None = None, dns: str | None = None, start: bool = True) -> None:
        from bps_commissioner.simulator.snmp import build_snmp_chain

        self.chain = build_chain(list(units), seed=seed)
        self.units: list[SimulatedUnit] = build_snmp_chain(slaves, seed=seed, master=self.chain.units[0])
        self.coordinator = RestartCoordinator(self.unit, reboot_s)
        self._snmp_wanted = snmp
        self.snmp: Any = None
        if snmp:
            from bps_commissioner.simulator.snmp import SnmpSimulator

            self.snmp = SnmpSimulator(self.units, host, snmp_port, community=community)
        self.tcp = TcpSimulator(self.chain, host, modbus_port)
        self.telnet = TelnetSimulator(self.units, host, telnet_port, account=account, password=password,
                                      idle_timeout=idle_timeout, snmp=self.snmp, address=address, mask=mask,
                                      gateway=gateway, dns=dns, clock_offset_s=clock_offset_s)
        self._started: list[Any] = []
        if start:
            self.start()

    @property
    def unit(self) -> SimulatedUnit:
        return self.chain.units[0]

    def start(self) -> SimulatedNetworkMaster:
        """Start every service (an OSError stops the ones started and is raised)."""
        if self._started:
            return self
        try:
            for service in (self.tcp, self.snmp, self.telnet):
                if service is not None:
                    service.start()
                    self._started.append(service)
                    self.coordinator.add(service)
        except BaseException:
            self.stop()
            raise
        return self

    @property
    def host(self) -> str:
        """The address the master answers at now (it changes when a restart re-addresses it)."""
        return self.coordinator.bound_host or self.telnet.host

    @property
    def telnet_port(self) -> int:
        return self.telnet.port

    @property
    def modbus_port(self) -> int:
        return self.tcp.port

    @property
    def snmp_port(self) -> int | None:
        return self.snmp.port if self.snmp is not None else None

    @property
    def settings(self) -> Any:
        return self.telnet.state

    @property
    def restarts(self) -> int:
        return self.coordinator.restarts

    @property
    def failures(self) -> list[tuple[str, str, int, str]]:
        return self.coordinator.failures

    @property
    def rebooting(self) -> bool:
        return self.coordinator.rebooting

    def restart(self, factory: bool = False) -> bool:
        """Restart as menu 10 does (``factory``: every setting back to factory first)."""
        if factory:
            self.telnet.state.restore_factory()
        return self.coordinator.restart(factory=factory)

    def wait_up(self, timeout: float | None = None) -> bool:
        """Block until no restart is under way; False on timeout."""
        return self.coordinator.wait_up(timeout)

    def stop(self) -> None:
        self.coordinator.stop()
        for service in reversed(self._started):
            try:
                service.stop()
            except OSError:
                pass
        self._started = []

    def __enter__(self) -> SimulatedNetworkMaster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


__all__ = ["SimulatedNetworkMaster"]
