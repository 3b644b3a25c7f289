"""The CommonMark spec examples (tests/data/commonmark) and an HTML normaliser to compare them.

The normaliser follows the spec's own test runner in spirit: whitespace between block tags
and inside text runs is collapsed, attributes are sorted, ``<br />`` equals ``<br>``, and
entities are decoded, so only differences a reader would see remain.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

SPEC = Path(__file__).resolve().parent.parent / "data" / "commonmark" / "spec.json"
#: The sections whose examples matter to clinic editors (lists, fences, line breaks...).
EDITOR_SECTIONS = ("Lists", "List items", "Fenced code blocks", "Hard line breaks",
                   "Soft line breaks", "Backslash escapes")
_BLOCK = {"article", "blockquote", "body", "center", "dd", "dir", "div", "dl", "dt",
          "fieldset", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "html",
          "legend", "li", "menu", "ol", "p", "pre", "section", "table", "tbody", "td",
          "tfoot", "th", "thead", "title", "tr", "ul"}


def examples(sections: tuple[str, ...] | None = None) -> list[dict]:
    """The spec's examples, optionally only those of ``sections``."""
    data = json.loads(SPEC.read_text(encoding="utf-8"))
    return [e for e in data if sections is None or e["section"] in sections]


class _Normaliser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.in_pre = 0
        self.last = "start"

    def handle_data(self, data: str) -> None:
        if not self.in_pre:
            data = re.sub(r"\s+", " ", data)
            if self.last in ("start", "block"):
                data = data.lstrip()
        if data:
            self.out.append(html.escape(data, quote=False))
            self.last = "text"

    def _strip_before_block(self) -> None:
        if self.out and not self.in_pre and self.last == "text":
            self.out[-1] = self.out[-1].rstrip()

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _BLOCK:
            self._strip_before_block()
        if tag == "pre":
            self.in_pre += 1
        attrs = sorted((k, v) for k, v in attrs)
        text = "".join(f' {k}="{html.escape(v or "")}"' if v is not None else f" {k}"
                       for k, v in attrs)
        self.out.append(f"<{tag}{text}>")
        self.last = "block" if tag in _BLOCK else "inline"

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK:
            self._strip_before_block()
        if tag == "pre":
            self.in_pre = max(0, self.in_pre - 1)
        self.out.append(f"</{tag}>")
        self.last = "block" if tag in _BLOCK else "inline"


def normalise(text: str) -> str:
    """``text`` (HTML) in a form where equal-looking documents compare equal."""
    parser = _Normaliser()
    parser.feed(text)
    parser.close()
    return "".join(parser.out).strip()


def passes(render, example: dict) -> bool:
    """True when ``render(markdown)`` gives the spec's HTML, after normalising."""
    try:
        got = render(example["markdown"])
    except Exception:  # noqa: BLE001 - a renderer that fails an example fails it
        return False
    return normalise(got) == normalise(example["html"])
