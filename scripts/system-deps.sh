#!/usr/bin/env bash
# Install the Debian/Ubuntu libraries Qt needs, when they are missing.
# Usage: scripts/system-deps.sh run|test
# As root with apt-get it installs them; otherwise it prints the exact command to run.
set -euo pipefail

# Measured on a minimal Debian 12: what the Qt offscreen platform and our tests need...
run_pkgs=(libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3
          libx11-6 fonts-dejavu-core libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4
          libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-image0
          libxcb-xinerama0 libxcb-xkb1 espeak-ng
          libxtst6  # XTEST: the window guard presses Escape to close a window manager's menu
          libwayland-cursor0  # Qt's Wayland plugin (cage, weston) needs it; cage does not pull it in
          python3-venv)  # make creates .venv with it; a fresh Debian may lack it
# ...and what the tests add: a real X server, the accessibility bus, the Orca screen reader with
# its offline voice and gsettings for its switch (test_orca.py), zbar to read QR codes,
# poppler-utils to read the printed leaflet back (pdftotext, pdftoppm, pdfinfo), and the
# display stacks a clinic may run (window managers, weston, an xterm as the way out to guard),
# strace to see which files a kiosk fed hostile pages opens.
test_pkgs=(xvfb xauth xdotool dbus-daemon at-spi2-core python3-pyatspi zbar-tools libzbar0
           poppler-utils openbox xfwm4 icewm weston xterm strace
           orca speech-dispatcher speech-dispatcher-espeak-ng libglib2.0-bin)

want=("${run_pkgs[@]}")
[ "${1:-run}" = test ] && want+=("${test_pkgs[@]}")

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "setup: not a Debian-like system; install Qt 6's xcb libraries by hand: ${want[*]}" >&2
    exit 0
fi
missing=()
for pkg in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Wait for another apt (unattended-upgrades, a second terminal) instead of failing on its lock.
    lock=(-o DPkg::Lock::Timeout=600)
    apt-get "${lock[@]}" update -qq || true
    # shellcheck disable=SC2086
    $cmd "${lock[@]}" -qq >/dev/null
else
    echo "setup: missing system packages. Run:  sudo $cmd" >&2
    exit 1
fi
