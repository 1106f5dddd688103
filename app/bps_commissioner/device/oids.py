"""The SNMP object table of a BPS2000v2 MASTER and the slaves chained behind it.

The item numbers live in the one register table (:attr:`Quantity.oid_item`); this module
adds the OID layout of PROTOCOL.md section 3 and the value decoding the manual leaves open:

* ``device name`` is ``.1.3.6.1.4.1.47394.1.1.1.0``; readings are scalars
  ``.1.3.6.1.4.1.47394.1.<branch>.<item>.0`` with branch 2 = master (chain address 0) and
  3..7 = slave 1..5 (chain addresses 1..5);
* value types are not documented. An OCTET STRING is read as text: a decimal number
  ("239.7"), ``--`` or empty for "not available", or for doors, smoke and water a word
  ("open", "closed", "yes", "no") or the Modbus code ("1", "2"). An INTEGER, Gauge32 or
  Counter32 is scaled like the Modbus register of the same quantity (voltage / 10,
  current / 100, energy / 1000, ...); a per-link override (:func:`parse_scale_overrides`)
  changes the divisor where a unit's firmware differs;
* an integer 0 on a temperature or humidity item means "probe not connected", as on
  Modbus; door, smoke and water codes outside {1, 2} too.

Thresholds and alarm states are not in the OID table: over SNMP a unit shows readings and
sensors only. Pure Python: the transport hands over plain ``int`` / ``str`` values.
"""

from __future__ import annotations

import math
from types import MappingProxyType
from typing import Any, Iterable, Mapping

from bps_commissioner.device.decode import DOOR_CODES, PRESENCE_CODES, UnitReading, implausible, to_signed16
from bps_commissioner.device.registers import QUANTITIES, REGISTER_COUNT, Kind, Quantity

#: BKT's private enterprise number and the subtree its PDUs answer under.
ENTERPRISE: tuple[int, ...] = (1, 3, 6, 1, 4, 1, 47394)
BASE: tuple[int, ...] = ENTERPRISE + (1,)
DEVICE_NAME_OID: tuple[int, ...] = BASE + (1, 1, 0)

#: The MIB-2 system group a networked unit is expected to carry as well.
SYS_DESCR_OID: tuple[int, ...] = (1, 3, 6, 1, 2, 1, 1, 1, 0)
SYS_OBJECT_ID_OID: tuple[int, ...] = (1, 3, 6, 1, 2, 1, 1, 2, 0)
SYS_UPTIME_OID: tuple[int, ...] = (1, 3, 6, 1, 2, 1, 1, 3, 0)
SYS_NAME_OID: tuple[int, ...] = (1, 3, 6, 1, 2, 1, 1, 5, 0)

MAX_SLAVES = 5
#: Chain addresses over SNMP: 0 = the master, 1..5 = slave 1..5.
CHAIN_ADDRESSES = range(0, MAX_SLAVES + 1)

#: The rows of the register table that have an SNMP item, in item order.
SNMP_QUANTITIES: tuple[Quantity, ...] = tuple(sorted((q for q in QUANTITIES if q.oid_item is not None),
                                                     key=lambda q: q.oid_item or 0))
_BY_ITEM: dict[int, Quantity] = {q.oid_item: q for q in SNMP_QUANTITIES if q.oid_item is not None}

#: Text an OCTET STRING carries for "not available".
NOT_AVAILABLE_TEXTS = ("", "--", "-", "n/a", "na", "null", "none")

_DOOR_WORDS = {"open": "open", "opened": "open", "closed": "closed", "close": "closed"}
_PRESENCE_WORDS = {"yes": "yes", "alarm": "yes", "no": "no", "normal": "no"}


def unit_branch(address: int) -> int:
    """The OID branch of a chain address: 0 (master) -> 2, slave N -> 2 + N."""
    if address not in CHAIN_ADDRESSES:
        raise ValueError(f"chain address {address} is outside 0 (master) .. {MAX_SLAVES} (slave {MAX_SLAVES})")
    return 2 + address


def unit_name(address: int) -> str:
    return "master" if address == 0 else f"slave {address}"


def oid_of(address: int, q: Quantity) -> tuple[int, ...]:
    """The OID of quantity ``q`` on the unit at chain ``address``."""
    if q.oid_item is None:
        raise ValueError(f"{q.key} is not in the SNMP object table")
    return BASE + (unit_branch(address), q.oid_item, 0)


def unit_oids(address: int) -> tuple[tuple[tuple[int, ...], Quantity], ...]:
    """(OID, quantity) of every item of one unit, in item order."""
    return tuple((oid_of(address, q), q) for q in SNMP_QUANTITIES)


def locate(oid: Iterable[int]) -> tuple[int, Quantity] | None:
    """(chain address, quantity) of a reading OID; None for any other OID."""
    oid = tuple(oid)
    if len(oid) != len(BASE) + 3 or oid[:len(BASE)] != BASE or oid[-1] != 0:
        return None
    branch, item = oid[len(BASE)], oid[len(BASE) + 1]
    address = branch - 2
    if address not in CHAIN_ADDRESSES or item not in _BY_ITEM:
        return None
    return address, _BY_ITEM[item]


def oid_text(oid: Iterable[int]) -> str:
    """Dotted form with a leading dot, as net-snmp's tools take it."""
    return "." + ".".join(str(n) for n in oid)


def parse_oid(text: str) -> tuple[int, ...]:
    parts = text.strip().strip(".").split(".")
    if not parts or not all(p.isdigit() for p in parts):
        raise ValueError(f"{text!r} is not a dotted OID such as .1.3.6.1.4.1.47394.1.2.2.0")
    return tuple(int(p) for p in parts)


# --- SNMPv3 security ---------------------------------------------------------------------

#: SNMPv3 protocols a unit may be set to (the transport and the simulator map them to
#: pysnmp). AES-192/AES-256 localise the key as net-snmp's AES192/AES256 (Blumenthal),
#: AES-192-C/AES-256-C as Cisco's (Reeder; net-snmp's AES192C/AES256C).
V3_AUTH_PROTOCOLS = ("none", "MD5", "SHA", "SHA-224", "SHA-256", "SHA-384", "SHA-512")
V3_PRIV_PROTOCOLS = ("none", "DES", "AES", "AES-128", "AES-192", "AES-256", "AES-192-C", "AES-256-C")


def v3_protocol(name: str, choices: Iterable[str], option: str) -> str:
    """The canonical name of a protocol, case-insensitive, dashes optional (sha256,
    SHA-256, aes128, AES-192-C). Raises ValueError naming ``option``."""
    wanted = name.strip().upper().replace("-", "").replace("_", "")
    choices = tuple(choices)
    for key in choices:
        if key.upper().replace("-", "") == wanted:
            return key
    raise ValueError(f"{option} {name!r} is not one of {', '.join(choices)}")


# --- scaling overrides ------------------------------------------------------------------

def parse_scale_overrides(items: Iterable[str]) -> dict[str, int]:
    """``["voltage=1", "active_energy_l1=100"]`` -> {quantity key: divisor}.

    A name may be a quantity key (``voltage_l1``) or a field shared by the phases
    (``voltage`` sets voltage_l1..l3). The divisor is a power of ten from 1 to 10000.
    Raises ValueError naming the offending entry."""
    out: dict[str, int] = {}
    by_field: dict[str, list[str]] = {}
    for q in SNMP_QUANTITIES:
        by_field.setdefault(q.field, []).append(q.key)
    keys = {q.key for q in SNMP_QUANTITIES}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise ValueError(f"scale {item!r} is not NAME=DIVISOR such as voltage=10")
        if name in keys:
            targets = [name]
        elif name in by_field:
            targets = by_field[name]
        else:
            raise ValueError(f"scale {item!r}: {name!r} is not an SNMP quantity "
                             f"(e.g. voltage, current_l2, active_energy)")
        value = value.strip()
        if value not in ("1", "10", "100", "1000", "10000"):
            raise ValueError(f"scale {item!r}: the divisor must be 1, 10, 100, 1000 or 10000")
        for key in targets:
            out[key] = int(value)
    return out


# --- decoding ---------------------------------------------------------------------------

def _decimals(divisor: int) -> int:
    return max(0, len(str(divisor)) - 1)


def decode_snmp_value(q: Quantity, value: int | str, scale: int | None = None) -> tuple[Any, str | None]:
    """One SNMP value (an ``int`` from INTEGER/Gauge32/Counter32, a ``str`` from an OCTET
    STRING) -> (engineering value or None, fault text or None).

    ``scale`` overrides the integer divisor (default: the Modbus register's scale)."""
    if isinstance(value, bool):  # bool is an int: never a valid SNMP value here
        raise TypeError("SNMP values are int or str")
    if isinstance(value, str):
        return _decode_text(q, value)
    if q.kind is Kind.DOOR:
        return DOOR_CODES.get(value), None
    if q.kind is Kind.PRESENCE:
        return PRESENCE_CODES.get(value), None
    if q.kind is Kind.PROBE and value == 0:
        return None, None
    divisor = q.scale if scale is None else scale
    if q.signed and q.kind is not Kind.ENERGY and 0x8000 <= value <= 0xFFFF:
        value = to_signed16(value)  # a 16-bit register value passed through as Gauge32
    if divisor == 1:
        return value, None
    return round(value / divisor, _decimals(divisor)), None


def _decode_text(q: Quantity, text: str) -> tuple[Any, str | None]:
    cleaned = text.strip().strip("\x00").strip()
    if cleaned.lower() in NOT_AVAILABLE_TEXTS:
        return None, None
    if q.kind in (Kind.DOOR, Kind.PRESENCE):
        words = _DOOR_WORDS if q.kind is Kind.DOOR else _PRESENCE_WORDS
        codes = DOOR_CODES if q.kind is Kind.DOOR else PRESENCE_CODES
        word = cleaned.lower()
        if word in words:
            return words[word], None
        if word.isdigit():
            return codes.get(int(word)), None
        return None, f"{q.key}: text {text!r} is not a known state"
    number = cleaned.rstrip("%").rstrip()
    for unit in sorted((q.unit, "C", "°C", "kWh", "kVAh", "VA", "var", "Hz", "W", "V", "A"), key=len, reverse=True):
        if unit and number.endswith(unit):
            number = number[: -len(unit)].rstrip()
            break
    try:
        parsed = float(number.replace(",", "."))
    except ValueError:
        return None, f"{q.key}: text {text!r} is not a number"
    if not math.isfinite(parsed):
        return None, f"{q.key}: text {text!r} is not a finite number"
    return parsed, None


def snmp_reading(address: int, values: Mapping[str, Any], faults: Iterable[str] = ()) -> UnitReading:
    """A :class:`UnitReading` built from decoded SNMP values, so that the JSON shape of
    ``read --snmp`` is the one of a Modbus read (no registers: ``raw`` is all None, and
    thresholds and alarm states stay empty)."""
    ordered = {q.key: values[q.key] for q in QUANTITIES if q.key in values}
    return UnitReading(address, (None,) * REGISTER_COUNT, MappingProxyType(ordered), tuple(faults))


def decode_unit(address: int, answers: Mapping[str, int | str],
                scales: Mapping[str, int] | None = None, *, missing: Iterable[str] = ()) -> UnitReading:
    """Decode the SNMP answers of one unit (quantity key -> int or str); a key missing
    from ``answers`` (noSuchObject on that OID) is left out of the reading. ``missing``:
    the keys asked for that did not answer while others did (a partial answer), named in
    one fault. A value outside what the unit can measure is a fault, its value None."""
    values: dict[str, Any] = {}
    faults: list[str] = []
    missing = [k for k in missing if k not in answers]
    if missing:
        faults.append(f"partial SNMP answer: no value for {len(missing)} object(s): {', '.join(missing)}")
    for q in SNMP_QUANTITIES:
        if q.key not in answers:
            continue
        value, fault = decode_snmp_value(q, answers[q.key], (scales or {}).get(q.key))
        if fault is None:
            fault = implausible(q, value)
            if fault is not None:
                value = None
        values[q.key] = value
        if fault:
            faults.append(fault)
    # Modbus carries the L1+L2+L3 energy totals; SNMP does not, so they are summed here.
    for total, field in (("active_energy_total", "active_energy"), ("apparent_energy_total", "apparent_energy")):
        parts = [values.get(f"{field}_{p}") for p in ("l1", "l2", "l3")]
        if all(isinstance(v, (int, float)) for v in parts):
            values[total] = round(sum(parts), 3)  # type: ignore[arg-type]
    return snmp_reading(address, values, faults)


# --- encoding (the simulator's side) ------------------------------------------------------

VALUE_FORMS = ("integer", "text")


def encode_snmp_value(q: Quantity, value: Any, form: str) -> int | str:
    """The value an agent serves for ``q``: ``form`` "integer" (the Modbus register's
    scaling; 0 for not connected) or "text" (a decimal string; ``--`` for not connected)."""
    if form not in VALUE_FORMS:
        raise ValueError(f"value form {form!r} is not one of {', '.join(VALUE_FORMS)}")
    if q.kind in (Kind.DOOR, Kind.PRESENCE):
        codes = DOOR_CODES if q.kind is Kind.DOOR else PRESENCE_CODES
        if form == "text":
            return "--" if value is None else str(value)
        return next((k for k, v in codes.items() if v == value), 0)
    if value is None:
        return "--" if form == "text" else 0
    if form == "text":
        return f"{value:.{q.decimals}f}"
    return int(round(value * q.scale))


__all__ = [
    "BASE", "CHAIN_ADDRESSES", "DEVICE_NAME_OID", "ENTERPRISE", "MAX_SLAVES", "SNMP_QUANTITIES",
    "SYS_DESCR_OID", "SYS_NAME_OID", "SYS_OBJECT_ID_OID", "SYS_UPTIME_OID", "V3_AUTH_PROTOCOLS",
    "V3_PRIV_PROTOCOLS", "VALUE_FORMS", "v3_protocol",
    "decode_snmp_value", "decode_unit", "encode_snmp_value", "locate", "oid_of", "oid_text", "parse_oid",
    "parse_scale_overrides", "snmp_reading", "unit_branch", "unit_name", "unit_oids",
]
