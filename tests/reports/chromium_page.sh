# Sourced by the page checks (render_in_chromium.sh, tests/compare/render_compare_in_chromium.sh):
# renders a self-contained page in headless Chromium (Debian's `chromium`) and applies the checks
# every page of the project must pass. Each caller adds the checks of its own page.
#
# render_page NAME PAGE OUT_DIR PNG_NAME HEIGHT: writes OUT_DIR/dom.html (the DOM after scripts
# ran), console.log and OUT_DIR/PNG_NAME; exits 1 when Chromium fails. Then sets `status` to 1
# on a console message, a script that did not finish (body data-ready="1"), a problem the page's
# own script found (data-problems) or a missing screenshot; 0 otherwise.
render_page() {
  local name=$1 page=$2 out=$3 png=$4 height=$5
  page=$(cd "$(dirname "$page")" && pwd)/$(basename "$page")
  local profile
  profile=$(mktemp -d)
  # No network is needed or wanted: the page is self-contained, and a fetch attempt would show
  # up as a console error.
  local common=(--headless --no-sandbox --disable-gpu --no-first-run --no-default-browser-check
                --disable-extensions --disable-background-networking --disable-sync
                --user-data-dir="$profile" --virtual-time-budget=5000)
  rm -f "$out/$png"
  timeout 90 chromium "${common[@]}" --enable-logging=stderr --v=0 --dump-dom "file://$page" \
    >"$out/dom.html" 2>"$out/console.log" ||
    { rm -rf "$profile"; echo "$name: chromium --dump-dom failed (see $out/console.log)" >&2; exit 1; }
  timeout 90 chromium "${common[@]}" --hide-scrollbars --window-size=1280,"$height" \
    --screenshot="$out/$png" "file://$page" >/dev/null 2>"$out/screenshot.log" ||
    { rm -rf "$profile"; echo "$name: chromium --screenshot failed (see $out/screenshot.log)" >&2; exit 1; }
  rm -rf "$profile"

  status=0
  if grep -E ':CONSOLE[(:]|Uncaught' "$out/console.log" >"$out/console-errors.log"; then
    echo "$name: console messages from the page:" >&2
    cat "$out/console-errors.log" >&2
    status=1
  fi
  grep -q 'data-ready="1"' "$out/dom.html" || { echo "$name: the page's script did not finish" >&2; status=1; }
  if grep -o 'data-problems="[^"]*"' "$out/dom.html" >&2; then status=1; fi
  if [ "$(head -c 4 "$out/$png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" != 89504e47 ]; then
    echo "$name: no PNG screenshot at $out/$png" >&2
    status=1
  fi
}
