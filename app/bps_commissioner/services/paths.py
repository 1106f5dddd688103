"""Where the program keeps the user's files: never the install folder.

``$BPS_COMMISSIONER_DATA_DIR`` when set (tests, portable installs), else platformdirs'
per-user data folder: on Windows ``%LOCALAPPDATA%\\BKT\\bps-commissioner``, on Linux
``~/.local/share/bps-commissioner``.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "bps-commissioner"
APP_AUTHOR = "BKT"
ENV_DATA_DIR = "BPS_COMMISSIONER_DATA_DIR"


def data_dir() -> Path:
    env = os.environ.get(ENV_DATA_DIR)
    return Path(env) if env else platformdirs.user_data_path(APP_NAME, APP_AUTHOR)
