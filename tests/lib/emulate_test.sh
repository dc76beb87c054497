#!/usr/bin/env bash
# tests/lib/emulate.sh itself: the emulator's first line gives its address and the process is gone
# once the script exits; a process that dies first, or prints no address, fails at once and says
# so — never a 20 s wait, never a hang.
# usage: emulate_test.sh CLOUDCONFORM CHECK
set -u
bin=$1 check=$2
lib=$(cd "$(dirname "$0")" && pwd)/emulate.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
# in_script SCRIPT: runs SCRIPT in a bash that sourced the helper; its output in $work/log.
in_script() { bash -c ". '$lib'; bin='$bin'; work='$work'; $1" >"$work/log" 2>&1; }

case $check in
  StartsReadsTheAddressAndStopsItAtExit)
    command -v curl >/dev/null || { echo "curl is not installed: skipped"; exit 77; }
    in_script 'start_emulator "$bin"; echo "$EMULATOR_URL $EMULATOR_PID" >"$work/started"
               curl -s -o /dev/null -w "%{http_code}\n" "$EMULATOR_URL/_cloudconform/v1/info" >"$work/answer"'
    rc=$?
    [ "$rc" -eq 0 ] || fail "exit $rc: $(cat "$work/log")"
    read -r url pid <"$work/started"
    [[ $url =~ ^http://127\.0\.0\.1:[1-9][0-9]*$ ]] || fail "no URL: $url"
    [ "$(cat "$work/answer")" = 200 ] || fail "the emulator at $url did not answer: $(cat "$work/answer")"
    ! kill -0 "$pid" 2>/dev/null || fail "the emulator ($pid) outlived the script"
    ;;
  ADeadProcessFailsAtOnceNamingItsStatus)
    started=$SECONDS
    in_script 'start_awaited "a server that dies" sh -c "exit 3"; echo "not reached"'
    rc=$?
    [ "$rc" -eq 1 ] || fail "exit $rc, want 1: $(cat "$work/log")"
    grep -qx 'FAIL: a server that dies exited with status 3 before its first line' "$work/log" ||
      fail "not said: $(cat "$work/log")"
    # An emulator refusing its flags: its first line is the refusal, named.
    in_script 'start_emulator "$bin" --deviation no-such-deviation; echo "not reached"'
    rc=$?
    [ "$rc" -eq 1 ] || fail "exit $rc, want 1: $(cat "$work/log")"
    grep -q '^FAIL: cloudconform emulate --deviation no-such-deviation' "$work/log" ||
      fail "the emulator's refusal not named: $(cat "$work/log")"
    grep -q 'not reached' "$work/log" && fail "the script went on"
    [ $((SECONDS - started)) -lt 10 ] || fail "took $((SECONDS - started)) s: it waited instead of failing"
    ;;
  *)
    echo "unknown check $check"
    exit 2
    ;;
esac
echo "$check: ok"
