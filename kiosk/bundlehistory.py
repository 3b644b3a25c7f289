"""The order installed content versions came in, so ``kiosk rollback`` can walk back through it.

``bundles/history`` lists every installed version, one a line, oldest install first; installing
a version (again) moves it to the end. ``rollback`` moves ``current`` to the version listed
before it, so calling it again goes one version further back; ``rollback --to VERSION`` picks
one. ``previous`` still names what ``current`` showed before the last change (the undo).

A kiosk installed before this file existed has no history: then the versions on disk are put
in the order their bundles were made, with ``previous`` and ``current`` last. No Qt here.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

HISTORY = "history"


@dataclass(frozen=True)
class Rollback:
    """What a rollback did: the version shown before and the one shown now."""

    old: str | None
    new: str

    @property
    def changed(self) -> bool:
        """False when the version asked for was already showing."""
        return self.old != self.new


class UnknownVersion(ValueError):
    """``rollback --to`` named a version that is not installed (a usage error)."""


def versions(bundles_dir: Path) -> list[str]:
    """Every installed version, oldest install first (only folders with a manifest)."""
    from kiosk.bundle import CURRENT, PREVIOUS, installed

    on_disk = _installed_versions(bundles_dir)
    order = [v for v in _read_history(bundles_dir) if v in on_disk]
    order = list(dict.fromkeys(order))  # a repeated line counts once (its first place)
    if not order:
        links = installed(bundles_dir)
        order = sorted(on_disk, key=lambda v: (_created(bundles_dir / v), v))
        for name in (PREVIOUS, CURRENT):  # what was shown most recently goes last
            if links.get(name) in on_disk:
                order.remove(links[name])
                order.append(links[name])
    # A version on disk the history does not name (copied in by hand): before everything.
    return sorted(on_disk - set(order)) + order


def record(bundles_dir: Path, version: str) -> None:
    """Note that ``version`` was just installed: it becomes the newest in the history."""
    order = [v for v in versions(bundles_dir) if v != version] + [version]
    _write_history(bundles_dir, order)


def rollback(bundles_dir: Path, to: str | None = None) -> Rollback:
    """Show the version installed before the current one, or ``to``; say what changed.

    Raises UnknownVersion for a ``to`` that is not installed, BundleError when there is
    nothing to go back to. Call with the bundles folder's lock held.
    """
    from kiosk.bundle import CURRENT, PREVIOUS, BundleError, _link, _version_folder, installed

    order = versions(bundles_dir)
    current = installed(bundles_dir).get(CURRENT)
    if to is not None:
        if to not in order:
            listed = ", ".join(order) or "none"
            raise UnknownVersion(f"version {to!r} is not installed in {bundles_dir} "
                                 f"(installed, oldest first: {listed})")
        target = to
    elif current in order and order.index(current) > 0:
        target = order[order.index(current) - 1]
    elif current in order:
        raise BundleError(f"no previous version to roll back to in {bundles_dir}: {current} "
                          "is the oldest installed")
    else:
        raise BundleError(f"no previous version to roll back to in {bundles_dir}")
    _version_folder(bundles_dir, target)  # a name inside the bundles folder, never a path
    if target != current:
        if current is not None:
            _link(bundles_dir, PREVIOUS, current)
        _link(bundles_dir, CURRENT, target)
    if not (bundles_dir / HISTORY).is_file():
        _write_history(bundles_dir, order)  # keep the order we worked out, for next time
    return Rollback(current, target)


def _installed_versions(bundles_dir: Path) -> set[str]:
    from kiosk.bundle import CURRENT, MANIFEST, PREVIOUS

    try:
        entries = list(bundles_dir.iterdir())
    except OSError:
        return set()
    return {p.name for p in entries
            if not p.name.startswith(".") and p.name not in (CURRENT, PREVIOUS, HISTORY)
            and not p.is_symlink() and (p / MANIFEST).is_file()}


def _created(folder: Path) -> str:
    from kiosk.bundle import MANIFEST

    try:
        created = json.loads((folder / MANIFEST).read_text(encoding="utf-8")).get("created")
    except (OSError, ValueError, AttributeError):
        return ""
    return created if isinstance(created, str) else ""


def _read_history(bundles_dir: Path) -> list[str]:
    try:
        text = (bundles_dir / HISTORY).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return [line.strip() for line in text.splitlines() if line.strip()]


def _write_history(bundles_dir: Path, order: list[str]) -> None:
    """Replace the history with one rename, like the links: never half written."""
    from kiosk.bundle import _fsync_dir

    tmp = bundles_dir / f".{HISTORY}.tmp-{os.getpid()}"
    with tmp.open("w", encoding="utf-8") as out:
        out.write("".join(f"{v}\n" for v in order))
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, bundles_dir / HISTORY)
    _fsync_dir(bundles_dir)
