"""A copy of the shipped content with one hostile string put into every place content can reach.

The places (issue 17): body, link target, image, link text, title quoted and as typed,
sources, summary and ``qr_url``, a notes fence, glossary term and meaning. Each of the six
pages keeps its shape (front matter that parses, the order, a real heading), so the kiosk
shows them all and opens every popup; a vector that breaks YAML makes that page the
placeholder, which is also a path worth walking.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
CONTENT = ROOT / "content"
#: The places one vector goes into, as named in the issue.
PLACES = ("body", "link target", "image", "link text", "title quoted", "title as typed",
          "sources", "summary", "qr_url", "notes fence", "glossary term", "glossary meaning")
#: Which page carries the vector in its title, quoted and as typed.
QUOTED_TITLE, TYPED_TITLE = "overview", "how-it-works"


def _split(text: str) -> tuple[list[str], str]:
    _, head, body = text.split("---\n", 2)
    return head.splitlines(), body


def write_hostile_content(target: Path, vector: str, lang: str = "en") -> Path:
    """Copy the shipped ``lang`` pages to ``target`` with ``vector`` in every place."""
    folder = target / lang
    shutil.copytree(CONTENT / lang, folder)
    # A YAML double-quoted scalar (JSON's \ud83d surrogate escapes are not valid YAML).
    quoted = yaml.safe_dump(vector, default_style='"', allow_unicode=True, width=10**9).strip()
    one_line = vector.replace("\n", " ")
    for path in sorted(folder.glob("*.md")):
        if path.stem == "glossary":
            continue
        head, body = _split(path.read_text(encoding="utf-8"))
        kept = [line for line in head if not line.startswith(("summary:", "qr_url:"))]
        if path.stem == QUOTED_TITLE:
            kept = [f"title: {quoted}" if line.startswith("title:") else line for line in kept]
        elif path.stem == TYPED_TITLE:
            kept = [f"title: {one_line}" if line.startswith("title:") else line
                    for line in kept]
        kept.append(f"summary: {quoted}")
        # Only the first pages carry a hostile qr_url: the others keep a text code.
        if path.stem in (QUOTED_TITLE, TYPED_TITLE):
            kept.append(f"qr_url: {quoted}")
        at = kept.index("sources:") if "sources:" in kept else len(kept)
        kept.insert(at + 1, f"  - {quoted}")
        extra = (f"\n\n{vector}\n\n"
                 f"A link: [go there]({one_line}). A picture: ![a picture]({one_line}).\n\n"
                 f"An outside link: [{one_line}](https://example.org/read).\n\n"
                 f"```notes\n{vector}\n```\n")
        # surrogatepass: a corpus string with a lone surrogate becomes bytes that are not
        # UTF-8, as a hostile file would hold.
        path.write_text("---\n" + "\n".join(kept) + "\n---\n" + body + extra,
                        encoding="utf-8", errors="surrogatepass")
    glossary = folder / "glossary.md"
    text = glossary.read_text(encoding="utf-8")
    term = one_line.replace("#", "").strip() or "x"
    glossary.write_text(text + f"\n## {term}\n{one_line} means {one_line}\n"
                        "\n## Scalp care\nLooking after the skin: " + one_line + "\n",
                        encoding="utf-8", errors="surrogatepass")
    # The body names the new terms, so the page marks them and the popup can open.
    overview = folder / f"{QUOTED_TITLE}.md"
    overview.write_text(overview.read_text(encoding="utf-8", errors="surrogatepass")
                        + f"\nScalp care matters. {term}.\n", encoding="utf-8",
                        errors="surrogatepass")
    return target
