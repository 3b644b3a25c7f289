#!/bin/bash
# orca_visit.sh: a blind patient's visit by keyboard with the real screen reader (Orca), on an X
# display the caller started; what Orca speaks goes to a transcript.
#
#   orca_visit.sh OUT PYTHON MAIN CONFIG STEPS      run as a throwaway user, in dbus-run-session
#
# STEPS is a file of lines "KEYS|PATTERN|SECONDS[|TRIES]": press the xdotool KEYS (none: just listen),
# then wait until Orca has said something matching the extended regex PATTERN (checked as it speaks,
# never a fixed sleep). With TRIES, press KEYS again each time Orca has spoken without the pattern,
# up to TRIES times (Tab until a control is reached). Each step prints "=== LINE KEYS", LINE being where its part of Orca's debug
# log (OUT/orca.debug) begins; the caller reads what was spoken, and in which language, from there.
# Exit 0 when every step heard its pattern, 4 when Orca never started, 5 when a step timed out.
# Adapted from ../shared/tools/orca-session.sh (same line-buffered debug log of Orca, unchanged).
set -u
OUT=$1 PY=$2 MAIN=$3 CONFIG=$4 STEPS=$5
export HOME=$OUT/home XDG_RUNTIME_DIR=$OUT/run XDG_CONFIG_HOME=$OUT/home/.config XDG_DATA_HOME=$OUT/data
mkdir -p "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME"; chmod 700 "$XDG_RUNTIME_DIR"
# Services the session bus starts (dconf, which keeps the accessibility switches) live here too.
dbus-update-activation-environment HOME XDG_RUNTIME_DIR XDG_CONFIG_HOME XDG_DATA_HOME
unset QT_QPA_PLATFORM
cp -r /etc/speech-dispatcher "$XDG_CONFIG_HOME/"
printf '\nAudioOutputMethod "alsa"\nAddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"\nDefaultModule espeak-ng\n' \
  >>"$XDG_CONFIG_HOME/speech-dispatcher/speechd.conf"
printf 'pcm.!default { type null }\n' >"$HOME/.asoundrc"
PIDS=()
cleanup() {  # Orca may outlive a TERM: the rest of its speech, then KILL (ours only, by id)
  local p; for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for _ in $(seq 20); do kill -0 "${PIDS[@]}" 2>/dev/null || break; sleep 0.1; done
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
  local sd; sd=$(cat "$XDG_RUNTIME_DIR"/speech-dispatcher/pid/*.pid 2>/dev/null)
  [ -n "$sd" ] && kill $sd 2>/dev/null
}
trap cleanup EXIT
/usr/libexec/at-spi-bus-launcher --launch-immediately >"$OUT/atspi.log" 2>&1 & PIDS+=($!)
LOG=$OUT/orca.debug
# The screen reader switched on as a desktop does it (and as a session's Orca autostart reads it):
# the accessibility bus then says ScreenReaderEnabled, which the kiosk reads.
for _ in $(seq 50); do gsettings set org.gnome.desktop.a11y.applications screen-reader-enabled true \
  2>/dev/null && break; sleep 0.1; done
cat >"$OUT/orca-linebuffered.py" <<'PY'
import builtins, runpy, sys
target = sys.argv[1]
_open = builtins.open
def _open_line_buffered(f, mode="r", *a, **k):
    if f == target and "w" in mode:
        return _open(f, mode, buffering=1)
    return _open(f, mode, *a, **k)
builtins.open = _open_line_buffered
sys.argv = ["orca", "--debug-file=" + target] + sys.argv[2:]
runpy.run_path("/usr/bin/orca", run_name="__main__")
PY
/usr/bin/python3 "$OUT/orca-linebuffered.py" "$LOG" >"$OUT/orca.out" 2>&1 & PIDS+=($!)
for _ in $(seq 900); do grep -qs "SPEECH OUTPUT" "$LOG" && break; sleep 0.1; done  # up to 90 s: Orca starts slowly on a busy machine
grep -qs "SPEECH OUTPUT" "$LOG" || { echo "Orca did not start"; cat "$OUT/orca.out"; exit 4; }

spoken() {  # what went to the synthesizer after line $MARK, marks stripped
  sed -n "$((MARK + 1)),\$p" "$LOG" | grep "SPEECH DISPATCHER: Speaking" | sed -E 's/<[^>]*>//g'
}
PYTHONPATH=${KIOSK_PYTHONPATH:-} QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 "$PY" "$MAIN" --config "$CONFIG" >"$OUT/kiosk.log" 2>&1 & PIDS+=($!)
status=0
while IFS='|' read -r keys pattern seconds tries; do
  [ -z "$keys$pattern" ] && continue
  MARK=$(wc -l <"$LOG")
  echo "=== $MARK ${keys:-(listen)}"
  heard=0
  for _ in $(seq "${tries:-1}"); do
    before=$(spoken | wc -l)
    [ -n "$keys" ] && xdotool key --delay 150 $keys
    last=$before quiet=0
    for _ in $(seq $((seconds * 10))); do
      if spoken | grep -qE "$pattern"; then heard=1; break; fi
      # Tried again once Orca has said what this key brought and then fallen silent for
      # 0.6 s (a late notification of the control before must not count), without the pattern.
      now=$(spoken | wc -l)
      if [ "$now" -ne "$last" ]; then last=$now quiet=0; else quiet=$((quiet + 1)); fi
      [ -n "$tries" ] && [ "$now" -gt "$((before + 1))" ] && [ "$quiet" -ge 6 ] && break
      sleep 0.1
    done
    [ "$heard" = 1 ] && break
  done
  [ "$heard" = 1 ] || { echo "!!! not heard within ${seconds}s: $pattern"; status=5; }
  [ "$status" = 0 ] || [ -n "${KEEP_GOING:-}" ] || break
done <"$STEPS"
exit $status
