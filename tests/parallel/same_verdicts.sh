#!/usr/bin/env bash
# `run --jobs 1` (in series) and the default (one worker process per product, side by side) must
# give the same case ids in the same order, the same outcomes and the same exit status; with a
# DEVIATION, both must fail the same cases. Prints both wall times for the log.
# usage: same_verdicts.sh CLOUDCONFORM [DEVIATION [ONLY]]
set -u
bin=$1 deviation=${2:-} only=${3:-}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
args=(run)
[ -n "$deviation" ] && args+=(--deviation "$deviation")
[ -n "$only" ] && args+=(--only "$only")

run_with() {  # NAME [ARGS...]: the run's exit status in $out/NAME.rc, its seconds in $out/NAME.s
  local name=$1
  shift
  local start=$(date +%s.%N)
  "$bin" "${args[@]}" --out "$out/$name" "$@" >"$out/$name.log" 2>&1
  echo $? >"$out/$name.rc"
  echo "$(date +%s.%N) - $start" | bc >"$out/$name.s"
}
run_with serial --jobs 1
run_with parallel

status=0
fail() { echo "FAIL: $*"; status=1; }
for name in serial parallel; do
  [ -f "$out/$name/results.json" ] || { fail "$name wrote no results.json"; tail -30 "$out/$name.log"; exit 1; }
  jq -c '[.cases[] | [.id, .outcome]]' "$out/$name/results.json" >"$out/$name.verdicts"
done
want_rc=0
[ -n "$deviation" ] && want_rc=1
[ "$(cat "$out/serial.rc")" = "$want_rc" ] || fail "serial exit $(cat "$out/serial.rc"), want $want_rc"
[ "$(cat "$out/serial.rc")" = "$(cat "$out/parallel.rc")" ] ||
  fail "exit status: serial $(cat "$out/serial.rc"), parallel $(cat "$out/parallel.rc")"
if ! cmp -s "$out/serial.verdicts" "$out/parallel.verdicts"; then
  fail "verdicts differ (serial < > parallel):"
  diff <(jq -r '.[] | join(" ")' "$out/serial.verdicts") <(jq -r '.[] | join(" ")' "$out/parallel.verdicts")
fi
[ "$(jq .jobs "$out/serial/results.json")" = 1 ] || fail "serial run: \"jobs\" is not 1"
[ "$(jq .jobs "$out/parallel/results.json")" -gt 1 ] || fail "parallel run: \"jobs\" is not above 1"
grep -q '^jobs: ' "$out/parallel.log" || fail "parallel run: no jobs line"
[ -f "$out/parallel/report.md" ] || fail "parallel run: no report.md"
# Every failure block a serial run prints, the parallel run prints too (a worker's when it ends).
for name in serial parallel; do
  grep -E '^[A-Z][A-Za-z]+\.[A-Za-z]+  (MUST|SHOULD|OBSERVED)  ' "$out/$name.log" | sort >"$out/$name.blocks"
done
cmp -s "$out/serial.blocks" "$out/parallel.blocks" ||
  fail "failure blocks differ: $(diff "$out/serial.blocks" "$out/parallel.blocks" | head -5)"
if [ -n "$deviation" ]; then
  failed=$(jq -r '[.[] | select(.[1] == "fail")] | length' "$out/serial.verdicts")
  [ "$failed" -gt 0 ] || fail "the deviation failed no case"
fi
echo "cases: $(jq length "$out/serial.verdicts"); serial $(cat "$out/serial.s") s, parallel $(cat "$out/parallel.s") s (jobs $(jq .jobs "$out/parallel/results.json")); load: $(cut -d' ' -f1-3 /proc/loadavg)"
[ $status -eq 0 ] && echo "same verdicts, same order, same exit status"
exit $status
