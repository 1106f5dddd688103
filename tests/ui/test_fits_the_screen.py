"""Issue 17: everything fits a 1366x768 laptop (1366x728 once the taskbar is taken).

The check runs in a subprocess on the offscreen platform configured with a single
1366x728 screen (the plugin's ``configfile``), so that the screen's available geometry is
the laptop's: the window opens on the simulator, every dock, panel, tab and dialog a menu
or shortcut opens is opened through its action, and each top-level window's frame must
stay inside the available geometry, the chain tree keeping a readable width."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

AVAILABLE = (1366, 728)
CHAIN_READABLE = 180

SCRIPT = r'''
import json, sys, tempfile, time
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
app = QApplication([])
from bps_commissioner.services.manager import LinkManager
from bps_commissioner.ui.i18n import Translations
from bps_commissioner.ui.main_window import MainWindow

translations = Translations(app)
translations.set_language(sys.argv[1])
manager = LinkManager()
w = MainWindow(manager, translations)
w.show()
out = {"screen": app.primaryScreen().availableGeometry().getRect(), "checks": []}


def spin(seconds=0.25):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()


def check(what):
    spin()
    frames = [(type(t).__name__, t.frameGeometry().getRect())
              for t in app.topLevelWidgets() if t.isVisible() and t.isWindow()]
    out["checks"].append({"what": what, "frames": frames, "tree": w.tree.width()})


def close_dialogs():
    for t in app.topLevelWidgets():
        if t.isVisible() and t.isWindow() and t is not w:
            t.close()
    spin(0.1)


w.start_simulation()
deadline = time.monotonic() + 10
while time.monotonic() < deadline and len(w.model.units(manager.keys()[-1])) < 3:
    spin(0.1)
check("start")
for name in ("act_commission", "act_audit", "act_plots", "act_thresholds", "act_dashboard"):
    getattr(w, name).trigger()
    check(name)
w.commission_panel.new_plan_from_chain()
check("new plan from the chain")
w.act_diagnostics.trigger()
w.act_diagnostics.trigger()
check("act_diagnostics")
w.act_chain.trigger()
w.act_chain.trigger()
check("act_chain")
master = manager.keys()[-1]
w.select_unit(master, w.model.units(master)[0].address)
for i in range(w.unit_view.tabs.count()):
    if w.unit_view.tabs.isTabVisible(i):
        w.unit_view.tabs.setCurrentIndex(i)
        check(f"tab {i}")
w.select_unit(manager.keys()[0], w.model.units(manager.keys()[0])[0].address)
for name in ("act_scan", "act_profile", "act_firmware", "act_about", "act_provision"):
    getattr(w, name).trigger()
    check(name)
    close_dialogs()
w.act_provision.trigger()
wizard = w.provision_wizard
from bps_commissioner.device.faults import Fault, FaultKind
wizard._show_unit({"host": "192.168.0.163", "user": "admin", "factory_login": True, "clock_skew_s": -3600,
                   "warnings": ["the SNMP read community is still the factory 'public'"],
                   "settings": {k: "192.168.0.163" for k in ("clock", "network.address", "network.mask",
                                "network.gateway", "network.dns", "snmp.agent", "snmp.write_community",
                                "snmp.read_community", "snmp.trap1", "http.port", "smtp.account",
                                "smtp.password", "smtp.server", "smtp.port", "smtp.count", "smtp.interval",
                                "smtp.recipient")}})
check("provision wizard connected")
wizard._show_fault(Fault(FaultKind.UNIT_REFUSED_VALUE, "Telnet menu 5: the unit refused snmp.read_community = x "
                         "(Invalid value!). Nothing further was changed.", detail="menu\n" * 40))
wizard.dialogue_button.click()
check("provision wizard fault with the dialogue")
close_dialogs()
w.act_connect.trigger()
spin()
dialog = next(t for t in app.topLevelWidgets() if type(t).__name__ == "ConnectDialog" and t.isVisible())
for i in range(dialog.tabs.count()):
    dialog.tabs.setCurrentIndex(i)
    check(f"connect tab {i}")
dialog.snmp_version.setCurrentIndex(dialog.snmp_version.findData("3"))
dialog.telnet_group.setChecked(True)
check("connect SNMPv3 with Telnet")
close_dialogs()
w.shutdown()
print("RESULT " + json.dumps(out))
'''

# what the offscreen plugin says about itself, not a warning about the window
_PLUGIN_NOTES = ("does not support propagateSizeHints()", "does not support raise()")


def _run(tmp_path: Path, language: str) -> dict:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": AVAILABLE[0],
                                               "height": AVAILABLE[1], "logicalDpi": 96,
                                               "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    proc = subprocess.run([sys.executable, "-c", SCRIPT, language], capture_output=True, text=True,
                          env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    warnings = [line for line in proc.stderr.splitlines()
                if line.strip() and not any(note in line for note in _PLUGIN_NOTES)]
    assert not warnings, warnings
    line = next(line for line in proc.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


@pytest.mark.parametrize("language", ["en", "pl"])
def test_every_window_stays_inside_a_laptop_screen(tmp_path, language):
    out = _run(tmp_path, language)
    assert out["screen"] == [0, 0, *AVAILABLE]
    assert len(out["checks"]) > 15
    for step in out["checks"]:
        for name, (x, y, width, height) in step["frames"]:
            assert x >= 0 and y >= 0 and x + width <= AVAILABLE[0] and y + height <= AVAILABLE[1], (
                f"{step['what']}: {name} at {(x, y, width, height)} leaves {AVAILABLE}")
        assert step["tree"] >= CHAIN_READABLE, f"{step['what']}: the chain tree is {step['tree']} px wide"


def test_the_geometry_is_remembered_per_screen_size(qtbot, make_window):
    from bps_commissioner.ui.settings import settings

    w = make_window()
    w.show()
    qtbot.waitExposed(w)
    w.save_window()
    area = w.screen().availableGeometry()
    s = settings()
    assert s.value(f"window/geometry/{area.width()}x{area.height()}") is not None
    assert s.value("window/geometry") is None
