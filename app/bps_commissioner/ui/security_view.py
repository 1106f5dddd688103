"""The security findings of a networked unit, as a strip above its tabs.

services/security.py lists what an engineer should fix before leaving a unit on the network
(the factory login admin/admin still accepted, SNMP v1/v2c in cleartext and its factory
community, SNMPv3 without privacy or with weak algorithms, Telnet enabled). The strip shows
them for the selected unit's link, most serious first, each with what to do, in the chosen
language (a finding's English text is used only for a code this module does not know).
They are advice, not errors: orange, with an icon and a word for the severity.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from bps_commissioner.services.security import Finding
from bps_commissioner.ui import style
from bps_commissioner.ui.icons import icon
from bps_commissioner.ui.network import NetworkSession

translate = QCoreApplication.translate


def severity_text(severity: str) -> str:
    return {"high": translate("SecurityView", "serious"), "medium": translate("SecurityView", "moderate"),
            "low": translate("SecurityView", "minor")}.get(severity, severity)


def finding_texts(f: Finding) -> tuple[str, str]:
    """(what, what to do) of a finding, translated."""
    code = f.code
    if code == "telnet-factory-credentials":
        return (translate("SecurityView", "The unit accepts the factory Telnet login admin/admin."),
                translate("SecurityView", "Change the password before leaving the site: Units > Set up new "
                                          "masters…, Telnet menu 3 or the web UI System > Users."))
    if code == "telnet-cleartext":
        user = str(f.data.get("user", ""))
        return (translate("SecurityView", "Telnet is enabled: the account (%1) and its password cross the network "
                                          "in cleartext.").replace("%1", user),
                translate("SecurityView", "Disable Telnet in the web UI (Network > Telnet) once commissioning is "
                                          "done."))
    version = str(f.data.get("version", ""))
    if code == "snmp-factory-community":
        return (translate("SecurityView", "The unit answers SNMP v%1 to the factory community.").replace("%1", version),
                translate("SecurityView", "Set your own read and write communities (Units > Set up new masters…, "
                                          "or the web UI Network > SNMP), or better, switch to SNMPv3."))
    if code == "snmp-cleartext":
        return (translate("SecurityView", "SNMP v%1 sends the community and every value in cleartext, without "
                                          "authentication.").replace("%1", version),
                translate("SecurityView", "Switch the unit to SNMPv3 with authentication and privacy (web UI "
                                          "Network > SNMP)."))
    if code == "snmpv3-no-auth":
        return (translate("SecurityView", "SNMPv3 is used without authentication (noAuthNoPriv)."),
                translate("SecurityView", "Give the SNMPv3 account an authentication key and a privacy key "
                                          "(authPriv)."))
    if code == "snmpv3-no-privacy":
        return (translate("SecurityView", "SNMPv3 is used without privacy: values cross the network in cleartext."),
                translate("SecurityView", "Give the SNMPv3 account a privacy key and use privacy (authPriv)."))
    if code == "snmpv3-weak-algorithms":
        weak = ", ".join(f.data.get("weak", ()))
        return (translate("SecurityView", "SNMPv3 uses %1, which are considered weak.").replace("%1", weak),
                translate("SecurityView", "Prefer SHA-256 (or at least SHA) and AES if the unit supports them."))
    return f.message, f.advice


class SecurityStrip(QFrame):
    """The findings of the selected unit's link; hidden when there are none."""

    def __init__(self, network: NetworkSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("securityStrip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(f"#securityStrip {{ background: {style.NOTICE_TINT}; "
                           f"border: 1px solid {style.NOTICE_BORDER}; border-radius: 3px; }}")
        self.network = network
        self._key: str | None = None
        self._expanded = True
        self._icon = QLabel()
        self._icon.setFixedSize(QSize(20, 20))
        self._icon.setPixmap(icon("state-warning").pixmap(18, 18))
        self.title = QLabel()
        self.title.setObjectName("securityTitle")
        self.title.setWordWrap(True)
        self.toggle = QToolButton()
        self.toggle.setObjectName("securityToggle")
        self.toggle.setAutoRaise(True)
        self.toggle.clicked.connect(self._toggle)
        self.details = QLabel()
        self.details.setObjectName("securityDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.title, 1)
        top.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 6)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.details)
        network.changed.connect(self._on_changed)
        self.hide()

    # -- UnitView's calls -------------------------------------------------------------------------
    def unit_selected(self, key: str | None, address: int | None) -> None:
        self._key = key if address is not None else None
        self._render()

    def findings(self) -> list[Finding]:
        return self.network.findings(self._key)

    # -- display ----------------------------------------------------------------------------------
    def _on_changed(self, key: str) -> None:
        if key == self._key:
            self._render()

    def _toggle(self) -> None:
        self._expanded = not self._expanded
        self._render()

    def _render(self) -> None:
        findings = self.findings()
        self.setVisible(bool(findings))
        if not findings:
            return
        host = self.network.host(self._key) or ""
        self.title.setText("<b>" + self.tr("Security: %n thing(s) to fix before leaving %1", "", len(findings))
                           .replace("%1", _html(host)) + "</b>")
        rows = []
        for f in findings:
            what, advice = finding_texts(f)
            rows.append(f"<li><b>{_html(severity_text(f.severity))}:</b> {_html(what)}<br>"
                        f"<span style='color:{style.SUBTLE_COLOUR}'>{_html(advice)}</span></li>")
        self.details.setText("<ul style='margin:0; -qt-list-indent:1'>" + "".join(rows) + "</ul>")
        self.details.setVisible(self._expanded)
        self.toggle.setText(self.tr("Hide") if self._expanded else self.tr("Show"))
        self.toggle.setToolTip(self.tr("Hide or show the security findings and what to do"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = ["SecurityStrip", "finding_texts", "severity_text"]
