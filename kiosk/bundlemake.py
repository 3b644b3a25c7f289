"""``kiosk bundle``: check a content folder and write it as a bundle (no Qt).

Only plain files go in: a symbolic link is refused, and FIFOs, devices and hard links are
left out with a warning (reading a FIFO would wait for ever; a hard link may be a second
name for a file outside the content, such as a private key).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import logging
import os
import tarfile
from pathlib import Path

from kiosk.bundle import CONTENT, MAX_BYTES, BundleError, PlaceError
from kiosk.manifest import (
    MANIFEST,
    MAX_FILES,
    Manifest,
    content_version,
    name_problem,
    shown,
    shown_path,
)
from kiosk.plainfile import read_plain, skip_reason

log = logging.getLogger("kiosk")


def content_files(root: Path) -> dict[str, Path]:
    """Every file of the content folder by its relative name; hidden files are left out.

    FIFOs, devices, sockets and hard links are skipped with a warning: a hard link may be a
    second name for a file outside the content, which must never end up in a bundle.
    """
    found = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
            continue
        if path.is_symlink():
            raise BundleError(f"{path} is a symbolic link: a bundle holds plain files only")
        if path.is_dir():
            continue
        reason = skip_reason(path)
        if reason is not None:
            log.warning("%s %s: left out of the bundle", path, reason)
            continue
        problem = name_problem(rel.as_posix())
        if problem is not None:
            raise BundleError(f"{shown(str(path))} {problem}: rename it")
        found[rel.as_posix()] = path
    if len(found) > MAX_FILES:
        raise BundleError(f"{root} holds {len(found)} files; a bundle holds at most {MAX_FILES}")
    return found


def make_bundle(root: Path, out: Path, now: dt.datetime | None = None) -> Manifest:
    """Check ``root`` and write it as a bundle to ``out``; raise BundleError if it fails check.

    Raises ContentError when ``root`` is not a content folder at all.
    """
    from kiosk.check import check_content, format_problem

    report = check_content(root)
    if report.count("error"):
        first = next(p for p in report.problems if p.severity == "error")
        raise BundleError(f"content fails check with {report.count('error')} error(s), "
                          f"so it was not bundled; the first: {format_problem(first)}")
    now = now or dt.datetime.now(dt.UTC)
    paths = content_files(root)
    try:
        data = {name: read_plain(path, MAX_BYTES) for name, path in paths.items()}
    except OSError as exc:
        raise BundleError(f"cannot read the content: {exc}") from None
    files = {name: hashlib.sha256(raw).hexdigest() for name, raw in data.items()}
    manifest = Manifest(content_version(files, f"{now:%Y-%m-%d}"),
                        now.isoformat(timespec="seconds"), files,
                        {"status": int(report.status), **report.summary()})
    try:
        _write(out, manifest, data, now)
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise PlaceError(f"cannot write {shown_path(out)}: {reason}") from None
    return manifest


def _write(out: Path, manifest: Manifest, data: dict[str, bytes], now: dt.datetime) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    try:
        with tmp.open("wb") as raw:
            with tarfile.open(fileobj=raw, mode="w:gz") as tar:
                _add(tar, MANIFEST, manifest.to_json().encode(), now)
                for name, body in data.items():
                    _add(tar, f"{CONTENT}/{name}", body, now)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, out)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def _add(tar: tarfile.TarFile, name: str, data: bytes, now: dt.datetime) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o644, int(now.timestamp())
    tar.addfile(info, io.BytesIO(data))
