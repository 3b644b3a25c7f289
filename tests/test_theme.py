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
