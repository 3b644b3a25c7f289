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
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sys
import tarfile
import tempfile
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.bundlehistory import Rollback

FORMAT = 1
MANIFEST = "manifest.json"
CONTENT = "content"
CURRENT, PREVIOUS = "current", "previous"
#: A content folder is a few megabytes; refuse archives that unpack to more than this.
MAX_BYTES = 256 * 1024 * 1024
#: Test-only: seconds to wait between unpacking and switching ``current``.
TEST_PAUSE_ENV = "KIOSK_TEST_INSTALL_PAUSE"


class BundleError(Exception):
    """The bundle cannot be made, read or installed; the message says why."""


@dataclass(frozen=True)
class Manifest:
    """What a bundle says about itself."""

    version: str
    created: str
    files: dict[str, str]
    check: dict

    def to_json(self) -> str:
        """The manifest as the bundle stores it."""
        return json.dumps({"format": FORMAT, "version": self.version, "created": self.created,
                           "files": self.files, "check": self.check}, indent=2,
                          sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: bytes) -> Manifest:
        """Read a manifest; raise BundleError if it is not one we wrote."""
        try:
            data = json.loads(text)
            files = data["files"]
            ok = (data.get("format") == FORMAT and isinstance(data["version"], str)
                  and isinstance(files, dict)
                  and all(isinstance(v, str) and len(v) == 64 for v in files.values()))
        except (ValueError, KeyError, TypeError, AttributeError):
            ok = False
        if not ok:
            raise BundleError("the bundle's manifest.json is not a bundle manifest")
        manifest = cls(data["version"], str(data.get("created", "")), files,
                       data.get("check") or {})
        if content_version(files, manifest.version[:10]) != manifest.version:
            raise BundleError(f"the bundle's version {manifest.version!r} does not match its "
                              "files: the manifest was changed")
        return manifest


def default_bundles_dir() -> Path:
    """The per-user folder for installed bundles (platformdirs' user data folder)."""
    import platformdirs

    return platformdirs.user_data_path("hair-kiosk") / "bundles"


def content_version(files: dict[str, str], day: str) -> str:
    """``YYYY-MM-DD-<hash>``: the date made, and a hash of every file's name and sha256."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(f"{name}\0{files[name]}\n".encode())
    return f"{day}-{digest.hexdigest()[:12]}"


def content_files(root: Path) -> dict[str, Path]:
    """Every file of the content folder by its relative name; hidden files are left out."""
    found = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
            continue
        if path.is_symlink():
            raise BundleError(f"{path} is a symbolic link: a bundle holds plain files only")
        if path.is_file():
            found[rel.as_posix()] = path
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
    files = {name: _sha256_file(path) for name, path in paths.items()}
    manifest = Manifest(content_version(files, f"{now:%Y-%m-%d}"),
                        now.isoformat(timespec="seconds"), files,
                        {"status": int(report.status), **report.summary()})
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    try:
        with tmp.open("wb") as raw:
            with tarfile.open(fileobj=raw, mode="w:gz") as tar:
                _add(tar, MANIFEST, manifest.to_json().encode(), now)
                for name, path in paths.items():
                    _add(tar, f"{CONTENT}/{name}", path.read_bytes(), now)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return manifest


def _add(tar: tarfile.TarFile, name: str, data: bytes, now: dt.datetime) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o644, int(now.timestamp())
    tar.addfile(info, io.BytesIO(data))


def install_bundle(bundle: Path, bundles_dir: Path) -> Manifest:
    """Verify, check and unpack ``bundle`` beside the installed ones, then switch to it.

    Raises BundleError, leaving ``current`` as it was, when anything is wrong.
    """
    bundles_dir.mkdir(parents=True, exist_ok=True)
    current = bundles_dir / CURRENT
    if current.exists() and not current.is_symlink():
        raise BundleError(f"{current} is a real folder, not a link: move it away first")
    with _locked(bundles_dir):
        return _install(bundle, bundles_dir)


def _install(bundle: Path, bundles_dir: Path) -> Manifest:
    _remove_leftovers(bundles_dir)
    tmp = Path(tempfile.mkdtemp(prefix=".unpack-", dir=bundles_dir))
    tmp.chmod(0o755)  # mkdtemp makes it private; the kiosk may run as another user
    try:
        manifest = _unpack(bundle, tmp)
        _check_unpacked(tmp)
        _fsync_tree(tmp)
        target = bundles_dir / manifest.version
        if not target.exists():
            os.rename(tmp, target)
            _fsync_dir(bundles_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _test_pause()
    switch(bundles_dir, manifest.version)
    return manifest


def switch(bundles_dir: Path, version: str) -> None:
    """Point ``current`` at ``version`` (and ``previous`` at what was current), atomically."""
    if not (bundles_dir / version / MANIFEST).is_file():
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

    if not bundles_dir.is_dir():
        raise BundleError(f"no previous version to roll back to in {bundles_dir}")
    with _locked(bundles_dir):
        return step_back(bundles_dir, to)


@contextlib.contextmanager
def _locked(bundles_dir: Path) -> Iterator[None]:
    """Hold the bundles folder's lock: one install or rollback at a time."""
    import fcntl

    with (bundles_dir / ".lock").open("a") as lock:
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
            members = _members(tar.getmembers())
            manifest = Manifest.from_json(_read(tar, members.pop(MANIFEST)))
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


def _members(members: list[tarfile.TarInfo]) -> dict[str, tarfile.TarInfo]:
    """The archive's files by content-relative name; refuse anything that could escape."""
    found: dict[str, tarfile.TarInfo] = {}
    total = 0
    for member in members:
        name = member.name
        path = PurePosixPath(name)
        if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
            raise BundleError(f"refused: member {name!r} has an absolute path")
        if ".." in path.parts or "\\" in name:
            raise BundleError(f"refused: member {name!r} would land outside the bundle")
        if member.issym() or member.islnk():
            raise BundleError(f"refused: member {name!r} is a link; a bundle holds plain "
                              "files only")
        if member.isdir():
            continue
        if not member.isfile():
            raise BundleError(f"refused: member {name!r} is not a plain file")
        if name == MANIFEST:
            key = MANIFEST
        elif path.parts[0] == CONTENT and len(path.parts) > 1:
            key = PurePosixPath(*path.parts[1:]).as_posix()
        else:
            raise BundleError(f"refused: member {name!r} is neither {MANIFEST} nor under "
                              f"{CONTENT}/")
        if key in found:
            raise BundleError(f"refused: member {name!r} appears twice")
        total += member.size
        if total > MAX_BYTES:
            raise BundleError(f"refused: the bundle unpacks to more than {MAX_BYTES >> 20} MB")
        found[key] = member
    if MANIFEST not in found:
        raise BundleError(f"refused: the archive has no {MANIFEST}, so it is not a bundle")
    return found


def _read(tar: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    stream = tar.extractfile(member)
    assert stream is not None  # a plain file, checked in _members
    return stream.read()


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


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 16):
            digest.update(chunk)
    return digest.hexdigest()


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


#: Where removable media are mounted on Linux (udisks: /media/<user>/<label>, /run/media/...).
REMOVABLE_ROOTS = (Path("/media"), Path("/run/media"), Path("/mnt"))


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


def read_manifest(bundle: Path) -> Manifest:
    """Read only a bundle's manifest (quick: no file is unpacked or verified)."""
    try:
        with tarfile.open(bundle, "r:gz") as tar:
            member = tar.getmember(MANIFEST)
            return Manifest.from_json(_read(tar, member))
    except KeyError:
        raise BundleError(f"{bundle.name} has no manifest.json: not a kiosk bundle") from None
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise BundleError(f"{bundle.name} cannot be read ({exc})") from None


def find_bundles(roots: Iterable[Path] = REMOVABLE_ROOTS, depth: int = 3) -> list[Found]:
    """Bundle files (``*.tar.gz`` with a kiosk manifest) up to ``depth`` folders below
    ``roots``, newest version first; unreadable ones are listed with the reason."""
    found: list[Found] = []
    for root in roots:
        for path in _walk(root, depth):
            try:
                found.append(Found(path, read_manifest(path)))
            except BundleError as exc:
                found.append(Found(path, problem=str(exc)))
    return sorted(found, key=lambda f: (f.manifest is not None,
                                        f.manifest.version if f.manifest else ""),
                  reverse=True)


def _walk(folder: Path, depth: int) -> Iterator[Path]:
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_file() and entry.name.endswith(".tar.gz"):
                yield entry
            elif entry.is_dir() and not entry.is_symlink() and depth > 0:
                yield from _walk(entry, depth - 1)
        except OSError:
            continue


def bundles_dir_of(content: Path) -> Path | None:
    """The bundles folder a kiosk shows, when its content is ``<bundles>/current``."""
    return content.parent if content.name == CURRENT and content.is_symlink() else None
