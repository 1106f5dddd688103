"""A batch of hosts, one after another, and the batch as a job (services/jobs.py).

:func:`flash_job` is how both the window and the CLI run a flash: the window submits it on
its link manager's network worker and observes it, the CLI waits for it with
:func:`~bps_commissioner.services.jobs.run_job`. Its progress carries data, never text to
read back: each :class:`~bps_commissioner.services.flash.model.FlashEvent` as a Progress
whose ``step`` is the event's step and ``data["event"]`` the event itself (done/total: the
upload's bytes, the seconds of the restart countdown); each host's
:class:`~bps_commissioner.services.flash.model.FlashResult`, when the host is done, as a
Progress with step :data:`HOST_DONE`, ``data["result"]`` the result and done/total the hosts
done of the batch. The job's value: the list of results."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Callable

from bps_commissioner.services.flash.access import FlashHooks
from bps_commissioner.services.flash.host import flash_host
from bps_commissioner.services.flash.model import FAILED, Firmware, FlashEvent, FlashResult, FlashSettings, FlashTarget

if TYPE_CHECKING:
    from bps_commissioner.services.worker import JobContext

#: The Progress step of a host's result (``data["result"]``: the FlashResult).
HOST_DONE = "host-done"


def flash_hosts(firmware: Firmware, targets: list[FlashTarget] | tuple[FlashTarget, ...],
                settings: FlashSettings | None = None, hooks: FlashHooks | None = None,
                on_result: Callable[[FlashResult], None] | None = None) -> list[FlashResult]:
    """Flash ``targets`` one after another. A failed host does not stop the batch; a cancel
    does: the hosts not started are reported failed with cause ``cancelled``."""
    settings = settings or FlashSettings()
    hooks = hooks or FlashHooks()
    results: list[FlashResult] = []
    for target in targets:
        if results and results[-1].cause == "cancelled" or (hooks.should_stop() and results):
            result = FlashResult(target.host, FAILED, error="not flashed: the batch was cancelled", cause="cancelled")
        else:
            result = flash_host(firmware, target, settings, hooks)
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results


def result_text(result: FlashResult) -> str:
    """One line for a log: ``host: ok`` or ``host: failed: why``."""
    return f"{result.host}: {result.result}" + (f": {result.error}" if result.error else "")


def flash_job(firmware: Firmware, targets: list[FlashTarget], settings: FlashSettings, *,
              confirmed: bool | None = None, password: Any = None, hooks: FlashHooks | None = None,
              on_event: Callable[[FlashEvent], None] | None = None) -> Callable[["JobContext"], list[FlashResult]]:
    """A batch as a job (it opens its own Telnet and TFTP connections: the unit restarts).

    ``hooks``: the caller's answers (confirmation, restore question, password, the Modbus
    link runner; called in the worker's thread); ``confirmed`` / ``password``, when given,
    replace its confirmation and password. Cancelling the job cancels the batch at its next
    safe point (as does ``hooks.should_stop``). Progress: see the module's description."""
    base = hooks or FlashHooks()
    if confirmed is not None:
        base = dataclasses.replace(base, confirm=lambda *_: confirmed)
    if password is not None:
        base = dataclasses.replace(base, password=lambda _t: password)

    def job(ctx: "JobContext") -> list[FlashResult]:
        def report(e: FlashEvent) -> None:
            if on_event is not None:
                on_event(e)
            if e.upload is not None:
                done, total = e.upload.bytes_done, e.upload.bytes_total
            elif e.remaining is not None and e.total:
                done, total = int(e.total - e.remaining), int(e.total)
            else:
                done, total = 0, 0
            ctx.progress(done, total, f"{e.host}: {e.text}", step=e.step, host=e.host, event=e)

        finished: list[FlashResult] = []

        def host_done(r: FlashResult) -> None:
            finished.append(r)
            ctx.progress(len(finished), len(targets), result_text(r), step=HOST_DONE, host=r.host, result=r)

        own_stop = base.should_stop
        hooks_ = dataclasses.replace(base, on_event=report, should_stop=lambda: ctx.cancelled or own_stop())
        return flash_hosts(firmware, targets, settings, hooks_, on_result=host_done)

    return job


__all__ = ["HOST_DONE", "flash_hosts", "flash_job", "result_text"]
