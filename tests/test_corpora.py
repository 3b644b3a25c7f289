"""Issue 17 item 8: the public corpora, a sample on every run, through every place content reaches.

The places: body, link target, image, link text, title quoted and as typed, sources, summary
and qr_url, a notes fence, glossary term and meaning (helpers.hostile_content). Each run takes
a fresh sample (its seed is in any failure; KIOSK_CORPUS_SEED=<n> repeats it) and stops at a
time budget; ``bench/fuzz.py --corpora`` runs all of them.
"""

import os
import random
import shutil
import time
from pathlib import Path

import pytest
from helpers.corpora import PLACES, feed, vectors
from helpers.hostile_content import write_hostile_content

#: Seconds of feeding per run: a sample, not the corpora (those are bench/fuzz.py's job).
BUDGET = 15.0
SEED = int(os.environ.get("KIOSK_CORPUS_SEED") or random.SystemRandom().randrange(10**9))


def sample(per_corpus: int) -> list[tuple[str, str]]:
    """``per_corpus`` vectors of each corpus, interleaved, from this run's seed."""
    rng = random.Random(SEED)
    by_corpus: dict[str, list[str]] = {}
    for corpus, vector in vectors():
        by_corpus.setdefault(corpus, []).append(vector)
    picked = {name: rng.sample(found, min(per_corpus, len(found)))
              for name, found in by_corpus.items()}
    return [(name, picked[name][i]) for i in range(per_corpus) for name in sorted(picked)
            if i < len(picked[name])]


def test_the_corpora_are_all_there():
    counts: dict[str, int] = {}
    for corpus, _ in vectors():
        counts[corpus] = counts.get(corpus, 0) + 1
    assert counts == {"dompurify": 223, "payloadbox": 6613, "blns": 514}
    assert len(PLACES) == 12


def test_a_corpus_sample_in_every_place_gives_inert_bounded_pages(qapp, tmp_path: Path):
    from PySide6.QtGui import QTextDocument, QTextTable

    from kiosk.shape import MAX_TABLE_NESTING

    def tables(frame) -> int:
        here = 1 if isinstance(frame, QTextTable) else 0
        return here + max((tables(child) for child in frame.childFrames()), default=0)

    finds, fed, pages = [], 0, 0
    end = time.monotonic() + BUDGET
    for corpus, vector in sample(200):
        if time.monotonic() > end and fed >= 12:
            break
        result = feed(vector, tmp_path / "content")
        fed += 1
        pages += result.pages
        finds += [f"{corpus} {vector[:80]!r}: {find}" for find in result.finds]
        for html in result.htmls:
            doc = QTextDocument()
            doc.setHtml(html)
            doc.setTextWidth(1180)  # the text column at 1920x1080
            doc.size()
            if tables(doc.rootFrame()) > MAX_TABLE_NESTING:
                finds.append(f"{corpus} {vector[:80]!r}: Qt nests tables too deep")
    assert pages >= 6 * fed
    assert finds == [], f"seed {SEED}, {fed} vectors fed"


@pytest.mark.xvfb
@pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("strace")),
                    reason="needs Xvfb and strace (make test installs them on Debian as root)")
def test_a_corpus_sample_in_the_real_kiosk_opens_nothing_outside(tmp_path: Path):
    from helpers.strace_tour import internet_sockets, outside_opens, tour_on_xvfb

    picked = sample(8)
    content = write_hostile_content(tmp_path / "content",
                                    "\n\n".join(vector for _, vector in picked))
    done, trace = tour_on_xvfb(content, tmp_path)
    # A vector can make every page the placeholder (no take-home button then): the pages,
    # the glossary and the staff screens are always there.
    assert {"page:safety", "glossary-entry", "staff-menu", "attract"} <= set(done.split()), \
        f"seed {SEED}: {done}"
    assert outside_opens(trace, content, tmp_path / "data") == [], f"seed {SEED}"
    assert internet_sockets(trace) == [], f"seed {SEED}"
