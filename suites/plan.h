#pragma once
// `cloudconform plan --target PROFILE`: the run a profile would get, rehearsed against the
// embedded emulator standing in for the account (its allowlisted instances, assumed RUNNING;
// no control plane; the documented rate limits), without contacting anything else. Prints every
// call that would change an allowlisted instance, the requests per API and the duration the
// documented limits impose.
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "emulator/emulator.h"
#include "harness/core/catalogue.h"
#include "harness/target/target.h"
#include "suites/catalogue_location.h"

namespace cc::suites {

struct PlanOptions {
  CatalogueLocation catalogue;       // where the catalogue is, and why there
  std::string target_file;           // the target profile (required)
  std::string only;                  // as for run: a GoogleTest filter
  std::vector<std::string> include;  // as for run: "rate-limits"
  bool allow_mutations = false;      // plan the mutating run (default: the read-only one)
  int round_trip_ms = 250;           // a real region's round trip, for the estimate
};

// Exit status: 0 planned, 1 the rehearsal failed cases (the run would fail them too, or the
// profile is wrong), 130 interrupted, 2 bad usage, a selection of nothing, or an emulator that
// cannot start. Only the plan goes to stdout; progress and diagnostics go to stderr.
int plan(const PlanOptions& options);

class Rehearsal {
 public:
  // Creates one emulator instance per allowlisted id and points `cfg` at the emulator: same
  // kind, allowlist and roles (renamed to the emulator's ids), official Host names, the
  // emulator's keys, no control plane. Throws HarnessError when the emulator refuses.
  void stand_in(emu::Emulator& emulator, const core::Catalogue& catalogue,
                target::TargetConfig& cfg);
  // Target::on_call: counts the request, notes the change it would make (in the profile's ids).
  void record(const core::Api& api, const nlohmann::json& params,
              const std::vector<std::string>& changes);
  // `text` with each stand-in's id replaced by the profile's (the cases' messages name them).
  std::string in_profile_ids(std::string text) const;
  void print(std::ostream& out, const core::Catalogue& catalogue, const target::TargetConfig& cfg,
             const std::string& profile_file, double wall_ms, int round_trip_ms) const;

 private:
  std::string real(const std::string& emulator_id) const;
  // The requests per API and the least time the documented limits allow for them, in seconds.
  double print_requests(std::ostream& out, const core::Catalogue& catalogue,
                        const target::TargetConfig& cfg) const;

  std::map<std::string, std::string> real_of_;   // emulator id -> the profile's id
  std::map<std::string, std::size_t> requests_;  // by API id
  std::vector<std::string> changes_;             // "case: API id…" in call order
  std::size_t stops_ = 0, starts_ = 0;
};

}  // namespace cc::suites
