#!/usr/bin/env bash
# A negative control: run the suite against the embedded emulator with one deviation and
# prove the suite catches it — the run is non-conformant (exit 1) and every MUST case of the
# named cases fails. A case pattern is a regular expression over case ids, or a bare behaviour
# name meaning that behaviour on every API.
# usage: negative_control.sh CLOUDCONFORM DEVIATION CASE-PATTERN...
set -u
bin=$1 deviation=$2
shift 2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Only the named cases run: a GoogleTest filter from the patterns ([A-Za-z]+ becomes *).
filter=""
for pattern in "$@"; do
  case "$pattern" in
    *[.\[*]*) f=$(sed -e 's/\[A-Za-z\]+/*/g' -e 's/\\\././g' <<<"$pattern") ;;
    *) f="*.$pattern" ;;
  esac
  filter="${filter:+$filter:}$f"
done
"$bin" run --deviation "$deviation" --settle-ms 1500 --out "$out" "--gtest_filter=$filter" >"$out/log" 2>&1
rc=$?
if [ "$rc" -ne 1 ]; then
  echo "deviation $deviation: expected exit 1 (non-conformant), got $rc"
  tail -40 "$out/log"
  exit 1
fi
"$bin" report outcomes "$out/results.json" >"$out/outcomes" || exit 1
status=0
for pattern in "$@"; do
  case "$pattern" in *[.\[*]*) ;; *) pattern="[A-Za-z]+\.$pattern" ;; esac
  must=$(grep -E "^$pattern MUST " "$out/outcomes" || true)
  if [ -z "$must" ]; then
    echo "deviation $deviation: no MUST case matches $pattern"
    status=1
    continue
  fi
  while read -r id level outcome; do
    if [ "$outcome" = fail ]; then
      echo "caught: $id ($deviation)"
    else
      echo "MISSED: $id is $outcome under deviation $deviation"
      status=1
    fi
  done <<<"$must"
done
exit $status
