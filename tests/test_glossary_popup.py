"""Tap a hard word for its meaning: terms are found from the glossary, not hand-marked."""

import re

from conftest import CONTENT
from PySide6.QtCore import QPoint, Qt

from kiosk.content import load_pages
from kiosk.glossary import glossary_path, load_glossary
from kiosk.readability import visible_text
from kiosk.render import render


def terms_in(html: str) -> list[str]:
    return re.findall(r'<a class="term" href="kiosk:term/[^"]+">([^<]+)</a>', html)


def test_first_use_of_each_term_is_marked_once_and_not_in_headings():
    glossary = load_glossary(glossary_path(CONTENT, "en"))
    page = load_pages(CONTENT, "en")[1]
    html = render(page, CONTENT, glossary).html
    marked = terms_in(html)
    assert "Stem cells" in marked and "centrifuge" in marked and "Autologous" in marked
    entries = [glossary.find(t).term for t in marked]
    assert len(entries) == len(set(entries))
    assert not re.search(r"<h\d>[^<]*<a ", html)


def test_marking_changes_no_visible_word():
    glossary = load_glossary(glossary_path(CONTENT, "es"))
    for page in load_pages(CONTENT, "es"):
        plain = visible_text(render(page, CONTENT).html)
        assert visible_text(render(page, CONTENT, glossary).html) == plain
    assert terms_in(render(load_pages(CONTENT, "es")[1], CONTENT, glossary).html)


def term_point(view, word: str) -> QPoint:
    from PySide6.QtGui import QTextCursor

    found = view.text.document().find(word)
    assert not found.isNull(), word
    cursor = QTextCursor(view.text.document())
    cursor.setPosition(found.selectionStart() + 2)  # inside the word, not at its end
    point = view.text.cursorRect(cursor).center()
    # Scroll the word into view first, as a patient would.
    inside = view.text.mapTo(view.widget(), point)
    view.ensureVisible(inside.x(), inside.y(), 0, 100)
    return view.text.cursorRect(cursor).center()


def test_tapping_a_term_opens_its_meaning_and_a_tap_closes_it(make_kiosk, qtbot):
    window = make_kiosk()
    window.navigator.go(1)
    view = window.current_view
    qtbot.waitUntil(lambda: view.rendered is not None)
    qtbot.mouseClick(view.text.viewport(), Qt.MouseButton.LeftButton,
                     pos=term_point(view, "centrifuge"))
    popup = window.glossary_popup
    assert popup.isVisible()
    assert popup.term.text() == "Centrifuge"
    assert "spins" in popup.meaning.text()
    qtbot.mouseClick(popup, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert not popup.isVisible()
    assert window.tabs.currentIndex() == 1


def test_term_popup_in_spanish_and_closed_by_reset(make_kiosk, qtbot):
    window = make_kiosk(lang="es")
    window.navigator.go(1)
    view = window.current_view
    qtbot.waitUntil(lambda: view.rendered is not None)
    qtbot.mouseClick(view.text.viewport(), Qt.MouseButton.LeftButton,
                     pos=term_point(view, "centrífuga"))
    assert window.glossary_popup.isVisible()
    assert window.glossary_popup.term.text() == "Centrífuga"
    assert window.glossary_popup.hint.text() == "Toque en cualquier lugar para cerrar"
    window.reset()
    assert not window.glossary_popup.isVisible()
