"""What a check says: its result (pass, warn, fail), its reason as an English template
(marked for Qt Linguist, context "Commission") with its values, and how a reason is shown
(:func:`render`: English for the CLI, translated with decimal commas for the window and
the report). Pure data, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Callable, Iterable, Mapping

from bps_commissioner.device.i18n import QT_TRANSLATE_NOOP


PASS, WARN, FAIL = "pass", "warn", "fail"
RESULTS = (PASS, WARN, FAIL)
OK, FAILED, MISSING, UNEXPECTED, CONFLICT = "ok", "failed", "missing", "unexpected", "conflict"
STATUSES = (OK, FAILED, MISSING, UNEXPECTED, CONFLICT)

# --- check results and their reasons ---------------------------------------------------------

@dataclass(frozen=True)
class Measure:
    """A number with the decimals its register carries and its unit (shown localised)."""

    value: float
    decimals: int
    unit: str = ""

    def __str__(self) -> str:
        text = f"{self.value:.{self.decimals}f}"
        return f"{text} {self.unit}" if self.unit else text


@dataclass(frozen=True)
class Term:
    """A word or label translated where shown (``QCoreApplication.translate(context, text)``)."""

    context: str
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Phrase:
    """Parts (text, numbers, terms) shown one after another."""

    parts: tuple[Any, ...]

    def __str__(self) -> str:
        return "".join(str(p) for p in self.parts)


def _c(text: str) -> Term:
    return Term("Commission", text)


def _q(label: str) -> Term:
    return Term("Quantity", label)


def joined(items: Iterable[Any], separator: str = ", ") -> Phrase:
    parts: list[Any] = []
    for item in items:
        if parts:
            parts.append(separator)
        parts.append(item)
    return Phrase(tuple(parts))


@dataclass(frozen=True)
class Check:
    """One check of one unit: ``check`` (a stable id such as ``voltage_l1``), ``result``
    (pass, warn, fail) and the reason as an English ``template`` with ``data``."""

    check: str
    result: str
    template: str
    data: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)
    label: Any = None  # a Term or Phrase naming the check for people; None: the id

    def __post_init__(self) -> None:
        if self.result not in RESULTS:
            raise ValueError(f"check result {self.result!r} is not one of {RESULTS}")
        object.__setattr__(self, "data", MappingProxyType(dict(self.data)))

    @property
    def detail(self) -> str:
        """The reason in English."""
        return render(self.template, self.data)

    @property
    def title(self) -> str:
        return str(self.label) if self.label is not None else self.check

    def to_dict(self) -> dict[str, Any]:
        return {"check": self.check, "result": self.result, "detail": self.detail}


Translate = Callable[[str, str], str]  # (context, source text) -> text
Number = Callable[[float, int], str]  # (value, decimals) -> text


def _english_number(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def render_value(value: Any, translate: Translate | None = None, number: Number | None = None,
                 unit_space: str = " ") -> str:
    """A value of a check's data as text, translated and localised when told how
    (``unit_space``: between a number and its unit; a no-break space in a report)."""
    tr = translate or (lambda context, text: text)
    num = number or _english_number
    if isinstance(value, Measure):
        text = num(value.value, value.decimals)
        return f"{text}{unit_space}{value.unit}" if value.unit else text
    if isinstance(value, Term):
        return tr(value.context, value.text)
    if isinstance(value, Phrase):
        return "".join(render_value(p, tr, num, unit_space) for p in value.parts)
    if isinstance(value, float):
        return num(value, 2)
    return str(value)


def render(template: str, data: Mapping[str, Any], translate: Translate | None = None,
           number: Number | None = None, unit_space: str = " ") -> str:
    """``template`` (translated with ``translate`` in context "Commission") with its
    ``{placeholders}`` filled from ``data``."""
    text = translate("Commission", template) if translate is not None else template
    values = {k: render_value(v, translate, number, unit_space) for k, v in data.items()}
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder
        return template.format(**values)


# Every reason a check gives (English source texts, context "Commission").
T_ANSWERED = QT_TRANSLATE_NOOP("Commission", "answered {replies} of {requests} requests")
T_ANSWERED_SOME = QT_TRANSLATE_NOOP("Commission", "answered {replies} of {requests} requests; "
                                                  "{timeouts} got no reply")
T_ANSWERED_SNMP = QT_TRANSLATE_NOOP("Commission", "answered over SNMP")
T_NO_REPLY = QT_TRANSLATE_NOOP("Commission", "no reply at address {address} on {link}")
T_LINK_FAILED = QT_TRANSLATE_NOOP("Commission", "the link could not be used: {error}")
T_STOPPED = QT_TRANSLATE_NOOP("Commission", "stopped answering during the run: {error}")
T_ODD_REPLY = QT_TRANSLATE_NOOP("Commission", "answered the scan with an error: {error}")
T_CANCELLED = QT_TRANSLATE_NOOP("Commission", "not checked: the run was cancelled")
T_NO_GARBLED = QT_TRANSLATE_NOOP("Commission", "no garbled reply")
T_GARBLED = QT_TRANSLATE_NOOP("Commission", "{count} garbled replies (CRC or framing errors): two units on "
                                            "one address, a baud-rate mismatch or a bus without termination")
T_CONFLICT = QT_TRANSLATE_NOOP("Commission", "replies to address {address} arrive garbled every time: two "
                                             "or more units seem to share it; give one of them another "
                                             "address and check again")
T_PHASES_OK = QT_TRANSLATE_NOOP("Commission", "{found}, as planned")
T_PHASES_BAD = QT_TRANSLATE_NOOP("Commission", "{found}, planned {planned}")
T_NOT_PLANNED = QT_TRANSLATE_NOOP("Commission", "{found} (not in the plan)")
T_WITHIN = QT_TRANSLATE_NOOP("Commission", "{value}, within {low} .. {high}")
T_OUTSIDE = QT_TRANSLATE_NOOP("Commission", "{value} is outside {low} .. {high}")
T_NO_VALUE = QT_TRANSLATE_NOOP("Commission", "no value: the register could not be read")
T_CURRENT_OK = QT_TRANSLATE_NOOP("Commission", "{value}, within the rated {rating}")
T_CURRENT_ASSUMED = QT_TRANSLATE_NOOP("Commission", "{value}, within {rating} (the plan gives no rating: "
                                                    "checked against the higher one)")
T_CURRENT_HIGH = QT_TRANSLATE_NOOP("Commission", "{value} is above 80 % of the rated {rating}")
T_CURRENT_OVER = QT_TRANSLATE_NOOP("Commission", "{value} is above the rated {rating}")
T_POWER_OK = QT_TRANSLATE_NOOP("Commission", "{value} agrees with V × I × PF = {expected}")
T_POWER_BAD = QT_TRANSLATE_NOOP("Commission", "{value} differs from V × I × PF = {expected} by more "
                                              "than {tolerance}")
T_ENERGY_OK = QT_TRANSLATE_NOOP("Commission", "readable: {active}, {apparent}")
T_ENERGY_FAULT = QT_TRANSLATE_NOOP("Commission", "{counters}: a register reads above 255 (a device or line "
                                                 "fault)")
T_CONNECTED = QT_TRANSLATE_NOOP("Commission", "connected: {value}")
T_NOT_CONNECTED = QT_TRANSLATE_NOOP("Commission", "not connected, but planned")
T_IMPLAUSIBLE = QT_TRANSLATE_NOOP("Commission", "{value} is not plausible (expected {low} .. {high})")
T_DOOR_OPEN = QT_TRANSLATE_NOOP("Commission", "the door is open")
T_SMOKE = QT_TRANSLATE_NOOP("Commission", "smoke detected")
T_WATER = QT_TRANSLATE_NOOP("Commission", "water detected")
T_EXTRA_PROBE = QT_TRANSLATE_NOOP("Commission", "connected: {value}, but not in the plan")
T_PROBES_FOUND = QT_TRANSLATE_NOOP("Commission", "connected: {probes} (not in the plan)")
T_PROBES_NONE = QT_TRANSLATE_NOOP("Commission", "none connected (not in the plan)")
T_ALARMS_OK = QT_TRANSLATE_NOOP("Commission", "all normal")
T_ALARMS_BAD = QT_TRANSLATE_NOOP("Commission", "not normal: {alarms}")
T_THRESHOLDS_OK = QT_TRANSLATE_NOOP("Commission", "as in the profile {profile}")
T_THRESHOLDS_BAD = QT_TRANSLATE_NOOP("Commission", "{count} differ from the profile {profile}: {settings}")
T_THRESHOLDS_APPLIED = QT_TRANSLATE_NOOP("Commission", "applied from {profile}, read back: {changes}")
T_THRESHOLDS_NOT_APPLIED = QT_TRANSLATE_NOOP("Commission", "not all applied from {profile}: {problems}")
T_THRESHOLDS_REFUSED = QT_TRANSLATE_NOOP("Commission", "the profile {profile} was refused for this unit, "
                                                       "nothing written: {problems}")
T_THRESHOLDS_SNMP = QT_TRANSLATE_NOOP("Commission", "not readable over SNMP: check them over Modbus")
T_LIVE_BREAKS = QT_TRANSLATE_NOOP("Commission", "not applied: the present reading already breaks {count} planned "
                                                "limit(s), the unit would alarm at once: {limits}")
T_FIRMWARE_OK = QT_TRANSLATE_NOOP("Commission", "{version}, as planned")
T_FIRMWARE_BAD = QT_TRANSLATE_NOOP("Commission", "{version} is installed, planned {planned}")
T_FIRMWARE_SEEN = QT_TRANSLATE_NOOP("Commission", "{version} (not in the plan)")
T_FIRMWARE_UNREAD = QT_TRANSLATE_NOOP("Commission", "cannot be read over Telnet: {error}")
T_FIRMWARE_NO_HOST = QT_TRANSLATE_NOOP("Commission", "cannot be checked: the plan gives no host for the "
                                                     "unit's Telnet CLI")
T_SECURITY_OK = QT_TRANSLATE_NOOP("Commission", "no finding")
T_TELNET_OFF = QT_TRANSLATE_NOOP("Commission", "Telnet is off (the connection is refused)")
T_SECURITY_UNCHECKED = QT_TRANSLATE_NOOP("Commission", "Telnet could not be checked: {error}")
T_FINDING = QT_TRANSLATE_NOOP("Commission", "{finding}. {advice}")

#: Words the reasons use.
W_THREE_PHASE = QT_TRANSLATE_NOOP("Commission", "three-phase")
W_SINGLE_PHASE = QT_TRANSLATE_NOOP("Commission", "single-phase")
STATE_WORDS = {
    "open": QT_TRANSLATE_NOOP("Commission", "open"),
    "closed": QT_TRANSLATE_NOOP("Commission", "closed"),
    "yes": QT_TRANSLATE_NOOP("Commission", "yes"),
    "no": QT_TRANSLATE_NOOP("Commission", "no"),
    "low": QT_TRANSLATE_NOOP("Commission", "low alarm"),
    "high": QT_TRANSLATE_NOOP("Commission", "high alarm"),
}

#: Check labels.
L_REACHABLE = QT_TRANSLATE_NOOP("Commission", "Reachable")
L_CRC = QT_TRANSLATE_NOOP("Commission", "Garbled replies (CRC)")
L_CONFLICT = QT_TRANSLATE_NOOP("Commission", "Address conflict")
L_PHASES = QT_TRANSLATE_NOOP("Commission", "Phases")
L_ENERGY = QT_TRANSLATE_NOOP("Commission", "Energy counters")
L_ENERGY_TOTAL = QT_TRANSLATE_NOOP("Commission", "Energy counters, total")
L_PROBES = QT_TRANSLATE_NOOP("Commission", "Probes")
L_ALARMS = QT_TRANSLATE_NOOP("Commission", "Alarm states")
L_THRESHOLDS = QT_TRANSLATE_NOOP("Commission", "Alarm thresholds")
L_FIRMWARE = QT_TRANSLATE_NOOP("Commission", "Firmware")
L_SECURITY = QT_TRANSLATE_NOOP("Commission", "Security")

#: Short texts of the security findings (services/security.py's codes), for the report.
FINDING_TEXTS = {
    "telnet-factory-credentials": (
        QT_TRANSLATE_NOOP("Commission", "The unit accepts the factory Telnet login admin/admin"),
        QT_TRANSLATE_NOOP("Commission", "Change the password before leaving the site.")),
    "telnet-cleartext": (
        QT_TRANSLATE_NOOP("Commission", "Telnet is enabled: account and password cross the network in "
                                        "cleartext"),
        QT_TRANSLATE_NOOP("Commission", "Disable Telnet in the web UI (Network > Telnet) once commissioning "
                                        "is done.")),
    "snmp-factory-community": (
        QT_TRANSLATE_NOOP("Commission", "The unit answers SNMP to the factory community"),
        QT_TRANSLATE_NOOP("Commission", "Set your own communities in the web UI (Network > SNMP), or better, "
                                        "switch to SNMPv3.")),
    "snmp-cleartext": (
        QT_TRANSLATE_NOOP("Commission", "SNMP v1/v2c sends the community and every value in cleartext"),
        QT_TRANSLATE_NOOP("Commission", "Switch the unit to SNMPv3 with authentication and privacy.")),
    "snmpv3-no-auth": (
        QT_TRANSLATE_NOOP("Commission", "SNMPv3 is used without authentication"),
        QT_TRANSLATE_NOOP("Commission", "Give the SNMPv3 account a password and a private key (authPriv).")),
    "snmpv3-no-privacy": (
        QT_TRANSLATE_NOOP("Commission", "SNMPv3 is used without privacy: values cross the network in "
                                        "cleartext"),
        QT_TRANSLATE_NOOP("Commission", "Give the SNMPv3 account a private key and use privacy (authPriv).")),
    "snmpv3-weak-algorithms": (
        QT_TRANSLATE_NOOP("Commission", "SNMPv3 uses MD5 or DES, which are considered weak"),
        QT_TRANSLATE_NOOP("Commission", "Prefer SHA-256 (or at least SHA) and AES.")),
}
