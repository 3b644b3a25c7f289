"""Turn a page's markdown into sanitized HTML that can load nothing from outside the content."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from kiosk.content import PLACEHOLDER, Page, Problem
from kiosk.glossary import Glossary
from kiosk.htmlclean import drop_srcless_images, strip_raw_html
from kiosk.shape import MAX_DEPTH, shape_problem

#: Our own URL schemes: the only ones that survive sanitizing.
PAGE_SCHEME = "kiosk"  # kiosk:page/<slug> moves to another page of the kiosk
CONTENT_SCHEME = "content"  # content:<lang>/<file> is an image inside the content folder
FIGURE_SCHEME = "figure"  # figure:<name> is a picture the kiosk draws (kiosk.figures)
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp"})
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
MAX_TABLE_CELLS = 2000

ALLOWED_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "ul", "ol", "li", "strong", "em",
    "b", "i", "code", "pre", "blockquote", "table", "thead", "tbody", "tr", "th", "td",
    "a", "img", "span", "dl", "dt", "dd", "sup", "sub", "del",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "class"},
    "img": {"src", "alt", "width"},
    "span": {"class"},
    "th": {"align"},
    "td": {"align", "class", "valign", "width", "colspan"},
    "ol": {"start"},
    "p": {"class"},
    "table": {"class", "width", "cellspacing"},
}
#: Classes the kiosk's own markup uses (page.css styles them); any other class is dropped.
ALLOWED_CLASSES = frozenset({
    "external", "image-missing", "placeholder", "figure", "steps", "step-icon", "step-text",
    "step-number", "step-gap", "qr-link", "term",
})


class PageRejected(Exception):
    """The page's markdown is too large, too deep or otherwise not safe to lay out."""


@dataclass(frozen=True)
class Link:
    """A link to the outside world found in a page; the kiosk never opens it."""

    text: str
    url: str


@dataclass(frozen=True)
class Image:
    """A picture a page asks for: its ``src`` as written and why it cannot be shown, if so."""

    src: str
    problem: str | None = None

    @property
    def message(self) -> str:
        """The warning a page that cannot show this picture carries."""
        return f"image {self.src!r} {self.problem}; its description is shown instead"


@dataclass(frozen=True)
class Rendered:
    """A page's sanitized HTML, or ``ok=False`` with the reason in ``problems``.

    ``images`` and ``page_links`` (the slugs of ``other.md`` links) let ``kiosk check``
    report what the page refers to without reading the markdown a second way.
    """

    html: str
    problems: tuple[Problem, ...] = ()
    links: tuple[Link, ...] = ()
    ok: bool = True
    images: tuple[Image, ...] = ()
    page_links: tuple[str, ...] = ()
    #: Pictures drawn from the markdown: (name, kiosk.visuals.Timeline) per ``figure:<name>``.
    figures: tuple[tuple[str, object], ...] = ()
    #: Speaker notes (the page's ```notes blocks): for the presenter, never for patients.
    notes: str = ""


def placeholder_html() -> str:
    """The calm text shown in place of a page that cannot be shown."""
    return f'<p><span class="placeholder">{PLACEHOLDER}</span></p>'


def render(page: Page, root: Path, glossary: Glossary | None = None) -> Rendered:
    """Render ``page`` (whose images resolve under ``root``); never raises for bad content.

    With a ``glossary``, the first use of each of its terms becomes a ``kiosk:term/...``
    link that the kiosk answers with the term's meaning.
    """
    if not page.ok:
        return Rendered(placeholder_html(), page.problems, ok=False)
    problems: list[Problem] = list(page.problems)
    links: list[Link] = []
    refs = _Refs()
    figures: dict[str, object] = {}
    from kiosk.fences import split_fences

    # Notes and unknown fences never reach the renderer (kiosk.fences says why).
    split = split_fences(page.body)
    body, notes = split.body, split.notes
    problems.extend(split.problems(page.path, page.body_line))
    try:
        html = _to_html(replace(page, body=body), root, problems, links, refs, glossary,
                        figures)
    except PageRejected as exc:
        problems.append(Problem(page.path, f"page cannot be shown: {exc}"))
        return Rendered(placeholder_html(), tuple(problems), ok=False)
    except RecursionError:
        problems.append(Problem(page.path, "page cannot be shown: it is nested too deeply"))
        return Rendered(placeholder_html(), tuple(problems), ok=False)
    from kiosk.readability import visible_text

    if not visible_text(html).strip():
        problems.append(Problem(page.path, "page renders to nothing: it has no visible text",
                                page.body_line))
        return Rendered(placeholder_html(), tuple(problems), ok=False)
    return Rendered(html, tuple(problems), tuple(links), images=tuple(refs.images),
                    page_links=tuple(refs.page_links), figures=tuple(figures.items()),
                    notes=notes)


@dataclass
class _Refs:
    images: list[Image] = field(default_factory=list)
    page_links: list[str] = field(default_factory=list)


def sanitize(html: str) -> str:
    """Keep only our tags and attributes, and only URLs in our own schemes."""
    import nh3

    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        # "*": nothing on every tag (nh3 would keep title and lang everywhere).
        attributes={"*": set()} | ALLOWED_ATTRIBUTES,
        url_schemes={PAGE_SCHEME, CONTENT_SCHEME, FIGURE_SCHEME},
        attribute_filter=_attribute_filter,
        link_rel=None,
        strip_comments=True,
        clean_content_tags={"script", "style"},
    )
    # An <img> whose src was refused would show a broken-image box: drop it whole.
    return drop_srcless_images(cleaned)


def _safe_content_url(url: str) -> str | None:
    """Return the relative path of a well-formed ``content:`` URL that stays inside."""
    parts = urlsplit(url)
    if parts.scheme != CONTENT_SCHEME or parts.netloc or parts.query or parts.fragment:
        return None
    rel = unquote(parts.path)
    if not rel or rel.startswith("/") or "\\" in rel or "\x00" in rel or ":" in rel:
        return None
    return None if posixpath.normpath(rel).startswith("..") else rel


def resolve_image(root: Path, url: str) -> Path | None:
    """Map a ``content:`` URL to a file inside ``root``, or None if it points anywhere else."""
    rel = _safe_content_url(url)
    if rel is None:
        return None
    base = root.resolve()
    target = (base / rel).resolve()
    if not target.is_relative_to(base) or target.suffix.lower() not in IMAGE_SUFFIXES:
        return None
    return target if target.is_file() else None


def image_problem(root: Path, lang: str, src: str) -> str | None:
    """Why the picture ``src`` on a page of ``lang`` cannot be shown, or None if it can."""
    if not src:
        return "has no file name"
    if ":" in src.split("/", 1)[0]:
        return "is not a file inside the content folder (outside pictures are never loaded)"
    rel = _content_relative(lang, src)
    if rel is None:
        return "points outside the content folder"
    base = root.resolve()
    target = (base / rel).resolve()
    if not target.is_relative_to(base):
        return "points outside the content folder"
    if target.suffix.lower() not in IMAGE_SUFFIXES:
        return "is not a picture file (" + ", ".join(sorted(IMAGE_SUFFIXES)) + ")"
    if not target.is_file():
        return f"does not exist (looked for {rel})"
    return None


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if attr == "src":
        if value.startswith(f"{FIGURE_SCHEME}:"):
            return value if re.fullmatch(r"figure:[a-z0-9/-]{1,40}", value) else None
        return value if _safe_content_url(value) else None
    if attr == "href":
        ok = value.startswith((f"{PAGE_SCHEME}:", "#"))
        return value if ok else None
    if attr == "class":
        return value if value in ALLOWED_CLASSES else None
    return value


def _to_html(page: Page, root: Path, problems: list[Problem], links: list[Link],
             refs: _Refs, glossary: Glossary | None = None,
             figures: dict[str, object] | None = None) -> str:
    import markdown

    from kiosk.commonmark_compat import extensions

    # Instances, not names: a name is looked up in every installed package's entry points,
    # which cost about 35 ms before the first page could paint (issue 8). The compat
    # extension reads lists, fences and escapes as CommonMark previews do (issue 20).
    md = markdown.Markdown(extensions=extensions(), output_format="html")
    # After "inline" (20) has made the <a> and <img> elements, before "unescape" (0).
    tree_step = _KioskTree(md, page, root, problems, links, refs)
    tree_step.figures = {} if figures is None else figures
    md.treeprocessors.register(tree_step, "kiosk", 5)
    if glossary is not None and glossary.entries:
        from kiosk.glossarymarks import TermMarker

        md.treeprocessors.register(TermMarker(glossary), "terms", 4)
    html = md.convert(page.body)
    html = sanitize(html)
    problem = shape_problem(html)
    if problem:
        raise PageRejected(problem)
    return html


class _KioskTree:
    """Rewrites links and images in the parsed tree (a markdown tree step)."""

    def __init__(self, md, page: Page, root: Path, problems: list[Problem],
                 links: list[Link], refs: _Refs) -> None:
        self.md, self.page, self.root = md, page, root
        self.problems, self.links, self.refs = problems, links, refs

    def run(self, tree) -> None:
        self._note_raw_html()
        self._check_shape(tree)
        for parent in list(tree.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "a":
                    self._link(parent, index, child)
                elif child.tag == "img":
                    self._image(parent, index, child)
        self._figures(tree)

    def _figures(self, tree) -> None:
        from kiosk import figures

        def warn(message: str, near: str) -> None:
            line = next((self.page.body_line + i for i, text in
                         enumerate(self.page.body.split("\n")) if near and near in text), None)
            self.problems.append(Problem(self.page.path, message, line, severity="warning"))

        figures.timeline(tree, self.page.lang, warn, self.figures)
        figures.step_cards(tree)

    def _warn(self, message: str) -> None:
        self.problems.append(Problem(self.page.path, message, severity="warning"))

    def _note_raw_html(self) -> None:
        # Raw HTML: kiosk.rawhtml says what happens to each tag, and kiosk.htmlclean does
        # exactly that (a few plain inline tags kept, every other tag removed, its text kept).
        from kiosk import rawhtml

        blocks = self.md.htmlStash.rawHtmlBlocks
        self.problems.extend(rawhtml.problems(
            (str(b) for b in blocks), rawhtml.KEPT_RAW,
            self.page.path, self.page.body, self.page.body_line))
        strip_raw_html(blocks, keep=rawhtml.KEPT_RAW)

    def _check_shape(self, tree) -> None:
        def depth(node, level: int) -> int:
            if level > MAX_DEPTH:
                raise PageRejected(f"lists or quotes are nested more than {MAX_DEPTH} deep")
            return max((depth(c, level + 1) for c in node), default=level)

        depth(tree, 0)
        cells = sum(1 for el in tree.iter() if el.tag in ("td", "th"))
        if cells > MAX_TABLE_CELLS:
            raise PageRejected(f"tables have {cells} cells (the limit is {MAX_TABLE_CELLS})")

    def _link(self, parent, index: int, a) -> None:
        href = (a.get("href") or "").strip()
        text = "".join(a.itertext()).strip()
        scheme = urlsplit(href).scheme.lower() if ":" in href else ""
        if href.startswith("#"):
            return
        if not scheme and href.endswith(".md") and "/" not in href:
            a.set("href", f"{PAGE_SCHEME}:page/{href[:-3]}")
            self.refs.page_links.append(href[:-3])
            return
        if scheme in EXTERNAL_SCHEMES:
            # Never opened here: a tap shows its QR code, to open later on a phone.
            from kiosk.takehome import link_chip_text

            self.links.append(Link(text or href, href))
            a.set("href", f"{PAGE_SCHEME}:qr/{len(self.links) - 1}")
            for child in list(a):
                a.remove(child)
            a.text = None
            a.append(_span(a, link_chip_text(text, href, self.page.lang), "qr-link"))
            a[0].tail = None
            return
        else:
            self._warn(f"link to {href!r} is not allowed on the kiosk; its text is shown plain")
            span = _span(a, text, None)
        parent.remove(a)
        parent.insert(index, span)

    def _image(self, parent, index: int, img) -> None:
        src = (img.get("src") or "").strip()
        alt = img.get("alt") or ""
        if src.startswith(f"{FIGURE_SCHEME}:icon/"):
            from kiosk.visuals import ICONS

            # One of the kiosk's own line drawings (kiosk.visuals.PICTURES), drawn in the theme.
            if src.removeprefix(f"{FIGURE_SCHEME}:icon/") in ICONS:
                self.refs.images.append(Image(src))
                return
        rel = _content_relative(self.page.lang, src)
        if rel is not None and resolve_image(self.root, f"{CONTENT_SCHEME}:{rel}"):
            img.set("src", f"{CONTENT_SCHEME}:{rel}")
            self.refs.images.append(Image(src))
            return
        image = Image(src, image_problem(self.root, self.page.lang, src) or "cannot be shown")
        self.refs.images.append(image)
        self._warn(image.message)
        parent.remove(img)
        parent.insert(index, _span(img, f"[{alt}]" if alt else "", "image-missing"))


def _content_relative(lang: str, src: str) -> str | None:
    if not src or ":" in src.split("/", 1)[0] or src.startswith(("/", "\\")):
        return None
    rel = posixpath.normpath(posixpath.join(lang, unquote(src)))
    return None if rel.startswith("..") else rel


def _span(old, text: str, css_class: str | None):
    from xml.etree.ElementTree import Element

    span = Element("span")
    if css_class:
        span.set("class", css_class)
    span.text = text
    span.tail = old.tail
    return span
