#!/usr/bin/env bash
# The negative control of compare.html's own check: a real page with its first disagreement row
# marked as an agreement must be refused in Chromium ("disagreement after an agreement").
# usage: reordered_page.sh COMPARE_CLI REPORTS_DATA_DIR OUT_DIR
set -u
cli=$1 data=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$out" && mkdir -p "$out"
"$cli" "$data/clean.json" "$data/stop-accepts-any-state.json" --out "$out" >/dev/null || exit 1
sed -i '0,/data-disagree="1"/s//data-disagree="0"/' "$out/compare.html"
cases=$(grep -o 'data-cases="[0-9]*"' "$out/compare.html" | grep -o '[0-9]*')
disagreements=$(grep -o 'data-disagreements="[0-9]*"' "$out/compare.html" | grep -o '[0-9]*')
"$here/render_compare_in_chromium.sh" "$out/compare.html" "$out/chromium" "$cases" "$disagreements"
