"""Where the kiosk reads a page differently from a CommonMark/GFM preview, for ``kiosk check``.

Editors check their pages in a CommonMark/GFM preview (GitHub, VS Code). This module reads
the patient part of a page both ways, the kiosk's (:mod:`kiosk.commonmark_compat`, as
rendered) and markdown-it-py's (CommonMark with GFM tables and strikethrough), cuts each
into leaf blocks (paragraph, heading, list item text, code, table cell, rule) with their
container path and visible text, lines them up, and reports each block that differs as a
``file:line: warning:`` with a one-line fix. The timeline and step lists the figures would
have drawn are named as such.

markdown-it-py is imported only here, and this module only by ``kiosk check`` and the live
preview, never at the kiosk's start. No Qt here.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

from kiosk import visuals
from kiosk.content import Page, Problem

_LEAVES = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "td", "th", "dt", "dd"}
_CONTAINERS = {"ul", "ol", "li", "blockquote", "table"}
_SKIP = {"script", "style"}
#: How a message names each kind of block.
_NAMES = {"list": "the start of a new list", "p": "a paragraph", "pre": "a code block",
          "hr": "a rule", "td": "a table cell", "th": "a table heading", "li": "a list item",
          "dt": "a term", "dd": "a definition"}


@dataclass(frozen=True)
class Block:
    """One leaf block: where it sits, what kind it is, its text, and its source line."""

    path: tuple[str, ...]
    tag: str
    text: str
    line: int | None = None
    bold_start: str = ""  # the text of a <strong> the block starts with, if any

    @property
    def key(self) -> tuple:
        """What must be equal for two readings to look the same."""
        return (self.path, self.tag, self.text)

    def describe(self) -> str:
        """A few words for a message: 'a list item "Do not wash..."'."""
        kind = ("a heading" if self.tag.startswith("h") and self.tag != "hr"
                else _NAMES.get(self.tag, self.tag))
        if self.tag == "li" or (self.path and self.path[-1] == "li" and self.tag == "p"):
            numbered = any(name.startswith("ol") for name in self.path[-2:-1])
            kind = "a numbered step" if numbered else "a list item"
            if self.path.count("li") > 1:
                kind = "a sub-item"
        text = self.text if len(self.text) <= 40 else self.text[:37] + "..."
        return f"{kind} {text!r}" if text else kind


class _Leaves(HTMLParser):
    """Cuts HTML into leaf blocks; block lines come from ``data-line`` attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.stack: list[tuple[str, int | None, int]] = []  # (tag, line, identity)
        self.owner: int | None = None
        self.text: list[str] = []
        self.current: tuple[tuple[str, ...], str, int | None] | None = None
        self.bold = ""
        self.count = 0
        self.skip = 0

    def _line_of(self, line: str | None) -> int | None:
        return int(line) + 1 if line is not None and line.isdigit() else self._line()

    def _line(self) -> int | None:
        return next((line for _, line, _ in reversed(self.stack) if line is not None), None)

    def _path(self) -> tuple[str, ...]:
        path = []
        for tag, _, _ in self.stack:
            if tag in _CONTAINERS or tag.startswith("ol"):
                path.append(tag)
        return tuple(path)

    def _owner(self) -> tuple[int, str]:
        for tag, _, ident in reversed(self.stack):
            if tag in _LEAVES or tag in ("li", "blockquote"):
                # A paragraph in a list item reads as the item's text (loose or tight).
                if tag == "p" and len(self.stack) > 1 and self._parent_of(ident) == "li":
                    return ident, "li"
                return ident, tag
        return -1, "body"

    def _parent_of(self, ident: int) -> str:
        for i, (_, _, other) in enumerate(self.stack):
            if other == ident:
                return self.stack[i - 1][0] if i else ""
        return ""

    def flush(self) -> None:
        if self.current is not None:
            path, tag, line = self.current
            raw = "".join(self.text)
            # Code keeps its spaces and lines: they are what it shows.
            text = raw.rstrip() if tag == "pre" else " ".join(raw.split())
            if text or tag == "pre":
                self.blocks.append(Block(path, tag, text, line, self.bold))
        self.current, self.text, self.bold, self.owner = None, [], "", None

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP:
            self.skip += 1
        attributes = dict(attrs)
        line = attributes.get("data-line")
        if tag == "br":
            self.text.append(" \u23ce ")
            return
        if tag in ("hr", "img", "input"):
            if tag == "hr":
                self.flush()
                self.blocks.append(Block(self._path(), "hr", "", self._line()))
            return
        if tag in _LEAVES or tag in _CONTAINERS:
            self.flush()
        if tag in ("ul", "ol"):  # two lists in a row differ from one longer list
            self.blocks.append(Block(self._path(), "list", "", self._line_of(line)))
        start = (attributes.get("start") or "1").strip()
        tag_name = f"ol{int(start) if start.isdigit() else 1}" if tag == "ol" else tag
        self.count += 1
        number = int(line) + 1 if line is not None and line.isdigit() else None
        self.stack.append((tag_name, number, self.count))
        if tag == "pre":  # an empty code block is still a block
            self.owner, self.current = self.count, (self._path(), "pre", self._line())

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        if tag in _LEAVES or tag in _CONTAINERS:
            self.flush()
        for i in range(len(self.stack) - 1, -1, -1):
            name = self.stack[i][0]
            if name == tag or (tag == "ol" and name.startswith("ol")):
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if self.skip or not data:
            return
        if not data.strip() and self.current is None:
            return
        ident, tag = self._owner()
        if self.current is None or ident != self.owner:
            self.flush()
            self.owner = ident
            self.current = (self._path(), tag, self._line())
        if not self.bold and not "".join(self.text).strip() and self._in("strong"):
            self.bold = data.strip()
        # Struck text reads as words unless marked: a preview draws the line through it.
        self.text.append(f"‹struck: {data}›" if self._in("del") or self._in("s")
                         else data)

    def _in(self, tag: str) -> bool:
        return any(name == tag for name, _, _ in self.stack)


def leaves(html: str) -> list[Block]:
    """The leaf blocks of an HTML fragment, in order."""
    parser = _Leaves()
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser.blocks


def commonmark_html(text: str) -> str:
    """``text`` as markdown-it-py reads it (CommonMark, GFM tables and strikethrough),
    with each block's first source line (0-based) in a ``data-line`` attribute."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    tokens = md.parse(text)
    for token in tokens:
        if token.map is not None and token.nesting != -1 and token.type != "inline":
            token.attrSet("data-line", str(token.map[0]))
    return md.renderer.render(tokens, md.options, {})


def kiosk_html(text: str) -> str:
    """``text`` as the kiosk's Markdown reads it (before its own tree steps)."""
    from kiosk.commonmark_compat import to_html

    return to_html(text)


def differences(body: str, reader: Callable[[str], str] | None = None,
                ) -> list[tuple[list[Block], list[Block]]]:
    """Pairs of (kiosk blocks, CommonMark blocks) that differ, in page order."""
    ours = leaves((reader or kiosk_html)(body))
    theirs = leaves(commonmark_html(body))
    matcher = difflib.SequenceMatcher(None, [b.key for b in ours], [b.key for b in theirs],
                                      autojunk=False)
    hunks: list[tuple[int, int, int, int]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        # Two changes apart only by the start of a list are one change to the editor.
        if hunks and all(b.tag == "list" for b in ours[hunks[-1][1]:i1]):
            hunks[-1] = (hunks[-1][0], i2, hunks[-1][2], j2)
        else:
            hunks.append((i1, i2, j1, j2))
    return [(ours[i1:i2], theirs[j1:j2]) for i1, i2, j1, j2 in hunks]


def _figure_list(blocks: list[Block]) -> str | None:
    """'timeline' or 'steps' when ``blocks`` hold a list the figures would draw."""
    items = [b for b in blocks if b.tag == "li"]
    if any(b.path[-2:-1] == ("ul",) and b.bold_start
           and visuals.looks_like_time(b.bold_start) for b in items):
        return "timeline"
    ordered = [b for b in items if b.path[-2:-1] and b.path[-2].startswith("ol")]
    if ordered and all(b.bold_start for b in ordered):
        return "steps"
    return None


def _fix(ours: list[Block], theirs: list[Block], source: str) -> str:
    """A one-line fix for the editor, chosen from what differs."""
    stripped = source.lstrip()
    if re.match(r"(`{3,}|~{3,})", stripped):
        return "put the fence on a line of its own, with nothing after ``` but notes"
    ours_text = " ".join(b.text for b in ours)
    theirs_text = " ".join(b.text for b in theirs)
    if "~~" in ours_text and "‹struck" in theirs_text:
        return "delete the wrong words instead of striking them through (patients who " \
               "listen hear them)"
    if "\\" in ours_text and "\\" not in theirs_text:
        return "end a line with two spaces for a line break; write the sign without a " \
               "backslash"
    if any(b.tag in ("h1", "h2", "h3", "h4", "h5", "h6") for b in ours) and \
            stripped.startswith("#") and not any(b.tag.startswith("h") for b in theirs):
        return "a # at the start of a line makes a heading here: write \\# to show the sign"
    kinds = {b.tag for b in ours + theirs}
    if kinds == {"list"}:
        return "use one bullet sign (-) for every item of a list, and put a line of text " \
               "between two lists"
    if any(b.tag in ("h1", "h2") for b in ours) and any(b.tag == "li" for b in theirs):
        return "a line of only - or = right under a line makes that line a heading here: " \
               "put a blank line above it, or write text after an empty bullet"
    if any(b.tag == "li" for b in theirs) and not any(b.tag == "li" for b in ours):
        return ("put a blank line before the list, and indent sub-items and item "
                "paragraphs 4 spaces")
    if any(b.tag == "li" for b in theirs) and any(b.tag == "li" for b in ours):
        return "indent sub-items and item paragraphs by 4 spaces, and leave a blank line " \
               "before and after the list"
    if any(b.tag.startswith("h") and b.tag != "hr" for b in ours + theirs):
        return "put a blank line above and below headings and rules; write '# ' for a heading"
    if any(b.tag in ("td", "th") for b in ours + theirs):
        return "put a blank line before and after the table"
    if any(b.tag == "pre" for b in ours + theirs):
        return "write code and text shown as written between lines of ``` with blank lines " \
               "around"
    return "rewrite this line in plain words: its marks read differently on the kiosk"


def _line_of(ours: list[Block], theirs: list[Block], fallback: int | None) -> int | None:
    for block in theirs + ours:
        if block.line is not None:
            return block.line
    return fallback


def _shown(blocks: list[Block]) -> str:
    # The start of a list says little beside the blocks that changed.
    blocks = [b for b in blocks if b.tag != "list"] or blocks
    if not blocks:
        return "nothing"
    shown = ", ".join(b.describe() for b in blocks[:2])
    return shown + (f" and {len(blocks) - 2} more" if len(blocks) > 2 else "")


def check_page(page: Page, body: str, reader: Callable[[str], str] | None = None,
               ) -> list[Problem]:
    """A warning for each block of ``body`` that a CommonMark/GFM preview shows otherwise.

    ``body`` is the patient part of the page (notes taken out); lines are the file's.
    ``reader`` turns markdown into HTML the kiosk's way (:func:`kiosk_html` unless given).
    """
    lines = body.split("\n")
    problems: list[Problem] = []
    last: int | None = None
    for ours, theirs in differences(body, reader):
        line = _line_of(ours, theirs, last)
        last = line
        source = lines[line - 1] if line is not None and 0 < line <= len(lines) else ""
        where = page.body_line + line - 1 if line is not None else None
        figure = _figure_list(theirs)
        if figure == "timeline":
            what = (f"the timeline list here cannot be drawn whole: the kiosk reads it as "
                    f"{_shown(ours)}")
        elif figure == "steps":
            what = (f"these numbered steps cannot become step cards: the kiosk reads them "
                    f"as {_shown(ours)}")
        else:
            what = (f"the kiosk shows {_shown(ours)} where other Markdown previews show "
                    f"{_shown(theirs)}")
        problems.append(Problem(page.path, f"{what}; fix: {_fix(ours, theirs, source)}",
                                where, "warning"))
    return problems


def check_file(page: Page) -> list[Problem]:
    """:func:`check_page` on ``page`` with its notes and unknown fences taken out."""
    from kiosk.fences import split_fences

    try:
        import markdown_it  # noqa: F401 - only to know it is there
    except ImportError:
        return [Problem(page.path, "markdown-it-py is not installed: the comparison with "
                                   "CommonMark previews is skipped (pip install markdown-it-py)",
                        severity="warning")]
    return check_page(page, split_fences(page.body).body)
