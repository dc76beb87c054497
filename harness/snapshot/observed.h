#pragma once
// A recording of a real service (../shared/reference/observed/*.json, schema
// cloudconform.observed/1) as a snapshot, so a run can be compared with what the real service
// was seen answering. Which suite case a recorded scenario corresponds to is data, with the
// reason (fixtures/observed/<recording>.map.json):
//   {"schema": "cloudconform.observed-map/1", "recording": "<file name>",
//    "scenarios": {"<scenario>": {"case": "<case id>", "steps": [n…]?, "states"?: "prefix",
//                                 "provenance": "why they correspond"}
//                | {"unmatched": "why no case corresponds"}}}
// Every scenario of the recording must be mapped one way or the other: none is dropped
// silently, and none is forced onto a case that does not send the same requests.
#include <nlohmann/json.hpp>

#include <string>

#include "harness/core/catalogue.h"
#include "harness/snapshot/snapshot.h"

namespace cc::snapshot {

// Throws core::DataError "[observed_map.<what>] <map_name>: <pointer>: <detail>" for a
// mapping that does not fit the recording or the catalogue, "[observed.<what>] …" for a
// recording that is not cloudconform.observed/1.
Snapshot from_observed(const nlohmann::json& observed_file, const nlohmann::json& mapping,
                       const core::Catalogue& catalogue,
                       const std::string& map_name = "the mapping",
                       const std::string& observed_name = "the recording");

}  // namespace cc::snapshot
