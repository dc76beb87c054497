#!/usr/bin/env bash
# A target that does not answer is a harness error, not a verdict: the run ends (no hang),
# exits 2, and still writes results.json with the affected cases marked harness_error.
# usage: broken_target.sh CLOUDCONFORM
set -u
bin=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Port 1 on loopback: nothing listens there.
timeout 120 "$bin" run --endpoint http://127.0.0.1:1 --out "$out" >"$out/log" 2>&1
rc=$?
[ "$rc" -eq 2 ] || { echo "expected exit 2 (harness error), got $rc"; tail -30 "$out/log"; exit 1; }
[ -s "$out/results.json" ] || { echo "results.json was not written"; exit 1; }
n=$("$bin" report outcomes "$out/results.json" | grep -c " harness_error$")
[ "$n" -gt 0 ] || { echo "no case was marked harness_error"; exit 1; }
if "$bin" report outcomes "$out/results.json" | grep -q " fail$"; then
  echo "a broken target produced conformance failures"; exit 1
fi
echo "broken target: $n cases marked harness_error, exit 2, results written"
