// A recording of a real service as a snapshot (observed.h).
#include "harness/snapshot/observed.h"

#include <ctime>
#include <iomanip>
#include <sstream>

#include "harness/core/encoding.h"
#include "harness/core/json_reader.h"
#include "harness/core/results.h"
#include "harness/snapshot/compare.h"
#include "harness/snapshot/normalise.h"

namespace cc::snapshot {

namespace {

using nlohmann::json;

const char* const kMapPrefix = "observed_map";
const char* const kObservedPrefix = "observed";

std::string host_of(const std::string& uri) {
  const size_t scheme = uri.find("://");
  const size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  return uri.substr(start, uri.find_first_of(":/?", start) - start);
}

// "Fri, 16 Sep 2022 08:33:14 GMT" as ISO 8601; the text unchanged when it is not such a date.
std::string iso_date(const std::string& http_date) {
  std::tm tm{};
  std::istringstream in(http_date);
  in >> std::get_time(&tm, "%a, %d %b %Y %H:%M:%S");
  if (in.fail()) return http_date;
  return core::utc_iso8601(timegm(&tm));
}

// A recorded exchange as the wire gave it: the recording names its action, and its bodies were
// stored parsed (the answer is re-serialised; no rule depends on formatting).
RawExchange raw_of(const json& e) {
  const json& rq = e.at("request");
  const json& rs = e.at("response");
  RawExchange raw;
  raw.action = rq.at("action").get<std::string>();
  raw.method = rq.value("method", "POST");
  raw.url = rq.value("uri", "");
  if (rq.contains("content_type")) raw.headers.emplace_back("Content-Type", rq["content_type"]);
  raw.body = rq.value("body", "");
  raw.status = rs.at("status").get<int>();
  raw.response_body = rs.at("body").is_string() ? rs["body"].get<std::string>() : rs["body"].dump();
  return raw;
}

const json& step_of(const json& exchanges, const std::string& scenario, long long step,
                    const core::JsonReader& where) {
  for (const auto& e : exchanges)
    if (e.value("scenario", "") == scenario && e.value("step", -1LL) == step) return e;
  where.fail("unknown_step",
             "the recording has no step " + std::to_string(step) + " in " + scenario);
}

// The scenarios of the recording, in the order they first appear.
std::vector<std::string> scenarios(const json& exchanges) {
  std::vector<std::string> out;
  for (const auto& e : exchanges) {
    const std::string s = e.value("scenario", "");
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  return out;
}

json mapped_case(core::JsonReader m, const std::string& scenario, const json& exchanges,
                 const core::Catalogue& catalogue) {
  const std::string id = m.string("case");
  const std::string api = id.substr(0, id.find('.'));
  if (id.find('.') == std::string::npos || !catalogue.find(api))
    m.fail("unknown_case", "\"" + id + "\" is not <Api>.<Behaviour> of a catalogued API", "case");
  std::vector<long long> steps;
  if (m.optional("steps"))
    for (const auto& v : m.array("steps")) {
      if (!v.value().is_number_integer()) v.fail("wrong_type", "expected a step number");
      steps.push_back(v.value().get<long long>());
    }
  else
    for (const auto& e : exchanges)
      if (e.value("scenario", "") == scenario) steps.push_back(e.value("step", 0LL));
  Normaliser n(catalogue, api);
  json out = {{"id", id}, {"api", api}, {"outcome", "recorded"}, {"exchanges", json::array()}};
  for (long long step : steps)
    out["exchanges"].push_back(n.exchange(raw_of(step_of(exchanges, scenario, step, m))));
  if (auto states = m.optional("states")) {
    if (states->as_string() != "exact" && states->as_string() != "prefix")
      states->fail("bad_value", "expected \"exact\" or \"prefix\"");
    out["states"] = states->as_string();
  }
  out["provenance"] = {{"scenario", scenario}, {"steps", steps}, {"why", m.string("provenance")}};
  m.done();
  return out;
}

// Where and when the recording was made: its first exchange's host, region and date, for the
// products of the cases it was mapped to.
json identity(const json& observed, const Snapshot& s, const core::Catalogue& catalogue) {
  json endpoints = json::object(), regions = json::object();
  const json& first = observed.at("exchanges").at(0);
  for (const auto& [_, c] : s.cases)
    if (const core::Api* api = catalogue.find(c.value("api", ""))) {
      endpoints[api->product] = host_of(first.at("request").value("uri", ""));
      regions[api->product] = first.at("request").value("region", "");
    }
  const std::string date = iso_date(first.at("response").value("date", ""));
  const json source = observed.value("source", json::object());
  return {{"kind", "recording"},
          {"name", source.value("service", "")},
          {"endpoints", endpoints},
          {"region", regions},
          {"suite_version", CLOUDCONFORM_VERSION},
          {"catalogue_hash", core::catalogue_hash(catalogue)},
          {"date", date},
          {"account", json::object()}};  // the recording holds no key id
}

void check_recording(const json& observed, const std::string& name) {
  core::JsonReader r(observed, name, kObservedPrefix);
  r.expect_object();
  if (r.string("schema") != "cloudconform.observed/1")
    r.fail("bad_value", "schema must be cloudconform.observed/1", "schema");
  const auto exchanges = r.array("exchanges");
  if (exchanges.empty()) r.fail("empty", "the recording has no exchange", "exchanges");
  for (const auto& e : exchanges) {
    auto copy = e;
    copy.string("scenario");
    copy.integer("step");
    copy.at("request").string("action");
    copy.at("response").integer("status");
  }
}

}  // namespace

Snapshot from_observed(const json& observed, const json& mapping, const core::Catalogue& catalogue,
                       const std::string& map_name, const std::string& observed_name) {
  check_recording(observed, observed_name);
  const json& exchanges = observed.at("exchanges");
  core::JsonReader r(mapping, map_name, kMapPrefix);
  r.expect_object();
  if (r.string("schema") != "cloudconform.observed-map/1")
    r.fail("bad_value", "schema must be cloudconform.observed-map/1", "schema");
  r.string("recording");
  core::JsonReader map = r.at("scenarios");
  map.expect_object();
  Snapshot s;
  s.rules = rules();
  for (const std::string& scenario : scenarios(exchanges)) {
    if (!map.value().contains(scenario))
      map.fail("unmapped_scenario", "the recording's scenario \"" + scenario +
                                        "\" is neither mapped to a case nor listed as unmatched");
    core::JsonReader m = map.at(scenario);
    m.expect_object();
    if (auto why = m.optional("unmatched")) {
      s.unmatched.push_back({{"scenario", scenario}, {"reason", why->as_string()}});
      m.done();
      continue;
    }
    json c = mapped_case(m, scenario, exchanges, catalogue);
    const std::string id = c["id"];
    s.cases[id] = std::move(c);
  }
  map.done();  // a mapped scenario the recording does not have is a stale mapping
  r.done();
  s.identity = identity(observed, s, catalogue);
  s.source = observed.value("source", json());
  return s;
}

}  // namespace cc::snapshot
