"""Markdown tree steps that draw pictures from the text: the timeline and the step cards.

They run inside the renderer's tree step (``kiosk.render._KioskTree``) on the parsed
markdown, before sanitizing; the pictures are ``figure:`` URLs that the page view draws
(``figure:timeline`` from :attr:`kiosk.render.Rendered.figures`, a
:class:`kiosk.visuals.Timeline`, ``figure:icon/<name>``
from ``assets/icons/``). No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable
from xml.etree.ElementTree import Element

from kiosk import visuals
from kiosk.render import FIGURE_SCHEME


def _bold_label(item: Element) -> tuple[Element, Element] | None:
    """``(holder, strong)`` when a list item starts with bold text, else None."""
    holder = item
    if len(item) and item[0].tag == "p" and not (item.text or "").strip():
        holder = item[0]
    if len(holder) and holder[0].tag == "strong" and not (holder.text or "").strip():
        return holder, holder[0]
    return None


def _text(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _rest_text(holder: Element) -> str:
    """The item's words after its bold label."""
    strong = holder[0]
    parts = [strong.tail or ""]
    for child in list(holder)[1:]:
        parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _parents(tree: Element) -> list[tuple[Element, int, Element]]:
    return [(parent, i, child) for parent in tree.iter() for i, child in enumerate(list(parent))]


def timeline(tree: Element, lang: str, warn: Callable[[str, str], None],
             figures: dict[str, visuals.Timeline]) -> None:
    """Put a drawn timeline before the first list of bold time ranges (see kiosk.visuals)."""
    stages: list[visuals.Stage] = []
    first: tuple[Element, int] | None = None
    errors = 0
    for parent, index, node in _parents(tree):
        if node.tag != "ul":
            continue
        items = [child for child in node if child.tag == "li"]
        labels = [_bold_label(item) for item in items]
        if not any(lab and visuals.looks_like_time(_text(lab[1]), lang) for lab in labels):
            continue
        first = first or (parent, index)
        for number, (item, found) in enumerate(zip(items, labels, strict=True), start=1):
            if found is None:
                errors += 1
                warn(f"timeline item {number} ({_text(item)[:40]!r}) does not start with a "
                     "bold time range such as **3 to 6 months:**", _text(item)[:20])
                continue
            holder, strong = found
            try:
                stages.append(visuals.parse_stage(
                    _text(strong), visuals.first_sentence(_rest_text(holder)), lang))
            except visuals.TimelineError as exc:
                errors += 1
                warn(f"timeline is not drawn: {exc}", _text(strong))
    if first is None or errors or not stages:
        return
    figures["timeline"] = visuals.Timeline(tuple(stages), lang)
    para = Element("p", {"class": "figure"})
    para.append(Element("img", {"src": f"{FIGURE_SCHEME}:timeline",
                                "alt": visuals.timeline_alt(stages)}))
    parent, index = first
    parent.insert(index, para)


def step_cards(tree: Element) -> None:
    """Turn each numbered list whose items all start with a bold label into cards."""
    for parent, index, node in _parents(tree):
        if node.tag != "ol":
            continue
        items = [child for child in node if child.tag == "li"]
        labels = [_bold_label(item) for item in items]
        if not items or not all(labels) or len(items) != len(node):
            continue
        start = int(node.get("start", "1")) if node.get("start", "1").isdigit() else 1
        table = Element("table", {"class": "steps", "width": "100%", "cellspacing": "0"})
        table.tail = node.tail
        for offset, (holder, _strong) in enumerate(labels):  # type: ignore[misc]
            number = start + offset
            row = Element("tr")
            icon = Element("td", {"class": "step-icon", "width": "1", "align": "center",
                                  "valign": "middle"})
            digits = Element("span", {"class": "step-number"})
            digits.text = str(number)
            icon.append(digits)
            if 1 <= number <= len(visuals.STEP_ICONS):
                icon.append(Element("br"))
                icon.append(Element("img", {
                    "src": f"{FIGURE_SCHEME}:icon/{visuals.STEP_ICONS[number - 1]}",
                    "alt": ""}))
            text = Element("td", {"class": "step-text", "valign": "middle"})
            text.text = holder.text
            for child in list(holder):
                text.append(child)
            row.extend([icon, text])
            table.append(row)
            # A thin row of space between cards (Qt has no border-spacing).
            gap = Element("tr")
            gap.append(Element("td", {"class": "step-gap", "colspan": "2"}))
            table.append(gap)
        if len(table):
            table.remove(table[-1])
        parent.remove(node)
        parent.insert(index, table)
