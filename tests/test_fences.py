"""Fenced blocks (issue 20): nothing meant for the presenter ever reaches a patient.

Only ```notes (speaker notes) and a plain ``` (text shown as written) are fences the kiosk
knows; any other fence is hidden, reported by ``kiosk check`` and logged for staff.
Tested through the rendered HTML, ``kiosk check`` and the real page widget's text.
"""

from pathlib import Path

import pytest

from kiosk.check import check_content, format_problem
from kiosk.content import parse_page
from kiosk.fences import split_fences
from kiosk.render import render

SECRET = "Ask the room who has tried minoxidil."
HEAD = "---\ntitle: Page\norder: 1\nreviewed: 2026-10-01\nsources:\n  - \"A leaflet\"\n---\n"
#: Opening lines an editor plausibly writes for speaker notes, and what the kiosk does.
MISSPELT = ["```note", "```Note", "```nots", "```speaker-notes", "````note", "~~~note",
            "  ```note", "```notes:"]
VARIANTS = ["```Notes ", "~~~notes", "```NOTES", "````notes"]


def page_with(tmp_path: Path, opening: str, closing: str = "```") -> Path:
    path = tmp_path / "content" / "en" / "page.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    closing = closing if opening.lstrip()[0] == "`" else "~~~"
    closing = closing.ljust(len(opening.strip().rstrip("notes:NOTEpkr-")), closing[0])
    path.write_text(HEAD + f"\n# Page\n\nShown to patients.\n\n{opening}\n{SECRET}\n"
                    f"{closing}\n\nAlso shown.\n", encoding="utf-8")
    return path


def rendered(path: Path):
    return render(parse_page(path, path.read_text(encoding="utf-8")), path.parent.parent)


@pytest.mark.parametrize("opening", MISSPELT)
def test_a_misspelt_notes_fence_is_hidden_and_an_error(tmp_path: Path, opening: str):
    path = page_with(tmp_path, opening)
    result = rendered(path)
    assert "minoxidil" not in result.html
    assert "Shown to patients." in result.html and "Also shown." in result.html
    problems = [format_problem(p).replace(f"{path.parent}/", "")
                for p in check_content(path.parent.parent).problems if p.severity == "error"]
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"page.md:13: error: unknown fence {opening.strip()!r}: "
                                  "hidden from patients")
    assert problems[0].endswith("did you mean ```notes?")
    # A near miss of "notes" still reaches the presenter.
    assert result.notes == SECRET


@pytest.mark.parametrize("opening", VARIANTS)
def test_notes_written_another_way_are_notes_with_a_warning(tmp_path: Path, opening: str):
    path = page_with(tmp_path, opening)
    result = rendered(path)
    assert "minoxidil" not in result.html and result.notes == SECRET
    warnings = [p.message for p in check_content(path.parent.parent).problems
                if "fence" in p.message]
    assert warnings == [f"speaker notes fence written {opening.strip()!r}: the kiosk hides "
                        "it, but other tools show it to readers; write it as ```notes"]


def test_a_code_fence_of_another_language_is_hidden_and_not_a_note(tmp_path: Path):
    path = page_with(tmp_path, "```python")
    result = rendered(path)
    assert "minoxidil" not in result.html and result.notes == ""
    assert any("unknown fence '```python'" in p.message and "did you mean" not in p.message
               for p in result.problems)


def test_a_plain_fence_is_shown_as_written_in_a_block(tmp_path: Path):
    path = page_with(tmp_path, "```")
    html = rendered(path).html
    assert "<pre><code>Ask the room who has tried minoxidil.\n</code></pre>" in html
    assert "```" not in html
    assert [(p.severity, p.message) for p in rendered(path).problems] == [
        ("info", "a plain ``` block is shown to patients as written; if it is for the "
                 "presenter, write ```notes")]


def test_an_unclosed_unknown_fence_hides_the_rest_of_the_page(tmp_path: Path):
    split = split_fences("Shown.\n\n```note\nSecret one.\n\nSecret two.\n")
    assert "Secret" not in split.body and split.unclosed
    assert split.body.count("\n") == 6


def test_inline_triple_backticks_are_not_a_fence():
    split = split_fences("Type ```notes``` to add notes.\n")
    assert split.fences == [] and "Type" in split.body


def test_the_page_widget_never_shows_a_misspelt_note_and_staff_see_why(make_kiosk, qtbot,
                                                                       content_dir: Path):
    import logging

    from PySide6.QtWidgets import QApplication

    from kiosk.gui.app import application
    from kiosk.logbuffer import RecentWarnings

    app = application()
    added = not hasattr(app, "recent_warnings")
    if added:  # pytest-qt made the app before application() could add the handler
        app.recent_warnings = RecentWarnings()
        logging.getLogger("kiosk").addHandler(app.recent_warnings)
    assert app is QApplication.instance()
    try:
        _misspelt_note_on_screen(make_kiosk, qtbot, content_dir)
    finally:
        if added:
            logging.getLogger("kiosk").removeHandler(app.recent_warnings)
            del app.recent_warnings


def _misspelt_note_on_screen(make_kiosk, qtbot, content_dir: Path) -> None:
    page = content_dir / "en" / "overview.md"
    page.write_text(page.read_text(encoding="utf-8").replace("```notes", "```note", 1),
                    encoding="utf-8")
    window = make_kiosk(content=content_dir)
    view = window.views[0]
    qtbot.waitUntil(lambda: "Stem cells and hair loss" in view.text.toPlainText())
    shown = view.text.toPlainText()
    assert "Welcome the room" not in shown and "note" not in shown.split()
    assert "It is normal to lose 50 to 100 hairs a day." in shown
    status = window.status_text()
    assert "overview.md:17: error: unknown fence '```note': hidden from patients" in status


@pytest.mark.parametrize("body", [
    "- Shown to patients.\n- ```note\n  Ask the room who has tried minoxidil.\n  ```\n",
    "Shown to patients.\n\n> ```note\n> Ask the room who has tried minoxidil.\n> ```\n",
    "1. **Rest:** Shown to patients.\n\n   ```note\n   Ask the room who has tried minoxidil."
    "\n   ```\n",
])
def test_a_misspelt_fence_in_a_list_item_or_a_quote_is_hidden_too(tmp_path: Path, body: str):
    path = tmp_path / "content" / "en" / "page.md"
    path.parent.mkdir(parents=True)
    path.write_text(HEAD + "\n# Page\n\n" + body, encoding="utf-8")
    result = rendered(path)
    assert "minoxidil" not in result.html and "Shown to patients." in result.html
    assert any(p.severity == "error" and "unknown fence" in p.message
               for p in result.problems)
