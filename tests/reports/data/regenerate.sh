#!/usr/bin/env bash
# Re-creates the real results files the report tests read, from the embedded reference emulator:
#   clean.json                   a faithful run: every case passes or is observed
#   stop-accepts-any-state.json  the emulator stops instances in any state: RejectsAStoppedInstance fails
#   never-throttles.json         the emulator ignores its rate limits: HonoursTheDocumentedRateLimit fails
# Files over ~300 KB get their transcripts trimmed (first exchanges of each case, bodies cut), so
# the repository stays small; the reports must still render them in full.
# canary.json and chromium/ are hand-made: this script does not touch them.
#
# usage: tests/reports/data/regenerate.sh [path/to/cloudconform]   (needs python3 to trim)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../../../build/suites/cloudconform}
[ -x "$bin" ] || { echo "regenerate.sh: no cloudconform at $bin (build it, or pass its path)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() {  # name expected-exit args...
  local name=$1 want=$2
  shift 2
  local rc=0
  "$bin" run --out "$work/$name" "$@" >"$work/$name.log" 2>&1 || rc=$?
  if [ "$rc" -ne "$want" ]; then
    echo "regenerate.sh: $name exited $rc, expected $want" >&2
    tail -20 "$work/$name.log" >&2
    exit 1
  fi
  python3 - "$work/$name/results.json" "$here/$name.json" <<'PY'
import json, sys
src, dst = sys.argv[1], sys.argv[2]
doc = json.load(open(src))
def size(d): return len(json.dumps(d, indent=2, ensure_ascii=False))
keep, body = 6, 2000
while size(doc) > 300_000 and keep >= 1:
    for c in doc["cases"]:
        t = c.get("transcript", [])
        if len(t) > keep:
            c["transcript"] = t[:keep]
        for x in c.get("transcript", []):
            for side in ("request", "response"):
                b = x.get(side, {}).get("body", "")
                if len(b) > body:
                    x[side]["body"] = b[:body] + "... (trimmed by regenerate.sh)"
    keep, body = keep // 2, body // 2
open(dst, "w").write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
print(f"{dst}: {len(doc['cases'])} cases, {size(doc)} bytes")
PY
}

run clean 0
run stop-accepts-any-state 1 --deviation stop-accepts-any-state
run never-throttles 1 --deviation never-throttles
