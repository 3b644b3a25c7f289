"""WCAG contrast ratios between theme colours (no Qt)."""

from __future__ import annotations

#: (foreground, background) pairs of theme keys that are drawn on each other, and what each is.
PAIRS = {
    ("text", "background"): "body text",
    ("text", "surface"): "text on cards and tabs",
    ("muted", "background"): "sources and notes",
    ("muted", "surface"): "unselected tabs",
    ("accent", "background"): "subheadings",
    ("accent", "surface"): "selected tab",
    ("accent_text", "accent"): "header and button labels",
    ("text", "accent_soft"): "secondary buttons",
    ("focus", "background"): "focus ring",
    ("focus_on_accent", "accent"): "focus ring on the header and the welcome screen",
}


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """Relative luminance of ``#rrggbb`` as WCAG 2 defines it."""
    hex_ = colour.lstrip("#")
    r, g, b = (int(hex_[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def ratio(foreground: str, background: str) -> float:
    """Contrast ratio from 1 to 21."""
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def ratios(palette: dict[str, str]) -> dict[str, float]:
    """The contrast of every pair in PAIRS for ``palette``, by description."""
    return {name: ratio(palette[fg], palette[bg]) for (fg, bg), name in PAIRS.items()}
