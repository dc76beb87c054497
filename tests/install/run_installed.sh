#!/usr/bin/env bash
# `cmake --install` into a temporary prefix, then the installed binary, run from another
# directory, lists and runs a few cases against the catalogue installed beside it — and the run
# header says so. Removing part of the installed catalogue changes what it lists (the catalogue
# of the build tree is not read behind its back); CLOUDCONFORM_CATALOGUE still overrides it.
# Then CPack packs the same install into a .deb (the build's CPackConfig.cmake: generator,
# maintainer, dependencies), whose files run as they are once unpacked.
# usage: run_installed.sh CMAKE CPACK BUILD_DIR SOURCE_FIXTURES
set -u
cmake=$1 cpack=$2 build=$3 source_fixtures=$4
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

# The package: the installed tree under /usr, with its metadata. (From the prefix already
# installed, so that packing builds nothing; `cpack` in a build directory does the same.)
command -v dpkg-deb >/dev/null || { echo "no dpkg-deb: the .deb is not checked"; exit 0; }
rm -rf "$dir/prefix" && "$cmake" --install "$build" --prefix "$dir/prefix" >/dev/null ||
  fail "the second cmake --install failed"
"$cpack" --config "$build/CPackConfig.cmake" -B "$dir/package" -D CPACK_INSTALL_CMAKE_PROJECTS= \
  -D "CPACK_INSTALLED_DIRECTORIES=$dir/prefix;/usr" >"$dir/cpack.log" 2>&1 ||
  { cat "$dir/cpack.log"; fail "cpack failed"; }
deb=$(ls "$dir"/package/cloudconform_*.deb) || fail "cpack made no .deb"
info=$(dpkg-deb -I "$deb") || fail "dpkg-deb -I $deb failed"
for field in 'Package: cloudconform' 'Maintainer: ' 'Depends: .*libcurl4.*' 'Depends: .*libssl3'; do
  grep -q "^ $field" <<<"$info" || fail "the package has no \"$field\": $info"
done
dpkg-deb -x "$deb" "$dir/unpacked" || fail "dpkg-deb -x failed"
out=$("$dir/unpacked/usr/bin/cloudconform" list) || fail "the packaged binary's list exited $?"
tail -1 <<<"$out" | grep -qF "catalogue $dir/unpacked/usr/share/cloudconform (installed with the binary)" ||
  fail "the packaged binary does not find its catalogue: $(tail -1 <<<"$out")"
echo "the installed binary ran from $PWD against $share; $(basename "$deb") unpacks and runs"
