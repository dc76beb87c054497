#pragma once
// The typed view of a results file (schema cloudconform.results/1) every report is rendered
// from. It is read once per command — checked, redacted and counted as it is read — so a
// renderer never looks a field up by name, and the terminal, Markdown, JUnit and HTML reports
// never disagree on a number. Free-form payloads (an observation's value, the target's identity,
// a property's data) stay JSON: the suite does not fix their shape.
#include <nlohmann/json.hpp>

#include <array>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "harness/core/results.h"

namespace cc::reports {

using core::CaseOutcome;
using core::Level;

// What fails a run (top-level "gate"): failed MUST assertions, or deviations from SHOULD too.
// A file without the field was gated on MUST.
enum class Gate { Must, Should };
std::string to_string(Gate gate);  // "must" | "should"

// One provenance entry: where a fact comes from. Absent fields stay absent (nullopt): some
// renderers show a field's place even when it is empty.
struct Passage {
  std::string source;  // seed | protocols | observed | inferred | silent (or another word)
  std::optional<std::string> file, section, passage, note;
  nlohmann::json scenario, step;  // observed recordings only; null when absent
};

// One assertion a case made (reports/README.md "Assertions").
struct Assertion {
  std::string claim, what, source, message;
  Level level = Level::Must;  // MUST when the file does not say
  bool passed = true;
  std::vector<Passage> rests_on;
};

// What a rate-limit case measured (an observation named "burst"): calls sent at twice the
// documented rate, and per 100 ms how many were accepted and how many throttled.
struct Burst {
  struct Bin {
    int accepted = 0, throttled = 0;
  };
  long long calls = 0;
  int accepted = 0, throttled = 0;
  double duration_ms = 0;
  std::vector<Bin> bins;  // bins_100ms
};

struct Observation {
  std::string what;
  nlohmann::json value;        // null when absent
  std::optional<Burst> burst;  // when it is a burst (what "burst", an object value)
};

// An answer an API gave the case; the error-code coverage is computed from these.
struct Answer {
  std::optional<std::string> api;  // when another API than the case's answered
  bool ok = false;
  std::optional<std::string> code;
  nlohmann::json http_status;  // null when absent
};

// One side of a transcript exchange, redacted.
struct Message {
  std::string method, url, body;
  std::vector<std::pair<std::string, std::string>> headers;
  nlohmann::json status, elapsed_ms, transport_error;  // responses; null when absent
};
struct Exchange {
  Message request, response;
};

// A known failure an expectations file listed (expectations.h).
struct Expectation {
  std::string reason, link;
};

// A property case's RapidCheck data; `data` is the whole object, shown as it came.
struct Property {
  nlohmann::json data;
  bool has_minimal_case = false;
  nlohmann::json scenario;                  // the minimal case's; null when absent
  std::string minimal_message;              // the minimal case's message, as recorded
  nlohmann::json shrinks, cases_run, seed;  // null when absent
  std::optional<std::string> replay_file, reproduce;
  // The run's `cloudconform replay FILE <target flags>` line; absent in older files (the bare
  // `cloudconform replay FILE` is shown), null when replay cannot reach the run's target.
  std::optional<std::string> replay_command;
  bool replay_command_null = false;
};

struct Case {
  std::string id, api;
  core::Family family = core::Family::Status;
  std::string behaviour;  // as recorded, possibly empty: behaviour_of() gives the name
  Level level = Level::Must;
  CaseOutcome outcome = CaseOutcome::Pass;
  std::string message;
  double duration_ms = 0;
  std::optional<std::string> replay, harness_error, inconclusive;
  std::vector<Passage> provenance;
  std::vector<Assertion> assertions;
  std::vector<Observation> observations;
  std::vector<Exchange> transcript;
  std::vector<Answer> answers;
  std::optional<Expectation> expectation;
  std::optional<Property> rapidcheck;
};

// Counts by outcome, computed from the cases once (never read from the file's "summary", which
// an older or hand-edited file could get wrong).
struct Counts {
  int total = 0;
  std::array<int, 9> by{};
  int operator[](CaseOutcome o) const { return by[static_cast<size_t>(o)]; }
  void add(CaseOutcome o) { ++total, ++by[static_cast<size_t>(o)]; }
};

// A documented error code of one API, and whether some case triggered it.
struct DocumentedCode {
  std::string code;
  nlohmann::json http_status;  // null when absent
  std::optional<std::string> trigger;
  std::optional<std::string> not_triggerable;  // why no black-box client can trigger it
  nlohmann::json triggered_by;                 // array of case ids; null when absent
  nlohmann::json status_seen;                  // array; null when absent
  // Why this run did not reach a code some request can cause (a case the selection left out,
  // or no case arranges its condition); never "not triggerable".
  std::optional<std::string> not_exercised;
  bool triggered() const { return triggered_by.is_array() && !triggered_by.empty(); }
};
struct UndocumentedCode {
  std::string code;
  nlohmann::json http_status;  // null when absent
  nlohmann::json seen_in;      // array of case ids; null when absent
};
struct ApiCoverage {
  std::optional<std::vector<DocumentedCode>> documented;
  std::optional<std::vector<UndocumentedCode>> undocumented;
  int documented_count() const;
  int triggered_count() const;
  int not_triggerable_count() const;
  int not_exercised_count() const;  // documented, not triggered, not_exercised given
  int undocumented_count() const;
};

// An allowlisted instance the run changed, and whether it was put back.
struct Restoration {
  std::string id;
  std::optional<std::string> api, was, now, message;
  bool restored = false;
};

// Where a document and a recording of the real service disagree (findings.h).
struct Finding {
  std::string api, what;
  std::string document;  // passage_text of the documented fact
  std::string observed;  // passage_text of the recording
};

// What the run was asked to judge (results.json "selection"; absent in older files).
struct Selection {
  std::optional<std::string> only;  // the --only pattern
  int cases = 0, of = 0;            // cases judged, out of the cases the suite has
  std::vector<std::string> apis;    // APIs with a judged case
  // A run stopped early (Ctrl-C, --fail-fast): of the `selected` cases, `not_run` did not run to
  // their end (left out of "cases", or there as the harness error the stop caused); `stopped`
  // says what stopped a --fail-fast run. 0 and nullopt for a run that went to its end.
  int selected = 0, not_run = 0;
  std::optional<std::string> stopped;
  int ran() const { return selected - not_run; }
  bool partial() const { return cases < of; }
};

// The expectations file a run was classified with (results.json "expectations").
struct ExpectationsUsed {
  std::string file;
  std::vector<std::string> unmatched;  // entries ("case" patterns) that matched no case
};

// One place where the run answered otherwise than a recorded target did (results.json
// "differential", made by `run --compare-to`; harness/snapshot/compare.h finds them). A finding
// class of its own, "differs from the recorded target": never a verdict, never counted with the
// outcomes, and it fails the run only under --gate differential.
struct TargetDifference {
  std::string case_id, api, action, pointer;  // pointer into the normalised exchange; "" = whole
  int exchange = 0;                   // index of the exchange in the recorded case; -1: states
  nlohmann::json recorded, observed;  // null on the side that lacks it
  std::string rule;                   // the equivalence rule broken, by name
};
struct Differential {
  std::string snapshot_dir;
  nlohmann::json snapshot_target = nlohmann::json::object();  // its identity, public only
  std::vector<std::string> rules;                             // "<name>: <text>"
  int compared = 0;  // cases both the snapshot and the run have
  std::vector<std::string> not_in_snapshot, not_run;
  std::vector<TargetDifference> differences;
};

// Where the run reached one product (the target's "endpoints").
struct Endpoint {
  std::string product, url, host;
};

struct Results {
  std::string file;  // where it was read from, for messages
  std::optional<std::string> suite_name, suite_version, catalogue_hash;
  nlohmann::json target = nlohmann::json::object();  // public identity only (redact.h)
  std::optional<std::string> target_name, target_kind;
  std::optional<std::vector<Endpoint>> endpoints;  // when the target lists them
  Gate gate = Gate::Must;
  std::optional<std::string> started_at;
  double duration_ms = 0;
  std::vector<Case> cases;
  Counts counts;
  std::map<std::string, ApiCoverage> coverage;  // per API, sorted; empty when not recorded
  std::vector<Restoration> restore;
  std::optional<std::string> interrupted;
  std::vector<Finding> findings;
  std::optional<Selection> selection;
  std::optional<ExpectationsUsed> expectations;
  std::optional<Differential> differential;  // when the run was compared with a snapshot
  bool differential_gate = false;            // "differential_gate": its differences fail the run
};

// Reads, checks and counts a results document; throws core::DataError
// "[results.<what>] <file>: <pointer>: <detail>" on a field of the wrong type, an unknown
// outcome, level or gate, a duplicate case. Unknown keys are allowed: newer suites may add
// fields the reports do not know yet. Transcripts are redacted and the target reduced to its
// public identity as they are read.
Results read_results(const nlohmann::json& results, const std::string& file = "results.json");

// One case on its own (the suite's listener prints a block per case as it ends).
Case read_case(const nlohmann::json& one_case, const std::string& file = "results.json");

}  // namespace cc::reports
