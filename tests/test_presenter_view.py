"""The presenter view: this slide and the next as pictures, the times, and large notes."""

import datetime as dt
import json
import os
import subprocess
import sys

from conftest import ROOT
from PySide6.QtCore import Qt
from test_present_mode import TALK, talk  # noqa: F401 - the fixture

from kiosk.gui.presenterview import PresenterView


def black_share(pixmap) -> float:
    """How much of a picture is black (sampled)."""
    image = pixmap.toImage()
    points = [(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)]
    return sum(image.pixelColor(x, y).value() < 16 for x, y in points) / len(points)


def test_this_slide_and_the_next_are_pictures_that_follow_the_talk(talk, qtbot):  # noqa: F811
    window = talk()
    view = window.presentation.open_presenter_view(None)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    qtbot.waitUntil(lambda: not view.this_slide.pixmap().isNull())
    assert not view.next_slide.pixmap().isNull() and view.next_slide.text() == ""
    first = view.this_slide.pixmap().toImage()
    window.navigator.go(1)
    qtbot.waitUntil(lambda: view.this_slide.pixmap().toImage() != first)
    assert view.now.text() == f"Now 2 / {TALK}: How it works"
    # The talk's last page: the next slide is a question, named instead of drawn.
    window.navigator.go(5)
    assert view.next_slide.pixmap().isNull() and view.next_slide.text() == "Question 1"
    # Blank: the picture of this slide is what the room sees, black.
    qtbot.keyClick(view, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: black_share(view.this_slide.pixmap()) > 0.99)
    assert "black" in view.state.text()
    qtbot.keyClick(view, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: black_share(view.this_slide.pixmap()) < 0.5)
    assert view.state.text().startswith("Next page in ")


def test_times_and_notes_are_large_enough_for_arm_s_length(talk, qtbot):  # noqa: F811
    window = talk()
    own = PresenterView(window.presentation.presenter, window,
                        wall=lambda: dt.datetime(2026, 11, 30, 14, 5))
    qtbot.addWidget(own)
    own.show_page(0, ["Overview", "How it works"], "Welcome the room.")
    assert own.time_of_day.text() == "14:05" and own.elapsed.text() == "0:00"
    assert own.next_slide.text() == "How it works"  # no pictures given: the title stands in
    body = window.current_view.text.body_px()
    assert own.notes.font().pixelSize() > body and own.state.font().pixelSize() > body


SCRIPT = """
import json
from kiosk.config import Settings
from kiosk.gui.app import application, build_window
app = application()
window = build_window(Settings(mode="windowed", present=True, present_seconds=3600,
                               idle_timeout=0, motion=False))
window.resize(1920, 1080)
window.show()
for _ in range(50):
    app.processEvents()
view = window.presentation.view
print(json.dumps({"screens": [s.name() for s in app.screens()],
                  "view": view is not None and view.isVisible(),
                  "screen": view.screen().name() if view else None,
                  "this": bool(view and not view.this_slide.pixmap().isNull()),
                  "next": bool(view and not view.next_slide.pixmap().isNull()),
                  "now": view.now.text() if view else None}))
"""


def test_on_a_second_virtual_screen_the_presenter_view_opens_by_itself(tmp_path):
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [
        {"name": "audience", "x": 0, "y": 0, "width": 1920, "height": 1080},
        {"name": "presenter", "x": 1920, "y": 0, "width": 1280, "height": 800}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    result = subprocess.run([sys.executable, "-c", SCRIPT], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["screens"] == ["audience", "presenter"]
    assert seen == seen | {"view": True, "screen": "presenter", "this": True, "next": True,
                           "now": f"Now 1 / {TALK}: Overview"}
