"""CommonMark spec pass rate of the kiosk's Markdown, before and after issue 20.

Runs the 652 examples of the CommonMark spec 0.31.2 (tests/data/commonmark/spec.json)
through three renderers and compares with the spec's HTML using the spec-style normaliser
of tests/helpers/commonmark_spec.py:

- ``before``: Python-Markdown with sane lists and tables, as the kiosk rendered until now;
- ``kiosk``: the kiosk today: notes and unknown fences taken out (kiosk.fences), then
  Python-Markdown with kiosk.commonmark_compat (no sanitizer: it would remove HTML that
  the spec expects, for every renderer alike);
- ``markdown-it``: markdown-it-py's CommonMark preset, the reading ``kiosk check`` uses.

For each section it also counts, for the kiosk, how many of the examples that do not
render as CommonMark does are flagged by ``kiosk check`` (its fence and CommonMark checks).

    .venv/bin/python bench/commonmark_spec.py [--sections] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from helpers.commonmark_spec import EDITOR_SECTIONS, examples, passes  # noqa: E402


def before(text: str) -> str:
    import markdown
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension

    return markdown.Markdown(extensions=[SaneListExtension(), TableExtension()],
                             output_format="html").convert(text)


def kiosk(text: str) -> str:
    from kiosk.commonmark_compat import to_html
    from kiosk.fences import split_fences

    return to_html(split_fences(text).body)


def flagged(text: str) -> bool:
    from kiosk.commonmark_diff import check_page
    from kiosk.content import Page
    from kiosk.fences import split_fences

    page = Page("spec", "en", Path("spec.md"), "Spec", 1, body=text)
    split = split_fences(text)
    return bool(split.problems(page.path, 1) or check_page(page, split.body))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sections", action="store_true", help="a row per spec section")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    from markdown_it import MarkdownIt

    renderers = {"before": before, "kiosk": kiosk,
                 "markdown-it": MarkdownIt("commonmark").render}
    data = examples()
    total: Counter = Counter()
    passed: dict[str, Counter] = {name: Counter() for name in renderers}
    caught: Counter = Counter()
    for example in data:
        section = example["section"]
        total[section] += 1
        for name, render in renderers.items():
            passed[name][section] += passes(render, example)
        if not passes(kiosk, example) and flagged(example["markdown"]):
            caught[section] += 1
    editor = [s for s in total if s in EDITOR_SECTIONS]
    figures = {
        "examples": len(data),
        **{name: sum(counts.values()) for name, counts in passed.items()},
        "kiosk_flagged": sum(caught.values()),
        "editor_examples": sum(total[s] for s in editor),
        "editor_before": sum(passed["before"][s] for s in editor),
        "editor_kiosk": sum(passed["kiosk"][s] for s in editor),
        "editor_kiosk_flagged": sum(caught[s] for s in editor),
    }
    if args.json:
        print(json.dumps(figures, indent=1))
        return 0
    n = len(data)
    for name in renderers:
        print(f"{name:12} {figures[name]:4} of {n} ({100 * figures[name] / n:.0f} %)")
    print(f"kiosk: {figures['kiosk_flagged']} of the {n - figures['kiosk']} others are "
          "flagged by kiosk check")
    print(f"editor sections ({', '.join(EDITOR_SECTIONS)}): before "
          f"{figures['editor_before']}, kiosk {figures['editor_kiosk']} of "
          f"{figures['editor_examples']}; {figures['editor_kiosk_flagged']} of the others "
          "flagged")
    if args.sections:
        print()
        print(f"{'section':42} {'n':>3} {'before':>6} {'kiosk':>5} {'flagged':>7}")
        for section in total:
            print(f"{section:42} {total[section]:3} {passed['before'][section]:6} "
                  f"{passed['kiosk'][section]:5} {caught[section]:7}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
