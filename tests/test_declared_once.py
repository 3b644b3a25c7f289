"""Each fact declared once: text sizes, reading pace, the sentence splitter, FIGURE_SCHEME."""

import pytest

from kiosk import check, figures, glossary, presentation, readability, render, visuals
from kiosk.stats.events import make_event
from kiosk.textsizes import TEXT_SCALES, TEXT_SIZES, size_name


@pytest.mark.parametrize("scale", TEXT_SCALES)
def test_statistics_accept_every_text_size_of_the_table(scale):
    # Before, stats had its own list: a new size in the window made recording raise.
    event = make_event("text_size", {"size": size_name(scale)}, ts=0, kiosk="k", session=1)
    assert event.value == size_name(scale)
    assert tuple(size_name(s) for s in TEXT_SCALES) == TEXT_SIZES


def test_one_reading_pace():
    # check said 150 words a minute, presentation timing 160.
    assert check.WORDS_PER_MINUTE == presentation.WORDS_PER_MINUTE \
        == readability.WORDS_PER_MINUTE
    timing = presentation.Timing(minimum=0, maximum=9999)
    assert timing.seconds(readability.WORDS_PER_MINUTE) == 60
    grades = readability.Grades(0, 0, words=readability.WORDS_PER_MINUTE)
    assert grades.minutes == 1


def test_one_figure_scheme():
    assert figures.FIGURE_SCHEME is render.FIGURE_SCHEME


TEXT = "Dr. Bhatt takes a small sample.  Is it safe? Ask first!  Then, wait: 3 to 6 months"


def test_one_sentence_splitter_for_checks_captions_and_glossary(tmp_path):
    assert readability.sentences(TEXT) == [
        "Dr.", "Bhatt takes a small sample.", "Is it safe?", "Ask first!",
        "Then, wait: 3 to 6 months"]
    spans = readability.sentence_spans(TEXT)
    assert [TEXT[a:b] for a, b in spans] == readability.sentences(TEXT)
    assert visuals.first_sentence("Is it safe? Ask first!") == "Is it safe?"
    path = tmp_path / "en" / "glossary.md"
    path.parent.mkdir()
    path.write_text("---\ntitle: Words\n---\n\n## Graft\nA piece moved. It grows.\n\n"
                    "## Scalp\nThe skin on your head, where hair grows.\n")
    problems = [p.message for p in glossary.load_glossary(path).problems]
    assert problems == ["'Graft': the definition should be one sentence"]


def test_the_tables_import_no_qt():
    import subprocess
    import sys

    modules = ["kiosk.configtable", "kiosk.language", "kiosk.source", "kiosk.textsizes"]
    code = ("import sys\n" + "".join(f"import {m}\n" for m in modules)
            + "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
