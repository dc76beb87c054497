#!/usr/bin/env bash
# `cloudconform emulate` serves the emulator on a port it picks and prints it; `cloudconform
# run --endpoint` then runs the whole suite against that external process over the network.
# usage: emulate_and_run.sh CLOUDCONFORM
set -u
bin=$1
dir=$(mktemp -d)
mkfifo "$dir/out.fifo"
"$bin" emulate --listen 127.0.0.1:0 >"$dir/out.fifo" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
# The first line is printed once the socket is bound: wait for it, not for a guess.
exec 3<"$dir/out.fifo"
IFS= read -r -t 20 line <&3 || { echo "the emulator printed nothing within 20 s"; exit 1; }
url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' <<<"$line")
[ -n "$url" ] || { echo "no address in: $line"; exit 1; }
cat <&3 >/dev/null &  # keep draining so the emulator never blocks on its output
[ "${url##*:}" != 0 ] || { echo "port 0 was printed instead of the bound port"; exit 1; }
"$bin" run --endpoint "$url" --out "$dir/out"
rc=$?
[ "$rc" -eq 0 ] || { echo "run against $url exited $rc"; exit 1; }
"$bin" report outcomes "$dir/out/results.json" | grep -q " not_supported$" && { echo "control plane not found"; exit 1; }
echo "ran the suite against the external emulator at $url"
