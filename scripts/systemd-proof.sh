#!/usr/bin/env bash
# systemd-proof.sh - `kiosk setup-pc` and the shipped units, proven with a REAL systemd.
#
# Boots a fresh Debian 12 root with systemd as PID 1 (systemd-nspawn -b), installs this
# project in it the way a kiosk PC gets it (a venv in /opt/hair-kiosk, pip install), then for
# each display stack (x11, cage):
#   setup)  kiosk setup-pc --dry-run, for real (apt-get installs the packages), and again
#           (nothing to change)
#   ready)  the session the autologin would start (~kiosk/.xinitrc, or the cage line of
#           ~kiosk/.bash_profile) starts the user unit; READY=1 comes once the window is up
#   pings)  the real kiosk keeps the watchdog fed for 1.5 x WatchdogSec
#   kill)   kill -KILL the kiosk            -> a new kiosk is up (seconds)
#   freeze) kill -STOP the kiosk            -> "Watchdog timeout", killed, restarted (seconds)
#   stop)   systemctl --user stop           -> the kiosk logs SIGTERM, exits 0, no SIGKILL,
#                                              stays stopped
#   config) a broken kiosk.toml             -> restarts until the start limit trips, stays
#                                              failed, the config error is in the journal
#   undo)   kiosk setup-pc --undo           -> the user and every file are gone
# and then
#   fleet)  deploy/ansible/site.yml with Ansible's local connection: installs the wheel, runs
#           setup-pc, pushes a content bundle, fetches the statistics the kiosk recorded above
#           and merges them with kiosk stats --merge; a second run changes nothing
# What differs from a real PC: no VT and no GPU in a container, so the display is an Xvfb (for
# cage: cage nested on it with its X11 backend) instead of Xorg/DRM on tty1; startx and
# agetty themselves do not run. Everything from the session script on is the real thing.
# Prints PASS/FAIL lines and "FIGURE <display> <case> <seconds>"; exit 0 only if all passed.
#
# Usage: sudo scripts/systemd-proof.sh [x11] [cage]       (default: both; about 5 minutes)
# Adapted from ../shared/tools/systemd-check.sh (nspawn flags on hosts whose PID 1 is not
# systemd, cgroup handling, root cache, teardown).
set -uo pipefail

SRC=$(cd "$(dirname "$0")/.." && pwd)
DISPLAYS=${*:-x11 cage}
SUITE=bookworm
WORKDIR=${WORKDIR:-/tmp/kiosk-systemd-proof}
SEED_TARBALL=${SEED_TARBALL:-/tmp/fresh-base.tar}   # read-only minbase tarball, if there
KEEP_ROOT=${KEEP_ROOT:-0}
PIN=2468
# The image has only what any Debian PC has plus Xvfb and xdotool (the test display and a
# patient's tap) and python3-venv;
# setup-pc installs the rest.
PKGS="systemd systemd-sysv dbus libpam-systemd python3 python3-venv procps xvfb x11-utils xdotool ca-certificates"

T_START=$(date +%s.%N)
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }
log() { printf '[%6ss] %s\n' "$(since "$T_START")" "$*" >&2; }
die() { log "SETUP ERROR: $*"; exit 2; }
NPASS=0; NFAIL=0; RESULTS=()
pass() { NPASS=$((NPASS+1)); RESULTS+=("PASS $*"); echo "PASS $*"; }
fail() { NFAIL=$((NFAIL+1)); RESULTS+=("FAIL $*"); echo "FAIL $*"; }
figure() { RESULTS+=("FIGURE $*"); echo "FIGURE $*"; }
wait_for() { local end; end=$(awk -v t="$1" -v n="$(now)" 'BEGIN{printf "%.3f", n+t}'); shift
  while :; do "$@" && return 0
    awk -v e="$end" -v n="$(now)" 'BEGIN{exit !(n>e)}' && return 1; sleep 0.2; done; }

[ "$(id -u)" = 0 ] || die "must run as root"
command -v systemd-nspawn >/dev/null || die "needs systemd-nspawn (apt-get install systemd-container)"
mkdir -p "$WORKDIR/cache" "$WORKDIR/runs" || die "cannot create $WORKDIR"
RUN_DIR=$WORKDIR/runs/$(date +%Y%m%d-%H%M%S)-$$; ROOT=$RUN_DIR/root; MACHINE=kioskproof-$$
mkdir -p "$RUN_DIR"; log "run dir: $RUN_DIR"

# ---- nspawn on a host whose PID 1 is not systemd: --keep-unit --register=no, own cgroup
NSPAWN=(systemd-nspawn --register=no --setenv=SYSTEMD_COLORS=0)
CG_DIRS=(); CG_NAME=kiosk-proof-$$
if [ ! -d /run/systemd/system ]; then
  NSPAWN+=(--keep-unit)
  if [ "$(stat -fc %T /sys/fs/cgroup)" = cgroup2fs ]; then CG_DIRS=(/sys/fs/cgroup)
  else for d in /sys/fs/cgroup/unified /sys/fs/cgroup/systemd; do
         [ -f "$d/cgroup.procs" ] && CG_DIRS+=("$d"); done; fi
fi
NSPAWN_DIR_EXISTED=0; [ -d /run/systemd/nspawn ] && NSPAWN_DIR_EXISTED=1
cg_enter() { local d; for d in "${CG_DIRS[@]}"; do
  mkdir -p "$d/$CG_NAME" && echo "$BASHPID" >"$d/$CG_NAME/cgroup.procs" || return 1; done; }
cg_cleanup() { local d; for d in "${CG_DIRS[@]}"; do
  [ -d "$d/$CG_NAME" ] && find "$d/$CG_NAME" -depth -type d -exec rmdir {} \; 2>/dev/null; done; true; }
nspawn_propagate_cleanup() {  # nspawn cannot remove this when /run is not a tmpfs
  rmdir "/run/systemd/nspawn/propagate/$1" 2>/dev/null
  [ "$NSPAWN_DIR_EXISTED" = 0 ] && rmdir /run/systemd/nspawn/propagate /run/systemd/nspawn/locks /run/systemd/nspawn 2>/dev/null; true; }

NSPAWN_PID=; LEADER=
cin() { timeout "${CIN_TIMEOUT:-120}" nsenter -t "$LEADER" -a -r -w env -i \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }
teardown() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$NSPAWN_PID" ] && kill -0 "$NSPAWN_PID" 2>/dev/null; then
    [ -n "$LEADER" ] && cin systemctl poweroff --no-block >/dev/null 2>&1
    wait_for 30 bash -c "! kill -0 $NSPAWN_PID 2>/dev/null" || {
      kill -TERM "$NSPAWN_PID" 2>/dev/null
      wait_for 15 bash -c "! kill -0 $NSPAWN_PID 2>/dev/null" || {
        [ -n "$LEADER" ] && kill -KILL "$LEADER" 2>/dev/null; kill -KILL "$NSPAWN_PID" 2>/dev/null; }; }
    wait "$NSPAWN_PID" 2>/dev/null
  fi
  nspawn_propagate_cleanup "$MACHINE"; nspawn_propagate_cleanup "$MACHINE-build"
  rm -rf "${CACHE:-/nonexistent}.tmp-$$"; cg_cleanup
  if [ "$KEEP_ROOT" = 1 ]; then log "root kept at $ROOT"; else rm -rf "$ROOT"; fi
  echo "=================== SUMMARY ==================="
  printf '%s\n' "${RESULTS[@]}"
  echo "total $(since "$T_START")s; logs in $RUN_DIR"
  if [ "$rc" = 0 ] && [ "$NFAIL" = 0 ] && [ "$NPASS" -gt 0 ]; then echo "RESULT: ALL $NPASS CHECKS PASSED"; exit 0; fi
  [ "$rc" = 0 ] && rc=1
  echo "RESULT: $NFAIL FAILED, $NPASS PASSED (exit $rc)"; exit "$rc"
}
trap teardown EXIT
trap 'log "interrupted"; exit 130' INT TERM

# ---- the root image (cached), from the seed tarball or debootstrap
CACHE=$WORKDIR/cache/root-$SUITE-$(echo "$SUITE $PKGS" | sha1sum | cut -c1-10)
build_root() {
  local tmp=$CACHE.tmp-$$; rm -rf "$tmp"; mkdir -p "$tmp"
  if [ -r "$SEED_TARBALL" ]; then
    log "building root from $SEED_TARBALL (+ $PKGS)"
    tar -C "$tmp" -xf "$SEED_TARBALL" || die "untar $SEED_TARBALL failed"
    ( cg_enter && exec "${NSPAWN[@]}" -q -M "$MACHINE-build" -D "$tmp" --as-pid2 --pipe /bin/sh -c \
        "export DEBIAN_FRONTEND=noninteractive; apt-get update -q && apt-get install -y -q --no-install-recommends $PKGS && apt-get clean" \
    ) </dev/null >"$RUN_DIR/build-root.log" 2>&1 || die "package install failed, see $RUN_DIR/build-root.log"
    nspawn_propagate_cleanup "$MACHINE-build"
  else
    command -v debootstrap >/dev/null || die "needs debootstrap or $SEED_TARBALL"
    log "building root with debootstrap (+ $PKGS)"
    debootstrap --variant=minbase --include="$(echo $PKGS | tr ' ' ,)" "$SUITE" "$tmp" \
      http://deb.debian.org/debian >"$RUN_DIR/build-root.log" 2>&1 || die "debootstrap failed, see $RUN_DIR/build-root.log"
  fi
  touch "$tmp/.root-complete"; rm -rf "$CACHE"; mv "$tmp" "$CACHE"
}
[ -f "$CACHE/.root-complete" ] || build_root
cp -a "$CACHE" "$ROOT" || die "copy of root failed"; rm -f "$ROOT/.root-complete"
tr -d - </proc/sys/kernel/random/uuid >"$ROOT/etc/machine-id"; echo "$MACHINE" >"$ROOT/etc/hostname"
# The project as committed (tracked files) plus the compiled translations.
mkdir -p "$ROOT/opt/hair-kiosk-src"
( cd "$SRC" && { git ls-files -z --cached --others --exclude-standard; printf '%s\0' assets/i18n/*.qm; } |
  tar --null -T - -cf - ) | tar -C "$ROOT/opt/hair-kiosk-src" -xf - || die "cannot copy the project"

# ---- boot
T0=$(now)
( cg_enter && exec setsid "${NSPAWN[@]}" -M "$MACHINE" -D "$ROOT" -b --console=read-only ) \
  </dev/null >"$RUN_DIR/console.log" 2>&1 &
NSPAWN_PID=$!
find_leader() { local c; for c in $(ps --ppid "$NSPAWN_PID" -o pid= 2>/dev/null); do
  grep -qE '^NSpid:.*[[:space:]]1$' "/proc/$c/status" 2>/dev/null && { LEADER=$c; return 0; }; done; return 1; }
wait_for 20 find_leader || die "no container init (see $RUN_DIR/console.log)"
booted() { local s; s=$(cin systemctl is-system-running 2>/dev/null); [ "$s" = running ] || [ "$s" = degraded ]; }
wait_for 90 booted || die "container did not boot (see $RUN_DIR/console.log)"
pass "[boot] $(cin systemctl --version | head -1) is PID 1, booted in $(since "$T0")s"

# ---- install the kiosk as on a kiosk PC
T0=$(now)
CIN_TIMEOUT=900 cin /bin/sh -c 'python3 -m venv /opt/hair-kiosk && /opt/hair-kiosk/bin/pip install -q -e /opt/hair-kiosk-src' \
  >"$RUN_DIR/pip.log" 2>&1 || die "pip install failed, see $RUN_DIR/pip.log"
log "pip install took $(since "$T0")s"
KIOSK=/opt/hair-kiosk/bin/kiosk

# ---- helpers for the kiosk user's systemd
KUID=
as_kiosk() { cin setpriv --reuid="$KUID" --regid="$KUID" --init-groups \
  env HOME=/home/kiosk XDG_RUNTIME_DIR=/run/user/$KUID DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/$KUID/bus "$@"; }
uctl() { as_kiosk systemctl --user "$@"; }
prop() { uctl show -p "$1" --value "$U" 2>/dev/null; }
state() { uctl show -p ActiveState,SubState,Result,MainPID,NRestarts "$U" 2>/dev/null | tr '\n' ' '; }
journal() { cin journalctl -q --no-pager -o cat --since "@$1" _SYSTEMD_USER_UNIT="$U" + USER_UNIT="$U"; }
jgrep() { journal "$1" 2>/dev/null | grep -qE -e "$2"; }
running_new() { local p; p=$(prop MainPID); [ -n "$p" ] && [ "$p" != 0 ] && [ "$p" != "$1" ] &&
  [ "$(prop ActiveState)/$(prop SubState)" = active/running ]; }
is_active() { [ "$(prop ActiveState)/$(prop SubState)" = active/running ]; }

prove() {  # $1 = x11 | cage
  local D=$1 t m out p0 p1 n0 burst attempts wd
  U=$([ "$D" = x11 ] && echo hair-kiosk.service || echo hair-kiosk-cage.service)
  # setup -------------------------------------------------------------------------------
  out=$(cin "$KIOSK" setup-pc --display "$D" --pin "$PIN" --name "proof $D" --dry-run </dev/null 2>&1)
  if [ $? = 0 ] && grep -q "change(s) to make; nothing was changed" <<<"$out" && ! cin id kiosk >/dev/null 2>&1; then
    pass "[$D] setup-pc --dry-run: $(grep -c '^would ' <<<"$out") changes printed, none made"
  else fail "[$D] setup-pc --dry-run: $(tail -3 <<<"$out")"; fi
  t=$(now)
  CIN_TIMEOUT=900 cin "$KIOSK" setup-pc --display "$D" --pin "$PIN" --name "proof $D" </dev/null >"$RUN_DIR/$D-setup.log" 2>&1
  if [ $? = 0 ] && grep -q "^made .* change(s)" "$RUN_DIR/$D-setup.log"; then
    pass "[$D] setup-pc: $(grep '^made' "$RUN_DIR/$D-setup.log") in $(since "$t")s ($(grep -m1 '^install packages' "$RUN_DIR/$D-setup.log" | cut -c1-60)...)"
  else fail "[$D] setup-pc failed: $(tail -3 "$RUN_DIR/$D-setup.log")"; return; fi
  out=$(cin "$KIOSK" setup-pc --display "$D" --pin "$PIN" --name "proof $D" </dev/null 2>&1)
  if grep -q "nothing to change: this PC is already set up" <<<"$out"; then pass "[$D] setup-pc again: nothing to change"
  else fail "[$D] setup-pc again changed something: $(grep -v unchanged <<<"$out" | head -3)"; fi
  KUID=$(cin id -u kiosk)
  user_up() { [ "$(cin systemctl is-active "user@$KUID.service")" = active ]; }
  wait_for 30 user_up || { fail "[$D] the kiosk user's systemd did not start (linger)"; return; }
  # display + session ---------------------------------------------------------------------
  # The container shares the host's network namespace, and with it the abstract X sockets
  # (@/tmp/.X11-unix/XN) of every X server on the host, which X clients try first. So the
  # display number must be free on the host, and our Xvfb must be the one that holds it.
  local N=50; while grep -q "@/tmp/.X11-unix/X$N\$" /proc/net/unix; do N=$((N+1)); done
  XD=:$N
  cin systemd-run --quiet --collect --unit=proof-xvfb -p User=kiosk /usr/bin/Xvfb "$XD" -nolisten tcp -noreset -screen 0 1280x800x24
  x_up() { [ "$(cin systemctl is-active proof-xvfb)" = active ] &&
    as_kiosk xdpyinfo -display "$XD" 2>/dev/null | grep -q 'dimensions: *1280x800 pixels'; }
  wait_for 20 x_up || { fail "[$D] our Xvfb $XD did not start: $(cin systemctl status --no-pager proof-xvfb | tail -3)"; return; }
  log "[$D] Xvfb $XD (in the container) is up"
  t=$(now); m=$t
  if [ "$D" = x11 ]; then
    as_kiosk systemd-run --user --quiet --collect --unit=proof-session -p Environment=DISPLAY="$XD" /bin/sh /home/kiosk/.xinitrc
  else  # the command of ~/.bash_profile, with cage nested on Xvfb instead of on the DRM device
    local session; session=$(cin sed -n 's/.*&& exec cage /cage /p' /home/kiosk/.bash_profile)
    as_kiosk systemd-run --user --quiet --collect --unit=proof-session -p Environment=DISPLAY="$XD" \
      -p Environment=WLR_BACKENDS=x11 -p Environment=WLR_RENDERER=pixman /bin/sh -c "exec $session"
  fi
  if wait_for 90 is_active; then
    pass "[$D] ready: the session started $U, READY=1 after $(since "$t")s ($(state))"
    figure "$D ready $(since "$t")"
  else fail "[$D] ready: $U not running after 90s: $(state)"
    journal "$m" | grep -v '^hair-kiosk' | tail -15 >&2
    cin journalctl -q --no-pager -o cat --since "@$m" _SYSTEMD_USER_UNIT=proof-session.service | tail -15 >&2; return; fi
  if [ "$D" = x11 ]; then
    full_screen() { as_kiosk xwininfo -display "$XD" -root -tree | grep -E '"Stem cell' | grep -qE ' 1280x800\+0\+0 '; }
    if wait_for 10 full_screen; then pass "[x11] the kiosk's window covers the 1280x800 X screen"
    else fail "[x11] no full-screen window: $(as_kiosk xwininfo -display "$XD" -root -tree | head -8 | tr '\n' ' ')"; fi
  fi
  # pings -------------------------------------------------------------------------------
  wd=$(( $(prop WatchdogUSec | sed 's/s$//') ))
  p0=$(prop MainPID)
  fed() { local s w; s=$(prop ExecMainStartTimestampMonotonic); w=$(prop WatchdogTimestampMonotonic)
    [ -n "$w" ] && [ "$w" != 0 ] && [ $(( (w - s) / 1000 )) -gt $(( wd * 1500 )) ]; }
  if wait_for $((wd * 3)) fed && [ "$(prop MainPID)" = "$p0" ] && ! jgrep "$m" 'Watchdog timeout'; then
    pass "[$D] pings: the kiosk fed the watchdog for over 1.5 x WatchdogSec=${wd}s, MainPID $p0 unchanged"
  else fail "[$D] pings: $(state)"; fi
  # what the screen shows (for cage: the output cage draws into its window on Xvfb)
  as_kiosk env DISPLAY="$XD" QT_QPA_PLATFORM=xcb /opt/hair-kiosk/bin/python -c 'import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv)
sys.exit(0 if app.primaryScreen().grabWindow(0).save(sys.argv[1]) else 1)' "/var/tmp/$D-screen.png" &&
    cp "$ROOT/var/tmp/$D-screen.png" "$RUN_DIR/" && log "[$D] screen: $RUN_DIR/$D-screen.png"
  if [ "$D" = x11 ]; then  # a patient taps "Touch to start": a session in the statistics
    as_kiosk env DISPLAY="$XD" xdotool mousemove 640 493 click 1
    session() { as_kiosk /opt/hair-kiosk/bin/kiosk stats --config /home/kiosk/.config/hair-kiosk/kiosk.toml 2>/dev/null |
      grep -qE '^ +Sessions +[1-9]'; }
    if wait_for 10 session; then pass "[x11] a tap through X (xdotool) started a session, recorded in the statistics"
    else fail "[x11] the tap recorded no session"; fi
  fi
  if [ "$D" = cage ]; then  # the kiosk talks Wayland (to cage), not X
    local env; env=$(cin cat "/proc/$(prop MainPID)/environ" | tr '\0' '\n')
    if grep -qx 'QT_QPA_PLATFORM=wayland' <<<"$env" && grep -q '^WAYLAND_DISPLAY=' <<<"$env" &&
       ! as_kiosk xwininfo -display "$XD" -root -tree | grep -q '"Stem cell'; then
      pass "[cage] the kiosk is a Wayland client ($(grep '^WAYLAND_DISPLAY=' <<<"$env")), with no X window of its own"
    else fail "[cage] the kiosk is not on Wayland: $(grep -E 'QT_QPA|WAYLAND' <<<"$env" | tr '\n' ' ')"; fi
  fi
  # kill ----------------------------------------------------------------------------------
  p0=$(prop MainPID); n0=$(prop NRestarts); t=$(now); m=$t
  cin kill -KILL "$p0"
  if wait_for 60 running_new "$p0"; then
    pass "[$D] kill -KILL $p0: a new kiosk ($(prop MainPID)) sent READY=1 after $(since "$t")s, NRestarts $n0->$(prop NRestarts)"
    figure "$D kill $(since "$t")"
  else fail "[$D] kill: not back within 60s: $(state)"; fi
  # freeze --------------------------------------------------------------------------------
  p0=$(prop MainPID); n0=$(prop NRestarts); t=$(now); m=$t
  cin kill -STOP "$p0"
  if wait_for $((wd + 60)) running_new "$p0" && wait_for 5 jgrep "$m" 'Watchdog timeout'; then
    pass "[$D] kill -STOP $p0: '$(journal "$m" | grep -m1 -oE 'Watchdog timeout[^!]*')', a new kiosk up $(since "$t")s after the freeze, NRestarts $n0->$(prop NRestarts)"
    figure "$D freeze $(since "$t")"
  else fail "[$D] freeze: $(state)"; cin kill -CONT "$p0"; fi
  # stop ----------------------------------------------------------------------------------
  p0=$(prop MainPID); t=$(now); m=$t
  uctl stop "$U"; local took; took=$(since "$t")
  stays_stopped() { [ "$(prop ActiveState)" != inactive ]; }
  # systemd logs no "Main process exited" line for a clean exit; any other end would be logged.
  if jgrep "$m" 'stopping on signal SIGTERM' && [ "$(prop Result)" = success ] &&
     ! jgrep "$m" 'Main process exited|SIGKILL|Killing process' && [ "$(prop ActiveState)" = inactive ] &&
     ! cin test -d "/proc/$p0" && ! wait_for 4 stays_stopped; then
    pass "[$D] systemctl stop: the kiosk logged 'stopping on signal SIGTERM', exited cleanly (Result=success, no 'Main process exited' line), no SIGKILL, stopped in ${took}s and stayed stopped"
    figure "$D stop $took"
  else fail "[$D] stop: $(state); $(journal "$m" | tail -4 | tr '\n' ' ')"; fi
  # broken config -------------------------------------------------------------------------
  local config=/home/kiosk/.config/hair-kiosk/kiosk.toml
  as_kiosk /bin/sh -c "cp $config $config.good && echo 'idle_timeout = \"soon\"' >> $config"
  uctl reset-failed "$U" 2>/dev/null; burst=$(prop StartLimitBurst); t=$(now); m=$t
  uctl start --no-block "$U"
  limit_hit() { [ "$(prop ActiveState)" = failed ] && jgrep "$m" 'Start request repeated too quickly'; }
  if wait_for 120 limit_hit; then
    local el; el=$(since "$t"); attempts=$(journal "$m" | grep -c 'Main process exited, code=exited, status=2')
    local err; err=$(journal "$m" | grep -m1 'kiosk: error:')
    not_failed() { [ "$(prop ActiveState)" != failed ]; }
    if [ "$attempts" = "$burst" ] && [ -n "$err" ] && ! wait_for 5 not_failed; then
      pass "[$D] broken config: $attempts starts exited 2 (StartLimitBurst=$burst), start limit hit after ${el}s, stays failed; journal: '$err'"
      figure "$D start-limit $el"
    else fail "[$D] broken config: attempts=$attempts burst=$burst err='$err' $(state)"; fi
  else fail "[$D] broken config: start limit not hit: $(state)"; fi
  as_kiosk mv "$config.good" "$config"; uctl reset-failed "$U" 2>/dev/null
  journal "$T_START" >"$RUN_DIR/$D-journal.log" 2>&1
  # undo ----------------------------------------------------------------------------------
  uctl stop proof-session >/dev/null 2>&1; cin systemctl stop proof-xvfb 2>/dev/null
  CIN_TIMEOUT=600 cin "$KIOSK" setup-pc --undo </dev/null >"$RUN_DIR/$D-undo.log" 2>&1
  if [ $? = 0 ] && ! cin id kiosk >/dev/null 2>&1 && ! cin test -e /etc/systemd/system/getty@tty1.service.d/autologin.conf &&
     ! cin test -e /var/lib/hair-kiosk/setup-pc.json && ! cin test -e /home/kiosk/.config; then
    pass "[$D] setup-pc --undo: $(tail -1 "$RUN_DIR/$D-undo.log"), user and files gone ($(grep -m1 '^remove packages' "$RUN_DIR/$D-undo.log" | cut -c1-50)...)"
  else fail "[$D] undo: $(tail -3 "$RUN_DIR/$D-undo.log")"; fi
}

fleet() {  # deploy/ansible/site.yml run for real, with Ansible's local connection on this PC
  local t out; t=$(now)
  CIN_TIMEOUT=600 cin apt-get install -y -q --no-install-recommends ansible-core >"$RUN_DIR/fleet-apt.log" 2>&1 ||
    { fail "[fleet] apt-get install ansible-core failed (see $RUN_DIR/fleet-apt.log)"; return; }
  # What the office computer holds: a wheel, a content bundle, the PIN's hash, an inventory.
  CIN_TIMEOUT=600 cin /bin/sh -c 'set -e; rm -rf /var/tmp/fleet; mkdir -p /var/tmp/fleet; cd /var/tmp/fleet
    cp -a /opt/hair-kiosk-src src; /opt/hair-kiosk/bin/pip wheel -q --no-deps -w dist ./src
    /opt/hair-kiosk/bin/kiosk bundle --content src/content content.tar.gz
    echo 2468 | /opt/hair-kiosk/bin/kiosk hash-pin | sed "s/^pin_hash = /kiosk_pin_hash: /" >secrets.yml
    printf "[kiosks]\nroom1 ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n" >inventory.ini' \
    >"$RUN_DIR/fleet-prep.log" 2>&1 || { fail "[fleet] preparing the wheel and bundle failed (see $RUN_DIR/fleet-prep.log)"; return; }
  play() { CIN_TIMEOUT=900 cin /bin/sh -c 'cd /var/tmp/fleet && ANSIBLE_NOCOLOR=1 ansible-playbook -i inventory.ini \
    src/deploy/ansible/site.yml -e kiosk_wheel=$(ls /var/tmp/fleet/dist/*.whl) -e kiosk_bundle=/var/tmp/fleet/content.tar.gz \
    -e @secrets.yml -e kiosk_cli=/opt/hair-kiosk/bin/kiosk -e stats_dir=/var/tmp/fleet/stats' </dev/null; }
  t=$(now); play >"$RUN_DIR/fleet-play1.log" 2>&1; local rc=$?
  if [ $rc = 0 ] && grep -qE '^room1 +: ok=[0-9]+ +changed=[1-9][0-9]* .*failed=0' "$RUN_DIR/fleet-play1.log" &&
     grep -qE '"  Sessions +[1-9]' "$RUN_DIR/fleet-play1.log" &&
     cin test -f /var/tmp/fleet/stats/room1.sqlite3 && cin readlink /home/kiosk/.local/share/hair-kiosk/bundles/current >/dev/null &&
     grep -q 'content = "/home/kiosk/.local/share/hair-kiosk/bundles/current"' "$ROOT/home/kiosk/.config/hair-kiosk/kiosk.toml"; then
    pass "[fleet] ansible-playbook site.yml: $(grep -E '^room1 ' "$RUN_DIR/fleet-play1.log" | tr -s ' ') in $(since "$t")s; bundles/current -> $(cin readlink /home/kiosk/.local/share/hair-kiosk/bundles/current), stats fetched and merged ($(grep -oE '"  Sessions +[0-9]+' "$RUN_DIR/fleet-play1.log" | tr -s ' ' | tr -d '"'))"
  else fail "[fleet] first run rc=$rc: $(grep -E 'fatal|FAILED|^room1 ' "$RUN_DIR/fleet-play1.log" | head -3 | cut -c1-300)"; fi
  t=$(now); play >"$RUN_DIR/fleet-play2.log" 2>&1; rc=$?
  if [ $rc = 0 ] && grep -qE '^room1 +: ok=[0-9]+ +changed=0 .*failed=0' "$RUN_DIR/fleet-play2.log"; then
    pass "[fleet] second run changes nothing: $(grep -E '^room1 ' "$RUN_DIR/fleet-play2.log" | tr -s ' ') in $(since "$t")s"
  else fail "[fleet] second run rc=$rc: $(grep -E 'changed:|^room1 ' "$RUN_DIR/fleet-play2.log" | head -4 | tr '\n' ' ' | cut -c1-300)"; fi
}

for D in $DISPLAYS; do
  T0=$(now); prove "$D"; log "[$D] took $(since "$T0")s"
done
# Last: the playbook replaces the kiosk in /opt/hair-kiosk with the wheel it installs. The home
# folder the last --undo kept holds the statistics the kiosk recorded above.
if [ "${FLEET:-1}" = 1 ]; then T0=$(now); fleet; log "[fleet] took $(since "$T0")s"; fi
exit 0
