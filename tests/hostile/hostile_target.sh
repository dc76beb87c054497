#!/usr/bin/env bash
# A hostile target is a harness error, never a verdict: against the embedded emulator with one
# transport fault (emulator/faults.h), a small selection of cases must end (no hang), exit 2,
# write every report, and end each case as harness_error with a message naming the fault — and
# no case may fail.
# usage: hostile_target.sh CLOUDCONFORM DEVIATION MESSAGE_REGEX [ALSO_REGEX]
#   ALSO_REGEX: a message at least one case must have (e.g. the give-up after repeated timeouts).
#   The environment may change the selection (ONLY) and the run's bounds (TRANSITION_MS,
#   SETTLE_MS, REQUEST_TIMEOUT_MS, CASE_TIMEOUT_MS).
set -u
bin=$1 fault=$2 message=$3 also=${4:-}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Both providers, and cases that read instances (Describe) as well as stop them.
default_only='TencentCvmStopInstances.StopsARunningInstance:TencentCvmStopInstances.RejectsAStoppedInstance'
default_only+=':TencentLighthouseStopInstances.RejectsAnInstanceInStatePending:AlibabaEcsStopInstances.StopsARunningInstance'
default_only+=':AlibabaEcsStopInstances.RejectsAStoppedInstance:AlibabaEcsStopInstance.RejectsAStoppedInstance'
only=${ONLY:-$default_only}
selected=$(printf '%s' "$only" | tr ':' '\n' | grep -c .)
start=$(date +%s)
# In series (--jobs 1): "target unresponsive" counts the timeouts in a row of one process's cases.
timeout 60 "$bin" run --jobs 1 --deviation "$fault" --only "$only" --transition-ms "${TRANSITION_MS:-0}" \
  --settle-ms "${SETTLE_MS:-2000}" --request-timeout-ms "${REQUEST_TIMEOUT_MS:-1000}" \
  --case-timeout-ms "${CASE_TIMEOUT_MS:-10000}" --out "$out" >"$out/log" 2>&1
rc=$?
echo "fault $fault: exit $rc after $(( $(date +%s) - start )) s"
[ "$rc" -ne 124 ] || { echo "the run did not end within 60 s (a hang)"; tail -20 "$out/log"; exit 1; }
[ "$rc" -eq 2 ] || { echo "expected exit 2 (harness error), got $rc"; tail -30 "$out/log"; exit 1; }
for f in results.json report.md report.html junit.xml; do
  [ -s "$out/$f" ] || { echo "$f was not written"; exit 1; }
done
# One line per case: outcome TAB message, from results.json's case-level keys (indented 6).
awk '/^    \{/ {id=""; msg=""; oc=""}
     /^      "id": /      {id=$0; sub(/^      "id": "/, "", id); sub(/",?$/, "", id)}
     /^      "message": / {msg=$0; sub(/^      "message": /, "", msg)}
     /^      "outcome": / {oc=$0; sub(/^      "outcome": "/, "", oc); sub(/",?$/, "", oc)}
     /^    \}/ && id != "" {print id "\t" oc "\t" msg; id=""}' "$out/results.json" >"$out/cases"
cat "$out/cases" | cut -c1-300
n=$(wc -l <"$out/cases")
[ "$n" -eq "$selected" ] || { echo "expected the $selected selected cases in results.json, found $n"; exit 1; }
status=0
while IFS=$'\t' read -r id outcome msg; do
  if [ "$outcome" != harness_error ]; then
    echo "$id is $outcome, not harness_error, under $fault"; status=1
  elif ! printf '%s' "$msg" | grep -Eqi "$message"; then
    echo "$id: the harness error does not say what happened (want /$message/): $msg"; status=1
  fi
done <"$out/cases"
if [ -n "$also" ] && ! cut -f3 "$out/cases" | grep -Eqi "$also"; then
  echo "no case's harness error says /$also/"; status=1
fi
exit $status
