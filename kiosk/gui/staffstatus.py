"""The staff menu's status panel: version, uptime, content, sessions, pages, warnings."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from kiosk.config import Settings
from kiosk.gui.deck import PageDeck
from kiosk.gui.i18n import tr
from kiosk.gui.statemodel import StateModel


class StaffStatus(QObject):
    """Counts sessions since start and writes the status text; ``hooks`` add lines
    (the statistics add theirs)."""

    def __init__(self, settings: Settings, state: StateModel, deck: PageDeck,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(state)
        self._settings, self._state, self._deck, self._clock = settings, state, deck, clock
        self.started_at = clock()
        self.sessions = 0
        #: Callables adding lines to the status panel.
        self.hooks: list[Callable[[], list[str]]] = []
        state.sessionStarted.connect(self._count)

    def _count(self) -> None:
        self.sessions += 1

    def text(self) -> str:
        """What staff see in the status panel."""
        from kiosk import __version__

        uptime = int(self._clock() - self.started_at)
        lines = [tr("Kiosk {version}, up {hours} h {minutes} min").format(
                     version=__version__, hours=uptime // 3600, minutes=uptime % 3600 // 60),
                 tr("Content: {folder} ({lang})").format(folder=self._settings.content,
                                                         lang=self._state.lang),
                 tr("Sessions since start: {n}").format(n=self.sessions),
                 tr("Pages:")]
        for page in self._deck.pages:
            reviewed = (tr("reviewed {date}").format(date=page.reviewed) if page.reviewed
                        else tr("cannot be read"))
            lines.append(f"  {page.title}: {reviewed}")
        recent = getattr(QApplication.instance(), "recent_warnings", None)
        if recent is not None and recent.lines:
            lines.append(tr("Last warnings:"))
            lines.extend(f"  {line}" for line in recent.lines)
        for hook in self.hooks:
            lines.extend(hook())
        return "\n".join(lines)
