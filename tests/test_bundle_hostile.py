"""Crafted bundles (issue 17): a version is a name, never a path; nothing lands outside.

Each bundle below is built the way an attacker would: a real, clean bundle whose manifest
or archive is then rewritten. Every one must be refused through the real command line with
exit 1 (the bundle's fault) or 2 (the bundles folder's fault), one line on stderr, nothing
written outside the bundles folder, and ``current`` untouched.
"""

import io
import json
import os
import tarfile
from pathlib import Path

import pytest
from helpers.bundles import make_content

from kiosk.bundle import install_bundle, installed
from kiosk.bundlemake import make_bundle
from kiosk.cli import main
from kiosk.manifest import content_version


def members_of(bundle: Path) -> list[tuple[tarfile.TarInfo, bytes]]:
    with tarfile.open(bundle) as tar:
        return [(m, tar.extractfile(m).read()) for m in tar.getmembers()]


def write(out: Path, members, fmt=tarfile.PAX_FORMAT) -> Path:
    with tarfile.open(out, "w:gz", format=fmt) as tar:
        for info, data in members:
            info = tarfile.TarInfo(info.name) if not isinstance(info, tarfile.TarInfo) else info
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out


def forged(manifest_change=None, rename=None):
    """A builder: the good bundle with its manifest changed and its version re-hashed so
    that the old 'hash suffix' check passes (what an attacker does)."""
    def build(good: Path, out: Path) -> Path:
        members = members_of(good)
        manifest = json.loads(members[0][1])
        files = manifest["files"]
        if rename:
            old, new = rename
            files[new] = files.pop(old)
            members = [(tarfile.TarInfo(f"content/{new}") if m.name == f"content/{old}" else m, d)
                       for m, d in members]
        if manifest_change:
            manifest_change(manifest)
        text = json.dumps(manifest).encode() if isinstance(manifest, dict) else manifest
        return write(out, [(tarfile.TarInfo("manifest.json"), text), *members[1:]])
    return build


def version_day(day: str):
    """Set the manifest's version to ``day`` + '-' + the real hash of its files."""
    def change(manifest):
        manifest["version"] = content_version(manifest["files"], day)
    return change


def deep_manifest(good: Path, out: Path) -> Path:
    members = members_of(good)
    text = members[0][1].decode()
    deep = "[" * 200_000 + "]" * 200_000
    text = text.replace('"check": {', f'"deep": {deep}, "check": {{', 1)
    return write(out, [(tarfile.TarInfo("manifest.json"), text.encode()), *members[1:]])


def nul_in_path(good: Path, out: Path) -> Path:
    members = members_of(good)
    name = "content/en/" + "x" * 120 + "\x00.md"  # long: stored in a pax header, NUL and all
    return write(out, [*members, (tarfile.TarInfo(name), b"boo")])


def lone_surrogate(good: Path, out: Path) -> Path:
    members = members_of(good)
    manifest = json.loads(members[0][1])
    manifest["files"]["en/\ud800.md"] = "0" * 64  # hashing this name crashed the old check
    text = json.dumps(manifest).encode()
    return write(out, [(tarfile.TarInfo("manifest.json"), text), *members[1:]])


def too_many_files(good: Path, out: Path) -> Path:
    members = members_of(good)
    extra = [(tarfile.TarInfo(f"content/en/f{i}.png"), b"") for i in range(5001)]
    return write(out, [*members, *extra])


# name: (builder, exit status, the start of the one line on stderr)
CRAFTED = {
    "traversal version ../../../.-<hash>": (
        forged(version_day("../../../.")), 1, "refused: the bundle's version '../../../."),
    "absolute version /tmp/evil1-<hash>": (
        forged(version_day("/tmp/evil1")), 1, "refused: the bundle's version '/tmp/evil1-"),
    "absolute version on another fs /dev/shm/x-<hash>": (
        forged(version_day("/dev/shm/x")), 1, "refused: the bundle's version '/dev/shm/x-"),
    "version a/b/c/d/e/-<hash>": (
        forged(version_day("a/b/c/d/e/")), 1, "refused: the bundle's version 'a/b/c/d/e/-"),
    "newline in version": (
        forged(version_day("2026-11-2\n")), 1, "refused: the bundle's version '2026-11-2\\n-"),
    "version not a string": (
        forged(lambda m: m.update(version=["2026"])), 1, "refused: the bundle's version ['2026']"),
    "manifest nested 200k deep": (
        deep_manifest, 1, "the bundle's manifest.json is nested too deeply"),
    "manifest larger than 2 MB": (
        forged(lambda m: m.update(pad=" " * (3 << 20))), 1,
        "refused: the bundle's manifest.json is larger than 2 MB"),
    "check summary nested": (
        forged(lambda m: m.update(check={"errors": [[[]]]})), 1,
        "the bundle's manifest.json is not a bundle manifest (its check summary"),
    "NUL in a tar path": (nul_in_path, 1, "refused: member 'content/en/xxxx"),
    "lone surrogate in a file name": (
        lone_surrogate, 1, "refused: the manifest's file 'en/\\ud800.md' has a name that is "
                           "not UTF-8 text"),
    "newline in a file name": (
        forged(rename=("en/welcome.md", "en/wel\ncome.md")), 1,
        "refused: member 'content/en/wel\\ncome.md' has a control character"),
    "dot-dot file name": (
        forged(rename=("en/welcome.md", "en/../../welcome.md")), 1,
        "refused: member 'content/en/../../welcome.md' would land outside the bundle"),
    "5001 files": (too_many_files, 1, "refused: the bundle holds more than 5000 files"),
}


def snapshot(folder: Path) -> dict:
    return {str(p.relative_to(folder)): os.readlink(p) if p.is_symlink() else p.stat().st_size
            for p in sorted(folder.rglob("*")) if p.name != ".lock"}


def absolute_targets() -> set[Path]:
    """Where the absolute versions above would have installed."""
    return set(Path("/tmp").glob("evil1-*")) | set(Path("/dev/shm").glob("x-*"))


@pytest.fixture
def good(tmp_path: Path) -> Path:
    out = tmp_path / "src" / "good.tar.gz"
    make_bundle(make_content(tmp_path / "src" / "content"), out)
    return out


@pytest.mark.parametrize("case", CRAFTED)
def test_a_crafted_bundle_is_refused_with_one_line_and_nothing_changes(
        tmp_path: Path, good: Path, case: str, capsys):
    build, status, message = CRAFTED[case]
    # Deep enough that ../../../ from the bundles folder still lands inside tmp_path.
    bundles = tmp_path / "a" / "b" / "c" / "bundles"
    first = install_bundle(good, bundles)
    bad = build(good, tmp_path / "bad.tar.gz")
    outside = absolute_targets()
    before = snapshot(tmp_path)
    capsys.readouterr()
    assert main(["install-bundle", str(bad), "--bundles", str(bundles)]) == status
    err = capsys.readouterr().err
    assert err.startswith(f"kiosk install-bundle: error: {message}"), err[:300]
    assert err.count("\n") == 1 and err.endswith("; nothing was changed\n")
    assert snapshot(tmp_path) == before
    assert installed(bundles) == {"current": first.version}
    assert absolute_targets() == outside


def test_bundles_option_pointing_at_a_file_exits_2_with_one_line(tmp_path: Path, good: Path,
                                                                 capsys):
    target = tmp_path / "not-a-folder"
    target.write_text("keep me")
    assert main(["install-bundle", str(good), "--bundles", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kiosk install-bundle: error: {target} cannot be the bundles "
                          "folder: File exists") and err.count("\n") == 1
    assert target.read_text() == "keep me"
    assert main(["rollback", "--bundles", str(target)]) == 1  # nothing to roll back to
    assert capsys.readouterr().err.count("\n") == 1


def test_a_lock_that_is_a_folder_exits_2_with_one_line(tmp_path: Path, good: Path, capsys):
    bundles = tmp_path / "bundles"
    first = install_bundle(good, bundles)
    (bundles / ".lock").unlink()
    (bundles / ".lock").mkdir()
    assert main(["install-bundle", str(good), "--bundles", str(bundles)]) == 2
    err = capsys.readouterr().err
    assert err == (f"kiosk install-bundle: error: {bundles / '.lock'} cannot be used as the "
                   "lock file (Is a directory): remove it; nothing was changed\n")
    assert installed(bundles) == {"current": first.version}
    assert main(["rollback", "--bundles", str(bundles)]) == 1  # no previous: said, not locked


def test_a_link_planted_as_a_version_folder_is_not_followed(tmp_path: Path, good: Path,
                                                           capsys):
    """Second guard: the folder a version names must resolve inside the bundles folder."""
    bundles = tmp_path / "bundles"
    with tarfile.open(good) as tar:
        version = json.loads(tar.extractfile("manifest.json").read())["version"]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    bundles.mkdir()
    (bundles / version).symlink_to(elsewhere)
    assert main(["install-bundle", str(good), "--bundles", str(bundles)]) == 1
    assert capsys.readouterr().err == (f"kiosk install-bundle: error: refused: "
                                       f"{bundles / version} is not a folder inside {bundles}"
                                       "; nothing was changed\n")
    assert list(elsewhere.iterdir()) == [] and "current" not in installed(bundles)


def test_kiosk_bundle_skips_a_hard_link_to_a_file_outside_the_content(tmp_path: Path,
                                                                      capsys):
    root = make_content(tmp_path / "content")
    secret = tmp_path / "secret.key"
    secret.write_text("PRIVATE KEY")
    os.link(secret, root / "en" / "key.png")
    out = tmp_path / "out.tar.gz"
    assert main(["bundle", "--content", str(root), str(out)]) == 0
    captured = capsys.readouterr()
    with tarfile.open(out) as tar:
        assert tar.getnames() == ["manifest.json", "content/en/safety.md",
                                  "content/en/welcome.md"]
        assert b"PRIVATE" not in b"".join(tar.extractfile(m).read() for m in tar.getmembers())
    assert captured.out.startswith(f"wrote {out}: version ")


def test_the_version_folder_is_checked_for_every_switch(tmp_path: Path, good: Path):
    """A ``previous`` link that someone pointed outside is never switched to."""
    bundles = tmp_path / "bundles"
    first = install_bundle(good, bundles)
    (bundles / "previous").symlink_to("/etc")
    assert main(["rollback", "--bundles", str(bundles)]) == 1
    assert installed(bundles)["current"] == first.version


LONG = "/tmp/" + "a" * 5000  # longer than any file name may be: ENAMETOOLONG


@pytest.mark.parametrize("args", [
    ["install-bundle", LONG],
    ["install-bundle", "{good}", "--bundles", LONG],
    ["rollback", "--bundles", LONG],
    ["bundle", "{tmp}/x.tar.gz", "--content", LONG],
    ["bundle", LONG + "/x.tar.gz"],
    ["bundle", "/proc/no-such-folder/x.tar.gz"],
    ["check", "--content", LONG],
    ["stats", "--db", LONG],
    ["stats", "--merge", LONG],
], ids=lambda a: " ".join(x[:20] for x in a))
def test_paths_that_cannot_be_used_are_one_line_and_status_2(tmp_path: Path, good: Path, args,
                                                            capsys):
    args = [a.format(good=good, tmp=tmp_path) for a in args]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kiosk {args[0]}: error: ") and err.count("\n") == 1, err[:300]
    assert "Traceback" not in err


def test_a_fifo_given_as_the_bundle_is_one_line_and_status_2(tmp_path: Path, capsys):
    fifo = tmp_path / "bundle.tar.gz"
    os.mkfifo(fifo)
    assert main(["install-bundle", str(fifo), "--bundles", str(tmp_path / "b")]) == 2
    assert capsys.readouterr().err == (f"kiosk install-bundle: error: {fifo} is not a bundle "
                                       "file (is a FIFO (named pipe), not a plain file)\n")
