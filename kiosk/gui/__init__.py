"""The kiosk's Qt widgets; everything that decides what to show lives outside this package.

Importing it makes PySide6's import hook light (see :mod:`kiosk.gui.pysidehook`) before any
widget module loads.
"""

from kiosk.gui.pysidehook import lighten_import_hook

lighten_import_hook()
