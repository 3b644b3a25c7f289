"""Render every page to a PNG file, offscreen, with the same loading code as the kiosk."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from kiosk.config import Exit, Settings

log = logging.getLogger("kiosk")


def write_shots(settings: Settings, folder: Path) -> int:
    """Write ``<order>-<slug>.png`` for each page into ``folder``; return the exit status."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.gui.app import application, build_window
    from kiosk.theme import Metrics

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        log.error("cannot write to %s: %s", folder, exc.strerror or exc)
        return Exit.USAGE
    app = application()
    window = build_window(settings)
    width, height = settings.window_size
    window.resize(width, height)
    window.apply_metrics(Metrics.for_size(width, height))
    window.show()
    for index, page in enumerate(window.pages):
        window.navigator.go(index)
        app.processEvents()
        path = folder / f"{index + 1}-{page.slug}.png"
        if not window.grab().save(str(path)):
            log.error("could not write %s", path)
            return Exit.USAGE
        log.info("wrote %s", path)
    window.close()
    return Exit.OK
