"""``kiosk leaflet OUT.pdf``: the six pages as a printable leaflet, made offline with Qt's own
PDF writer (QPdfWriter and QTextDocument), from the same markdown the kiosk shows.

The leaflet holds every page in reading order (pictures, step cards and the timeline figure
included; speaker notes left out), each page's sources, the latest review date and the
Safety page's take-home QR code (the questions to ask), set in the bundled font, with
"Page N of M" at the foot of each sheet side. It must fit four sheets printed on both sides
(:data:`MAX_PAGES`): the text is set smaller, down to :data:`SMALLEST_PT`, until it does.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from html import escape
from pathlib import Path

from kiosk.config import DEFAULT_CONTENT, Exit
from kiosk.resources import STYLES
from kiosk.theme import colours, fill

log = logging.getLogger("kiosk")

#: Four sheets, printed on both sides.
MAX_PAGES = 8
#: Body text sizes tried in turn (points); a leaflet set smaller than this is hard to read.
SIZES_PT = (13.0, 12.0, 11.5, 11.0, 10.5, 10.0)
SMALLEST_PT = SIZES_PT[-1]
#: Layouts tried in turn, largest text first: each page on a new side, else pages run on.
LAYOUTS = tuple((size, breaks) for size in SIZES_PT for breaks in (True, False))
PAPERS = ("a4", "letter")
#: Picture sizes on paper, in points: step icons, stand-alone pictures, the QR code.
ICON_PT, PICTURE_PT, QR_PT = 34.0, 58.0, 110.0
#: The page whose take-home code goes on the leaflet (its questions for the dermatologist).
TAKE_HOME_PAGE = "safety"
FONT = "Atkinson Hyperlegible"
_NEW_SIDE = ' style="page-break-before: always"'


class LeafletError(Exception):
    """The leaflet cannot be made (it does not fit, or the file cannot be written)."""


@dataclass(frozen=True)
class Leaflet:
    """A written leaflet: where it is, its page count and the body text size used."""

    path: Path
    pages: int
    body_pt: float


def make_leaflet(out: Path, content: Path = DEFAULT_CONTENT, lang: str = "en",
                 paper: str = "a4") -> Leaflet:
    """Write the leaflet for ``lang`` to ``out``; raise LeafletError when it cannot."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.gui.app import application
    from kiosk.gui.i18n import use_language

    application()
    use_language(lang)
    parts = _parts(content, lang)
    # Written beside OUT and moved over it only when it fits: a refusal leaves OUT as it was.
    part = out.with_name(f".{out.name}.part")
    try:
        return _write(out, part, parts, paper)
    finally:
        part.unlink(missing_ok=True)


def _write(out: Path, part: Path, parts: _Parts, paper: str) -> Leaflet:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QFont, QPdfWriter, QTextDocument

    for body_pt, breaks in LAYOUTS:
        writer = QPdfWriter(str(part))
        _setup(writer, paper, parts.title)
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(writer)
        font = QFont(FONT)
        font.setPointSizeF(body_pt)
        doc.setDefaultFont(font)
        for name, image in parts.images.items():
            doc.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name), image)
        doc.setDefaultStyleSheet(_css(body_pt))
        html = parts.html if breaks else parts.html.replace(_NEW_SIDE, "")
        doc.setHtml(html)
        pages = _paint(writer, doc, parts.footer)
        del writer  # the PDF is finished when its writer goes
        if pages <= MAX_PAGES:
            if not part.is_file() or part.stat().st_size == 0:
                raise LeafletError(f"could not write {out}")
            os.replace(part, out)
            return Leaflet(out, pages, body_pt)
    raise LeafletError(f"the pages need {pages} leaflet pages even at {SMALLEST_PT:g} pt "
                       f"(at most {MAX_PAGES}: four sheets on both sides); shorten the pages")


@dataclass
class _Parts:
    title: str
    html: str
    images: dict
    footer: str


def _parts(content: Path, lang: str) -> _Parts:
    """The leaflet's HTML and the pictures it refers to (by URL)."""
    from PySide6.QtCore import QDate

    from kiosk.content import load_pages
    from kiosk.gui.i18n import locale, tr
    from kiosk.render import render
    from kiosk.takehome import for_page

    pages = load_pages(content, lang)
    images: dict = {}
    html = [f"<h1>{escape(tr('Stem cell therapy for hair loss: what to know'))}</h1>"]
    for number, page in enumerate(pages, start=1):
        rendered = render(page, content)
        new_side = _NEW_SIDE if number > 1 else ""
        html.append(f'<p class="section"{new_side}>{number}. {escape(page.title)}</p>')
        html.append(_shrink_headings(rendered.html))
        if page.sources:
            html.append('<p class="sources">' + escape(
                tr("Sources: {sources}").format(sources="; ".join(page.sources))) + "</p>")
        images.update(_figures(rendered, content))
    reviewed = max((p.reviewed for p in pages if p.reviewed), default=None)
    footer = tr("Stem cell therapy for hair loss")
    if reviewed is not None:
        shown = locale(lang).toString(QDate(reviewed.year, reviewed.month, reviewed.day),
                                      "d MMMM yyyy")
        footer = tr("Last reviewed: {date}").format(date=shown)
    take = next((p for p in pages if p.slug == TAKE_HOME_PAGE), None)
    if take is not None:
        code = for_page(take)
        images["leaflet:qr"] = _qr_image(code.payload)
        caption = tr("Scan with your phone's camera to keep these key facts. "
                     "It works with no internet.")
        html.append(f'<table class="takehome"><tr><td><img src="leaflet:qr"></td>'
                    f'<td valign="middle"><b>{escape(tr("Take this home"))}: '
                    f"{escape(take.title)}</b><br>{escape(caption)}</td></tr></table>")
    html.append(f'<p class="sources">{escape(footer)}</p>')
    return _Parts(tr("Stem cell therapy for hair loss"), "".join(html), images, footer)


def _shrink_headings(html: str) -> str:
    """A page's heading is the leaflet's second level: the leaflet has one title. Plain
    tables (picture rows, the sources box) take the column's width, so headings fit."""
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return html.replace("<table>", '<table width="100%">')


def _figures(rendered, root: Path) -> dict:
    """The pictures a page's HTML names: step icons, pictures, the timeline, content images."""
    import re

    from PySide6.QtGui import QImage

    from kiosk import visuals
    from kiosk.gui.figures import ICONS, svg_image
    from kiosk.render import resolve_image

    palette = colours("default")
    found: dict = {}
    drawn = dict(rendered.figures)
    for src in set(re.findall(r'src="([^"]+)"', rendered.html)):
        image = None
        if src.startswith("figure:icon/"):
            name = src.removeprefix("figure:icon/")
            if name in visuals.ICONS:
                svg = (ICONS / f"{name}.svg").read_text(encoding="utf-8")
                size = PICTURE_PT if name in visuals.PICTURES else ICON_PT
                image = _points(svg_image(svg.replace("currentColor", palette["accent"]),
                                          size, size, 6.0))
        elif src.startswith("figure:") and isinstance(drawn.get(src[7:]), visuals.Timeline):
            width = 420.0  # points: within the text column of either paper size
            # Labels about as large as the body text (11 pt), as on the screen.
            units = visuals.Timeline.units_for(width, 11.0)
            svg = fill(drawn[src[7:]].svg(units), palette, src)
            from PySide6.QtCore import QByteArray
            from PySide6.QtSvg import QSvgRenderer

            box = QSvgRenderer(QByteArray(svg.encode())).viewBoxF()
            image = _points(svg_image(svg, width, width * box.height() / box.width(), 6.0))
        elif (path := resolve_image(root, src)) is not None:
            image = QImage(str(path))
        if image is not None and not image.isNull():
            found[src] = image
    return found


def _points(image):
    """Qt sizes a document's pictures in 96-per-inch pixels: make ``image`` measure in points."""
    if image is not None:
        image.setDevicePixelRatio(image.devicePixelRatio() * 72 / 96)
    return image


def _qr_image(payload: str):
    from PySide6.QtGui import QColor, QImage

    from kiosk.takehome import qr_matrix

    matrix = qr_matrix(payload)
    scale = 12
    image = QImage(len(matrix[0]) * scale, len(matrix) * scale, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    black = QColor("black").rgb()
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                for dy in range(scale):
                    for dx in range(scale):
                        image.setPixel(x * scale + dx, y * scale + dy, black)
    image.setDevicePixelRatio(image.width() / (QR_PT * 96 / 72))
    return image


def _css(body_pt: float) -> str:
    path = STYLES / "leaflet.css"
    sizes = {"body_pt": f"{body_pt:g}", "h1_pt": f"{body_pt * 1.7:.1f}",
             "h2_pt": f"{body_pt * 1.25:.1f}", "small_pt": f"{max(8.0, body_pt * 0.8):.1f}"}
    return fill(path.read_text(encoding="utf-8"), colours("default") | sizes, str(path))


def _setup(writer, paper: str, title: str) -> None:
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize

    size = QPageSize.PageSizeId.Letter if paper == "letter" else QPageSize.PageSizeId.A4
    writer.setPageSize(QPageSize(size))
    writer.setPageMargins(QMarginsF(16, 14, 16, 16), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle(title)
    writer.setCreator("kiosk leaflet")


def _paint(writer, doc, footer: str) -> int:
    """Lay ``doc`` out on the writer's pages with a footer line; return the page count."""
    from PySide6.QtCore import QRectF, QSizeF, Qt
    from PySide6.QtGui import QFont, QPainter

    from kiosk.gui.i18n import tr

    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    foot = round(writer.resolution() * 0.3)  # 0.3 inch for the page number line
    doc.setPageSize(QSizeF(rect.width(), rect.height() - foot))
    _keep_together(doc, rect.height() - foot)
    total = doc.pageCount()
    painter = QPainter(writer)
    font = QFont(FONT)
    font.setPointSizeF(9)
    try:
        for page in range(total):
            if page:
                writer.newPage()
            top = page * (rect.height() - foot)
            painter.save()
            painter.translate(0, -top)
            doc.drawContents(painter, QRectF(0, top, rect.width(), rect.height() - foot))
            painter.restore()
            painter.setFont(font)
            line = QRectF(0, rect.height() - foot * 0.8, rect.width(), foot * 0.8)
            painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                             footer)
            painter.drawText(line, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                             tr("Page {page} of {total}").format(page=page + 1, total=total))
    finally:
        painter.end()
    return total


def _keep_together(doc, page_height: float) -> None:
    """Move to the next side a heading that would end a side, and a table (the take-home
    code, a picture row) that would be cut in two. Qt's own pagination does neither."""
    from PySide6.QtGui import QTextCursor, QTextFormat, QTextTable

    layout = doc.documentLayout()
    always = QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore

    def page(y: float) -> int:
        return int(y // page_height)

    for _ in range(40):  # each pass moves one thing; the leaflet has far fewer
        moved = False
        for frame in doc.rootFrame().childFrames():
            box = layout.frameBoundingRect(frame)
            fmt = frame.frameFormat()
            if isinstance(frame, QTextTable) and box.height() < page_height / 2 and \
                    page(box.top()) != page(box.bottom() - 1) and \
                    not fmt.pageBreakPolicy() & always:
                fmt.setPageBreakPolicy(always)
                frame.setFrameFormat(fmt)
                moved = True
                break
        block = doc.begin()
        while not moved and block.isValid():
            following = block.next()
            if _is_heading(block) and following.isValid() and not \
                    block.blockFormat().pageBreakPolicy() & always:
                here = layout.blockBoundingRect(block)
                there = layout.blockBoundingRect(following)
                if page(here.top()) != page(there.top() + min(there.height(), 40) - 1):
                    # A heading right under another heading (or the page label) goes with it.
                    while _is_heading(block.previous()) and page(
                            layout.blockBoundingRect(block.previous()).top()) == page(here.top()):
                        block = block.previous()
                    if layout.blockBoundingRect(block).top() % page_height < 1:
                        block = following  # already at the top of a side: nothing to move
                        continue
                    cursor = QTextCursor(block)
                    fmt = block.blockFormat()
                    fmt.setPageBreakPolicy(always)
                    cursor.setBlockFormat(fmt)
                    moved = True
            block = following
        if not moved:
            return


def _is_heading(block) -> bool:
    return block.isValid() and (block.blockFormat().headingLevel() > 0 or
                                _is_section_label(block))


def _is_section_label(block) -> bool:
    """The small "2. How it works" line over each page's heading (bold, alone)."""
    text = block.text()
    return bool(text[:1].isdigit() and ". " in text[:4]) and block.next().isValid() and \
        block.next().blockFormat().headingLevel() > 0


def main(argv: list[str]) -> int:
    """``kiosk leaflet OUT.pdf [--lang L] [--content DIR] [--paper a4|letter]``."""
    from kiosk.cli import _content_options, _Parser, config_option, settings_or_exit
    from kiosk.config import Settings

    parser = _Parser(prog="kiosk leaflet",
                     description="Write the six pages as a printable PDF leaflet (at most four "
                                 "sheets on both sides), with the questions to ask, the "
                                 "sources, the review date and the take-home QR code. Needs "
                                 "no display and no network.")
    parser.add_argument("out", type=Path, metavar="OUT.pdf", help="the PDF file to write")
    config_option(parser)
    _content_options(parser)
    parser.add_argument("--paper", choices=PAPERS, default="a4",
                        help="paper size (default: a4)")
    args = parser.parse_args(argv)
    # Settings, content and language found as every other command finds them (kiosk.toml).
    settings = settings_or_exit("kiosk leaflet", {"config": args.config,
                                                  "content": args.content, "lang": args.lang})
    if not isinstance(settings, Settings):
        return settings
    args.content, args.lang = settings.content, settings.lang
    folder = args.out.parent if str(args.out.parent) else Path(".")
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        log.error("cannot write %s: the folder %s does not exist or is not writable",
                  args.out, folder)
        return Exit.USAGE
    try:
        leaflet = make_leaflet(args.out, args.content, args.lang, args.paper)
    except LeafletError as exc:
        log.error("%s", exc)
        return Exit.PROBLEMS
    log.info("wrote %s: %d pages (%d sheets on both sides), text %g pt", leaflet.path,
             leaflet.pages, (leaflet.pages + 1) // 2, leaflet.body_pt)
    return Exit.OK
