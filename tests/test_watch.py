"""Live preview (kiosk --windowed --watch): an editor saves a page and sees it at once."""

import os
import time
from pathlib import Path

from PySide6.QtWidgets import QLabel

from kiosk.content import PLACEHOLDER

# The reload is waited for, not timed: how fast it comes is measured (save_to_reload_ms, and
# bench/), and a loaded 2-core machine may take longer than a second.
WITHIN_MS = 10_000


def text_of(view) -> str:
    return view.text.document().toPlainText()


def edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new)


def scrolled_overview(make_kiosk, qtbot, content: Path):
    window = make_kiosk(content=content, watch=True)
    view = window.current_view
    bar = view.verticalScrollBar()
    assert bar.maximum() > 300
    bar.setValue(300)
    qtbot.waitUntil(lambda: window.banner.text() != "Checking...", timeout=10_000)
    return window, view


def test_a_saved_page_reloads_within_a_second_and_keeps_its_place(
        make_kiosk, qtbot, content_dir: Path, record_property):
    window, view = scrolled_overview(make_kiosk, qtbot, content_dir)
    page = content_dir / "en" / "overview.md"
    changed = edit(page, "It is normal to lose 50 to 100 hairs a day.",
                   "It is quite normal to lose 50 to 100 hairs a day.")
    start = time.perf_counter()
    page.write_text(changed, encoding="utf-8")
    qtbot.waitUntil(lambda: "quite normal" in text_of(view), timeout=WITHIN_MS)
    record_property("save_to_reload_ms", round((time.perf_counter() - start) * 1000))
    qtbot.waitUntil(lambda: view.verticalScrollBar().value() == 300)
    assert window.current_view is view and window.tabs.currentIndex() == 0


def test_an_editor_that_saves_by_renaming_is_followed_every_time(make_kiosk, qtbot,
                                                                 content_dir: Path,
                                                                 record_property):
    window, view = scrolled_overview(make_kiosk, qtbot, content_dir)
    page = content_dir / "en" / "overview.md"
    times = []
    for word in ("first", "second", "third"):
        temp = page.with_name(".overview.md.swp")
        temp.write_text(edit(page, "# Stem cells and hair loss", f"# {word} save"),
                        encoding="utf-8")
        start = time.perf_counter()
        os.replace(temp, page)
        qtbot.waitUntil(lambda w=word: text_of(view).startswith(f"{w} save"),
                        timeout=WITHIN_MS)
        times.append(round((time.perf_counter() - start) * 1000))
        page.write_text(page.read_text().replace(f"# {word} save", "# Stem cells and hair loss"))
        qtbot.waitUntil(lambda: text_of(view).startswith("Stem cells"), timeout=WITHIN_MS)
    record_property("rename_save_to_reload_ms", times)
    qtbot.waitUntil(lambda: view.verticalScrollBar().value() == 300)


def test_a_half_written_page_shows_the_placeholder_then_recovers(make_kiosk, qtbot,
                                                                 content_dir: Path):
    window, view = scrolled_overview(make_kiosk, qtbot, content_dir)
    page = content_dir / "en" / "overview.md"
    whole = page.read_text(encoding="utf-8")
    page.write_text(whole[:40], encoding="utf-8")  # inside the front matter
    qtbot.waitUntil(lambda: text_of(view).strip() == PLACEHOLDER, timeout=WITHIN_MS)
    assert window.tabs.tabText(0) == "Overview"
    qtbot.waitUntil(lambda: "front matter is not closed" in window.banner.text(),
                    timeout=10_000)
    page.write_text(whole, encoding="utf-8")
    qtbot.waitUntil(lambda: text_of(view).startswith("Stem cells and hair loss"),
                    timeout=WITHIN_MS)
    assert window.tabs.tabText(0) == "Overview"


def test_the_banner_shows_what_check_says_about_this_page(make_kiosk, qtbot,
                                                           content_dir: Path):
    window, view = scrolled_overview(make_kiosk, qtbot, content_dir)
    assert window.banner.text() == "overview.md: no problems"
    assert window.banner.isVisible() and window.banner.property("clean") is True
    page = content_dir / "en" / "overview.md"
    long = "This sentence is much too long for a patient who reads slowly because it goes " \
           "on and on without a stop."
    page.write_text(edit(page, "That can be upsetting.", long), encoding="utf-8")
    qtbot.waitUntil(lambda: "sentence of 21 words" in window.banner.text(), timeout=10_000)
    line = next(i for i, text in enumerate(page.read_text().splitlines(), 1) if long in text)
    assert window.banner.text() == (f"line {line}: warning: sentence of 21 words (more than "
                                    "20): 'This sentence is much too long ...'")
    assert window.banner.property("clean") is False
    window.navigator.go(1)
    assert window.banner.text() == "how-it-works.md: no problems"


def test_new_and_deleted_pages_rebuild_the_tabs_and_keep_the_page(make_kiosk, qtbot,
                                                                  content_dir: Path):
    window = make_kiosk(content=content_dir, watch=True)
    window.navigator.go(2)
    faq = content_dir / "en" / "faq.md"
    faq.write_text("---\ntitle: Questions\norder: 7\nreviewed: 2026-11-01\nsources:\n"
                   "  - \"A leaflet\"\n---\n\n# Questions\n\nAsk us. We are glad to help.\n")
    qtbot.waitUntil(lambda: window.tabs.count() == 7, timeout=WITHIN_MS)
    assert window.tabs.tabText(6) == "Questions"
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Who benefits"
    faq.unlink()
    qtbot.waitUntil(lambda: window.tabs.count() == 6, timeout=WITHIN_MS)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Who benefits"


def test_without_watch_there_is_no_banner_and_no_watcher(make_kiosk):
    window = make_kiosk()
    assert window.banner is None and window.preview is None
    assert window.findChildren(QLabel, "checkBanner") == []


def test_the_kiosk_starts_without_textstat():
    """Reading grades belong to kiosk check and the preview, never to a patient's kiosk."""
    import subprocess
    import sys

    code = ("from kiosk.config import Settings\n"
            "from kiosk.gui.app import application, build_window\n"
            "import sys\n"
            "application(); window = build_window(Settings(mode='windowed'))\n"
            "window.show(); window.current_view.ensure_rendered()\n"
            "print('textstat' in sys.modules)")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True, timeout=60).stdout
    assert out.strip() == "False"
