#!/usr/bin/env bash
# The ways a parallel run (run --jobs, suites/parallel.h) can go wrong, each ending in a written
# report and the exit status a serial run would give:
#   dead-worker: a worker killed before its first case (CLOUDCONFORM_TEST_WORKER_ABORT, read only
#     in worker mode) makes its product's cases harness errors carrying its last stderr lines;
#     the other products are judged as usual; exit 2.
#   sigterm: SIGTERM to the run alone is passed on to its workers; ctrl-c: SIGINT to the whole
#     process group, as a terminal sends it. Either way the workers wind down, put back what they
#     changed, the reports are written and the run exits 130 — with a serial run's verdict shape:
#     the cases the signal cut short are "not run" (never harness errors), and the headline is
#     "Interrupted by SIGINT: N of M cases ran, K not run; …" in the terminal and report.md.
#   account-sigterm: the same against a stand-in for a real account, whose instances the workers
#     really stop and start: every one is put back.
#   profile-jobs: a profile's "jobs" is validated (exit 2 naming the pointer) and sets the default.
# usage: checks.sh CLOUDCONFORM CHECK
set -u
bin=$1 check=$2
. "$(dirname "$0")/../lib/emulate.sh"
out=$(mktemp -d)
cc_on_exit 'rm -rf "$out"'
status=0
fail() { echo "FAIL: $*"; status=1; }
expect_rc() {  # WANT GOT
  [ "$2" -eq "$1" ] || { fail "exit $2, want $1"; tail -40 "$out/log"; }
}
outcomes() { jq -r --arg re "$1" '[.cases[] | select(.id | test($re)) | .outcome] | unique | join(",")' "$out/run/results.json"; }

case $check in
dead-worker)
  only='TencentCvmStopInstances.RejectsAMalformedId:TencentLighthouseStopInstances.RejectsAMalformedId:TencentLighthouseStopInstances.RejectsANonexistentInstance:AlibabaEcsStopInstances.RejectsAMalformedId'
  CLOUDCONFORM_TEST_WORKER_ABORT=lighthouse "$bin" run --only "$only" --out "$out/run" >"$out/log" 2>&1
  expect_rc 2 $?
  [ -f "$out/run/results.json" ] && [ -f "$out/run/report.md" ] || fail "no results.json or report.md"
  [ "$(outcomes '^TencentLighthouse')" = harness_error ] || fail "lighthouse cases: $(outcomes '^TencentLighthouse')"
  [ "$(outcomes '^(TencentCvm|AlibabaEcs)')" = pass ] || fail "other cases: $(outcomes '^(TencentCvm|AlibabaEcs)')"
  why=$(jq -r '.cases[] | select(.id | startswith("TencentLighthouse")) | .harness_error' "$out/run/results.json" | head -1)
  echo "$why" | grep -q 'lighthouse was killed by signal 9' || fail "harness error does not say how the worker ended: $why"
  echo "$why" | grep -q 'dying on purpose' || fail "harness error does not carry the worker's stderr: $why"
  [ "$(jq '.cases | length' "$out/run/results.json")" -eq 4 ] || fail "not 4 cases"
  ;;
sigterm | ctrl-c)
  # Long enough to be interrupted: every product's cases, minus the slowest families.
  setsid "$bin" run --only '*-*.HonoursTheDocumentedRateLimit' --out "$out/run" >"$out/log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do grep -q '^jobs: ' "$out/log" && break; sleep 0.1; done
  grep -q '^jobs: ' "$out/log" || fail "the workers never started"
  # The workers are judging cases: await the first product done (cases passed, others still going).
  for _ in $(seq 600); do grep -q '^\[progress\] .*(1 of ' "$out/log" && break; sleep 0.1; done
  grep -q '^\[progress\] .*(1 of ' "$out/log" || fail "no product finished within 60 s: $(tail -5 "$out/log")"
  if [ "$check" = sigterm ]; then kill -TERM "$pid"; else kill -INT -- "-$pid"; fi
  started=$(date +%s)
  wait "$pid"
  expect_rc 130 $?
  echo "wound down in $(($(date +%s) - started)) s"
  pgrep -g "$pid" >/dev/null && fail "a worker outlived the run"
  [ -f "$out/run/results.json" ] && [ -f "$out/run/report.md" ] || fail "no results.json or report.md"
  jq -e '.interrupted | test("interrupted by SIG(TERM|INT)")' "$out/run/results.json" >/dev/null ||
    fail "results.json does not say the run was interrupted"
  jq -e '[.restore[] | .restored] | all' "$out/run/results.json" >/dev/null || fail "an instance was not put back"
  # Every product had started, and each stopped early: judged cases and cases ended by the signal.
  jq -e '[.cases[] | select(.outcome == "pass")] | length > 0' "$out/run/results.json" >/dev/null || fail "no case passed before the signal"
  # The cases after the signal are not run, as in series: counted in the selection, absent from
  # the cases, never harness errors; selected = judged + not run.
  jq -e '(.selection.not_run // 0) > 0' "$out/run/results.json" >/dev/null || fail "no case was counted not run"
  errors=$(jq '[.cases[] | select(.outcome == "harness_error")] | length' "$out/run/results.json")
  [ "$errors" -eq 0 ] || fail "$errors harness errors, want none: $(jq -c '[.cases[] | select(.outcome == "harness_error") | .harness_error] | unique' "$out/run/results.json")"
  jq -e '.selection.selected == (.cases | length) + .selection.not_run' "$out/run/results.json" >/dev/null ||
    fail "selection does not add up: $(jq -c .selection "$out/run/results.json")"
  signal=$([ "$check" = sigterm ] && echo SIGTERM || echo SIGINT)
  headline="Interrupted by $signal: [0-9]+ of [0-9]+ cases ran, [0-9]+ not run; "
  grep -Eq "^$headline" "$out/log" || fail "no serial-style headline in the terminal: $(grep -i interrupted "$out/log" | head -3)"
  grep -Eq "$headline" "$out/run/report.md" || fail "no serial-style headline in report.md"
  grep -q '^Harness errors' "$out/log" && fail "the terminal lists harness errors"
  grep -q 'again: leaving without putting instances back' "$out/log" && fail "a process left without putting instances back"
  ;;
account-sigterm)
  # A Tencent account stood in for by `cloudconform emulate` (no control plane for the run: its
  # instances are arranged through Start/Stop and paced), two products allowed side by side by the
  # profile's "jobs": a SIGTERM mid-run puts every instance the workers changed back.
  command -v curl >/dev/null || { echo "curl is not installed: skipped"; exit 77; }
  start_emulator "$bin"  # tests/lib/emulate.sh: its first line awaited, stopped at exit
  url=$EMULATOR_URL
  ids() { curl -s -X POST "$url/_cloudconform/v1/instances" -d "{\"product\": \"$1\", \"state\": \"RUNNING\", \"count\": 2}" | jq -c .instances; }
  cat >"$out/account.json" <<JSON
{"kind": "tencent", "region": "ap-guangzhou", "jobs": 2,
 "instances": {"cvm": $(ids cvm), "lighthouse": $(ids lighthouse)}}
JSON
  TENCENTCLOUD_SECRET_ID=AKIDcloudconformEMULATOR0000000000 TENCENTCLOUD_SECRET_KEY=cloudconformEmulatorTencentKey00 \
    setsid "$bin" run --target "$out/account.json" --allow-mutations --endpoint "cvm=$url" --endpoint "lighthouse=$url" \
    --only 'TencentCvmStopInstances.*:TencentLighthouseStopInstances.*' --out "$out/run" >"$out/log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do grep -q '^jobs: 2 ' "$out/log" && break; sleep 0.1; done
  grep -q '^jobs: 2 ' "$out/log" || fail "the profile's two workers never started: $(head -20 "$out/log")"
  # Await the workers' first change to an allowlisted instance (polling: the emulator has no events).
  changed() {
    for product in cvm lighthouse; do
      curl -s "$url/_cloudconform/v1/instances?product=$product" | jq -e '[.instances[].state] | any(. != "RUNNING")' >/dev/null && return 0
    done
    return 1
  }
  for _ in $(seq 600); do changed && break; sleep 0.1; done
  kill -TERM "$pid"
  wait "$pid"
  expect_rc 130 $?
  [ -f "$out/run/report.md" ] || fail "no report.md"
  jq -e '.restore | length > 0' "$out/run/results.json" >/dev/null || fail "no instance was changed before the signal"
  jq -e '[.restore[] | .restored] | all' "$out/run/results.json" >/dev/null || fail "an instance was not put back"
  for product in cvm lighthouse; do
    states=$(curl -s "$url/_cloudconform/v1/instances?product=$product" | jq -r '[.instances[].state] | unique | join(",")')
    [ "$states" = RUNNING ] || fail "$product instances are $states after the run, not RUNNING"
  done
  echo "put back: $(jq -c '[.restore[] | .id]' "$out/run/results.json")"
  ;;
profile-jobs)
  echo '{"kind": "embedded-emulator", "jobs": 0}' >"$out/zero.json"
  "$bin" run --target "$out/zero.json" --out "$out/run" >"$out/log" 2>&1
  expect_rc 2 $?
  grep -q '\[target.bad_value\] .*zero.json: /jobs' "$out/log" || fail "jobs 0 not named: $(cat "$out/log")"
  echo '{"kind": "embedded-emulator", "jobs": 1}' >"$out/one.json"
  only='TencentCvmStopInstances.RejectsAMalformedId:AlibabaEcsStopInstances.RejectsAMalformedId'
  "$bin" run --target "$out/one.json" --only "$only" --out "$out/run" >"$out/log" 2>&1
  expect_rc 0 $?
  [ "$(jq .jobs "$out/run/results.json")" = 1 ] || fail "profile jobs 1: results say $(jq .jobs "$out/run/results.json")"
  "$bin" run --target "$out/one.json" --jobs 2 --only "$only" --out "$out/run" >"$out/log" 2>&1
  expect_rc 0 $?
  [ "$(jq .jobs "$out/run/results.json")" = 2 ] || fail "--jobs 2 over the profile: results say $(jq .jobs "$out/run/results.json")"
  ;;
*)
  echo "unknown check $check"
  exit 2
  ;;
esac
[ $status -eq 0 ] && echo "$check: ok"
exit $status
