"""Find and read the kiosk's markdown pages: front matter, body and problems, with no Qt."""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

#: The language whose pages every other language is compared with (and falls back to).
REFERENCE_LANG = "en"
#: Files in a language folder that are not pages.
NOT_PAGES = frozenset({"glossary.md", "quiz.md"})
#: A patient page is a few kilobytes; anything this large is a mistake or an attack.
SIZE_LIMIT = 512 * 1024
PLACEHOLDER = "This page is being updated. Please ask a member of staff."

log = logging.getLogger("kiosk")
_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$", re.M)
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")


class ContentError(Exception):
    """The content folder cannot be used at all (missing, empty, unknown language)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a content file, with where it is."""

    path: Path
    message: str
    line: int | None = None
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class Page:
    """One page of the kiosk as read from its markdown file (not yet rendered)."""

    slug: str
    lang: str
    path: Path
    title: str
    order: float
    reviewed: dt.date | None = None
    sources: tuple[str, ...] = ()
    body: str = ""
    body_line: int = 1
    problems: tuple[Problem, ...] = ()
    #: True when this is the reference language's page standing in for a missing translation.
    fallback: bool = False
    meta: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def ok(self) -> bool:
        """True when the page can be shown; False means a placeholder stands in."""
        return not any(p.severity == "error" for p in self.problems)


def humanize(slug: str) -> str:
    """Turn a file name such as ``side-effects`` into a readable title."""
    words = re.sub(r"^\d+[-_ ]*", "", slug).replace("_", " ").replace("-", " ").strip()
    return (words[:1].upper() + words[1:]) or slug


def languages(root: Path) -> list[str]:
    """Return the languages that have a page folder under ``root``, sorted."""
    try:
        if not root.is_dir():
            return []
        return sorted(d.name for d in root.iterdir()
                      if d.is_dir() and _LANG.match(d.name) and _has_pages(d))
    except OSError:  # a name too long, a folder we may not list: no languages there
        return []


def check_root(root: Path, lang: str) -> None:
    """Raise ContentError with a message naming the path when ``root`` cannot serve ``lang``."""
    try:
        exists, folder = root.exists(), root.is_dir()
    except OSError as exc:  # e.g. a name longer than the file system allows, a loop of links
        raise ContentError(f"content folder cannot be used: {exc.strerror}") from None
    if not exists:
        raise ContentError(f"content folder not found: {root}")
    if not folder:
        raise ContentError(f"content folder is not a folder: {root}")
    langs = languages(root)
    if not langs:
        raise ContentError(f"content folder has no pages: {root} (expected {root}/en/*.md)")
    if lang not in langs:
        raise ContentError(
            f"no pages for language {lang!r} in {root} (available: {', '.join(langs)})"
        )


def load_pages(root: Path, lang: str) -> list[Page]:
    """Read every page of ``lang`` under ``root`` in reading order; broken ones carry problems.

    Pages of the reference language that ``lang`` lacks stand in for the translation
    (marked ``fallback``), so the kiosk shows the same tabs in every language.
    """
    check_root(root, lang)
    files, skipped = _listing(root / lang)
    for problem in skipped:
        log.warning("%s: %s", problem.path, problem.message)
    pages = {p.slug: p for p in map(read_page, files)}
    ref_dir = root / REFERENCE_LANG
    if lang != REFERENCE_LANG and ref_dir.is_dir():
        for path in _page_files(ref_dir):
            if path.stem not in pages:
                pages[path.stem] = _missing(root / lang / path.name, read_page(path))
    ordered = sorted(pages.values(), key=lambda p: (p.order, p.slug))
    return ordered


def read_page(path: Path) -> Page:
    """Read one page file; never raises for bad content, which becomes problems instead."""
    slug, lang = path.stem, path.parent.name
    bare = Page(slug=slug, lang=lang, path=path, title=humanize(slug), order=float("inf"))
    text, problem = read_text(path)
    if problem is not None:  # a page that cannot be read is a placeholder, whatever the cause
        return _replace(bare, problems=(_replace(problem, severity="error"),), **_salvage(text))
    return parse_page(path, text)


def read_text(path: Path) -> tuple[str, Problem | None]:
    """Read a content file as text: ``(text, None)``, or ``(what could be read, problem)``.

    A FIFO, a device or a hard link is never read (a warning says so): see kiosk.plainfile.
    """
    from kiosk.plainfile import NotPlainFile, problem_of, read_plain

    def broken(message: str, line: int | None = None, text: str = "") -> tuple[str, Problem]:
        return text, Problem(path, message, line)

    try:
        st = os.stat(path)  # never opens it: a FIFO cannot make us wait
        if (reason := problem_of(st)) is not None:
            return "", Problem(path, f"skipped: it {reason}", severity="warning")
        if st.st_size > SIZE_LIMIT:
            return broken(f"file is too large ({st.st_size // 1024} KB; the limit is "
                          f"{SIZE_LIMIT // 1024} KB)")
        raw = read_plain(path, SIZE_LIMIT, checked=st)
    except FileNotFoundError:
        return broken("file is missing")
    except NotPlainFile as exc:  # it changed since the check above
        return broken(f"cannot read the file: {exc}")
    except (OSError, ValueError) as exc:
        return broken(f"cannot read the file: {exc.strerror or exc}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return broken(f"not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be read)", line,
                      raw.decode("utf-8", "replace"))
    if "\x00" in text:
        return broken("not a text file (it contains NUL bytes)")
    if not text.strip():
        return broken("file is empty")
    return text, None


def parse_page(path: Path, text: str) -> Page:
    """Split ``text`` into front matter and body and check the front matter's keys."""
    from kiosk import frontmatter

    slug, lang = path.stem, path.parent.name
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta, body, body_line, problems = frontmatter.split(path, text)
    # When the front matter is broken, keep the tab's place and name if they can be read.
    salvaged = _salvage(text) if problems else {}
    title = meta.get("title", salvaged.get("title"))
    order = meta.get("order", salvaged.get("order"))
    page = Page(
        slug=slug,
        lang=lang,
        path=path,
        title=title.strip() if isinstance(title, str) and title.strip() else humanize(slug),
        order=order if isinstance(order, int) and not isinstance(order, bool) else float("inf"),
        reviewed=meta.get("reviewed") if isinstance(meta.get("reviewed"), dt.date) else None,
        sources=tuple(s for s in meta.get("sources") or () if isinstance(s, str)),
        body=body,
        body_line=body_line,
        problems=tuple(problems),
        meta=meta,
    )
    return page


def _salvage(text: str) -> dict:
    """Read ``title:`` and ``order:`` lines from front matter that did not parse as a whole."""
    found: dict = {}
    head = text.split("\n---", 2)[0][:4096]
    # Only a title that reads as words is kept: "[unclosed" or "{a: b" is the broken YAML
    # itself, and a patient must never see it as a tab's label.
    if title := re.search(r"^title:[ \t]*(['\"]?)(\w[^\n\ufffd\[\]{}#&*!|>%@`'\"]*?)\1[ \t]*$",
                          head, re.M):
        found["title"] = title.group(2)
    if order := re.search(r"^order:[ \t]*(\d{1,6})[ \t]*$", head, re.M):
        found["order"] = int(order.group(1))
    return found


def _missing(path: Path, reference: Page) -> Page:
    note = Problem(path, f"translation is missing: {reference.path} is shown instead",
                   severity="warning")
    return _replace(reference, fallback=True, problems=(*reference.problems, note))


def _replace(page: Page, **changes: object) -> Page:
    from dataclasses import replace

    return replace(page, **changes)


def skipped_files(folder: Path) -> list[Problem]:
    """Warnings for the pages of a language folder that are never read: FIFOs, devices,
    hard links (see kiosk.plainfile). The glossary says so itself when it is read."""
    return _listing(folder)[1]


def _page_files(folder: Path) -> list[Path]:
    return _listing(folder)[0]


def _has_pages(folder: Path) -> bool:
    return bool(_listing(folder, first=True)[0])


def _listing(folder: Path, first: bool = False) -> tuple[list[Path], list[Problem]]:
    """The page files of a language folder in name order, and a warning for each one that
    is skipped (see kiosk.plainfile); with ``first``, stop at the first readable page.

    One ``scandir`` and one ``stat`` a file: with 600 pages the folder is listed at start
    more than once (the languages, then the pages), and pathlib's globbing, sorting and
    second ``stat`` cost 25 ms of it.
    """
    from kiosk.plainfile import problem_of

    try:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries if e.name.endswith(".md")
                           and not e.name.startswith(("_", ".")) and e.name not in NOT_PAGES)
    except OSError:
        return [], []
    pages: list[Path] = []
    skipped: list[Problem] = []
    for name in names:
        path = folder / name
        try:
            reason = problem_of(os.stat(path))
        except (OSError, ValueError):
            reason = None  # gone or unreadable: the reader reports that in its own words
        if reason is None:
            pages.append(path)
            if first:
                break
        else:
            skipped.append(Problem(path, f"skipped: it {reason}", severity="warning"))
    return pages, skipped
