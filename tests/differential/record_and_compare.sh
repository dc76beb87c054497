#!/usr/bin/env bash
# Issue 15, "Done when": record on the faithful embedded emulator, then `--compare-to` that
# snapshot — against a deviated emulator the difference is reported at field level (case, JSON
# pointer, both values), against a second faithful run no difference; `--gate differential` exits
# 1 against the deviated one and 0 against the faithful one, and without it a difference never
# changes the exit status. Also: an unusable --record DIR and a malformed snapshot are refused
# (exit 2) before any case runs, and every report lists the differences.
#
# usage: record_and_compare.sh CLOUDCONFORM OUT_DIR
set -u
cc=$1 out=$2
fail() { echo "record_and_compare: $*" >&2; exit 1; }
command -v jq >/dev/null || { echo "record_and_compare: jq is not installed" >&2; exit 77; }
rm -rf "$out" && mkdir -p "$out" || fail "cannot create $out"

only='TencentCvmStopInstances.*'
snap=$out/snapshot
# The deviation answers a well-formed nonexistent id with the malformed-id code.
deviated=(--deviation wrong-not-found-code)
nonexistent=TencentCvmStopInstances.RejectsANonexistentInstance

run() {  # NAME EXPECTED_STATUS ARGS...
  local name=$1 want=$2; shift 2
  "$cc" run --only "$only" --out "$out/$name" "$@" >"$out/$name.log" 2>&1
  local rc=$?
  [ "$rc" -eq "$want" ] || fail "run $name exited $rc, not $want (see $out/$name.log)"
}
results() { echo "$out/$1/results.json"; }

# 1. The recording.
run recorded 0 --record "$snap"
n=$(jq '.cases | length' "$snap/snapshot.json") || fail "no snapshot.json in $snap"
[ "$n" -gt 0 ] || fail "the snapshot holds no case"
grep -qx "snapshot: $snap ($n cases)" "$out/recorded.log" || fail "no 'snapshot: $snap ($n cases)' line"
[ -s "$snap/cases/$nonexistent.json" ] || fail "no cases/$nonexistent.json"

# 2. Against the deviated emulator: the difference at field level, with both values.
run deviated 1 --compare-to "$snap" "${deviated[@]}"
r=$(results deviated)
jq -e --arg id "$nonexistent" '.differential.differences
    | any(.case == $id and (.pointer | endswith("/Error/Code"))
          and .recorded == "InvalidInstanceId.NotFound" and .observed == "InvalidInstanceId.Malformed"
          and .rule == "equal")' "$r" >/dev/null \
  || fail "the deviated run's differential does not name $nonexistent's Error/Code with both values: $(jq -c '.differential.differences' "$r")"
d=$(jq '.differential.differences | length' "$r")
m=$(jq '.differential.compared' "$r")
[ "$m" -eq "$n" ] || fail "compared $m cases, the snapshot has $n"
jq -e '.gate == "must" and (has("differential_gate") | not)' "$r" >/dev/null || fail "gate fields wrong: $(jq -c '{gate, differential_gate}' "$r")"
grep -q "^differential: $d difference.* from the recorded target (embedded-emulator \"cloudconform reference emulator\", recorded .*) over $n compared cases$" \
  "$out/deviated.log" || fail "no differential line in $out/deviated.log"
# In every report, apart from the verdicts.
grep -q "^Differs from the recorded target ($d) — reported, not failed" "$out/deviated.log" || fail "summary lacks the section"
grep -q "^### Differs from the recorded target ($d)" "$out/deviated/report.md" || fail "report.md lacks the section"
grep -q '<section id="differential">' "$out/deviated/report.html" || fail "report.html lacks #differential"
grep -q "<testcase classname=\"Differential\" name=\"$nonexistent\"" "$out/deviated/junit.xml" || fail "junit.xml lacks Differential.$nonexistent"

# 3. A second faithful run: no difference, every case compared, and the gate passes it.
run faithful 0 --compare-to "$snap" --gate differential
r=$(results faithful)
jq -e --argjson n "$n" '.differential.differences == [] and .differential.compared == $n
    and .differential.not_run == [] and .differential.not_in_snapshot == [] and .differential_gate == true' "$r" >/dev/null \
  || fail "a faithful run differs from the faithful snapshot: $(jq -c '.differential | {compared, not_run, not_in_snapshot, differences: .differences[:3]}' "$r")"

# 4. The gate: the deviated emulator fails it; a difference the verdicts allow (RequestIds in the
# other letter case, a variation the documents allow) fails the run only under the gate.
run deviated-gated 1 --compare-to "$snap" --gate differential "${deviated[@]}"
jq -e '.differential_gate == true and .gate == "must"' "$(results deviated-gated)" >/dev/null || fail "gate fields wrong"
run variation 0 --compare-to "$snap" --variation request-id-format
v=$(jq '.differential.differences | length' "$(results variation)")
[ "$v" -gt 0 ] || fail "RequestIds in the other letter case made no difference (same-format rule)"
run variation-gated 1 --compare-to "$snap" --variation request-id-format --gate should,differential
jq -e '.differential_gate == true and .gate == "should"' "$(results variation-gated)" >/dev/null || fail "gate fields wrong"

# 5. Refused before any case runs (exit 2, nothing written): an unusable --record DIR, a malformed
# snapshot, --gate differential without a snapshot.
refused() {  # NAME MESSAGE_REGEX ARGS...
  local name=$1 want=$2; shift 2
  "$cc" run --only "$only" --out "$out/$name" "$@" >"$out/$name.log" 2>&1
  local rc=$?
  [ "$rc" -eq 2 ] || fail "$name: exit $rc, not 2 (see $out/$name.log)"
  grep -Eq -e "$want" "$out/$name.log" || fail "$name: no message matching '$want' in $out/$name.log"
  [ ! -e "$out/$name/results.json" ] || fail "$name: a case ran before the refusal"
}
touch "$out/a-file"
refused record-on-a-file "--record $out/a-file: not a directory" --record "$out/a-file"
refused record-over-results "--record $out/recorded: holds files but no snapshot.json" --record "$out/recorded"
cp -r "$snap" "$out/broken"
jq '.cases[0].file = 7' "$snap/snapshot.json" >"$out/broken/snapshot.json"
refused malformed-snapshot "--compare-to $out/broken: \[snapshot\.wrong_type\] $out/broken/snapshot.json: /cases/0/file" \
  --compare-to "$out/broken"
refused gate-without-snapshot "--gate differential needs --compare-to DIR" --gate differential
refused unknown-gate "--gate is must, should or differential" --gate sometimes
echo "record_and_compare: $n cases recorded; the deviated run differs $d times (the gate fails it), a faithful run never, RequestIds in the other case $v times (only the gate fails it)"
