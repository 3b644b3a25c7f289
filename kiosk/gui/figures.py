"""Draw a page's ``figure:`` pictures (the timeline, step icons) sharply at the screen's scale."""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from kiosk import visuals
from kiosk.resources import ICONS
from kiosk.theme import colours, fill
from kiosk.visuals import Timeline

log = logging.getLogger("kiosk.content")


def svg_image(svg: str, width: float, height: float, ratio: float) -> QImage | None:
    """Render an SVG document to an image of ``width`` x ``height`` logical pixels."""
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    if not renderer.isValid():
        return None
    image = QImage(max(1, round(width * ratio)), max(1, round(height * ratio)),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    image.setDevicePixelRatio(ratio)
    return image


class FigureSource:
    """The pictures of one page: its drawn figures (SVG templates) and the step icons."""

    def __init__(self, theme: str = "default") -> None:
        self.colours = colours(theme)
        self.templates: dict[str, Timeline] = {}
        #: The width the page's figures were last drawn at (0: none drawn yet).
        self.drawn_width = 0

    def set_figures(self, figures: tuple[tuple[str, object], ...]) -> None:
        """Use the figures of a newly rendered page."""
        self.templates = {name: f for name, f in figures if isinstance(f, Timeline)}
        self.drawn_width = 0

    def image(self, name: str, width: float, text: float, ratio: float) -> QImage | None:
        """The picture for ``figure:<name>``: ``width`` logical pixels wide, its labels as
        large as body text of ``text`` pixels (step icons are 3.2 times that)."""
        if name.startswith("icon/"):
            icon_name = name.removeprefix("icon/")
            if icon_name not in visuals.ICONS:
                return None
            try:
                svg = (ICONS / f"{icon_name}.svg").read_text(encoding="utf-8")
            except OSError as exc:
                log.warning("cannot read the icon %s: %s", icon_name, exc.strerror or exc)
                return None
            # Pictures stand alone, so they are drawn larger than the icons beside a step.
            icon = round(text * (5 if icon_name in visuals.PICTURES else 3.2))
            return svg_image(svg.replace("currentColor", self.colours["accent"]), icon, icon,
                             ratio)
        figure = self.templates.get(name)
        if figure is None:
            return None
        svg = fill(figure.svg(Timeline.units_for(width, text)), self.colours, f"figure:{name}")
        renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
        box = renderer.viewBoxF()
        if box.width() <= 0:
            return None
        self.drawn_width = round(width)
        return svg_image(svg, width, width * box.height() / box.width(), ratio)
