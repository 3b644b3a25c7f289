"""Styles: every template variable is filled, and sizes grow with the screen (no Qt)."""

import pytest

from kiosk.theme import Metrics, ThemeError, colours, fill, page_css, stylesheet


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080), (3840, 2160)])
def test_no_template_variable_is_left_unfilled(size):
    metrics = Metrics.for_size(*size)
    for text in (stylesheet(metrics), page_css(metrics)):
        assert "{{" not in text and "}}" not in text


def test_unknown_variable_is_an_error_naming_the_file():
    with pytest.raises(ThemeError, match=r"x.qss: unknown variable 'nope'"):
        fill("a { color: {{ nope }} }", {}, "x.qss")


def test_sizes_suit_the_screen():
    hd, small, uhd = (Metrics.for_size(*s) for s in ((1920, 1080), (1280, 800), (3840, 2160)))
    assert 24 <= hd.body <= 28
    assert small.body >= 18 and small.button >= 48 and hd.button >= 48
    assert uhd.body == 2 * hd.body
    assert hd.h1 > hd.h2 > hd.body > hd.small


def test_default_theme_has_the_colours_the_styles_use():
    assert {"background", "text", "accent", "accent_text", "muted", "focus"} <= set(colours())


def test_a_portrait_panel_gets_text_as_large_as_the_same_panel_in_landscape():
    from kiosk.theme import Metrics

    landscape, portrait = Metrics.for_size(1920, 1080), Metrics.for_size(1080, 1920)
    assert portrait.body >= landscape.body
    assert portrait.column <= 1080 - 2 * portrait.pad  # and the column still fits


def test_borders_and_focus_rings_grow_with_the_screen():
    from kiosk.theme import Metrics, stylesheet

    hd, uhd = Metrics.for_size(1920, 1080), Metrics.for_size(3840, 2160)
    assert (uhd.line, uhd.ring) == (2 * hd.line, 2 * hd.ring)
    assert f"{uhd.ring}px solid" in stylesheet(uhd)
