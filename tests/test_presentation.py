"""Issue 5: presentation mode's rules with no Qt: time per page, scrolling, the key map."""

import pytest
from conftest import CONTENT

from kiosk.config import build_settings
from kiosk.content import load_pages
from kiosk.presentation import KEYS, Timing, action_for, clock, count_words, scroll_plan
from kiosk.readability import WORDS_PER_MINUTE
from kiosk.render import render


def test_time_per_page_follows_its_length_between_a_minimum_and_a_maximum():
    timing = Timing(minimum=20, maximum=120)
    assert timing.seconds(WORDS_PER_MINUTE) == 60  # a minute at the reading pace
    assert timing.seconds(10) == 20 and timing.seconds(10_000) == 120
    assert Timing(fixed=7, minimum=20).seconds(500) == 7
    assert Timing(minimum=90, maximum=30).seconds(0) == 30  # swapped limits still hold


def test_shipped_pages_stay_long_enough_to_read_slowly():
    timing = Timing()
    for page in load_pages(CONTENT, "en"):
        words = count_words(render(page, CONTENT).html)
        assert 180 <= words <= 320, page.slug
        assert 60 <= timing.seconds(words) <= 120, page.slug


def test_a_long_page_holds_then_scrolls_then_holds_at_its_end():
    hold, scroll = scroll_plan(60)
    assert hold == 12 and scroll == 39 and hold + scroll < 60


@pytest.mark.parametrize(("keys", "action"), [
    (["Right", "Down", "PageDown", "Space", "N"], "next"),
    (["Left", "Up", "PageUp", "P", "Backspace"], "previous"),
    (["Home"], "first"), (["End"], "last"),
    (["B", "Period", "V", "Semicolon", "Slash"], "toggle_blank"),
    (["F5"], "resume"), (["Escape"], "pause"), (["A"], "toggle_pause"),
])
def test_presenter_keys_as_clickers_send_them(keys, action):
    assert [action_for(k) for k in keys] == [action] * len(keys)


def test_other_keys_do_nothing():
    assert action_for("X") is None and action_for("F4") is None and action_for("Q") is None
    assert len(KEYS) == 20


def test_clock_reads_minutes_and_seconds():
    assert clock(0) == "0:00" and clock(75.9) == "1:15" and clock(3725) == "1:02:05"


def test_present_option_and_config_keys(tmp_path):
    config = tmp_path / "kiosk.toml"
    config.write_text('mode = "present"\npresent_seconds = 45\npresent_min = 10\n')
    settings = build_settings(config, {})
    assert settings.presenting and settings.locked and not settings.windowed
    assert (settings.present_seconds, settings.present_min, settings.present_max) == (45, 10, 120)
    demo = build_settings(None, {"mode": "windowed", "present": True})
    assert demo.presenting and not demo.locked
