#!/bin/sh
# Issue 15 point 4 with the real command: a 4-case run says what it did not run. Its coverage
# lists only the API it judged, calls a code it did not reach "not exercised" (left out by the
# selection), never "not triggerable", and every report says so.
# Usage: not_run.sh CLOUDCONFORM WORK_DIR
set -u
cc=$1 work=$2
rm -rf "$work"
api=TencentCvmStopInstances
only="$api.StopsARunningInstance:$api.RejectsAStoppedInstance:$api.RejectsANonexistentInstance:$api.RejectsAMalformedId"
out=$("$cc" run --only "$only" --out "$work" 2>&1); rc=$?
fail() { echo "$out"; echo "FAIL: $*"; exit 1; }
[ $rc -eq 0 ] || fail "the 4-case run exited $rc"
r="$work/results.json"

[ "$(jq '.selection.cases' "$r")" -eq 4 ] || fail "selection.cases is not 4"
[ "$(jq '.selection.of' "$r")" -gt 4 ] || fail "selection.of is not the suite's count"
[ "$(jq -c '.coverage | keys' "$r")" = "[\"$api\"]" ] ||
  fail "coverage lists APIs outside the selection: $(jq -c '.coverage | keys' "$r")"
# Not triggerable only for what no black-box client can arrange.
bad=$(jq -r '.coverage[].documented[] | select(.not_triggerable != null)
  | select(.trigger | test("^(server\\.|auth\\.permission$|other$|request\\.conflict$)") | not)
  | .code' "$r")
[ -z "$bad" ] || fail "called not triggerable although a request can arrange them: $bad"
not_run=$(jq '[.coverage[].documented[] | select((.triggered_by | length) == 0)
  | select(.not_exercised // "" | startswith("not run: the selection left out"))] | length' "$r")
[ "$not_run" -gt 0 ] || fail "no code reads as left out by the selection"
untold=$(jq '[.coverage[].documented[] | select((.triggered_by | length) == 0)
  | select(.not_exercised == null and .not_triggerable == null)] | length' "$r")
[ "$untold" -eq 0 ] || fail "$untold codes not triggered carry no reason"

line="($not_run not exercised by this selection"
echo "$out" | grep -F "error codes: " | grep -qF "$line" || fail "the run's coverage line lacks '$line'"
grep -qF -- "- $api: " "$work/report.md" || fail "report.md has no coverage line for $api"
grep -F -- "- $api: " "$work/report.md" | grep -qF "$line" || fail "report.md lacks '$line'"
grep -qF "$line" "$work/report.html" || fail "report.html lacks '$line'"
grep -q "not triggerable: no case of this run" "$work/report.html" && fail "report.html calls a code not run not triggerable"
for other in TencentLighthouseStopInstances AlibabaEcsStopInstance; do
  grep -qF -- "- $other:" "$work/report.md" && fail "report.md lists $other, which was not run"
done
echo "PASS: $not_run codes not exercised by the selection, none called not triggerable"
