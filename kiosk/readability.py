"""Reading-level figures for a page's visible text (textstat is imported only when asked)."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

from kiosk import language as _language

#: Elements whose text a reader takes as a sentence of its own.
_BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "blockquote",
                     "dt", "dd", "pre", "div"})


#: A slow, careful reading pace for patients, words a minute (typical adults read 200 to 250):
#: the minutes ``kiosk check`` reports and the time a page stays in presentation mode.
WORDS_PER_MINUTE = 150


@dataclass(frozen=True)
class Grades:
    """Readability of one text: Flesch-Kincaid grade, SMOG index and word count."""

    flesch_kincaid: float
    smog: float
    words: int

    @property
    def minutes(self) -> float:
        """Minutes to read at a slow, careful pace (:data:`WORDS_PER_MINUTE`)."""
        return self.words / WORDS_PER_MINUTE


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
    return " ".join(blocks(html))


def blocks(html: str) -> list[str]:
    """The text of each block (paragraph, heading, list item...) of ``html``, in order."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser.parts


def grades(text: str) -> Grades:
    """Measure ``text`` with textstat (offline: its 0.7.8 release ships its word lists)."""
    import textstat

    return Grades(
        flesch_kincaid=float(textstat.flesch_kincaid_grade(text)),
        smog=float(textstat.smog_index(text)),
        words=int(textstat.lexicon_count(text)),
    )


#: The reading bars per language: (score name, "max" or "min", limit), and short names for
#: the scores as the check table shows them; both read from assets/i18n/<lang>.toml.
BARS = _language.BARS
SHORT = _language.SHORT
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
#: A sentence: from its first non-space character to a . ! or ? followed by a space (or the
#: end). The one splitter of the kiosk: checks, captions, glossary meanings and Listen.
_SENTENCE = re.compile(r"\S.*?(?:[.!?](?=\s|$)|$)", re.S)


def has_textstat() -> bool:
    """True when textstat can be imported (it is needed for grades and syllables)."""
    import importlib.util

    try:
        return importlib.util.find_spec("textstat") is not None
    except (ImportError, ValueError):
        return False


@contextlib.contextmanager
def _textstat(lang: str) -> Iterator:
    """textstat set to ``lang``, set back to its default English afterwards."""
    import textstat

    textstat.set_lang(_language.language(lang).textstat)
    try:
        yield textstat
    finally:
        textstat.set_lang("en_US")


def scores(text: str, lang: str) -> dict[str, float]:
    """The reading scores that ``BARS[lang]`` names, measured on ``text``."""
    if lang not in BARS:
        raise ValueError(f"no reading formula for language {lang!r}")
    with _textstat(lang) as ts:
        # Only formulas of kiosk.language.FORMULAS get here (checked when the file is read).
        return {bar.name: float(getattr(ts, bar.formula)(text))
                for bar in _language.language(lang).bars}


def words(text: str) -> list[str]:
    """The words of ``text`` (letters or digits, with inner apostrophes and hyphens)."""
    return _WORD.findall(text)


def sentence_spans(block: str) -> list[tuple[int, int]]:
    """Where each sentence of one block of text starts and ends (``block[start:end]``)."""
    return [(m.start(), m.start() + len(m.group().rstrip())) for m in _SENTENCE.finditer(block)]


def sentences(block: str) -> list[str]:
    """Split the text of one block into sentences."""
    return [block[start:end] for start, end in sentence_spans(block)]


def syllables(word: str, lang: str) -> int:
    """Syllables in one word, counted as textstat counts them for its grades."""
    with _textstat(lang) as ts:
        return int(ts.syllable_count(word))
