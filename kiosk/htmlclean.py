"""Two clean-up steps around the sanitizer (nh3), each closing a gap it leaves open.

- Raw HTML in a page's markdown loses its tags and keeps its text, as ``kiosk check``'s
  warning says; the sanitizer alone would keep every allowed tag (thirty raw nested tables
  never finish laying out).
- An ``<img>`` whose ``src`` the sanitizer refused is dropped whole, however its ``alt`` reads.
"""

from __future__ import annotations

import re


def strip_raw_html(blocks: list, keep: frozenset[str] = frozenset()) -> int:
    """Replace each raw-HTML block of Python-Markdown's stash by its text (and the plain
    tags in ``keep``, without attributes); return how many blocks there were."""
    import nh3

    raw = 0
    for index, block in enumerate(blocks):
        if not str(block).lstrip().startswith("<"):
            continue  # an entity such as &amp;, stashed the same way
        raw += 1
        # A lone inline <script> or </script> stays for the sanitizer, which removes it
        # with the text between (that text is not in this block).
        if not re.fullmatch(r"\s*</?(script|style)\b[^>]*>\s*", str(block), re.I):
            blocks[index] = nh3.clean(str(block), tags=set(keep), attributes={},
                                      clean_content_tags={"script", "style"})
    return raw


def drop_srcless_images(cleaned: str) -> str:
    """Remove every ``<img>`` without a ``src`` from the sanitizer's output."""
    return re.sub(r"<img\b[^>]*>", _drop_srcless_image, cleaned)


def _drop_srcless_image(match: re.Match) -> str:
    # nh3 writes every value in double quotes with any quote inside escaped: blank the
    # values so that an alt of ' src=' cannot pass for the attribute itself.
    names = re.sub(r'="[^"]*"', '=""', match.group())
    return match.group() if re.search(r"\ssrc=", names) else ""
