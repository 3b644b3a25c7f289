"""A hostile USB stick (issue 17): a bomb and a malformed manifest beside a good bundle.

The picker must open at once (listing happens in a worker), list the bad ones as bad with the
reason, and keep the good one installable.
"""

import gzip
import io
import json
import os
import tarfile
from pathlib import Path

import pytest
from conftest import CONTENT
from helpers.bundles import stick_with_update
from test_usb_install import PIN, open_staff_menu, tap

from kiosk.bundle import CURRENT, BundleError, install_bundle
from kiosk.bundlemake import make_bundle
from kiosk.bundlemedia import find_bundles, read_manifest
from kiosk.pin import hash_pin

MB = 1 << 20


def zero_bomb(out: Path, gigabytes: int) -> Path:
    """A .tar.gz of ``gigabytes`` GB of zeros with the manifest last, a few MB on disk.

    Gzip members may be concatenated, so one compressed megabyte of zeros is repeated.
    """
    header = tarfile.TarInfo("content/zeros.png")
    header.size = gigabytes * 1024 * MB
    block = gzip.compress(b"\0" * MB, compresslevel=9)
    with out.open("wb") as f:
        f.write(gzip.compress(header.tobuf(format=tarfile.PAX_FORMAT)))
        for _ in range(gigabytes * 1024):
            f.write(block)
        manifest = tarfile.TarInfo("manifest.json")
        data = b'{"format": 1}'
        manifest.size = len(data)
        tail = manifest.tobuf() + data + b"\0" * (512 - len(data)) + b"\0" * 1024
        f.write(gzip.compress(tail))
    return out


def malformed(good: Path, out: Path) -> Path:
    """A bundle whose manifest's check summary is a list (the old picker failed to open)."""
    with tarfile.open(good) as tar:
        members = [(m, tar.extractfile(m).read()) for m in tar.getmembers()]
    manifest = json.loads(members[0][1])
    manifest["check"] = [1]
    with tarfile.open(out, "w:gz") as tar:
        for info, data in [(members[0][0], json.dumps(manifest).encode()), *members[1:]]:
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out


@pytest.fixture(scope="module")
def hostile_stick(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("media")
    usb = stick_with_update(root, CONTENT, "b-good.tar.gz")
    zero_bomb(usb / "a-bomb.tar.gz", 10)
    malformed(usb / "b-good.tar.gz", usb / "c-malformed.tar.gz")
    os.mkfifo(usb / "d-fifo.tar.gz")
    return root


def test_a_bomb_a_fifo_and_a_malformed_manifest_are_listed_as_bad(hostile_stick: Path):
    found = {f.path.name: f for f in find_bundles([hostile_stick])}
    assert sorted(found) == ["a-bomb.tar.gz", "b-good.tar.gz", "c-malformed.tar.gz"]
    assert found["b-good.tar.gz"].manifest is not None
    assert found["a-bomb.tar.gz"].summary == ("a-bomb.tar.gz: cannot be used (a-bomb.tar.gz "
                                              "does not start with manifest.json: not a kiosk "
                                              "bundle)")
    assert found["c-malformed.tar.gz"].summary == (
        "c-malformed.tar.gz: cannot be used (the bundle's manifest.json is not a bundle "
        "manifest)")


def test_reading_a_manifest_stops_at_its_time_limit(hostile_stick: Path):
    """A stick that delivers the manifest too slowly (here: a clock that jumps) is given up."""
    ticks = iter(range(0, 1000, 10))
    with pytest.raises(BundleError, match=r"b-good.tar.gz took more than 5 s to read"):
        read_manifest(hostile_stick / "kiosk-user" / "STICK" / "b-good.tar.gz", 5.0,
                      clock=lambda: next(ticks))


def test_the_picker_opens_at_once_and_the_good_bundle_installs(
        make_kiosk, qtbot, hostile_stick, tmp_path):
    bundles = tmp_path / "bundles"
    make_bundle(CONTENT, tmp_path / "shipped.tar.gz")
    install_bundle(tmp_path / "shipped.tar.gz", bundles)
    window = make_kiosk(content=bundles / CURRENT, mode="kiosk",
                        pin_hash=hash_pin(PIN, iterations=1000))
    picker = window.bundle_picker
    picker._roots = (hostile_stick,)
    open_staff_menu(qtbot, window)
    tap(qtbot, window.staff_menu.usb_button)
    # The tap returned before the stick was read: the picker is up, saying it is looking.
    assert picker.isVisible() and picker.busy
    assert picker.status.text() == "Looking for bundles on the stick..."
    qtbot.waitUntil(lambda: not picker.busy and len(picker.buttons) == 3)
    labels = [b.text() for b in picker.buttons]
    assert [b.isEnabled() for b in picker.buttons] == [True, False, False], labels
    assert labels[0].startswith("b-good.tar.gz: version ")
    with qtbot.waitSignal(picker.installed, timeout=30000):
        tap(qtbot, picker.buttons[0])
    assert picker.status.text().startswith("Installed version")
    tap(qtbot, picker.back_button)
    tap(qtbot, window.staff_menu.back_button)
    window.navigator.go(0)
    assert window.current_view.text.document().toPlainText().startswith(
        "Updated from the stick")


def test_the_bomb_is_ten_gigabytes_of_zeros(hostile_stick: Path):
    """The bomb is real: its first member claims 10 GB and its data inflates to zeros."""
    bomb = hostile_stick / "kiosk-user" / "STICK" / "a-bomb.tar.gz"
    assert bomb.stat().st_size < 20 * MB
    with tarfile.open(bomb) as tar:
        first = tar.next()
        assert first.name == "content/zeros.png" and first.size == 10 * 1024 * MB
        assert tar.extractfile(first).read(MB) == b"\0" * MB
