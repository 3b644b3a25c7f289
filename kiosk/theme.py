"""Colours and sizes for the look, filled into the style templates under ``assets/styles``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

from kiosk.resources import STYLES

#: The bundled typeface (assets/fonts), made for low-vision readers.
FONT_FAMILY = "Atkinson Hyperlegible"
_VARIABLE = re.compile(r"\{\{\s*([a-z][a-z0-9_]*)\s*\}\}")


class ThemeError(Exception):
    """A theme or style template is broken (a bug in the shipped assets, not user input)."""


@dataclass(frozen=True)
class Metrics:
    """Pixel sizes derived from the window size, so one layout suits 1280x800 up to 4K."""

    body: int
    small: int
    h1: int
    h2: int
    title: int
    tab: int
    button: int
    pad: int
    column: int
    display: int
    card: int
    control: int
    control_text: int
    gap: int
    #: Borders, focus rings and rules grow with the screen: 2 px is a hairline on 4K.
    hair: int = 1
    line: int = 2
    ring: int = 4
    rule: int = 5
    #: Space kept between the header's controls and the screen's top edge (and the tabs).
    edge: int = 6

    @classmethod
    def for_size(cls, width: int, height: int, text_scale: float = 1.0) -> Metrics:
        """Sizes for a window of ``width`` x ``height`` pixels (26 px body text at 1080p)."""
        # Measured on the panel as if it stood landscape: a portrait 1080x1920 screen gets the
        # text of a 1920x1080 one (the column still fits its width), not 27 % smaller.
        short, long = sorted((width, height))
        unit = max(0.7, min(short / 1080, long / 1500))
        # The header's one row of title and controls must fit the width itself.
        across = max(0.7, min(height / 1080, width / 1500))
        body = round(26 * unit * text_scale)
        return cls(
            body=body,
            small=max(14, round(body * 0.72)),
            h1=round(body * 1.55),
            h2=round(body * 1.22),
            title=round(30 * across),
            tab=round(23 * across * min(text_scale, 1.5)),
            button=max(48, round(72 * unit)),
            pad=round(24 * unit),
            column=round(body * 36),
            display=round(56 * unit * text_scale),
            card=round(body * 24),
            # Header controls keep their size when the page text grows, so they always fit.
            control=max(48, round(56 * across)),
            control_text=max(16, round(22 * across)),
            gap=round(12 * unit),
            hair=max(1, round(unit)),
            line=max(2, round(2 * unit)),
            ring=max(3, round(4 * unit)),
            rule=max(4, round(5 * unit)),
            edge=max(4, round(8 * across)),
        )

    def with_text_scale(self, factor: float) -> Metrics:
        """The same sizes with text ``factor`` times larger (controls keep their size)."""
        from dataclasses import replace

        body = round(self.body * factor)
        return replace(self, body=body, small=max(14, round(body * 0.72)),
                       h1=round(body * 1.55), h2=round(body * 1.22), column=round(body * 36),
                       display=round(self.display * factor), card=round(body * 24))

    def values(self) -> dict[str, str]:
        """The metrics as template values such as ``body_px``."""
        return {f"{name}_px": str(getattr(self, name)) for name in self.__dataclass_fields__}


def colours(name: str = "default") -> dict[str, str]:
    """Read the colour palette ``assets/styles/theme-<name>.toml``."""
    path = STYLES / f"theme-{name}.toml"
    try:
        with path.open("rb") as f:
            palette = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ThemeError(f"{path}: {exc}") from exc
    return {key: str(value) for key, value in palette.items()}


def fill(template: str, values: dict[str, str], source: str = "template") -> str:
    """Replace each ``{{ name }}`` in ``template``; an unknown name is a ThemeError."""

    def value(match: re.Match) -> str:
        try:
            return values[match.group(1)]
        except KeyError:
            raise ThemeError(f"{source}: unknown variable {match.group(1)!r}") from None

    return _VARIABLE.sub(value, template)


def stylesheet(metrics: Metrics, theme: str = "default") -> str:
    """The application's Qt stylesheet: every ``assets/styles/*.qss`` in name order, filled."""
    values = colours(theme) | metrics.values()
    parts = [fill(p.read_text(encoding="utf-8"), values, str(p))
             for p in sorted(STYLES.glob("*.qss"))]
    return "\n".join(parts)


def page_css(metrics: Metrics, theme: str = "default") -> str:
    """The CSS for a page's rich text (``assets/styles/page.css``), filled."""
    path = STYLES / "page.css"
    return fill(path.read_text(encoding="utf-8"), colours(theme) | metrics.values(), str(path))
