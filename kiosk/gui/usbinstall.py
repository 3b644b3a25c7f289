"""Staff install new content from a USB stick: bundles found on removable media, one tap each.

Listing, reading and installing bundles happen in a worker thread: a stick may be slow, or
hold a 10 GB archive of zeros, and the GUI thread must keep answering (the watchdog is
watching it). Results come back through a queued signal.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from kiosk.gui.i18n import tr
from kiosk.gui.overlay import Overlay
from kiosk.gui.plainlabel import PlainLabel

log = logging.getLogger("kiosk.staff")


class _Relay(QObject):
    """Carries a worker thread's result to the GUI thread (a queued connection)."""

    done = Signal(int, object)



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
        #: True while a worker lists or installs (for tests and the status line).
        self.busy = False
        self._job = 0
        self._relay = _Relay(self)
        self._relay.done.connect(self._finished)
        self._then: Callable[[Any], None] | None = None
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the interface language."""
        self.title.setText(tr("New content from a USB stick"))
        self.back_button.setText(tr("Back"))

    def open_picker(self) -> None:
        """Show the picker at once, and look for bundles in a worker."""
        from kiosk.bundle import bundles_dir_of
        from kiosk.bundlemedia import find_bundles, removable_roots

        self._bundles_dir = bundles_dir_of(self._content)
        self._clear()
        if self._bundles_dir is None:
            self.status.setText(tr("This kiosk does not show installed bundles. Start it with "
                                   "--content <bundles folder>/current to update it this way."))
            self.open()
            return
        self.status.setText(tr("Looking for bundles on the stick..."))
        roots = self._roots or removable_roots()
        self._start(lambda: find_bundles(roots), self._show_found)
        self.open()

    def _show_found(self, found) -> None:
        self.status.setText(tr("Tap a bundle to check and install it.") if found else
                            tr("No bundle found. Put a .tar.gz made by 'kiosk bundle' on the "
                               "stick and plug it in."))
        for item in found[:6]:
            if item.manifest is None:
                log.warning("USB bundle cannot be used: %s", item.problem)
            button = QPushButton(item.summary, objectName="secondaryButton")
            button.setEnabled(item.manifest is not None)
            button.setProperty("usable", item.manifest is not None)
            button.clicked.connect(lambda _=False, it=item: self.install(it))
            self._list.addWidget(button)
            self.buttons.append(button)
        self.fit_card()

    def install(self, item) -> None:
        """Verify, check and install ``item`` (a kiosk.bundlemedia.Found) in a worker."""
        from kiosk.bundle import install_bundle

        if self.busy:
            return
        bundles_dir = self._bundles_dir
        self.status.setText(tr("Checking and installing {name}...").format(name=item.path.name))
        for button in self.buttons:
            button.setEnabled(False)
        self._start(lambda: install_bundle(item.path, bundles_dir),
                    lambda result: self._show_installed(item, result))

    def _show_installed(self, item, result) -> None:
        for button in self.buttons:
            button.setEnabled(bool(button.property("usable")))
        if isinstance(result, BaseException):
            log.warning("USB bundle not installed: %s", result)
            self.status.setText(tr("Not installed, the old content stays: {reason}")
                                .format(reason=result))
            self.fit_card()
            return
        log.info("installed bundle %s from %s", result.version, item.path)
        self.status.setText(tr("Installed version {version}.").format(version=result.version))
        self.fit_card()
        self.installed.emit(result.version)

    def _start(self, work: Callable[[], Any], then: Callable[[Any], None]) -> None:
        """Run ``work`` in a worker thread; ``then`` gets its result (or the exception)."""
        self._job += 1
        job, relay = self._job, self._relay
        self._then, self.busy = then, True

        def run() -> None:
            try:
                result: Any = work()
            except Exception as exc:  # noqa: BLE001 - shown to staff, never raised in Qt
                result = exc
            with contextlib.suppress(RuntimeError):  # the picker was deleted: nobody to tell
                relay.done.emit(job, result)

        threading.Thread(target=run, name="usb-bundles", daemon=True).start()

    def _finished(self, job: int, result: object) -> None:
        if job != self._job or self._then is None:
            return  # an answer for a picker that was closed or reopened since
        then, self._then, self.busy = self._then, None, False
        then(result)

    def _clear(self) -> None:
        self._job += 1  # forget any answer still on its way
        self._then, self.busy = None, False
        for button in self.buttons:
            button.deleteLater()
        self.buttons = []

    def _back(self) -> None:
        self._clear()
        self.hide()
        self.closed.emit()
