"""The Telnet command-line interface of a simulated BPS2000v2 MASTER (manual section 9).

It follows the manual's screenshots: a banner (last update date, firmware version, date
and time, uptime, the maker's address), ``Telnet Account:`` and ``Password:`` prompts (the
password is echoed as ``*``), the numbered main menu and ``Please enter the command:``.
Replies the manual does not show are this simulator's choice, kept short and regular:

* menu 1 ``master load`` answers ``Load Phase1:8.18A Phase2:8.18A Phase3:8.68A`` (the
  screenshot's form); the other words (voltage, activepower, apparentpower,
  reactivepower, frequency, pf, total energy, sensor) answer in the same ``Key:value``
  form; a slave that is not chained answers ``slave4 is not connected``;
* menu 8 lists the thresholds like the screenshot and takes ``current one:32&25&0&0``
  (high alarm & high warning & low warning & low alarm; ``voltage two:...``,
  ``temperature:...``, ``humidity:...``); the alarm limits are the unit's Modbus
  threshold registers, the warnings are kept here; it answers ``OK`` and lists again;
* menu 9 lists ``PhaseN energy:<kWh, whole>`` and takes ``clearpN``, which clears the
  unit's counters of that phase (``SimulatedUnit.reset_energy``);
* menus 2-7 show and change the master's stored settings (clock, password, network, SNMP,
  HTTP, SMTP): the item's number, then the value (telnet_settings.py);
* menu 10 ``1`` answers ``Restarting...`` and closes the connection while the master
  restarts (through its RestartCoordinator when it has one: every network service goes
  silent, and comes back at the address set in menu 4); ``2`` first restores every
  setting to its factory value;
* an unknown command answers ``Command error!``; a wrong login ``Account or password
  error!`` and the account prompt again (three tries, then the connection closes).

The firmware version and date are read from the master (``firmware_version``,
``firmware_date``) at every login, so a simulated flash shows up at the next login.
The server announces WILL ECHO and WILL SGA, as embedded Telnet servers do, and echoes
what the client types.
"""

from __future__ import annotations

import os
import re
import socket
import socketserver
import threading
import time
from typing import Any, Callable, Sequence

from bps_commissioner.device.decode import decode_registers, registers_of
from bps_commissioner.device.registers import PHASES, REGISTER_COUNT
from bps_commissioner.simulator.model import SimulatedUnit
from bps_commissioner.simulator.telnet_settings import SETTINGS_MENUS, SNMP_ATTRIBUTES, TelnetSettings, apply_snmp

IAC, DONT, DO, WONT, WILL, SB, SE = 255, 254, 253, 252, 251, 250, 240
ECHO, SGA = 1, 3

PROMPT = "Please enter the command:"
MAKER = "BKT ELEKTRONIK 69 Lochowska Str., 86-005 Biale Blota, www.bkte.pl"
MAIN_MENU = ("Command:", "1.Show information", "2.Set time and date", "3.Users", "4.Network Settings",
             "5.SNMP service", "6.HTTP Settings", "7.SMTP Settings", "8.Threshold Settings",
             "9.Clear energy Phase", "10.Restart", "11.Logout")
SHOW_WORDS = ("load", "voltage", "activepower", "apparentpower", "reactivepower", "frequency", "pf",
              "total energy", "sensor")
PHASE_WORDS = ("one", "two", "three")
LOGIN_TRIES = 3
_STOP_TIMEOUT = 1.0

#: Menu 8 rows: (label, monitored key, unit suffix, decimals).
THRESHOLD_ROWS = tuple(
    [(f"Phase {i + 1} Current [A]", f"current_l{i + 1}", "A", 1) for i in range(3)]
    + [(f"Phase {i + 1} Voltage [V]", f"voltage_l{i + 1}", "V", 1) for i in range(3)]
    + [("Temperature [C]", "temperature", "C", 0), ("Humidity [%]", "humidity", "%", 0)])


def default_warnings(alarms: dict[str, float] | None = None) -> dict[str, tuple[float, float]]:
    """Factory warning limits (high warning, low warning) by monitored key, kept inside the
    unit's alarm limits ``alarms`` ({"voltage_l1.high": 276.0, ...}) when given."""
    out = {}
    for _, key, unit, _ in THRESHOLD_ROWS:
        high, low = {"A": (16.0, 0.0), "V": (276.0, 0.0), "C": (40.0, 0.0), "%": (80.0, 0.0)}[unit]
        if alarms:
            high = min(high, alarms.get(f"{key}.high", high))
            low = max(low, alarms.get(f"{key}.low", low))
        out[key] = (high, low)
    return out


class TelnetState(TelnetSettings):
    """What the CLI changes and keeps between connections: the settings of menus 2-7
    (:class:`TelnetSettings`: account, password, clock, network, SNMP, HTTP, SMTP), the
    warnings, and counters of what happened."""

    def __init__(self, account: str, password: str, alarms: dict[str, float] | None = None,
                 **settings: Any) -> None:
        super().__init__(account, password, **settings)
        self.alarms = alarms
        self.warnings = default_warnings(alarms)
        self.connections = 0  # TCP connections accepted
        self.logins = 0  # successful logins
        self.failed_logins = 0
        self.commands: list[str] = []  # every command line received after login, in order
        self.restarts = 0

    def restore_factory(self) -> None:
        with self.lock:
            super().restore_factory()
            self.warnings = default_warnings(self.alarms)


def _fmt(value: float | None, decimals: int) -> str:
    return "--" if value is None else f"{value:.{decimals}f}"


class _Session(socketserver.BaseRequestHandler):
    server: _Server

    # --- low level ----------------------------------------------------------------------

    def setup(self) -> None:
        self.sock: socket.socket = self.request
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock.settimeout(self.server.owner.idle_timeout)
        self._pending = bytearray()
        self._iac_state = 0

    def send(self, text: str) -> None:
        self.sock.sendall(text.replace("\n", "\r\n").encode("latin-1", errors="replace"))

    def _next_byte(self) -> int | None:
        """The next data byte from the client, Telnet commands removed; None at EOF."""
        while True:
            if not self._pending:
                try:
                    chunk = self.sock.recv(1024)
                except OSError:
                    return None
                if not chunk:
                    return None
                self._pending += chunk
            b = self._pending.pop(0)
            if self._iac_state == 0:
                if b == IAC:
                    self._iac_state = 1
                    continue
                return b
            if self._iac_state == 1:  # after IAC
                if b == IAC:
                    self._iac_state = 0
                    return b
                self._iac_state = {SB: 3, DO: 2, DONT: 2, WILL: 2, WONT: 2}.get(b, 0)
                continue
            if self._iac_state == 2:  # the option byte of DO/DONT/WILL/WONT: nothing to answer
                self._iac_state = 0
                continue
            if self._iac_state == 3:  # inside SB ... IAC SE
                if b == IAC:
                    self._iac_state = 4
                continue
            self._iac_state = 0 if b == SE else 3  # after IAC inside SB

    def read_line(self, mask: bool = False) -> str | None:
        """One line as typed, echoed (``*`` per character when ``mask``); None at EOF."""
        line = bytearray()
        while True:
            b = self._next_byte()
            if b is None:
                return None
            if b in (13, 10):
                if b == 13 and self._pending[:1] in (b"\n", b"\x00"):
                    self._pending.pop(0)
                elif b == 13 and not self._pending:
                    # the LF (or NUL) of CR LF may come in the next packet: peek briefly
                    self.sock.settimeout(0.05)
                    try:
                        more = self.sock.recv(1024)
                    except OSError:
                        more = b""
                    finally:
                        self.sock.settimeout(self.server.owner.idle_timeout)
                    self._pending += more
                    if self._pending[:1] in (b"\n", b"\x00"):
                        self._pending.pop(0)
                self.send("\n")
                return line.decode("latin-1")
            if b in (8, 127):
                if line:
                    line.pop()
                    self.send("\b \b")
                continue
            if b < 32:
                continue
            line.append(b)
            self.send("*" if mask else chr(b))

    # --- the dialogue ---------------------------------------------------------------------

    def handle(self) -> None:
        try:
            self.dialogue()
        except OSError:
            pass  # the client went away (a port probe connects and closes at once)

    def dialogue(self) -> None:
        owner = self.server.owner
        with owner.state.lock:
            owner.state.connections += 1
        self.sock.sendall(bytes((IAC, WILL, ECHO, IAC, WILL, SGA)))
        self.send(self.banner())
        state = owner.state
        for _ in range(LOGIN_TRIES):
            self.send("\nTelnet Account:")
            account = self.read_line()
            if account is None:
                return
            self.send("Password:")
            password = self.read_line(mask=True)
            if password is None:
                return
            with state.lock:
                ok = account.strip() == state.account and password == state.password
                if ok:
                    state.logins += 1
                else:
                    state.failed_logins += 1
            if ok:
                break
            self.send("Account or password error!\n")
        else:
            return
        self.main_loop()

    def banner(self) -> str:
        master = self.server.owner.master
        up = int(time.monotonic() - self.server.owner.booted)
        now = self.server.owner.state.now()
        return (f"Last Update Time : {master.firmware_date}\n"
                f"Version : {master.firmware_version}\n"
                f"Date:{now:%Y-%m-%d} Time:{now:%H:%M:%S}\n"
                f"Up time : {up // 86400}Days {up % 86400 // 3600}Hours {up % 3600 // 60}Minute\n"
                f"{MAKER}\n")

    def menu_text(self, menu: str) -> str:
        owner = self.server.owner
        if menu == "main":
            return "\n".join(MAIN_MENU) + "\n\n"
        if menu == "1":
            return ("Command:1.Load 2.Voltage 3.ActivePower 4.ApparentPower 5.ReactivePower 6.Frequency "
                    "7.PF 8.Total Energy 9.Sensor 10.Back\nCommand format:master load or slave1 load\n")
        if menu in SETTINGS_MENUS:
            return owner.state.screen(menu)
        if menu == "8":
            return self.threshold_listing()
        if menu == "9":
            energy = self.energies()
            lines = ["Clear energy Phase"] + [f"Phase{i + 1} energy:{energy[i]:.0f}" for i in range(3)]
            return "\n".join(lines) + "\nCommand:1.Clear energy 2.Back\nCommand format: clearp1\n"
        if menu == "10":
            return "Restart\n1.Restart\n2.Restart to factory default\n3.Back\nCommand format: 1or2\n"
        raise ValueError(menu)

    BACK = {"1": "10", "2": "2", "3": "2", "4": "5", "5": "5", "6": "2", "7": "8", "8": "5", "9": "2", "10": "3"}

    def main_loop(self) -> None:
        owner = self.server.owner
        menu = "main"
        self.item: str | None = None  # the item of a settings menu chosen, awaiting its value
        self.send(self.menu_text("main"))
        while True:
            self.send(PROMPT)
            line = self.read_line()
            if line is None:
                return
            command = line.strip()
            with owner.state.lock:
                owner.state.commands.append(command)
            if not command:
                continue
            if menu == "main":
                if command == "11":
                    self.send("Logout\n")
                    return
                if command in self.BACK:
                    menu, self.item = command, None
                    self.send(self.menu_text(menu))
                else:
                    self.send("Command error!\n\n" + self.menu_text("main"))
                continue
            if command.lower() in (self.BACK[menu], "back"):
                menu, self.item = "main", None
                self.send(self.menu_text("main"))
                continue
            reply = self.in_menu(menu, command)
            if reply is None:  # the connection ends (restart)
                return
            self.send(reply)

    def in_menu(self, menu: str, command: str) -> str | None:
        owner = self.server.owner
        low = re.sub(r"\s+", " ", command.lower())
        if menu == "1":
            m = re.fullmatch(r"(master|slave([1-5])) (.+)", low)
            if not m or m.group(3) not in SHOW_WORDS:
                return "Command error!\n\n"
            index = 0 if m.group(1) == "master" else int(m.group(2))
            if index >= len(owner.units) or owner.units[index].silent:
                return f"{m.group(1)} is not connected\n\n"
            return self.show(owner.units[index], m.group(3)) + "\n\n"
        if menu in SETTINGS_MENUS:
            reply, self.item, changed = owner.state.command(menu, command, self.item)
            if changed in SNMP_ATTRIBUTES:
                owner.apply_snmp()
            return reply
        if menu == "8":
            return self.set_thresholds(low)
        if menu == "9":
            m = re.fullmatch(r"clearp([1-3])", low)
            if not m:
                return "Command error!\n" + self.menu_text("9")
            owner.master.reset_energy(PHASES[int(m.group(1)) - 1])
            return f"Phase{m.group(1)} energy cleared\n" + self.menu_text("9")
        if menu == "10":
            if command in ("1", "2"):
                owner.restart(factory=command == "2", announce=lambda: self.send("Restarting...\n"))
                return None
            return "Command error!\n" + self.menu_text("10")
        return "Command error!\n\n"

    # --- values -------------------------------------------------------------------------

    def values(self, unit: SimulatedUnit) -> dict:
        return dict(decode_registers(unit.address, dict(enumerate(unit.read(0, REGISTER_COUNT)))).values)

    def energies(self) -> list[float]:
        v = self.values(self.server.owner.master)
        return [v[f"active_energy_l{i}"] or 0.0 for i in (1, 2, 3)]

    def show(self, unit: SimulatedUnit, word: str) -> str:
        v = self.values(unit)
        spec = {"load": ("Load", "current", "A", 2), "voltage": ("Voltage", "voltage", "V", 1),
                "activepower": ("ActivePower", "active_power", "W", 1),
                "apparentpower": ("ApparentPower", "apparent_power", "VA", 1),
                "reactivepower": ("ReactivePower", "reactive_power", "var", 1),
                "frequency": ("Frequency", "frequency", "Hz", 2), "pf": ("PF", "power_factor", "", 2),
                "total energy": ("Total Energy", "active_energy", "kWh", 2)}
        if word == "sensor":
            parts = []
            for key, label, unit_text, decimals in (
                    ("temperature", "Temperature", "C", 1), ("humidity", "Humidity", "%", 1),
                    ("temperature_1", "Temperature1", "C", 1), ("humidity_1", "Humidity1", "%", 1),
                    ("temperature_2", "Temperature2", "C", 1), ("humidity_2", "Humidity2", "%", 1)):
                value = v[key]
                parts.append(f"{label}:{_fmt(value, decimals)}{unit_text if value is not None else ''}")
            for key, label in (("door_1", "Door1"), ("door_2", "Door2"), ("smoke", "Smoke"), ("water", "Water")):
                parts.append(f"{label}:{v[key].capitalize() if v[key] else '--'}")
            return "Sensor " + " ".join(parts)
        title, field, unit_text, decimals = spec[word]
        parts = [f"Phase{i}:{_fmt(v[f'{field}_l{i}'], decimals)}{unit_text}" for i in (1, 2, 3)]
        if word == "total energy":
            parts.append(f"Total:{_fmt(v['active_energy_total'], decimals)}{unit_text}")
        return f"{title} " + " ".join(parts)

    def threshold_listing(self) -> str:
        owner = self.server.owner
        v = self.values(owner.master)
        lines = ["Threshold Settings"]
        for label, key, unit_text, decimals in THRESHOLD_ROWS:
            high_warning, low_warning = owner.state.warnings[key]
            cells = [("High Alarm", v[f"{key}.high"]), ("High Warning", high_warning),
                     ("Low Warning", low_warning), ("Low Alarm", v[f"{key}.low"])]
            lines.append(f"{label}: " + " ".join(f"{name}:{value:.{decimals}f}{unit_text}" for name, value in cells))
        lines += ["Command:1.Set Current 2.Set Voltage 3.Set Temperature 4.Set Humidity 5.Back",
                  "Command format: current one:xx&xx&xx&xx"]
        return "\n".join(lines) + "\n"

    def set_thresholds(self, command: str) -> str:
        owner = self.server.owner
        m = re.fullmatch(r"(current|voltage) (one|two|three) ?: ?(.+)|(temperature|humidity) ?: ?(.+)", command)
        if not m:
            return "Command error!\n" + self.threshold_listing()
        if m.group(1):
            key = f"{m.group(1)}_l{PHASE_WORDS.index(m.group(2)) + 1}"
            text = m.group(3)
        else:
            key, text = m.group(4), m.group(5)
        parts = text.split("&")
        try:
            high, high_warning, low_warning, low = (float(p) for p in parts)
        except ValueError:
            return "Command error!\n" + self.threshold_listing()
        try:
            registers = registers_of({f"{key}.high": high, f"{key}.low": low})
        except ValueError:
            return "Invalid value!\n" + self.threshold_listing()
        if not low <= low_warning <= high_warning <= high:
            return "Invalid value!\n" + self.threshold_listing()
        for register, word in sorted(registers.items()):
            owner.master.write(register, word)
        with owner.state.lock:
            owner.state.warnings[key] = (high_warning, low_warning)
        return "OK\n" + self.threshold_listing()


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = os.name != "nt"
    daemon_threads = True

    def __init__(self, address: tuple[str, int], owner: TelnetSimulator) -> None:
        self.owner = owner
        self.connections: set[socket.socket] = set()
        self.lock = threading.Lock()
        super().__init__(address, _Session)

    def process_request(self, request, client_address):  # type: ignore[no-untyped-def]
        with self.lock:
            self.connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):  # type: ignore[no-untyped-def]
        with self.lock:
            self.connections.discard(request)
        super().shutdown_request(request)


class TelnetSimulator:
    """Serve the Telnet CLI of ``units[0]`` (the master; ``units[1:]`` are its slaves, shown
    by menu 1) on TCP ``host``:``port`` (port 0: a free one, see :attr:`port`).

    ``account``/``password`` default to the factory login admin/admin; they are the factory
    login menu 10 ``2`` restores. The factory network settings are ``host`` (a wildcard
    address or a name shows 192.168.0.163), mask 255.255.255.0, the /24's .1 as gateway, DNS
    8.8.8.8, unless ``address``/``mask``/``gateway``/``dns`` are given; ``clock_offset_s``
    sets the unit's clock that far from the laptop's. :attr:`state` holds the settings.

    ``snmp``: the master's SnmpSimulator, which menu 5 changes at once. ``on_restart`` is
    called (with ``factory``) when menu 10 restarts the unit. Added to a
    :class:`~bps_commissioner.simulator.restart.RestartCoordinator`, menu 10 restarts
    through it (:attr:`coordinator`)."""

    def __init__(self, units: Sequence[SimulatedUnit], host: str = "127.0.0.1", port: int = 23, *,
                 account: str = "admin", password: str = "admin", idle_timeout: float = 300.0,
                 on_restart: Callable[[bool], None] | None = None, snmp: Any = None,
                 address: str | None = None, mask: str | None = None, gateway: str | None = None,
                 dns: str | None = None, clock_offset_s: float = 0.0) -> None:
        if not units:
            raise ValueError("the Telnet simulator needs a master unit")
        self.units = tuple(units)
        self.host = host
        self._port = port
        alarms = decode_registers(0, dict(enumerate(units[0].read(0, REGISTER_COUNT)))).values
        self.state = TelnetState(account, password, {k: v for k, v in alarms.items() if "." in k and v is not None},
                                 host=host, address=address, mask=mask, gateway=gateway, dns=dns,
                                 clock_offset_s=clock_offset_s)
        self.idle_timeout = idle_timeout
        self.on_restart = on_restart
        self.coordinator: Any = None
        self.snmp = snmp
        if snmp is not None:  # the agent's communities are the ones set now
            self.state.read_community, self.state.write_community = snmp.community, snmp.write_community
        self.booted = time.monotonic()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def master(self) -> SimulatedUnit:
        return self.units[0]

    @property
    def port(self) -> int:
        return self._server.server_address[1] if self._server else self._port

    def attach_coordinator(self, coordinator: Any) -> None:
        """Restart through ``coordinator`` from now on; it re-addresses the master's services
        to the address stored in menu 4."""
        self.coordinator = coordinator
        coordinator.attach_settings(self.state, self.host)
        coordinator.on_rebooting.append(self._rebooting)

    def _rebooting(self, factory: bool) -> None:
        self.booted = time.monotonic()
        self.apply_snmp()

    def apply_snmp(self) -> None:
        """Give the attached SNMP agent the stored SNMP settings (an OSError leaves it down)."""
        if self.snmp is not None:
            try:
                apply_snmp(self.state, self.snmp)
            except (OSError, RuntimeError):
                pass

    def restart(self, factory: bool = False, announce: Callable[[], None] | None = None) -> None:
        """Restart the unit (``factory``: with every setting back to its factory value).
        ``announce`` is called once the restart is under way, before the services go silent."""
        with self.state.lock:
            self.state.restarts += 1
            if factory:
                self.state.restore_factory()
        self.booted = time.monotonic()
        if self.on_restart is not None:
            self.on_restart(factory)
        if self.coordinator is not None:
            if self.coordinator.restart(factory=factory, announce=announce):
                return
        elif factory:
            self.apply_snmp()
        if announce is not None:
            announce()

    def start(self) -> TelnetSimulator:
        if self._server is not None:
            raise RuntimeError("the Telnet simulator is already running")
        self._server = _Server((self.host, self._port), self)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"telnet-simulator {self.host}:{self.port}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None or self._thread is None:
            return
        self._server.shutdown()
        self._thread.join(_STOP_TIMEOUT)
        with self._server.lock:
            connections = list(self._server.connections)
        for sock in connections:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._server.server_close()
        self._server = self._thread = None

    def __enter__(self) -> TelnetSimulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


__all__ = ["MAIN_MENU", "PROMPT", "TelnetSimulator", "TelnetState", "default_warnings"]
