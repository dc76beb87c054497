#!/bin/sh
# `cloudconform report diff FULL TWO_CASES` must fail the gate, naming the removed count, and
# pass it with --allow-removed. Usage: diff_gate.sh CLOUDCONFORM FULL_RESULTS WORK_DIR
set -u
cc=$1 full=$2 work=$3
rm -rf "$work" && mkdir -p "$work/full" "$work/two" || exit 2
cp "$full" "$work/full/results.json" || exit 2
jq '.cases |= .[0:2]' "$full" >"$work/two/results.json" || exit 2
removed=$(( $(jq '.cases | length' "$full") - 2 ))

fail() { echo "FAIL: $*"; exit 1; }

out=$("$cc" report diff "$work/full" "$work/two" 2>&1); rc=$?
echo "$out"
[ $rc -eq 1 ] || fail "report diff FULL TWO_CASES exited $rc, expected 1"
echo "$out" | grep -q "^Removed cases ($removed):" || fail "the removed count ($removed) is not named"
echo "$out" | grep -q "more; --verbose lists them" || fail "the removed list is not collapsed"
echo "$out" | grep -q "$removed removed; exit 1" || fail "the tally does not say $removed removed"

out=$("$cc" report diff "$work/full/results.json" "$work/two/results.json" --allow-removed 2>&1); rc=$?
[ $rc -eq 0 ] || { echo "$out"; fail "--allow-removed exited $rc, expected 0"; }
echo "$out" | grep -q "$removed removed (allowed); exit 0" || { echo "$out"; fail "not named as allowed"; }

out=$("$cc" report diff "$work/full" "$work/two" --verbose 2>&1)
lines=$(echo "$out" | grep -c " → (removed)$")
[ "$lines" -eq "$removed" ] || fail "--verbose listed $lines removed cases, expected $removed"
echo "PASS: $removed removed cases fail the gate; --allow-removed passes it"
