"""The three public corpora (tests/data/corpora) and one vector's run through every place.

``vectors()`` gives (corpus, vector) pairs; ``feed(vector, folder)`` writes a content folder
with the vector in every place (helpers.hostile_content) and runs it through what the kiosk
does with content without a screen: load the pages and the glossary, render each page with
the glossary, make each take-home code, and ``kiosk check``. It returns the finds: any
exception, active or outside content in a page's HTML, a page over the shape bounds.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from helpers.hostile_content import PLACES, write_hostile_content

CORPORA = Path(__file__).resolve().parent.parent / "data" / "corpora"


def vectors() -> list[tuple[str, str]]:
    """Every vector of the three corpora, as (corpus name, vector)."""
    found: list[tuple[str, str]] = []
    fixtures = (CORPORA / "dompurify" / "expect.mjs").read_text(encoding="utf-8")
    found += [("dompurify", json.loads(literal)) for literal in
              re.findall(r'"payload":\s*("(?:[^"\\]|\\.)*")', fixtures)]
    payloads = (CORPORA / "payloadbox" / "xss-payload-list.txt").read_text(
        encoding="utf-8", errors="surrogateescape")
    found += [("payloadbox", line) for line in payloads.splitlines() if line.strip()]
    naughty = json.loads((CORPORA / "blns" / "blns.json").read_text(encoding="utf-8"))
    found += [("blns", text) for text in naughty if text]
    return found


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def active(html: str) -> list[str]:
    """What in a page's final HTML could run, load from outside or leave the kiosk."""
    from kiosk.render import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

    parser = _Html()
    parser.feed(html)
    parser.close()
    found = []
    for tag, attrs in parser.tags:
        if tag not in ALLOWED_TAGS:
            found.append(f"tag <{tag}>")
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES.get(tag, ()):
                found.append(f"attribute {name} on <{tag}>")
            elif name in ("href", "src") and not (value or "").startswith(
                    ("kiosk:", "content:", "figure:", "#")):
                found.append(f"url {value!r}")
    if re.search(r"<\s*script", html, re.I):
        found.append("script")
    return found


@dataclass
class Fed:
    """What feeding one vector found."""

    finds: list[str] = field(default_factory=list)
    pages: int = 0
    placeholders: int = 0
    slowest: float = 0.0
    htmls: list[str] = field(default_factory=list)


class _Hang(BaseException):  # not Exception: the crash handler below must not take it
    pass


def _on_alarm(_signum, _frame) -> None:
    raise _Hang


def feed(vector: str, folder: Path, check: bool = True, hang: int = 30) -> Fed:
    """Put ``vector`` in every place of a fresh content folder and run the kiosk's content steps.

    Still running after ``hang`` seconds is a find (Python code is interrupted then; a
    loop inside Qt's C++ is not, which is what the caller's own watchdog is for).
    """
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(hang)
    try:
        return _feed(vector, folder, check)
    except _Hang:
        return Fed(finds=[f"still running after {hang} s"])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _feed(vector: str, folder: Path, check: bool) -> Fed:
    from kiosk.check import check_content
    from kiosk.content import load_pages
    from kiosk.glossary import glossary_path, load_glossary
    from kiosk.render import placeholder_html, render
    from kiosk.shape import shape_problem
    from kiosk.takehome import for_page

    if folder.exists():
        shutil.rmtree(folder)
    fed = Fed()
    try:
        write_hostile_content(folder, vector)
        glossary = load_glossary(glossary_path(folder, "en"))
        for page in load_pages(folder, "en"):
            started = time.perf_counter()
            rendered = render(page, folder, glossary)
            fed.slowest = max(fed.slowest, time.perf_counter() - started)
            fed.pages += 1
            fed.htmls.append(rendered.html)
            if not rendered.ok:
                fed.placeholders += 1
                if rendered.html != placeholder_html() or not rendered.problems:
                    fed.finds.append(f"{page.slug}: a refused page that is not the placeholder")
            fed.finds += [f"{page.slug}: {what}" for what in active(rendered.html)]
            problem = shape_problem(rendered.html)
            if problem:
                fed.finds.append(f"{page.slug}: over the bounds: {problem}")
            for_page(page)
        if check:
            check_content(folder)
    except Exception as exc:  # a crash is a find, with where it happened
        fed.finds.append(f"{type(exc).__name__}: {exc}"[:300])
    return fed


__all__ = ["PLACES", "Fed", "active", "feed", "vectors"]
