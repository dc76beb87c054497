#!/usr/bin/env bash
# HTTPS as real accounts use it (issue 17): the emulator behind a TLS front whose certificate a
# throw-away CA signed. A run whose profile names the CA ("cacert") passes; one without it is
# refused with a one-line TLS error naming the reason, never a crash. --cacert FILE does the same
# for --endpoint.
#
# usage: run_over_tls.sh CLOUDCONFORM
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/emulate.sh"
dir=$(mktemp -d)
cc_on_exit 'rm -rf "$dir"'
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v node >/dev/null || { echo "node is not installed (bash scripts/install-deps --with interop)"; exit 77; }
command -v openssl >/dev/null || fail "openssl is not installed (bash scripts/install-deps)"

# A CA, and a server certificate for 127.0.0.1 signed by it.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=cloudconform test CA" \
  -keyout "$dir/ca.key" -out "$dir/ca.pem" 2>/dev/null || fail "cannot make the CA"
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$dir/server.key" \
  -out "$dir/server.csr" 2>/dev/null || fail "cannot make the server key"
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >"$dir/san.ext"
openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial \
  -days 1 -extfile "$dir/san.ext" -out "$dir/server.pem" 2>/dev/null || fail "cannot sign the server certificate"

# The emulator, and the TLS front before it, each awaited by its first line (tests/lib/emulate.sh):
# the front's names the port it listens on.
start_emulator "$bin"
start_awaited "the TLS front" node "$here/tls_front.js" "$dir/server.pem" "$dir/server.key" "$EMULATOR_PORT"
tls_port=${STARTED_LINE##* }
url="https://127.0.0.1:$tls_port"

only='TencentCvmStopInstances.RejectsANonexistentInstance:AlibabaEcsStopInstance.RejectsANonexistentInstance'
printf '{"kind": "emulator", "endpoint": "%s", "control_plane": "none", "cacert": "ca.pem"}\n' "$url" >"$dir/with-ca.json"
printf '{"kind": "emulator", "endpoint": "%s", "control_plane": "none"}\n' "$url" >"$dir/without-ca.json"

"$bin" run --target "$dir/with-ca.json" --only "$only" --out "$dir/with" >"$dir/with.log" 2>&1
rc=$?
[ $rc -eq 0 ] || { cat "$dir/with.log"; fail "the run over HTTPS with the CA exited $rc"; }
passed=$(jq '[.cases[] | select(.outcome == "pass")] | length' "$dir/with/results.json")
[ "$passed" -eq 2 ] || fail "expected 2 passing cases over HTTPS, found $passed"

"$bin" run --target "$dir/without-ca.json" --only "$only" --out "$dir/without" >"$dir/without.log" 2>&1
rc=$?
[ $rc -eq 2 ] || { cat "$dir/without.log"; fail "a run that cannot verify the certificate exited $rc, not 2"; }
grep -q "TLS: the target's certificate could not be verified" "$dir/without.log" ||
  { cat "$dir/without.log"; fail "no one-line TLS reason"; }
# --cacert does for any target what the profile's key does for its own.
"$bin" run --endpoint "$url" --cacert "$dir/ca.pem" --only "$only" --out "$dir/flag" >"$dir/flag.log" 2>&1
rc=$?
[ $rc -eq 0 ] || { cat "$dir/flag.log"; fail "the run over HTTPS with --cacert exited $rc"; }
"$bin" run --endpoint "$url" --only "$only" --out "$dir/noflag" >"$dir/noflag.log" 2>&1
rc=$?
[ $rc -eq 2 ] || { cat "$dir/noflag.log"; fail "--endpoint over HTTPS without --cacert exited $rc, not 2"; }
"$bin" run --endpoint "$url" --cacert "$dir/missing.pem" --only "$only" --out "$dir/missing" >"$dir/missing.log" 2>&1
rc=$?
[ $rc -eq 2 ] && grep -q -- "--cacert $dir/missing.pem: cannot read it" "$dir/missing.log" ||
  { cat "$dir/missing.log"; fail "an unreadable --cacert was not refused up front"; }
echo "over HTTPS: passes with the CA ($passed cases), refused without it"
