"""Issue 11: the swipe and the staff corner taps as plain rules, with no Qt and no real clock."""

from conftest import ManualClock

from kiosk.gestures import CornerTaps, SwipeRule, swipe_step

W = 1000  # width of the page area


def test_a_quick_sideways_drag_is_a_swipe_either_way():
    assert swipe_step((800, 300), (500, 310), 0.3, W) == 1     # to the left: next page
    assert swipe_step((200, 300), (500, 290), 0.3, W) == -1    # to the right: previous


def test_short_slow_or_steep_drags_are_not_swipes():
    assert swipe_step((800, 300), (700, 300), 0.3, W) == 0     # under 12 % of the width
    assert swipe_step((800, 300), (500, 300), 1.01, W) == 0    # slower than a second
    assert swipe_step((800, 300), (500, 480), 0.3, W) == 0     # more down than sideways
    assert swipe_step((800, 300), (500, 300), -0.1, W) == 0    # times out of order


def test_the_limits_are_inclusive_and_the_rule_can_change():
    assert swipe_step((800, 300), (680, 300), 1.0, W) == 1     # exactly 12 %, exactly 1 s
    assert swipe_step((800, 300), (500, 300), 1.5, W, SwipeRule(max_seconds=2)) == 1


def test_five_corner_taps_within_three_seconds_make_the_staff_gesture():
    clock = ManualClock(100.0)
    taps = CornerTaps(clock=clock)
    results = []
    for _ in range(5):
        clock.now += 0.7
        results.append(taps.tap(990, 10, W))
    assert results == [False, False, False, False, True]


def test_slow_taps_or_a_tap_elsewhere_start_over():
    clock = ManualClock(100.0)
    taps = CornerTaps(clock=clock)
    for _ in range(5):
        clock.now += 0.8                                         # 3.2 s for five taps
        assert not taps.tap(990, 10, W)
    taps = CornerTaps(clock=clock)
    for x in (990, 990, 500, 990, 990, 990, 990):              # the third in mid-screen
        clock.now += 0.1
        assert not taps.tap(x, 10, W)
    clock.now += 0.1
    assert taps.tap(990, 10, W)                                  # the fifth after it
    assert not taps.tap(990, 200, W)                             # below the corner
