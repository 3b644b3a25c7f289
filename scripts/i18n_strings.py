"""List every interface string passed to tr() in kiosk/, for translation files and tests."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "kiosk"


def strings(package: Path = PACKAGE) -> list[str]:
    """The literal arguments of every ``tr("...")`` call, in first-seen order."""
    found: dict[str, None] = {}
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "tr" and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                found[node.args[0].value] = None
    return list(found)


if __name__ == "__main__":
    sys.stdout.write("\n".join(strings()) + "\n")
