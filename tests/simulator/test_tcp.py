"""The Modbus TCP server over real sockets."""

import socket
import struct
import threading
import time

import pytest

from bps_commissioner.device.decode import decode_registers
from bps_commissioner.simulator import TcpSimulator, build_chain
from tests.simulator.wire import read_pdu, tcp_exchange, tcp_reply, write_pdu


@pytest.fixture
def client(tcp):
    with socket.create_connection(("127.0.0.1", tcp.port), timeout=2) as sock:
        yield sock


def registers(reply: bytes) -> list[int]:
    return [int.from_bytes(reply[i:i + 2], "big") for i in range(2, len(reply), 2)]


def test_port_zero_reports_the_port_bound(tcp):
    assert tcp.port > 0


def test_reads_a_whole_unit(client):
    reply = tcp_exchange(client, 1, read_pdu(0, 99))
    assert reply[:2] == bytes((3, 198))
    r = decode_registers(1, dict(enumerate(registers(reply))))
    assert 207 <= r.value("voltage_l3") <= 253 and r.value("voltage_l1.high") == 276.0


def test_several_requests_on_one_connection_and_transaction_ids(client):
    for tid in (1, 2, 0xFFFF):
        assert tcp_exchange(client, 3, read_pdu(15, 1), transaction=tid)[:2] == bytes((3, 2))
    assert tcp_exchange(client, 2, write_pdu(72, 100), transaction=7) == write_pdu(72, 100)
    assert registers(tcp_exchange(client, 2, read_pdu(72, 1))) == [100]
    assert tcp_exchange(client, 2, bytes.fromhex("10 0048 0001 02 0064")) == bytes.fromhex("90 01")


def test_pipelined_and_byte_by_byte_requests(client):
    client.sendall(struct.pack(">HHHB", 5, 0, 6, 1) + read_pdu(0, 3)
                   + struct.pack(">HHHB", 6, 0, 6, 1) + read_pdu(0, 3))  # two requests, one segment
    assert len(tcp_reply(client, 5, 1)) == 2 + 6
    assert len(tcp_reply(client, 6, 1)) == 2 + 6
    frame = struct.pack(">HHHB", 9, 0, 6, 4) + read_pdu(18, 1)
    for byte in frame:  # a request in many segments
        client.send(bytes((byte,)))
        time.sleep(0.002)
    assert registers(tcp_reply(client, 9, 4))[0] in range(80, 100)  # power factor L1


def test_unknown_and_silent_units_get_no_reply(sim_chain, client):
    assert tcp_exchange(client, 9, read_pdu(0, 1), timeout=0.2) is None
    sim_chain.at(2)[0].silent = True
    assert tcp_exchange(client, 2, read_pdu(0, 1), transaction=2, timeout=0.2) is None
    assert tcp_exchange(client, 1, read_pdu(0, 1), transaction=3) is not None  # still connected


def test_two_units_on_one_address_the_first_answers(sim_chain, client):
    first, second = sim_chain.at(5)
    first.pin({"voltage_l1": 231.8})
    second.pin({"voltage_l1": 240.0})
    assert registers(tcp_exchange(client, 5, read_pdu(0, 1))) == [2318]
    first.silent = True
    assert registers(tcp_exchange(client, 5, read_pdu(0, 1))) == [2400]


def test_not_modbus_is_ignored_and_a_bad_length_closes(client):
    client.sendall(struct.pack(">HHHB", 1, 1, 6, 1) + read_pdu(0, 1))  # protocol id 1
    assert tcp_reply(client, 1, 1, timeout=0.2) is None
    client.sendall(struct.pack(">HHHB", 2, 0, 1, 1))  # length 1: no function code
    client.settimeout(1)
    assert client.recv(10) == b""


def test_client_leaving_mid_frame_does_not_disturb_others(tcp):
    with socket.create_connection(("127.0.0.1", tcp.port)) as sock:
        sock.sendall(struct.pack(">HHHB", 1, 0, 6, 1) + b"\x03\x00")
    with socket.create_connection(("127.0.0.1", tcp.port), timeout=2) as sock:
        assert tcp_exchange(sock, 1, read_pdu(0, 1)) is not None


def test_stop_closes_everything_within_a_second():
    sim = TcpSimulator(build_chain([1]), "127.0.0.1", 0).start()
    idle = socket.create_connection(("127.0.0.1", sim.port), timeout=2)
    busy = socket.create_connection(("127.0.0.1", sim.port), timeout=2)
    assert tcp_exchange(busy, 1, read_pdu(0, 1)) is not None
    busy.sendall(struct.pack(">HHHB", 2, 0, 6, 1))  # half a request
    time.sleep(0.05)
    started = time.monotonic()
    sim.stop()
    assert time.monotonic() - started < 1.0
    for sock in (idle, busy):
        assert sock.recv(10) == b""
        sock.close()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", sim.port), timeout=1).close()
    assert not [t for t in threading.enumerate() if t.name.startswith("tcp-simulator")]


def test_busy_port_is_an_os_error(tcp):
    with pytest.raises(OSError):
        TcpSimulator(build_chain([1]), "127.0.0.1", tcp.port).start()
