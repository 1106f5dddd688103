"""Modbus RTU over a USB-RS485 adapter: pyserial I/O owned here, frames built by pymodbus.

Why not pymodbus's serial client: its default of 3 s x 3 retries makes a silent address cost
12 s, and it polls the port every 4 character times. Here a reply is ended by its expected
length (FC03: 5 + 2n bytes, FC06: 8, exception: 5), not by a silence measured on the PC
(USB adapters deliver bytes in batches), and the 3.5-character silence before each request
is kept from the end of the previous reply.
"""

from __future__ import annotations

import errno
import sys
import time

import serial
import serial.tools.list_ports
from pymodbus.framer import FramerRTU
from pymodbus.pdu import DecodePDU, ModbusPDU

from bps_commissioner.device.bus import BusSettings
from bps_commissioner.device.faults import FaultKind
from bps_commissioner.transport.errors import FrameError, LinkLost, NoReplyError, PortError
from bps_commissioner.transport.modbus import MAX_READ_COUNT, FrameObserver, ModbusLink, decode_reply_pdu, hex_of

try:  # pyserial's POSIX backend lets termios.error (not an OSError) escape from tcflush & co.
    from termios import error as _TermiosError
except ImportError:  # Windows
    class _TermiosError(Exception):  # type: ignore[no-redef]
        pass

if sys.platform == "win32":
    _select = None
else:
    from select import select as _select

#: What a port that went away raises.
_IO_ERRORS = (serial.SerialException, OSError, _TermiosError)

_PARITY = {"N": serial.PARITY_NONE, "E": serial.PARITY_EVEN, "O": serial.PARITY_ODD}
_STOPBITS = {1: serial.STOPBITS_ONE, 2: serial.STOPBITS_TWO}

#: Default time a unit may take to start answering, on top of the bytes' own wire time.
#: The BPS2000v2's turnaround is not documented; this is generous for a read.
DEFAULT_REPLY_TIMEOUT = 0.5

NO_REPLY_HINT = ("Check the unit's Modbus address (LCD menu), that the bus settings match the unit's "
                 "(baud rate, parity, stop bits), and the wiring: A/B swapped, a loose RJ45, "
                 "missing termination.")
GARBLED_HINT = ("Likely causes: two units on one address, a baud-rate mismatch, or a bus without "
                "termination or with noise.")


def crc16(data: bytes) -> bytes:
    """Modbus CRC of ``data`` as sent on the wire (low byte first)."""
    return FramerRTU.compute_CRC(data).to_bytes(2, "big")


def build_frame(unit: int, request: ModbusPDU) -> bytes:
    request.dev_id = unit
    return FramerRTU(DecodePDU(False)).buildFrame(request)


def expected_reply_length(request: ModbusPDU) -> int:
    if request.function_code == 3:
        return 5 + 2 * request.count
    return 8  # function 06 echoes the request


def _describe_ports() -> str:
    ports = sorted(serial.tools.list_ports.comports(), key=lambda p: p.device)
    if not ports:
        return "No serial ports are present: plug in the USB-RS485 adapter."
    names = ", ".join(f"{p.device} ({p.description})" if p.description and p.description != "n/a"
                      else p.device for p in ports)
    return f"Ports present: {names}."


def port_error(port: str, exc: Exception, settings: BusSettings | None = None) -> PortError:
    """Turn pyserial's open failure into a message that names the port, why, and what to do."""
    code = getattr(exc, "errno", None)
    if code is None and exc.args and isinstance(exc.args[0], int):
        code = exc.args[0]  # termios.error carries (errno, text)
    text = str(exc)
    lowered = text.lower()
    if code == errno.EINVAL and settings is not None:
        return PortError(f"Serial port {port} does not accept the settings {settings} ({text}): the "
                         f"adapter or its driver may not support them.", kind=FaultKind.PORT_SETTINGS, port=port,
                         settings=str(settings))
    if code == errno.ENOENT or "filenotfound" in lowered or "cannot find the file" in lowered:
        return PortError(f"Serial port {port} does not exist. Check that the USB-RS485 adapter is "
                         f"plugged in, or pick another port. {_describe_ports()}",
                         kind=FaultKind.PORT_MISSING, port=port)
    if code in (errno.EBUSY, errno.EAGAIN) or "exclusively lock" in lowered or "busy" in lowered \
            or (sys.platform == "win32" and ("access is denied" in lowered or "permissionerror" in lowered)):
        return PortError(f"Serial port {port} is busy: another program has it open (a terminal such "
                         f"as PuTTY, the vendor's tool, or another BPS Commissioner). Close it and try again.",
                         kind=FaultKind.PORT_BUSY, port=port)
    if code in (errno.EACCES, errno.EPERM) or "permission" in lowered:
        hint = ("add your user to the 'dialout' group (sudo usermod -aG dialout $USER) and log in again"
                if sys.platform.startswith("linux") else "ask for access to the port or pick another")
        return PortError(f"No permission to open serial port {port}: {hint}.", kind=FaultKind.PORT_DENIED, port=port)
    return PortError(f"Serial port {port} could not be opened: {text}. Replug the adapter or pick another port.",
                     kind=FaultKind.PORT_FAILED, port=port)


class RtuLink(ModbusLink):
    """A serial port with one master (us) and up to 32 BPS2000v2 units on RS485."""

    def __init__(self, port: str, settings: BusSettings = BusSettings(), *,
                 timeout: float = DEFAULT_REPLY_TIMEOUT, block_size: int = MAX_READ_COUNT,
                 observer: FrameObserver | None = None):
        super().__init__(block_size, observer)
        self.port = port
        self.settings = settings
        self.timeout = timeout
        self._serial: serial.Serial | None = None
        self._bus_free_at = 0.0  # monotonic time from which the next request may start

    @property
    def description(self) -> str:
        return f"{self.port} at {self.settings}"

    @property
    def is_open(self) -> bool:
        return self._serial is not None

    def open(self) -> None:
        if self._serial is not None:
            return
        try:
            self._serial = serial.Serial(
                self.port, self.settings.baud, bytesize=serial.EIGHTBITS,
                parity=_PARITY[self.settings.parity], stopbits=_STOPBITS[self.settings.stopbits],
                timeout=0, write_timeout=2.0,
                **({"exclusive": True} if sys.platform != "win32" else {}))
        except (*_IO_ERRORS, ValueError) as exc:
            raise port_error(self.port, exc, self.settings) from None
        self._bus_free_at = time.monotonic() + self.settings.silence

    def close(self) -> None:
        if self._serial is not None:
            try:
                self._serial.close()
            except _IO_ERRORS:
                pass
            self._serial = None

    def reconfigure(self, settings: BusSettings) -> None:
        """Change baud rate, parity and stop bits. The port is reopened with the new settings
        (some drivers, and Linux pseudo-terminals, refuse a parity change in place)."""
        self.settings = settings
        if self._serial is not None:
            self.close()
            self.open()

    def _lost(self, exc: Exception) -> None:
        self.close()
        raise LinkLost(f"Lost the serial port {self.port} ({exc}): the adapter may have been "
                       f"unplugged. Replug it; the link reopens by itself.", kind=FaultKind.PORT_LOST,
                       port=self.port) from None

    def _read_until(self, ser: serial.Serial, buf: bytearray, want: int, deadline: float) -> None:
        """Read into ``buf`` until it holds ``want`` bytes or ``deadline`` passes.

        POSIX: wait with select() and read what is there (the port stays non-blocking), so
        the port's termios settings are never touched mid-transaction. Windows: pyserial's
        own timeout, set to what is left."""
        while len(buf) < want:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            if _select is not None:
                ready, _, _ = _select([ser.fileno()], [], [], remaining)
                if not ready:
                    return
            else:
                ser.timeout = remaining
            chunk = ser.read(want - len(buf))
            if chunk:
                buf += chunk
            elif _select is not None:
                raise serial.SerialException("the port reports data but none can be read (device disconnected?)")

    def _exchange(self, unit: int, request: ModbusPDU, timeout: float | None = None) -> ModbusPDU:
        """One request and its reply. ``timeout`` (default: the link's) is how long the unit
        may take to start answering, beyond the time the bytes themselves take on the wire."""
        if self._serial is None:
            self.open()
        ser = self._serial
        assert ser is not None
        frame = build_frame(unit, request)
        want = expected_reply_length(request)
        wait = self.timeout if timeout is None else timeout
        bus = self.settings
        try:
            pause = self._bus_free_at - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            ser.reset_input_buffer()
            ser.write(frame)
            sent = time.monotonic()
            self._observe("tx", unit, frame)
            # the request leaves at wire speed, then the unit turns around, then its reply
            # takes the wire time of `want` bytes: wait for all of it, plus the allowance.
            deadline = sent + bus.wire_time(len(frame) + want) + wait
            buf = bytearray()
            self._read_until(ser, buf, 3, deadline)
            if len(buf) >= 2 and buf[1] & 0x80:
                want = 5
            elif len(buf) >= 3 and buf[1] == 3 == request.function_code:
                want = 5 + buf[2]
            self._read_until(ser, buf, want, deadline)
            done = time.monotonic()
        except _IO_ERRORS as exc:
            self._lost(exc)
            raise  # unreachable: _lost raises
        self._bus_free_at = done + bus.silence
        if buf:
            self._observe("rx", unit, bytes(buf))
        if not buf:
            waited = done - sent
            raise NoReplyError(f"No reply from unit {unit} at {bus} on {self.port} within "
                               f"{waited * 1000:.0f} ms. {NO_REPLY_HINT}", unit, waited,
                               settings=str(bus), port=self.port)
        return self._check(unit, request, bytes(buf), want)

    def _check(self, unit: int, request: ModbusPDU, data: bytes, want: int) -> ModbusPDU:
        if len(data) < want:
            raise FrameError(f"Garbled reply from unit {unit}: {len(data)} of {want} bytes "
                             f"arrived ({hex_of(data)}). {GARBLED_HINT}", unit)
        if crc16(data[:-2]) != data[-2:]:
            raise FrameError(f"Garbled reply from unit {unit}: CRC error ({hex_of(data)}). "
                             f"{GARBLED_HINT}", unit)
        if data[0] != unit:
            raise FrameError(f"Reply from address {data[0]} to a request for unit {unit}. "
                             f"{GARBLED_HINT}", unit)
        return decode_reply_pdu(unit, request, data[1:-2])
