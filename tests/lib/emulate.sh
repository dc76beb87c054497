# Sourced by test scripts: start `cloudconform emulate` and read its first line, the address it
# bound (it prints it once the socket listens), without sleeping — a read with a timeout on a FIFO
# — failing clearly when the process dies first or says nothing; whatever it starts is stopped
# when the script exits.
#
#   . "$(dirname "$0")/lib/emulate.sh"
#   cc_on_exit 'rm -rf "$dir"'                      # the script's own clean-up, instead of a trap
#   start_emulator "$bin" --deviation duplicates-accepted
#   "$bin" run --endpoint "$EMULATOR_URL" …
#
# start_emulator BIN [FLAGS…]: `BIN emulate --listen 127.0.0.1:0 FLAGS…`; sets EMULATOR_URL
# (http://127.0.0.1:PORT), EMULATOR_PORT, EMULATOR_LINE (the first line), EMULATOR_PID and
# EMULATOR_LOG (what it prints after the first line). Callable more than once.
#
# start_awaited WHAT COMMAND…: any server that prints a first line once it is ready (a TLS front,
# …); sets STARTED_LINE, STARTED_PID, STARTED_LOG. EMULATE_WAIT (seconds, default 20) bounds the
# wait for either.
#
# cc_on_exit COMMAND: COMMAND runs when the script exits, the last registered first (so a server
# stops before the directory it writes to is removed). This file owns the EXIT trap: scripts that
# source it register their clean-up here rather than with `trap … EXIT`.

_cc_on_exit=()
cc_on_exit() { _cc_on_exit+=("$1"); }
_cc_run_on_exit() {
  local i
  for ((i = ${#_cc_on_exit[@]} - 1; i >= 0; i--)); do eval "${_cc_on_exit[i]}"; done
}
trap _cc_run_on_exit EXIT

_awaited_fail() {
  echo "FAIL: $*" >&2
  exit 1
}

start_awaited() {
  local what=$1
  shift
  local dir fd line rc status
  dir=$(mktemp -d) || _awaited_fail "$what: no temporary directory"
  cc_on_exit "rm -rf '$dir'"
  mkfifo "$dir/out"
  "$@" >"$dir/out" 2>&1 &
  STARTED_PID=$!
  cc_on_exit "kill $STARTED_PID 2>/dev/null; wait $STARTED_PID 2>/dev/null"
  # Opening the FIFO waits only for the process's end of it, which its shell opens at once.
  exec {fd}<"$dir/out"
  IFS= read -r -t "${EMULATE_WAIT:-20}" line <&"$fd"
  rc=$?
  if [ "$rc" -gt 128 ]; then
    _awaited_fail "$what printed nothing within ${EMULATE_WAIT:-20} s"
  elif [ "$rc" -ne 0 ]; then  # end of file: the process closed its output, it has ended
    wait "$STARTED_PID"
    status=$?
    _awaited_fail "$what exited with status $status before its first line${line:+: $line}"
  fi
  STARTED_LINE=$line
  # Kept draining, so that the process never blocks on a full pipe; kept for a failing test.
  STARTED_LOG=$dir/log
  cat <&"$fd" >"$STARTED_LOG" &
  exec {fd}<&-
}

start_emulator() {
  local bin=$1
  shift
  local what="cloudconform emulate${*:+ $*}"
  start_awaited "$what" "$bin" emulate --listen 127.0.0.1:0 "$@"
  EMULATOR_LINE=$STARTED_LINE EMULATOR_PID=$STARTED_PID EMULATOR_LOG=$STARTED_LOG
  EMULATOR_URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*' <<<"$EMULATOR_LINE")
  [ -n "$EMULATOR_URL" ] || _awaited_fail "$what: no address in its first line: $EMULATOR_LINE"
  EMULATOR_PORT=${EMULATOR_URL##*:}
  [ "$EMULATOR_PORT" != 0 ] || _awaited_fail "$what: port 0 was printed instead of the bound port"
}
