"""Add the interface strings that a .ts file lacks, from a table of translations.

Usage: python scripts/i18n_update.py assets/i18n/kiosk_es.ts TABLE.tsv
TABLE.tsv: one "source<TAB>translation" per line. Strings with no translation in the table
are added as unfinished (the tests then fail until someone translates them).
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from i18n_strings import strings  # noqa: E402


def update(ts_path: Path, table: dict[str, str]) -> list[str]:
    """Add missing strings to ``ts_path``; return those still untranslated."""
    tree = ET.parse(ts_path)
    context = tree.getroot().find("context")
    have = {m.findtext("source") for m in context.iter("message")}
    untranslated = []
    for source in strings():
        if source in have:
            continue
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = source
        translation = ET.SubElement(message, "translation")
        if source in table:
            translation.text = table[source]
        else:
            translation.set("type", "unfinished")
            untranslated.append(source)
    ET.indent(tree, space="    ")
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return untranslated


if __name__ == "__main__":
    rows = Path(sys.argv[2]).read_text(encoding="utf-8").splitlines() if len(sys.argv) > 2 else []
    table = dict(row.split("\t", 1) for row in rows if "\t" in row)
    for missing in update(Path(sys.argv[1]), table):
        sys.stdout.write(f"untranslated: {missing}\n")
