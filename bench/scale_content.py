"""Generate a content folder with N pages: copies of the shipped pages, new names and orders.

Usage: python bench/scale_content.py OUT_DIR N
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from kiosk.config import DEFAULT_CONTENT
from kiosk.content import load_pages


def make_content(out: Path, count: int, source: Path = DEFAULT_CONTENT) -> Path:
    """Write ``count`` pages to ``out/en/`` (page i copies shipped page i mod 6); return out."""
    shipped = [page.path for page in load_pages(source, "en")]
    target = out / "en"
    target.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        original = shipped[i % len(shipped)]
        text = original.read_text(encoding="utf-8")
        text = re.sub(r"^order:.*$", f"order: {i + 1}", text, count=1, flags=re.M)
        if count > len(shipped):
            text = re.sub(r"^title:[ \t]*(.*)$", rf"title: \1 {i // len(shipped) + 1}", text,
                          count=1, flags=re.M)
        (target / f"p{i + 1:04d}-{original.stem}.md").write_text(text, encoding="utf-8")
    return out


if __name__ == "__main__":
    print(make_content(Path(sys.argv[1]), int(sys.argv[2])))
