"""Where the GUI keeps what it remembers: QSettings in an INI file per user.

The INI format everywhere (not the Windows registry) so that a user's settings are one
file they can delete or copy; Qt puts it in the per-user configuration folder
(%APPDATA% on Windows, ~/.config on Linux), never in the install folder. Window geometry
and dock layout live under ``window/``, user choices under their own groups.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANIZATION = "bps-commissioner"
APPLICATION = "bps-commissioner"


def settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)
