"""The kiosk's six pages as one local HTML file, for the Chromium kiosk-mode comparison.

The pages go through the project's own pipeline (kiosk.content.load_pages and
kiosk.render.render) and get roughly the same look: the page CSS the kiosk gives Qt
(assets/styles/page.css, filled for 1920x1080), plus the header, tab bar, column, Next
button and footer styled like the kiosk's QSS. Tabs work with CSS alone (radio buttons
and labels), so the page runs no script at all, and the bundled font is loaded from disk.

Usage: python bench/html_kiosk.py OUT.html [--content DIR]
"""

from __future__ import annotations

import argparse
import html
import sys
from pathlib import Path

from kiosk.config import DEFAULT_CONTENT
from kiosk.content import load_pages
from kiosk.render import CONTENT_SCHEME, render
from kiosk.resources import FONTS
from kiosk.theme import Metrics, colours, page_css

TITLE = "Stem cell therapy for hair loss"

SHELL_CSS = """
@font-face {{ font-family: "Atkinson Hyperlegible"; font-weight: 400;
  src: url("{fonts}/AtkinsonHyperlegible_400Regular.ttf"); }}
@font-face {{ font-family: "Atkinson Hyperlegible"; font-weight: 700;
  src: url("{fonts}/AtkinsonHyperlegible_700Bold.ttf"); }}
html, body {{ margin: 0; height: 100%; background: {background}; overflow: hidden; }}
body {{ display: flex; flex-direction: column; }}
header {{ background: {accent}; color: {accent_text}; font-size: {title_px}px; font-weight: bold;
  min-height: {button_px}px; display: flex; align-items: center; padding: 0 {pad_px}px; }}
input[name=tab] {{ display: none; }}
nav {{ display: flex; background: {surface}; border-bottom: 1px solid {border}; }}
nav label {{ flex: 1; text-align: center; color: {muted}; font-size: {tab_px}px;
  min-height: {button_px}px; line-height: {button_px}px; border-bottom: 5px solid transparent;
  cursor: pointer; }}
main {{ flex: 1; overflow-y: auto; }}
section {{ display: none; max-width: {column_px}px; margin: 0 auto; padding: {pad_px}px; }}
.next {{ display: inline-block; background: {accent}; color: {accent_text};
  font-size: {body_px}px; font-weight: bold; min-height: {button_px}px;
  line-height: {button_px}px; padding: 0 {pad_px}px; border-radius: 12px; cursor: pointer; }}
footer {{ color: {muted}; font-size: {small_px}px; border-top: 1px solid {border};
  padding-top: {pad_px}px; margin-top: 24px; white-space: pre-line; }}
"""


def build(content: Path = DEFAULT_CONTENT, lang: str = "en") -> str:
    """The whole HTML document for ``content``'s pages in ``lang``."""
    metrics = Metrics.for_size(1920, 1080)
    values = colours() | metrics.values()
    fonts = FONTS.as_uri()
    pages = load_pages(content, lang)
    radios, labels, sections, rules = [], [], [], []
    for i, page in enumerate(pages):
        rendered = render(page, content)
        # content:<lang>/<file> pictures become file URLs inside the content folder.
        body = rendered.html.replace(f'src="{CONTENT_SCHEME}:', f'src="{content.as_uri()}/')
        checked = " checked" if i == 0 else ""
        radios.append(f'<input type="radio" name="tab" id="t{i}"{checked}>')
        labels.append(f'<label for="t{i}">{html.escape(page.title)}</label>')
        following = pages[(i + 1) % len(pages)]
        label = f"Next: {following.title}" if i + 1 < len(pages) else "Back to the start"
        footer = []
        if page.sources:
            footer.append("Sources: " + "; ".join(page.sources))
        if page.reviewed:
            footer.append(f"Last reviewed: {page.reviewed.day} {page.reviewed:%B %Y}")
        sections.append(
            f'<section id="p{i}">{body}'
            f'<label class="next" for="t{(i + 1) % len(pages)}">{html.escape(label)} ›</label>'
            f'<footer>{html.escape(chr(10).join(footer))}</footer></section>')
        rules.append(f"#t{i}:checked ~ main #p{i} {{ display: block; }}\n"
                     f"#t{i}:checked ~ nav label[for=t{i}] {{ color: {values['accent']}; "
                     f"font-weight: bold; border-bottom-color: {values['accent']}; }}")
    css = SHELL_CSS.format(fonts=fonts, **values) + page_css(metrics) + "\n".join(rules)
    return (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{TITLE}</title><style>{css}</style></head><body>"
            f"{''.join(radios)}<header>{TITLE}</header><nav>{''.join(labels)}</nav>"
            f"<main>{''.join(sections)}</main></body></html>\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--content", type=Path, default=DEFAULT_CONTENT)
    args = parser.parse_args(argv)
    args.out.write_text(build(args.content), encoding="utf-8")
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
