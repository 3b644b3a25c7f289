"""Read QR codes back with the system's zbar (``zbarimg``), as a phone would."""

import shutil
import subprocess
from pathlib import Path

import pytest

ZBARIMG = shutil.which("zbarimg")
needs_zbar = pytest.mark.skipif(
    ZBARIMG is None,
    reason="zbarimg is missing: install zbar-tools (scripts/system-deps.sh test does) to read "
           "the QR codes back")


def decode(image: Path) -> list[str]:
    """Every QR code in ``image``, as UTF-8 text (zbar's binary mode: no charset guessing)."""
    out = subprocess.run([ZBARIMG, "--quiet", "--raw", "-Sbinary", str(image)],
                         capture_output=True, timeout=30)
    assert out.returncode == 0, out.stderr.decode(errors="replace")
    return [out.stdout.decode("utf-8").removesuffix("\n")]


def matrix_to_pgm(matrix: list[list[bool]], path: Path, scale: int = 6) -> Path:
    """Write a module grid as a plain greyscale image (no imaging library needed)."""
    size = len(matrix) * scale
    rows = bytearray()
    for row in matrix:
        line = bytes(0 if dark else 255 for dark in row for _ in range(scale))
        rows += line * scale
    path.write_bytes(f"P5 {size} {size} 255\n".encode() + bytes(rows))
    return path
