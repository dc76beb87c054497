#pragma once
// Snapshots of a target: every exchange of every case, normalised (normalise.h), with the
// target's identity and the equivalence rules a later run is compared under (compare.h).
//
// SCHEMA (cloudconform.snapshot/1)
//   DIR/snapshot.json
//     {"schema": "cloudconform.snapshot/1",
//      "identity": {"kind", "name", "endpoints": {product: host}, "region": {product: region},
//                   "suite_version", "catalogue_hash", "date",
//                   "account": {key-id field: "sha256:<16 hex>"}},  — never a secret
//      "rules": ["<name>: <text>", …],       the equivalence rules (compare.h rules())
//      "states": "exact" | "prefix",         how state sequences compare, unless a case says
//      "source": {…},                        a converted recording: where it came from
//      "cases": [{"id", "api", "outcome", "exchanges": N, "file": "cases/<id>.json"}],
//      "unmatched": [{"scenario", "reason"}]} recorded scenarios no case corresponds to
//   DIR/cases/<case id>.json
//     {"id", "api", "outcome", "states"?: "exact" | "prefix", "provenance"?: {…},
//      "exchanges": [{"action",
//                     "request": {"method", "path", "headers": {…}, "query"?: {…},
//                                 "params"?: {…} | "body"?: "text"},
//                     "response": {"status", "body"?: {…} | "text", "states"?: {"<iN>": state},
//                                  "transport_error"?: true}}]}
//   Placeholders: <iN> instance ids by first use in the case; <request-id:F>, <timestamp:F>,
//   <nonce:F>, <signature:F>, <uuid:F> with F the format seen (uuid, upper-uuid, iso8601,
//   http-date, unix, hex, upper-hex, other); <authorization:SCHEME>; <host>.
//
// results.json "differential" (compare.h to_json)
//   {"snapshot": {"dir", "target": identity}, "rules": [text…], "compared": N,
//    "not_in_snapshot": [case ids the run has and the snapshot not],
//    "not_run": [case ids of the snapshot the run did not run],
//    "differences": [{"case", "api", "exchange", "action", "pointer", "recorded", "observed",
//                     "rule"}]}
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "harness/core/catalogue.h"

namespace cc::snapshot {

struct Snapshot {
  nlohmann::json identity;
  std::vector<std::string> rules;
  std::string states = "exact";                 // exact | prefix: for cases that do not say
  std::map<std::string, nlohmann::json> cases;  // by case id, as in cases/<id>.json
  nlohmann::json unmatched = nlohmann::json::array();
  nlohmann::json source;  // null unless converted from a recording
  std::string dir;        // where it was read from; empty when made in memory
};

// The snapshot of a results file: every case with a transcript (property cases have none).
Snapshot snapshot_of(const nlohmann::json& results, const core::Catalogue& catalogue);

// Writes DIR/snapshot.json and DIR/cases/<id>.json (creating DIR).
void save(const Snapshot& snapshot, const std::string& dir);

// Writes DIR/snapshot.json (identity, rules, index of cases) and DIR/cases/<case id>.json, one
// per case with a transcript.
void write_snapshot(const std::string& dir, const nlohmann::json& results,
                    const core::Catalogue& catalogue);

// Throws core::DataError "[snapshot.<what>] <file>: <json pointer>: <detail>".
Snapshot read_snapshot(const std::string& dir);

}  // namespace cc::snapshot
