"""Colours and spacing shared by the window's panels, in one place.

The colours follow the unit's own web page (green normal, orange warning, red alarm) in
shades dark enough for text on white (WCAG AA); a state is never shown by colour alone
(an icon and a word go with it, see ui/state.py). Panels take their colours and margins
from here instead of writing hex codes of their own.
"""

from __future__ import annotations

# text colours
OK_COLOUR = "#2e7d32"  # green: normal, passed, applied
WARN_COLOUR = "#8a3c00"  # orange-brown: warning, unconfirmed
ERROR_COLOUR = "#b71c1c"  # red: alarm, failed
INFO_COLOUR = "#0d47a1"  # blue: information, limits
MUTED_COLOUR = "#616161"  # grey: waiting, offline, not connected
TEXT_COLOUR = "#202020"
CONFLICT_COLOUR = "#6a1b9a"  # purple: address conflict

# backgrounds (tints behind the text colours above)
OK_TINT = "#e8f5e9"
WARN_TINT = "#fff0db"
ERROR_TINT = "#ffe3e3"
INFO_TINT = "#e3f2fd"
CONFLICT_TINT = "#f3e5f5"
HEADER_TINT = "#eceff1"

# spacing, in pixels
MARGIN = 4  # around a panel's contents
SPACING = 6  # between the widgets of a form
BANNER_MARGINS = (8, 6, 4, 6)


def error_text_style() -> str:
    """A style sheet for a label that shows an error."""
    return f"color: {ERROR_COLOUR};"


def warn_text_style() -> str:
    return f"color: {WARN_COLOUR};"


def frame_style(object_name: str, colour: str, tint: str) -> str:
    """A style sheet for a framed notice (``QFrame#name``) in one of the colours above."""
    return f"QFrame#{object_name} {{ background: {tint}; border: 1px solid {colour}; }}"


__all__ = [
    "BANNER_MARGINS", "CONFLICT_COLOUR", "CONFLICT_TINT", "ERROR_COLOUR", "ERROR_TINT", "HEADER_TINT", "INFO_COLOUR",
    "INFO_TINT", "MARGIN", "MUTED_COLOUR", "OK_COLOUR", "OK_TINT", "SPACING", "TEXT_COLOUR", "WARN_COLOUR",
    "WARN_TINT", "error_text_style", "frame_style", "warn_text_style",
]

# further shades of the window's views (chain tree, dashboard, diagnostics, plots, banners)
STATE_WARN_COLOUR = "#c25e00"  # a unit's warning state in the chain tree (icon and word beside it)
STATE_ALARM_COLOUR = "#c62828"  # a unit's alarm state in the chain tree
NORMAL_VALUE_COLOUR = "#1b5e20"  # dark green: a value in its normal range, a received frame
ABSENT_COLOUR = "#757575"  # grey: a probe not connected, no such phase
STALE_COLOUR = "#9e9e9e"  # light grey: a value from a poll that is no longer the latest
BANNER_CONFLICT_COLOUR = "#4a148c"  # deep purple: a conflict banner's text and border
NOTICE_TINT = "#fff6e8"  # the security findings strip
NOTICE_BORDER = "#e0b070"
SUBTLE_COLOUR = "#555555"  # dark grey: a subtitle, advice under a finding
PHASE_COLOURS = {"L1": "#8d4e2a", "L2": "#1a1a1a", "L3": "#8a8a8a"}  # plot lines (told apart by dashes too)

__all__ += [
    "ABSENT_COLOUR", "BANNER_CONFLICT_COLOUR", "NORMAL_VALUE_COLOUR", "NOTICE_BORDER", "NOTICE_TINT", "PHASE_COLOURS",
    "STALE_COLOUR", "SUBTLE_COLOUR", "STATE_ALARM_COLOUR", "STATE_WARN_COLOUR",
]
