#!/usr/bin/env bash
# Issue 15, "Done when": compare over three runs — the faithful emulator and two deviations —
# with the disagreements first and the right counts, rendered in headless Chromium. The expected
# rows and counts are computed here from the three results.json files with jq, never hard-coded.
#
# usage: compare_three_runs.sh CLOUDCONFORM COMPARE_CLI OUT_DIR
set -u
cc=$1 cli=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "compare_three_runs: $*" >&2; exit 1; }
rm -rf "$out" && mkdir -p "$out" || fail "cannot create $out"

# CVM's cases, and Lighthouse's duplicate check: CVM documents no duplicate rule (its
# RejectsDuplicateIds only observes), so without it duplicates-accepted would change nothing.
only='TencentCvmStopInstances.*:TencentLighthouseStopInstances.RejectsDuplicateIds'
# Sequential on purpose: the state-machine cases time transitions, and CI machines are small.
run() {  # NAME [--deviation D]
  local name=$1; shift
  "$cc" run --only "$only" --out "$out/$name" "$@" >"$out/$name.log" 2>&1
  local rc=$?
  # 0 conformant, 1 non-conformant (what a deviation must give); anything else is a broken run.
  [ $rc -le 1 ] && [ -s "$out/$name/results.json" ] || fail "run $name exited $rc (see $out/$name.log)"
}
run faithful
run duplicates --deviation duplicates-accepted
run any-state --deviation stop-accepts-any-state

"$cli" "$out/faithful" "$out/duplicates/results.json" "$out/any-state" \
  --label faithful="$out/faithful" --label duplicates-accepted="$out/duplicates" \
  --label stop-accepts-any-state="$out/any-state/results.json" --out "$out/compare" >"$out/compare.log" 2>&1 \
  || fail "compare exited $? (see $out/compare.log)"
cat "$out/compare.log"
for f in compare.html compare.md compare.json; do
  grep -qx "wrote $out/compare/$f" "$out/compare.log" || fail "no line for $f"
done
json=$out/compare/compare.json
files=("$out/faithful/results.json" "$out/duplicates/results.json" "$out/any-state/results.json")

# Expected, from the results files: per case id the outcomes ("not_run" when absent), and which
# ids have more than one distinct outcome.
expected=$(jq -s '
  (map([.cases[].id]) | add | unique) as $ids
  | [ . as $runs | $ids[] as $id
      | { id: $id, outcomes: [ $runs[] | ((.cases[] | select(.id == $id) | .outcome) // "not_run") ] }
      | .disagree = ((.outcomes | unique | length) > 1) ]' "${files[@]}") || fail "jq over the results failed"
want_total=$(jq 'length' <<<"$expected")
want_dis=$(jq '[.[] | select(.disagree)] | length' <<<"$expected")
echo "expected: $want_total cases, $want_dis disagreements"
[ "$want_dis" -gt 0 ] || fail "the deviations made no difference: the comparison has nothing to show"
# Each deviation shows (the negative controls say which cases each one breaks).
for id in TencentLighthouseStopInstances.RejectsDuplicateIds TencentCvmStopInstances.RejectsAStoppedInstance; do
  jq -e --arg id "$id" '[.[] | select(.disagree) | .id] | index($id) != null' <<<"$expected" >/dev/null \
    || fail "$id is not a disagreement: a deviation made no difference"
done

# compare.json: the same rows (outcomes per target), disagreements first, the same summary.
jq -e --argjson want "$expected" '
  (.cases | map({id, outcomes: [.targets[].outcome], disagree}) | sort_by(.id)) == ($want | sort_by(.id))' \
  "$json" >/dev/null || fail "compare.json rows differ from the results files"
jq -e '[.cases[].disagree] as $d | ($d | index(false)) as $first
       | $first == null or ($d[$first:] | all(. == false))' "$json" >/dev/null \
  || fail "compare.json lists a disagreement after an agreement"
jq -e --argjson t "$want_total" --argjson d "$want_dis" \
  '.summary == {cases: $t, disagreements: $d, targets: 3} and .warnings == []' "$json" >/dev/null \
  || fail "compare.json summary or warnings wrong: $(jq -c '{summary, warnings}' "$json")"

# Scores: met and judged per API x target, counted as the reports count (reports/model.h).
want_scores=$(jq -s 'map(.cases | group_by(.api) | map({key: .[0].api, value: {
    met: map(select(.outcome == "pass" or .outcome == "observed" or .outcome == "unexpected_pass")) | length,
    judged: map(select(.outcome != "not_supported" and .outcome != "harness_error" and .outcome != "inconclusive")) | length}})
  | from_entries)' "${files[@]}")
jq -e --argjson want "$want_scores" '
  [range(0; 3) as $i | .scores | to_entries[] | {api: .key, i: $i, met: .value[$i].met, judged: .value[$i].judged}]
  == [range(0; 3) as $i | $want[$i] | to_entries[] | {api: .key, i: $i, met: .value.met, judged: .value.judged}]' \
  "$json" >/dev/null || fail "compare.json scores differ from the results files: $(jq -c .scores "$json")"

# compare.md: every disagreement before the agreements.
md=$out/compare/compare.md
agree_line=$(grep -n '^<details><summary>Agreements' "$md" | head -1 | cut -d: -f1)
[ -n "$agree_line" ] || fail "compare.md has no Agreements section"
for id in $(jq -r '.[] | select(.disagree) | .id' <<<"$expected"); do
  line=$(grep -n -F "\`$id\`" "$md" | head -1 | cut -d: -f1)
  [ -n "$line" ] && [ "$line" -lt "$agree_line" ] || fail "disagreement $id is not listed before the agreements in compare.md"
done
first_agreement=$(jq -r '[.[] | select(.disagree | not) | .id][0]' <<<"$expected")
[ "$(grep -n -F "\`$first_agreement\`" "$md" | head -1 | cut -d: -f1)" -gt "$agree_line" ] \
  || fail "agreement $first_agreement is listed before the Agreements section"

# compare.html in a browser: the page's own checks, then the counts as rendered.
"$here/render_compare_in_chromium.sh" "$out/compare/compare.html" "$out/chromium" "$want_total" "$want_dis" || exit 1
dom=$out/chromium/dom.html
for i in 0 1 2; do
  for api in $(jq -r ".[$i] | keys[]" <<<"$want_scores"); do
    met=$(jq ".[$i][\"$api\"].met" <<<"$want_scores") judged=$(jq ".[$i][\"$api\"].judged" <<<"$want_scores")
    grep -qF "data-api=\"$api\" data-target=\"$i\" data-met=\"$met\" data-judged=\"$judged\"" "$dom" \
      || fail "compare.html does not show $met/$judged for $api on target $i"
  done
done
echo "compare_three_runs: $want_total cases, $want_dis disagreements, disagreements first in compare.json, compare.md and compare.html; scores match"
