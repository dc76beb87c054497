#pragma once
// What a run says before its first case and after its last: the record it starts, the header
// (target, catalogue, gate, snapshots), every failure's replay line, and the finish — results
// and reports written, the closing block printed, the exit status decided.
#include <chrono>
#include <string>

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

// The one command line that re-runs case `id` alone against the same target.
std::string replay_line(const RunOptions& options, const std::string& id);

// The results of the cases that ran, with the findings about the APIs they judged and the
// known failures applied; written, summarised, and turned into the exit status.
int finish(core::RunRecord& run, const RunInputs& in, const RunOptions& options,
           std::chrono::system_clock::time_point started);

}  // namespace cc::suites
