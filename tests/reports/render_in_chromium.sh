#!/usr/bin/env bash
# Renders a report.html in headless Chromium (Debian's `chromium`), takes a screenshot, and fails
# on any console message (the page logs nothing unless something is wrong: its own script reports
# a missing section or chart with console.error), on a script that did not finish (body
# data-ready="1"), or on a missing section.
#
# usage: render_in_chromium.sh REPORT_CLI RESULTS.json OUT_DIR   writes the reports of RESULTS, renders report.html
#        render_in_chromium.sh - PAGE.html OUT_DIR               renders PAGE.html as it is
# Leaves OUT_DIR/report.png (the screenshot), dom.html (the DOM after scripts ran) and console.log.
set -u
cli=$1 input=$2 out=$3
fail() { echo "render_in_chromium: $*" >&2; exit 1; }
command -v chromium >/dev/null || fail "chromium is not installed (bash scripts/install-deps --with browser)"
mkdir -p "$out" || fail "cannot create $out"
if [ "$cli" = - ]; then
  page=$input
else
  "$cli" report write "$input" --out "$out" >/dev/null || fail "report write $input failed"
  page=$out/report.html
fi
[ -s "$page" ] || fail "no page at $page"
page=$(cd "$(dirname "$page")" && pwd)/$(basename "$page")
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# No network is needed or wanted: the page is self-contained, and a fetch attempt would show up
# as a console error.
common=(--headless --no-sandbox --disable-gpu --no-first-run --no-default-browser-check --disable-extensions
        --disable-background-networking --disable-sync --user-data-dir="$profile" --virtual-time-budget=5000)
rm -f "$out/report.png"
timeout 90 chromium "${common[@]}" --enable-logging=stderr --v=0 --dump-dom "file://$page" \
  >"$out/dom.html" 2>"$out/console.log" || fail "chromium --dump-dom failed (see $out/console.log)"
timeout 90 chromium "${common[@]}" --hide-scrollbars --window-size=1280,2600 --screenshot="$out/report.png" \
  "file://$page" >/dev/null 2>"$out/screenshot.log" || fail "chromium --screenshot failed (see $out/screenshot.log)"

status=0
if grep -E ':CONSOLE[(:]|Uncaught' "$out/console.log" >"$out/console-errors.log"; then
  echo "render_in_chromium: console messages from the page:" >&2
  cat "$out/console-errors.log" >&2
  status=1
fi
grep -q 'data-ready="1"' "$out/dom.html" || { echo "render_in_chromium: the page's script did not finish" >&2; status=1; }
if grep -o 'data-problems="[^"]*"' "$out/dom.html" >&2; then status=1; fi
for id in identity matrix cases coverage observations rate-limits; do
  grep -q "id=\"$id\"" "$out/dom.html" || { echo "render_in_chromium: section #$id is missing" >&2; status=1; }
done
if [ "$(head -c 4 "$out/report.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" != 89504e47 ]; then
  echo "render_in_chromium: no PNG screenshot at $out/report.png" >&2
  status=1
fi
[ $status -eq 0 ] && echo "render_in_chromium: $page rendered cleanly; screenshot $out/report.png ($(stat -c %s "$out/report.png") bytes)"
exit $status
