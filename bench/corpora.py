"""The three public corpora (tests/data/corpora), all of them, through every place content reaches.

Each vector goes into a fresh content folder in every place (body, link target, image, link
text, title quoted and as typed, sources, summary and qr_url, a notes fence, glossary term
and meaning: tests/helpers/hostile_content.py); the kiosk's content steps run on it (pages,
glossary, render, take-home codes; ``kiosk check`` too with ``--check``), and each page's
HTML is laid out in a real QTextDocument at the 1920x1080 text width. Finds: any exception,
active or outside content, a page over the shape bounds, a layout over ``--slow`` seconds.
With ``--window N`` the N pages that took longest to lay out go, together, into the real
kiosk under strace with every popup opened (tests/helpers/strace_tour.py): any file opened
outside the content folder, the project, Python and the system, or any internet socket, is
a find. Run by ``bench/fuzz.py --corpora``.
"""

from __future__ import annotations

import faulthandler
import sys
import tempfile
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"
sys.path.insert(0, str(TESTS))

from helpers.corpora import PLACES, feed, vectors  # noqa: E402

TEXT_WIDTH = 1180  # the page's text column at 1920x1080
HANG = 30  # seconds one vector may take before it counts as a hang


def _layout_seconds(html: str) -> float:
    from PySide6.QtGui import QTextDocument

    started = time.perf_counter()
    doc = QTextDocument()
    doc.setHtml(html)
    doc.setTextWidth(TEXT_WIDTH)
    doc.size()
    return time.perf_counter() - started


def run(check: bool = False, slow: float = 1.0, window: int = 0, limit: int = 0) -> int:
    """Feed every vector (or the first ``limit``); print the figures; return 1 on any find."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # noqa: F841 - fonts for the layout
    todo = vectors()[:limit] if limit else vectors()
    finds: list[str] = []
    worst: list[tuple[float, str, str]] = []
    pages = placeholders = 0
    slowest_render = slowest_layout = 0.0
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="corpora-") as tmp:
        for number, (corpus, vector) in enumerate(todo, start=1):
            # kiosk check grades reading level (0.8 s a vector): only when asked.
            # A hang is a find (feed interrupts Python code after HANG seconds); if Qt's C++
            # holds on, faulthandler prints where and ends the run.
            faulthandler.dump_traceback_later(4 * HANG, exit=True)
            try:
                fed = feed(vector, Path(tmp) / "content", check=check, hang=HANG)
            finally:
                faulthandler.cancel_dump_traceback_later()
            pages += fed.pages
            placeholders += fed.placeholders
            slowest_render = max(slowest_render, fed.slowest)
            finds += [f"{corpus} {vector[:80]!r}: {find}" for find in fed.finds]
            for html in fed.htmls:
                took = _layout_seconds(html)
                slowest_layout = max(slowest_layout, took)
                worst.append((took, corpus, vector))
                if took > slow:
                    finds.append(f"{corpus} {vector[:80]!r}: layout took {took:.2f} s")
            # The slowest distinct vectors (a vector's six pages count once).
            kept: dict[str, tuple[float, str, str]] = {}
            for entry in sorted(worst, reverse=True):
                kept.setdefault(entry[2], entry)
            worst = list(kept.values())[:max(window, 1)]
            if number % 500 == 0:
                print(f"... {number} vectors, {len(finds)} finds, "
                      f"{time.monotonic() - started:.0f} s", flush=True)
        elapsed = time.monotonic() - started
        window_line = ""
        if window:
            window_line = _window(Path(tmp), [v for _, _, v in worst], finds)
    print("### Corpora: DOMPurify fixtures, payloadbox XSS list, Big List of Naughty Strings")
    print()
    print(f"- vectors: {len(todo)}; places: {len(PLACES)} ({', '.join(PLACES)})")
    print(f"- pages rendered: {pages} ({placeholders} refused as the placeholder); "
          f"kiosk check: {'yes' if check else 'no'}")
    print(f"- time: {elapsed:.0f} s; slowest render {slowest_render * 1000:.0f} ms; "
          f"slowest layout at {TEXT_WIDTH} px {slowest_layout * 1000:.0f} ms")
    if window_line:
        print(f"- {window_line}")
    print(f"- finds: {len(finds)}")
    for find in finds[:50]:
        print(f"  - {find}")
    return 1 if finds else 0


def _window(tmp: Path, worst: list[str], finds: list[str]) -> str:
    """The worst vectors together in the real kiosk under strace; adds its finds."""
    from conftest import start_xvfb
    from helpers.hostile_content import write_hostile_content
    from helpers.strace_tour import internet_sockets, outside_opens, run_tour

    content = write_hostile_content(tmp / "window", "\n\n".join(worst))
    server, env = start_xvfb()
    if server is None:
        finds.append("window: Xvfb did not start")
        return "real window: not run"
    env["XDG_DATA_HOME"] = str(tmp / "data")
    trace = tmp / "trace"
    started = time.monotonic()
    try:
        done = run_tour(["--windowed", "--present", "--present-seconds", "3600",
                         "--content", str(content)], env, trace, limit=600)
    except AssertionError as exc:
        finds.append(f"window: {str(exc)[:300]}")
        return "real window: the tour did not finish"
    finally:
        server.terminate()
        server.wait(10)
    outside = outside_opens(trace, content, tmp / "data")
    sockets = internet_sockets(trace)
    finds += [f"window: opened {path}" for path in outside]
    finds += [f"window: socket {call}" for call in sockets]
    opened = len(done.split()) - 3
    return (f"real window under strace: the {len(worst)} slowest pages' vectors together, "
            f"{opened} kinds of screen opened in {time.monotonic() - started:.0f} s; "
            f"{len(outside)} outside files, {len(sockets)} internet sockets")
