"""Issue 5: pictures drawn from the markdown (timeline, step cards) and hidden speaker notes."""

import re
from pathlib import Path

import pytest
from conftest import CONTENT

from kiosk.content import load_pages, parse_page
from kiosk.notes import split_notes
from kiosk.render import render
from kiosk.visuals import Stage, Timeline, TimelineError, parse_stage, timeline_svg

FRONT = "---\ntitle: T\norder: 1\nreviewed: 2026-01-01\nsources: [s]\n---\n"


def page_of(tmp_path: Path, body: str, lang: str = "en"):
    return parse_page(tmp_path / lang / "a.md", FRONT + body)


@pytest.mark.parametrize(("label", "start", "end", "repeats", "lang"), [
    ("1 to 2 months:", 1, 2, False, "en"),
    ("3 to 6 months", 3, 6, False, "en"),
    ("6 to 12 months:", 6, 12, False, "en"),
    ("Every 1 to 2 years:", 12, 24, True, "en"),
    ("1 a 2 meses:", 1, 2, False, "es"),
    ("6 a 12 meses", 6, 12, False, "es"),
    ("Cada 1 a 2 años:", 12, 24, True, "es"),
    ("2-3 weeks", 2 * 12 / 52, 3 * 12 / 52, False, "en"),
    ("18 months", 18, 18, False, "en"),
    ("2–3 semanas", 2 * 12 / 52, 3 * 12 / 52, False, "es"),
])
def test_time_ranges_in_english_and_spanish_are_read(label, start, end, repeats, lang):
    stage = parse_stage(label, lang=lang)
    assert (stage.start, stage.end, stage.repeats) == pytest.approx((start, end, repeats))
    assert stage.label == label.rstrip(":")


@pytest.mark.parametrize(("label", "reason"), [
    ("6 to 3 months", "ends before it starts"),
    ("a few months", "cannot read"),
    ("1 to two months", "cannot read"),
    ("20 years", "longer than"),
])
def test_a_range_that_does_not_parse_says_why(label, reason):
    with pytest.raises(TimelineError, match=reason):
        parse_stage(label)


def svg_texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def bars(svg: str) -> list[tuple[float, float]]:
    """(x, width) of each stage's bar, in drawing units."""
    return [(float(x), float(w)) for x, w in
            re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', svg)]


@pytest.mark.parametrize(("lang", "labels", "axis"), [
    ("en", ["1 to 2 months", "3 to 6 months", "6 to 12 months", "Every 1 to 2 years"],
     "Months after treatment"),
    ("es", ["1 a 2 meses", "3 a 6 meses", "6 a 12 meses", "Cada 1 a 2 años"],
     "Meses después del tratamiento"),
])
def test_shipped_timeline_page_draws_its_stages_as_labelled_spans(lang, labels, axis):
    page = next(p for p in load_pages(CONTENT, lang) if p.slug == "timeline")
    rendered = render(page, CONTENT)
    assert rendered.problems == ()
    figures = dict(rendered.figures)
    assert isinstance(figures["timeline"], Timeline)
    assert '<img alt="' in rendered.html and 'src="figure:timeline"' in rendered.html
    # The figure comes before the list, and the list stays as text.
    assert rendered.html.index("figure:timeline") < rendered.html.index(f"<strong>{labels[0]}:")
    svg = figures["timeline"].svg()
    texts = svg_texts(svg)
    assert [t for t in texts if t in labels] == labels
    assert axis in texts
    assert [str(m) for m in range(0, 25, 3)] == [t for t in texts if t.isdigit()]
    # Spans on a 0-24 month axis from x=24 to x=976: 1-2, 3-6 and 6-12 months...
    unit = (976 - 24) / 24
    spans = bars(svg)
    for (x, width), (start, end) in zip(spans[:3], [(1, 2), (3, 6), (6, 12)], strict=True):
        assert x == pytest.approx(24 + start * unit, abs=0.1)
        assert width == pytest.approx((end - start) * unit, abs=0.1)
    # ...and the upkeep as repeating markers at 12 and 24 months.
    markers = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]
    assert markers == pytest.approx([24 + 12 * unit, 24 + 24 * unit], abs=0.1)
    assert "{{ accent }}" in svg  # theme colours are filled in by the view


def test_captions_are_the_first_sentence_of_each_item():
    stages = [Stage("1 to 2 months", "You may notice less shedding.", 1, 2)]
    assert "You may notice less shedding." in svg_texts(timeline_svg(stages))


def test_at_large_text_a_narrow_figure_puts_labels_under_their_bars():
    stages = [Stage("6 to 12 months", "You may see fuller hair.", 6, 12)]

    def label_and_bar(svg: str) -> tuple[float, float, float, float]:
        label = re.search(r'<text x="([\d.]+)" y="([\d.]+)"[^>]*>6 to 12 months<', svg)
        bar = re.search(r'<rect x="([\d.]+)" y="([\d.]+)"', svg)
        return float(label[1]), float(label[2]), float(bar[1]), float(bar[2])

    lx, ly, bx, by = label_and_bar(timeline_svg(stages, width=1000))
    assert lx > bx and ly < by + 30  # beside the bar
    lx, ly, bx, by = label_and_bar(timeline_svg(stages, width=560))
    assert lx < bx and ly > by + 30  # under the bar, from the left edge


@pytest.mark.parametrize("item", [
    "- **6 to 3 months:** Backwards.",
    "- **Soon months:** Not a number.",
    "- Every so often, with no bold range.",
])
def test_malformed_timeline_shows_the_list_and_a_warning_not_a_crash(tmp_path, item):
    body = "# When\n\n- **1 to 2 months:** Less shedding.\n" + item + "\n"
    rendered = render(page_of(tmp_path, body), tmp_path)
    assert rendered.ok and rendered.figures == ()
    assert "figure:timeline" not in rendered.html
    assert "<li><strong>1 to 2 months:</strong> Less shedding.</li>" in rendered.html
    warnings = [p for p in rendered.problems if p.severity == "warning"]
    assert len(warnings) == 1 and "timeline" in warnings[0].message
    assert warnings[0].line is not None


def test_a_list_of_bold_words_that_are_not_times_stays_a_plain_list(tmp_path):
    rendered = render(page_of(tmp_path, "- **Autologous:** your own.\n- **Donor:** not.\n"),
                      tmp_path)
    assert rendered.figures == () and rendered.problems == ()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_how_it_works_steps_become_numbered_cards_with_icons(lang):
    page = next(p for p in load_pages(CONTENT, lang) if p.slug == "how-it-works")
    html = render(page, CONTENT).html
    assert "<ol>" not in html and '<table cellspacing="0" class="steps"' in html
    numbers = re.findall(r'<span class="step-number">(\d)</span>', html)
    icons = re.findall(r'src="figure:icon/([a-z-]+)"', html)
    assert numbers == ["1", "2", "3", "4"]
    assert icons[:4] == ["take-cells", "separate", "inject", "aftercare"]
    # Then the after-care pictures, drawn in the theme like the step icons.
    assert icons[4:] == ["no-wash", "no-sun", "no-harsh-products"]
    first = "Take cells." if lang == "en" else "Tomar las células."
    assert f'<td class="step-text" valign="middle"><strong>{first}</strong>' in html


def test_a_fifth_step_has_a_number_but_no_icon(tmp_path):
    body = "".join(f"{n}. **Step {n}.** Text.\n" for n in range(1, 6))
    html = render(page_of(tmp_path, body), tmp_path).html
    assert re.findall(r'<span class="step-number">(\d)</span>', html) == list("12345")
    assert len(re.findall(r"figure:icon/", html)) == 4


def test_icons_are_simple_line_drawings_with_no_text():
    from kiosk.resources import ICONS
    from kiosk.visuals import STEP_ICONS

    for name in STEP_ICONS:
        svg = (ICONS / f"{name}.svg").read_text()
        assert 'viewBox="0 0 64 64"' in svg and 'stroke="currentColor"' in svg
        assert "<text" not in svg and "<image" not in svg and "script" not in svg


# ---- speaker notes ---------------------------------------------------------------------------

NOTES = "# Talk\n\nFor patients.\n\n```notes\nSECRET: ask the room a question.\n```\n\nMore.\n"


def test_speaker_notes_never_reach_the_patient_page(tmp_path):
    rendered = render(page_of(tmp_path, NOTES), tmp_path)
    assert "SECRET" not in rendered.html and "notes" not in rendered.html
    assert "For patients." in rendered.html and "More." in rendered.html
    assert rendered.notes == "SECRET: ask the room a question."


def test_an_unclosed_notes_block_hides_the_rest_and_warns(tmp_path):
    rendered = render(page_of(tmp_path, "Shown.\n\n```notes\nSECRET\n\nStill notes.\n"),
                      tmp_path)
    assert "SECRET" not in rendered.html and "Still notes" not in rendered.html
    assert any("not closed" in p.message for p in rendered.problems)


def test_split_notes_keeps_line_numbers_and_plain_code_blocks():
    body = "a\n~~~notes\nn1\n~~~\nb\n```\ncode\n```\n```python\nhidden\n```\n"
    kept, notes, unclosed = split_notes(body)
    assert kept.split("\n")[4] == "b" and "code" in kept
    # A fence the kiosk does not know is hidden, never shown (kiosk.fences).
    assert "hidden" not in kept and len(kept.split("\n")) == len(body.split("\n"))
    assert notes == "n1" and not unclosed


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_shipped_page_shows_its_notes(lang):
    for page in load_pages(CONTENT, lang):
        rendered = render(page, CONTENT)
        if rendered.notes:
            assert rendered.notes.split()[0] not in rendered.html.split()
        assert "```" not in rendered.html


def test_a_page_may_show_a_kiosk_picture_but_not_an_unknown_figure(tmp_path):
    rendered = render(page_of(tmp_path, "![No sun](figure:icon/no-sun)\n\n"
                                        "![Odd](figure:icon/nothing-here)\n"), tmp_path)
    assert 'src="figure:icon/no-sun"' in rendered.html and 'alt="No sun"' in rendered.html
    assert "nothing-here" not in rendered.html and "[Odd]" in rendered.html
    assert [i.src for i in rendered.images if i.problem] == ["figure:icon/nothing-here"]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("units", [560, 1000, 1600])
def test_timeline_grid_lines_stop_short_of_every_label_and_caption(qapp, lang, units):
    """Measured with the real font, not the figure's own estimate of its words' widths."""
    from PySide6.QtGui import QFont, QFontMetricsF

    from kiosk.gui.app import load_fonts

    load_fonts()
    page = next(p for p in load_pages(CONTENT, lang) if p.slug == "timeline")
    svg = dict(render(page, CONTENT).figures)["timeline"].svg(units)
    grid = [(float(x), float(top), float(bottom)) for x, top, bottom in re.findall(
        r'<line x1="([\d.]+)" y1="([\d.]+)" x2="[\d.]+" y2="([\d.]+)" stroke="\{\{ border \}\}"',
        svg)]
    assert len(grid) >= 9  # every grid line is still drawn, in one or more pieces
    texts = re.findall(r'<text x="([\d.]+)" y="([\d.]+)" [^>]*font-size="([\d.]+)"'
                       r'( font-weight="bold")? [^>]*text-anchor="(\w+)">([^<]*)</text>', svg)
    crossed = []
    for x, y, size, bold, anchor, words in texts:
        font = QFont("Atkinson Hyperlegible")
        font.setPixelSize(round(float(size)))
        font.setBold(bool(bold))
        metrics = QFontMetricsF(font)
        width = metrics.horizontalAdvance(words.replace("&amp;", "&"))
        left = float(x) - {"start": 0, "middle": width / 2, "end": width}[anchor]
        top, bottom = float(y) - metrics.ascent(), float(y) + metrics.descent()
        crossed += [(words, gx) for gx, g_top, g_bottom in grid
                    if left <= gx <= left + width and g_top < bottom and g_bottom > top]
    assert crossed == []
