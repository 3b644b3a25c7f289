"""Make a setup-pc plan true in a root directory, print it, or undo it (no Qt).

Every change is compared with what the root holds first, so a second run changes nothing.
What a run writes is recorded in a manifest (and any file it replaces is backed up beside it)
so that ``--undo`` can put the machine back as it found it. The few things that are not files
(Debian packages, the user) go through a Runner: apt-get and useradd/userdel, run in the root.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from kiosk.setuppc import MANIFEST, Change, File, Packages, User

Say = Callable[[str], None]


class SetupError(Exception):
    """A step failed; the message names the step and what went wrong."""


class Runner:
    """Runs the commands that are not plain files (apt-get, useradd) against ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _in_root(self, argv: list[str]) -> list[str]:
        return argv if self.root == Path("/") else ["chroot", str(self.root), *argv]

    def run(self, argv: list[str]) -> None:
        """Run ``argv``; raise SetupError with its output when it fails."""
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        try:
            result = subprocess.run(argv, capture_output=True, text=True, env=env)
        except OSError as exc:
            raise SetupError(f"{' '.join(argv)}: {exc}") from None
        if result.returncode != 0:
            tail = (result.stderr or result.stdout).strip().splitlines()[-5:]
            raise SetupError(f"{' '.join(argv)} failed (exit {result.returncode}): "
                             + " / ".join(tail))

    def install(self, names: list[str]) -> None:
        """apt-get install ``names``, waiting for another apt instead of failing on its lock."""
        lock = ["-o", "DPkg::Lock::Timeout=600"]
        self.run(self._in_root(["apt-get", *lock, "update", "-q"]))
        self.run(self._in_root(["apt-get", *lock, "install", "-y", "-q",
                                "--no-install-recommends", *names]))

    def remove(self, names: list[str]) -> None:
        """apt-get remove ``names`` (what setup-pc installed, nothing else)."""
        self.run(self._in_root(["apt-get", "-o", "DPkg::Lock::Timeout=600", "remove", "-y",
                                "-q", *names]))

    def add_user(self, name: str, groups: list[str]) -> None:
        """useradd with a home folder and bash, in ``groups``."""
        argv = ["useradd", "--root", str(self.root), "--create-home", "--shell", "/bin/bash",
                "--user-group"]
        self.run(argv + (["--groups", ",".join(groups)] if groups else []) + [name])

    def delete_user(self, name: str) -> None:
        """userdel, keeping the home folder (it holds the statistics)."""
        self.run(["userdel", "--root", str(self.root), name])


def _installed(root: Path) -> set[str]:
    status = root / "var/lib/dpkg/status"
    if not status.is_file():
        return set()
    names = set()
    for stanza in status.read_text(errors="replace").split("\n\n"):
        fields = dict(line.split(": ", 1) for line in stanza.splitlines() if ": " in line)
        if fields.get("Status") == "install ok installed":
            names.add(fields.get("Package", "").split(":")[0])
    return names


def _table(root: Path, name: str) -> dict[str, list[str]]:
    path = root / "etc" / name
    if not path.is_file():
        return {}
    return {line.split(":")[0]: line.split(":") for line in path.read_text().splitlines()
            if line.count(":") >= 3}


class Setup:
    """Applies, prints or undoes a plan on ``root``, keeping the manifest up to date."""

    def __init__(self, root: Path, say: Say, runner: Runner | None = None,
                 dry_run: bool = False) -> None:
        self.root, self.say, self.dry_run = root, say, dry_run
        self.runner = runner or Runner(root)
        self.manifest_path = self.at(MANIFEST)
        self.backups = self.manifest_path.with_name("setup-pc-backup")
        self.entries: list[dict] = self._read_manifest()
        self.changed = 0
        # Setting up the running system (not an image): tell systemd and logind at once.
        self.live = root == Path("/") and Path("/run/systemd/system").is_dir() and not dry_run

    # -- paths and the manifest ------------------------------------------------------------
    def at(self, path: PurePosixPath) -> Path:
        """``path`` inside the root."""
        return self.root / path.relative_to("/")

    def _read_manifest(self) -> list[dict]:
        if not self.manifest_path.is_file():
            return []
        try:
            return json.loads(self.manifest_path.read_text())["entries"]
        except (ValueError, KeyError, TypeError) as exc:
            raise SetupError(f"{self.manifest_path}: not a setup-pc manifest ({exc})") from None

    def _record(self, entry: dict) -> None:
        if entry in self.entries or self.dry_run:
            return
        for folder in reversed(MANIFEST.parents):  # recorded too, so that --undo removes them
            if not self.at(folder).exists():
                self.at(folder).mkdir()
                self.entries.append({"kind": "dir", "path": str(folder)})
        self.entries.append(entry)
        tmp = self.manifest_path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"version": 1, "entries": self.entries}, indent=1) + "\n")
        tmp.replace(self.manifest_path)

    def _recorded(self, kind: str, key: str, value: object) -> bool:
        return any(e["kind"] == kind and e.get(key) == value for e in self.entries)

    def _ids(self, owner: str) -> tuple[int, int]:
        if not owner:
            return 0, 0
        fields = _table(self.root, "passwd").get(owner)
        if fields is None:
            raise SetupError(f"user {owner} is not in {self.root / 'etc/passwd'}")
        return int(fields[2]), int(fields[3])

    def _owned_by(self, path: Path, owner: str) -> bool:
        if os.geteuid() != 0:  # a test root made by a normal user: nobody can chown
            return True
        try:
            return (path.lstat().st_uid, path.lstat().st_gid) == self._ids(owner)
        except SetupError:  # the user does not exist yet (a dry run)
            return False

    def _chown(self, path: Path, owner: str) -> None:
        if os.geteuid() == 0:
            os.lchown(path, *self._ids(owner))

    def _mkdirs(self, path: PurePosixPath, owner: str) -> None:
        missing = [p for p in reversed(path.parents) if not self.at(p).exists()]
        for parent in missing:
            self.at(parent).mkdir()
            # Folders inside the user's home belong to the user, the rest to root.
            under_home = owner and str(parent).startswith(f"/home/{owner}/")
            self._chown(self.at(parent), owner if under_home else "")
            self._record({"kind": "dir", "path": str(parent)})

    def _backup(self, path: PurePosixPath) -> bool:
        """Keep the file setup-pc is about to replace, the first time it touches it."""
        if self._recorded("file", "path", str(path)):
            return any(e.get("path") == str(path) and e.get("backup") for e in self.entries)
        if not os.path.lexists(self.at(path)):
            return False
        copy = self.backups / path.relative_to("/")
        copy.parent.mkdir(parents=True, exist_ok=True)
        os.replace(self.at(path), copy)
        return True

    # -- applying ---------------------------------------------------------------------------
    def apply(self, changes: list[Change]) -> int:
        """Make every change true (or print it when dry); return how many were needed."""
        for change in changes:
            getattr(self, f"_apply_{type(change).__name__.lower()}")(change)
        if self.live and self.changed:
            self.runner.run(["systemctl", "daemon-reload"])
            for user in (c.name for c in changes if isinstance(c, User)):
                self.runner.run(["loginctl", "enable-linger", user])  # starts its systemd
        return self.changed

    def _change(self, text: str) -> bool:
        self.changed += 1
        self.say(("would " if self.dry_run else "") + text)
        return not self.dry_run

    def _apply_packages(self, change: Packages) -> None:
        missing = [n for n in change.names if n not in _installed(self.root)]
        if not missing:
            self.say(f"unchanged: packages {' '.join(change.names)}")
        elif self._change(f"install packages: {' '.join(missing)}"):
            self.runner.install(missing)
            self._record({"kind": "packages", "names": missing})

    def _apply_user(self, change: User) -> None:
        if change.name in _table(self.root, "passwd"):
            self.say(f"unchanged: user {change.name}")
            return
        groups = [g for g in change.groups if g in _table(self.root, "group")]
        if self._change(f"add user {change.name} (groups: {', '.join(groups) or 'none'})"):
            self.runner.add_user(change.name, groups)
            self._record({"kind": "user", "name": change.name})

    def _apply_file(self, change: File) -> None:
        target = self.at(change.path)
        old = target.read_text(errors="replace") if target.is_file() else None
        if (old == change.text and not target.is_symlink()
                and (target.stat().st_mode & 0o7777) == change.mode
                and self._owned_by(target, change.owner)):
            self.say(f"unchanged: {change.path}")
            return
        how = "create" if old is None else "change"
        owner = change.owner or "root"
        if not self._change(f"{how} {change.path} (mode {change.mode:o}, owner {owner})"):
            self._show(change, old)
            return
        self._mkdirs(change.path, change.owner)
        backup = self._backup(change.path)
        tmp = target.with_name(f".{target.name}.setup-pc")
        tmp.write_text(change.text)
        tmp.chmod(change.mode)
        self._chown(tmp, change.owner)
        tmp.replace(target)
        self._record({"kind": "file", "path": str(change.path), "backup": backup})

    def _show(self, change: File, old: str | None) -> None:
        if "pin_hash" in change.text:  # never print the hash of the staff PIN
            self.say("    (the kiosk's config, with the staff PIN's hash)")
            return
        lines = (change.text.splitlines() if old is None else
                 list(difflib.unified_diff(old.splitlines(), change.text.splitlines(),
                                           "now", "after", lineterm=""))[2:])
        for line in lines:
            self.say(f"    {line}")

    # -- undoing ----------------------------------------------------------------------------
    def undo(self) -> int:
        """Reverse what the manifest records, newest first; return how many steps."""
        if not self.entries:
            self.say(f"nothing to undo: no {MANIFEST} in {self.root}")
            return 0
        for entry in self.entries:
            if entry["kind"] == "user" and self.live:  # userdel refuses a user with processes
                uid = _table(self.root, "passwd").get(entry["name"], ["", "", ""])[2]
                self.say(f"stop the services of user {entry['name']}")
                self.runner.run(["loginctl", "disable-linger", entry["name"]])
                self.runner.run(["systemctl", "stop", f"user@{uid}.service"])
        # The manifest's own folders go last, with the manifest.
        own = [e for e in self.entries
               if e["kind"] == "dir" and PurePosixPath(e["path"]) in MANIFEST.parents]
        for entry in reversed(self.entries):
            if entry not in own:
                getattr(self, f"_undo_{entry['kind']}")(entry)
        if not self.dry_run:
            self.manifest_path.unlink()
            shutil.rmtree(self.backups, ignore_errors=True)
            for entry in reversed(own):
                self._undo_dir(entry)
            if self.live:
                self.runner.run(["systemctl", "daemon-reload"])
        return self.changed

    def _undo_file(self, entry: dict) -> None:
        path = PurePosixPath(entry["path"])
        restore = "restore the old" if entry["backup"] else "remove"
        if self._change(f"{restore} {path}"):
            if os.path.lexists(self.at(path)):
                self.at(path).unlink()
            if entry["backup"]:
                os.replace(self.backups / path.relative_to("/"), self.at(path))

    def _undo_dir(self, entry: dict) -> None:
        folder = self.at(PurePosixPath(entry["path"]))
        if self.dry_run:  # its files are still there: what stays is known only when undoing
            self.say(f"would remove {entry['path']}/ if nothing else is in it")
        elif folder.is_dir() and any(folder.iterdir()):
            self.say(f"keep {entry['path']}/ (it holds files setup-pc did not write)")
        elif folder.is_dir() and self._change(f"remove {entry['path']}/"):
            folder.rmdir()

    def _undo_user(self, entry: dict) -> None:
        if self._change(f"delete user {entry['name']} (its home folder stays)"):
            self.runner.delete_user(entry["name"])

    def _undo_packages(self, entry: dict) -> None:
        if self._change(f"remove packages: {' '.join(entry['names'])}"):
            self.runner.remove(entry["names"])
