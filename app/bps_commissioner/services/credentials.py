"""Secrets the window was given for this session, and where a link finds its secrets.

The CLI asks at a terminal; the window has no terminal. A password or key typed in the
window (the Connect dialog, the Telnet tab) is kept here, in this process's memory only,
for as long as the program runs: never in a settings file, a log or a message. When the
user ticks "remember", it also goes to the system keyring through
:func:`bps_commissioner.services.secrets.save`.

A link looks its secrets up when it opens (in its worker thread), by kind, user and host:
first what was typed in this session, then the sources of
:func:`~bps_commissioner.services.secrets.lookup` (the environment, the keyring), never a
prompt. Endpoints and requests therefore carry no secret: they travel in signals and
settings, and may be printed.

The v1/v2c community is treated as a secret too (it is a cleartext password): kind
:data:`SNMP_COMMUNITY`, stored per host (user "").
"""

from __future__ import annotations

import threading

from bps_commissioner.services import secrets
from bps_commissioner.services.secrets import Secret, SecretKind, SecretUnavailable

#: The SNMP v1/v2c community of a host (keyring entry "snmp-community:@HOST").
SNMP_COMMUNITY = SecretKind("BPS_SNMP_COMMUNITY", "SNMP community", "snmp-community")


class SessionSecrets:
    """Secrets typed in the window, by (kind, user, host); in memory only. Thread-safe:
    the GUI thread stores, link workers read."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._store: dict[tuple[str, str, str], Secret] = {}

    @staticmethod
    def _key(kind: SecretKind, user: str, host: str) -> tuple[str, str, str]:
        return kind.keyring_prefix, user, host.lower()

    def put(self, kind: SecretKind, user: str, host: str, value: str | Secret) -> Secret:
        secret = value if isinstance(value, Secret) else Secret(value, "window")
        with self._lock:
            self._store[self._key(kind, user, host)] = secret
        return secret

    def get(self, kind: SecretKind, user: str, host: str) -> Secret | None:
        with self._lock:
            return self._store.get(self._key(kind, user, host))

    def has(self, kind: SecretKind, user: str, host: str) -> bool:
        return self.get(kind, user, host) is not None

    def forget(self, kind: SecretKind, user: str, host: str) -> None:
        with self._lock:
            self._store.pop(self._key(kind, user, host), None)

    def clear(self) -> None:
        with self._lock:
            self._store.clear()

    def __repr__(self) -> str:  # never the values; not even which hosts
        with self._lock:
            return f"SessionSecrets({len(self._store)} held)"


#: The process's store (the window's Connect dialog and Telnet tab fill it).
SESSION = SessionSecrets()


def find_secret(kind: SecretKind, user: str, host: str, *, session: SessionSecrets | None = None) -> Secret:
    """The secret of ``kind`` for ``user`` at ``host``: typed in this session, else from the
    environment or the system keyring. Raises :class:`SecretUnavailable` (its message names
    the kind, the user and the host, never a value)."""
    store = SESSION if session is None else session
    found = store.get(kind, user, host)
    if found is not None:
        return found
    return secrets.lookup(kind, user=user, host=host, interactive=False)


def remember(kind: SecretKind, user: str, host: str, value: str | Secret, *, keyring: bool = False,
             session: SessionSecrets | None = None) -> str | None:
    """Keep ``value`` for this session and, with ``keyring``, in the system keyring.
    Returns None, or why the keyring refused (no value in the text)."""
    store = SESSION if session is None else session
    secret = store.put(kind, user, host, value)
    if keyring:
        return secrets.save(kind, user, host, secret)
    return None


__all__ = ["SESSION", "SNMP_COMMUNITY", "SecretUnavailable", "SessionSecrets", "find_secret", "remember"]
