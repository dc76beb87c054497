#include "reports/model.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "harness/core/json_reader.h"
#include "reports/failure.h"
#include "reports/text.h"

namespace cc::reports {

using nlohmann::json;

namespace {

// Type checks of optional fields, each failing with the file and the field's pointer.
class Check {
 public:
  Check(const json& value, const std::string& file, std::string pointer)
      : value_(value), file_(file), pointer_(std::move(pointer)) {}

  [[noreturn]] void fail(const std::string& what, const std::string& detail,
                         const std::string& key = "") const {
    core::JsonReader(value_, file_, "results", pointer_).fail(what, detail, key);
  }
  void object() const {
    if (!value_.is_object())
      fail("wrong_type", std::string("expected an object, found ") + value_.type_name());
  }
  // Present and of the type, or absent/null when optional.
  const json* field(const std::string& key, json::value_t type, bool required) const {
    auto it = value_.find(key);
    if (it == value_.end() || it->is_null()) {
      if (required) fail("missing_field", "required field is missing", key);
      return nullptr;
    }
    const bool ok = type == json::value_t::number_float ? it->is_number() : it->type() == type;
    if (!ok)
      fail("wrong_type",
           "expected " + std::string(json(type).type_name()) + ", found " + it->type_name(), key);
    return &*it;
  }
  std::string string(const std::string& key, bool required = false) const {
    const json* v = field(key, json::value_t::string, required);
    return v ? v->get<std::string>() : "";
  }
  Check child(const std::string& key) const {
    return Check(value_.at(key), file_, pointer_ + "/" + key);
  }
  Check item(const json& v, size_t i) const {
    return Check(v, file_, pointer_ + "/" + std::to_string(i));
  }
  const json& value() const { return value_; }
  const std::string& pointer() const { return pointer_; }

 private:
  const json& value_;
  const std::string& file_;
  std::string pointer_;
};

// An optional array of objects under key: each item checked by f.
template <typename F>
void each_object(const Check& parent, const std::string& key, F f) {
  const json* arr = parent.field(key, json::value_t::array, false);
  if (!arr) return;
  const Check a = parent.child(key);
  for (size_t i = 0; i < arr->size(); ++i) {
    Check item = a.item((*arr)[i], i);
    item.object();
    f(item);
  }
}

void validate_headers(const Check& message) {
  const json* h = message.field("headers", json::value_t::array, false);
  if (!h) return;
  const Check hs = message.child("headers");
  for (size_t i = 0; i < h->size(); ++i) {
    const json& pair = (*h)[i];
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string())
      hs.item(pair, i).fail("wrong_type", "a header is a [name, value] pair of strings");
  }
}

void validate_exchange(const Check& x) {
  for (const char* side : {"request", "response"}) {
    if (!x.field(side, json::value_t::object, false)) continue;
    const Check m = x.child(side);
    validate_headers(m);
    m.string("body");
    m.string("url");
    m.string("method");
  }
}

void validate_provenance(const Check& p) {
  for (const char* s : {"source", "file", "section", "passage", "note", "scenario"}) p.string(s);
}

// One assertion of a case: the fact it checks, its level and source, whether it held.
void validate_assertion(const Check& a) {
  for (const char* s : {"claim", "what", "source", "message"}) a.string(s);
  const std::string level = a.string("level");
  if (!level.empty() && level != "MUST" && level != "SHOULD" && level != "OBSERVED")
    a.fail("bad_value", "unknown level \"" + level + "\" (MUST, SHOULD or OBSERVED)", "level");
  a.field("passed", json::value_t::boolean, true);
  each_object(a, "rests_on", validate_provenance);
}

void validate_case(const Check& c, std::set<std::string>& ids) {
  c.object();
  const std::string id = c.string("id", true);
  if (!ids.insert(id).second) c.fail("duplicate_case", "case " + id + " appears twice", "id");
  c.string("api", true);
  c.string("family", true);
  const std::string outcome = c.string("outcome", true);
  const auto& k = known_outcomes();
  if (std::find(k.begin(), k.end(), outcome) == k.end())
    c.fail("bad_value", "unknown outcome \"" + outcome + "\"", "outcome");
  for (const char* s : {"behaviour", "level", "message", "replay", "harness_error", "inconclusive"})
    c.string(s);
  c.field("duration_ms", json::value_t::number_float, false);
  c.field("rapidcheck", json::value_t::object, false);
  each_object(c, "provenance", validate_provenance);
  each_object(c, "assertions", validate_assertion);
  each_object(c, "observations", [](const Check& o) { o.string("what", true); });
  each_object(c, "transcript", validate_exchange);
  each_object(c, "answers", [](const Check& a) { a.string("code"); });
  if (c.field("expectation", json::value_t::object, false)) {
    const Check e = c.child("expectation");
    e.string("reason");
    e.string("link");
  }
}

void validate_coverage(const Check& root) {
  if (!root.field("coverage", json::value_t::object, false)) return;
  const Check cov = root.child("coverage");
  for (const auto& [api, entry] : cov.value().items()) {
    (void)entry;
    const Check e = cov.child(api);
    e.object();
    each_object(e, "documented", [](const Check& d) {
      d.string("code", true);
      d.string("trigger");
      d.string("not_triggerable");
      d.field("triggered_by", json::value_t::array, false);
      d.field("status_seen", json::value_t::array, false);
    });
    each_object(e, "undocumented", [](const Check& u) {
      u.string("code", true);
      u.field("seen_in", json::value_t::array, false);
    });
  }
}

}  // namespace

const std::vector<std::string>& known_outcomes() {
  static const std::vector<std::string> k = {"pass",          "fail",          "deviation",
                                             "inconclusive",  "observed",      "not_supported",
                                             "harness_error", "expected_fail", "unexpected_pass"};
  return k;
}

std::string gate_of(const json& results) {
  const auto it = results.find("gate");
  return it != results.end() && it->is_string() && *it == "should" ? "should" : "must";
}

std::string gate_line(const json& results) {
  return gate_of(results) == "should"
             ? "Gate: MUST and SHOULD assertions (a deviation from SHOULD fails the run)"
             : "Gate: MUST assertions (deviations from SHOULD are reported, not failed)";
}

void validate_results(const json& results, const std::string& file) {
  const Check root(results, file, "");
  root.object();
  if (root.string("schema", true) != "cloudconform.results/1")
    root.fail("bad_value", "schema must be cloudconform.results/1", "schema");
  if (root.field("suite", json::value_t::object, false)) {
    const Check s = root.child("suite");
    s.string("version");
    s.string("catalogue_hash");
  }
  root.field("target", json::value_t::object, false);
  root.field("summary", json::value_t::object, false);
  const std::string gate = root.string("gate");
  if (!gate.empty() && gate != "must" && gate != "should")
    root.fail("bad_value", "unknown gate \"" + gate + "\" (must or should)", "gate");
  root.string("started_at");
  root.field("duration_ms", json::value_t::number_float, false);
  root.field("cases", json::value_t::array, true);
  const Check cases = root.child("cases");
  std::set<std::string> ids;
  for (size_t i = 0; i < results["cases"].size(); ++i)
    validate_case(cases.item(results["cases"][i], i), ids);
  validate_coverage(root);
  each_object(root, "restore", [](const Check& r) {
    r.string("id", true);
    r.string("api");
    r.string("was");
    r.string("now");
    r.string("message");
    r.field("restored", json::value_t::boolean, true);
  });
  root.string("interrupted");
}

json count_outcomes(const json& cases) {
  json s = {{"total", cases.size()}};
  for (const auto& o : known_outcomes()) s[o] = 0;
  for (const auto& c : cases) {
    const std::string o = c.value("outcome", "");
    if (s.contains(o)) s[o] = s[o].get<int>() + 1;
  }
  return s;
}

void recompute_summary(json& results) { results["summary"] = count_outcomes(results["cases"]); }

bool met(const std::string& o) { return o == "pass" || o == "observed" || o == "unexpected_pass"; }
bool judged(const std::string& o) {
  return o != "not_supported" && o != "harness_error" && o != "inconclusive";
}
bool non_conformant(const std::string& o, const std::string& gate) {
  return o == "fail" || o == "unexpected_pass" || (gate == "should" && o == "deviation");
}

Matrix compute_matrix(const json& results) {
  Matrix m;
  std::set<std::string> families;
  for (const auto& c : results["cases"]) {
    const std::string outcome = c["outcome"], api = c["api"], family = c["family"];
    families.insert(family);
    for (Cell* cell : {&m.cells[api][family], &m.per_api[api], &m.overall}) {
      cell->cases++;
      if (!judged(outcome)) continue;
      cell->judged++;
      if (met(outcome)) cell->met++;
      if (outcome == "deviation") cell->deviations++;
    }
  }
  m.families.assign(families.begin(), families.end());
  return m;
}

std::vector<json> unrestored(const json& results) {
  std::vector<json> out;
  for (const auto& r : results.value("restore", json::array()))
    if (r.is_object() && !r.value("restored", false)) out.push_back(r);
  return out;
}

int exit_status(const json& results) {
  // Instances of the user's left changed outrank any verdict: someone has to act.
  if (!unrestored(results).empty()) return 3;
  const json s = count_outcomes(results.value("cases", json::array()));
  if (s["harness_error"].get<int>() > 0) return 2;
  for (const auto& o : known_outcomes())
    if (non_conformant(o, gate_of(results)) && s[o].get<int>() > 0) return 1;
  return 0;
}

std::string headline(const std::string& message) { return first_line(readable_message(message)); }

std::string count_of(long long n, const std::string& singular, const std::string& plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural.empty() ? singular + "s" : plural);
}

std::string verdict(const json& results) {
  const json s = count_outcomes(results["cases"]);
  auto n = [&](const char* k) { return s[k].get<int>(); };
  const bool should = gate_of(results) == "should";
  const int judged_cases = n("total") - n("not_supported") - n("harness_error") - n("inconclusive");
  std::string extra;
  auto add = [&](int count, const std::string& what, const std::string& whats) {
    if (count > 0) extra += (extra.empty() ? " (" : ", ") + count_of(count, what, whats);
  };
  if (!should) add(n("deviation"), "deviation from SHOULD", "deviations from SHOULD");
  add(n("expected_fail"), "expected failure", "");
  add(n("inconclusive"), "inconclusive", "inconclusive");
  add(n("observed"), "observation", "");
  add(n("not_supported"), "not supported", "not supported");
  if (!extra.empty()) extra += ")";
  switch (exit_status(results)) {
    case 3: {
      std::string ids;
      for (const auto& r : unrestored(results))
        ids += (ids.empty() ? "" : ", ") + r.value("id", std::string("?"));
      return "Instances left changed: the run could not put back " + ids +
             " (see \"Instances put back\")";
    }
    case 2:
      return "Harness error: " + std::to_string(n("harness_error")) +
             " cases could not be judged (the target did not answer usably)";
    case 1: {
      std::string v = "Non-conformant: " + std::to_string(n("fail")) + " of " +
                      std::to_string(judged_cases) + " checks failed";
      if (should && n("deviation") > 0)
        v += ", " + std::to_string(n("deviation")) + " deviated from SHOULD";
      if (n("unexpected_pass") > 0)
        v += ", " + std::to_string(n("unexpected_pass")) +
             " unexpected passes (update the expectations)";
      return v + extra;
    }
    default:
      return "Conformant: " + std::to_string(judged_cases - n("expected_fail") - n("deviation")) +
             " of " + std::to_string(judged_cases) + " checks met the documents" + extra;
  }
}

std::string replay_line(const json& c) {
  if (c.contains("replay") && c["replay"].is_string()) return c["replay"];
  return "cloudconform run --only '" + c["id"].get<std::string>() + "'";
}

std::string behaviour_of(const json& c) {
  if (c.contains("behaviour") && c["behaviour"].is_string() &&
      !c["behaviour"].get<std::string>().empty())
    return c["behaviour"];
  const std::string id = c["id"];
  const size_t dot = id.find('.');
  return dot == std::string::npos ? id : id.substr(dot + 1);
}

std::string format_ms(double ms) {
  char buf[32];
  if (ms >= 1000)
    std::snprintf(buf, sizeof buf, "%.1f s", ms / 1000);
  else
    std::snprintf(buf, sizeof buf, "%.0f ms", ms);
  return buf;
}

std::string format_percent(double p) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", p);
  return buf;
}

}  // namespace cc::reports
