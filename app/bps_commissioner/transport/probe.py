"""Is anything at an address? Short TCP and ICMP probes, and the laptop's own address.

Used before a master is given a new address (services/provision.py): an address that
something already answers at must not be given to a second device. A probe never sends
application data: a TCP connection is opened and closed, an ICMP echo goes out through
the system's ``ping`` (raw sockets need privileges).
"""

from __future__ import annotations

import ipaddress
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass

ACCEPTED, REFUSED, SILENT = "accepted", "refused", "silent"


def tcp_state(host: str, port: int, timeout: float = 0.7) -> str:
    """"accepted" (something listens), "refused" (a host answered with a reset) or "silent"."""
    try:
        with socket.create_connection((host, port), timeout):
            return ACCEPTED
    except ConnectionRefusedError:
        return REFUSED
    except OSError:
        return SILENT


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def ping(host: str, timeout_s: int = 1) -> bool | None:
    """True when ``host`` answers one ICMP echo, False when not, None when this platform's
    ``ping`` is not available."""
    exe = shutil.which("ping")
    if exe is None:
        return None
    if sys.platform == "win32":
        args = [exe, "-n", "1", "-w", str(timeout_s * 1000), host]
    else:
        args = [exe, "-c", "1", "-W", str(timeout_s), host]
    try:
        done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              timeout=timeout_s + 2, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.returncode == 0


@dataclass(frozen=True)
class Answer:
    what: str  # "Telnet port 23", "ICMP echo"
    state: str  # accepted / refused / echo

    def line(self, host: str) -> str:
        if self.state == ACCEPTED:
            return f"{self.what} at {host} accepts connections"
        if self.state == REFUSED:
            return f"a host at {host} refused a connection to {self.what} (so something has that address)"
        return f"{host} answers {self.what}"


def who_answers(host: str, ports: dict[str, int], *, use_icmp: bool = True, timeout: float = 0.7) -> list[Answer]:
    """What answers at ``host``: each named TCP port that accepts (or, off loopback, refuses:
    a reset comes from a host that exists), and an ICMP echo (not on loopback, where every
    address answers)."""
    out: list[Answer] = []
    loop = is_loopback(host)
    for what, port in ports.items():
        state = tcp_state(host, port, timeout)
        if state == ACCEPTED or (state == REFUSED and not loop):
            out.append(Answer(what, state))
    if use_icmp and not loop and ping(host):
        out.append(Answer("ICMP echo (ping)", "echo"))
    return out


def source_address(host: str, port: int = 23) -> str | None:
    """The address this computer would send from to reach ``host`` (no packet is sent);
    None when it has no route there."""
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_DGRAM) as s:
            s.connect((host, port))
            return str(s.getsockname()[0])
    except OSError:
        return None


def accepts(host: str, port: int, timeout: float = 0.5) -> bool:
    """Whether ``host``:``port`` accepts a TCP connection now."""
    return tcp_state(host, port, timeout) == ACCEPTED


__all__ = ["ACCEPTED", "Answer", "REFUSED", "SILENT", "accepts", "is_loopback", "ping", "source_address",
           "tcp_state", "who_answers"]
