#pragma once
// The results of a run, as written to results.json (schema "cloudconform.results/1", documented
// in README.md). The suites fill it; reports/ only ever reads the file.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/core/catalogue.h"
#include "harness/core/outcome.h"

namespace cc::core {

// A case's outcome (README "Levels"; reports/README.md "Outcomes"). The suite gives the first
// seven; an expectations file turns a listed case into expected_fail or unexpected_pass. Named
// apart from core::Outcome, which is what one API call answered (outcome.h).
enum class CaseOutcome {
  Pass,
  Fail,       // a MUST assertion failed
  Deviation,  // only SHOULD assertions failed
  Inconclusive,
  Observed,
  NotSupported,
  HarnessError,
  ExpectedFail,
  UnexpectedPass,
};

// "pass", "fail", "deviation", "inconclusive", "observed", "not_supported", "harness_error",
// "expected_fail", "unexpected_pass": the names results.json uses.
std::string to_string(CaseOutcome outcome);
// nullopt for a name not listed above; the reader that met it says where (file and pointer).
std::optional<CaseOutcome> parse_case_outcome(std::string_view name);
// Every outcome, in declaration order; the suite's own are the first seven.
const std::vector<CaseOutcome>& all_case_outcomes();
const std::vector<CaseOutcome>& suite_case_outcomes();

// How strongly the documents back an assertion (README "Levels"), ordered weakest first, so
// std::min gives the weakest of several sources. Shared by the suites and the reports.
enum class Level { Observed, Should, Must };

std::string to_string(Level level);  // "MUST" | "SHOULD" | "OBSERVED"
std::optional<Level> parse_level(std::string_view name);

// The family a case belongs to (README "What is checked"): one per kind of behaviour.
enum class Family {
  Status,
  Errors,
  Batch,
  Duplicates,
  DryRun,
  Protocol,
  Concurrency,
  RateLimit,
  Properties,
};

// "status", "errors", "batch", "duplicates", "dry_run", "protocol", "concurrency",
// "rate_limit", "properties": the names results.json uses.
std::string to_string(Family family);
std::optional<Family> parse_family(std::string_view name);
const std::vector<Family>& all_families();

struct CaseRecord {
  std::string id;   // <Api>.<Behaviour>
  std::string api;  // catalogue id
  std::string behaviour;
  Family family = Family::Status;
  Level level = Level::Must;
  // One of the suite's own seven outcomes; nullopt until the case has run (cases a filter
  // skipped stay without one).
  std::optional<CaseOutcome> outcome;
  std::string message;
  std::vector<Provenance> provenance;
  nlohmann::json observations = nlohmann::json::array();
  std::vector<nlohmann::json> transcript;  // redacted exchanges
  // Every answer an API gave the case: {"api", "ok", "code", "http_status"} — the run's
  // error-code coverage is computed from these.
  nlohmann::json answers = nlohmann::json::array();
  std::string replay;  // one command line that re-runs just this case against the same target
  double duration_ms = 0;
  std::string harness_error;  // set when the target, not the behaviour, failed
  std::string inconclusive;   // why the case could not exercise its subject; empty = it could
  // Every assertion the case made: {"claim", "what", "level", "source", "passed", "message",
  // "rests_on"}. The case's outcome is its worst failed assertion (README "Levels").
  nlohmann::json assertions = nlohmann::json::array();
  // Property cases: seed, case count, distribution, the minimal failing case and its replay file.
  nlohmann::json rapidcheck;  // null for hand-written cases

  nlohmann::json to_json() const;
  // The record back from its to_json() (a worker process's cases, read by the run that started
  // it: suites/parallel.h). Throws DataError on a field of the wrong type or an unknown name.
  static CaseRecord from_json(const nlohmann::json& j);
};

struct RunRecord {
  std::string suite_version;
  std::string catalogue_hash;
  nlohmann::json target;  // identity of the target, never secrets
  std::string started_at;
  double duration_ms = 0;
  std::vector<CaseRecord> cases;
  // Per subject API: every documented code, triggered or not (and why not), and every
  // undocumented code the target answered. Computed after the run.
  nlohmann::json coverage = nlohmann::json::object();
  // Allowlisted instances the run changed, and whether each was put back (Target::restore).
  nlohmann::json restore = nlohmann::json::array();
  std::string interrupted;  // why the run was cut short (a signal); empty = it ran to the end
  // What the run was asked to judge: {"only": pattern or null, "cases": judged, "of": cases the
  // suite has for this target, "apis": [APIs with a judged case]}. Reports say "not run" for
  // what a partial selection left out instead of reading it as untriggerable or absent.
  nlohmann::json selection;  // null = not recorded (older runs)
  std::string gate =
      "must";  // what fails the run: "must" (failed MUST assertions) or "should" (deviations too)
  // How many worker processes judged the run's products side by side (run --jobs): 1 = in series.
  int jobs = 1;

  nlohmann::json to_json() const;
  // Counts by outcome.
  nlohmann::json summary() const;
};

// A hash over the catalogue files' ids and facts, so a results file says which catalogue it used.
std::string catalogue_hash(const Catalogue& catalogue);

}  // namespace cc::core
