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
. "$(dirname "$0")/../reports/chromium_page.sh"
render_page render_compare_in_chromium "$page" "$out" compare.png 2000
for attr in "data-rendered-cases=\"$cases\"" "data-rendered-disagreements=\"$disagreements\""; do
  grep -q "$attr" "$out/dom.html" || { echo "render_compare_in_chromium: the rendered page lacks $attr" >&2; status=1; }
done
[ $status -eq 0 ] && echo "render_compare_in_chromium: $page rendered cleanly ($cases cases, $disagreements disagreements); screenshot $out/compare.png"
exit $status
