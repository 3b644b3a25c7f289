"""Issue 17 item 1: page content is shown as the characters it is, never as rich text.

The real window is fed a vector in every place content can reach, then every page, link,
term, popup and mode is opened; every label and text widget of the app is then walked.
"""

import base64
import re
from pathlib import Path

from helpers.hostile_content import write_hostile_content
from helpers.hostile_tour import tour
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTextEdit

VECTOR = '<img src="{canary}"><b>bold</b> <a href="file:///etc/passwd">x</a> Q&A'


def test_every_label_is_plain_text_and_shows_markup_as_typed(make_kiosk, qtbot, tmp_path: Path):
    canary = tmp_path / "outside" / "canary.png"
    vector = VECTOR.format(canary=canary)
    content = write_hostile_content(tmp_path / "content", vector)
    window = make_kiosk(content, mode="windowed", present=True, present_seconds=3600,
                        watch=True)  # the live preview adds its banner of problems
    opened = set(tour(window))
    assert {"take-home", "link-qr", "term", "glossary-entry", "presenter-view", "staff-menu",
            "usb-picker", "pin-pad", "countdown", "attract"} <= opened

    # The page whose title is the vector, quoted: its take-home code stays open for the walk.
    window.visit.start_reading()
    window.navigator.go(0)
    window.current_view.take_home_button.click()
    window.take_home.grab()
    # The live preview's banner lists the page's problems once its check has run.
    qtbot.waitUntil(lambda: vector in window.banner.text(), timeout=20000)
    labels = [w for w in QApplication.allWidgets() if isinstance(w, QLabel)]
    assert len(labels) > 20
    rich = [(w.objectName(), w.text()[:60]) for w in labels
            if w.textFormat().name != "PlainText"]
    assert rich == []
    texts = {w.objectName(): w.text() for w in labels if vector in w.text()}
    # The popups that showed the hostile title and meaning show its characters.
    assert {"overlayTitle", "glossaryMeaning", "presenterNow", "presenterNext",
            "checkBanner"} <= set(texts)
    # Tabs and buttons show a title's "&" (a single one would be a hidden shortcut marker).
    tabs = window.tabs.tabBar()
    shown = [tabs.tabText(i).replace("&&", "&") for i in range(tabs.count())]
    assert shown == [page.title for page in window.pages]
    assert vector in shown
    buttons = [w.text() for w in QApplication.allWidgets() if isinstance(w, QAbstractButton)]
    assert any(vector in text.replace("&&", "&") for text in buttons)  # "Next: <title>"
    assert [t for t in [*buttons, *(tabs.tabText(i) for i in range(tabs.count()))]
            if re.search(r"(?<!&)&(?!&)", t.replace("&&", ""))] == []
    # Every text view is the page view's own, whose resources go through loadResource.
    from kiosk.gui.pagetext import PageText

    views = [w for w in QApplication.allWidgets() if isinstance(w, QTextEdit)]
    assert views and all(type(w) is PageText for w in views)


def test_the_text_view_reads_no_file_for_a_url_outside_our_schemes(qtbot, tmp_path: Path):
    """Straight into the view, past the sanitizer: Qt must not read the file itself."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QImage, QTextDocument

    from kiosk.gui.pagetext import PageText

    root = tmp_path / "content"
    (root / "en").mkdir(parents=True)
    canary = tmp_path / "outside" / "canary.png"
    canary.parent.mkdir()
    picture = QImage(8, 8, QImage.Format.Format_RGB32)
    picture.fill(0xFF0000)
    assert picture.save(str(canary))
    (root / "en" / "ok.png").write_bytes(canary.read_bytes())
    data = "data:image/png;base64," + base64.b64encode(canary.read_bytes()).decode()
    urls = [str(canary), f"file://{canary}", "../outside/canary.png", data, "content:en/ok.png"]
    view = PageText(root)
    qtbot.addWidget(view)
    view.setHtml("<p>" + "".join(f'<img src="{u}">' for u in urls) + "</p>"
                 '<link rel="stylesheet" href="{canary}">')
    view.document().setTextWidth(800)
    assert view.document().size().height() > 0
    kind = QTextDocument.ResourceType.ImageResource
    loaded = {u: view.document().resource(kind.value, QUrl(u)) for u in urls}
    # Only the picture inside the content folder, by our own scheme, was read (Qt's own
    # reading gives a QPixmap or bytes).
    assert {u: _something(r) for u, r in loaded.items()} == {
        str(canary): False, f"file://{canary}": False, "../outside/canary.png": False,
        data: False, "content:en/ok.png": True}


def _something(resource) -> bool:
    """True if Qt got a picture or bytes for the URL (an empty one is a refusal)."""
    from PySide6.QtCore import QByteArray

    if resource is None:
        return False
    if isinstance(resource, bytes | bytearray | QByteArray):
        return len(resource) > 0
    return not resource.isNull()
