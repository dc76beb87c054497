#!/usr/bin/env bash
# First contact with the command line (issue 17): each check runs the real binary the way a new
# user would and asserts the exit status and the exact message.
#
# usage: first_contact.sh CLOUDCONFORM CHECK
set -u
bin=$1 check=$2
profiles=$(cd "$(dirname "$0")/../../fixtures/targets" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# expect STATUS PATTERN COMMAND...: COMMAND exits STATUS and prints (stdout+stderr) PATTERN.
expect() {
  local status=$1 pattern=$2
  shift 2
  local out rc
  out=$("$@" 2>&1)
  rc=$?
  echo "$out"
  [ "$rc" -eq "$status" ] || { echo "FAIL: exit $rc, expected $status: $*" >&2; exit 1; }
  grep -qE -- "$pattern" <<<"$out" || { echo "FAIL: no line matches /$pattern/: $*" >&2; exit 1; }
}

case $check in
  SignRefusesAnUnknownScheme)
    expect 2 "--scheme foo is not one of the provider's: TC3-HMAC-SHA256, " \
      "$bin" sign --api TencentCvmStopInstances --endpoint http://127.0.0.1:9 --scheme foo ;;
  SignRefusesAnUnknownStyle)
    expect 2 "--style POST-XML is not one of the provider's: .*POST-FORM" \
      "$bin" sign --api AlibabaEcsStopInstance --endpoint http://127.0.0.1:9 --style POST-XML ;;
  ReplayOfAFileThatIsNotJsonNamesLineAndColumn)
    printf 'hello\n' >"$work/notjson.txt"
    expect 2 "replay: .*notjson.txt: \[replay.syntax\] .*notjson.txt: line 1, column 1: not valid JSON" \
      "$bin" replay "$work/notjson.txt"
    if "$bin" replay "$work/notjson.txt" 2>&1 | grep -q 'json.exception'; then
      echo "FAIL: the parser's own exception text leaks" >&2
      exit 1
    fi ;;
  VersionNamesTheCatalogueHash)
    expect 0 "^catalogue [0-9a-f]{64} \([0-9]+ APIs\) at " "$bin" --version
    expect 0 "^cloudconform [0-9]+\.[0-9]+\.[0-9]+ \(build " "$bin" --version ;;
  AMistypedSubcommandGetsASuggestion)
    expect 2 "unknown subcommand 'rnu'; did you mean 'run'\? \(cloudconform --help lists them\)" "$bin" rnu
    expect 2 "unknown subcommand 'xyzzy' \(cloudconform --help lists them\)" "$bin" xyzzy ;;
  EmulateRateLimitListsTheApiIds)
    expect 2 "not \"Foo=5\"; the ids are: .*TencentCvmStopInstances" \
      "$bin" emulate --listen 127.0.0.1:0 --rate-limit Foo=5 ;;
  EmulateBannerSaysHowToJudgeIt)
    # The emulator serves until a signal: timeout stops it (124) once the banner is out.
    expect 124 "judge it with: cloudconform run --endpoint http://127\.0\.0\.1:[0-9]+ --out results" \
      timeout 3 "$bin" emulate --listen 127.0.0.1:0 ;;
  PlanFailsWhenTheRehearsalFails)
    # A Tencent profile cannot reach Alibaba's APIs: the plan says so and exits 1, not "clean".
    expect 1 "^Cases the rehearsal failed \([0-9]+\): the run would fail them too, or the profile is wrong" \
      "$bin" plan --target "$profiles/tencent-example.json" --only 'AlibabaEcsStopInstance.*' ;;
  PlanOfNothingIsBadUsage)
    expect 2 "--only part 'Nope\.\*' matches no case" \
      "$bin" plan --target "$profiles/tencent-example.json" --only 'Nope.*' ;;
  PlanWarnsOfPlaceholderIdsAndListsWhatItCannotJudge)
    expect 0 "warning: .*tencent-example.json: the allowlisted id ins-xxxxxxxx \(cvm\) looks like a placeholder" \
      "$bin" plan --target "$profiles/tencent-example.json" --only 'TencentCvmStopInstances.RejectsA*'
    out=$("$bin" plan --target "$profiles/tencent-example.json" --only 'TencentCvmStopInstances.RejectsA*' 2>/dev/null)
    grep -q "^Cases the run could not judge with this profile (" <<<"$out" || { echo "FAIL: no list of cases it cannot judge" >&2; exit 1; }
    grep -q "RejectsAStoppedInstance: .*read-only run" <<<"$out" || { echo "FAIL: no reason for RejectsAStoppedInstance" >&2; exit 1; }
    if grep -qE "^\[ property \]|^Using configuration|warning:" <<<"$out"; then
      echo "FAIL: progress or diagnostics on the plan's stdout" >&2
      exit 1
    fi ;;
  OnlyPartThatMatchesNothingIsNamed)
    expect 2 "--only part 'TencentCvmStopInstances\.RejectDuplicateIds' matches no case; did you mean 'TencentCvmStopInstances\.RejectsDuplicateIds'\?" \
      "$bin" run --only 'TencentCvmStopInstances.RejectsDuplicateIds:TencentCvmStopInstances.RejectDuplicateIds' --out "$work/o"
    expect 2 "--only part 'RejectsDuplicateIds' matches no case; case ids are <Api>\.<Behaviour>: did you mean '\*\.RejectsDuplicateIds'\?" \
      "$bin" run --only RejectsDuplicateIds --out "$work/o"
    expect 2 "--only '' selects nothing" "$bin" run --only '' --out "$work/o"
    if "$bin" run --only garbage --out "$work/o" 2>&1 | grep -q 'PASSED'; then
      echo "FAIL: GoogleTest's summary printed before the error" >&2
      exit 1
    fi ;;
  RunRefusesWhatCannotApplyBeforeAnyCase)
    expect 2 "--out /proc/nope: cannot create it" "$bin" run --only '*.RejectsDuplicateIds' --out /proc/nope
    expect 2 "--deviation shapes the embedded emulator; with --endpoint or --target the target is yours" \
      "$bin" run --endpoint http://127.0.0.1:9 --deviation duplicates-accepted --out "$work/o"
    expect 2 "--allow-mutations applies to a real account's profile" "$bin" run --allow-mutations --out "$work/o"
    expect 2 "--transition-ms: Value -5 not in range" "$bin" run --transition-ms -5 --out "$work/o"
    expect 2 "unknown argument --onyl; did you mean --only\? \(cloudconform run --help lists them\)" \
      "$bin" run --onyl x --out "$work/o" ;;
  AnUnreachableTargetIsSaidOnceUpFront)
    # Tried before the first case: one line, no request per case, the report still written.
    expect 2 "^cloudconform: cannot reach the target: cvm at http://127\.0\.0\.1:9: " \
      timeout 60 "$bin" run --endpoint http://127.0.0.1:9 --only 'TencentCvmStopInstances.*' --out "$work/o"
    [ -s "$work/o/results.json" ] || { echo "FAIL: no results.json" >&2; exit 1; }
    n=$(jq '[.cases[] | select(.outcome != "harness_error")] | length' "$work/o/results.json")
    [ "$n" -eq 0 ] || { echo "FAIL: $n cases of an unreachable target are not harness errors" >&2; exit 1; } ;;
  *) echo "unknown check $check" >&2; exit 2 ;;
esac
