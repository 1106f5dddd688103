"""Where SNMPv3 keys and the Telnet password come from, without ever showing them.

In this order: the environment (``BPS_SNMP_AUTH_KEY``, ``BPS_SNMP_PRIV_KEY``,
``BPS_TELNET_PASSWORD``), the operating system's keyring (Windows Credential Manager,
macOS Keychain, Secret Service) where the user chose to save them, or a hidden prompt when
running at a terminal. Never from a command-line argument (other users can read a
process's arguments) and never from or into a settings file.

A value travels as a :class:`Secret`, whose ``repr`` and ``str`` are a placeholder, so a
log line, a trace or an exception message that picks one up by accident shows nothing;
only :meth:`Secret.reveal` gives the text, at the point where a protocol library needs it.
:func:`scrub` removes a secret from text (e.g. a Telnet dialogue shown after a parse
failure) in case a device echoes it.
"""

from __future__ import annotations

import getpass
import os
import sys
from dataclasses import dataclass
from typing import Callable, Mapping

KEYRING_SERVICE = "bps-commissioner"
HIDDEN = "********"

#: Every secret value this process has held, for the log to scrub (services/logs.py).
_SEEN: set[str] = set()


def known() -> frozenset[str]:
    """The secret values met so far (never shown: the log replaces them by a placeholder)."""
    return frozenset(_SEEN)


@dataclass(frozen=True)
class SecretKind:
    env: str  # environment variable
    label: str  # for prompts and messages
    keyring_prefix: str  # the keyring entry is "<prefix>:<user>@<host>"


SNMP_AUTH_KEY = SecretKind("BPS_SNMP_AUTH_KEY", "SNMPv3 authentication key", "snmp-auth")
SNMP_PRIV_KEY = SecretKind("BPS_SNMP_PRIV_KEY", "SNMPv3 privacy key", "snmp-priv")
TELNET_PASSWORD = SecretKind("BPS_TELNET_PASSWORD", "Telnet password", "telnet")


class SecretUnavailable(Exception):
    """No source had the secret. The message says how to provide it (never a value)."""


class Secret:
    """A secret string that does not show itself."""

    __slots__ = ("_value", "source")

    def __init__(self, value: str, source: str) -> None:
        self._value = value
        self.source = source
        if value and len(value) >= 3:
            _SEEN.add(value)  # "environment", "keyring" or "prompt"

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return f"Secret({HIDDEN}, from {self.source})"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return repr(self)

    def __reduce__(self) -> None:  # type: ignore[override]
        raise TypeError("a Secret is not pickled")

    def __len__(self) -> int:
        return len(self._value)


def keyring_account(kind: SecretKind, user: str, host: str) -> str:
    return f"{kind.keyring_prefix}:{user}@{host}"


def _keyring_get(account: str) -> str | None:
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, account)
    except Exception:  # no backend, locked, D-Bus missing: the keyring is simply not a source
        return None


def lookup(kind: SecretKind, *, user: str, host: str, interactive: bool | None = None,
           environ: Mapping[str, str] | None = None,
           prompt: Callable[[str], str] | None = None) -> Secret:
    """The secret of ``kind`` for ``user`` at ``host``: environment, keyring, hidden prompt.

    ``interactive`` (default: stdin is a terminal) allows the prompt; ``prompt`` replaces
    :func:`getpass.getpass` (tests). Raises :class:`SecretUnavailable`."""
    env = os.environ if environ is None else environ
    value = env.get(kind.env)
    if value:
        return Secret(value, "environment")
    stored = _keyring_get(keyring_account(kind, user, host))
    if stored:
        return Secret(stored, "keyring")
    if interactive is None:
        interactive = sys.stdin is not None and sys.stdin.isatty()
    if interactive:
        ask = prompt or (lambda text: getpass.getpass(text, stream=sys.stderr))
        try:
            value = ask(f"{kind.label} for {user}@{host}: ")
        except (EOFError, OSError):
            value = ""
        if value:
            return Secret(value, "prompt")
        raise SecretUnavailable(f"no {kind.label} was entered")
    raise SecretUnavailable(
        f"no {kind.label} for {user}@{host}: set the environment variable {kind.env}, save it in the "
        f"system keyring (run once at a terminal with --save-secrets), or run at a terminal to be asked")


def save(kind: SecretKind, user: str, host: str, secret: Secret) -> str | None:
    """Store ``secret`` in the system keyring; None on success, else why not (no value)."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, keyring_account(kind, user, host), secret.reveal())
    except Exception as exc:
        return f"the system keyring is not available ({type(exc).__name__})"
    return None


def forget(kind: SecretKind, user: str, host: str) -> bool:
    """Remove a saved secret; True when one was removed."""
    try:
        import keyring

        keyring.delete_password(KEYRING_SERVICE, keyring_account(kind, user, host))
    except Exception:
        return False
    return True


def scrub(text: str, *secrets: Secret | str | None) -> str:
    """``text`` with every occurrence of the given secrets replaced by a placeholder."""
    for secret in secrets:
        value = secret.reveal() if isinstance(secret, Secret) else secret
        if value:
            text = text.replace(value, HIDDEN)
    return text


__all__ = ["HIDDEN", "KEYRING_SERVICE", "SNMP_AUTH_KEY", "SNMP_PRIV_KEY", "TELNET_PASSWORD", "Secret",
           "SecretKind", "SecretUnavailable", "forget", "keyring_account", "known", "lookup", "save", "scrub"]
