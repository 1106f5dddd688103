"""A hostile or broken Modbus TCP peer for tests: loopback only, bounded (a daemon thread, a
few seconds per connection at most, stopped by the fixture).

Each behaviour answers a request frame in its own wrong way; "good" answers correctly from a
table of registers, so that a test can make a peer recover (``peer.behaviour = "good"``)."""

from __future__ import annotations

import socket
import struct
import threading
import time

#: behaviour -> what it does to a request (MBAP header + PDU)
BEHAVIOURS = ("short", "one-byte", "long", "wrong-function", "wrong-byte-count", "wrong-tid", "garbage",
              "other-unit", "silent", "close-mid-reply", "bad-length", "bad-protocol", "exception-garbled")


def _mbap(tid: int, unit: int, pdu: bytes, protocol: int = 0, length: int | None = None) -> bytes:
    return struct.pack(">HHHB", tid, protocol, len(pdu) + 1 if length is None else length, unit) + pdu


def good_reply(tid: int, unit: int, pdu: bytes) -> bytes:
    fc = pdu[0]
    if fc == 3:
        count = int.from_bytes(pdu[3:5], "big")
        data = b"".join(((2300 + i) & 0xFFFF).to_bytes(2, "big") for i in range(count))
        return _mbap(tid, unit, bytes([3, 2 * count]) + data)
    return _mbap(tid, unit, pdu)  # 06 echoes


def hostile_reply(behaviour: str, tid: int, unit: int, pdu: bytes) -> bytes | None:
    """The bytes to send back, or None to stay silent."""
    good = good_reply(tid, unit, pdu)
    if behaviour == "good":
        return good
    if behaviour == "short":
        return good[: len(good) // 2]
    if behaviour == "one-byte":
        return b"\x00"
    if behaviour == "long":
        body = good[7:] + b"\x12\x34\x56"
        return _mbap(tid, unit, body)
    if behaviour == "wrong-function":
        return _mbap(tid, unit, bytes([4]) + good[8:])
    if behaviour == "wrong-byte-count":
        body = bytearray(good[7:])
        if body[0] == 3:
            body[1] = (body[1] + 2) & 0xFF
        return _mbap(tid, unit, bytes(body))
    if behaviour == "wrong-tid":
        return _mbap((tid + 7) & 0xFFFF, unit, good[7:])
    if behaviour == "garbage":
        return bytes(range(250, 256)) + b"\xde\xad\xbe\xef" * 8
    if behaviour == "other-unit":
        return _mbap(tid, (unit + 1) & 0xFF, good[7:])
    if behaviour == "silent":
        return None
    if behaviour == "close-mid-reply":
        return good[:9]  # then the connection closes
    if behaviour == "bad-length":
        return _mbap(tid, unit, good[7:], length=0)
    if behaviour == "bad-protocol":
        return _mbap(tid, unit, good[7:], protocol=0x1234)
    if behaviour == "exception-garbled":
        return _mbap(tid, unit, bytes([pdu[0] | 0x80]))
    raise ValueError(behaviour)


class HostilePeer:
    """``with HostilePeer("short") as peer: ... peer.port``. ``behaviour`` may be changed
    while it runs."""

    def __init__(self, behaviour: str, *, life: float = 30.0):
        self.behaviour = behaviour
        self.life = life
        self._server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(8)
        self._server.settimeout(0.1)
        self.port = self._server.getsockname()[1]
        self.host = f"127.0.0.1:{self.port}"
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self.requests = 0

    def __enter__(self) -> "HostilePeer":
        t = threading.Thread(target=self._accept, name="hostile-peer", daemon=True)
        t.start()
        self._threads.append(t)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for t in list(self._threads):
            t.join(2.0)
        self._server.close()

    def _accept(self) -> None:
        end = time.monotonic() + self.life
        while not self._stop.is_set() and time.monotonic() < end:
            try:
                conn, _ = self._server.accept()
            except (socket.timeout, OSError):
                continue
            t = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            t.start()
            self._threads.append(t)

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(0.1)
        buf = b""
        end = time.monotonic() + self.life
        try:
            while not self._stop.is_set() and time.monotonic() < end:
                try:
                    chunk = conn.recv(512)
                except socket.timeout:
                    continue
                if not chunk:
                    return
                buf += chunk
                while len(buf) >= 7 and len(buf) >= 6 + int.from_bytes(buf[4:6], "big"):
                    n = 6 + int.from_bytes(buf[4:6], "big")
                    frame, buf = buf[:n], buf[n:]
                    self.requests += 1
                    tid, unit = int.from_bytes(frame[0:2], "big"), frame[6]
                    behaviour = self.behaviour
                    reply = hostile_reply(behaviour, tid, unit, frame[7:])
                    if reply is not None:
                        conn.sendall(reply)
                    if behaviour in ("close-mid-reply", "one-byte", "short"):
                        return  # a short reply then a close; "short" keeps nothing open
        except OSError:
            return
        finally:
            conn.close()
