"""A hostile or broken Modbus RTU unit on a pseudo-terminal, for tests (POSIX only): each
request frame is answered in one wrong way. Bounded: a daemon thread, stopped by ``with``."""

from __future__ import annotations

import os
import select
import termios
import threading
import tty

from bps_commissioner.transport.rtu import crc16

RTU_BEHAVIOURS = ("short", "long", "bad-crc", "wrong-function", "wrong-byte-count", "other-unit", "garbage",
                  "silent", "one-byte", "exception-garbled", "hang-up")  # hang-up: the adapter goes mid-reply


def _framed(body: bytes) -> bytes:
    return body + crc16(body)


def rtu_reply(behaviour: str, request: bytes) -> bytes | None:
    unit, fc = request[0], request[1]
    count = int.from_bytes(request[4:6], "big") if fc == 3 else 1
    data = b"".join((2300 + i).to_bytes(2, "big") for i in range(count))
    good_body = bytes([unit, 3, 2 * count]) + data if fc == 3 else request[:6]
    if behaviour == "good":
        return _framed(good_body)
    if behaviour == "short":
        return _framed(good_body)[:4]
    if behaviour == "long":
        return _framed(good_body) + b"\x55\xaa\x55"
    if behaviour == "bad-crc":
        frame = bytearray(_framed(good_body))
        frame[-1] ^= 0xFF
        return bytes(frame)
    if behaviour == "wrong-function":
        return _framed(bytes([unit, 4]) + good_body[2:])
    if behaviour == "wrong-byte-count":
        return _framed(bytes([unit, 3, (2 * count - 2) & 0xFF]) + data[:-2])
    if behaviour == "other-unit":
        return _framed(bytes([(unit % 247) + 1]) + good_body[1:])
    if behaviour == "garbage":
        return bytes(range(0, 256, 7))
    if behaviour == "silent":
        return None
    if behaviour == "one-byte":
        return b"\x00"
    if behaviour == "exception-garbled":
        return _framed(bytes([unit, fc | 0x80]))[:3]
    raise ValueError(behaviour)


class HostileRtuPeer:
    def __init__(self, behaviour: str, link: str):
        self.behaviour = behaviour
        self.link = link
        self._master, slave = os.openpty()
        tty.setraw(slave, termios.TCSANOW)
        self._slave = slave
        self._master_closed = False
        os.symlink(os.ttyname(slave), link)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True, name="hostile-rtu")

    def __enter__(self) -> "HostileRtuPeer":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(2)
        if not self._master_closed:
            os.close(self._master)
        os.close(self._slave)
        os.unlink(self.link)

    def _serve(self) -> None:
        buf = b""
        while not self._stop.is_set():
            ready, _, _ = select.select([self._master], [], [], 0.05)
            if not ready:
                continue
            try:
                buf += os.read(self._master, 256)
            except OSError:
                return
            while len(buf) >= 8:  # requests (03 and 06) are 8 bytes
                request, buf = buf[:8], buf[8:]
                if self.behaviour == "hang-up":  # half a good reply, then the adapter is gone
                    os.write(self._master, (rtu_reply("good", request) or b"")[:5])
                    os.close(self._master)
                    self._master_closed = True
                    return
                reply = rtu_reply(self.behaviour, request)
                if reply:
                    os.write(self._master, reply)
