"""Survival over RS485 (issue 15): `read` and `monitor` against a hostile Modbus RTU unit on a
pseudo-terminal end with a clear message, exit 1 and no traceback, within the timeout."""

import time

import pytest

from bps_commissioner.cli import main
from tests.conftest import posix_only
from tests.hostile.rtu_peer import RTU_BEHAVIOURS, HostileRtuPeer

pytestmark = posix_only

TIMEOUT = 0.3
MARGIN = 1.5

EXPECTED = {
    "short": "Garbled reply", "long": "", "bad-crc": "CRC error", "wrong-function": "answered function 4",
    "wrong-byte-count": "byte count field", "other-unit": "Reply from address 2", "garbage": "Garbled reply",
    "silent": "No reply", "one-byte": "Garbled reply", "exception-garbled": "Garbled reply",
    "hang-up": "Lost the serial port",
}


@pytest.mark.parametrize("behaviour", RTU_BEHAVIOURS)
def test_read_against_a_hostile_rtu_unit(capsys, tmp_path, behaviour):
    with HostileRtuPeer(behaviour, str(tmp_path / "ttyHOSTILE")) as peer:
        start = time.monotonic()
        code = main(["read", "--serial", peer.link, "--timeout", str(TIMEOUT), "--baud", "38400"])
        took = time.monotonic() - start
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if behaviour == "long":  # the expected length is read; trailing bytes are dropped before the next request
        assert code == 0 and "Unit 1: three-phase" in out
        return
    assert code == 1 and "Unit 1: ERROR: " in out and EXPECTED[behaviour] in out, out
    assert took <= TIMEOUT + MARGIN


@pytest.mark.parametrize("behaviour", ["garbage", "silent", "bad-crc"])
def test_monitor_against_a_hostile_rtu_unit(capsys, tmp_path, behaviour):
    with HostileRtuPeer(behaviour, str(tmp_path / "ttyHOSTILE")) as peer:
        code = main(["monitor", "--serial", peer.link, "--timeout", str(TIMEOUT), "--baud", "38400",
                     "--count", "3", "--interval", "0"])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in out + err
    assert len(out.splitlines()) == 3
