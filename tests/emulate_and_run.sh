#!/usr/bin/env bash
# `cloudconform emulate` serves the emulator on a port it picks and prints it; `cloudconform
# run --endpoint` then runs the whole suite against that external process over the network.
# usage: emulate_and_run.sh CLOUDCONFORM
set -u
bin=$1
. "$(dirname "$0")/lib/emulate.sh"
dir=$(mktemp -d)
cc_on_exit 'rm -rf "$dir"'
# The first line is printed once the socket is bound: awaited, not guessed (tests/lib/emulate.sh).
start_emulator "$bin"
url=$EMULATOR_URL
"$bin" run --endpoint "$url" --out "$dir/out"
rc=$?
[ "$rc" -eq 0 ] || { echo "run against $url exited $rc"; exit 1; }
"$bin" report outcomes "$dir/out/results.json" | grep -q " not_supported$" && { echo "control plane not found"; exit 1; }
echo "ran the suite against the external emulator at $url"
