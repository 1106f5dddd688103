"""A support bundle: one zip a user sends with a support call, with no secret in it.

:func:`write_bundle` puts into ``FILE.zip``: ``README.txt`` (what is inside),
``versions.txt`` (OS, Python, Qt, PySide6, pyqtgraph, pymodbus, pysnmp, pyserial, the
program), ``self-test.txt`` (the caller's self-test result, or a note why it was not run),
``settings.txt`` (the window's settings file, key = value, any key whose name could carry
a secret removed), ``logs/`` (every file of the log folder, services/logs.py) and
``audit/audit.jsonl`` (the audit log, services/audit.py).

No secret goes in: every text file is scrubbed again (the log already is) of every secret
the log knows, the value of every ``BPS_*`` environment variable (but the program's own
``BPS_COMMISSIONER_*`` settings, which are paths and flags) and the secrets found in the
keyring for the hosts and users the settings name. The zip is written to a temporary file
beside ``FILE.zip`` and renamed, so a failure leaves no half bundle.
"""

from __future__ import annotations

import importlib.metadata
import os
import platform
import re
import sys
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable, Mapping

from bps_commissioner import __version__
from bps_commissioner.services import secrets
from bps_commissioner.services.audit import default_audit_path
from bps_commissioner.services.credentials import SNMP_COMMUNITY
from bps_commissioner.services.logs import log_dir, log_path, scrub_secrets
from bps_commissioner.services.paths import replacing

#: Distributions whose versions a support call needs (name shown, distribution names tried).
LIBRARIES = (("PySide6", ("PySide6", "PySide6-Essentials")), ("pyqtgraph", ("pyqtgraph",)),
             ("pymodbus", ("pymodbus",)), ("pysnmp", ("pysnmp", "pysnmp-lextudio")),
             ("pyserial", ("pyserial",)), ("keyring", ("keyring",)))
#: A settings key holding one of these words (any case) loses its value in the bundle.
SECRET_WORDS = ("password", "passwd", "community", "key", "secret", "token", "auth", "priv", "credential")
REMOVED = "(removed: the key's name says it may hold a secret)"
#: Environment variables of the program itself that are not secrets.
OWN_ENV_PREFIX = "BPS_COMMISSIONER_"
SECRET_KINDS = (secrets.SNMP_AUTH_KEY, secrets.SNMP_PRIV_KEY, secrets.TELNET_PASSWORD, SNMP_COMMUNITY)
#: Users tried in the keyring besides those the settings name (the factory account, the usual one).
USUAL_USERS = ("", "admin", "bkt")
MAX_NAMES = 40
_HOST = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-]*[A-Za-z0-9]|\[[0-9A-Fa-f:]+\]")

NOT_RUN = ("The self-test was not run for this bundle. Run `bps-commissioner self-test` "
           "(the installer's Start menu has it too) and send its output as well.\n")


def versions() -> str:
    """One line per component: the OS, Python, Qt, the libraries and the program."""
    lines = [f"BPS Commissioner: {__version__}",
             f"OS: {platform.platform()} ({platform.machine() or 'unknown machine'})",
             f"Python: {platform.python_version()} ({platform.architecture()[0]}, {sys.executable})"]
    try:
        from PySide6.QtCore import qVersion

        lines.append(f"Qt: {qVersion()}")
    except Exception as exc:  # noqa: BLE001 - a broken Qt is worth reporting, not failing on
        lines.append(f"Qt: not available ({type(exc).__name__})")
    for shown, names in LIBRARIES:
        lines.append(f"{shown}: {_version(names)}")
    return "\n".join(lines) + "\n"


def _version(names: Iterable[str]) -> str:
    for name in names:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    if "PySide6" in names:
        try:
            import PySide6

            return str(PySide6.__version__)
        except Exception:  # noqa: BLE001
            pass
    return "not installed"


def settings_items(store: Any) -> dict[str, str]:
    """A QSettings' keys and values as text (a byte array shown as its size only)."""
    items: dict[str, str] = {}
    for key in store.allKeys():
        items[str(key)] = _text(store.value(key))
    return items


def _text(value: Any) -> str:
    if isinstance(value, (bytes, bytearray)) or type(value).__name__ == "QByteArray":
        return f"<{len(value)} bytes>"
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(v) for v in value)
    return "" if value is None else str(value)


def secret_key(key: str) -> bool:
    """True when a settings key's name says its value may be a secret."""
    lower = key.lower()
    return any(word in lower for word in SECRET_WORDS)


def settings_text(items: Mapping[str, str] | None, settings_file: str | None) -> str:
    head = f"# The window's settings file: {settings_file or 'unknown'}\n"
    if items is None:
        return head + "# (not read)\n"
    if not items:
        return head + "# (empty: the window has not saved anything yet)\n"
    return head + "".join(f"{key} = {REMOVED if secret_key(key) else value}\n" for key, value in sorted(items.items()))


def env_secrets(environ: Mapping[str, str] | None = None) -> set[str]:
    """The values of the ``BPS_*`` environment variables (but the program's own settings)."""
    env = os.environ if environ is None else environ
    return {value for name, value in env.items()
            if name.startswith("BPS_") and not name.startswith(OWN_ENV_PREFIX) and value and len(value) >= 3}


def keyring_secrets(texts: Iterable[str]) -> set[str]:
    """Secrets the keyring holds for every user and host named in ``texts`` (the settings)."""
    tokens = {t for text in texts for t in _HOST.findall(text)}
    hosts = sorted(t for t in tokens if "." in t or ":" in t or t.lower() == "localhost")[:MAX_NAMES]
    users = sorted(set(USUAL_USERS) | {t for t in tokens if "." not in t and len(t) <= 32})[:MAX_NAMES]
    found: set[str] = set()
    try:
        import keyring
    except Exception:  # noqa: BLE001 - no keyring: nothing to find
        return found
    for kind in SECRET_KINDS:
        for user in users if kind is not SNMP_COMMUNITY else ("",):
            for host in hosts:
                try:
                    value = keyring.get_password(secrets.KEYRING_SERVICE, secrets.keyring_account(kind, user, host))
                except Exception:  # noqa: BLE001 - a locked or absent backend is not a source
                    return found
                if value and len(value) >= 3:
                    found.add(value)
    return found


def scrub(text: str, extra: Iterable[str]) -> str:
    """``text`` without any secret the log knows nor any of ``extra``."""
    return secrets.scrub(scrub_secrets(text), *sorted(set(extra), key=len, reverse=True))


def log_files() -> list[Path]:
    """The files of the log folder, and the current log file when it is elsewhere (--log-file)."""
    files = sorted(p for p in log_dir().glob("*") if p.is_file()) if log_dir().is_dir() else []
    current = log_path()
    if current is not None and current.is_file() and current.resolve() not in {p.resolve() for p in files}:
        files.append(current)
    return files


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


def readme(names: Iterable[str], created: str) -> str:
    described = {
        "versions.txt": "the operating system, Python, Qt and library versions, and the program's",
        "self-test.txt": "the self-test's result (whether this installation is whole), or why it was not run",
        "settings.txt": "the window's settings (window layout, language, recent connections); a key whose name "
                        "could hold a secret has its value removed",
    }
    lines = ["BPS Commissioner support bundle", f"Created {created} by BPS Commissioner {__version__}.", "",
             "Send this file with a description of what you did and what you saw.", "", "Contents:"]
    for name in names:
        if name in described:
            lines.append(f"  {name}: {described[name]}")
        elif name.startswith("logs/"):
            lines.append(f"  {name}: the program's log (links, jobs, writes, errors; rotated at 1 MB)")
        elif name == "audit/none.txt":
            lines.append(f"  {name}: there is no audit log yet (no change was made to a unit)")
        elif name.startswith("audit/"):
            lines.append(f"  {name}: the audit log, every change made to a unit (intent and outcome lines)")
    lines += ["", "No password, SNMP community or SNMPv3 key is in this bundle: every file was scrubbed of "
              "the secrets known from the environment (BPS_* variables), the system keyring and this "
              f"session; where one appeared it reads {secrets.HIDDEN}.", ""]
    return "\n".join(lines)


def write_bundle(out: str | os.PathLike[str], *, self_test: str | None = None,
                 settings: Mapping[str, str] | None = None, settings_file: str | None = None,
                 logs: Iterable[Path] | None = None, audit: Path | None = None,
                 environ: Mapping[str, str] | None = None) -> list[str]:
    """Write the support bundle to ``out`` (a .zip); returns the names inside. Raises OSError."""
    settings_values = list(settings.values()) if settings else []
    extra = env_secrets(environ) | keyring_secrets(settings_values + list(settings or {}))
    files: dict[str, str] = {
        "versions.txt": versions(),
        "self-test.txt": self_test if self_test is not None else NOT_RUN,
        "settings.txt": settings_text(settings, settings_file),
    }
    for path in log_files() if logs is None else logs:
        files[f"logs/{path.name}"] = _read(path)
    audit_path = default_audit_path() if audit is None else audit
    if audit_path.is_file():
        files[f"audit/{audit_path.name}"] = _read(audit_path)
    else:
        files["audit/none.txt"] = f"No audit log at {audit_path}: no change has been made to a unit.\n"
    created = datetime.now().astimezone().isoformat(timespec="seconds")
    names = ["README.txt", *files]
    files = {"README.txt": readme(names, created), **files}
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    with replacing(target, prefix=".support-", suffix=".zip") as tmp, \
            zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, scrub(text, extra))
    return names


__all__ = ["NOT_RUN", "REMOVED", "env_secrets", "keyring_secrets", "log_files", "secret_key", "settings_items",
           "settings_text", "versions", "write_bundle"]
