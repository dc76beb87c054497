#!/usr/bin/env bash
# Every grade of expected_levels.txt is what `cloudconform list --provenance` says.
# usage: pinned_levels.sh CLOUDCONFORM EXPECTED
set -u
bin=$1 expected=$2
listing=$(mktemp)
trap 'rm -f "$listing"' EXIT
"$bin" list --provenance >"$listing" || exit 1
# "<case>\t<family>\t<level>" starts a case; "  <LEVEL>  <claim>: <what>" is one of its claims.
actual=$(awk -F'\t' 'NF == 3 {id = $1; next}
                     /^  (MUST|SHOULD|OBSERVED)  [a-z_]+: / {split($0, w, " "); sub(":", "", w[2]); print id, w[2], w[1]}' "$listing")
status=0 n=0
while read -r id claim level; do
  case "$id" in '#'*|'') continue ;; esac
  n=$((n + 1))
  got=$(printf '%s\n' "$actual" | awk -v i="$id" -v c="$claim" '$1 == i && $2 == c {print $3; exit}')
  if [ "$got" != "$level" ]; then
    echo "MOVED: $id $claim is ${got:-absent}, pinned $level"
    status=1
  fi
done <"$expected"
[ "$status" -eq 0 ] && echo "$n pinned grades hold"
exit $status
