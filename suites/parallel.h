#pragma once
// `run --jobs N` (issue 18, point 2): the products of a run judged side by side, each by a worker
// process — the same executable, `run --worker FILE --only <that product's cases>` with the same
// target flags — since GoogleTest runs cases one after another in one process. A product's APIs
// share its rate budgets (ECS's StopInstances and StopInstance both spend DescribeInstances), so
// the unit is the product (core::Api::product), never the API; within a worker the cases run in
// their serial order. The parent merges the workers' records back into the serial order, so the
// results, reports and exit status are those a serial run gives.
#include <string>
#include <vector>

#include "harness/core/catalogue.h"
#include "harness/core/results.h"
#include "suites/case.h"
#include "suites/runner.h"

namespace cc::suites {

// The GoogleTest filter a run's cases go through: --only, minus the families a real account runs
// only when asked (--include). Defined in runner.cpp, beside run_cases.
std::string case_filter(const core::Catalogue& catalogue, const RunOptions& options,
                        bool real_account);

// One worker's part of a run: a product, and the --only that selects exactly its selected cases.
struct Share {
  std::string product;
  std::string only;                   // "Api.*" for an API whose every case runs, else case ids
  std::vector<std::string> case_ids;  // in serial order
};

// The products with a case `filter` selects, in the order a serial run reaches them.
std::vector<Share> shares_of(const core::Catalogue& catalogue, const std::string& filter);

// What the target lets a run split: its embedded emulator is served anew by every worker, an
// external one is shared by them.
struct TargetTraits {
  bool embedded = false;              // each worker serves its own embedded emulator
  bool shared_control_plane = false;  // an external emulator's control plane the cases use
  bool unreachable = false;           // the probe found an endpoint that does not answer
};

// How many workers run side by side: --jobs when given, else the profile's "jobs", else one per
// share against the embedded emulator and 1 against anything else (a real account's limits are
// per account; an external emulator may count, cut off or throttle a run as a whole). 1 — in
// series, in this process — with --fail-fast ("first" must mean first), --gtest_* flags passed
// through or GoogleTest's sharding variables, an unreachable target (every case ends at once
// anyway), a single share, and an external emulator whose control plane the cases use: its
// configuration is global (property cases turn its rate limits off while they run), so workers
// would change each other's verdicts — said on stderr when --jobs or the profile asked for more.
int jobs_for(const RunOptions& options, const RunInputs& in, std::size_t shares,
             const TargetTraits& target);

// The parent's side: runs the shares in worker processes, at most `jobs` at once, printing each
// worker's failure blocks when it ends, and puts their records into ctx.run (cases in registered
// order, restorations, an interrupt). Cases the run's interruption cut short are not run, as in
// series; a worker that dies on its own (a crash, a kill, no readable records) makes its
// cases harness errors (with its last stderr lines). `interrupts` gets the forwarding of a
// SIGTERM to the workers (Ctrl-C reaches them from the terminal, as the same process group).
class Interrupts;
void run_in_workers(SuiteContext& ctx, const RunOptions& options, const std::vector<Share>& shares,
                    int jobs, Interrupts& interrupts);

// The worker's side (run --worker FILE): its cases' records (those that ran), the restorations
// and the interrupt, as {"cases", "restore", "interrupted"} in FILE, written whole or not at all.
bool write_worker_file(const core::RunRecord& run, const std::string& file);

}  // namespace cc::suites
