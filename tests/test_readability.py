"""Every shipped page reads at about grade 6: Flesch-Kincaid <= 6 and SMOG <= 9."""

import html

import pytest
from conftest import CONTENT

from kiosk.content import load_pages
from kiosk.readability import grades, visible_text
from kiosk.render import render

PAGES = load_pages(CONTENT, "en")


def page_text(page) -> str:
    """What a patient reads on the page: its tab title and its body (not the citations)."""
    return visible_text(f"<h1>{html.escape(page.title)}</h1>" + render(page, CONTENT).html)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.slug)
def test_page_reads_at_grade_six_or_below(page):
    measured = grades(page_text(page))
    assert measured.flesch_kincaid <= 6.0, measured
    assert measured.smog <= 9.0, measured
    assert 100 <= measured.words <= 600, measured


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.slug)
def test_no_sentence_is_longer_than_twenty_words(page):
    for sentence in page_text(page).replace("!", ".").replace("?", ".").split(". "):
        assert len(sentence.split()) <= 20, sentence


def test_visible_text_makes_each_block_a_sentence():
    assert visible_text("<h2>Key points</h2><ul><li>One</li><li>Two.</li></ul>") == \
        "Key points. One. Two."


def test_grades_tell_hard_text_from_easy_text():
    easy = grades("The cat sat on the mat. It was warm. The sun was out.")
    hard = grades("Autologous mesenchymal regenerative interventions demonstrate "
                  "considerable heterogeneity regarding methodological characteristics.")
    assert easy.flesch_kincaid < 3 < 12 < hard.flesch_kincaid
