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
. "$(dirname "$0")/chromium_page.sh"
render_page render_in_chromium "$page" "$out" report.png 2600
for id in identity matrix cases coverage observations rate-limits; do
  grep -q "id=\"$id\"" "$out/dom.html" || { echo "render_in_chromium: section #$id is missing" >&2; status=1; }
done
[ $status -eq 0 ] && echo "render_in_chromium: $page rendered cleanly; screenshot $out/report.png ($(stat -c %s "$out/report.png") bytes)"
exit $status
