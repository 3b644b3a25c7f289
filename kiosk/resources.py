"""Where the kiosk's own files are: the default content and the assets (no Qt).

Every module that needs a shipped file asks here; nothing else knows the layout. An installed
wheel carries both folders inside the package, as ``kiosk/_data/content`` and
``kiosk/_data/assets`` (setup.py copies them there at build time), found next to this
module (Qt and the content loader need real files, so the package is a folder on disk; this
saves importing :mod:`importlib.resources` at every start). A git checkout and an editable
install have no ``_data``: they read the project's top-level ``content/`` and ``assets/``
where they are, so an edit shows at once.
``--content`` and ``kiosk.toml`` still point at any other content folder.
"""

from __future__ import annotations

from pathlib import Path


def _root() -> Path:
    """The folder holding ``content/`` and ``assets/`` for this copy of the kiosk."""
    here = Path(__file__).resolve().parent
    packaged = here / "_data"
    if packaged.is_dir():
        return packaged
    return here.parent


ROOT = _root()
#: The pages shown when neither ``--content`` nor kiosk.toml names another folder.
CONTENT = ROOT / "content"
ASSETS = ROOT / "assets"
#: The bundled typeface (Atkinson Hyperlegible, with its licence).
FONTS = ASSETS / "fonts"
#: Qt stylesheets, the page CSS and the colour themes.
STYLES = ASSETS / "styles"
#: The step icons (SVG templates).
ICONS = ASSETS / "icons"
#: Compiled interface translations, ``kiosk_<lang>.qm``.
I18N = ASSETS / "i18n"
