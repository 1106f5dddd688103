"""A client for the menu-driven Telnet CLI of a BPS2000v2 MASTER (manual section 9).

Telnet is the only way to some things: the firmware version (in the login banner), the
energy reset (menu 9, ``clearpN``) and the warning thresholds (menu 8). The dialogue is
meant for a person at PuTTY and the manual shows only part of it, so this client:

* speaks Telnet itself over asyncio streams (telnetlib is gone from Python 3.13): it
  answers option negotiation (accepts the server's ECHO and SUPPRESS-GO-AHEAD, refuses
  everything else once), removes IAC sequences and subnegotiations from the text;
* waits for a prompt with a time limit and fails with :class:`TelnetTimeout` naming what
  it waited for;
* parses defensively (regular expressions that tolerate spacing, case and unit suffixes)
  and, when a reply cannot be understood, raises :class:`TelnetProtocolError` carrying
  the raw dialogue;
* logs in once: a refused login raises :class:`TelnetLoginError` and closes the
  connection, never retrying (a unit could lock the account);
* never records the password: the dialogue shows ``********`` where it was typed, and any
  echo of it is scrubbed.

Like :class:`~bps_commissioner.transport.snmp.SnmpLink`, a session owns an event loop of
its own and offers a blocking API to the one thread that owns it.
"""

from __future__ import annotations

import asyncio
import re
import socket
from dataclasses import dataclass
from typing import Any, Callable

from bps_commissioner.device.faults import FaultKind
from bps_commissioner.device.ports import FACTORY_PASSWORD, FACTORY_USER, TELNET_PORT
from bps_commissioner.transport.errors import ConnectError, LinkError, LinkLost

DEFAULT_PORT = TELNET_PORT
DEFAULT_TIMEOUT = 5.0
HIDDEN = "********"
#: The factory login of a BPS2000v2 (PROTOCOL.md section 1).

IAC, DONT, DO, WONT, WILL, SB, SE, NOP, GA = 255, 254, 253, 252, 251, 250, 240, 241, 249
ECHO, SGA = 1, 3
#: Options we let the server perform (WILL -> DO); everything else is refused once.
_ACCEPTED = {ECHO, SGA}

PROMPT_RE = re.compile(r"Please\s+enter\s+the\s+command\s*:[ \t]*", re.IGNORECASE)
ACCOUNT_RE = re.compile(r"(Telnet\s+)?Account\s*:[ \t]*$|log\s*in\s*:[ \t]*$|user\s*name\s*:[ \t]*$",
                        re.IGNORECASE)
PASSWORD_RE = re.compile(r"Password\s*:[ \t]*$", re.IGNORECASE)
LOGIN_FAILED_RE = re.compile(r"error|incorrect|fail|denied|invalid|wrong", re.IGNORECASE)
BACK_RE = re.compile(r"(\d+)\s*\.\s*Back\b", re.IGNORECASE)
PHASE_WORDS = ("one", "two", "three")
SHOW_WORDS = ("load", "voltage", "activepower", "apparentpower", "reactivepower", "frequency", "pf",
              "total energy", "sensor")


class TelnetError(LinkError):
    """Base of the Telnet errors; ``dialogue`` is the raw exchange so far (password hidden)."""

    def __init__(self, message: str, dialogue: str = ""):
        super().__init__(message)
        self.dialogue = dialogue


class TelnetTimeout(TelnetError):
    """The unit did not show the expected prompt in time."""

    kind = FaultKind.TIMEOUT


class TelnetLoginError(TelnetError):
    """The unit refused the account or password."""

    kind = FaultKind.AUTH_FAILED


class TelnetProtocolError(TelnetError):
    """A reply this client could not understand; the message includes the raw dialogue."""

    kind = FaultKind.PROTOCOL


@dataclass(frozen=True)
class Banner:
    """What the unit shows before the login prompt."""

    version: str | None
    last_update: str | None
    date: str | None
    time: str | None
    uptime: str | None
    uptime_seconds: int | None

    def to_dict(self) -> dict[str, Any]:
        return {"version": self.version, "last_update": self.last_update, "date": self.date,
                "time": self.time, "uptime": self.uptime, "uptime_seconds": self.uptime_seconds}


def _search(pattern: str, text: str) -> str | None:
    m = re.search(pattern, text, re.IGNORECASE | re.MULTILINE)
    return m.group(1).strip() if m else None


def parse_banner(text: str) -> Banner:
    uptime = _search(r"Up\s*time\s*:\s*(.+?)\s*$", text)
    seconds = None
    if uptime:
        # ASCII digits, at most 9 (int() refuses over 4300 digits; no unit is up for longer)
        m = re.search(r"\b([0-9]{1,9})\s*Days?\D*?\b([0-9]{1,9})\s*Hours?\D*?\b([0-9]{1,9})\s*Min", uptime,
                      re.IGNORECASE)
        if m:
            days, hours, minutes = (int(g) for g in m.groups())
            seconds = ((days * 24 + hours) * 60 + minutes) * 60
    return Banner(
        version=_search(r"^\s*(?:Software\s+)?Version\s*:\s*(\S+)", text),
        last_update=_search(r"Last\s*Update\s*Time\s*:\s*(\d{4}-\d{1,2}-\d{1,2})", text),
        date=_search(r"\bDate\s*:\s*(\d{4}-\d{1,2}-\d{1,2})", text),
        time=_search(r"\bDate\s*:\s*\S+\s+Time\s*:\s*(\d{1,2}:\d{2}(?::\d{2})?)", text),
        uptime=uptime,
        uptime_seconds=seconds,
    )


_NUMBER_RE = re.compile(r"^(-?\d+(?:[.,]\d+)?)\s*([A-Za-z%°]*)$")


def parse_value(text: str) -> float | str | None:
    """``"8.18A"`` -> 8.18, ``"--"`` -> None, ``"Close"`` -> "close"."""
    text = text.strip()
    if not text or re.fullmatch(r"-{1,2}\s*[%°A-Za-z]{0,4}", text):
        return None  # "--", "--%", "--C": not available
    m = _NUMBER_RE.match(text)
    if m:
        return float(m.group(1).replace(",", "."))
    return text.lower()


def parse_show_reply(text: str) -> dict[str, Any]:
    """A menu 1 reply such as ``Load Phase1:8.18A Phase2:8.18A Phase3:8.68A`` ->
    {"L1": 8.18, "L2": 8.18, "L3": 8.68}. Keys other than PhaseN are lowercased
    (``Temperature1`` -> ``temperature1``). Empty when no ``Key:value`` pair is found."""
    out: dict[str, Any] = {}
    for m in re.finditer(r"([A-Za-z][A-Za-z0-9_]*)\s*:\s*(\S+)", text):
        key, value = m.group(1), m.group(2)
        phase = re.fullmatch(r"Phase\s*([1-3])", key, re.IGNORECASE)
        out[f"L{phase.group(1)}" if phase else key.lower()] = parse_value(value)
    return out


def parse_energy(text: str) -> dict[int, float]:
    """Menu 9's ``Phase1 energy:1150`` lines -> {1: 1150.0, ...} (kWh as the unit shows it)."""
    out: dict[int, float] = {}
    for m in re.finditer(r"Phase\s*([1-3])\s*energy\s*:\s*(-?\d+(?:[.,]\d+)?)", text, re.IGNORECASE):
        out[int(m.group(1))] = float(m.group(2).replace(",", "."))
    return out


class _TelnetProtocol:
    """Byte-level Telnet: strips commands from the data and answers negotiation."""

    def __init__(self, send: Callable[[bytes], None]) -> None:
        self._send = send
        self._state = 0
        self._verb = 0
        self._answered: set[tuple[int, int]] = set()

    def feed(self, data: bytes) -> bytes:
        out = bytearray()
        for b in data:
            if self._state == 0:
                if b == IAC:
                    self._state = 1
                else:
                    out.append(b)
            elif self._state == 1:  # after IAC
                if b == IAC:
                    out.append(IAC)
                    self._state = 0
                elif b in (DO, DONT, WILL, WONT):
                    self._verb = b
                    self._state = 2
                elif b == SB:
                    self._state = 3
                else:  # NOP, GA, and the other two-byte commands
                    self._state = 0
            elif self._state == 2:  # option byte
                self._negotiate(self._verb, b)
                self._state = 0
            elif self._state == 3:  # subnegotiation data
                if b == IAC:
                    self._state = 4
            else:  # IAC inside subnegotiation
                self._state = 0 if b == SE else 3
        return bytes(out)

    def _negotiate(self, verb: int, option: int) -> None:
        if (verb, option) in self._answered:
            return  # answer each request once: no negotiation loops
        self._answered.add((verb, option))
        if verb == WILL:
            self._send(bytes((IAC, DO if option in _ACCEPTED else DONT, option)))
        elif verb == DO:
            self._send(bytes((IAC, WILL if option == SGA else WONT, option)))
        # WONT / DONT: nothing to answer for options we never asked for


class TelnetSession:
    """One logged-in Telnet session with a unit. Not thread-safe: one owner thread."""

    def __init__(self, host: str, port: int = DEFAULT_PORT, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        if not 0 < timeout <= 120:
            raise ValueError(f"Telnet timeout {timeout} s is outside 0..120 s")
        self.host = host
        self.port = port
        self.timeout = timeout
        self.banner: Banner | None = None
        self.user: str | None = None
        self.factory_login = False  # True after a login with the factory account admin/admin
        self._loop: asyncio.AbstractEventLoop | None = None
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._telnet: _TelnetProtocol | None = None
        self._buffer = ""  # text received and not yet consumed
        self._dialogue: list[str] = []
        self._password: str | None = None
        self._hidden: list[str] = []  # other secrets typed in this session (hide())
        self._menu: str | None = None  # None: main menu
        self._back: str | None = None

    @property
    def description(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    # --- dialogue record ----------------------------------------------------------------

    @property
    def dialogue(self) -> str:
        """The raw exchange so far: what the unit sent, and ``>>> `` lines for what was
        typed (the password as ``********``)."""
        text = "".join(self._dialogue)
        for secret in sorted({self._password or "", *self._hidden}, key=len, reverse=True):
            if secret:
                text = text.replace(secret, HIDDEN)
        return text

    def hide(self, *secrets: str) -> None:
        """Show ``secrets`` as ``********`` wherever the dialogue holds them (a new password)."""
        self._hidden.extend(s for s in secrets if s)

    def _tail(self, chars: int = 1500) -> str:
        text = self.dialogue
        return text if len(text) <= chars else "..." + text[-chars:]

    def _fail(self, cls: type[TelnetError], message: str) -> TelnetError:
        return cls(f"{message}\n--- raw Telnet dialogue with {self.description} ---\n{self._tail()}\n---",
                   self.dialogue)

    # --- connection ---------------------------------------------------------------------

    def _run(self, coro: Any) -> Any:
        if self._loop is None or self._loop.is_closed():
            self._loop = asyncio.new_event_loop()
        return self._loop.run_until_complete(coro)

    def connect(self) -> None:
        self._run(self._connect())

    async def _connect(self) -> None:
        where = self.description
        try:
            self._reader, self._writer = await asyncio.wait_for(
                asyncio.open_connection(self.host, self.port), self.timeout)
        except ConnectionRefusedError:
            raise ConnectError(f"Connection to {where} refused: Telnet is off on the unit (it is disabled "
                               f"by default: web UI Network > Telnet) or it uses another port.", kind=FaultKind.REFUSED,
                               host=where) from None
        except socket.gaierror:
            raise ConnectError(f"Host name {self.host!r} could not be resolved: check the spelling or use "
                               f"the unit's IP address.", kind=FaultKind.HOST_UNKNOWN, host=self.host) from None
        except (asyncio.TimeoutError, TimeoutError):
            raise ConnectError(f"No answer from {where} within {self.timeout:g} s: the host is down, the "
                               f"IP address is wrong, or a firewall drops the traffic.", kind=FaultKind.TIMEOUT,
                               host=where, waited=self.timeout) from None
        except OSError as exc:
            raise ConnectError(f"Could not connect to {where}: {exc.strerror or exc}.", host=where) from None
        writer = self._writer
        self._telnet = _TelnetProtocol(lambda data: writer.write(data))

    def close(self) -> None:
        if self._loop is None or self._loop.is_closed():
            return
        loop = self._loop
        try:
            if self._writer is not None:
                self._writer.close()
                try:
                    loop.run_until_complete(asyncio.wait_for(self._writer.wait_closed(), 1.0))
                except (OSError, asyncio.TimeoutError, TimeoutError):
                    pass
        finally:
            loop.close()
            self._loop = None
            self._reader = self._writer = None

    def __enter__(self) -> TelnetSession:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None or not issubclass(exc[0], TelnetLoginError):
            self.logout()
        self.close()

    # --- reading and writing ------------------------------------------------------------

    async def _read_until(self, patterns: dict[str, re.Pattern[str]], what: str, *,
                          eof_ok: bool = False, timeout: float | None = None) -> tuple[str, str]:
        """Read until the text received matches one of ``patterns`` at its end; returns
        (name of the pattern, the text up to and including the match)."""
        assert self._reader is not None and self._telnet is not None
        loop = asyncio.get_running_loop()
        wait = self.timeout if timeout is None else timeout
        deadline = loop.time() + wait
        while True:
            for name, pattern in patterns.items():
                m = pattern.search(self._buffer)
                if m:
                    text, self._buffer = self._buffer[:m.end()], self._buffer[m.end():]
                    return name, text
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise self._fail(TelnetTimeout, f"Telnet: {self.description} did not show {what} within "
                                                f"{wait:g} s.")
            try:
                data = await asyncio.wait_for(self._reader.read(4096), remaining)
            except (asyncio.TimeoutError, TimeoutError):
                continue
            except OSError as exc:
                raise self._fail(TelnetLost, f"Telnet connection to {self.description} lost ({exc}).") from None
            if not data:
                if eof_ok:
                    text, self._buffer = self._buffer, ""
                    return "eof", text
                raise self._fail(TelnetLost, f"Telnet: {self.description} closed the connection while this "
                                             f"tool waited for {what}.")
            text = self._telnet.feed(data).decode("latin-1").replace("\r\n", "\n").replace("\r", "\n") \
                .replace("\x00", "")
            self._buffer += text
            self._dialogue.append(text)
            if self._writer is not None:
                await self._writer.drain()  # negotiation answers

    async def _send_line(self, text: str, *, secret: bool = False) -> None:
        assert self._writer is not None
        self._dialogue.append(f"\n>>> {HIDDEN if secret else text}\n")
        data = text.encode("latin-1", errors="replace").replace(bytes((IAC,)), bytes((IAC, IAC)))
        self._writer.write(data + b"\r\n")
        await self._writer.drain()

    # --- login --------------------------------------------------------------------------

    def login(self, user: str, password: Any) -> Banner:
        """Connect (if needed), read the banner, log in once. ``password`` is a str or a
        :class:`~bps_commissioner.services.secrets.Secret` (anything with ``reveal()``).

        Raises ConnectError, TelnetLoginError (connection closed, never retried),
        TelnetTimeout, TelnetProtocolError."""
        secret = password.reveal() if hasattr(password, "reveal") else str(password)
        self._password = secret
        try:
            if self._reader is None:
                self.connect()
            return self._run(self._login(user, secret))
        except BaseException:
            self.close()  # a failed login leaves no connection (and no second try) behind
            raise

    async def _login(self, user: str, password: str) -> Banner:
        _, before = await self._read_until({"account": ACCOUNT_RE}, "the login prompt (Telnet Account:)")
        self.banner = parse_banner(before)
        await self._send_line(user)
        _, _ = await self._read_until({"password": PASSWORD_RE}, "the Password: prompt")
        await self._send_line(password, secret=True)
        try:
            which, text = await self._read_until({"menu": PROMPT_RE, "account": ACCOUNT_RE, "password": PASSWORD_RE},
                                                 "the main menu after the login", eof_ok=True)
        except TelnetLost:
            which, text = "eof", ""
        if which != "menu":
            shown = " ".join(line.strip() for line in text.splitlines()
                             if line.strip() and LOGIN_FAILED_RE.search(line))
            if password:
                shown = shown.replace(password, HIDDEN)
            raise TelnetLoginError(
                f"Telnet login as {user!r} at {self.description} was refused"
                + (f" ({shown.strip()})" if shown else "")
                + ": wrong account or password. Not retried, so that the unit does not lock the account; "
                  "check the Telnet account in the web UI (Network > Telnet) and BPS_TELNET_PASSWORD or the "
                  "saved password.", self.dialogue)
        self.user = user
        self.factory_login = user == FACTORY_USER and password == FACTORY_PASSWORD
        self._menu = None
        return self.banner

    # --- menus --------------------------------------------------------------------------

    def command(self, text: str, *, secret: bool = False) -> str:
        """Type ``text`` at the prompt; the reply up to the next prompt (without the echo
        of ``text`` and without the prompt). ``secret``: the dialogue shows ``********``
        for the line typed (hide() its secrets too, for the unit's echo)."""
        return self._run(self._command(text, secret))

    def last_command(self, text: str, wait: float = 3.0) -> str:
        """Type ``text`` after which the unit closes the connection (a restart); returns what
        it showed until it closed, or until ``wait`` seconds passed."""
        async def go() -> str:
            await self._send_line(text)
            _, shown = await self._until_closed(wait)
            return shown
        try:
            return self._run(go())
        finally:
            self.user = None
            self.close()

    async def _until_closed(self, wait: float) -> tuple[str, str]:
        try:
            return await self._read_until({}, "the end of the session", eof_ok=True, timeout=wait)
        except (TelnetTimeout, TelnetLost):
            text, self._buffer = self._buffer, ""
            return "timeout", text

    async def _command(self, text: str, secret: bool = False) -> str:
        await self._send_line(text, secret=secret)
        _, reply = await self._read_until({"prompt": PROMPT_RE}, f"the prompt after {text!r}")
        reply = PROMPT_RE.sub("", reply)
        lines = reply.split("\n")
        if lines and lines[0].strip().endswith(text.strip()):
            lines = lines[1:]  # the echo of what was typed
        return "\n".join(lines).strip("\n")

    def open_menu(self, number: int) -> str:
        """From the main menu, enter menu ``number``; returns what it lists."""
        self.main_menu()
        listing = self.command(str(number))
        if number == 11:
            return listing
        m = BACK_RE.search(listing)
        if not m:
            raise self._fail(TelnetProtocolError, f"Telnet menu {number} of {self.description} shows no "
                                                  f"'N.Back' entry; this tool does not know how to leave it.")
        self._menu, self._back = str(number), m.group(1)
        return listing

    @property
    def menu(self) -> str | None:
        """The number of the menu the session is in (None: the main menu)."""
        return self._menu

    def main_menu(self) -> None:
        """Return to the main menu (from a sub-menu) if not there."""
        if self._menu is not None and self._back is not None:
            self.command(self._back)
            self._menu = self._back = None

    def logout(self) -> None:
        """Menu 11, then close; quiet if the connection is already gone."""
        if self._writer is None or self._loop is None or self.user is None:
            return
        try:
            self.main_menu()
            self._run(self._send_line("11"))
            self._run(self._read_until({}, "the end of the session", eof_ok=True, timeout=1.0))
        except LinkError:
            pass
        finally:
            self.user = None

    # --- what only Telnet can do --------------------------------------------------------

    def show(self, unit: str, word: str) -> tuple[dict[str, Any], str]:
        """Menu 1: ``master load``, ``slave2 voltage`` ... -> (parsed pairs, raw reply)."""
        if word not in SHOW_WORDS:
            raise ValueError(f"{word!r} is not one of {', '.join(SHOW_WORDS)}")
        if not re.fullmatch(r"master|slave[1-5]", unit):
            raise ValueError(f"{unit!r} is not master or slave1..slave5")
        if self._menu != "1":
            self.open_menu(1)
        reply = self.command(f"{unit} {word}")
        return parse_show_reply(reply), reply

    def information(self, units: tuple[str, ...] = ("master",)) -> dict[str, Any]:
        """Everything menu 1 shows for ``units``: {unit: {word: {key: value}}}; a unit that
        answers no word with ``Key:value`` pairs (e.g. "slave4 is not connected") gets
        {"raw": reply}. A word the unit refuses while others answer is kept by name under
        "failed" ({word: reply}); what was read stays."""
        out: dict[str, Any] = {}
        for unit in units:
            shown: dict[str, Any] = {}
            failed: dict[str, str] = {}
            for word in SHOW_WORDS:
                values, raw = self.show(unit, word)
                if values:
                    shown[word.replace(" ", "_")] = values
                elif not shown and "not connected" in raw.lower():
                    break  # an absent slave: every word would say so
                else:
                    failed[word.replace(" ", "_")] = raw.strip()
            if not shown:
                shown = {"raw": (raw.strip() if not failed else next(iter(failed.values())))}
            elif failed:
                shown["failed"] = failed
            out[unit] = shown
        return out

    def read_energy(self) -> dict[int, float]:
        """Menu 9: the energy meter of each phase, as the unit shows it (kWh)."""
        listing = self.open_menu(9)
        energy = parse_energy(listing)
        if set(energy) != {1, 2, 3}:
            raise self._fail(TelnetProtocolError, f"Telnet menu 9 of {self.description}: could not read the "
                                                  f"three 'PhaseN energy:' lines.")
        return energy

    def clear_energy(self, phase: int) -> str:
        """Menu 9, ``clearpN``: clear phase ``phase``'s meter; returns the unit's reply.
        Read the meters again (:meth:`read_energy`) to see the result."""
        if phase not in (1, 2, 3):
            raise ValueError(f"phase {phase} is not 1, 2 or 3")
        if self._menu != "9":
            self.open_menu(9)
        return self.command(f"clearp{phase}")

    def read_thresholds_listing(self) -> str:
        """Menu 8's listing, raw (see services.telnet_thresholds for its parsing)."""
        return self.open_menu(8)

    def send_threshold_command(self, command: str) -> str:
        """Type a menu 8 command such as ``current one:32&25&0&0``; returns the reply."""
        if self._menu != "8":
            self.open_menu(8)
        return self.command(command)

    def protocol_error(self, message: str) -> TelnetProtocolError:
        """A :class:`TelnetProtocolError` with this session's dialogue, for callers that parse."""
        return self._fail(TelnetProtocolError, message)  # type: ignore[return-value]


class TelnetLost(TelnetError, LinkLost):
    """The connection closed or broke in the middle of the dialogue."""


__all__ = ["Banner", "DEFAULT_PORT", "DEFAULT_TIMEOUT", "FACTORY_PASSWORD", "FACTORY_USER", "PHASE_WORDS", "SHOW_WORDS", "TelnetError",
           "TelnetLoginError", "TelnetLost", "TelnetProtocolError", "TelnetSession", "TelnetTimeout",
           "parse_banner", "parse_energy", "parse_show_reply", "parse_value"]
