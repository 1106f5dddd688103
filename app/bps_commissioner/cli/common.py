"""What the sub-commands share: exit codes, argument types, link options."""

from __future__ import annotations

import argparse
import signal
import sys
import queue
import threading
from typing import Any, Callable

from bps_commissioner.device.bus import BAUD_RATES, PARITIES, BusSettings, parse_units
from bps_commissioner.device.numbers import NumberError, parse_decimal, parse_whole
from bps_commissioner.device.ports import MODBUS_TCP_PORT
from bps_commissioner.services.endpoints import Endpoint
from bps_commissioner.services.endpoints import DEFAULT_SERIAL_TIMEOUT as DEFAULT_REPLY_TIMEOUT
from bps_commissioner.services.endpoints import DEFAULT_TCP_TIMEOUT as DEFAULT_TIMEOUT
from bps_commissioner.services.endpoints import parse_host
from bps_commissioner.services.links import MAX_READ_COUNT, LinkSpec, ModbusLink
from bps_commissioner.services.links import endpoint_of as link_endpoint

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    """Bad input on the command line: reported with exit code 2, nothing done."""


def positive_float(text: str) -> float:
    try:  # the one strict reader: no "1e1", "inf", "1_0", "１０"
        value = float(parse_decimal(text))
    except NumberError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value <= 600:
        raise argparse.ArgumentTypeError(f"{text} s is outside 0..600 s")
    return value


def block_size(text: str) -> int:
    try:
        return parse_whole(text, 1, MAX_READ_COUNT, "a block size")
    except NumberError:
        raise argparse.ArgumentTypeError(
            f"block size {text!r} must be a whole number from 1 to {MAX_READ_COUNT}") from None


def whole_number(low: int, high: int, what: str) -> Any:
    """An argparse type: a whole number of ASCII digits from ``low`` to ``high``."""
    def parse(text: str) -> int:
        try:
            return parse_whole(text, low, high, what)
        except NumberError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
    parse.__name__ = what.split()[-1]
    return parse


def decimal_number(low: float, high: float, what: str) -> Any:
    """An argparse type: a plain decimal number (ASCII digits, one point) from ``low`` to ``high``."""
    def parse(text: str) -> float:
        try:
            value = float(parse_decimal(text))
        except NumberError as exc:
            raise argparse.ArgumentTypeError(f"{exc} ({what})") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text} is outside {low:g}..{high:g} ({what})")
        return value
    parse.__name__ = what.split()[-1]
    return parse


def unit_list(text: str) -> list[int]:
    try:
        return parse_units(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def chain_or_unit_list(text: str) -> list[int]:
    """Like :func:`unit_list`, but 0 (an SNMP master) is allowed too."""
    try:
        return parse_units(text, range(0, 248))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_link_options(p: argparse.ArgumentParser, *, multi_unit: bool = True, snmp: bool = False,
                     telnet: bool = False) -> None:
    """``snmp=True`` adds ``--snmp HOST[:PORT]`` beside --tcp/--serial; --units then also
    takes 0 (an SNMP master) and the command checks the range for the link chosen.
    ``telnet=True`` adds ``--telnet HOST[:PORT]`` (the unit's Telnet CLI)."""
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--tcp", metavar="HOST[:PORT]", help="Modbus TCP host (default port 502)")
    where.add_argument("--serial", metavar="PORT", help="serial port of the USB-RS485 adapter (COM5, /dev/ttyUSB0)")
    if snmp:
        where.add_argument("--snmp", metavar="HOST[:PORT]",
                           help="SNMP agent of a MASTER (default port 161): the master (unit 0) and its "
                                "slaves 1..5")
    if telnet:
        where.add_argument("--telnet", metavar="HOST[:PORT]",
                           help="the unit's Telnet CLI (default port 23): alarm and warning thresholds "
                                "of menu 8, e.g. current_l1.high_warning=25")
    add_bus_options(p)
    p.add_argument("--timeout", type=positive_float, metavar="SECONDS",
                   help=f"how long a unit may take to answer (default {DEFAULT_REPLY_TIMEOUT:g} s on serial, "
                        f"{DEFAULT_TIMEOUT:g} s on TCP)")
    p.add_argument("--block-size", type=block_size, default=MAX_READ_COUNT, metavar="N",
                   help="largest register count per read request; halved automatically when the unit "
                        f"refuses (default {MAX_READ_COUNT})")
    if multi_unit:
        units = p.add_mutually_exclusive_group()
        parse = chain_or_unit_list if snmp else unit_list
        units.add_argument("--units", type=parse, metavar="LIST",
                           help="unit addresses, e.g. 1,2,5-8 (default 1; over SNMP 0-5: master and slaves)")
        units.add_argument("--unit", type=parse, metavar="N", help="one unit address")


def add_bus_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--baud", type=whole_number(0, 10**6, "a baud rate"), default=9600, choices=BAUD_RATES,
                   help="serial baud rate (default 9600)")
    p.add_argument("--parity", default="N", choices=PARITIES, type=str.upper, help="serial parity (default N)")
    p.add_argument("--stopbits", type=whole_number(0, 9, "a stop-bit count"), default=1, choices=(1, 2),
                   help="serial stop bits (default 1)")


def bus_settings(args: argparse.Namespace) -> BusSettings:
    return BusSettings(args.baud, args.parity, args.stopbits)


def tcp_address(text: str, default_port: int = MODBUS_TCP_PORT, *, option: str = "--tcp",
                allow_zero: bool = False) -> tuple[str, int]:
    try:
        return parse_host(text, default_port, allow_zero=allow_zero)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


def link_spec(args: argparse.Namespace) -> LinkSpec:
    """The link the --tcp / --serial options describe, as the one link description."""
    if args.tcp:
        host, port = tcp_address(args.tcp)
        return LinkSpec("tcp", host, port, timeout=args.timeout or DEFAULT_TIMEOUT)
    return LinkSpec("serial", args.serial, None, bus_settings(args), args.timeout or DEFAULT_REPLY_TIMEOUT)


def endpoint_of(args: argparse.Namespace) -> Endpoint:
    """The worker's endpoint for the --tcp / --serial options."""
    return link_endpoint(link_spec(args), block_size=args.block_size)


def make_link(args: argparse.Namespace) -> ModbusLink:
    """A link (not yet open) for the --tcp / --serial options."""
    return endpoint_of(args).create_link()


class StopOnCtrlC:
    """While a command changes or checks units, the first Ctrl-C asks it to stop after the
    step in progress (a write is still read back and recorded), so its report says exactly
    what was done; a second Ctrl-C interrupts at once. ``requested`` tells the command."""

    def __init__(self, message: str) -> None:
        self.message = message
        self.requested = False
        self._previous: Any = None

    def __enter__(self) -> "StopOnCtrlC":
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handler)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)

    def _handler(self, signum: int, frame: Any) -> None:
        self.requested = True
        print(f"\n{self.message} (Ctrl-C again to interrupt at once)", file=sys.stderr)
        signal.signal(signal.SIGINT, signal.default_int_handler)


def at_terminal() -> bool:
    """Whether a person can be asked: standard input is a terminal."""
    return sys.stdin is not None and sys.stdin.isatty()


def asked_here(question: Callable[..., bool]) -> tuple[Callable[..., bool], Callable[[], bool]]:
    """A job's ``confirm`` (called in the worker's thread) and the wait's ``cancel_when``
    (polled in this thread while it waits): ``question(*args)`` is put to the user here, in
    the main thread, so that Ctrl-C at the prompt works; an interrupted prompt answers no."""
    questions: queue.Queue[tuple[Any, ...]] = queue.Queue()
    answers: queue.Queue[bool] = queue.Queue()

    def confirm(*args: Any) -> bool:
        questions.put(args)
        return answers.get()

    def ask() -> bool:
        try:
            args = questions.get_nowait()
        except queue.Empty:
            return False
        answer = False
        try:
            answer = question(*args)
        finally:
            answers.put(answer)
        return False

    return confirm, ask
