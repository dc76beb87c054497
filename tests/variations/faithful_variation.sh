#!/usr/bin/env bash
# What the documents allow must pass: the whole suite against the embedded emulator with one
# faithful variation (a behaviour the documents allow or leave open: chunked answers, closed
# connections, extra fields, other wording, other RequestId case, other JSON layout, SUCCESS
# while STOPPING, a real region's latency) is conformant even under `--gate should`, and no case
# is a deviation, inconclusive or a harness error because of it.
# usage: faithful_variation.sh CLOUDCONFORM [run options...]
set -u
bin=$1
shift
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# The property cases run on a time budget: a short one keeps each variation's run brief (the
# latency runs set a longer one: each generated case costs round trips).
export CLOUDCONFORM_PROPERTY_SECONDS=${CLOUDCONFORM_PROPERTY_SECONDS:-1}
"$bin" run --gate should --out "$out" "$@" >"$out/log" 2>&1
rc=$?
"$bin" report outcomes "$out/results.json" >"$out/outcomes" 2>/dev/null || true
bad=$(awk '$3 == "fail" || $3 == "deviation" || $3 == "inconclusive" || $3 == "harness_error"' "$out/outcomes")
total=$(wc -l <"$out/outcomes")
if [ "$rc" -ne 0 ] || [ -n "$bad" ] || [ "$total" -eq 0 ]; then
  echo "run $* : exit $rc, $total cases"
  [ -n "$bad" ] && echo "$bad"
  tail -60 "$out/log"
  exit 1
fi
echo "run $* : conformant, $total cases, none failed, deviated, inconclusive or in harness error"
