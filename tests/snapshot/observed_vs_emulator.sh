#!/usr/bin/env bash
# The first differential report anyone can make: the reference emulator against the real Tencent
# CVM as a third party recorded it (../shared/reference/observed). The recording becomes a
# snapshot; a run of the CVM cases compares with it under --gate differential. The faithful
# emulator answers the recorded stop as the real service did (0 differences); an emulator that
# drops the RequestId differs at that field and fails the gate (the comparison can fail).
#
# usage: observed_vs_emulator.sh CLOUDCONFORM RECORDING
set -u
bin=$1 recording=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$bin" snapshot from-observed "$recording" --out "$dir/observed" || fail "the conversion failed"
only='TencentCvmStopInstances.StopsARunningInstance:TencentCvmStopInstances.RejectsANonexistentInstance'

"$bin" run --only "$only" --compare-to "$dir/observed" --gate differential --out "$dir/faithful" \
  >"$dir/faithful.log" 2>&1
rc=$?
grep '^differential:' "$dir/faithful.log"
[ $rc -eq 0 ] || { cat "$dir/faithful.log"; fail "the faithful emulator differs from the recorded CVM (exit $rc)"; }
jq -e '.differential.compared == 1 and (.differential.differences | length) == 0' \
  "$dir/faithful/results.json" >/dev/null || fail "expected 1 case compared and 0 differences"
jq -e '.differential.not_in_snapshot | index("TencentCvmStopInstances.RejectsANonexistentInstance")' \
  "$dir/faithful/results.json" >/dev/null || fail "a case the recording lacks is not listed as not in the snapshot"

"$bin" run --only "$only" --compare-to "$dir/observed" --gate differential --deviation drops-request-id \
  --out "$dir/deviated" >"$dir/deviated.log" 2>&1
rc=$?
grep '^differential:' "$dir/deviated.log"
[ $rc -eq 1 ] || { cat "$dir/deviated.log"; fail "an emulator without RequestIds passed --gate differential (exit $rc)"; }
jq -e '[.differential.differences[] | select(.case == "TencentCvmStopInstances.StopsARunningInstance"
        and (.pointer | test("RequestId")))] | length >= 1' "$dir/deviated/results.json" >/dev/null ||
  fail "the missing RequestId is not a field-level difference"
echo "reference emulator vs the recorded CVM: 0 differences; without RequestIds: caught"
