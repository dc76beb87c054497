#!/usr/bin/env bash
# The replay lines a run prints for each case that did not pass carry the run's target flags
# (suites/finish.h target_flags), so that the line run as printed meets the same target:
#   PropertyReplayLineCarriesTheTargetFlags: a property case failing under a deviation, judged by
#     a worker of a parallel run, has a `replay: cloudconform replay FILE --deviation … --variation
#     … --latency-ms … --settle-ms …` line in the terminal, report.md and report.html, and that
#     line, run as printed, reproduces the failure (exit 1); its `again:` line carries the same
#     flags.
#   PropertyReplayLineNamesTheEndpoint: the same against `cloudconform emulate` reached by
#     --endpoint PRODUCT=URL: `replay --endpoint URL`, which fails again.
#   PropertyReplayLineNamesTheProfile: the same against an emulator named by a --target profile:
#     `replay --target PROFILE`, which fails again; a real account's profile is refused by replay.
#   ReplayLineCarriesCacertAndTimeoutsQuoted: a run line carries --cacert and the timeouts it was
#     given, a path with a space quoted for the shell.
#
# usage: replay_lines.sh CLOUDCONFORM CHECK
set -u
bin=$1 check=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

. "$(dirname "$0")/../lib/assert.sh"

# replays_as_printed: the first `replay:` line of the run's log, run as printed with this build for
# "cloudconform", meets the failure again (exit 1); its output in $work/replay.log.
replays_as_printed() {
  local line
  line=$(grep -m1 '^  replay: cloudconform replay ' "$work/log" | sed 's/^  replay: cloudconform //')
  [ -n "$line" ] || fail "no replay line in $work/log"
  eval_exits "$work/replay.log" 1 "\"\$bin\" $line"
}

case $check in
  PropertyReplayLineCarriesTheTargetFlags)
    id=TencentLighthouseStopInstances.GeneratedBatchesAgreeWithTheModel
    # A second product, so that two workers run side by side and the property's is one of them.
    only="$id:TencentCvmStopInstances.RejectsAMalformedId"
    flags=(--deviation duplicates-accepted --variation extra-fields --latency-ms 1 --transition-ms 200 --settle-ms 1500)
    RC_PARAMS='seed=20261122 max_success=150' CLOUDCONFORM_PROPERTY_SECONDS=30 \
      run_to "$work/log" 1 "$bin" run --out "$work/o" "${flags[@]}" --only "$only"
    grep -q '^jobs: 2 ' "$work/log" || fail "the run was not side by side: $(head -10 "$work/log")"
    replay="cloudconform replay $work/o/replays/$id.json ${flags[*]}"
    again="RC_PARAMS=\"seed=20261122\" cloudconform run --only '$id' ${flags[*]}"
    has_text "$work/log" "  replay: $replay"
    has_text "$work/log" "  again: $again"
    has_text "$work/o/report.md" "  - replay: \`$replay\`"
    has_text "$work/o/report.md" "  - again: \`$again\`"
    has_text "$work/o/report.html" "<b>Replay:</b> <code>$replay</code>"
    [ "$(jq -r --arg id "$id" '.cases[] | select(.id == $id) | .rapidcheck.replay_command' "$work/o/results.json")" = "$replay" ] ||
      fail "results.json rapidcheck.replay_command is not the line"
    replays_as_printed
    grep -q '^DISAGREES with the model' "$work/replay.log" || fail "the replay did not disagree"
    ;;
  PropertyReplayLineNamesTheEndpoint)
    # Against `cloudconform emulate` (tests/lib/emulate.sh) that deviates, reached for one product
    # by --endpoint PRODUCT=URL: the replay line points `replay` at that URL, and fails again.
    . "$(dirname "$0")/../lib/emulate.sh"
    cc_on_exit 'rm -rf "$work"'
    start_emulator "$bin" --deviation duplicates-accepted
    id=TencentLighthouseStopInstances.GeneratedBatchesAgreeWithTheModel
    RC_PARAMS='seed=20261122 max_success=150' CLOUDCONFORM_PROPERTY_SECONDS=30 \
      run_to "$work/log" 1 "$bin" run --out "$work/o" --endpoint "lighthouse=$EMULATOR_URL" --only "$id"
    has_text "$work/log" "  replay: cloudconform replay $work/o/replays/$id.json --endpoint $EMULATOR_URL"
    has_text "$work/log" "  again: RC_PARAMS=\"seed=20261122\" cloudconform run --only '$id' --endpoint lighthouse=$EMULATOR_URL"
    replays_as_printed
    ;;
  PropertyReplayLineNamesTheProfile)
    # Against `cloudconform emulate` that deviates, named by an emulator's target profile (its
    # control plane probed): the replay line gives `replay` the same profile, and fails again. A
    # real account's profile is refused by replay, before anything is contacted.
    . "$(dirname "$0")/../lib/emulate.sh"
    cc_on_exit 'rm -rf "$work"'
    start_emulator "$bin" --deviation duplicates-accepted
    mkdir -p "$work/my profiles"
    profile="$work/my profiles/emulator.json"
    printf '{"kind": "emulator", "name": "a deviating emulator", "endpoint": "%s"}\n' "$EMULATOR_URL" >"$profile"
    id=TencentLighthouseStopInstances.GeneratedBatchesAgreeWithTheModel
    RC_PARAMS='seed=20261122 max_success=150' CLOUDCONFORM_PROPERTY_SECONDS=30 \
      run_to "$work/log" 1 "$bin" run --out "$work/o" --target "$profile" --only "$id"
    has_text "$work/log" "  replay: cloudconform replay $work/o/replays/$id.json --target '$profile'"
    replays_as_printed
    has_text "$work/replay.log" "against a deviating emulator"
    TENCENTCLOUD_SECRET_ID=AKIDnotused TENCENTCLOUD_SECRET_KEY=notused \
      run_to "$work/real.log" 2 "$bin" replay "$work/o/replays/$id.json" \
      --target "$(dirname "$0")/../../fixtures/targets/tencent-example.json"
    has_text "$work/real.log" "is a real tencent account: replay arranges its instances through an emulator's control plane"
    lacks_match "$work/real.log" '^arrange:' 'the refused replay arranged instances'
    ;;
  ReplayLineCarriesCacertAndTimeoutsQuoted)
    # An HTTPS endpoint nothing answers: every case a harness error, each with its replay line.
    mkdir -p "$work/my certs"
    : >"$work/my certs/ca.pem"
    one=TencentCvmStopInstances.RejectsAMalformedId
    "$bin" run --jobs 1 --out "$work/o" --endpoint https://127.0.0.1:9 --cacert "$work/my certs/ca.pem" \
      --request-timeout-ms 2000 --case-timeout-ms 60000 --only "$one" >"$work/log" 2>&1
    rc=$?
    [ "$rc" -eq 2 ] || fail "exit $rc, expected 2: $(tail -20 "$work/log")"
    line="cloudconform run --only '$one' --endpoint https://127.0.0.1:9 --cacert '$work/my certs/ca.pem' --request-timeout-ms 2000 --case-timeout-ms 60000"
    has_text "$work/log" "    $line"
    has_text "$work/log" "  replay: $line"
    has_text "$work/o/report.md" "  - replay: \`$line\`"
    ;;
  *)
    echo "unknown check $check"
    exit 2
    ;;
esac
echo "$check: ok"
