"""The scan dialog against the simulated bus on a pseudo-terminal: an address typed past 247
is kept as typed, shown red and refused at Start with a message (nothing scanned); a first
address above the last is refused. (Scans themselves: tests/ui/test_dialogs.py.)"""

from __future__ import annotations

import sys

import pytest

from tests.ui.test_typed_values import type_into

from bps_commissioner.services.endpoints import SerialEndpoint
from bps_commissioner.ui.scan_dialog import ScanDialog

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the simulated bus needs pseudo-terminals")


def dialog_on(qtbot, manager, rtu_sim):
    key = manager.add_link(SerialEndpoint(rtu_sim.link, timeout=0.3), units=())
    dialog = ScanDialog(manager, key, "Simulator · RS485")
    qtbot.addWidget(dialog)
    return dialog


def test_an_address_past_247_is_kept_red_and_refused(qtbot, manager, rtu_sim, translations):
    dialog = dialog_on(qtbot, manager, rtu_sim)
    dialog.show()
    assert type_into(dialog.last, "300") == "300"
    assert dialog.last.value() == 300 and dialog.last.out_of_range()
    dialog.start()
    assert not dialog.running
    assert "300" in dialog.status.text() and "1..247" in dialog.status.text()
    assert dialog.results.count() == 0


def test_a_first_address_above_the_last_is_refused(qtbot, manager, rtu_sim, translations):
    dialog = dialog_on(qtbot, manager, rtu_sim)
    type_into(dialog.first, "9")
    type_into(dialog.last, "4")
    dialog.start()
    assert not dialog.running and "first address" in dialog.status.text()
