"""A clinic with no network updates a kiosk from a USB stick, through the staff menu."""

from pathlib import Path

import pytest
from conftest import CONTENT, tap
from helpers.bundles import stick_with_update
from PySide6.QtCore import QPoint, Qt

from kiosk.bundle import CURRENT, bundles_dir_of, install_bundle
from kiosk.bundlemake import make_bundle
from kiosk.bundlemedia import find_bundles
from kiosk.pin import hash_pin

PIN = "2468"


@pytest.fixture(scope="module")
def stick(tmp_path_factory) -> Path:
    """A mounted stick with a good bundle (new heading), a broken file and other files."""
    root = tmp_path_factory.mktemp("media")
    usb = stick_with_update(root, CONTENT, "clinic-content.tar.gz")
    (usb / "holiday-photos.tar.gz").write_bytes(b"not a bundle at all")
    (usb / "notes.txt").write_text("hello")
    return root


@pytest.fixture
def kiosk_bundles(tmp_path) -> Path:
    """A kiosk whose content is <bundles>/current, with the shipped content installed."""
    bundles = tmp_path / "bundles"
    make_bundle(CONTENT, tmp_path / "shipped.tar.gz")
    install_bundle(tmp_path / "shipped.tar.gz", bundles)
    return bundles


def test_bundles_on_removable_media_are_found_and_broken_ones_explained(stick):
    found = find_bundles([stick])
    assert [f.path.name for f in found] == ["clinic-content.tar.gz", "holiday-photos.tar.gz"]
    good, bad = found
    assert "check: 0 error(s)" in good.summary and good.manifest.version in good.summary
    assert bad.manifest is None and "cannot be read" in bad.summary
    assert find_bundles([stick / "nowhere"]) == []



def open_staff_menu(qtbot, window) -> None:
    corner = QPoint(window.width() - 20, 20)
    for _ in range(5):
        qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=corner)
    for digit in PIN:
        tap(qtbot, window.pin_pad.keys[digit])
    tap(qtbot, window.pin_pad.keys["OK"])
    assert window.staff_menu.isVisible()


def test_staff_install_from_usb_and_the_kiosk_shows_it(make_kiosk, qtbot, stick,
                                                       kiosk_bundles):
    window = make_kiosk(content=kiosk_bundles / CURRENT, mode="kiosk",
                        pin_hash=hash_pin(PIN, iterations=1000))
    window.bundle_picker._roots = (stick,)
    assert bundles_dir_of(window.settings.content) == kiosk_bundles
    open_staff_menu(qtbot, window)
    tap(qtbot, window.staff_menu.usb_button)
    picker = window.bundle_picker
    assert picker.isVisible()
    qtbot.waitUntil(lambda: len(picker.buttons) == 2)  # listed by a worker thread
    assert not picker.buttons[1].isEnabled()  # the broken file cannot be chosen
    with qtbot.waitSignal(picker.installed):
        tap(qtbot, picker.buttons[0])
    assert picker.status.text().startswith("Installed version")
    tap(qtbot, picker.back_button)
    tap(qtbot, window.staff_menu.back_button)
    window.navigator.go(0)
    assert window.current_view.text.document().toPlainText().startswith(
        "Updated from the stick")


def test_a_kiosk_not_on_bundles_says_so(make_kiosk, qtbot, stick):
    window = make_kiosk(mode="kiosk", pin_hash=hash_pin(PIN, iterations=1000))
    window.bundle_picker._roots = (stick,)
    open_staff_menu(qtbot, window)
    tap(qtbot, window.staff_menu.usb_button)
    assert "does not show installed bundles" in window.bundle_picker.status.text()
    assert window.bundle_picker.buttons == []
