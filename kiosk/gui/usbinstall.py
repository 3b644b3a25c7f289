"""Staff install new content from a USB stick: bundles found on removable media, one tap each."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from kiosk.gui.i18n import tr
from kiosk.gui.overlay import Overlay
from kiosk.gui.plainlabel import PlainLabel

log = logging.getLogger("kiosk.staff")


class BundlePicker(Overlay):
    """Lists the bundles on removable media; a tap installs one the safe way.

    Installing verifies every checksum and runs ``kiosk check`` on the unpacked copy before
    ``current`` is switched, exactly as ``kiosk install-bundle`` does.

    Signals:
        installed(str): a bundle of this version is now ``current``.
        closed(): staff went back.
    """

    installed = Signal(str)
    closed = Signal()

    def __init__(self, parent: QWidget, content: Path,
                 roots: tuple[Path, ...] | None = None) -> None:
        super().__init__(parent, "bundlePicker")
        # kiosk.bundle (tarfile, hashlib...) loads when staff open this, not at start-up.
        self._content = content
        self._roots = roots
        self.title = PlainLabel(objectName="overlayTitle")
        self.status = PlainLabel(objectName="staffStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self._list = QVBoxLayout()
        self.back_button = QPushButton(objectName="primaryButton")
        self.back_button.clicked.connect(self._back)
        layout = QVBoxLayout(self.card)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addLayout(self._list)
        layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.buttons: list[QPushButton] = []
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the interface language."""
        self.title.setText(tr("New content from a USB stick"))
        self.back_button.setText(tr("Back"))

    def open_picker(self) -> None:
        """Look for bundles now and show them."""
        from kiosk.bundle import REMOVABLE_ROOTS, bundles_dir_of, find_bundles

        self._bundles_dir = bundles_dir_of(self._content)
        for button in self.buttons:
            button.deleteLater()
        self.buttons = []
        if self._bundles_dir is None:
            self.status.setText(tr("This kiosk does not show installed bundles. Start it with "
                                   "--content <bundles folder>/current to update it this way."))
            self.open()
            return
        found = find_bundles(self._roots or REMOVABLE_ROOTS)
        self.status.setText(tr("Tap a bundle to check and install it.") if found else
                            tr("No bundle found. Put a .tar.gz made by 'kiosk bundle' on the "
                               "stick and plug it in."))
        for item in found[:6]:
            button = QPushButton(item.summary, objectName="secondaryButton")
            button.setEnabled(item.manifest is not None)
            button.clicked.connect(lambda _=False, it=item: self.install(it))
            self._list.addWidget(button)
            self.buttons.append(button)
        self.open()

    def install(self, item) -> None:
        """Verify, check and install ``item`` (a kiosk.bundle.Found); say how it went."""
        from kiosk.bundle import BundleError, install_bundle

        try:
            manifest = install_bundle(item.path, self._bundles_dir)
        except BundleError as exc:
            log.warning("USB bundle not installed: %s", exc)
            self.status.setText(tr("Not installed, the old content stays: {reason}")
                                .format(reason=exc))
            self.fit_card()
            return
        log.info("installed bundle %s from %s", manifest.version, item.path)
        self.status.setText(tr("Installed version {version}.").format(version=manifest.version))
        self.fit_card()
        self.installed.emit(manifest.version)

    def _back(self) -> None:
        self.hide()
        self.closed.emit()
