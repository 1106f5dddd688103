"""Where a link goes: immutable descriptions that a worker turns into an open link."""

from __future__ import annotations

from dataclasses import dataclass

from bps_commissioner.device.bus import BusSettings
from bps_commissioner.transport.modbus import MAX_READ_COUNT, FrameObserver, ModbusLink
from bps_commissioner.transport.rtu import DEFAULT_REPLY_TIMEOUT, RtuLink
from bps_commissioner.transport.tcp import DEFAULT_PORT, DEFAULT_TIMEOUT, TcpLink


def _opened(link: ModbusLink) -> ModbusLink:
    link.open()
    return link


@dataclass(frozen=True)
class SerialEndpoint:
    port: str
    settings: BusSettings = BusSettings()
    timeout: float = DEFAULT_REPLY_TIMEOUT
    block_size: int = MAX_READ_COUNT

    @property
    def key(self) -> str:
        return f"serial:{self.port}"

    def describe(self) -> str:
        return f"{self.port} ({self.settings})"

    def create_link(self, observer: FrameObserver | None = None) -> ModbusLink:
        return RtuLink(self.port, self.settings, timeout=self.timeout, block_size=self.block_size,
                       observer=observer)

    def open_link(self, observer: FrameObserver | None = None) -> ModbusLink:
        return _opened(self.create_link(observer))


@dataclass(frozen=True)
class TcpEndpoint:
    host: str
    port: int = DEFAULT_PORT
    timeout: float = DEFAULT_TIMEOUT
    block_size: int = MAX_READ_COUNT

    @property
    def key(self) -> str:
        return f"tcp:{self.host}:{self.port}"

    def describe(self) -> str:
        return f"{self.host}:{self.port} (Modbus TCP)"

    def create_link(self, observer: FrameObserver | None = None) -> ModbusLink:
        return TcpLink(self.host, self.port, timeout=self.timeout, block_size=self.block_size,
                       observer=observer)

    def open_link(self, observer: FrameObserver | None = None) -> ModbusLink:
        return _opened(self.create_link(observer))


Endpoint = SerialEndpoint | TcpEndpoint
