"""device/firmware.py: does a file look like BPS2000v2 firmware (name and size)?"""

import pytest

from bps_commissioner.device.firmware import (
    LARGE, MAX_SIZE, MIN_SIZE, NAME, SMALL, check_firmware, firmware_version,
)

SIZE = 300 * 1024


@pytest.mark.parametrize("name, version", [
    ("BPS2000v2-2.0.6-C.bin", "2.0.6-C"),
    ("bps2000V2-2.1.0-C.BIN", "2.1.0-C"),
    ("BPS2500-3.bin", "3"),  # the manual's example
    ("BPS2500v2-3.1.bin", "3.1"),
])
def test_firmware_names(name, version):
    assert firmware_version(name) == version
    assert check_firmware(name, SIZE) == []


@pytest.mark.parametrize("name", ["firmware.bin", "BPS2000v2-2.0.6-C.zip", "BPS2000v2.bin", "BPS2000v2-.bin",
                                  "BPS3000-1.bin", "random", "BPS2000v2-2.0.6-C.bin.txt"])
def test_other_names_are_doubted(name):
    assert firmware_version(name) is None
    (doubt,) = check_firmware(name, SIZE)
    assert doubt.kind == NAME and name in doubt.text and "BPS2000v2-x.y.z-C.bin" in doubt.text


def test_sizes():
    name = "BPS2000v2-2.0.6-C.bin"
    assert check_firmware(name, MIN_SIZE) == [] and check_firmware(name, MAX_SIZE) == []
    (small,) = check_firmware(name, MIN_SIZE - 1)
    assert small.kind == SMALL and "too small" in small.text
    (large,) = check_firmware(name, MAX_SIZE + 1)
    assert large.kind == LARGE and "too large" in large.text
    assert [d.kind for d in check_firmware("notes.txt", 10)] == [NAME, SMALL]
