"""Does a file look like BPS2000v2 firmware? A pure check of its name and size.

The manual (section 15) uploads the vendor's update file as it is named, e.g.
``BPS2500-3.bin``; the BPS2000v2 files are named ``BPS2000v2-<version>.bin`` with the version
as the Telnet banner shows it (``BPS2000v2-2.0.6-C.bin``). Nothing in the manual gives the
size; a management card's image is tens of kilobytes to a few megabytes, so a file outside
:data:`MIN_SIZE`..:data:`MAX_SIZE` is most likely something else (a text file, a zip of the
release, a disk image). A file that does not look right is not refused: the window and the
CLI ask for an explicit "flash it anyway".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: BPS2000v2-2.0.6-C.bin, BPS2500-3.bin, BPS2500v2-3.1.bin (case ignored)
NAME_PATTERN = re.compile(r"^BPS2[05]00(?:v2)?-(?P<version>[0-9][0-9A-Za-z._]*(?:-[0-9A-Za-z]+)*)\.bin$",
                          re.IGNORECASE)
NAME_EXAMPLE = "BPS2000v2-x.y.z-C.bin"
MIN_SIZE = 16 * 1024
MAX_SIZE = 16 * 1024 * 1024

#: :attr:`FirmwareDoubt.kind`
NAME, SMALL, LARGE = "name", "small", "large"


@dataclass(frozen=True)
class FirmwareDoubt:
    """Why a file does not look like firmware: ``kind`` NAME, SMALL or LARGE."""

    kind: str
    name: str
    size: int

    @property
    def text(self) -> str:
        if self.kind == NAME:
            return (f"{self.name!r} is not named like BPS2000v2 firmware ({NAME_EXAMPLE}, as the vendor "
                    f"ships it)")
        if self.kind == SMALL:
            return f"{self.name!r} is {self.size} bytes: too small for BPS2000v2 firmware (at least {MIN_SIZE})"
        return f"{self.name!r} is {self.size} bytes: too large for BPS2000v2 firmware (at most {MAX_SIZE})"


def firmware_version(name: str) -> str | None:
    """The version in a firmware file's name (``BPS2000v2-2.0.6-C.bin`` -> ``2.0.6-C``), or
    None when the name is not a firmware file's."""
    m = NAME_PATTERN.match(name)
    return m.group("version") if m else None


def check_firmware(name: str, size: int) -> list[FirmwareDoubt]:
    """The doubts about a file named ``name`` (its base name) of ``size`` bytes; empty when
    it looks like BPS2000v2 firmware."""
    doubts = []
    if firmware_version(name) is None:
        doubts.append(FirmwareDoubt(NAME, name, size))
    if size < MIN_SIZE:
        doubts.append(FirmwareDoubt(SMALL, name, size))
    elif size > MAX_SIZE:
        doubts.append(FirmwareDoubt(LARGE, name, size))
    return doubts


__all__ = ["LARGE", "MAX_SIZE", "MIN_SIZE", "NAME", "NAME_EXAMPLE", "NAME_PATTERN", "SMALL", "FirmwareDoubt",
           "check_firmware", "firmware_version"]
