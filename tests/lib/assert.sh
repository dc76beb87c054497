# Sourced by test scripts: the assertions they share, each failing with the file it looked at so
# that a red CTest says what the binary printed, not only what was missing.
#
#   . "$(dirname "$0")/../lib/assert.sh"
#
# fail MESSAGE…: prints "FAIL: MESSAGE" on stderr and ends the script with status 1.
# has_text FILE TEXT [WHAT]: a line of FILE contains TEXT as it is (no pattern).
# has_match FILE ERE [WHAT]: a line of FILE matches the extended regular expression.
# lacks_match FILE ERE [WHAT]: no line of FILE matches it.
# run_to LOG STATUS BIN ARGS…: BIN ARGS exits STATUS, its stdout and stderr in LOG.
# eval_exits LOG STATUS LINE: LINE, a command line as a run printed it, run by the shell (so that
#   its quoting is the one a user would paste), exits STATUS, its output in LOG.

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
_cc_shown() { printf '%s:\n%s' "$1" "$(cat "$1")"; }
has_text() { grep -qF -- "$2" "$1" || fail "${3:-no line has \"$2\"} in $(_cc_shown "$1")"; }
has_match() { grep -qE -- "$2" "$1" || fail "${3:-no line matches /$2/} in $(_cc_shown "$1")"; }
lacks_match() { ! grep -qE -- "$2" "$1" || fail "${3:-a line matches /$2/} in $1"; }
run_to() {
  local log=$1 status=$2
  shift 2
  "$@" >"$log" 2>&1
  local rc=$?
  [ "$rc" -eq "$status" ] || fail "exit $rc, expected $status: $*"$'\n'"$(cat "$log")"
}
eval_exits() {
  local log=$1 status=$2 line=$3
  eval "$line" >"$log" 2>&1
  local rc=$?
  [ "$rc" -eq "$status" ] || fail "exits $rc, expected $status: $line"$'\n'"$(tail -5 "$log")"
}
