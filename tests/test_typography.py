"""Headings keep their last two words together, so no word is left alone on a line."""

import pytest
from PySide6.QtGui import QTextLayout, QTextOption

from kiosk.typography import NBSP, bind_heading_words, bind_last_words


@pytest.mark.parametrize(("text", "bound"), [
    ("lo que debe saber", f"lo que debe{NBSP}saber"),
    ("Three stages", "Three stages"),  # two words: nothing to keep company
    ("Safety", "Safety"),
    ("Why a treatment-with-a-very-long-name matters-enormously-to-everybody",
     "Why a treatment-with-a-very-long-name matters-enormously-to-everybody"),  # too long
])
def test_the_last_two_words_are_bound_only_where_the_width_allows(text, bound):
    assert bind_last_words(text) == bound


def test_headings_in_html_are_bound_and_nothing_else_is():
    html = ("<h1>Is it approved?</h1><p>It is not approved by anyone.</p>"
            '<h2 id="x">Ask a <a href="term:x">dermatologist</a></h2>'
            "<h3>Tom &amp; Jerry are here</h3>")
    assert bind_heading_words(html) == (
        "<h1>Is it&nbsp;approved?</h1><p>It is not approved by anyone.</p>"
        '<h2 id="x">Ask a <a href="term:x">dermatologist</a></h2>'
        "<h3>Tom &amp; Jerry are&nbsp;here</h3>")


def last_line(text: str, font, width: int) -> str:
    """The last line Qt's word wrap makes of ``text`` at ``width`` pixels."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    starts = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    return text[starts[-1]:]


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080), (1080, 1920)])
def test_the_spanish_welcome_title_leaves_no_word_alone(make_kiosk, size):
    """Before: "...cabello: lo que debe" / "saber" at 1280x800."""
    window = make_kiosk(lang="es", size=size, attract=True)
    title = window.attract.title
    line = last_line(title.text(), title.font(), title.contentsRect().width())
    assert len(line.replace(NBSP, " ").split()) >= 2, line
    assert title.accessibleName() == title.text().replace(NBSP, " ")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_page_heading_ends_with_a_lone_word_at_1280x800(make_kiosk, qtbot, lang):
    window = make_kiosk(lang=lang, size=(1280, 800))
    lonely = []
    for index in range(len(window.pages)):
        window.navigator.go(index)
        document = window.current_view.text.document()
        qtbot.waitUntil(lambda d=document: d.size().width() > 0)
        block = document.begin()
        while block.isValid():
            layout = block.layout()
            if block.blockFormat().headingLevel() and layout.lineCount() > 1:
                tail = block.text()[layout.lineAt(layout.lineCount() - 1).textStart():]
                if len(tail.replace(NBSP, " ").split()) < 2:
                    lonely.append(block.text())
            block = block.next()
    assert lonely == []
