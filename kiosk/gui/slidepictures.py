"""Pictures of the talk's pages for the presenter view, drawn by the same page widgets the
audience sees (so the picture is the page, not a summary of it)."""

from __future__ import annotations

from PySide6.QtGui import QPixmap


def page_picture(window, index: int) -> QPixmap | None:
    """Page ``index`` of ``window`` (a ``MainWindow``) as the audience will first see it, at
    the size of the page on screen; None past the pages (a teach-back question)."""
    if not 0 <= index < len(window.pages):
        return None
    view = window.views[index]
    view.ensure_rendered()
    if view is not window.current_view:
        # A page not yet shown has never been laid out: give it the size it will have.
        view.resize(window.current_view.size())
        view.scroll_to_top()
    return view.grab()
