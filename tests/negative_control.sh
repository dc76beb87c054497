#!/usr/bin/env bash
# A negative control: run the whole suite against the embedded emulator with one deviation and
# prove the suite catches it, and only it — the run is non-conformant under `--gate should`
# (exit 1), every MUST or SHOULD case matching a target pattern fails (`fail`, or `deviation`
# where only SHOULD assertions broke), and no other case fails (a collateral failure means a
# check is not specific, or the pattern list is incomplete).
# A pattern containing "\." is a regular expression over case ids; otherwise it is a behaviour
# regular expression, on every API. A pattern starting with "~" is tolerated, not required: the
# cases it matches may fail (a RequestId missing from every answer breaks every case that
# receives one) without each having to.
# usage: negative_control.sh CLOUDCONFORM DEVIATION PATTERN...
set -u
bin=$1 deviation=$2
shift 2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# The rate-limit family costs seconds per API and the property family has negative controls of
# its own (tests/properties): they run only when a pattern targets them.
skip=""
for family in rate_limit properties; do
  for behaviour in $("$bin" list | awk -F'\t' -v f="$family" '$2 == f {sub(/^[^.]*\./, "", $1); print $1}' | sort -u); do
    printf '%s\n' "$@" | grep -q "$behaviour" || skip="$skip:*.$behaviour"
  done
done
only=()
if [ -n "$skip" ]; then only=("--only=-${skip#:}"); fi
"$bin" run --gate should --deviation "$deviation" --settle-ms 1500 --out "$out" "${only[@]}" >"$out/log" 2>&1
rc=$?
if [ "$rc" -ne 1 ]; then
  echo "deviation $deviation: expected exit 1 (non-conformant), got $rc"
  tail -40 "$out/log"
  exit 1
fi
"$bin" report outcomes "$out/results.json" >"$out/outcomes" || exit 1
regexes=() tolerated=()
as_regex() {
  case "$1" in *'\.'*) printf '^(%s)$' "$1" ;; *) printf '^[A-Za-z]+\\.(%s)$' "$1" ;; esac
}
for pattern in "$@"; do
  case "$pattern" in
    '~'*) tolerated+=("$(as_regex "${pattern#\~}")") ;;
    *) regexes+=("$(as_regex "$pattern")") ;;
  esac
done
status=0
for i in "${!regexes[@]}"; do
  hits=$(awk -v re="${regexes[$i]}" '$1 ~ re && ($2 == "MUST" || $2 == "SHOULD")' "$out/outcomes")
  if [ -z "$hits" ]; then
    echo "deviation $deviation: no MUST or SHOULD case matches ${regexes[$i]}"
    status=1
    continue
  fi
  while read -r id level outcome; do
    if [ "$outcome" = fail ] || [ "$outcome" = deviation ]; then
      echo "caught: $id $level $outcome ($deviation)"
    else
      echo "MISSED: $id is $outcome under deviation $deviation"
      status=1
    fi
  done <<<"$hits"
done
# Every failing case must be one the deviation targets.
while read -r id level outcome; do
  [ "$outcome" = fail ] || [ "$outcome" = deviation ] || [ "$outcome" = harness_error ] || continue
  targeted=0
  for re in "${regexes[@]}" "${tolerated[@]}"; do
    if [[ "$id" =~ $re ]]; then targeted=1; fi
  done
  if [ "$targeted" -eq 0 ]; then
    echo "COLLATERAL: $id is $outcome under deviation $deviation, which does not target it"
    status=1
  fi
done <"$out/outcomes"
exit $status
