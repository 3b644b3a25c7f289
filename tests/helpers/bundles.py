"""Content and USB sticks for the bundle tests: made once here, used by every bundle test."""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk.bundlemake import make_bundle

PAGE = ("---\ntitle: {title}\norder: {order}\nreviewed: 2026-10-01\nsources:\n  - \"A leaflet\"\n"
        "---\n\n# {title}\n\nThis page is short. It uses small words. You can read it fast.\n")
#: The heading a stick's good bundle gives the Overview page, to see it was installed.
UPDATED = "# Updated from the stick"


def make_content(root: Path, titles=("Welcome", "Safety")) -> Path:
    """A small content folder: one short English page per title."""
    (root / "en").mkdir(parents=True)
    for order, title in enumerate(titles, 1):
        (root / "en" / f"{title.lower()}.md").write_text(PAGE.format(title=title, order=order))
    return root


def stick_with_update(media: Path, content: Path, bundle_name: str) -> Path:
    """A stick mounted under ``media`` as a desktop mounts one (media/kiosk-user/STICK),
    holding a good bundle ``bundle_name`` of ``content`` with a new Overview heading.
    Returns the stick's folder; add more files to it as the test needs."""
    work = media / "work" / "content"
    shutil.copytree(content, work)
    page = work / "en" / "overview.md"
    page.write_text(page.read_text().replace("# Stem cells and hair loss: the basics", UPDATED))
    usb = media / "kiosk-user" / "STICK"
    usb.mkdir(parents=True)
    make_bundle(work, usb / bundle_name)
    shutil.rmtree(media / "work")
    return usb
