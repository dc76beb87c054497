#include "reports/expectations.h"

#include <regex>

#include "harness/core/json_reader.h"
#include "reports/model.h"

namespace cc::reports {
namespace {

using nlohmann::json;

struct Entry {
  std::string pattern, reason, link;
  std::regex re;
};

std::vector<Entry> read_entries(const json& doc, const std::string& file) {
  core::JsonReader r(doc, file, "expectations");
  r.expect_object();
  r.string("target");
  std::vector<Entry> out;
  for (core::JsonReader e : r.array("expected_failures")) {
    e.expect_object();
    Entry x;
    x.pattern = e.string("case");
    x.reason = e.string("reason");
    x.link = e.string("link");
    if (x.pattern.empty()) e.fail("bad_value", "the case pattern is empty", "case");
    if (x.reason.empty()) e.fail("bad_value", "a known failure needs a reason", "reason");
    try {
      x.re = std::regex(x.pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& err) {
      e.fail("bad_value", "not a valid regular expression: " + std::string(err.what()), "case");
    }
    e.done();
    out.push_back(std::move(x));
  }
  r.done();
  return out;
}

// An id matches its own text exactly, or the whole pattern as a regular expression.
bool matches(const Entry& e, const std::string& id) {
  return e.pattern == id || std::regex_match(id, e.re);
}

}  // namespace

json load_expectations(const std::string& path) {
  json doc = core::read_json_file(path, "expectations");
  validate_expectations(doc, path);
  return doc;
}

void validate_expectations(const json& expectations, const std::string& file) {
  read_entries(expectations, file);
}

void apply_expectations(json& results, const json& expectations, const std::string& file) {
  const std::vector<Entry> entries = read_entries(expectations, file);
  std::vector<bool> used(entries.size(), false);
  for (auto& c : results["cases"]) {
    // Start from the suite's own verdict, so a second file replaces the first.
    std::string outcome = c.value("outcome", "");
    if (outcome == "expected_fail") outcome = "fail";
    if (outcome == "unexpected_pass") outcome = "pass";
    c.erase("expectation");
    const std::string id = c.value("id", "");
    for (size_t i = 0; i < entries.size(); ++i) {
      if (!matches(entries[i], id)) continue;
      used[i] = true;
      c["expectation"] = {
          {"case", entries[i].pattern}, {"reason", entries[i].reason}, {"link", entries[i].link}};
      if (outcome == "fail")
        outcome = "expected_fail";
      else if (outcome == "pass")
        outcome = "unexpected_pass";
      break;
    }
    c["outcome"] = outcome;
  }
  json unmatched = json::array();
  for (size_t i = 0; i < entries.size(); ++i)
    if (!used[i]) unmatched.push_back(entries[i].pattern);
  results["expectations"] = {
      {"file", file}, {"target", expectations["target"]}, {"unmatched", unmatched}};
  recompute_summary(results);
}

}  // namespace cc::reports
