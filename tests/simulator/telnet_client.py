"""A raw Telnet client for the simulator tests: a plain socket, Telnet commands dropped,
read until the unit's prompt. Independent of the product's transport/telnet.py."""

from __future__ import annotations

import re
import socket
import time

PROMPT = "Please enter the command:"


class RawTelnet:
    def __init__(self, host: str, port: int, timeout: float = 3.0) -> None:
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.timeout = timeout
        self.buffer = ""

    def read_until(self, marker: str, timeout: float | None = None) -> str:
        """Everything up to and including ``marker``; raises TimeoutError / EOFError."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while marker not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no {marker!r} in {self.buffer!r}")
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(4096)
            except socket.timeout:
                continue
            if not chunk:
                raise EOFError(self.buffer)
            self.buffer += re.sub(rb"\xff[\xfb-\xfe].", b"", chunk).decode("latin-1").replace("\r", "")
        head, _, self.buffer = self.buffer.partition(marker)
        return head + marker

    def read_to_eof(self, timeout: float | None = None) -> str:
        deadline = time.monotonic() + (timeout or self.timeout)
        while time.monotonic() < deadline:
            self.sock.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                chunk = self.sock.recv(4096)
            except socket.timeout:
                continue
            except OSError:
                break
            if not chunk:
                break
            self.buffer += chunk.decode("latin-1").replace("\r", "")
        out, self.buffer = self.buffer, ""
        return out

    def line(self, text: str) -> None:
        self.sock.sendall(text.encode("latin-1") + b"\r\n")

    def login(self, account: str = "admin", password: str = "admin") -> str:
        self.read_until("Telnet Account:")
        self.line(account)
        self.read_until("Password:")
        self.line(password)
        return self.read_until(PROMPT)

    def cmd(self, text: str) -> str:
        """Type ``text``; the unit's answer up to the next prompt, without the echo."""
        self.line(text)
        reply = self.read_until(PROMPT)
        echo = text + "\n"
        return reply[len(echo):] if reply.startswith(echo) else reply

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass

    def __enter__(self) -> RawTelnet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def field(screen: str, label: str) -> str:
    m = re.search(rf"^{re.escape(label)}:(.*)$", screen, re.M)
    assert m, f"no {label} in {screen!r}"
    return m.group(1).strip()
