"""RS485 bus settings a BPS2000v2 supports, and the wire timing they imply."""

from __future__ import annotations

from dataclasses import dataclass

from bps_commissioner.device.numbers import parse_whole

BAUD_RATES = (4800, 9600, 19200, 38400)
PARITIES = ("N", "E", "O")
STOP_BITS = (1, 2)
ADDRESSES = range(1, 248)  # Modbus slave addresses; a BPS2000v2 chain uses 1..32


@dataclass(frozen=True)
class BusSettings:
    """Serial line settings, 8 data bits always. The factory default is 9600 8N1."""

    baud: int = 9600
    parity: str = "N"
    stopbits: int = 1

    def __post_init__(self) -> None:
        if self.baud not in BAUD_RATES:
            raise ValueError(f"baud rate {self.baud} is not one the unit supports "
                             f"({', '.join(map(str, BAUD_RATES))})")
        if self.parity not in PARITIES:
            raise ValueError(f"parity {self.parity!r} is not N, E or O")
        if self.stopbits not in STOP_BITS:
            raise ValueError(f"stop bits {self.stopbits} is not 1 or 2")

    @property
    def bits_per_char(self) -> int:
        return 1 + 8 + (0 if self.parity == "N" else 1) + self.stopbits

    @property
    def char_time(self) -> float:
        """Seconds one character takes on the wire."""
        return self.bits_per_char / self.baud

    def wire_time(self, nbytes: int) -> float:
        return nbytes * self.char_time

    @property
    def silence(self) -> float:
        """The inter-frame silence t3.5 (Modbus over serial line: fixed 1.75 ms above 19200 baud)."""
        return 3.5 * self.char_time if self.baud <= 19200 else 0.00175

    def __str__(self) -> str:
        return f"{self.baud} 8{self.parity}{self.stopbits}"

    def to_dict(self) -> dict:
        return {"baud": self.baud, "parity": self.parity, "stopbits": self.stopbits}


def parse_units(text: str, allowed: range = ADDRESSES) -> list[int]:
    """Parse a unit list such as ``1,2,5-8``. Order is kept; repeats are kept (the simulator
    uses them for two units on one address). Raises ValueError with a clear message."""
    out: list[int] = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            raise ValueError(f"empty entry in unit list {text!r}")
        try:  # ASCII digits only (parse_whole): no "1_0", "５", "+3"
            if "-" in part:
                lo_s, hi_s = part.split("-", 1)
                lo, hi = _whole(lo_s), _whole(hi_s)
                if lo > hi:
                    raise ValueError(f"range {part!r} runs backwards")
                items = range(lo, hi + 1)
            else:
                items = range(_whole(part), _whole(part) + 1)
        except ValueError as exc:
            if "backwards" in str(exc):
                raise
            raise ValueError(f"{part!r} in unit list {text!r} is not an address or a range like 5-8") from None
        for n in items:
            if n not in allowed:
                raise ValueError(f"address {n} is outside {allowed.start}..{allowed.stop - 1}")
            out.append(n)
    return out


def _whole(text: str) -> int:
    """An address of a unit list: ASCII digits (a ValueError otherwise; the range is the caller's)."""
    return parse_whole(text, 0, 99999, "an address")
