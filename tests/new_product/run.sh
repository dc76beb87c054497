#!/usr/bin/env bash
# Issue 16's "done when": a product no C++ names, described by catalogue files alone. The
# Lighthouse files are copied into a temporary catalogue under a new product name, API ids, Host
# and instance-id prefix; `list` shows its cases, and `run` judges them green both against the
# embedded emulator and against a `cloudconform emulate` process serving that catalogue.
# usage: run.sh CLOUDCONFORM FIXTURES   (exit 77: neither jq nor python3 to edit JSON with)
set -u
bin=$1 fixtures=$2
product=lantern api_prefix=TencentLantern host=lantern.tencentcloudapi.com id_prefix=ltn-
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }; rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# One API file under the new names: id, product, host and id format; everything else as is.
rename() {
  if command -v jq >/dev/null; then
    jq --arg p "$product" --arg a "$api_prefix" --arg h "$host" --arg i "$id_prefix" '
      .id |= sub("^TencentLighthouse"; $a) | .product = $p | .endpoint.hosts = [$h]
      | .instance_id.prefix = $i
      | .instance_id.pattern |= sub("^\\^lhins-"; "^" + $i)
      | .instance_id.example |= sub("^lhins-"; $i)' "$1"
  elif command -v python3 >/dev/null; then
    python3 - "$1" "$product" "$api_prefix" "$host" "$id_prefix" <<'PY'
import json, re, sys
f, p, a, h, i = sys.argv[1:]
d = json.load(open(f))
d["id"] = re.sub("^TencentLighthouse", a, d["id"]); d["product"] = p
d["endpoint"]["hosts"] = [h]
d["instance_id"]["prefix"] = i
d["instance_id"]["pattern"] = re.sub(r"^\^lhins-", "^" + i, d["instance_id"]["pattern"])
d["instance_id"]["example"] = re.sub("^lhins-", i, d["instance_id"]["example"])
print(json.dumps(d, indent=2))
PY
  else
    echo "SKIP: neither jq nor python3 is installed"; exit 77
  fi
}

catalogue=$dir/catalogue
cp -r "$fixtures" "$catalogue" || fail "cannot copy $fixtures"
mkdir -p "$catalogue/apis/tencent/$product"
for f in "$fixtures"/apis/tencent/lighthouse/*.json; do
  rename "$f" >"$catalogue/apis/tencent/$product/$(basename "$f")" || fail "cannot rename $f"
done

# 1. Listed: as many cases as Lighthouse has.
listing=$("$bin" list --catalogue "$catalogue") || fail "list exited $?: $listing"
new=$(grep -c "^$api_prefix" <<<"$listing")
old=$(grep -c '^TencentLighthouse' <<<"$listing")
[ "$new" -gt 0 ] && [ "$new" -eq "$old" ] || fail "list shows $new $api_prefix cases, $old Lighthouse ones"

# 2. Judged against the embedded emulator serving the new catalogue.
"$bin" run --catalogue "$catalogue" --only "$api_prefix*" --out "$dir/embedded"
rc=$?
[ "$rc" -eq 0 ] || fail "run against the embedded emulator exited $rc"

# 3. Served by `cloudconform emulate` and judged over the network.
mkfifo "$dir/out.fifo"
"$bin" emulate --catalogue "$catalogue" --listen 127.0.0.1:0 >"$dir/out.fifo" 2>&1 &
pid=$!
exec 3<"$dir/out.fifo"
# The first line is printed once the socket is bound: wait for it, not for a guess.
IFS= read -r -t 20 line <&3 || fail "the emulator printed nothing within 20 s"
url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' <<<"$line")
[ -n "$url" ] || fail "no address in: $line"
cat <&3 >/dev/null &  # keep draining so the emulator never blocks on its output
"$bin" run --catalogue "$catalogue" --endpoint "$url" --only "$api_prefix*" --out "$dir/external"
rc=$?
[ "$rc" -eq 0 ] || fail "run against the emulator at $url exited $rc"
"$bin" report outcomes "$dir/external/results.json" | grep -q " not_supported$" &&
  fail "cases not supported against $url: its control plane was not found"
echo "$new cases of the new product $product, green against the embedded emulator and $url"
