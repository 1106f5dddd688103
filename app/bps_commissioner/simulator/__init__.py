"""The built-in simulator: a virtual chain of BPS2000v2 units speaking Modbus TCP and RTU.

Built on device/ only. Typical use::

    chain = build_chain([1, 2, 3, 4], seed=None)
    tcp = TcpSimulator(chain, "127.0.0.1", 0).start()          # tcp.port: the port bound
    rtu = RtuSimulator(chain, "/tmp/bps-sim-tty", BusSettings(9600, "N", 1),
                       turnaround=0.005).start()               # POSIX only
    ...
    rtu.stop(); tcp.stop()

:class:`RtuSimulator` needs pseudo-terminals (termios): it is imported on first use, so
this package imports on Windows too, where ``simulator.RtuSimulator`` raises ImportError.
"""

from typing import Any

from bps_commissioner.simulator.modbus import crc16, crc_ok, handle_pdu, rtu_frame, tcp_frame
from bps_commissioner.simulator.model import (
    SENSOR_BOX,
    TH_PROBE,
    SimulatedChain,
    SimulatedUnit,
    WriteRecord,
    build_chain,
    unit_kind,
)
from bps_commissioner.simulator.tcp import TcpSimulator

_POSIX_ONLY = {"RtuSimulator", "RtuStats"}


def __getattr__(name: str) -> Any:
    if name in _POSIX_ONLY:
        from bps_commissioner.simulator import rtu
        return getattr(rtu, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["SENSOR_BOX", "TH_PROBE", "RtuSimulator", "RtuStats", "SimulatedChain", "SimulatedUnit",
           "TcpSimulator", "WriteRecord", "build_chain", "crc16", "crc_ok", "handle_pdu", "rtu_frame",
           "tcp_frame", "unit_kind"]
