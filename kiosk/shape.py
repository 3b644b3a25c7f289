"""Bounds on a page's final HTML, so that any page Qt is given lays out in a moment.

They apply after sanitizing, to everything that reaches the text view (raw HTML included).
"""

from __future__ import annotations

#: Deeper nesting than this is never real patient text, and Qt lays it out recursively.
MAX_DEPTH = 24
#: Qt lays out a table inside a table about four times slower per level (12 levels: 27 ms,
#: 20: 35 s); patient text needs at most a step card inside a step card.
MAX_TABLE_NESTING = 3
#: Elements in a page's final HTML: the longest real page has a few hundred; 5000 list items
#: take Qt 0.6 s to lay out (3000: about 0.2 s).
MAX_ELEMENTS = 3000
_VOID = frozenset({"br", "hr", "img"})


class _TooBig(Exception):
    pass


def shape_problem(html: str) -> str | None:
    """Why sanitized ``html`` is too deep or too big to lay out quickly, or None."""
    # html.parser only when a page is rendered: this module is imported before the first frame.
    from html.parser import HTMLParser

    class Shape(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.open: list[str] = []
            self.elements = 0

        def handle_starttag(self, tag: str, attrs) -> None:
            self.elements += 1
            if self.elements > MAX_ELEMENTS:
                raise _TooBig(f"it has more than {MAX_ELEMENTS} elements")
            if tag in _VOID:
                return
            self.open.append(tag)
            if len(self.open) > MAX_DEPTH:
                raise _TooBig(f"it is nested more than {MAX_DEPTH} deep")
            if tag == "table" and self.open.count("table") > MAX_TABLE_NESTING:
                raise _TooBig(f"tables are nested more than {MAX_TABLE_NESTING} deep")

        def handle_endtag(self, tag: str) -> None:
            # Sanitized HTML is well formed: close back to the matching tag.
            if tag in self.open:
                while self.open.pop() != tag:
                    pass

    parser = Shape()
    try:
        parser.feed(html)
        parser.close()
    except _TooBig as exc:
        return str(exc)
    return None
