"""Reading-level figures for a page's visible text (textstat is imported only when asked)."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

#: Elements whose text a reader takes as a sentence of its own.
_BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "blockquote",
                     "dt", "dd", "pre", "div"})


@dataclass(frozen=True)
class Grades:
    """Readability of one text: Flesch-Kincaid grade, SMOG index and word count."""

    flesch_kincaid: float
    smog: float
    words: int

    @property
    def minutes(self) -> float:
        """Minutes to read at a slow, careful pace of 150 words a minute."""
        return self.words / 150


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        self._current.append(data)

    def flush(self) -> None:
        text = " ".join("".join(self._current).split())
        self._current = []
        if text:
            # A heading or list item is read as a sentence even without a full stop.
            self.parts.append(text if text[-1] in ".!?:" else text + ".")


def visible_text(html: str) -> str:
    """Return the text a patient sees in ``html``, one sentence per block."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    parser.flush()
    return " ".join(parser.parts)


def grades(text: str) -> Grades:
    """Measure ``text`` with textstat (offline: its 0.7.8 release ships its word lists)."""
    import textstat

    return Grades(
        flesch_kincaid=float(textstat.flesch_kincaid_grade(text)),
        smog=float(textstat.smog_index(text)),
        words=int(textstat.lexicon_count(text)),
    )
