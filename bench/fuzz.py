"""Fuzz the content pipeline for a bounded time (hypothesis at scale; no Qt).

Every example is a page file's bytes: front matter made of random and hostile YAML,
a body of random text mixed with hostile markdown and HTML pieces, in UTF-8, UTF-8 with a
BOM, Latin-1 or with random bytes flipped. It goes through the real pipeline:
kiosk.content.read_page (from a file on disk) -> kiosk.render.render. The properties:

- neither call raises, whatever the bytes;
- a page is either rendered (``ok``) or the calm placeholder, never half of one;
- the HTML holds only allowed tags and attributes, no script (not even as text in a
  tag), no ``on...`` event attribute, and every ``href``/``src`` is in our own
  ``kiosk:``/``content:`` schemes (or an in-page ``#`` anchor);
- one page never takes longer than ``--slow`` seconds.

Usage: python bench/fuzz.py [--minutes 5] [--batch 200] [--slow 5]
Prints the number of executions, the finds (each with its shrunk example) and timings.

``--corpora`` instead runs the three public corpora in tests/data/corpora, all of them, in
every place content can reach, with each page laid out in a real QTextDocument (a find: over
``--slow`` seconds, default 1 there) and, with ``--window N``, the N slowest pages in the real
kiosk under strace (bench/corpora.py).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from kiosk.content import Page, read_page
from kiosk.render import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, Rendered, placeholder_html, render

HOSTILE = [
    "<script>alert(1)</script>", "<SCRIPT SRC=//evil.example/x.js>", "</script>", "<style>",
    "<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">x</a>', "<iframe src=",
    "<svg onload=alert(1)>", "<body onload=x>", "javascript:", "JaVaScRiPt:", "data:text/html,",
    "vbscript:", "file:///etc/passwd", "http://evil.example/", "//evil.example/", "<!--", "-->",
    "[x](", "](", ")", "![i](", "![", "[a]: ", "<a href=", '"', "'", ">", "<", "&#x6A;avascript:",
    "&lt;script&gt;", "\\", "`", "```", "    ", "\n", "\n\n", "# ", "## ", "- ", "1. ", "> ",
    "| a | b |\n|---|---|\n", "*", "_", "**", "<b>", "</b>", "../", "../../", "content:",
    "kiosk:page/", "content:../x.png", "content:en/pic.png", "pic.png", "pic.png#x",
    "other.md", "<img src=content:en/pic.png onerror=x>", "<a href=kiosk:page/x onclick=y>",
    "<p style=\"background:url(http://e.x)\">", "<meta http-equiv=refresh content=0>",
    "<object data=x>", "<embed src=x>", "<form action=x>", "<base href=http://e.x/>",
    "\u202e", "\u0000", "\ufeff", "\x7f", "ü", "😀", "\r", "\r\n", "\t",
]
YAML_PIECES = [
    "title: T", "order: 1", "order: -3", "order: 1.5", "order: '2'", "order: true",
    "order: 99999999999999999999", "reviewed: 2026-01-01", "reviewed: 2026-13-45",
    "reviewed: yesterday", "sources: [a, b]", "sources: a", "sources:\n  - a\n  - 3",
    "sources: {a: b}", "title: [1, 2]", "title:", "title: ''", "title: <script>x</script>",
    "a: &x [*x]", "b: *undefined", "c: !!python/object:os.system ls", "d: !!binary AAAA",
    "e: [[[[[[[[[[", "f: {", "'", "\"", ":", "- - -", "---", "...", "? complex\n: key",
    "x: " + "y" * 300, "title: \u202eevil", "order: .inf", "order: 0x10", "%YAML 1.2",
]


def page_bytes() -> st.SearchStrategy[bytes]:
    """Bytes of a page file: mostly plausible, often hostile, sometimes plain noise."""
    yaml_line = st.sampled_from(YAML_PIECES) | st.text(max_size=40).map(lambda t: f"k: {t}")
    good = "title: T\norder: 1\nreviewed: 2026-01-01\nsources: [s]"
    front = st.one_of(
        st.just(f"---\n{good}\n---\n"),  # valid, so most bodies get rendered
        st.just(f"---\n{good}\n---\n"),
        st.just(f"---\n{good}\n---\n"),
        st.lists(yaml_line, max_size=3).map(lambda ls: "---\n" + "\n".join([good, *ls])
                                            + "\n---\n"),
        st.just(""),
        st.lists(yaml_line, max_size=8).map(lambda ls: "---\n" + "\n".join(ls) + "\n---\n"),
        st.lists(yaml_line, max_size=4).map(lambda ls: "---\n" + "\n".join(ls) + "\n"),
    )
    words = st.text(st.characters(codec="utf-8"), max_size=30) | st.just("Plain words. ")
    body = st.lists(st.sampled_from(HOSTILE) | words, min_size=1, max_size=40).map("".join)
    text = st.tuples(front, body).map("".join)

    def encode(pair: tuple[str, str]) -> bytes:
        how, doc = pair
        if how == "sig":
            return doc.encode("utf-8-sig", "surrogatepass")
        if how == "latin":
            return doc.encode("latin-1", "replace")
        return doc.encode("utf-8", "surrogatepass")

    encoded = st.tuples(st.sampled_from(["utf8"] * 6 + ["sig", "latin"]),
                        text).map(encode)
    flipped = st.tuples(encoded, st.lists(st.tuples(st.integers(0, 4096), st.integers(0, 255)),
                                          max_size=4)).map(_flip)
    return st.one_of(encoded, encoded, encoded, flipped, st.binary(max_size=2048))


def _flip(pair: tuple[bytes, list[tuple[int, int]]]) -> bytes:
    data, flips = bytearray(pair[0]), pair[1]
    for at, value in flips:
        if data:
            data[at % len(data)] = value
    return bytes(data)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.seen: list[tuple[str, list]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.seen.append((tag, attrs))

    handle_startendtag = handle_starttag


def check_html(html: str) -> None:
    """Raise AssertionError if ``html`` could run, load or open anything of ours not."""
    assert "<script" not in html.lower(), html
    parser = _Tags()
    parser.feed(html)
    parser.close()
    for tag, attrs in parser.seen:
        assert tag in ALLOWED_TAGS, ("tag", tag, html)
        for name, value in attrs:
            assert not name.startswith("on"), ("event attribute", name, html)
            assert name in ALLOWED_ATTRIBUTES.get(tag, ()), ("attribute", tag, name, html)
            if name in ("href", "src"):
                ok = (value or "").startswith(("kiosk:", "content:", "#"))
                assert ok, ("url", name, value, html)


class Fuzz:
    """The property, run against a temporary content folder."""

    def __init__(self, root: Path, slow: float) -> None:
        self.root = root
        (root / "en").mkdir(parents=True)
        # A real picture inside the content folder, so content: links can resolve.
        (root / "en" / "pic.png").write_bytes(bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"))
        self.slow = slow
        self.execs = 0
        self.placeholders = 0
        self.slowest = 0.0

    def run_one(self, data: bytes) -> None:
        self.execs += 1
        path = self.root / "en" / "page.md"
        path.write_bytes(data)
        started = time.monotonic()
        page = read_page(path)
        assert isinstance(page, Page)
        rendered = render(page, self.root)
        took = time.monotonic() - started
        self.slowest = max(self.slowest, took)
        assert isinstance(rendered, Rendered)
        if rendered.ok:
            assert rendered.html != placeholder_html()
        else:
            assert rendered.html == placeholder_html(), rendered.html
            assert rendered.problems, "a placeholder must say why"
            self.placeholders += 1
        check_html(rendered.html)
        assert took < self.slow, f"one page took {took:.1f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--batch", type=int, default=200,
                        help="examples per hypothesis run (each run has a fresh seed)")
    parser.add_argument("--slow", type=float, default=None,
                        help="seconds one page may take before it counts as a find "
                             "(default 5; 1 with --corpora, for the layout)")
    parser.add_argument("--corpora", action="store_true",
                        help="run the public corpora instead of hypothesis")
    parser.add_argument("--check", action="store_true",
                        help="with --corpora: run kiosk check on each vector too (slow)")
    parser.add_argument("--window", type=int, default=0, metavar="N",
                        help="with --corpora: the N slowest pages in the real kiosk under strace")
    parser.add_argument("--limit", type=int, default=0,
                        help="with --corpora: only the first N vectors")
    args = parser.parse_args(argv)
    if args.corpora:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import corpora

        return corpora.run(check=args.check, slow=args.slow or 1.0, window=args.window,
                           limit=args.limit)
    args.slow = args.slow or 5.0

    finds: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        fuzz = Fuzz(Path(tmp) / "content", args.slow)

        @settings(max_examples=args.batch, database=None, deadline=None,
                  suppress_health_check=list(HealthCheck),
                  phases=[Phase.generate, Phase.shrink])
        @given(data=page_bytes())
        def prop(data: bytes) -> None:
            fuzz.run_one(data)

        started = time.monotonic()
        end = started + 60 * args.minutes
        runs = 0
        while time.monotonic() < end:
            runs += 1
            try:
                prop()
            except Exception as exc:  # a find: keep its first line and the shrunk example
                key = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
                if key not in finds:
                    finds[key] = "".join(traceback.format_exception(exc))[-3000:]
                    print(f"FIND {len(finds)}: {key}", flush=True)
        elapsed = time.monotonic() - started

    print("### Fuzz: content pipeline (read_page -> render), hypothesis")
    print()
    print("| time | hypothesis runs | executions | per second | placeholders | slowest page "
          "| finds |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {elapsed / 60:.1f} min | {runs} | {fuzz.execs} | {fuzz.execs / elapsed:.0f} "
          f"| {100 * fuzz.placeholders / max(1, fuzz.execs):.0f} % | "
          f"{1000 * fuzz.slowest:.0f} ms | {len(finds)} |")
    print()
    for key, trace in finds.items():
        print(f"- {key}\n\n```\n{trace}\n```")
    return 1 if finds else 0


if __name__ == "__main__":
    sys.exit(main())
