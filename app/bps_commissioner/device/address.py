"""Host addresses as a user types them: ``HOST``, ``HOST:PORT`` or ``[IPv6]:PORT``."""

from __future__ import annotations


def parse_host(text: str, default_port: int, *, allow_zero: bool = False) -> tuple[str, int]:
    """-> (host, port). Raises ValueError with a message that quotes the text.
    ``allow_zero``: port 0 is accepted (a server that picks a free port)."""
    text = text.strip()
    if not text:
        raise ValueError("empty host")
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port_text = rest[1:] if rest.startswith(":") else ""
    elif text.count(":") == 1:
        host, port_text = text.split(":")
    else:
        host, port_text = text, ""
    if not host:
        raise ValueError(f"no host name in {text!r}")
    if not port_text:
        return host, default_port
    lowest = 0 if allow_zero else 1
    if not port_text.isdigit() or not lowest <= int(port_text) < 65536:
        raise ValueError(f"port {port_text!r} in {text!r} is not a number from {lowest} to 65535")
    return host, int(port_text)
