"""``kiosk check``: everything wrong with a content folder, found by the code the kiosk runs.

Pages and glossaries are read with :class:`kiosk.source.ContentSource` and rendered with
:func:`kiosk.render.render` and the glossary, exactly as the kiosk shows them; the reading
figures come from :mod:`kiosk.readability` on the text a patient sees. No Qt here, and
textstat is imported only when a page is measured.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from kiosk import readability
from kiosk.config import Exit
from kiosk.content import (
    REFERENCE_LANG,
    Page,
    Problem,
    check_root,
    languages,
    read_text,
    skipped_files,
)
from kiosk.glossary import Glossary
from kiosk.render import Link, Rendered, render

#: A sentence longer than this is hard to hold in mind.
MAX_SENTENCE_WORDS = 20
#: Words of more syllables than this need a glossary entry (or a plainer word).
MAX_SYLLABLES = 4
#: Patient material must be reviewed at least this often (months).
MAX_AGE_MONTHS = 12
#: A careful reading pace, words a minute (declared in kiosk.readability).
WORDS_PER_MINUTE = readability.WORDS_PER_MINUTE
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class PageReport:
    """The figures of one page, a row of the check table."""

    lang: str
    slug: str
    path: Path
    title: str
    status: str
    scores: dict[str, float] = field(default_factory=dict)
    words: int = 0
    long_sentences: tuple[tuple[int | None, int], ...] = ()
    long_words: tuple[str, ...] = ()

    @property
    def minutes(self) -> float:
        """Minutes to read the page at a careful pace."""
        return self.words / WORDS_PER_MINUTE


@dataclass
class Report:
    """What ``kiosk check`` found in one content folder."""

    root: Path
    pages: list[PageReport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    links: list[tuple[Path, int | None, Link]] = field(default_factory=list)

    def count(self, severity: str) -> int:
        """How many problems of ``severity`` were found."""
        return sum(1 for p in self.problems if p.severity == severity)

    @property
    def status(self) -> Exit:
        """Exit.PROBLEMS when any error was found, else Exit.OK (warnings are allowed)."""
        return Exit.PROBLEMS if self.count("error") else Exit.OK

    def for_file(self, path: Path) -> list[Problem]:
        """The problems of one file (for the live preview's banner)."""
        return [p for p in self.problems if p.path == path]

    def summary(self) -> dict[str, int]:
        """Counts of pages, languages and problems by severity."""
        return {"pages": sum(1 for p in self.pages if p.status != "missing"),
                "languages": len({p.lang for p in self.pages}),
                "errors": self.count("error"), "warnings": self.count("warning"),
                "info": self.count("info")}


def check_content(root: Path, max_age_months: int = MAX_AGE_MONTHS,
                  today: dt.date | None = None, langs: Iterable[str] | None = None) -> Report:
    """Check every language under ``root`` (or only ``langs``).

    Raises ContentError if the folder cannot be used at all.
    """
    check_root(root, REFERENCE_LANG)
    today = today or dt.date.today()
    report = Report(root)
    grading = readability.has_textstat()
    if not grading:
        report.problems.append(Problem(root, "textstat is not installed: reading grades and "
                                             "long words are skipped", severity="warning"))
    for lang in languages(root) if langs is None else langs:
        _check_language(report, root, lang, grading, today, max_age_months)
    report.problems.sort(key=lambda p: (str(p.path), p.line or 0,
                                        SEVERITIES.index(p.severity), p.message))
    # Problems found across pages (order clashes) count towards each page's status too.
    report.pages = [replace(p, status=_status(report.for_file(p.path)))
                    if p.status != "missing" else p for p in report.pages]
    return report


def _status(problems: Iterable[Problem]) -> str:
    found = {p.severity for p in problems}
    return next((s for s in ("error", "warning") if s in found), "ok")


def _check_language(report: Report, root: Path, lang: str, grading: bool, today: dt.date,
                    max_age_months: int) -> None:
    from kiosk.source import ContentSource

    source = ContentSource(root)
    glossary = source.glossary(lang)
    if glossary is not None:
        report.problems.extend(glossary.problems)
    pages = source.pages(lang)
    report.problems.extend(skipped_files(root / lang))  # FIFOs, devices, hard links
    slugs = {p.slug for p in pages}
    texts: list[str] = []
    for page in pages:
        if page.fallback:  # the kiosk shows the reference page in its place
            missing = root / lang / f"{page.slug}.md"
            report.pages.append(PageReport(lang, page.slug, missing, page.title, "missing"))
            report.problems.append(Problem(
                missing, f"missing translation: {REFERENCE_LANG}/{page.slug}.md has no "
                         f"{lang} version (the kiosk shows it in {REFERENCE_LANG})",
                severity="warning"))
            continue
        checked = PageCheck(page, root, glossary, grading=grading, today=today,
                            max_age_months=max_age_months, slugs=slugs)
        report.pages.append(checked.report)
        report.problems.extend(checked.problems)
        report.links.extend(checked.links)
        texts.append(checked.text)
    report.problems.extend(_order_clashes(pages))
    if glossary is not None:
        report.problems.extend(_unused_terms(glossary, " ".join(texts)))
    from kiosk.quiz import check_quiz  # the teach-back questions: kiosk/quiz.py

    report.problems.extend(check_quiz(root, lang, slugs, glossary, grading,
                                      MAX_SENTENCE_WORDS, MAX_SYLLABLES))


class PageCheck:
    """Every check on one page: ``report`` (its table row), ``problems`` and ``links``."""

    def __init__(self, page: Page, root: Path, glossary: Glossary | None = None, *,
                 grading: bool = True, today: dt.date | None = None,
                 max_age_months: int = MAX_AGE_MONTHS, slugs: Iterable[str] = ()) -> None:
        self.page, self.root, self.glossary = page, root, glossary
        self.problems: list[Problem] = []
        self.links: list[tuple[Path, int | None, Link]] = []
        self.text = ""
        self._lines = read_text(page.path)[0].replace("\r\n", "\n").split("\n")
        # With the glossary, as the kiosk renders it: check judges what patients see.
        self.rendered = rendered = render(page, root, glossary)
        self._refs(rendered, set(slugs) or {page.slug})
        self._reviewed(today or dt.date.today(), max_age_months)
        scores, words, long_sentences, long_words = {}, 0, (), ()
        if rendered.ok:
            from kiosk.commonmark_diff import check_file

            # What a CommonMark/GFM preview shows otherwise (issue 20; markdown-it-py).
            self.problems.extend(check_file(page))
            blocks = readability.blocks(f"<h1>{html.escape(page.title)}</h1>" + rendered.html)
            self.text = " ".join(blocks)
            words = len(readability.words(self.text))
            long_sentences = self._long_sentences(blocks)
            if grading:
                scores = self._grades()
                long_words = self._long_words()
        self.report = PageReport(page.lang, page.slug, page.path, page.title,
                                 _status(self.problems), scores, words, long_sentences,
                                 long_words)

    def _add(self, message: str, line: int | None = None, severity: str = "error") -> None:
        self.problems.append(Problem(self.page.path, message, line, severity))

    def _line(self, pattern: str, start: int = 1) -> int | None:
        """The first line (from ``start``) matching the regular expression ``pattern``."""
        wanted = re.compile(pattern)
        for number, line in enumerate(self._lines[start - 1:], start=start):
            if wanted.search(line):
                return number
        return None

    def _refs(self, rendered: Rendered, slugs: set[str]) -> None:
        bad_images = {img.message: img for img in rendered.images if img.problem}
        for problem in rendered.problems:
            if (img := bad_images.get(problem.message)) is not None:
                self._add(f"image {img.src!r} {img.problem}",
                          self._line(re.escape(img.src), self.page.body_line))
            else:
                self.problems.append(problem)
        for slug in rendered.page_links:
            if slug not in slugs:
                self._add(f"link to '{slug}.md' leads to no page in {self.page.lang}/",
                          self._line(re.escape(f"{slug}.md"), self.page.body_line))
        for link in rendered.links:
            line = self._line(re.escape(link.url), self.page.body_line)
            self.links.append((self.page.path, line, link))
            self._add(f"outside link {link.url} ({link.text}): shown as text, "
                      "to become a QR code", line, "info")

    def _reviewed(self, today: dt.date, max_age_months: int) -> None:
        day = self.page.reviewed
        if day is None:
            return
        line = self._line(r"^reviewed:", 1)
        months = (today.year - day.year) * 12 + today.month - day.month - (today.day < day.day)
        if day > today:
            self._add(f"reviewed: {day} is in the future", line, "warning")
        elif months >= max_age_months:
            self._add(f"last reviewed {day}, more than {max_age_months} months ago: "
                      "have the page reviewed again", line, "warning")

    def _long_sentences(self, blocks: list[str]) -> tuple[tuple[int | None, int], ...]:
        found = []
        for block in blocks:
            for sentence in readability.sentences(block):
                count = len(readability.words(sentence))
                if count <= MAX_SENTENCE_WORDS:
                    continue
                line = self._sentence_line(sentence)
                found.append((line, count))
                start = " ".join(sentence.split()[:6])
                self._add(f"sentence of {count} words (more than {MAX_SENTENCE_WORDS}): "
                          f"'{start} ...'", line, "warning")
        return tuple(found)

    def _sentence_line(self, sentence: str) -> int | None:
        # Markdown marks (**, _, [text](url)) sit between words: allow anything but letters.
        first = readability.words(sentence)[:4]
        pattern = r"[^\w]+".join(re.escape(w) for w in first)
        return self._line(pattern, self.page.body_line) or self._line(pattern)

    def _grades(self) -> dict[str, float]:
        lang = self.page.lang
        if lang not in readability.BARS:
            from kiosk.language import path_of

            self._add(f"no reading formula for language {lang!r}: grades skipped, and link "
                      f"chips and timelines use English words (add {shown_path(path_of(lang))})",
                      severity="warning")
            return {}
        scores = readability.scores(self.text, lang)
        for name, kind, limit in readability.BARS[lang]:
            value = scores[name]
            if (value > limit) if kind == "max" else (value < limit):
                side = "above the most" if kind == "max" else "below the least"
                self._add(f"reading level: {readability.SHORT[name]} {value:.1f} is {side} "
                          f"allowed ({limit:g}); use shorter sentences and words")
        return scores

    def _long_words(self) -> tuple[str, ...]:
        found: dict[str, int] = {}
        for word in readability.words(self.text):
            key = word.casefold()
            if key in found or any(c.isdigit() for c in word) or self._in_glossary(word):
                continue
            count = readability.syllables(word, self.page.lang)
            if count > MAX_SYLLABLES:
                found[key] = count
                name = f"{self.page.lang}/glossary.md"
                self._add(f"'{word}' has {count} syllables and is not in {name}: "
                          "use a plainer word or add it there",
                          self._line(rf"(?i)(?<!\w){re.escape(word)}(?!\w)",
                                     self.page.body_line), "warning")
        return tuple(found)

    def _in_glossary(self, word: str) -> bool:
        if self.glossary is None:
            return False
        forms = {word, word.removesuffix("s"), word.removesuffix("es")}
        return any(form in self.glossary for form in forms if form)


def _order_clashes(pages: list[Page]) -> list[Problem]:
    problems, first = [], {}
    for page in sorted(pages, key=lambda p: p.slug):
        if not page.path.exists() or "order" not in page.meta:
            continue
        order = page.meta["order"]
        if not isinstance(order, int) or isinstance(order, bool):
            continue
        if order in first:
            line = _key_line(page, "order")
            problems.append(Problem(page.path, f"order {order} is also the order of "
                                               f"{first[order].name}: each page needs its own",
                                    line))
        else:
            first[order] = page.path
    return problems


def _key_line(page: Page, key: str) -> int | None:
    lines = read_text(page.path)[0].split("\n")[: page.body_line]
    return next((i for i, line in enumerate(lines, 1) if line.startswith(f"{key}:")), None)


def _unused_terms(glossary: Glossary, text: str) -> list[Problem]:
    problems = []
    for entry in glossary.entries:
        if not any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.I)
                   for name in entry.names):
            problems.append(Problem(glossary.path, f"'{entry.term}' is not used on any page",
                                    entry.line, "warning"))
    return problems


def shown_path(path: Path) -> str:
    """``path`` relative to the working folder when it lies inside it, else as it is."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def format_problem(problem: Problem) -> str:
    """``file:line: severity: message``, the form editors and terminals can jump to."""
    where = shown_path(problem.path) + (f":{problem.line}" if problem.line else "")
    return f"{where}: {problem.severity}: {problem.message}"


def _grade_cell(page: PageReport) -> str:
    if not page.scores:
        return "-"
    return "  ".join(f"{readability.SHORT.get(k, k)} {v:.1f}" for k, v in page.scores.items())


def format_text(report: Report) -> str:
    """The table of pages, then one line per problem, then a summary line."""
    head = ("lang", "page", "reading", "words", "min", "long", "status")
    rows = [head] + [
        (p.lang, p.slug, _grade_cell(p), str(p.words) if p.status != "missing" else "-",
         f"{p.minutes:.1f}" if p.status != "missing" else "-",
         str(len(p.long_sentences)), p.status)
        for p in report.pages
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    right = {3, 4, 5}
    lines = ["  ".join(cell.rjust(w) if i in right else cell.ljust(w)
                       for i, (cell, w) in enumerate(zip(row, widths, strict=True))).rstrip()
             for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    if report.problems:
        lines.append("")
        lines.extend(format_problem(p) for p in report.problems)
    s = report.summary()
    lines.append("")
    lines.append(f"{s['pages']} pages in {s['languages']} language(s): {s['errors']} error(s), "
                 f"{s['warnings']} warning(s), {s['info']} note(s)")
    return "\n".join(lines)


def to_json(report: Report) -> dict:
    """The same data as the table, for scripts; file paths are relative to the content."""

    def rel(path: Path) -> str:
        try:
            return path.relative_to(report.root).as_posix()
        except ValueError:
            return str(path)

    return {
        "content": str(report.root),
        "status": int(report.status),
        "summary": report.summary(),
        "pages": [
            {"lang": p.lang, "page": p.slug, "file": rel(p.path), "title": p.title,
             "status": p.status, "scores": {k: round(v, 2) for k, v in p.scores.items()},
             "words": p.words, "minutes": round(p.minutes, 1),
             "long_sentences": [{"line": line, "words": n} for line, n in p.long_sentences],
             "long_words": list(p.long_words)}
            for p in report.pages
        ],
        "problems": [{"file": rel(p.path), "line": p.line, "severity": p.severity,
                      "message": p.message} for p in report.problems],
        "links": [{"file": rel(path), "line": line, "text": link.text, "url": link.url}
                  for path, line, link in report.links],
    }
