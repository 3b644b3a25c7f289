"""The teach-back questions in ``kiosk stats``: which question patients miss most (no Qt).

From ``quiz_asked`` and ``quiz_right`` events: per question, how often it was asked and how
often the first answer was right. The most missed question names the page to rewrite.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kiosk.stats.events import Event
from kiosk.stats.report import local_day


@dataclass(frozen=True)
class QuestionRow:
    """One question's results over the period."""

    question: str
    page: str
    asked: int
    right_first: int

    @property
    def missed(self) -> float:
        """The share of askings whose first answer was wrong."""
        return 1 - self.right_first / self.asked if self.asked else 0.0


def question_rows(events: Iterable[Event], since: dt.date | None = None,
                  until: dt.date | None = None) -> list[QuestionRow]:
    """Per question, most missed first (ties: most asked, then by name)."""
    asked: Counter = Counter()
    right: Counter = Counter()
    pages: dict[str, str] = {}
    for e in set(events):  # a database merged with a copy of itself counts once
        if e.kind not in ("quiz_asked", "quiz_right") or not e.value:
            continue
        day = local_day(e.ts)
        if (since and day < since) or (until and day > until):
            continue
        (asked if e.kind == "quiz_asked" else right)[e.value] += 1
        if e.page:
            pages.setdefault(e.value, e.page)
    rows = [QuestionRow(q, pages.get(q, "-"), n, min(right[q], n)) for q, n in asked.items()]
    return sorted(rows, key=lambda r: (-r.missed, -r.asked, r.question))


def quiz_text(rows: list[QuestionRow], content: Path | None = None) -> str:
    """The table for the terminal, with each question's English words when ``content`` has
    them, and the page to look at first."""
    if not rows:
        return ""
    words = _question_words(content)
    header = ["Question", "Page", "Asked", "Right first time", "Missed", "Words"]
    table = [[r.question, r.page, str(r.asked), str(r.right_first),
              f"{100 * r.missed:.0f}%", words.get(r.question, "")[:50]] for r in rows]
    widths = [max(len(row[i]) for row in [header, *table]) for i in range(len(header))]
    lines = ["", "Check what you learned (most missed first)"]
    for row in [header, *table]:
        cells = [c.rjust(w) if 1 < i < 5 else c.ljust(w)
                 for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  " + "  ".join(cells).rstrip())
    top = rows[0]
    if top.missed > 0:
        lines.append(f"Most missed: {top.question}, from the page {top.page!r}: "
                     "that page may need clearer words.")
    return "\n".join(lines) + "\n"


def _question_words(content: Path | None) -> dict[str, str]:
    if content is None:
        return {}
    from kiosk.content import REFERENCE_LANG
    from kiosk.quiz import load_quiz

    quiz = load_quiz(content, REFERENCE_LANG)
    return {q.id: q.text for q in quiz.questions} if quiz else {}
