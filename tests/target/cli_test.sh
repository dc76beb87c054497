#!/usr/bin/env bash
# `cloudconform run --target`: a real-account profile without credentials is refused before
# anything is contacted; an emulator profile takes its credentials from the environment
# (checked by an emulator account only those credentials can use), keeps the secret out of every
# output byte, and runs allowlisted against a `cloudconform emulate` process.
# usage: cli_test.sh CLOUDCONFORM FIXTURES_DIR
set -u
bin=$1
fixtures=$2
dir=$(mktemp -d)
canary="CANARYsecret0x7f3a9cTargets"
fail() { echo "FAIL: $*"; exit 1; }

# 1. Real accounts without credentials: bad usage (exit 2) naming where credentials go, before
# anything is contacted — with or without --allow-mutations (without it the run would be
# read-only; tests/target/remote_target_test.cpp runs both against an emulator standing in).
for kind in tencent alibaba; do
  for mutations in "" --allow-mutations; do
    out=$(env -u TENCENTCLOUD_SECRET_ID -u TENCENTCLOUD_SECRET_KEY -u ALIBABA_CLOUD_ACCESS_KEY_ID \
          -u ALIBABA_CLOUD_ACCESS_KEY_SECRET HOME="$dir/empty-home" \
          "$bin" run --target "$fixtures/targets/$kind-example.json" $mutations --out "$dir/nocred-$kind" 2>&1)
    rc=$?
    [ "$rc" -eq 2 ] || fail "$kind without credentials ($mutations) exited $rc: $out"
    want=TENCENTCLOUD_SECRET_ID
    [ "$kind" = alibaba ] && want=ALIBABA_CLOUD_ACCESS_KEY_ID
    grep -q "$want" <<<"$out" || fail "$kind without credentials: the message does not say where to put them: $out"
    [ ! -e "$dir/nocred-$kind" ] || fail "$kind: the refused run wrote results"
  done
done

# 2. An emulator with a second account whose keys only the environment gives.
mkfifo "$dir/out.fifo"
"$bin" emulate --listen 127.0.0.1:0 --account "canary:tencent=AKIDcanaryTargetsTest000000000000:$canary,alibaba=LTAIcanaryTargets:$canary" \
  >"$dir/out.fifo" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
exec 3<"$dir/out.fifo"
IFS= read -r -t 20 line <&3 || fail "the emulator printed nothing within 20 s"
url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' <<<"$line")
[ -n "$url" ] || fail "no address in: $line"
cat <&3 >/dev/null &

cat >"$dir/env-profile.json" <<JSON
{"kind": "emulator", "endpoint": "$url", "control_plane": "none",
 "instances": {"cvm": ["ins-abcdefgh"]}}
JSON
out=$(TENCENTCLOUD_SECRET_ID=AKIDcanaryTargetsTest000000000000 TENCENTCLOUD_SECRET_KEY=$canary \
      "$bin" run --target "$dir/env-profile.json" --out "$dir/env-run" \
      --only 'TencentCvmStopInstances.RejectsANonexistentInstance:TencentCvmStopInstances.RejectsAMalformedId' 2>&1)
rc=$?
[ "$rc" -eq 0 ] || fail "emulator profile with environment credentials exited $rc: $out"
grep -q "pass" <<<"$out" || fail "no case passed: $out"
grep -rq "$canary" "$dir/env-run" && fail "the secret is in the results"
grep -q "$canary" <<<"$out" && fail "the secret was printed"
# The same run with the wrong key must not pass: the credentials really came from the environment.
TENCENTCLOUD_SECRET_ID=AKIDcanaryTargetsTest000000000000 TENCENTCLOUD_SECRET_KEY=wrong \
  "$bin" run --target "$dir/env-profile.json" --out "$dir/wrong-run" \
  --only 'TencentCvmStopInstances.RejectsANonexistentInstance' >/dev/null 2>&1 && fail "a wrong key passed"

# 3. The probed control plane and an allowlist: the suite's own instances are usable.
cat >"$dir/probe-profile.json" <<JSON
{"kind": "emulator", "endpoint": "$url", "instances": {"TencentCvmStopInstances": ["ins-abcdefgh"]}}
JSON
out=$(env -u TENCENTCLOUD_SECRET_ID -u TENCENTCLOUD_SECRET_KEY HOME="$dir/empty-home" \
      "$bin" run --target "$dir/probe-profile.json" --out "$dir/probe-run" \
      --only 'TencentCvmStopInstances.StopsARunningInstance:TencentCvmStopInstances.RejectsAStoppedInstance' 2>&1)
rc=$?
[ "$rc" -eq 0 ] || fail "probed emulator profile exited $rc: $out"
"$bin" report outcomes "$dir/probe-run/results.json" | grep -q " not_supported$" && fail "control plane not probed"
echo "ok: real accounts without credentials refused, environment credentials used and never written, emulator at $url probed"
