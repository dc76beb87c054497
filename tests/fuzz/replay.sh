#!/bin/sh
# replay.sh FUZZ_BINARY DIR... — runs a fuzz target once on every file under the given
# directories (its seed corpus and committed reproducers); missing directories are skipped.
# Works with a libFuzzer binary and with the replay_main.cpp one alike: both take files.
set -eu
bin=$1; shift
files=$(for d in "$@"; do [ -d "$d" ] && find "$d" -type f ! -name '*.md'; done | sort)
[ -n "$files" ] || { echo "no inputs under $*"; exit 1; }
# shellcheck disable=SC2086  # file names are ours: no spaces
exec "$bin" $files
