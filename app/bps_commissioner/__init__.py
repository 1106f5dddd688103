"""BPS Commissioner: commissioning tool for chains of BKT BPS2000v2 monitored PDUs."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("bps-commissioner")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"
