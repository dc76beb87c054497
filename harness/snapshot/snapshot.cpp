// Snapshot files (snapshot.h): made from a results file, written, and read back strictly — a
// hand-edited snapshot with a typo must be refused with its file and pointer, not half-read.
#include "harness/snapshot/snapshot.h"

#include <filesystem>
#include <fstream>

#include "harness/core/json_reader.h"
#include "harness/snapshot/compare.h"
#include "harness/snapshot/normalise.h"

namespace cc::snapshot {

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const char* const kSchema = "cloudconform.snapshot/1";
const char* const kPrefix = "snapshot";

std::string case_file(const std::string& id) { return "cases/" + id + ".json"; }

void write_json(const fs::path& path, const json& doc) {
  std::ofstream out(path, std::ios::binary);
  out << doc.dump(2) << "\n";
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string states_mode(core::JsonReader& r, const std::string& key, const std::string& fallback) {
  const auto v = r.optional(key);
  if (!v) return fallback;
  const std::string s = v->as_string();
  if (s != "exact" && s != "prefix") v->fail("bad_value", "expected \"exact\" or \"prefix\"");
  return s;
}

void read_exchange(core::JsonReader e) {
  e.expect_object();
  e.string("action");
  e.at("request").expect_object();
  core::JsonReader response = e.at("response");
  response.integer("status");
  if (!response.value().contains("body") && !response.value().contains("states") &&
      !response.value().contains("transport_error"))
    response.fail("missing_field", "a response needs a body, states or transport_error");
  if (auto states = response.optional("states")) states->expect_object();
  response.ignore("body");
  response.ignore("transport_error");
  response.done();
  e.done();
}

json read_case(const std::string& dir, const std::string& id, const std::string& file) {
  const std::string path = dir + "/" + file;
  json doc = core::read_json_file(path, kPrefix);
  core::JsonReader r(doc, path, kPrefix);
  r.expect_object();
  if (r.string("id") != id) r.fail("bad_value", "the index names this file for " + id, "id");
  r.string("api");
  r.ignore("outcome");
  r.ignore("provenance");
  states_mode(r, "states", "exact");
  for (const auto& e : r.array("exchanges")) read_exchange(e);
  r.done();
  return doc;
}

}  // namespace

Snapshot snapshot_of(const json& results, const core::Catalogue& catalogue) {
  Snapshot s;
  s.cases = normalise_cases(results, catalogue);
  s.identity = identity_of(results, s.cases, catalogue);
  s.rules = rules();
  return s;
}

void save(const Snapshot& snapshot, const std::string& dir) {
  fs::create_directories(fs::path(dir) / "cases");
  json index = json::array();
  for (const auto& [id, c] : snapshot.cases) {
    write_json(fs::path(dir) / case_file(id), c);
    index.push_back({{"id", id},
                     {"api", c.value("api", "")},
                     {"outcome", c.value("outcome", "")},
                     {"exchanges", c["exchanges"].size()},
                     {"file", case_file(id)}});
  }
  json doc = {{"schema", kSchema},         {"identity", snapshot.identity},
              {"rules", snapshot.rules},   {"states", snapshot.states},
              {"cases", std::move(index)}, {"unmatched", snapshot.unmatched}};
  if (!snapshot.source.is_null()) doc["source"] = snapshot.source;
  write_json(fs::path(dir) / "snapshot.json", doc);
}

void write_snapshot(const std::string& dir, const json& results, const core::Catalogue& catalogue) {
  save(snapshot_of(results, catalogue), dir);
}

Snapshot read_snapshot(const std::string& dir) {
  const std::string path = dir + "/snapshot.json";
  const json doc = core::read_json_file(path, kPrefix);
  core::JsonReader r(doc, path, kPrefix);
  r.expect_object();
  if (r.string("schema") != kSchema)
    r.fail("bad_value", std::string("schema must be ") + kSchema, "schema");
  Snapshot s;
  s.dir = dir;
  s.identity = r.at("identity").value();
  r.at("identity").expect_object();
  s.rules = r.strings("rules");
  s.states = states_mode(r, "states", "exact");
  for (auto c : r.array("cases")) {
    c.expect_object();
    const std::string id = c.string("id"), file = c.string("file");
    for (const char* k : {"api", "outcome", "exchanges"}) c.ignore(k);
    c.done();
    s.cases[id] = read_case(dir, id, file);
  }
  if (auto u = r.optional("unmatched")) s.unmatched = u->value();
  if (auto src = r.optional("source")) s.source = src->value();
  r.done();
  return s;
}

}  // namespace cc::snapshot
