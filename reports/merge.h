#pragma once
// report merge: the results of shards (GoogleTest's GTEST_TOTAL_SHARDS / GTEST_SHARD_INDEX, each
// shard a disjoint subset of the cases) combined into one results file.
#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace cc::reports {

struct Shard {
  std::string file;  // for error messages
  nlohmann::json results;
};

// Cases concatenated and sorted by id (the same merged file whatever the order of the shards);
// a case in two shards, or shards of different suite versions, catalogues or targets, are
// refused with core::DataError naming the file and pointer. The summary is recomputed, the
// coverage united (coverage.h), the selections too ("cases" summed, "of" the largest, "apis"
// united, the --only patterns listed; dropped when a shard has none), started_at is the earliest,
// duration_ms the longest shard (the wall time when shards run in parallel) and duration_sum_ms
// their sum; "shards" lists them. Shards compared with one snapshot (run --compare-to) give one
// "differential", the whole run's: every difference kept, "compared" summed, "not_run" the
// snapshot's cases no shard ran; shards compared with different snapshots, or only some of them
// compared, or differing in --gate differential, are refused (merge.cpp says why).
nlohmann::json merge_results(const std::vector<Shard>& shards);

}  // namespace cc::reports
