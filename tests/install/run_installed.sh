#!/usr/bin/env bash
# `cmake --install` into a temporary prefix, then the installed binary, run from another
# directory, lists and runs a few cases against the catalogue installed beside it — and the run
# header says so. Removing part of the installed catalogue changes what it lists (the catalogue
# of the build tree is not read behind its back); CLOUDCONFORM_CATALOGUE still overrides it.
# usage: run_installed.sh CMAKE BUILD_DIR SOURCE_FIXTURES
set -u
cmake=$1 build=$2 source_fixtures=$3
dir=$(realpath "$(mktemp -d)")
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
unset CLOUDCONFORM_CATALOGUE

"$cmake" --install "$build" --prefix "$dir/prefix" >"$dir/install.log" 2>&1 ||
  { cat "$dir/install.log"; fail "cmake --install exited $?"; }
bin=$dir/prefix/bin/cloudconform
share=$dir/prefix/share/cloudconform
for f in "$bin" "$share/apis/SCHEMA.md" "$share/targets/emulator.json" \
         "$share/expectations/emulator.json" "$dir/prefix/share/doc/cloudconform/README.md" \
         "$dir/prefix/share/doc/cloudconform/reports/README.md" \
         "$dir/prefix/share/doc/cloudconform/fixtures/apis/SCHEMA.md"; do
  [ -e "$f" ] || fail "not installed: ${f#$dir/prefix/}"
done

mkdir "$dir/elsewhere" && cd "$dir/elsewhere" || fail "no working directory"
out=$("$bin" list) || fail "list exited $?: $out"
tail -1 <<<"$out" | grep -qF "catalogue $share (installed with the binary)" ||
  fail "list does not name the installed catalogue: $(tail -1 <<<"$out")"
grep -q '^AlibabaEcsStopInstances\.' <<<"$out" || fail "list shows no AlibabaEcsStopInstances case"

only='TencentCvmStopInstances.StopsARunningInstance:TencentCvmStopInstances.RejectsDuplicateIds:TencentCvmStopInstances.RejectsANonexistentInstance'
out=$("$bin" run --only "$only" --out "$dir/elsewhere/results" 2>&1)
rc=$?
echo "$out"
[ "$rc" -eq 0 ] || fail "run --only exited $rc"
grep -qxF "catalogue: $share (installed with the binary)" <<<"$out" ||
  fail "the run header does not name the installed catalogue"
outcomes=$("$bin" report outcomes "$dir/elsewhere/results/results.json" | awk '{print $NF}')
[ "$(grep -cE '^(pass|observed)$' <<<"$outcomes")" -eq 3 ] || fail "not 3 green cases: $outcomes"

# The installed catalogue is the one read: without its Alibaba files, no Alibaba case.
rm -r "$share/apis/alibaba"
out=$("$bin" list) || fail "list without Alibaba exited $?: $out"
! grep -q '^Alibaba' <<<"$out" || fail "list still shows Alibaba cases: another catalogue was read"
# The environment variable comes before the installed catalogue.
out=$(CLOUDCONFORM_CATALOGUE=$source_fixtures "$bin" list) || fail "list exited $?"
tail -1 <<<"$out" | grep -qF "catalogue $source_fixtures (CLOUDCONFORM_CATALOGUE)" ||
  fail "CLOUDCONFORM_CATALOGUE is not the one named: $(tail -1 <<<"$out")"
grep -q '^AlibabaEcsStopInstances\.' <<<"$out" || fail "CLOUDCONFORM_CATALOGUE was not read"
echo "the installed binary ran from $PWD against $share"
