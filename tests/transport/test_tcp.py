"""Modbus TCP against the simulator over real sockets."""

import socket
import time

import pytest

from bps_commissioner.transport.errors import ConnectError, ModbusExceptionError, NoReplyError
from bps_commissioner.transport.tcp import TcpLink, parse_host


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_read_units(tcp_sim):
    with TcpLink("127.0.0.1", tcp_sim.port) as link:
        one, four = link.read_unit(1), link.read_unit(4)
    assert one.phases == 3 and four.phases == 1  # every 4th address is single-phase
    assert 45 < one.value("frequency_l1") < 55


def test_refused_port_is_clear_and_fast():
    start = time.monotonic()
    with pytest.raises(ConnectError, match="refused"):
        TcpLink("127.0.0.1", free_port(), timeout=1).open()
    assert time.monotonic() - start < 3


def test_absent_unit_is_no_reply(tcp_sim):
    with TcpLink("127.0.0.1", tcp_sim.port, timeout=0.3) as link:
        with pytest.raises(NoReplyError, match="unit 7"):
            link.read_unit(7)
        assert link.read_unit(2).address == 2  # the link recovers


def test_exception_over_tcp(tcp_sim):
    with TcpLink("127.0.0.1", tcp_sim.port) as link, pytest.raises(ModbusExceptionError) as err:
        link.read_registers(1, 90, 20)
    assert err.value.code == 2


@pytest.mark.parametrize("text, expected", [
    ("10.0.0.5", ("10.0.0.5", 502)), ("host:1502", ("host", 1502)), ("[::1]:5020", ("::1", 5020)),
    ("::1", ("::1", 502))])
def test_parse_host(text, expected):
    assert parse_host(text, 502) == expected


@pytest.mark.parametrize("bad", ["", "host:x", "host:0", "host:70000", ":502", "[]:502"])
def test_parse_host_refuses(bad):
    with pytest.raises(ValueError):
        parse_host(bad, 502)


def test_parse_host_port_zero_only_when_allowed():
    assert parse_host("127.0.0.1:0", 502, allow_zero=True) == ("127.0.0.1", 0)
