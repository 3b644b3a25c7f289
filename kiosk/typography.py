"""Headings without a lone last word: the last two words of a heading stay on one line.

"Terapia con células madre para la caída del cabello: lo que debe / saber" leaves one word
alone; binding "debe saber" with a no-break space moves "debe" down to keep it company. Only
where the width allows: when the two words are short enough to share any line. No Qt here.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
#: The longest pair of words bound together: short enough for a line at every screen size.
MAX_BOUND = 22
_HEADING = re.compile(r"(<h[1-6][^>]*>)(.*?)(</h[1-6]>)", re.DOTALL | re.IGNORECASE)


def bind_last_words(text: str, limit: int = MAX_BOUND) -> str:
    """``text`` with a no-break space between its last two words, if it has three or more
    words and the last two (with the space) are no longer than ``limit`` characters."""
    words = text.split(" ")
    if len([w for w in words if w]) < 3 or not words[-1] or not words[-2]:
        return text
    if len(words[-2]) + 1 + len(words[-1]) > limit:
        return text
    return " ".join(words[:-2]) + f" {words[-2]}{NBSP}{words[-1]}"


def bind_heading_words(html: str, limit: int = MAX_BOUND) -> str:
    """Every ``<hN>`` in ``html`` with its last two words bound, when they are plain text
    (a heading that ends in markup, such as a link, is left as it is)."""

    def bind(match: re.Match) -> str:
        inner = match.group(2)
        head, sep, tail = inner.rpartition(" ")
        before = head.rpartition(" ")[2]
        if not sep or "<" in tail or ">" in tail or "<" in before or ">" in before:
            return match.group(0)
        plain = re.sub(r"<[^>]*>", "", inner)
        if len(plain.split()) < 3 or len(_unescape(before)) + 1 + len(_unescape(tail)) > limit:
            return match.group(0)
        return f"{match.group(1)}{head}&nbsp;{tail}{match.group(3)}"

    return _HEADING.sub(bind, html)


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)
