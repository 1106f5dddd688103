"""An independent peer: mbpoll (libmodbus) reads and writes the simulator over TCP and RTU."""

import re
import shutil
import subprocess

import pytest

from bps_commissioner.device.decode import decode_registers
from tests.simulator.wire import posix_only

pytestmark = pytest.mark.skipif(not shutil.which("mbpoll"), reason="mbpoll is not installed")


def mbpoll(*args: str) -> dict[int, int]:
    """Run mbpoll once; the registers it printed, by 0-based address (its -r is 1-based)."""
    done = subprocess.run(["mbpoll", "-1", "-t", "4", *args], capture_output=True, text=True, timeout=10)
    assert done.returncode == 0, done.stdout + done.stderr
    return {int(ref) - 1: int(value) for ref, value in re.findall(r"^\[(\d+)\]:\s+(-?\d+)", done.stdout, re.M)}


def test_tcp_read_all_and_write_a_threshold(sim_chain, tcp):
    tcp_args = ("-m", "tcp", "-p", str(tcp.port), "-a", "1")
    regs = mbpoll(*tcp_args, "-r", "1", "-c", "99", "127.0.0.1")
    assert sorted(regs) == list(range(99))
    r = decode_registers(1, regs)
    assert 207 <= r.value("voltage_l1") <= 253 and r.value("current_l1.high") == 16.0

    mbpoll(*tcp_args, "-r", "71", "127.0.0.1", "150")  # current L1 high alarm, register 70
    assert mbpoll(*tcp_args, "-r", "71", "-c", "1", "127.0.0.1") == {70: 150}
    assert sim_chain.writes == [(1, 70, 150)]  # one FC06, as the unit expects


@posix_only
def test_rtu_read_and_write_a_threshold(sim_chain, rtu):
    rtu_args = ("-m", "rtu", "-b", "9600", "-P", "none", "-a", "3")
    regs = mbpoll(*rtu_args, "-r", "1", "-c", "10", rtu.link)
    assert sorted(regs) == list(range(10))
    assert all(2070 <= regs[i] <= 2530 for i in range(3))

    mbpoll(*rtu_args, "-r", "65", rtu.link, "2500")  # voltage L2 low alarm, register 64
    assert mbpoll(*rtu_args, "-r", "65", "-c", "1", rtu.link) == {64: 2500}
    assert sim_chain.writes == [(3, 64, 2500)]
    assert rtu.stats.bad_frames == rtu.stats.wrong_settings == 0
