"""Host addresses as a user types them: ``HOST``, ``HOST:PORT`` or ``[IPv6]:PORT``."""

from __future__ import annotations

from bps_commissioner.device.numbers import NumberError, parse_whole


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
    try:  # ASCII digits only: "５０２" and "5_02" are not a port a person means
        return host, parse_whole(port_text, lowest, 65535, "a port")
    except NumberError:
        raise ValueError(f"port {port_text!r} in {text!r} is not a number from {lowest} to 65535") from None
