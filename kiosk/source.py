"""One content folder as every part of the kiosk reads it: pages, glossary and HTML (no Qt).

``kiosk check``, the live preview (kiosk.gui.watch) and the kiosk itself take what they show
or judge from a :class:`ContentSource`, so a page is read, glossed and rendered one way:
``check`` sees the HTML a patient sees (``tests/test_source.py`` proves it against the
real window).
"""

from __future__ import annotations

from pathlib import Path

from kiosk.content import Page, languages, load_pages, read_page
from kiosk.glossary import Glossary, glossary_path, load_glossary
from kiosk.render import Rendered, render


class ContentSource:
    """The pages, glossaries and rendered HTML of the content folder ``root``.

    A glossary is read again when its file changes (size or time), so an editor's save
    shows in the live preview.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._glossaries: dict[str, tuple[tuple[int, int] | None, Glossary | None]] = {}

    def languages(self) -> list[str]:
        """The languages with a page folder, sorted."""
        return languages(self.root)

    def pages(self, lang: str) -> list[Page]:
        """Every page of ``lang`` in reading order (missing translations stand in)."""
        return load_pages(self.root, lang)

    def read_page(self, path: Path) -> Page:
        """One page file, read again (after an editor saved it)."""
        return read_page(path)

    def glossary(self, lang: str) -> Glossary | None:
        """The glossary of ``lang``, or None when the language has none."""
        path = glossary_path(self.root, lang)
        try:
            info = path.stat()
            signature: tuple[int, int] | None = (info.st_mtime_ns, info.st_size)
        except OSError:
            signature = None
        cached = self._glossaries.get(lang)
        if cached is not None and cached[0] == signature:
            return cached[1]
        glossary = load_glossary(path) if signature is not None else None
        self._glossaries[lang] = (signature, glossary)
        return glossary

    def render(self, page: Page, lang: str | None = None) -> Rendered:
        """``page`` as the kiosk shows it in ``lang`` (default: the page's own language).

        A page standing in for a missing translation is glossed in the language on screen.
        """
        return render(page, self.root, self.glossary(lang or page.lang))
