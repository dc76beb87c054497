#!/usr/bin/env bash
# The rate-limit family under a region's round trip: the embedded emulator holds every answer
# LATENCY ms (`run --latency-ms`; a call is counted when it arrives), and the family must stay
# conclusive — its burst of twice the limit inside one rate window, its paced phase at 80 % of
# the limit — whatever the round trip.
#   faithful (no DEVIATION): exit 0, every case `pass` (none inconclusive, none failing).
#   with a DEVIATION: exit 1 under `--gate should`, every case `fail` or `deviation`, none
#   inconclusive — the deviation is caught at this latency.
# usage: rate_limit.sh CLOUDCONFORM LATENCY_MS [DEVIATION]
set -u
bin=$1 latency=$2 deviation=${3:-}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
args=(run --gate should --latency-ms "$latency" --only '*.HonoursTheDocumentedRateLimit' --out "$out")
[ -n "$deviation" ] && args+=(--deviation "$deviation")
"$bin" "${args[@]}" >"$out/log" 2>&1
rc=$?
want=0 label="faithful"
[ -n "$deviation" ] && want=1 label="deviation $deviation"
if [ "$rc" -ne "$want" ]; then
  echo "$label at ${latency} ms: expected exit $want, got $rc"
  tail -40 "$out/log"
  exit 1
fi
"$bin" report outcomes "$out/results.json" >"$out/outcomes" || exit 1
status=0 cases=0
while read -r id level outcome; do
  cases=$((cases + 1))
  if [ -z "$deviation" ]; then
    ok=$([ "$outcome" = pass ] && echo y)
  else
    ok=$({ [ "$outcome" = fail ] || [ "$outcome" = deviation ]; } && echo y)
  fi
  if [ -n "$ok" ]; then
    echo "ok: $id $level $outcome ($label, ${latency} ms)"
  else
    echo "WRONG: $id is $outcome ($label, ${latency} ms)"
    status=1
  fi
done <"$out/outcomes"
if [ "$cases" -eq 0 ]; then
  echo "no rate-limit case ran"
  exit 1
fi
# The burst's timing, for the log: how long twice the limit took to go out and come back.
python3 - "$out/results.json" <<'PY' 2>/dev/null || true
import json, sys
for c in json.load(open(sys.argv[1]))["cases"]:
    for o in c.get("observations", []):
        if o.get("what") == "burst":
            v = o["value"]
            print(f'{c["id"]}: burst of {v["calls"]}: sent over {v["first_send_to_last_send_ms"]} ms, '
                  f'answered within {v["first_send_to_last_answer_ms"]} ms, {v["accepted"]} served, {v["throttled"]} throttled')
        if o.get("what") == "paced":
            v = o["value"]
            print(f'{c["id"]}: paced {v["calls"]} calls at {v["sent_per_second"]:.1f}/s (aim {v["target_per_second"]:.0f}/s)')
    if c.get("inconclusive"):
        print(f'{c["id"]}: inconclusive: {c["inconclusive"]}')
PY
exit $status
