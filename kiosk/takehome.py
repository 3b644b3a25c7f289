"""What a "Take this home" QR code holds, and the code itself as a grid of modules (no Qt).

A page's code holds, in this order of preference:

1. the page's own ``qr_url:`` front-matter key (a clinic's web page for it);
2. the kiosk-wide ``qr_url`` setting;
3. a short plain-text summary that a phone shows with no network: the page title, its
   ``summary:`` front-matter key (else its first paragraph), and the list items of the
   section whose heading the ``take_home_section:`` key names (the Safety page's questions
   for the dermatologist).

Codes are made by segno with error correction M or better (segno raises it to Q or H when
that fits the same size) and a quiet zone of 4 modules. Non-ASCII text is marked as UTF-8
(ECI), so phones show "años" and "¿Qué?" correctly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

#: A code with more than this many bytes gets too dense to scan from a screen.
MAX_PAYLOAD = 600
QUIET_ZONE = 4
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


@dataclass(frozen=True)
class TakeHome:
    """One QR code to show: what it holds and the words beside it."""

    payload: str
    title: str
    caption: str
    #: What kind of code it is ("page-text", "page-url" or "link"), so the kiosk can say
    #: the caption in the patient's language; ``address`` is a link's short address.
    kind: str = "page-text"
    address: str = ""

    @property
    def is_url(self) -> bool:
        """True when the code opens a web page rather than holding the text itself."""
        return bool(_URL.match(self.payload))


def parse_url(value: Any) -> str:
    """An http(s) web address for QR codes, or "" for none (the config's ``qr_url``)."""
    if isinstance(value, str) and (value == "" or (_URL.match(value) and len(value) <= 300)):
        return value
    shown = f'"{value}"' if isinstance(value, str) else repr(value)
    raise ValueError(f"expected a web address starting with https:// (at most 300 "
                     f"characters) or \"\", got {shown}")


def link_chip_text(text: str, href: str, lang: str = "en") -> str:
    """The words shown in place of an outside link: its text and how to take it along."""
    shown = text if text and text != href else _short_address(href)
    from kiosk.language import language

    return f"{shown} ({language(lang).link_chip})"


def _short_address(href: str) -> str:
    return re.sub(r"^(https?://|mailto:|tel:)(www\.)?", "", href).rstrip("/")


def for_link(text: str, url: str) -> TakeHome:
    """The code for an outside link found in a page."""
    return TakeHome(url, text or _short_address(url),
                    f"Scan to open {_short_address(url)} on your phone later. "
                    "The kiosk does not open links.", "link", _short_address(url))


def for_page(page, kiosk_url: str = "") -> TakeHome:
    """The code for a page (a ``kiosk.content.Page``): its URL, else its summary as text."""
    own = page.meta.get("qr_url") if isinstance(page.meta.get("qr_url"), str) else ""
    for url in (own, kiosk_url):
        if url and _URL.match(url):
            return TakeHome(url, page.title, "Scan with your phone's camera to open this "
                                             "page's web address.", "page-url")
    return TakeHome(summary_text(page), page.title,
                    "Scan with your phone's camera to keep these key facts. "
                    "It works with no internet.")


def summary_text(page) -> str:
    """The page's take-home text: title, summary, and the named section's list items."""
    summary = page.meta.get("summary")
    summary = " ".join(summary.split()) if isinstance(summary, str) and summary.strip() else (
        first_paragraph(page.body))
    lines = [page.title.upper(), summary]
    section = page.meta.get("take_home_section")
    if isinstance(section, str) and section.strip():
        items = section_items(page.body, section.strip())
        if items:
            lines += ["", section.strip() + ":"] + [f"- {item}" for item in items]
    return fit("\n".join(lines))


def fit(text: str, limit: int = MAX_PAYLOAD) -> str:
    """Shorten ``text`` at a line (else a word) so that it is at most ``limit`` UTF-8 bytes."""
    if len(text.encode()) <= limit:
        return text
    lines = text.split("\n")
    while len(lines) > 2 and len(("\n".join(lines) + "\n…").encode()) > limit:
        lines.pop()
    text = "\n".join(lines)
    while len((text + " …").encode()) > limit:
        head, space, _ = text.rpartition(" ")
        # No space left (a long word, a string of symbols): cut at a character instead;
        # rsplit alone would return the same text for ever.
        text = head if space else text.encode()[:limit - len(" …".encode())].decode(
            "utf-8", "ignore")
    return text + "\n…"


def plain(markdown_text: str) -> str:
    """Markdown inline text as plain words: no emphasis marks, links as their text."""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", markdown_text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__|\*|_|`)", "", text)
    return " ".join(text.split())


def first_paragraph(body: str) -> str:
    """The first paragraph of plain text in a page body (not a heading, list or notes)."""
    from kiosk.notes import split_notes

    body = split_notes(body)[0]
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        if block and not block.startswith(("#", "-", "*", "|", ">", "!", "```", "~~~")) \
                and not re.match(r"\d+[.)]\s", block):
            return plain(block)
    return ""


def section_items(body: str, heading: str) -> list[str]:
    """The list items under the heading ``heading`` (any level), as plain text."""
    from kiosk.notes import split_notes

    items: list[str] = []
    inside = False
    for line in split_notes(body)[0].split("\n"):
        if line.lstrip().startswith("#"):
            if inside:
                break
            inside = line.lstrip("#").strip().lower() == heading.lower()
            continue
        if inside:
            match = re.match(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$", line)
            if match:
                items.append(plain(match.group(1)))
            elif items and line[:1].isspace() and line.strip():
                items[-1] += " " + plain(line)  # an item's wrapped second line
    return items


def qr_matrix(payload: str) -> list[list[bool]]:
    """The QR code for ``payload`` as rows of dark (True) modules, quiet zone included."""
    import segno

    ascii_only = payload.isascii()
    code = segno.make(payload, error="m", boost_error=True, micro=False,
                      encoding=None if ascii_only else "utf-8", eci=not ascii_only)
    return [[bool(m) for m in row] for row in code.matrix_iter(scale=1, border=QUIET_ZONE)]
