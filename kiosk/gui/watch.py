"""Live preview for editors (``kiosk --windowed --watch``): notice saves, re-read, re-check.

:class:`ContentWatcher` watches one language folder and its markdown files. Editors save in
different ways (write in place, or write a temporary file and rename it over the page, which
drops the file from an inotify watch), so after every burst of events it compares each file's
inode, time and size with what it saw before, and watches the files again.
:class:`LivePreview` turns that into freshly read pages and a fresh ``kiosk check`` report;
the main window shows them.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kiosk.content import NOT_PAGES, ContentError
from kiosk.source import ContentSource

log = logging.getLogger("kiosk.content")
#: Editors write a file in several steps; wait this long after the last event.
DEBOUNCE_MS = 200


class ContentWatcher(QObject):
    """Reports saved, added and removed ``*.md`` files in one folder, debounced.

    Signals:
        filesChanged(list): these files (Paths) were saved since the last report.
        filesAddedOrRemoved(): a markdown file appeared or went away.
    """

    filesChanged = Signal(list)
    filesAddedOrRemoved = Signal()

    def __init__(self, folder: Path, debounce_ms: int = DEBOUNCE_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self._fs = QFileSystemWatcher(self)
        self._timer = QTimer(self, singleShot=True, interval=debounce_ms)
        self._seen = self._scan()
        self._fs.addPath(str(folder))
        self._watch_files(self._seen)
        self._fs.fileChanged.connect(self._timer.start)
        self._fs.directoryChanged.connect(self._timer.start)
        self._timer.timeout.connect(self._report)

    def _scan(self) -> dict[Path, tuple[int, int, int]]:
        found = {}
        for path in self.folder.glob("*.md"):
            if path.name.startswith((".", "_")):
                continue
            try:
                st = path.stat()
            except OSError:
                continue
            found[path] = (st.st_ino, st.st_mtime_ns, st.st_size)
        return found

    def _watch_files(self, paths) -> None:
        # A file replaced by a rename is a new inode: watch it afresh.
        names = [str(p) for p in paths]
        watched = set(self._fs.files())
        if stale := [n for n in names if n in watched]:
            self._fs.removePaths(stale)
        if names := [n for n in names if Path(n).is_file()]:
            self._fs.addPaths(names)

    def _report(self) -> None:
        now = self._scan()
        changed = sorted(p for p, sig in now.items() if self._seen.get(p) != sig)
        added_or_removed = set(now) != set(self._seen)
        self._seen = now
        if not self.folder.is_dir():
            return
        if str(self.folder) not in self._fs.directories():
            self._fs.addPath(str(self.folder))
        self._watch_files(changed)
        if added_or_removed:
            self.filesAddedOrRemoved.emit()
        elif changed:
            self.filesChanged.emit(changed)


class LivePreview(QObject):
    """Re-reads saved pages and re-runs ``kiosk check`` on the language being previewed.

    Signals:
        pageSaved(object): a fresh :class:`kiosk.content.Page` read from a saved file.
        pagesAddedOrRemoved(): a page appeared or went away; read them all again.
        reportReady(object): a fresh :class:`kiosk.check.Report` (or None if it cannot run).
    """

    pageSaved = Signal(object)
    pagesAddedOrRemoved = Signal()
    reportReady = Signal(object)

    def __init__(self, root: Path, lang: str, parent: QObject | None = None,
                 debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.root, self.lang = root, lang
        self.source = ContentSource(root)
        self.watcher = ContentWatcher(root / lang, debounce_ms, self)
        # The check runs just after a reload, so the page is on screen before it starts.
        self._check_timer = QTimer(self, singleShot=True, interval=30)
        self.watcher.filesChanged.connect(self._on_saved)
        self.watcher.filesAddedOrRemoved.connect(self._on_added_or_removed)
        self._check_timer.timeout.connect(self.recheck)
        self._check_timer.start()

    def _on_saved(self, paths: list[Path]) -> None:
        for path in paths:
            if path.name not in NOT_PAGES:
                self.pageSaved.emit(self.source.read_page(path))
        self._check_timer.start()

    def _on_added_or_removed(self) -> None:
        self.pagesAddedOrRemoved.emit()
        self._check_timer.start()

    def recheck(self) -> None:
        """Run ``kiosk check`` on the previewed language now and report it."""
        from kiosk.check import check_content

        try:
            report = check_content(self.root, langs=[self.lang])
        except ContentError as exc:
            log.warning("%s", exc)
            report = None
        self.reportReady.emit(report)
