"""Content bundles: made only from clean content, installed safely, refused when corrupt."""

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from conftest import ROOT
from helpers.bundles import make_content

from kiosk.bundle import (
    TEST_PAUSE_ENV,
    BundleError,
    install_bundle,
    installed,
    rollback,
)
from kiosk.bundlemake import make_bundle
from kiosk.cli import main
from kiosk.content import load_pages


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A bundle of a clean two-page content folder."""
    out = tmp_path / "one.tar.gz"
    make_bundle(make_content(tmp_path / "one"), out)
    return out


@pytest.fixture
def bundle_two(tmp_path: Path) -> Path:
    """A bundle of different content (a third page)."""
    out = tmp_path / "two.tar.gz"
    make_bundle(make_content(tmp_path / "two", ("Welcome", "Safety", "Timeline")), out)
    return out


def snapshot(folder: Path) -> dict:
    """Every name under ``folder`` with its link target or size, to prove nothing changed."""
    return {str(p.relative_to(folder)): os.readlink(p) if p.is_symlink() else p.stat().st_size
            for p in sorted(folder.rglob("*")) if p.name != ".lock"}


def test_bundle_has_a_manifest_with_version_checksums_and_check_summary(bundle: Path):
    with tarfile.open(bundle) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert names == ["manifest.json", "content/en/safety.md", "content/en/welcome.md"]
    assert set(manifest) == {"format", "version", "created", "files", "check"}
    assert sorted(manifest["files"]) == ["en/safety.md", "en/welcome.md"]
    assert all(len(sha) == 64 for sha in manifest["files"].values())
    assert manifest["version"][:10] == manifest["created"][:10]
    assert manifest["check"] == {"status": 0, "pages": 2, "languages": 1, "errors": 0,
                                 "warnings": 0, "info": 0}


def test_content_that_fails_check_is_not_bundled(tmp_path: Path, capsys):
    root = make_content(tmp_path / "c")
    (root / "en" / "safety.md").write_text("---\ntitle: Safety\n---\n\n# Safety\n\nHi.\n")
    out = tmp_path / "b.tar.gz"
    assert main(["bundle", "--content", str(root), str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("kiosk bundle: error: content fails check with 3 error(s), so it "
                          "was not bundled; the first: ")
    assert "safety.md:1: error: front matter lacks 'order'" in err
    assert not out.exists()


def test_install_unpacks_beside_and_switches_current(tmp_path: Path, bundle: Path,
                                                     bundle_two: Path):
    bundles = tmp_path / "bundles"
    first = install_bundle(bundle, bundles)
    assert installed(bundles) == {"current": first.version}
    assert [p.title for p in load_pages(bundles / "current", "en")] == ["Welcome", "Safety"]
    second = install_bundle(bundle_two, bundles)
    assert installed(bundles) == {"current": second.version, "previous": first.version}
    assert len(load_pages(bundles / "current", "en")) == 3
    assert (bundles / first.version / "en" / "welcome.md").is_file()
    assert (bundles / first.version).stat().st_mode & 0o777 == 0o755
    assert json.loads((bundles / "current" / "manifest.json").read_text())["version"] == \
        second.version


@pytest.fixture
def three_installed(tmp_path: Path, bundle: Path, bundle_two: Path):
    """Three versions installed one after another; the third is current."""
    out = tmp_path / "three.tar.gz"
    make_bundle(make_content(tmp_path / "three", ("Welcome", "Safety", "Timeline", "Costs")),
                out)
    bundles = tmp_path / "bundles"
    made = [install_bundle(b, bundles).version for b in (bundle, bundle_two, out)]
    return bundles, made


def test_each_rollback_goes_one_version_further_back_and_says_which(three_installed, capsys):
    bundles, (first, second, third) = three_installed
    assert main(["rollback", "--bundles", str(bundles)]) == 0
    assert capsys.readouterr().out == (f"rolled back: {bundles / 'current'} now shows "
                                       f"{second} (was {third})\n")
    assert installed(bundles) == {"current": second, "previous": third}
    assert len(load_pages(bundles / "current", "en")) == 3
    assert main(["rollback", "--bundles", str(bundles)]) == 0
    assert capsys.readouterr().out == (f"rolled back: {bundles / 'current'} now shows "
                                       f"{first} (was {second})\n")
    assert [p.title for p in load_pages(bundles / "current", "en")] == ["Welcome", "Safety"]
    assert main(["rollback", "--bundles", str(bundles)]) == 1
    assert capsys.readouterr().err == (f"kiosk rollback: error: no previous version to roll "
                                       f"back to in {bundles}: {first} is the oldest "
                                       "installed\n")
    assert installed(bundles)["current"] == first


def test_rollback_to_picks_a_version_and_undoes_a_rollback(three_installed, capsys):
    bundles, (first, second, third) = three_installed
    assert main(["rollback", "--bundles", str(bundles), "--to", first]) == 0
    assert capsys.readouterr().out.endswith(f"now shows {first} (was {third})\n")
    assert main(["rollback", "--bundles", str(bundles), "--to", third]) == 0
    assert len(load_pages(bundles / "current", "en")) == 4
    # Going forward with --to does not change the order: one step back is still the second.
    assert rollback(bundles).new == second
    assert main(["rollback", "--bundles", str(bundles), "--to", second]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"{bundles / 'current'} already shows {second}; nothing changed")


def test_rollback_to_a_version_not_installed_names_the_installed_ones(three_installed,
                                                                       capsys):
    bundles, made = three_installed
    before = snapshot(bundles)
    assert main(["rollback", "--bundles", str(bundles), "--to", "2020-01-01-nothere"]) == 2
    assert capsys.readouterr().err == (
        f"kiosk rollback: error: version '2020-01-01-nothere' is not installed in {bundles} "
        f"(installed, oldest first: {', '.join(made)})\n")
    assert snapshot(bundles) == before


def test_installing_after_a_rollback_makes_the_new_version_the_newest(three_installed,
                                                                      tmp_path: Path):
    bundles, (first, second, third) = three_installed
    rollback(bundles)
    rollback(bundles)
    out = tmp_path / "four.tar.gz"
    fourth = make_bundle(make_content(tmp_path / "four", ("Welcome", "Costs")), out).version
    install_bundle(out, bundles)
    assert rollback(bundles).new == third
    # Reinstalling an old version makes it the newest: one step back is the one before.
    install_bundle(tmp_path / "one.tar.gz", bundles)
    assert rollback(bundles).new == fourth


def test_kiosks_installed_before_the_history_roll_back_by_age(three_installed):
    bundles, (first, second, third) = three_installed
    (bundles / "history").unlink()
    assert rollback(bundles).new == second
    assert rollback(bundles).new == first


def test_rollback_with_nothing_before_says_so(tmp_path: Path, bundle: Path, capsys):
    bundles = tmp_path / "bundles"
    version = install_bundle(bundle, bundles).version
    assert main(["rollback", "--bundles", str(bundles)]) == 1
    assert capsys.readouterr().err == (f"kiosk rollback: error: no previous version to roll "
                                       f"back to in {bundles}: {version} is the oldest "
                                       "installed\n")


def rewrite(bundle: Path, out: Path, change) -> Path:
    """Copy ``bundle`` member by member, letting ``change(name, data)`` alter or add members."""
    with tarfile.open(bundle) as src, tarfile.open(out, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            for info, new in change(member.name, data):
                dst.addfile(info, io.BytesIO(new) if new is not None else None)
    return out


def plain(name: str, data: bytes) -> list:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    return [(info, data)]


def link(name: str, target: str, kind=tarfile.SYMTYPE) -> list:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, target
    return [(info, None)]


def tampered(name, data):
    return plain(name, data.replace(b"small words", b"SMALL WORDS") if "welcome" in name
                 else data)


def with_extra(extra):
    def change(name, data):
        return plain(name, data) + (extra if name == "manifest.json" else [])
    return change


CORRUPT = {
    "bad checksum": (tampered, "checksum mismatch for en/welcome.md: the bundle is damaged"),
    "traversal": (with_extra(plain("../../x", b"boo")),
                  "refused: member '../../x' would land outside the bundle"),
    "absolute": (with_extra(plain("/tmp/evil.md", b"boo")),
                 "refused: member '/tmp/evil.md' has an absolute path"),
    "symlink": (with_extra(link("content/en/passwd.md", "/etc/passwd")),
                "refused: member 'content/en/passwd.md' is a link; a bundle holds plain "
                "files only"),
    "hard link": (with_extra(link("content/en/x.md", "content/en/welcome.md", tarfile.LNKTYPE)),
                  "refused: member 'content/en/x.md' is a link; a bundle holds plain files only"),
    "unlisted file": (with_extra(plain("content/en/extra.md", b"boo")),
                      "the bundle's files do not match its manifest (not listed: en/extra.md)"),
    "stray member": (with_extra(plain("run.sh", b"rm -rf /")),
                     "refused: member 'run.sh' is neither manifest.json nor under content/"),
}


@pytest.mark.parametrize("case", CORRUPT)
def test_corrupt_bundle_is_refused_and_nothing_changes(tmp_path: Path, bundle: Path,
                                                       bundle_two: Path, case: str, capsys):
    bundles = tmp_path / "bundles"
    install_bundle(bundle, bundles)
    before = snapshot(bundles)
    change, message = CORRUPT[case]
    bad = rewrite(bundle_two, tmp_path / "bad.tar.gz", change)
    assert main(["install-bundle", str(bad), "--bundles", str(bundles)]) == 1
    assert capsys.readouterr().err == (f"kiosk install-bundle: error: {message}; nothing was "
                                       "changed\n")
    assert snapshot(bundles) == before
    assert not (tmp_path / "evil.md").exists() and not (tmp_path.parent / "x").exists()


def test_truncated_bundle_is_refused(tmp_path: Path, bundle: Path):
    bundles = tmp_path / "bundles"
    install_bundle(bundle, bundles)
    before = snapshot(bundles)
    # Cut inside the last file's data (a tar ends in padding that can go unmissed).
    raw = gzip.decompress(bundle.read_bytes())
    with tarfile.open(bundle) as tar:
        last = tar.getmembers()[-1]
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(gzip.compress(raw[: last.offset_data + last.size // 2]))
    with pytest.raises(BundleError, match="the archive is damaged or truncated"):
        install_bundle(cut, bundles)
    half = tmp_path / "half.tar.gz"
    half.write_bytes(bundle.read_bytes()[: bundle.stat().st_size // 2])
    with pytest.raises(BundleError, match="the archive is damaged or truncated"):
        install_bundle(half, bundles)
    assert snapshot(bundles) == before


def test_a_changed_manifest_is_refused(tmp_path: Path, bundle: Path):
    def forged(name, data):
        if name != "manifest.json":
            return plain(name, data)
        manifest = json.loads(data)
        manifest["files"]["en/welcome.md"] = "0" * 64
        return plain(name, json.dumps(manifest).encode())

    bad = rewrite(bundle, tmp_path / "forged.tar.gz", forged)
    with pytest.raises(BundleError, match="does not match its files: the manifest was changed"):
        install_bundle(bad, tmp_path / "bundles")


def test_install_killed_between_unpack_and_switch_leaves_the_old_content(
        tmp_path: Path, bundle: Path, bundle_two: Path):
    bundles = tmp_path / "bundles"
    old = install_bundle(bundle, bundles)
    env = dict(os.environ, **{TEST_PAUSE_ENV: "60"})
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "install-bundle", str(bundle_two),
         "--bundles", str(bundles)], stderr=subprocess.PIPE, text=True, env=env)
    try:
        # The hook says when it has unpacked and is about to switch.
        assert proc.stderr.readline() == ("kiosk: install-bundle: unpacked, pausing before "
                                          "the switch\n")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        proc.kill()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    assert installed(bundles) == {"current": old.version}
    assert [p.title for p in load_pages(bundles / "current", "en")] == ["Welcome", "Safety"]
    assert main(["check", "--content", str(bundles / "current")]) == 0
    # The next install finishes the job.
    new = install_bundle(bundle_two, bundles)
    assert installed(bundles) == {"current": new.version, "previous": old.version}
    assert not list(bundles.glob(".unpack-*")) and not list(bundles.glob(".*.tmp-*"))


def test_install_killed_while_unpacking_leaves_the_old_content(tmp_path: Path, bundle: Path,
                                                                bundle_two: Path):
    """A kill before the rename leaves only a hidden temporary folder, removed next time."""
    bundles = tmp_path / "bundles"
    old = install_bundle(bundle, bundles)
    leftover = bundles / ".unpack-killed"
    (leftover / "en").mkdir(parents=True)
    (leftover / "en" / "welcome.md").write_text("half a pa")
    assert installed(bundles) == {"current": old.version}
    install_bundle(bundle_two, bundles)
    assert not leftover.exists()


def test_missing_bundle_file_exits_2(tmp_path: Path, capsys):
    assert main(["install-bundle", str(tmp_path / "none.tar.gz"), "--bundles",
                 str(tmp_path)]) == 2
    assert capsys.readouterr().err == (f"kiosk install-bundle: error: bundle not found: "
                                       f"{tmp_path / 'none.tar.gz'}\n")


def test_kiosk_shows_the_current_bundle(tmp_path: Path, bundle: Path, make_kiosk):
    bundles = tmp_path / "bundles"
    install_bundle(bundle, bundles)
    window = make_kiosk(content=bundles / "current", show=False)
    bar = window.tabs.tabBar()
    assert [bar.tabText(i) for i in range(bar.count())] == ["Welcome", "Safety"]


def test_a_running_kiosk_takes_a_new_bundle_at_the_next_reset_only(
        tmp_path: Path, bundle: Path, bundle_two: Path, make_kiosk, caplog):
    bundles = tmp_path / "bundles"
    install_bundle(bundle, bundles)
    window = make_kiosk(content=bundles / "current")
    install_bundle(bundle_two, bundles)
    assert window.tabs.count() == 2, "never under a patient's finger"
    window.reset("idle")
    assert [window.tabs.tabText(i) for i in range(3)] == ["Welcome", "Safety", "Timeline"]
    # A version whose pages cannot be read is not shown: the old content stays.
    broken = bundles / "2026-01-01-000000000000"
    (broken / "en").mkdir(parents=True)
    (broken / "manifest.json").write_text("{}")
    (broken / "en" / "welcome.md").write_text("---\ntitle: [oops\n---\n")
    os.replace(bundles / "current", tmp_path / "old-link")
    os.symlink(broken.name, bundles / "current")
    window.reset("idle")
    assert window.tabs.count() == 3
    assert "not shown, the old stays" in caplog.text


def test_readme_and_fleet_guide_describe_the_rollback_that_ships(capsys):
    with pytest.raises(SystemExit):
        main(["rollback", "--help"])
    usage = capsys.readouterr().out
    assert "--to VERSION" in usage and "one more version back" in usage
    readme = next(line for line in (ROOT / "README.md").read_text().splitlines()
                  if line.startswith("kiosk rollback"))
    assert "--to VERSION" in readme and "one version back" in readme
    fleet = (ROOT / "docs" / "fleet.md").read_text()
    assert "rollback --to" in fleet and "one more version back" in fleet
    assert "undoes it" not in readme and "current <-> previous" not in fleet
