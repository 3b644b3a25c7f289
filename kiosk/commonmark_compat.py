"""Make Python-Markdown read a page the way CommonMark/GFM previews (GitHub, VS Code) do.

Editors write the markdown their editor previews; Python-Markdown (which the kiosk keeps:
its tree steps draw the timeline, step cards and glossary links) reads some of it
differently. This extension rewrites the source before Python-Markdown parses it, so these
render as CommonMark does (issue 20):

* a list right after a paragraph, with no blank line (a blank line is put in);
* nested lists and item paragraphs indented as CommonMark counts (2 or 3 spaces, the width
  of the marker): lines are re-indented to Python-Markdown's 4-space steps;
* ``1)`` list markers (written ``1.``);
* ``---`` right under a list item (a rule after the list, not a heading);
* ``#1 tip:`` at a line start (text, not a heading);
* a backslash at the end of a line (a line break) and ``\\$`` or any other escaped
  punctuation (the character, without its backslash);
* a plain fenced block (```` ``` ````): shown as written, in a code block;
* a table right after a paragraph (a blank line is put in);
* ``~~struck~~`` text (``<del>``).

What still reads differently is found by :mod:`kiosk.commonmark_diff` for ``kiosk check``.
No Qt here; markdown is imported by the caller.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from markdown.extensions import Extension
from markdown.inlinepatterns import SimpleTagInlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

_ITEM = re.compile(r"^(?P<marker>[-*+]|(?P<num>\d{1,9})[.)])(?P<space>[ ]+|$)(?P<rest>.*)$")
_HR = re.compile(r"^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
_ATX = re.compile(r"^#{1,6}(?:[ \t]|$)")
_NOT_ATX = re.compile(r"^(?:#{1,6}[^#\s]|#{7,})")
_TABLE_RULE = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


@dataclass
class _Item:
    content: int  # the column the item's text starts at, as CommonMark counts
    depth: int
    ordered: bool
    list_index: int = 0  # which list (in page order) the item belongs to

    @property
    def target(self) -> int:
        """The column Python-Markdown expects the item's text at."""
        return 4 * (self.depth + 1)


def _interrupts(text: str) -> bool:
    """True when ``text`` starts a block that ends a paragraph (CommonMark)."""
    return bool(_ATX.match(text) or _HR.match(text) or _FENCE.match(text)
                or text.startswith(">"))


def _hard_break(text: str, next_line: str | None) -> str:
    """``text`` with a trailing backslash (a line break) written as two spaces."""
    if next_line is None or not next_line.strip() or _interrupts(next_line.lstrip(" ")):
        return text
    if text.endswith("  "):  # any run of two or more spaces is one line break
        return text.rstrip(" ") + "  "
    backslashes = len(text) - len(text.rstrip("\\"))
    # Not inside a code span or a tag that goes on to the next line.
    if backslashes % 2 and text.count("`") % 2 == 0 and text.count("<") <= text.count(">"):
        return text[:-1] + "  "
    return text


def _table_start(lines: list[str], index: int) -> bool:
    nxt = lines[index + 1] if index + 1 < len(lines) else ""
    return "|" in lines[index] and "|" in nxt and bool(_TABLE_RULE.match(nxt.strip()))


def normalise(lines: list[str], lists: list[bool] | None = None) -> list[str]:
    """Rewrite markdown lines so Python-Markdown builds the blocks CommonMark would.

    ``lists``, if given, gets one entry per list in page order: True when CommonMark reads
    it as loose (its items are paragraphs), which :class:`_Spacing` applies.
    """
    lists = [] if lists is None else lists
    last_list: dict[int, int] = {}
    blank_seen = False
    out: list[str] = []
    stack: list[_Item] = []
    fence: tuple[str, int, str] | None = None  # (fence, its indent, prefix for the code)
    prev = "blank"  # blank, item, para, code, other
    loose = False
    for index, line in enumerate(lines):
        nxt = lines[index + 1] if index + 1 < len(lines) else None
        text = line.lstrip(" ")
        indent = len(line) - len(text)
        if fence is not None:
            mark, fence_indent, prefix = fence
            stripped = line.strip()
            if stripped.startswith(mark) and not stripped.strip(mark[0]) and indent < 4 + \
                    (stack[-1].content if stack else 0):
                fence, prev = None, "blank"
                out.append("")
            else:
                base = stack[-1].content if stack else 0
                cut = min(indent, max(fence_indent, base))
                out.append(prefix + "    " + line[cut:] if line.strip() else "")
            continue
        if not text:
            out.append("")
            if stack:
                loose = True
            prev = "blank"
            blank_seen = True
            continue
        if prev == "blank" or prev == "code":
            while stack and indent < stack[-1].content:
                stack.pop()
            if not stack:
                loose = False
            if not stack and indent >= 4:  # an indented code block
                out.append(line)
                prev = "code"
                continue
        if blank_seen and stack and indent >= stack[-1].content:
            lists[stack[-1].list_index] = True  # a blank line between an item's blocks
        gap, blank_seen = blank_seen, False
        room = next((item.content for item in reversed(stack) if item.content <= indent), 0)
        match = _ITEM.match(text) if indent < room + 4 else None
        if re.match(r"\d{10,}[.)]", text):
            text = _escape_marker(text)  # too long a number for a list marker
        if _HR.match(text) and indent < room + 4:
            if stack and indent < stack[-1].content:
                while stack and indent < stack[-1].content:
                    stack.pop()
                out.append("")
            out.append(" " * (stack[-1].target if stack else 0) + text)
            prev = "other"
            continue
        fence_match = _FENCE.match(text) if indent < room + 4 else None
        if fence_match:
            while stack and indent < stack[-1].content:
                stack.pop()
            prefix = " " * (stack[-1].target if stack else 0)
            fence = (fence_match.group("fence"), indent, prefix)
            out.append("")
            prev = "blank"
            continue
        if match:
            number = match.group("num")
            empty = not match.group("rest").strip()
            while stack and indent < stack[-1].content:
                stack.pop()
            depth = len(stack)
            new_list = not _is_sibling(out, depth)
            if prev == "para" and new_list and (empty or (number is not None and
                                                          int(number) != 1)):
                # CommonMark: such a line cannot start a list inside a paragraph.
                out.append(" " * (stack[-1].target if stack else 0) + _escape_hash(text))
                continue
            if prev == "para" and (new_list or loose) or (prev == "other" and not stack) \
                    or (prev == "item" and new_list and depth == 0):
                out.append("")
            marker = f"{int(number)}." if number is not None else match.group("marker")
            spaces = len(match.group("space"))
            width = len(match.group("marker"))
            rest = match.group("rest")
            if empty:
                content = indent + width + 1
            elif spaces > 4:
                content = indent + width + 1
                rest = " " * (spaces - 1) + rest
            else:
                content = indent + width + spaces
            out.append(" " * (4 * depth) + marker + " " + _hard_break(_escape_hash(rest), nxt))
            if new_list or depth not in last_list:
                lists.append(False)
                last_list[depth] = len(lists) - 1
            elif gap:
                lists[last_list[depth]] = True  # a blank line between two items
            stack.append(_Item(content, depth, number is not None, last_list[depth]))
            prev = "item"
            continue
        if prev in ("item", "para") and stack and indent < stack[-1].content:
            if _interrupts(text):
                while stack and indent < stack[-1].content:
                    stack.pop()
                out.append("")
                out.append(" " * (stack[-1].target if stack else 0) + text)
                prev = "other"
                continue
            # A lazy continuation line: it belongs to the paragraph above (a list marker
            # indented this far is text in CommonMark, so it is escaped).
            out.append(" " * stack[-1].target
                       + _hard_break(_escape_marker(_escape_hash(text)), nxt))
            prev = "para"
            continue
        if stack:
            item = stack[-1]
            extra = indent - item.content
            if text.startswith(">") and prev in ("item", "para") and extra < 4:
                out.append("")  # a quote ends the item's paragraph (CommonMark)
            out.append(" " * (item.target + max(0, extra))
                       + _hard_break(_escape_hash(text) if extra < 4 else text, nxt))
            prev = "code" if extra >= 4 and prev == "blank" else "para"
            continue
        if prev == "para" and _table_start(lines, index):
            out.append("")
        out.append(" " * indent + _hard_break(_escape_hash(text), nxt))
        prev = "other" if _ATX.match(text) or _HR.match(text) else "para"
    return out


def _is_sibling(out: list[str], depth: int) -> bool:
    """True when the last list item line emitted at ``depth`` is still open above."""
    for line in reversed(out):
        if not line.strip():
            continue
        text = line.lstrip(" ")
        indent = len(line) - len(text)
        if indent < 4 * depth:
            return False
        if indent == 4 * depth and _ITEM.match(text):
            return True
        if indent == 4 * depth and not _ITEM.match(text):
            return False
    return False


def _escape_marker(text: str) -> str:
    """A list marker that CommonMark reads as text, escaped for Python-Markdown."""
    match = re.match(r"^(\d+)([.)])(?=[ \t]|$)|^[-*+](?=[ \t]|$)", text)
    if match is None:
        return text
    if match.group(1) is not None:
        return match.group(1) + "\\" + text[len(match.group(1)):]
    return "\\" + text


def _escape_hash(text: str) -> str:
    """``#1 tip`` is text in CommonMark, a heading in Python-Markdown: escape its ``#``."""
    return "\\" + text if _NOT_ATX.match(text) else text


class _Preprocessor(Preprocessor):
    def __init__(self, md, lists: list[bool]) -> None:
        super().__init__(md)
        self.lists = lists

    def run(self, lines: list[str]) -> list[str]:
        self.lists.clear()
        return normalise(lines, self.lists)


class _Spacing(Treeprocessor):
    """Makes each list tight or loose as CommonMark does (Python-Markdown decides per item).

    Applied only when the lists found in the tree are the lists the preprocessor counted.
    """

    def __init__(self, md, lists: list[bool]) -> None:
        super().__init__(md)
        self.lists = lists

    def run(self, root) -> None:
        found = [el for el in root.iter() if el.tag in ("ul", "ol")]
        if len(found) != len(self.lists):
            return
        for element, loose in zip(found, self.lists, strict=True):
            for item in element:
                if item.tag == "li":
                    _loosen(item) if loose else _tighten(item)


def _tighten(item) -> None:
    """``<li><p>text</p>...`` to ``<li>text...`` (a tight item holds no paragraph)."""
    if len(item) and item[0].tag == "p" and not (item.text or "").strip():
        para = item[0]
        item.text = para.text
        index = 0
        for index, child in enumerate(list(para), start=1):
            item.insert(index, child)
        item.remove(para)
        last = item[index - 1] if index else None
        if last is not None:
            last.tail = (last.tail or "") + (para.tail or "")


def _loosen(item) -> None:
    """``<li>text...`` to ``<li><p>text</p>...`` (a loose item's text is a paragraph)."""
    from xml.etree.ElementTree import Element

    if (item.text or "").strip():
        para = Element("p")
        para.text = item.text.strip("\n")
        item.text = None
        item.insert(0, para)


class CommonMarkCompat(Extension):
    """The rewrites above, ``~~struck~~`` text, and CommonMark's backslash escapes."""

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's name
        # After "normalize_whitespace" (30, tabs expanded), before "html_block" (20).
        lists: list[bool] = []
        md.preprocessors.register(_Preprocessor(md, lists), "commonmark", 25)
        # Before "inline" (20): paragraphs still hold their markdown text.
        md.treeprocessors.register(_Spacing(md, lists), "list_spacing", 25)
        # CommonMark lets a backslash escape any ASCII punctuation (\$2,000 shows $2,000).
        for char in string.punctuation:
            if char not in md.ESCAPED_CHARS:
                md.ESCAPED_CHARS.append(char)
        # GFM strikethrough; before emphasis (around 60) so ~~ is not read as text.
        md.inlinePatterns.register(
            SimpleTagInlineProcessor(r"(~~)(?=\S)(.+?)(?<=\S)~~", "del"), "strike", 65)


def extensions() -> list:
    """The Python-Markdown extensions the kiosk renders with (instances: no entry points)."""
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension

    # Column alignment as align="" (the sanitizer keeps it; it drops style="").
    return [SaneListExtension(), TableExtension(use_align_attribute=True), CommonMarkCompat()]


def to_html(text: str) -> str:
    """``text`` as the kiosk's Markdown reads it, before the kiosk's own tree steps."""
    import markdown

    return markdown.Markdown(extensions=extensions(), output_format="html").convert(text)
