"""Issue 5: "Take this home" QR codes hold the page's key facts (or a URL) and read back."""

from pathlib import Path

import pytest
from conftest import CONTENT, tap
from PySide6.QtCore import QPoint
from qr import decode, matrix_to_pgm, needs_zbar

from kiosk.config import ConfigError, read_config
from kiosk.content import load_pages, parse_page
from kiosk.takehome import MAX_PAYLOAD, fit, for_link, for_page, qr_matrix, summary_text

FRONT = "---\ntitle: T\norder: 1\nreviewed: 2026-01-01\nsources: [s]\n"
PAGES = {lang: {p.slug: p for p in load_pages(CONTENT, lang)} for lang in ("en", "es")}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_shipped_page_has_a_short_summary_that_fits_a_code(lang):
    for page in PAGES[lang].values():
        summary = page.meta.get("summary")
        assert isinstance(summary, str) and 2 <= summary.count(".") <= 4, page.slug
        text = for_page(page).payload
        assert text.startswith(page.title.upper() + "\n" + summary)
        assert len(text.encode()) <= MAX_PAYLOAD and not text.endswith("…"), page.slug


@pytest.mark.parametrize(("lang", "fda", "ask"), [
    ("en", "not FDA-approved", "Ask a qualified dermatologist"),
    ("es", "no está aprobado por la FDA", "dermatólogo calificado"),
])
def test_summaries_say_not_approved_and_ask_a_dermatologist(lang, fda, ask):
    for slug in ("overview", "safety"):
        summary = PAGES[lang][slug].meta["summary"]
        assert fda.lower() in summary.lower() and ask.lower() in summary.lower(), slug


@pytest.mark.parametrize(("lang", "heading", "first"), [
    ("en", "Questions to ask your dermatologist", "- Can this help my kind of hair loss?"),
    ("es", "Preguntas para su dermatólogo", "- ¿Esto puede ayudar con mi tipo de caída del pelo?"),
])
def test_safety_code_carries_the_questions_for_the_dermatologist(lang, heading, first):
    text = summary_text(PAGES[lang]["safety"])
    lines = text.split("\n")
    assert lines[lines.index(heading + ":") + 1] == first
    assert sum(line.startswith("- ¿" if lang == "es" else "- ") for line in lines) == 6
    assert "notes" not in text and "Take this home" not in text  # speaker notes stay out


def test_without_a_summary_the_first_paragraph_is_used(tmp_path):
    body = "# Head\n\nFirst **bold** [link](https://x.org) words.\n\nTwo.\n"
    page = parse_page(tmp_path / "en" / "a.md", FRONT + "---\n" + body)
    assert summary_text(page) == "T\nFirst bold link words."


def test_a_page_url_wins_over_the_kiosk_url_which_wins_over_the_summary(tmp_path):
    own = parse_page(tmp_path / "en" / "a.md",
                     FRONT + "qr_url: https://clinic.example/a\n---\nHi.\n")
    plain = parse_page(tmp_path / "en" / "b.md", FRONT + "---\nHi.\n")
    assert for_page(own, "https://clinic.example/").payload == "https://clinic.example/a"
    assert for_page(plain, "https://clinic.example/").payload == "https://clinic.example/"
    assert for_page(plain).payload == "T\nHi."


def test_too_long_text_is_cut_at_a_line_to_stay_scannable():
    text = "TITLE\n" + "\n".join(f"- question number {i} is quite long indeed" for i in range(40))
    cut = fit(text)
    assert len(cut.encode()) <= MAX_PAYLOAD and cut.endswith("\n…")
    assert cut.startswith("TITLE\n- question number 0 is quite long indeed\n")


def test_qr_url_in_the_config_must_be_a_web_address(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text('qr_url = "clinic.example"\n')
    with pytest.raises(ConfigError) as caught:
        read_config(path)
    assert caught.value.problems == [
        f'{path}: qr_url: expected a web address starting with https:// (at most 300 '
        'characters) or "", got "clinic.example"']
    path.write_text('qr_url = "https://clinic.example/hair"\n')
    assert read_config(path) == {"qr_url": "https://clinic.example/hair"}


def test_codes_have_a_quiet_zone():
    matrix = qr_matrix("https://clinic.example/")
    assert not any(matrix[0]) and not any(row[0] for row in matrix)
    assert len(matrix) == len(matrix[0]) >= 21 + 8


@needs_zbar
@pytest.mark.parametrize(("lang", "slug"), [("en", "safety"), ("es", "safety"),
                                             ("es", "timeline"), ("en", "overview")])
def test_page_codes_read_back_to_their_text(tmp_path, lang, slug):
    payload = for_page(PAGES[lang][slug]).payload
    assert decode(matrix_to_pgm(qr_matrix(payload), tmp_path / "code.pgm")) == [payload]


# ---- on screen ---------------------------------------------------------------------------


@needs_zbar
@pytest.mark.parametrize(("lang", "size"), [("en", (1920, 1080)), ("es", (1280, 800))])
def test_patient_taps_take_this_home_and_a_phone_reads_the_big_code(make_kiosk, qtbot,
                                                                   tmp_path, lang, size):
    window = make_kiosk(lang=lang, size=size)
    window.deck.show_page("safety")
    view = window.current_view
    assert view.take_home_button.isVisible()
    assert view.take_home_button.height() >= 48
    tap(qtbot, view.take_home_button)
    popup = window.take_home
    assert popup.isVisible()
    assert popup.code.width() >= 0.5 * size[1] - popup.code.modules  # large
    shot = tmp_path / "code.png"
    assert popup.code.grab().save(str(shot))
    assert decode(shot) == [summary_text(PAGES[lang]["safety"])]
    # The whole screen as a phone would see it, dimmed page and all.
    assert window.grab().save(str(shot))
    assert decode(shot) == [summary_text(PAGES[lang]["safety"])]
    tap(qtbot, popup, QPoint(10, 10))
    assert not popup.isVisible()


@needs_zbar
def test_outside_link_chip_opens_a_code_of_its_address(make_kiosk, qtbot, content_dir: Path,
                                                       tmp_path):
    page = content_dir / "en" / "side-effects.md"
    page.write_text(page.read_text() + "\nSee [the FDA's advice](https://www.fda.gov/x).\n")
    window = make_kiosk(content=content_dir)
    window.deck.show_page("side-effects")
    view = window.current_view
    text = view.text
    cursor = text.document().find("the FDA's advice (scan to open")
    tap(qtbot, text.viewport(), text.cursorRect(cursor).center())
    assert window.take_home.isVisible()
    assert window.take_home.title.text() == "Take this home: the FDA's advice"
    assert "fda.gov/x" in window.take_home.caption.text()
    shot = tmp_path / "link.png"
    window.take_home.code.grab().save(str(shot))
    assert decode(shot) == ["https://www.fda.gov/x"]
    assert for_link("the FDA's advice", "https://www.fda.gov/x").is_url


def test_idle_reset_closes_the_code(make_kiosk, qtbot):
    window = make_kiosk()
    tap(qtbot, window.current_view.take_home_button)
    window.reset()
    assert not window.take_home.isVisible()
