"""The window's Modbus link runner for a flash: a threshold read or restore of a master that
a worker already polls runs as a job on that worker, over its connection; no second
connection is opened to the unit. A master that is not polled gets a connection of its own
(:func:`~bps_commissioner.services.flash.access.run_on_own_link`), as in the CLI.

The flash itself is a job of the manager's network worker; from that thread the runner
queues ``fn(ctx.link)`` on the polling worker (priority WRITE: before the next poll) and
waits for it on a threading.Event set by the job itself, so the wait needs neither the GUI
thread nor its event loop. Which masters are polled is read when the runner is made (in
the GUI thread, the manager's); a link removed meanwhile falls back to a connection of its
own."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Any, Callable

from bps_commissioner.device.faults import FaultKind
from bps_commissioner.services.endpoints import TcpEndpoint
from bps_commissioner.services.flash.access import LinkRunner, run_on_own_link
from bps_commissioner.services.flash.model import FlashTarget
from bps_commissioner.services.worker import JobContext, Priority
from bps_commissioner.transport.errors import LinkError

if TYPE_CHECKING:
    from bps_commissioner.services.manager import LinkManager


class LinkGone(LookupError):
    """The link is no longer in the manager (removed by the user)."""


def polled_masters(manager: "LinkManager") -> dict[tuple[str, int], str]:
    """(host, Modbus TCP port) -> link key, for the manager's Modbus TCP links. Call it in
    the manager's thread."""
    out = {}
    for key in manager.keys():
        endpoint = manager.endpoint(key)
        if isinstance(endpoint, TcpEndpoint):
            out[(endpoint.host, endpoint.port)] = key
    return out


def run_on_worker(manager: "LinkManager", key: str, fn: Callable[[Any], Any], timeout: float,
                  *, unit: int | None = None, wait_limit: float | None = None) -> Any:
    """``fn(link)`` as a job on the worker of ``key``; blocks the calling thread (not the
    manager's) until it has run and returns its value or raises its exception. A job that
    has not ended after ``wait_limit`` seconds (default ``3 * timeout + 10``) is cancelled
    and a LinkError of kind timeout raised. ``unit``: its thresholds are read again by the
    next poll (they may have changed). Raises :class:`LinkGone` when the link is gone."""
    done = threading.Event()
    box: dict[str, Any] = {}

    def job(ctx: JobContext) -> Any:
        try:
            box["value"] = fn(ctx.link)
            return box["value"]
        except BaseException as exc:
            box["error"] = exc
            raise
        finally:
            done.set()

    try:
        job_id = manager.submit(key, job, Priority.WRITE)
    except KeyError:
        raise LinkGone(key) from None
    limit = 3 * timeout + 10 if wait_limit is None else wait_limit
    deadline = time.monotonic() + limit
    while not done.wait(0.05):
        if time.monotonic() >= deadline:
            manager.cancel(key, job_id)
            raise LinkError(f"the link {key} did not get to the request within {limit:.0f} s",
                            kind=FaultKind.TIMEOUT, waited=limit)
    if unit is not None:
        try:
            manager.refresh_thresholds(key, unit)
        except KeyError:
            pass
    if "error" in box:
        raise box["error"]
    return box["value"]


def manager_link_runner(manager: "LinkManager", fallback: LinkRunner = run_on_own_link) -> LinkRunner:
    """A ``FlashHooks.run_on_link`` for the window: through the worker that polls the
    target's Modbus TCP host and port, else ``fallback``. Make it in the manager's thread."""
    polled = polled_masters(manager)

    def run(target: FlashTarget, fn: Callable[[Any], Any], timeout: float) -> Any:
        key = polled.get((target.host, target.modbus_port))
        if key is not None:
            try:
                return run_on_worker(manager, key, fn, timeout, unit=target.unit)
            except LinkGone:  # the link was removed during the flash: not polled any more
                pass
        return fallback(target, fn, timeout)

    return run


__all__ = ["LinkGone", "manager_link_runner", "polled_masters", "run_on_worker"]
