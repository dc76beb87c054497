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
  EmulateAccountIsKeyedByProviderAndNeverEchoed)
    # A well-formed account is served (the banner comes out; timeout stops it).
    expect 124 "listening on http://127\.0\.0\.1:[0-9]+" \
      timeout 3 "$bin" emulate --listen 127.0.0.1:0 --account 'ci:tencent=AKIDci0:k1,alibaba=LTAIci:s1'
    # Malformed ones are refused (2), naming what is wrong and the providers, never the secret.
    refused() {  # PATTERN SECRET ACCOUNT
      local out
      out=$(expect 2 "$1" "$bin" emulate --listen 127.0.0.1:0 --account "$3") || exit 1
      if grep -q "$2" <<<"$out"; then echo "FAIL: the refusal echoed the secret: $out" >&2; exit 1; fi
    }
    refused "--account wants ALIAS:PROVIDER=ID:SECRET.* with a provider of tencent, alibaba; account \"ci\" names no such provider" \
      topSecret1 'ci:aws=AKIA:topSecret1'
    refused "account \"ci\": tencent wants ID:SECRET" topSecret2 'ci:tencent=topSecret2'
    refused "account \"ci\" names tencent twice" topSecret3 'ci:tencent=A:topSecret3,tencent=B:x'
    refused "no ALIAS: before the keys" topSecret4 ':tencent=A:topSecret4' ;;
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
  EverySubcommandsHelpGivesExamplesAndExitStatuses)
    for sub in run plan list emulate report "report summary" "report outcomes" "report outcome" \
               "report write" "report diff" "report compare" "report merge" sign catalogue replay \
               snapshot "snapshot from-observed"; do
      # shellcheck disable=SC2086 # the subcommand's words are meant to split
      out=$("$bin" $sub --help 2>&1) || { echo "FAIL: $sub --help exits non-zero" >&2; exit 1; }
      grep -qx "Examples:" <<<"$out" || { echo "FAIL: no examples in $sub --help" >&2; exit 1; }
      grep -q "^  cloudconform $sub" <<<"$out" || { echo "FAIL: no example of $sub itself" >&2; exit 1; }
      grep -qx "Exit status:" <<<"$out" || { echo "FAIL: no exit statuses in $sub --help" >&2; exit 1; }
      grep -qE "^  0 +[a-z]" <<<"$out" || { echo "FAIL: $sub --help does not say what 0 means" >&2; exit 1; }
      grep -qE "^  2 +[a-z]" <<<"$out" || { echo "FAIL: $sub --help does not say what 2 means" >&2; exit 1; }
    done
    expect 0 "^  130  interrupted" "$bin" run --help
    expect 0 "^  3    an instance the run changed could not be put back" "$bin" run --help
    expect 0 "Any --gtest_\* flag passes through to GoogleTest" "$bin" run --help
    expect 0 "^Deviation names: cloudconform emulate --list-deviations; " "$bin" run --help
    expect 0 "results.json and the reports made from it: junit.xml, report.md and report.html" \
      "$bin" run --help
    expect 0 "--rerun-failed" "$bin" run --help
    expect 0 "Provider tencent: --scheme TC3-HMAC-SHA256, HmacSHA1, HmacSHA256; --style POST-JSON" \
      "$bin" sign --help
    expect 0 "^  1    the rehearsal failed cases" "$bin" plan --help
    expect 0 "^TencentCvmStopInstances"$'\t'"tencent cvm StopInstances 2017-03-12"$'\t'"subject$" "$bin" list --apis
    # The footers' examples are real: each example API id and deviation name exists.
    "$bin" sign --api AlibabaEcsStopInstance --endpoint http://127.0.0.1:8080 \
      --params '{"InstanceId":"i-123"}' --style GET-QUERY >/dev/null || { echo "FAIL: sign example" >&2; exit 1; }
    "$bin" emulate --list-deviations | grep -q "^duplicates-accepted" || { echo "FAIL: deviation of the examples" >&2; exit 1; } ;;
  ListSelectsAsRunDoesAndPrintsOnlyJson)
    pattern='*.RejectsDuplicateIds:TencentCvmStopInstances.Rejects*-*.RejectsAStoppedInstance'
    "$bin" list --json --only "$pattern" >"$work/list.json" 2>"$work/list.err" || { echo "FAIL: list --json exits non-zero" >&2; exit 1; }
    jq -e 'type == "array" and length > 0 and all(.[]; (.id | type) == "string" and .api and .behaviour
           and .family and .level and (.claims | type) == "array"
           and all(.claims[]; .key and .level and (.rests_on | type) == "array"))' "$work/list.json" >/dev/null \
      || { echo "FAIL: list --json stdout is not the documented JSON array alone:" >&2; head -c 400 "$work/list.json" >&2; exit 1; }
    listed=$(jq length "$work/list.json")
    grep -q "^$listed of [0-9]* cases; catalogue " "$work/list.err" || { echo "FAIL: no count on stderr" >&2; exit 1; }
    "$bin" run --only "$pattern" --out "$work/run" >/dev/null 2>&1
    ran=$(jq '.selection.cases' "$work/run/results.json")
    [ "$listed" -eq "$ran" ] || { echo "FAIL: list --only selects $listed cases, run $ran" >&2; exit 1; }
    diff <(jq -r '.[].id' "$work/list.json" | sort) <(jq -r '.cases[].id' "$work/run/results.json" | sort) \
      || { echo "FAIL: list and run select different cases" >&2; exit 1; }
    [ "$("$bin" list --only 'TencentCvmStopInstances.*' | grep -c '^TencentCvmStopInstances\.')" -gt 0 ] \
      || { echo "FAIL: list --only lists nothing" >&2; exit 1; }
    expect 2 "^cloudconform list: --only part 'TencentCvmStopInstances\.RejectDuplicateIds' matches no case; did you mean 'TencentCvmStopInstances\.RejectsDuplicateIds'\?" \
      "$bin" list --only 'TencentCvmStopInstances.RejectDuplicateIds'
    expect 2 "--only '' selects nothing" "$bin" list --only '' ;;
  RerunFailedRunsExactlyThePreviousFailures)
    # A negative control fails some cases; the rerun against the faithful emulator runs those alone.
    "$bin" run --deviation duplicates-accepted --deviation batch-limit-ignored \
      --only '*.RejectsDuplicateIds:*.RejectsMoreIdsThanTheBatchLimit:*.AcceptsTheBatchLimit' \
      --out "$work/first" >/dev/null 2>&1
    jq -r '.cases[] | select(.outcome | IN("fail","deviation","harness_error","inconclusive","unexpected_pass")) | .id' \
      "$work/first/results.json" | sort >"$work/failed.txt"
    [ "$(wc -l <"$work/failed.txt")" -gt 1 ] || { echo "FAIL: the negative controls failed too little" >&2; exit 1; }
    [ "$(wc -l <"$work/failed.txt")" -lt "$(jq '.cases | length' "$work/first/results.json")" ] \
      || { echo "FAIL: every case failed: the rerun would prove nothing" >&2; exit 1; }
    expect 0 "^rerun: $(wc -l <"$work/failed.txt") of the [0-9]+ cases of $work/first/results.json: " \
      "$bin" run --rerun-failed "$work/first" --out "$work/second"
    diff "$work/failed.txt" <(jq -r '.cases[].id' "$work/second/results.json" | sort) \
      || { echo "FAIL: the rerun ran other cases than the failed ones" >&2; exit 1; }
    # With --only: the intersection.
    one=$(head -1 "$work/failed.txt")
    expect 0 "^rerun: 1 of the " "$bin" run --rerun-failed "$work/first/results.json" --only "$one" --out "$work/third"
    [ "$(jq -r '.cases[].id' "$work/third/results.json")" = "$one" ] || { echo "FAIL: --only did not narrow the rerun" >&2; exit 1; }
    expect 0 "^nothing to rerun: $work/second/results.json has no case that failed" \
      "$bin" run --rerun-failed "$work/second" --out "$work/fourth"
    [ ! -e "$work/fourth" ] || { echo "FAIL: nothing to rerun still made --out" >&2; exit 1; }
    printf 'garbage\n' >"$work/garbage.json"
    expect 2 "^cloudconform run: --rerun-failed: \[results\.syntax\] $work/garbage.json: line 1, column 1" \
      "$bin" run --rerun-failed "$work/garbage.json" --out "$work/fifth"
    jq '.cases[0].outcome = "fail" | .cases[0].id = "TencentCvmStopInstances.NoSuchBehaviour"' \
      "$work/second/results.json" >"$work/unknown.json"
    expect 2 "1 of its cases are not in this catalogue .*: TencentCvmStopInstances\.NoSuchBehaviour" \
      "$bin" run --rerun-failed "$work/unknown.json" --out "$work/sixth" ;;
  CatalogueWithoutTheDocumentsSaysWhatItCannotCheck)
    expect 2 "^the documents are not present: looked for in $work/nowhere \(--shared DIR names another directory\), missing 6: reference/protocols.md, seeds/000_" \
      "$bin" catalogue --shared "$work/nowhere"
    expect 2 "NOT checked: that every quoted passage occurs in the document it cites" \
      "$bin" catalogue --shared "$work/nowhere"
    if "$bin" catalogue --shared "$work/nowhere" 2>&1 | grep -q 'provenance.unreadable'; then
      echo "FAIL: the reader's exception leaks instead of the plain message" >&2
      exit 1
    fi ;;
  *) echo "unknown check $check" >&2; exit 2 ;;
esac
