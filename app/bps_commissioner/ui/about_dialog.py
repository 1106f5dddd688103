"""Help > About: the program's version, the versions of Qt, Python and the libraries, and the
third-party components with their licences; a component's licence text shows below the table
when it is selected. Sized for a 1366x768 screen: the table and the text scroll. Its strings
keep the context "MainWindow" (the window's Help menu opens it)."""

from __future__ import annotations

import platform

import PySide6
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QPlainTextEdit, QSplitter,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from bps_commissioner.services.about import Installed, installed_components, licence_text, program_version

translate = QCoreApplication.translate  # the name pyside6-lupdate recognizes

#: The size the dialog asks for, shrunk to the screen's available area when that is smaller.
PREFERRED = (860, 640)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(translate("MainWindow", "About BPS Commissioner"))
        self.components: list[Installed] = installed_components()

        heading = QLabel(translate(
            "MainWindow",
            "<h3>BPS Commissioner %1</h3><p>Commissioning of BKT BPS2000v2 PDU chains over Modbus RTU and "
            "Modbus TCP: find the units, check what they measure, set their alarm limits.</p>"
            "<p>Keyboard: Ctrl+O connect, Ctrl+R scan, Ctrl+T chain tree, Ctrl+1 dashboard, Ctrl+2 plots, "
            "Ctrl+P pause the plots, Ctrl+5 / Ctrl+6 / Ctrl+8 plot 5 minutes / 1 hour / 8 hours, Ctrl+D "
            "diagnostics.</p>").replace("%1", program_version()))
        heading.setWordWrap(True)
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.versions = QLabel(translate("MainWindow", "Qt %1, PySide6 %2, Python %3").replace(
            "%1", qVersion()).replace("%2", PySide6.__version__).replace("%3", platform.python_version()))
        self.versions.setObjectName("aboutVersions")
        self.versions.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        notice = QLabel(translate(
            "MainWindow", "BPS Commissioner uses these third-party components, under their licences. "
            "Select one to read its licence."))
        notice.setWordWrap(True)

        self.table = QTableWidget(len(self.components), 3)
        self.table.setObjectName("aboutComponents")
        self.table.setHorizontalHeaderLabels([translate("MainWindow", "Component"),
                                              translate("MainWindow", "Version"),
                                              translate("MainWindow", "Licence")])
        for row, item in enumerate(self.components):
            for column, text in enumerate((item.component.distribution, item.version, item.component.licence)):
                cell = QTableWidgetItem(text)
                cell.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, column, cell)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.text = QPlainTextEdit()
        self.text.setObjectName("aboutLicenceText")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.text)
        splitter.setChildrenCollapsible(False)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (heading, self.versions, notice):
            layout.addWidget(widget)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

        self.table.currentCellChanged.connect(lambda row, *_: self.show_licence(row))
        if self.components:
            self.table.selectRow(0)
        self._fit_screen()

    def show_licence(self, row: int) -> None:
        """Show the licence texts of the component in ``row`` below the table."""
        if not 0 <= row < len(self.components):
            return
        component = self.components[row].component
        parts = []
        for name in component.texts:
            body = licence_text(name) or translate("MainWindow", "(the text of %1 is missing)").replace("%1", name)
            parts.append(f"{component.distribution}: {name}\n\n{body}")
        self.text.setPlainText("\n\n".join(parts))
        self.text.moveCursor(self.text.textCursor().MoveOperation.Start)

    def _fit_screen(self) -> None:
        width, height = PREFERRED
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            width, height = min(width, area.width() - 40), min(height, area.height() - 60)
        self.resize(width, height)
