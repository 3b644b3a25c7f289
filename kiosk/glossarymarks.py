"""Glossary terms in a rendered page: the first use of each becomes a tappable link.

A markdown tree step of kiosk.render (no Qt): it walks the element tree Python-Markdown
builds and wraps each term's first use in an ``<a class="term">`` to the term's meaning.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from kiosk.glossary import Glossary
from kiosk.render import PAGE_SCHEME

#: Where a glossary term is not marked: headings and existing links stay as they are.
_NO_TERMS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre"})


class TermMarker:
    """Marks the first use of each glossary term in a page (a markdown tree step)."""

    def __init__(self, glossary: Glossary) -> None:
        names = sorted({name for entry in glossary.entries for name in entry.names},
                       key=len, reverse=True)
        self.glossary = glossary
        self.pattern = re.compile(
            r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)
        self.marked: set[str] = set()

    def run(self, tree) -> None:
        self._visit(tree)

    def _visit(self, element) -> None:
        if element.tag in _NO_TERMS:
            return
        element.text = self._mark(element, element.text, 0)
        for child in list(element):
            self._visit(child)
            child.tail = self._mark(element, child.tail, list(element).index(child) + 1)

    def _mark(self, parent, text: str | None, index: int) -> str | None:
        """Wrap the first unmarked term in ``text``; put the rest after the new link."""
        if not text:
            return text
        for match in self.pattern.finditer(text):
            entry = self.glossary.find(match.group(1))
            if entry is None or entry.term in self.marked:
                continue
            self.marked.add(entry.term)
            from xml.etree.ElementTree import Element

            link = Element("a", {"href": f"{PAGE_SCHEME}:term/{quote(entry.term)}",
                                 "class": "term"})
            link.text = match.group(1)
            parent.insert(index, link)
            link.tail = self._mark(parent, text[match.end():], index + 1)
            return text[:match.start()]
        return text
