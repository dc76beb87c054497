#pragma once
// What a run says before its first case and after its last: the record it starts, the header
// (target, catalogue, gate, snapshots), every failure's replay line, and the finish — results
// and reports written, the closing block printed, the exit status decided.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "harness/core/results.h"
#include "harness/target/target.h"
#include "suites/runner.h"

namespace cc::suites {

// The record of a run against `target`, started at `started`, before any case.
core::RunRecord start_record(const core::Catalogue& catalogue, const target::Target& target,
                             const RunOptions& options, bool embedded,
                             std::chrono::system_clock::time_point started);

// The header says what is judged, against which catalogue, and what fails the run, before
// anything runs; then what the run is compared with and recorded as.
void print_header(const core::RunRecord& run, const RunOptions& options);
void print_snapshots(const RunInputs& in, const RunOptions& options);

// The flags that make the target and its cases what this run's are: the catalogue when named,
// --endpoint, --target, --profile, --cacert, --allow-mutations, --include, the embedded
// emulator's shape (--deviation, --variation, --latency-ms, --transition-ms) and the timeouts.
// One list, so that a worker (every flag, `with_defaults`) and a replay line (only those not at
// their defaults, so that it stays short) can never differ in what reaches the target.
std::vector<std::string> target_flags(const RunOptions& options, bool with_defaults);

// The one command line that re-runs case `id` alone against the same target.
std::string replay_line(const RunOptions& options, const std::string& id);

// The command that replays a property's minimal failing case, `file` (relative to --out) —
// `cloudconform replay FILE` with the target flags it takes (--target, --profile, --endpoint,
// --cacert, --catalogue, --deviation, --variation, --latency-ms, --transition-ms, --settle-ms);
// nullopt when the run's target is one `replay` cannot be pointed at (an endpoint for another
// product only; a profile with --endpoint PRODUCT=URL): then the seeded run line ("again") is the
// way to see it fail again. A real account's run never has a property to replay (properties
// arrange instances through a control plane), and replay refuses its profile.
std::optional<std::string> replay_file_line(const RunOptions& options,
                                            const core::Catalogue& catalogue, const std::string& id,
                                            const std::string& file);

// The results of the cases that ran, with the findings about the APIs they judged and the
// known failures applied; written, summarised, and turned into the exit status.
int finish(core::RunRecord& run, const RunInputs& in, const RunOptions& options,
           std::chrono::system_clock::time_point started);

}  // namespace cc::suites
