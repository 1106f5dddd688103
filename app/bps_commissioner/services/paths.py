"""Where the program keeps the user's files: never the install folder.

``$BPS_COMMISSIONER_DATA_DIR`` when set (tests, portable installs), else platformdirs'
per-user data folder: on Windows ``%LOCALAPPDATA%\\BKT\\bps-commissioner``, on Linux
``~/.local/share/bps-commissioner``.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import platformdirs

APP_NAME = "bps-commissioner"
APP_AUTHOR = "BKT"
ENV_DATA_DIR = "BPS_COMMISSIONER_DATA_DIR"


def data_dir() -> Path:
    env = os.environ.get(ENV_DATA_DIR)
    return Path(env) if env else platformdirs.user_data_path(APP_NAME, APP_AUTHOR)


@contextmanager
def replacing(target: str | os.PathLike[str], *, prefix: str = ".bps-", suffix: str = ".tmp") -> Iterator[str]:
    """A temporary path beside ``target`` to write the new file to: when the block ends it
    replaces ``target`` in one step; on any error it is removed and ``target`` is untouched,
    so a failed write never leaves half a file. Raises OSError."""
    folder = os.path.dirname(os.path.abspath(os.fspath(target)))
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
    os.close(fd)
    try:
        yield tmp
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
