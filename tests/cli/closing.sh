#!/usr/bin/env bash
# What a run says at its end and at a terminal (issue 17): the closing block (reports, replay
# lines, stale expectations), an interrupted run's headline, --fail-fast, the live progress line
# and colours at a TTY, and the proxy named in the header. Each check runs the real binary against
# its embedded emulator and asserts the exit status and the exact text.
#
# usage: closing.sh CLOUDCONFORM CHECK
set -u
bin=$1 check=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

. "$(dirname "$0")/../lib/assert.sh"
# runs LOG STATUS ARGS...: cloudconform ARGS exits STATUS, stdout and stderr in LOG.
runs() { run_to "$1" "$2" "$bin" "${@:3}"; }

lh=TencentLighthouseStopInstances
case $check in
  BlockNamesReportsReplaysAndStaleExpectations)
    cat >"$work/known.json" <<EOF
{"target": "the embedded emulator",
 "expected_failures": [
   {"case": "TencentCvmStopInstances.RejectsAMalformedId", "reason": "listed by mistake: it passes", "link": "-"},
   {"case": "Nope\\\\..*", "reason": "an entry for a case the suite does not have", "link": "-"}]}
EOF
    runs "$work/log" 1 run --out "$work/o" --deviation duplicates-accepted \
      --expectations "$work/known.json" \
      --only "$lh.RejectsDuplicateIds:TencentCvmStopInstances.RejectsAMalformedId"
    has_match "$work/log" "^Non-conformant: 1 of 2 checks failed; 1 case expected to fail passed \(remove it from $work/known.json\)$"
    has_match "$work/log" "^Next:$"
    for f in results.json junit.xml report.md report.html; do has_match "$work/log" "^    $work/o/$f$"; done
    has_match "$work/log" "^  replay each case that did not pass, alone against the same target \(1\):$"
    has_match "$work/log" "^    cloudconform run --only '$lh\.RejectsDuplicateIds' --deviation duplicates-accepted$"
    has_match "$work/log" "^  expected to fail, and passed — remove from $work/known.json:$"
    has_match "$work/log" "^    TencentCvmStopInstances\.RejectsAMalformedId$"
    has_match "$work/log" "^  expectation entries that matched no case — correct or remove them in $work/known.json:$"
    has_match "$work/log" '^    "Nope\\\.\.\*"$'
    lacks_match "$work/log" "gtest_filter" ;;
  UnexpectedPassHeadlineSaysSo)
    cat >"$work/known.json" <<EOF
{"target": "the embedded emulator",
 "expected_failures": [{"case": "TencentCvmStopInstances.RejectsAMalformedId", "reason": "stale", "link": "-"}]}
EOF
    runs "$work/log" 1 run --out "$work/o" --expectations "$work/known.json" \
      --only "TencentCvmStopInstances.RejectsAMalformedId:TencentCvmStopInstances.RejectsDuplicateIds"
    has_match "$work/log" "^Non-conformant: 1 case expected to fail passed \(remove it from $work/known.json\)"
    has_match "$work/o/report.md" "^## ❌ cloudconform: Non-conformant: 1 case expected to fail passed "
    has_match "$work/o/report.html" "<p>Non-conformant: 1 case expected to fail passed " ;;
  CtrlCSaysTheRunWasInterrupted)
    # In series, so the live path of the listener is the one interrupted; the signal is sent once
    # 25 cases are judged (the run prints that line), while the property cases are still to come.
    "$bin" run --out "$work/o" --jobs 1 --only 'TencentCvmStopInstances.*' >"$work/log" 2>&1 &
    pid=$!
    timeout 120 tail -n +1 -f "$work/log" | grep -m1 -q '^\[progress\] 25/' ||
      fail "no progress line: $(cat "$work/log")"
    kill -INT "$pid"
    wait "$pid"
    rc=$?
    [ "$rc" -eq 130 ] || fail "exit $rc, expected 130: $(cat "$work/log")"
    has_match "$work/log" '^Interrupted by SIGINT: [0-9]+ of 45 cases ran, [0-9]+ not run; no instance needed putting back$'
    has_match "$work/log" '^  interrupted by SIGINT: [0-9]+ of 45 cases not run — run again to judge them$'
    lacks_match "$work/log" 'did not answer usably'
    lacks_match "$work/log" '^Harness errors \(' 'the cases the signal cut short are listed as harness errors'
    has_match "$work/o/report.md" '^## .* cloudconform: Interrupted by SIGINT: [0-9]+ of 45 cases ran'
    jq -e '.selection.not_run > 0 and .selection.selected == 45' "$work/o/results.json" >/dev/null ||
      fail "results.json selection: $(jq -c .selection "$work/o/results.json")" ;;
  FailFastStopsAtTheFirstFailure)
    runs "$work/log" 1 run --out "$work/o" --fail-fast --deviation duplicates-accepted \
      --only "$lh.*"
    total=$("$bin" list --only "$lh.*" | grep -c "^$lh\.")
    first=$(grep -m1 -E "^$lh\.[A-Za-z]+  (MUST|SHOULD)  (fail|harness_error)$" "$work/log" | cut -d' ' -f1)
    [ -n "$first" ] || fail "no failure block: $(cat "$work/log")"
    ran=$(jq '.cases | length' "$work/o/results.json")
    [ "$ran" -lt "$total" ] || fail "every case ran ($ran of $total)"
    has_match "$work/log" "^  stopped early \(--fail-fast: $first failed\): $((total - ran)) of $total cases not run — run again without --fail-fast to judge them$"
    has_match "$work/log" "; stopped early \(--fail-fast: $first failed\): $ran of $total cases ran, $((total - ran)) not run$"
    lacks_match "$work/log" '^Harness errors \(' 'the cases not run are listed as harness errors'
    jq -e '[.cases[] | select(.outcome == "harness_error")] | length == 0' "$work/o/results.json" >/dev/null ||
      fail "harness errors in results.json"
    # A failure the expectations file lists is known: --fail-fast goes past it. Two deviations,
    # so that a second case fails for certain after the known one.
    two=(--fail-fast --deviation duplicates-accepted --deviation wrong-not-found-code --only "$lh.*")
    runs "$work/log2" 1 run --out "$work/o2" "${two[@]}"
    known=$(jq -r '.selection.stopped' "$work/o2/results.json" | sed -n 's/^--fail-fast: \(.*\) failed$/\1/p')
    [ -n "$known" ] || fail "the run with two deviations did not stop"
    printf '{"target": "t", "expected_failures": [{"case": "%s", "reason": "known", "link": "https://example.invalid/known"}]}\n' "$known" >"$work/known.json"
    runs "$work/log3" 1 run --out "$work/o3" "${two[@]}" --expectations "$work/known.json"
    jq -e --arg id "$known" '.cases[] | select(.id == $id) | .outcome == "expected_fail"' "$work/o3/results.json" >/dev/null ||
      fail "$known is not an expected failure"
    stopped=$(jq -r '.selection.stopped // ""' "$work/o3/results.json")
    [ -n "$stopped" ] && [ "$stopped" != "--fail-fast: $known failed" ] ||
      fail "--fail-fast stopped at the known failure ($stopped)" ;;
  ProgressIsOneLiveLineInColour | NoColorKeepsTheLineWithoutColour | APipeGetsThePlainLines)
    only="$lh.RejectsDuplicateIds:$lh.RejectsAMalformedId"
    cmd="'$bin' run --jobs 1 --out '$work/o' --deviation duplicates-accepted --only '$only'"
    case $check in
      ProgressIsOneLiveLineInColour) TERM=xterm NO_COLOR= script -qfec "$cmd" /dev/null >"$work/out" ;;
      NoColorKeepsTheLineWithoutColour) TERM=xterm NO_COLOR=1 script -qfec "$cmd" /dev/null >"$work/out" ;;
      APipeGetsThePlainLines) bash -c "$cmd" 2>&1 | cat >"$work/out" ;;
    esac
    esc=$'\033' cr=$'\r'
    if [ "$check" = APipeGetsThePlainLines ]; then
      lacks_match "$work/out" "$cr|$esc" 'a carriage return or escape code'
      has_match "$work/out" '^\[progress\] 2/2 cases, 1 failed, [0-9.]+ s$'
    else
      has_match "$work/out" "${cr}${esc}\[K\[progress\] [0-9]/2 cases" 'no progress line drawn in place'
      # The failure block starts on a cleared line, never after the progress text.
      has_match "$work/out" "${cr}${esc}\[K(${esc}\[31m)?$lh\.RejectsDuplicateIds  MUST  fail" 'the block does not follow an erase'
      if [ "$check" = ProgressIsOneLiveLineInColour ]; then
        has_match "$work/out" "${esc}\[31m$lh\.RejectsDuplicateIds  MUST  fail${esc}\[0m" 'the failure is not red'
        has_match "$work/out" "${esc}\[31mNon-conformant: " 'the verdict is not red'
      else
        lacks_match "$work/out" "${esc}\[[0-9;]*m" 'a colour code under NO_COLOR'
      fi
    fi ;;
  ProxyIsNamedInTheHeaderWithoutItsCredentials)
    one=TencentCvmStopInstances.RejectsAMalformedId
    proxy=http://user:pr0xyPassw0rd@127.0.0.1:9
    # Through a proxy that answers nothing: named (credentials hidden), and the cases cannot run.
    http_proxy=$proxy runs "$work/log" 2 run --jobs 1 --out "$work/o" --only "$one"
    has_match "$work/log" '^proxy: http://\*\*\*@127\.0\.0\.1:9 \(from http_proxy\) for http://127\.0\.0\.1:[0-9]+$'
    # A loopback target is not exempt by the name localhost (libcurl's rule): still proxied.
    http_proxy=$proxy no_proxy=localhost runs "$work/log2" 2 run --jobs 1 --out "$work/o2" --only "$one"
    has_match "$work/log2" '^proxy: http://\*\*\*@127\.0\.0\.1:9 \(from http_proxy\)'
    # Its address in no_proxy exempts it: the run goes direct and passes.
    http_proxy=$proxy no_proxy=example.com,127.0.0.0/8 runs "$work/log3" 0 run --jobs 1 --out "$work/o3" --only "$one"
    has_match "$work/log3" '^proxy: none \(no_proxy=example\.com,127\.0\.0\.0/8 exempts it from http_proxy\) for http://127\.0\.0\.1:[0-9]+$'
    # libcurl never reads HTTP_PROXY, and https_proxy is for https:// URLs; all_proxy is for all.
    HTTP_PROXY=$proxy https_proxy=$proxy runs "$work/log4" 0 run --jobs 1 --out "$work/o4" --only "$one"
    has_match "$work/log4" '^proxy: none$'
    all_proxy=$proxy runs "$work/log5" 2 run --jobs 1 --out "$work/o5" --only "$one"
    has_match "$work/log5" '^proxy: http://\*\*\*@127\.0\.0\.1:9 \(from all_proxy\)'
    jq -e '.target.proxy | startswith("http://***@127.0.0.1:9 (from http_proxy)")' "$work/o/results.json" >/dev/null ||
      fail "results.json target.proxy: $(jq -c .target.proxy "$work/o/results.json")"
    if grep -rq pr0xyPassw0rd "$work"/log* "$work"/o*; then fail "the proxy's password was printed or written"; fi ;;
  *)
    fail "unknown check $check" ;;
esac
echo "ok: $check"
