"""The Qt binding itself: calls into Qt must not eat Python's references (issue 8).

PySide6 6.12.0 on Python 3.11 drops one reference to None on every call of a void Qt
method, and one to True on every page switch: a kiosk aborts with "Fatal Python error:
none_dealloc" (or bool_dealloc) after about a thousand taps, and at exit. Python 3.12 and
later make None, True and False immortal, which hides the bug there.
"""

import sys

from PySide6.QtWidgets import QWidget


def test_calling_qt_many_times_leaves_none_true_and_false_alone(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    before = [sys.getrefcount(o) for o in (None, True, False)]
    for _ in range(200):
        widget.update()
        widget.setWindowTitle("x")
        widget.isVisible()
        widget.isHidden()
    after = [sys.getrefcount(o) for o in (None, True, False)]
    # References come with the interpreter's own work; lost ones, one per call, must not.
    assert all(a > b - 50 for a, b in zip(after, before, strict=True)), (before, after)


def test_page_switches_leave_none_true_and_false_alone(make_kiosk, qtbot):
    window = make_kiosk()
    for n in range(len(window.views)):  # build and render every page first
        window.navigator.go(n)
    qtbot.wait(200)
    before = [sys.getrefcount(o) for o in (None, True, False)]
    for n in range(600):
        window.navigator.go(n % len(window.views))
    after = [sys.getrefcount(o) for o in (None, True, False)]
    assert all(a > b - 50 for a, b in zip(after, before, strict=True)), (before, after)
