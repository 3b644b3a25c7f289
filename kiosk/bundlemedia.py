"""Bundles on removable media: find them and read their manifests quickly, safely (no Qt).

Anything may be on a stick: a file that is not a bundle, a malformed manifest, a 10 GB
archive of zeros, a FIFO, a failing medium. Only plain files are read, only their first
member (the manifest), each with a time limit; a bad one is listed with the reason and never
hides the good ones.
"""

from __future__ import annotations

import itertools
import os
import tarfile
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kiosk.bundle import BundleError, manifest_of
from kiosk.manifest import MANIFEST, MAX_MANIFEST_BYTES, Manifest
from kiosk.plainfile import skip_reason

#: Seconds to read one bundle's manifest before it is listed as bad.
PER_BUNDLE_SECONDS = 5.0
#: Entries looked at per folder, and bundles listed: a stick may hold anything.
MAX_ENTRIES, MAX_LISTED = 2000, 50

#: Where removable media are mounted on Linux (udisks: /media/<user>/<label>, /run/media/...).
REMOVABLE_ROOTS = (Path("/media"), Path("/run/media"), Path("/mnt"))
#: Test-only: folders to look in instead (os.pathsep between them), for tests that drive the
#: real kiosk process and cannot mount a stick.
TEST_ROOTS_ENV = "KIOSK_TEST_REMOVABLE_ROOTS"


def removable_roots() -> tuple[Path, ...]:
    """Where to look for sticks: REMOVABLE_ROOTS, unless a test says otherwise."""
    value = os.environ.get(TEST_ROOTS_ENV)
    return tuple(Path(p) for p in value.split(os.pathsep)) if value else REMOVABLE_ROOTS


@dataclass(frozen=True)
class Found:
    """A bundle file found on removable media: its manifest, or why it cannot be read."""

    path: Path
    manifest: Manifest | None = None
    problem: str | None = None

    @property
    def summary(self) -> str:
        """One line for staff: version, date and what ``kiosk check`` said when it was made."""
        if self.manifest is None:
            return f"{self.path.name}: cannot be used ({self.problem})"
        check = self.manifest.check
        errors, warnings = check.get("errors", "?"), check.get("warnings", "?")
        return (f"{self.path.name}: version {self.manifest.version}, made "
                f"{self.manifest.created[:10]}, check: {errors} error(s), "
                f"{warnings} warning(s)")


def read_manifest(bundle: Path, seconds: float = 5.0,
                  clock: Callable[[], float] = time.monotonic) -> Manifest:
    """Read only a bundle's manifest, quickly: no other file is unpacked or verified.

    ``kiosk bundle`` writes the manifest first, so only the archive's first member is read;
    an archive that starts with anything else is not a bundle (and a 10 GB bomb behind it is
    never touched). Reading gives up after ``seconds`` by ``clock`` (a slow or stuck medium).
    """
    deadline = clock() + seconds
    try:
        with tarfile.open(bundle, "r:gz") as tar:
            member = tar.next()
            if member is None or member.name != MANIFEST or not member.isfile():
                raise BundleError(f"{bundle.name} does not start with {MANIFEST}: not a kiosk "
                                  "bundle")
            if member.size > MAX_MANIFEST_BYTES:
                raise BundleError(f"{bundle.name}: its {MANIFEST} is larger than "
                                  f"{MAX_MANIFEST_BYTES >> 20} MB")
            stream = tar.extractfile(member)
            assert stream is not None
            chunks = []
            while chunk := stream.read(1 << 16):
                chunks.append(chunk)
                if clock() > deadline:
                    raise BundleError(f"{bundle.name} took more than {seconds:g} s to read")
            return manifest_of(b"".join(chunks))
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise BundleError(f"{bundle.name} cannot be read ({exc})") from None



def find_bundles(roots: Iterable[Path] = REMOVABLE_ROOTS, depth: int = 3,
                 seconds: float = PER_BUNDLE_SECONDS) -> list[Found]:
    """Bundle files (``*.tar.gz`` with a kiosk manifest) up to ``depth`` folders below
    ``roots``, newest version first; unreadable ones are listed with the reason.

    Each bundle is read in a thread of its own and given ``seconds``: one that is slow or
    stuck (a failing stick) is listed as bad and the others are still read. Call this off
    the GUI thread: a stick's folders can be slow to list too.
    """
    found: list[Found] = []
    for root in roots:
        for path in _walk(root, depth):
            found.append(_read_timed(path, seconds))
            if len(found) >= MAX_LISTED:
                break
    return sorted(found, key=lambda f: (f.manifest is not None,
                                        f.manifest.version if f.manifest else ""),
                  reverse=True)


def _read_timed(path: Path, seconds: float) -> Found:
    result: list[Found] = []

    def read() -> None:
        try:
            result.append(Found(path, read_manifest(path, seconds)))
        except BundleError as exc:
            result.append(Found(path, problem=str(exc)))
        except Exception as exc:  # noqa: BLE001 - one bad file must not hide the others
            result.append(Found(path, problem=f"{path.name} cannot be read ({exc})"))

    # A daemon thread: a read stuck in the kernel cannot be stopped, only left behind.
    worker = threading.Thread(target=read, name="bundle-reader", daemon=True)
    worker.start()
    worker.join(seconds + 1.0)
    if result:
        return result[0]
    return Found(path, problem=f"{path.name} took more than {seconds:g} s to read")


def _walk(folder: Path, depth: int) -> Iterator[Path]:
    try:
        entries = sorted(itertools.islice(folder.iterdir(), MAX_ENTRIES))
    except OSError:
        return
    for entry in entries:
        try:
            if (entry.name.endswith(".tar.gz") and entry.is_file()
                    and skip_reason(entry) is None):
                yield entry
            elif entry.is_dir() and not entry.is_symlink() and depth > 0:
                yield from _walk(entry, depth - 1)
        except OSError:
            continue


