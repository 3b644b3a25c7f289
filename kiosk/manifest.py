"""A bundle's ``manifest.json``: what it may say, and the names it may use (no Qt).

A bundle comes from a USB stick that anyone may have written, so everything in the manifest
is checked before it is used: the version becomes a folder name beside the installed ones,
so it must be a name (``YYYY-MM-DD-<12 hex digits>``, the day made and a hash of the files)
and never a path; every file name must be a plain relative name; the size, the number of
files and the nesting are bounded.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

FORMAT = 1
MANIFEST = "manifest.json"
#: A content folder holds tens of files; thousands is a mistake or an attack.
MAX_FILES = 5000
#: The manifest of MAX_FILES files is well under this.
MAX_MANIFEST_BYTES = 2 * 1024 * 1024
#: A version names a folder: the day the bundle was made and a hash of its files.
VERSION = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9a-f]{12}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_MAX_NAME = 255


class ManifestError(Exception):
    """The manifest cannot be used; the message is one line saying why."""


def content_version(files: dict[str, str], day: str) -> str:
    """``YYYY-MM-DD-<hash>``: the date made, and a hash of every file's name and sha256."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(f"{name}\0{files[name]}\n".encode())
    return f"{day}-{digest.hexdigest()[:12]}"


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a file's relative name inside a bundle, or None if it can."""
    if not name or len(name) > 4 * _MAX_NAME:
        return "has an empty or overlong name"
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return "has a name that is not UTF-8 text"
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in name):
        return "has a control character (such as a newline or NUL) in its name"
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return "has an absolute path"
    if "\\" in name or any(part in ("", ".", "..") for part in name.split("/")):
        return "would land outside the bundle"
    if any(len(part.encode()) > _MAX_NAME for part in name.split("/")):
        return "has a name part longer than 255 bytes"
    return None


def shown_path(path: object) -> str:
    """A path for a one-line message: as it is, or escaped if it holds a newline or worse."""
    text = str(path)
    return text if text.isprintable() else ascii(text)


def shown(value: object, width: int = 60) -> str:
    """``value`` for a one-line message: escaped (no newline) and cut to ``width``."""
    text = ascii(value)
    return text if len(text) <= width else text[: width - 3] + "..."


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
        """Read a manifest; raise ManifestError if it is not one we wrote."""
        if len(text) > MAX_MANIFEST_BYTES:
            raise ManifestError(f"the bundle's {MANIFEST} is larger than "
                                f"{MAX_MANIFEST_BYTES >> 20} MB")
        try:
            data = json.loads(text)
        except RecursionError:
            raise ManifestError(f"the bundle's {MANIFEST} is nested too deeply") from None
        except ValueError:  # also bytes that are not UTF-8
            data = None
        if not (isinstance(data, dict) and data.get("format") == FORMAT
                and isinstance(data.get("files"), dict)
                and isinstance(data.get("check", {}), dict | None)):
            raise ManifestError(f"the bundle's {MANIFEST} is not a bundle manifest")
        version, files = data.get("version"), data["files"]
        check = data.get("check") or {}
        if not isinstance(version, str) or not VERSION.fullmatch(version):
            raise ManifestError(f"refused: the bundle's version {shown(version)} is not a "
                                "version name (YYYY-MM-DD-<12 hex digits>)")
        if len(files) > MAX_FILES:
            raise ManifestError(f"refused: the bundle lists {len(files)} files (the limit is "
                                f"{MAX_FILES})")
        for name, sha in files.items():
            problem = name_problem(name)
            if problem is not None:
                raise ManifestError(f"refused: the manifest's file {shown(name)} {problem}")
            if not isinstance(sha, str) or not _SHA256.fullmatch(sha):
                raise ManifestError(f"the bundle's {MANIFEST} is not a bundle manifest "
                                    f"(the checksum of {shown(name)} is not a sha256)")
        if len(check) > 50 or not all(isinstance(v, int | str | float | bool | None)
                                      for v in check.values()):
            raise ManifestError(f"the bundle's {MANIFEST} is not a bundle manifest (its "
                                "check summary is not a list of numbers)")
        created = data.get("created")
        manifest = cls(version, created[:40] if isinstance(created, str) else "", files,
                       {str(k)[:40]: v for k, v in check.items()})
        if content_version(files, version[:10]) != version:
            raise ManifestError(f"the bundle's version {version!r} does not match its files: "
                                "the manifest was changed")
        return manifest
