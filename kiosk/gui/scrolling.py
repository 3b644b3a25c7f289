"""How a page scrolls: flung by a finger, and kept in place when its text is read again."""

from __future__ import annotations

from PySide6.QtWidgets import QScrollBar, QScroller, QScrollerProperties, QWidget


def kinetic(viewport: QWidget) -> None:
    """Let a finger (or a mouse drag on a touch panel) fling the page up and down."""
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(viewport)
    props = scroller.scrollerProperties()
    off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    props.setScrollMetric(QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy, off)
    props.setScrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy, off)
    # Taps must reach links and buttons at once, not after the default quarter second.
    props.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0)
    scroller.setScrollerProperties(props)


def keep_position(bar: QScrollBar, position: int) -> None:
    """Put ``bar`` at ``position`` now, or as soon as its range holds it: a page read again
    grows to its new text at the next layout pass, after the text was set."""
    bar.setProperty("keepPosition", position)
    if not bar.property("keepHooked"):
        bar.setProperty("keepHooked", True)
        bar.rangeChanged.connect(lambda _low, _high: _restore(bar))
    _restore(bar)


def _restore(bar: QScrollBar) -> None:
    position = bar.property("keepPosition")
    if position is not None and position >= 0 and bar.maximum() >= position:
        bar.setValue(position)
        bar.setProperty("keepPosition", -1)
