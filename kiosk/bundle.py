"""Versioned, checksummed content bundles, and installing them so a kiosk never sees half.

A bundle is a ``.tar.gz`` holding ``manifest.json`` (version, creation time, the sha256 of
every file, the check summary) and the content folder under ``content/``. Installed bundles
live side by side in a bundles folder::

    bundles/2026-11-25-3f2a9c1b7d0e/   (manifest.json, en/, es/, ...)
    bundles/current  -> 2026-11-25-3f2a9c1b7d0e
    bundles/previous -> 2026-10-02-77e0b1c2a9d4

A kiosk runs with ``--content bundles/current``. An install unpacks into a temporary folder,
verifies and checks it, syncs it to disk, renames it into place and only then swaps the
``current`` link with one atomic rename; a crash at any point leaves the old content showing.
No Qt here.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sys
import tarfile
import tempfile
import time
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.bundlehistory import Rollback

from kiosk.manifest import (
    MANIFEST,
    MAX_FILES,
    MAX_MANIFEST_BYTES,
    VERSION,
    Manifest,
    ManifestError,
    name_problem,
    shown,
    shown_path,
)

CONTENT = "content"
CURRENT, PREVIOUS = "current", "previous"
#: A content folder is a few megabytes; refuse archives that unpack to more than this.
MAX_BYTES = 256 * 1024 * 1024
#: Test-only: seconds to wait between unpacking and switching ``current``.
TEST_PAUSE_ENV = "KIOSK_TEST_INSTALL_PAUSE"


class BundleError(Exception):
    """The bundle cannot be made, read or installed; the message says why."""


class PlaceError(BundleError):
    """The bundles folder, or the file to write, cannot be used: the place's fault, not the
    bundle's (exit status 2)."""


def default_bundles_dir() -> Path:
    """The per-user folder for installed bundles (platformdirs' user data folder)."""
    import platformdirs

    return platformdirs.user_data_path("hair-kiosk") / "bundles"


def install_bundle(bundle: Path, bundles_dir: Path) -> Manifest:
    """Verify, check and unpack ``bundle`` beside the installed ones, then switch to it.

    Raises BundleError, leaving ``current`` as it was, when anything is wrong
    (PlaceError when the fault is the bundles folder's, not the bundle's).
    """
    try:
        bundles_dir.mkdir(parents=True, exist_ok=True)
    except (OSError, ValueError) as exc:
        raise PlaceError(f"{shown_path(bundles_dir)} cannot be the bundles "
                                 f"folder: {_reason(exc)}") from None
    current = bundles_dir / CURRENT
    if current.exists() and not current.is_symlink():
        raise PlaceError(f"{current} is a real folder, not a link: move it away first")
    with _locked(bundles_dir):
        try:
            return _install(bundle, bundles_dir)
        except OSError as exc:
            raise PlaceError(f"cannot install into {bundles_dir}: {_reason(exc)}"
                                     ) from None


def _install(bundle: Path, bundles_dir: Path) -> Manifest:
    _remove_leftovers(bundles_dir)
    tmp = Path(tempfile.mkdtemp(prefix=".unpack-", dir=bundles_dir))
    tmp.chmod(0o755)  # mkdtemp makes it private; the kiosk may run as another user
    try:
        manifest = _unpack(bundle, tmp)
        _check_unpacked(tmp)
        _fsync_tree(tmp)
        target = _version_folder(bundles_dir, manifest.version)
        if not target.exists():
            os.rename(tmp, target)
            _fsync_dir(bundles_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _test_pause()
    switch(bundles_dir, manifest.version)
    return manifest


def _version_folder(bundles_dir: Path, version: str) -> Path:
    """``bundles_dir/version``, checked to be a name and to stay inside after resolving.

    The manifest's check already refuses a version that is not a name; this is the second
    guard, and it also catches a link planted beside the installed versions.
    """
    if not VERSION.fullmatch(version):
        raise BundleError(f"refused: {shown(version)} is not a version name")
    target = bundles_dir / version
    if target.is_symlink() or target.resolve().parent != bundles_dir.resolve():
        raise BundleError(f"refused: {target} is not a folder inside {bundles_dir}")
    return target


def switch(bundles_dir: Path, version: str) -> None:
    """Point ``current`` at ``version`` (and ``previous`` at what was current), atomically."""
    if not (_version_folder(bundles_dir, version) / MANIFEST).is_file():
        raise BundleError(f"version {version} is not installed in {bundles_dir}")
    from kiosk.bundlehistory import record

    old = installed(bundles_dir).get(CURRENT)
    if old is not None and old != version:
        _link(bundles_dir, PREVIOUS, old)
        _link(bundles_dir, CURRENT, version)
    elif old is None:
        _link(bundles_dir, CURRENT, version)
    record(bundles_dir, version)  # newest install last: what rollback walks back through


def rollback(bundles_dir: Path, to: str | None = None) -> Rollback:
    """Switch ``current`` to the version installed before it (or ``to``): kiosk.bundlehistory."""
    from kiosk.bundlehistory import rollback as step_back

    try:
        installed(bundles_dir)
    except (OSError, ValueError) as exc:
        raise PlaceError(f"{shown_path(bundles_dir)} cannot be the bundles folder: "
                         f"{_reason(exc)}") from None
    from kiosk.bundlehistory import versions

    # Nothing to go back to is said before the lock is taken (a broken lock is another fault).
    order = versions(bundles_dir) if bundles_dir.is_dir() else []
    if to is None and len(order) < 2:
        oldest = f": {order[0]} is the oldest installed" if order else ""
        raise BundleError(f"no previous version to roll back to in {bundles_dir}{oldest}")
    with _locked(bundles_dir):
        return step_back(bundles_dir, to)


@contextlib.contextmanager
def _locked(bundles_dir: Path) -> Iterator[None]:
    """Hold the bundles folder's lock: one install or rollback at a time."""
    import fcntl

    path = bundles_dir / ".lock"
    try:
        lock = path.open("a")
    except OSError as exc:
        raise PlaceError(f"{path} cannot be used as the lock file ({_reason(exc)}): "
                                 "remove it") from None
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BundleError(f"another install or rollback is running in {bundles_dir}"
                              ) from None
        yield


def installed(bundles_dir: Path) -> dict[str, str]:
    """Where the ``current`` and ``previous`` links point (only those that exist)."""
    links = {}
    for name in (CURRENT, PREVIOUS):
        path = bundles_dir / name
        if path.is_symlink():
            links[name] = os.readlink(path)
    return links


def _link(folder: Path, name: str, target: str) -> None:
    """Make ``folder/name`` a link to ``target`` with one rename (never missing, never half)."""
    tmp = folder / f".{name}.tmp-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, folder / name)
    _fsync_dir(folder)


def _unpack(bundle: Path, into: Path) -> Manifest:
    try:
        with tarfile.open(bundle, "r:gz") as tar:
            members = _members(tar, into)
            manifest = manifest_of(_read(tar, members.pop(MANIFEST)))
            extra = sorted(set(members) - set(manifest.files))
            missing = sorted(set(manifest.files) - set(members))
            if extra or missing:
                raise BundleError("the bundle's files do not match its manifest ("
                                  + ", ".join([f"not listed: {n}" for n in extra]
                                              + [f"missing: {n}" for n in missing]) + ")")
            for name, member in members.items():
                _extract(tar, member, into / name, manifest.files[name], name)
    except (tarfile.TarError, EOFError, zlib.error) as exc:
        raise BundleError(f"{bundle} cannot be read: the archive is damaged or truncated "
                          f"({exc})") from None
    except OSError as exc:
        raise BundleError(f"{bundle} cannot be read: {exc.strerror or exc}") from None
    (into / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
    return manifest


def _members(tar: tarfile.TarFile, into: Path) -> dict[str, tarfile.TarInfo]:
    """The archive's files by content-relative name; refuse anything that could escape."""
    found: dict[str, tarfile.TarInfo] = {}
    total = 0
    for count, member in enumerate(tar, 1):  # lazily: a bomb of headers stops at the limit
        if count > MAX_FILES + 1:
            raise BundleError(f"refused: the bundle holds more than {MAX_FILES} files")
        name = member.name
        path = PurePosixPath(name)
        if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
            raise BundleError(f"refused: member {shown(name)} has an absolute path")
        if ".." in path.parts or "\\" in name:
            raise BundleError(f"refused: member {shown(name)} would land outside the bundle")
        problem = name_problem(name.rstrip("/"))
        if problem is not None:
            raise BundleError(f"refused: member {shown(name)} {problem}")
        if member.issym() or member.islnk():
            raise BundleError(f"refused: member {shown(name)} is a link; a bundle holds plain "
                              "files only")
        if member.isdir():
            continue
        if not member.isfile():
            raise BundleError(f"refused: member {shown(name)} is not a plain file")
        # The standard library's own guard, as a second one (Python 3.11.4 and later; Debian
        # 12's 3.11.2 lacks it, and the checks above are the first guard everywhere).
        if hasattr(tarfile, "data_filter"):
            try:
                tarfile.data_filter(member, str(into))
            except tarfile.FilterError as exc:
                raise BundleError(f"refused: member {shown(name)}: {exc}") from None
        if name == MANIFEST:
            key = MANIFEST
        elif path.parts[0] == CONTENT and len(path.parts) > 1:
            key = PurePosixPath(*path.parts[1:]).as_posix()
        else:
            raise BundleError(f"refused: member {shown(name)} is neither {MANIFEST} nor under "
                              f"{CONTENT}/")
        if key in found:
            raise BundleError(f"refused: member {shown(name)} appears twice")
        total += member.size
        if total > MAX_BYTES:
            raise BundleError(f"refused: the bundle unpacks to more than {MAX_BYTES >> 20} MB")
        found[key] = member
    if MANIFEST not in found:
        raise BundleError(f"refused: the archive has no {MANIFEST}, so it is not a bundle")
    return found


def _read(tar: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    if member.size > MAX_MANIFEST_BYTES:
        raise BundleError(f"refused: the bundle's {MANIFEST} is larger than "
                          f"{MAX_MANIFEST_BYTES >> 20} MB")
    stream = tar.extractfile(member)
    assert stream is not None  # a plain file, checked in _members
    return stream.read(MAX_MANIFEST_BYTES + 1)


def manifest_of(text: bytes) -> Manifest:
    """Read manifest text; raise BundleError saying what is wrong with it."""
    try:
        return Manifest.from_json(text)
    except ManifestError as exc:
        raise BundleError(str(exc)) from None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)


def _extract(tar: tarfile.TarFile, member: tarfile.TarInfo, target: Path, sha256: str,
             name: str) -> None:
    stream = tar.extractfile(member)
    assert stream is not None
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with target.open("xb") as out:
        while chunk := stream.read(1 << 16):
            digest.update(chunk)
            out.write(chunk)
    if digest.hexdigest() != sha256:
        raise BundleError(f"checksum mismatch for {name}: the bundle is damaged")


def _check_unpacked(folder: Path) -> None:
    from kiosk.check import check_content, format_problem
    from kiosk.content import ContentError

    try:
        report = check_content(folder)
    except ContentError as exc:
        raise BundleError(f"the bundle holds no usable content: {exc}") from None
    if report.count("error"):
        first = next(p for p in report.problems if p.severity == "error")
        raise BundleError(f"the bundle's content fails check with {report.count('error')} "
                          f"error(s); the first: {format_problem(first)}")


def _remove_leftovers(bundles_dir: Path) -> None:
    """Delete what an interrupted install left behind (never a finished version)."""
    for path in bundles_dir.glob(".unpack-*"):
        shutil.rmtree(path, ignore_errors=True)
    for path in bundles_dir.glob(".*.tmp-*"):  # a link made but not yet renamed
        path.unlink(missing_ok=True)


def _fsync_tree(root: Path) -> None:
    for path in sorted(root.rglob("*"), reverse=True):
        if path.is_file():
            with path.open("rb") as f:
                os.fsync(f.fileno())
        else:
            _fsync_dir(path)
    _fsync_dir(root)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _test_pause() -> None:
    """Test-only hook: announce the point between unpack and switch, then wait there."""
    seconds = os.environ.get(TEST_PAUSE_ENV)
    if seconds:
        sys.stderr.write("kiosk: install-bundle: unpacked, pausing before the switch\n")
        sys.stderr.flush()
        time.sleep(float(seconds))


def bundles_dir_of(content: Path) -> Path | None:
    """The bundles folder a kiosk shows, when its content is ``<bundles>/current``."""
    return content.parent if content.name == CURRENT and content.is_symlink() else None
