"""Firmware flashing: pre-flight, confirmation, TFTP upload, restart wait, verification,
threshold backup and restore, for one master or a chain of them, one after another.

The steps for each host (manual section 15 made safe and repeatable):

1. **Pre-flight** (nothing is uploaded yet): the firmware file exists, is readable and not
   empty (:func:`load_firmware`, checked once before any host); with ``verify="telnet"`` a
   Telnet login reads the present firmware version; unless ``backup=False`` the unit's
   alarm thresholds are read over Modbus TCP and saved as a profile file in the user's
   data folder (``backups/``). Either answering shows that the host is there. A failure
   here ends the host with nothing sent.
2. **Confirmation**: ``hooks.confirm(target, preflight)`` must return True (the CLI asks at a
   terminal; the GUI asks before it starts the job). False: nothing is sent.
3. **Upload**: a TFTP write request in octet mode (transport/tftp.py), with progress events
   (bytes, blocks, rate, retransmissions) and cancel (``hooks.should_stop``). An ERROR
   packet from the unit, typically 2 "Access violation" when "Software update" is not
   enabled in the web UI's System Tools, ends the host with that advice and the unit's web
   address; silence ends it after ``give_up`` seconds (30 by default), naming host and port.
4. **Restart**: the unit is probed (a TCP connect to its Telnet port, or a Modbus read, every ``probe_interval``)
   until it has gone away and come back, with a countdown of ``restart_timeout``. It must
   go away within ``gone_timeout``; with Telnet, coming back with a changed version counts
   even if the absence was too short to be seen.
5. **Verify**: ``telnet``: the version read after the restart differs from the one before;
   ``modbus``: the unit answers Modbus again; ``none``: neither waited for nor checked.
6. **Thresholds**: read again, compared with the backup; when they differ they are
   restored (``restore=True``), left (``False``), or ``hooks.ask_restore`` decides
   (``None``). A restore writes with function 06 and reads back (services/thresholds.py),
   recorded in the audit log.

A host's outcome is a :class:`FlashResult`; :func:`flash_hosts` goes on to the next host
after a failure and stops the batch only when the user cancels. Nothing here raises for a
unit's failure. :func:`flash_job` is the batch as a job (services/jobs.py): the window runs
it on its link manager's network worker and observes its Progress (each FlashEvent, then
each host's FlashResult with step :data:`HOST_DONE`); the CLI waits for it with
``run_job``. The Telnet password arrives as a
:class:`~bps_commissioner.services.secrets.Secret` and never appears in a message.

Modbus TCP (the backup, the post-restart comparison and restore, the ``modbus`` restart
probe) goes through ``FlashHooks.run_on_link``: by default a connection of the flasher's
own (the CLI); in the window :func:`manager_link_runner`, which runs it as a job on the
worker that already polls the master, so no second connection is opened to it. Telnet and
TFTP are protocols of their own and open their own connections.

Data folder: ``$BPS_COMMISSIONER_DATA_DIR`` when set (tests, portable installs), else the
user data folder of services/paths.py (the audit log's). Backups are named
``thresholds-<host>-<YYYYmmdd-HHMMSS>.json`` and can be applied again with
``bps-commissioner thresholds apply FILE --tcp HOST --units N``.
"""

from __future__ import annotations

from bps_commissioner.services.audit import default_audit_path
from bps_commissioner.services.flash.access import (
    FlashHooks, LinkRunner, compare_thresholds, read_firmware_version, read_unit_thresholds, run_on_own_link,
    save_backup, telnet_available,
)
from bps_commissioner.services.flash.batch import HOST_DONE, flash_hosts, flash_job, result_text
from bps_commissioner.services.flash.host import flash_host
from bps_commissioner.services.flash.links import manager_link_runner, polled_masters, run_on_worker
from bps_commissioner.services.flash.model import (
    ENABLE_UPDATE_HINT, FAILED, OK, STEPS, UPDATE_WARNING, VERIFY_MODES, Firmware, FirmwareFileError, FlashEvent,
    FlashResult, FlashSettings, FlashTarget, Preflight, ThresholdChange, default_backup_dir, load_firmware, web_url,
)
from bps_commissioner.services.paths import ENV_DATA_DIR, data_dir

__all__ = [
    "ENABLE_UPDATE_HINT", "ENV_DATA_DIR", "FAILED", "HOST_DONE", "OK", "STEPS", "UPDATE_WARNING", "VERIFY_MODES",
    "Firmware", "FirmwareFileError", "FlashEvent", "FlashHooks", "FlashResult", "FlashSettings", "FlashTarget",
    "LinkRunner", "Preflight", "ThresholdChange", "compare_thresholds", "data_dir", "default_audit_path",
    "default_backup_dir", "flash_host", "flash_hosts", "flash_job", "load_firmware", "manager_link_runner",
    "polled_masters", "read_firmware_version", "read_unit_thresholds", "result_text", "run_on_own_link",
    "run_on_worker", "save_backup", "telnet_available", "web_url",
]
