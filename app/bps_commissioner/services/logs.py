"""The program's log: one rotating file in the user's data folder, crashes included.

:func:`setup_logging` (called by the CLI's ``main`` for every command, the window
included) sends the standard library's logging to ``<data folder>/logs/bps-commissioner.log``
(services/paths.py; ``--log-file PATH`` elsewhere), at INFO (DEBUG with ``-v``), rotated at
1 MB with five old files kept. It also points :mod:`faulthandler` at that file (a hard crash
of the interpreter, even under ``pythonw`` on Windows, leaves its Python stacks there) and
installs ``sys.excepthook`` and ``threading.excepthook``, which write an uncaught exception's
traceback to the log before the previous hook runs.

What is logged is what a support call needs: the command and its options, each link opened,
lost and restored, each job's start and end (with its fault kind), each write to a unit.
Secrets never reach the file: the formatter replaces every secret it knows (the values of the
``BPS_*`` secret variables, every :class:`~bps_commissioner.services.secrets.Secret` made so
far, the ones :func:`add_secret` was told about) by a placeholder,
in messages and tracebacks alike, and :func:`command_line` hides the value of an option
that carries one (``--community``).
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import Any, Callable, Sequence

from bps_commissioner.services.paths import data_dir
from bps_commissioner.services.secrets import HIDDEN, Secret, known

LOG_NAME = "bps-commissioner.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"
#: Environment variables whose values are secrets (services/secrets.py, services/credentials.py).
SECRET_ENV = ("BPS_SNMP_AUTH_KEY", "BPS_SNMP_PRIV_KEY", "BPS_TELNET_PASSWORD", "BPS_SNMP_COMMUNITY")
#: Options whose value is a secret (a read community may be typed on the command line).
SECRET_OPTIONS = ("--community", "--read-community", "--write-community", "--password", "--auth-key", "--priv-key")

log = logging.getLogger("bps_commissioner")

_known: set[str] = set()
_lock = threading.Lock()
_handler: logging.Handler | None = None
_console: logging.Handler | None = None
_previous_hooks: dict[str, Any] = {}


def log_dir() -> Path:
    """The folder of the default log file (Help > Open the log folder opens it)."""
    return data_dir() / "logs"


def default_log_path() -> Path:
    return log_dir() / LOG_NAME


def add_secret(*values: Secret | str | None) -> None:
    """Never write these values to the log (a secret typed in a dialog or at a prompt)."""
    with _lock:
        for value in values:
            text = value.reveal() if isinstance(value, Secret) else value
            if text and len(text) >= 3:
                _known.add(text)


def scrub_secrets(text: str) -> str:
    """``text`` without any secret the log knows of."""
    with _lock:
        secrets = set(_known)
    secrets.update(known())
    secrets.update(v for v in (os.environ.get(name) for name in SECRET_ENV) if v and len(v) >= 3)
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, HIDDEN)
    return text


class ScrubbingFormatter(logging.Formatter):
    """The standard format, with every known secret replaced (message and traceback)."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub_secrets(super().format(record))


def command_line(argv: Sequence[str]) -> str:
    """The command line as text, the value of a secret-carrying option hidden."""
    out: list[str] = []
    hide_next = False
    for arg in argv:
        if hide_next:
            out.append(HIDDEN)
            hide_next = False
            continue
        name, eq, _value = arg.partition("=")
        secret = len(name) > 3 and any(option.startswith(name) for option in SECRET_OPTIONS)
        if secret and eq:
            out.append(f"{name}={HIDDEN}")
        else:
            out.append(arg)
            hide_next = secret
    return scrub_secrets(" ".join(out))


class _RotatingFile(logging.handlers.RotatingFileHandler):
    """A rotating file whose new file after a rollover gets the crash dumps too."""

    def doRollover(self) -> None:
        super().doRollover()
        _point_faulthandler(self)


class _Stderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Logs on the *current* sys.stderr (which tests and the window may replace)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property  # type: ignore[override]
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def _point_faulthandler(handler: logging.FileHandler) -> None:
    stream = getattr(handler, "stream", None)
    try:
        if stream is not None:
            faulthandler.enable(file=stream, all_threads=True)
    except (ValueError, OSError, RuntimeError, AttributeError):  # no file descriptor
        pass


def setup_logging(level: int = logging.INFO, path: str | os.PathLike[str] | None = None, *,
                  console: bool = False) -> Path:
    """Log to ``path`` (default: :func:`default_log_path`) at ``level``; with ``console``
    also on stderr. Installs faulthandler and the exception hooks. Called again, it replaces
    its own handlers (never another library's). Returns the log file's path."""
    global _handler, _console
    target = Path(path) if path else default_log_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    handler = _RotatingFile(target, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    handler.setFormatter(ScrubbingFormatter(FORMAT))
    handler.setLevel(level)
    root = logging.getLogger()
    root.addHandler(handler)
    _point_faulthandler(handler)  # before the old file closes: faulthandler keeps its descriptor
    old, _handler = _handler, handler
    if old is not None:
        root.removeHandler(old)
        old.close()
    if _console is not None:
        root.removeHandler(_console)
        _console = None
    if console:
        _console = _Stderr()
        _console.setFormatter(ScrubbingFormatter("%(levelname)s %(name)s: %(message)s"))
        _console.setLevel(level)
        root.addHandler(_console)
    root.setLevel(level)
    logging.captureWarnings(True)
    install_hooks()
    return target


def close_logging() -> None:
    """Remove this module's handlers (tests; the hooks stay and still log to whatever is left)."""
    global _handler, _console
    root = logging.getLogger()
    try:  # faulthandler must not keep the descriptor of a file that closes
        if sys.__stderr__ is not None:
            faulthandler.enable(file=sys.__stderr__, all_threads=True)
        else:
            faulthandler.disable()
    except (ValueError, OSError, RuntimeError, AttributeError):
        faulthandler.disable()
    for handler in (_handler, _console):
        if handler is not None:
            root.removeHandler(handler)
            handler.close()
    _handler = _console = None
    root.setLevel(logging.WARNING)


def log_path() -> Path | None:
    """The file the log goes to now (None before :func:`setup_logging`)."""
    handler = _handler
    return Path(handler.baseFilename) if isinstance(handler, logging.FileHandler) else None


def log_exception(what: str, exc_type: type[BaseException], exc: BaseException | None,
                  tb: TracebackType | None) -> None:
    log.critical("%s: %s", what, getattr(exc_type, "__name__", exc_type), exc_info=(exc_type, exc, tb))
    for h in logging.getLogger().handlers:
        try:
            h.flush()
        except Exception:
            pass


def _excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if not issubclass(exc_type, KeyboardInterrupt):
        log_exception("uncaught exception", exc_type, exc, tb)
    previous = _previous_hooks.get("sys") or sys.__excepthook__
    previous(exc_type, exc, tb)
    report = _previous_hooks.get("report")
    if report is not None and not issubclass(exc_type, KeyboardInterrupt):
        report(exc_type, exc, tb)


def _thread_excepthook(args: Any) -> None:
    if args.exc_type is not SystemExit:
        name = args.thread.name if args.thread is not None else "a thread"
        log_exception(f"uncaught exception in thread {name}", args.exc_type, args.exc_value, args.exc_traceback)
    previous = _previous_hooks.get("threading") or threading.__excepthook__
    previous(args)
    report = _previous_hooks.get("report")
    if report is not None and args.exc_type is not SystemExit:
        report(args.exc_type, args.exc_value, args.exc_traceback)


def install_hooks() -> None:
    """``sys.excepthook`` and ``threading.excepthook`` that log, then call the previous ones."""
    if sys.excepthook is not _excepthook:
        _previous_hooks["sys"] = sys.excepthook
        sys.excepthook = _excepthook
    if threading.excepthook is not _thread_excepthook:
        _previous_hooks["threading"] = threading.excepthook
        threading.excepthook = _thread_excepthook


def set_crash_reporter(report: Callable[[type[BaseException], BaseException, TracebackType | None], None] | None
                       ) -> None:
    """Call ``report`` (the window's crash dialog) after an uncaught exception is logged; None: no more."""
    install_hooks()
    _previous_hooks["report"] = report


def job_name(job: Any) -> str:
    """A job's name for the log (its function's, never its arguments)."""
    func = getattr(job, "func", job)  # functools.partial
    return getattr(func, "__qualname__", None) or type(func).__name__


__all__ = ["LOG_NAME", "SECRET_ENV", "SECRET_OPTIONS", "ScrubbingFormatter", "add_secret", "close_logging",
           "command_line", "default_log_path", "install_hooks", "job_name", "log_dir", "log_exception", "log_path",
           "scrub_secrets", "set_crash_reporter", "setup_logging"]
