"""The TFTP client (transport/tftp.py) against the simulator's receiver, a lossy receiver,
tftpy's server and tftp-hpa's client, all over real UDP sockets on loopback."""

from __future__ import annotations

import os
import shutil
import socket
import struct
import subprocess
import threading
import time

import pytest

from bps_commissioner.simulator.tftp import TftpSimulator
from bps_commissioner.transport.tftp import (
    BLOCK_SIZE,
    RetransmitTimer,
    TftpCancelled,
    TftpClient,
    TftpNoAnswer,
    TftpRemoteError,
    block_count,
)


@pytest.fixture
def server():
    started = []

    def start(**kw):
        kw.setdefault("dally", 0.1)
        s = TftpSimulator("127.0.0.1", 0, **kw).start()
        started.append(s)
        return s

    yield start
    for s in started:
        s.stop()


def wait_for(predicate, timeout=3.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


@pytest.mark.parametrize("size", [1, 511, 512, 1024, 1025, 20_000])
def test_upload_arrives_byte_identical(server, size):
    srv = server()
    data = os.urandom(size)
    result = TftpClient("127.0.0.1", srv.port).put(data, "BPS2500-3.bin")
    assert wait_for(lambda: srv.uploads)
    up = srv.uploads[0]
    assert up.filename == "BPS2500-3.bin"
    assert bytes(up.data) == data
    assert result.bytes == size and result.blocks == block_count(size)
    # a size that is a multiple of 512 ends with an empty block
    assert result.blocks == size // BLOCK_SIZE + 1
    assert result.retransmissions == 0


@pytest.mark.parametrize("loss,seed,size", [(0.05, 1, 64 * 1024 + 77), (0.05, 2, 64 * 1024), (0.2, 3, 12 * 1024 + 5)])
def test_lossy_link_still_byte_identical(server, loss, seed, size):
    srv = server(loss=loss, seed=seed, dally=2.0)  # lingers long enough for a lost last ACK
    data = os.urandom(size)
    progress = []
    result = TftpClient("127.0.0.1", srv.port, give_up=10).put(data, "BPS2000v2-2.0.6-C.bin",
                                                                progress=progress.append)
    assert wait_for(lambda: srv.uploads)
    assert bytes(srv.uploads[0].data) == data
    assert srv.dropped["in"] + srv.dropped["out"] > 0
    assert result.retransmissions > 0
    # every retransmission answers a drop (a late ACK can add one, never a duplicate ACK)
    assert result.retransmissions <= srv.dropped["in"] + srv.dropped["out"] + 3
    assert progress[-1].bytes_done == len(data) and progress[-1].blocks_done == progress[-1].blocks_total
    assert progress[-1].retransmissions == result.retransmissions
    assert all(a.bytes_done <= b.bytes_done for a, b in zip(progress, progress[1:]))
    # the timer adapted to loopback: far below the 1 s it starts from
    assert result.srtt is not None and result.srtt < 0.05


def test_duplicate_acks_never_cause_a_resend(server):
    """The Sorcerer's Apprentice: a server that acknowledges every block twice. A client
    that sends on every ACK would send each block twice; ours sends each once."""
    srv = server(duplicate_acks=True)
    data = os.urandom(30 * BLOCK_SIZE + 100)
    result = TftpClient("127.0.0.1", srv.port).put(data, "fw.bin")
    assert wait_for(lambda: srv.uploads)
    transfer = srv.uploads[0]
    assert bytes(transfer.data) == data
    assert set(transfer.blocks.values()) == {1}, transfer.blocks
    assert result.duplicate_acks >= 30
    assert result.retransmissions == 0


def test_refused_request_is_an_error_packet(server):
    srv = server(refuse=True)
    with pytest.raises(TftpRemoteError) as info:
        TftpClient("127.0.0.1", srv.port).put(b"x" * 2000, "BPS2500-3.bin")
    err = info.value
    assert err.code == 2 and err.during_request
    assert "Access violation" in str(err) and f"127.0.0.1 port {srv.port}" in str(err)
    assert srv.transfers == [] and srv.refused == 1


def test_silence_ends_within_the_give_up_time():
    quiet = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    quiet.bind(("127.0.0.1", 0))  # takes the packets, never answers
    port = quiet.getsockname()[1]
    try:
        start = time.monotonic()
        with pytest.raises(TftpNoAnswer) as info:
            TftpClient("127.0.0.1", port, give_up=1.5, initial_rto=0.2).put(b"x" * 3000, "fw.bin")
        took = time.monotonic() - start
        assert 1.4 <= took < 4.0
        assert f"127.0.0.1 port {port}" in str(info.value) and "No answer" in str(info.value)
        assert not info.value.final_block
        # the write request was repeated with back-off: 0.2, 0.4, 0.8 ... not a flood
        quiet.settimeout(0.1)
        requests = 0
        while True:
            try:
                quiet.recvfrom(1000)
            except OSError:
                break
            requests += 1
        assert 2 <= requests <= 6
    finally:
        quiet.close()


def test_retry_limit(server):
    quiet = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    quiet.bind(("127.0.0.1", 0))
    try:
        with pytest.raises(TftpNoAnswer):
            TftpClient("127.0.0.1", quiet.getsockname()[1], give_up=30, max_retries=2, initial_rto=0.1,
                       min_rto=0.1).put(b"x", "fw.bin")
    finally:
        quiet.close()


def test_cancel_tells_the_unit(server):
    srv = server()
    data = os.urandom(200 * BLOCK_SIZE)
    seen = []

    def should_stop():
        return len(seen) >= 1

    with pytest.raises(TftpCancelled) as info:
        TftpClient("127.0.0.1", srv.port, progress_interval=0).put(data, "fw.bin", progress=seen.append,
                                                                   should_stop=should_stop)
    assert "may need the upload repeated" in str(info.value)
    assert wait_for(lambda: srv.transfers and srv.transfers[0].ended)
    assert srv.transfers[0].ended == "client error"  # our ERROR packet ended its transfer
    assert not srv.uploads


def test_stranger_gets_unknown_transfer_id(server):
    """A packet from another port than the server's transfer ID is answered with ERROR 5
    and does not disturb the upload."""
    srv = server()
    stranger = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    stranger.bind(("127.0.0.1", 0))
    stranger.settimeout(2)
    client_port = []
    data = os.urandom(50 * BLOCK_SIZE)

    def progress(p):
        if not client_port:
            # find the client's port: the simulator knows the transfer's client address
            client_port.append(srv.transfers[0].client[1])
            stranger.sendto(struct.pack("!HH", 4, 1), ("127.0.0.1", client_port[0]))

    try:
        TftpClient("127.0.0.1", srv.port, progress_interval=0).put(data, "fw.bin", progress=progress)
        packet, _ = stranger.recvfrom(100)
        assert struct.unpack_from("!HH", packet) == (5, 5)
    finally:
        stranger.close()
    assert wait_for(lambda: srv.uploads) and bytes(srv.uploads[0].data) == data


def test_missing_final_ack_is_reported_as_such():
    """A receiver that takes every block but never acknowledges the last one (it restarts
    at once): the client says the whole file was sent."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    stop = threading.Event()

    def receiver():
        sock.settimeout(0.1)
        session = None
        while not stop.is_set():
            try:
                packet, client = (session or sock).recvfrom(1000)
            except OSError:
                continue
            opcode = struct.unpack_from("!H", packet)[0]
            if opcode == 2 and session is None:
                session = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                session.bind(("127.0.0.1", 0))
                session.settimeout(0.1)
                session.sendto(struct.pack("!HH", 4, 0), client)
            elif opcode == 3:
                block = struct.unpack_from("!H", packet, 2)[0]
                if len(packet) - 4 == BLOCK_SIZE:
                    session.sendto(struct.pack("!HH", 4, block), client)
        if session:
            session.close()

    t = threading.Thread(target=receiver, daemon=True)
    t.start()
    try:
        with pytest.raises(TftpNoAnswer) as info:
            TftpClient("127.0.0.1", port, give_up=30, final_give_up=1.0).put(os.urandom(3 * BLOCK_SIZE + 10),
                                                                             "fw.bin")
        assert info.value.final_block and info.value.blocks_acked == 3
        assert info.value.waited < 3
        assert "last block" in str(info.value)
    finally:
        stop.set()
        t.join(2)
        sock.close()


def test_timer_follows_the_round_trip_and_backs_off():
    timer = RetransmitTimer(initial=1.0, minimum=0.05, maximum=5.0)
    assert timer.rto == 1.0
    timer.sample(0.2)
    assert timer.rto == pytest.approx(0.2 + 4 * 0.1)
    for _ in range(40):
        timer.sample(0.01)
    assert timer.rto < 0.1  # the variance of the first samples has decayed
    low = timer.rto
    timer.back_off()
    assert timer.rto == pytest.approx(2 * low)
    for _ in range(10):
        timer.back_off()
    assert timer.rto == 5.0
    timer.sample(0.01)
    assert timer.rto < 0.2  # a clean round trip ends the back-off
    for _ in range(50):
        timer.sample(0.0001)
    assert timer.rto == 0.05


def test_interoperates_with_tftpy_server(tmp_path):
    """tftpy's server, an independent RFC 1350 implementation, receives our upload."""
    tftpy = pytest.importorskip("tftpy")
    import logging

    logging.getLogger("tftpy").setLevel(logging.WARNING)
    server = tftpy.TftpServer(str(tmp_path))
    thread = threading.Thread(target=server.listen, args=("127.0.0.1", 0), kwargs={"timeout": 0.3}, daemon=True)
    thread.start()
    assert server.is_running.wait(3)
    try:
        data = os.urandom(10 * BLOCK_SIZE + 300)
        result = TftpClient("127.0.0.1", server.listenport).put(data, "BPS2500-3.bin")
        assert result.bytes == len(data)
        assert wait_for(lambda: (tmp_path / "BPS2500-3.bin").exists()
                        and (tmp_path / "BPS2500-3.bin").read_bytes() == data)
    finally:
        server.stop(now=True)
        thread.join(3)


@pytest.mark.skipif(shutil.which("tftp") is None, reason="tftp-hpa's client is not installed")
def test_tftp_hpa_client_uploads_to_the_simulator(server, tmp_path):
    """The simulator's receiver, checked with an independent client (tftp-hpa)."""
    srv = server()
    data = os.urandom(7 * BLOCK_SIZE)
    path = tmp_path / "BPS2500-3.bin"
    path.write_bytes(data)
    done = subprocess.run(["tftp", "-m", "binary", "127.0.0.1", str(srv.port), "-c", "put", str(path),
                           "BPS2500-3.bin"], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    assert wait_for(lambda: srv.uploads)
    assert bytes(srv.uploads[0].data) == data and srv.uploads[0].filename == "BPS2500-3.bin"


@pytest.mark.skipif(shutil.which("tftp") is None, reason="tftp-hpa's client is not installed")
def test_simulator_refuses_netascii(server, tmp_path):
    srv = server()
    path = tmp_path / "fw.bin"
    path.write_bytes(b"abc")
    done = subprocess.run(["tftp", "-m", "netascii", "127.0.0.1", str(srv.port), "-c", "put", str(path), "fw.bin"],
                          capture_output=True, text=True, timeout=30)
    assert "octet" in (done.stdout + done.stderr) or "Illegal" in (done.stdout + done.stderr)
    assert not srv.uploads


class _StallingReceiver:
    """A TFTP server that acknowledges the first ``acked`` data blocks at once, then goes
    silent (a unit that hangs mid-upload)."""

    def __init__(self, acked: int):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.acked = acked
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        self.sock.settimeout(0.05)
        session = None
        while not self.stop.is_set():
            try:
                packet, client = (session or self.sock).recvfrom(1000)
            except OSError:
                continue
            opcode = struct.unpack_from("!H", packet)[0]
            if opcode == 2 and session is None:
                session = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                session.bind(("127.0.0.1", 0))
                session.settimeout(0.05)
                session.sendto(struct.pack("!HH", 4, 0), client)
            elif opcode == 3:
                block = struct.unpack_from("!H", packet, 2)[0]
                if block <= self.acked:
                    session.sendto(struct.pack("!HH", 4, block), client)
        if session:
            session.close()

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(2)
        self.sock.close()


def test_failure_json_reports_the_bytes_acknowledged(capsys, tmp_path):
    """Issue 15: the failure JSON's "bytes" was the last throttled progress report, not what
    the unit had taken; the message named a rounded time, not the one waited."""
    import json

    from bps_commissioner.cli import main
    from tests.flash.conftest import start_master

    firmware = tmp_path / "BPS2500-3.bin"
    firmware.write_bytes(os.urandom(40 * 1024 + 123))
    m = start_master()
    try:
        with _StallingReceiver(acked=37) as stall:
            code = main(["flash", str(firmware), "--host", "127.0.0.1", "--tftp-port", str(stall.port),
                         "--telnet-port", str(m.telnet.port), "--modbus-port", str(m.tcp.port), "--yes",
                         "--timeout", "1.5", "--verify", "none", "--no-backup", "--json"])
    finally:
        m.stop()
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in err
    r = json.loads(out.strip().splitlines()[-1])
    assert r["result"] == "failed" and r["cause"] == "no_answer"
    assert r["bytes"] == 37 * BLOCK_SIZE
    assert "after block 37 of 81 (1.5 s without an answer)" in r["error"]


def test_no_answer_names_the_time_waited():
    quiet = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    quiet.bind(("127.0.0.1", 0))
    try:
        with pytest.raises(TftpNoAnswer) as info:
            TftpClient("127.0.0.1", quiet.getsockname()[1], give_up=1.5, initial_rto=0.2).put(b"x", "fw.bin")
    finally:
        quiet.close()
    assert "within 1.5 s" in str(info.value) and 1.5 <= info.value.waited < 1.7
