#!/usr/bin/env bash
# Renders a compare.html in headless Chromium and fails on any console message, on a script that
# did not finish (body data-ready="1"), on a problem the page's own check found (data-problems:
# a missing section, a disagreement after an agreement), or on other row counts than expected.
# (tests/reports/render_in_chromium.sh checks report.html's sections, which this page has not.)
#
# usage: render_compare_in_chromium.sh PAGE.html OUT_DIR CASES DISAGREEMENTS
# Leaves OUT_DIR/compare.png (the screenshot), dom.html (the DOM after scripts ran), console.log.
set -u
page=$1 out=$2 cases=$3 disagreements=$4
fail() { echo "render_compare_in_chromium: $*" >&2; exit 1; }
command -v chromium >/dev/null || fail "chromium is not installed (bash scripts/install-deps --with browser)"
mkdir -p "$out" || fail "cannot create $out"
[ -s "$page" ] || fail "no page at $page"
page=$(cd "$(dirname "$page")" && pwd)/$(basename "$page")
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# No network: the page is self-contained, and a fetch attempt would show as a console error.
common=(--headless --no-sandbox --disable-gpu --no-first-run --no-default-browser-check --disable-extensions
        --disable-background-networking --disable-sync --user-data-dir="$profile" --virtual-time-budget=5000)
timeout 90 chromium "${common[@]}" --enable-logging=stderr --v=0 --dump-dom "file://$page" \
  >"$out/dom.html" 2>"$out/console.log" || fail "chromium --dump-dom failed (see $out/console.log)"
timeout 90 chromium "${common[@]}" --hide-scrollbars --window-size=1280,2000 --screenshot="$out/compare.png" \
  "file://$page" >/dev/null 2>"$out/screenshot.log" || fail "chromium --screenshot failed (see $out/screenshot.log)"

status=0
if grep -E ':CONSOLE[(:]|Uncaught' "$out/console.log" >"$out/console-errors.log"; then
  echo "render_compare_in_chromium: console messages from the page:" >&2
  cat "$out/console-errors.log" >&2
  status=1
fi
grep -q 'data-ready="1"' "$out/dom.html" || { echo "render_compare_in_chromium: the page's script did not finish" >&2; status=1; }
if grep -o 'data-problems="[^"]*"' "$out/dom.html" >&2; then status=1; fi
for attr in "data-rendered-cases=\"$cases\"" "data-rendered-disagreements=\"$disagreements\""; do
  grep -q "$attr" "$out/dom.html" || { echo "render_compare_in_chromium: the rendered page lacks $attr" >&2; status=1; }
done
if [ "$(head -c 4 "$out/compare.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" != 89504e47 ]; then
  echo "render_compare_in_chromium: no PNG screenshot at $out/compare.png" >&2
  status=1
fi
[ $status -eq 0 ] && echo "render_compare_in_chromium: $page rendered cleanly ($cases cases, $disagreements disagreements); screenshot $out/compare.png"
exit $status
