#include "harness/model/expectation.h"

#include <algorithm>

namespace cc::model {

using nlohmann::json;

void CodeSet::add(const Code& c) {
  for (const auto& have : codes)
    if (have.code == c.code && have.http_status == c.http_status) return;
  codes.push_back(c);
}

void CodeSet::add(const CodeSet& other) {
  any = any || other.any;
  for (const auto& c : other.codes) add(c);
}

const Code* CodeSet::find(const std::string& code, int http_status) const {
  for (const auto& c : codes)
    if (c.code == code && c.http_status == http_status) return &c;
  return nullptr;
}

const Code* CodeSet::find_code(const std::string& code) const {
  for (const auto& c : codes)
    if (c.code == code) return &c;
  return nullptr;
}

std::string CodeSet::describe() const {
  std::string out;
  for (const auto& c : codes) {
    if (!out.empty()) out += " or ";
    out += c.code + " (HTTP " + std::to_string(c.http_status) + ")";
  }
  if (any) out += out.empty() ? "any error code" : " or any other code (the documents are silent)";
  return out.empty() ? "no error" : out;
}

bool InstanceExpectation::may_accept() const {
  return std::none_of(violations.begin(), violations.end(),
                      [](const Violation& v) { return v.certain; });
}

CodeSet InstanceExpectation::refusal_codes() const {
  CodeSet out;
  for (const auto& v : violations) out.add(v.codes);
  return out;
}

namespace {

bool any_certain(const std::vector<Violation>& vs) {
  return std::any_of(vs.begin(), vs.end(), [](const Violation& v) { return v.certain; });
}

bool parameter_level(const Violation& v) {
  return v.trigger == "param.invalid_value" || v.trigger == "param.missing";
}

}  // namespace

bool Expectation::success_allowed() const {
  if (mode == Mode::DryRunAlways || dry_run) return false;
  if (any_certain(request)) return false;
  if (mode == Mode::PerInstance) return true;
  return std::all_of(instances.begin(), instances.end(),
                     [](const auto& i) { return i.may_accept(); }) ||
         partial_allowed();
}

bool Expectation::partial_allowed() const {
  if (!batch_mode_silent || mode != Mode::AllOrNothing || dry_run) return false;
  if (any_certain(request) || instances.size() < 2) return false;
  return std::any_of(instances.begin(), instances.end(),
                     [](const auto& i) { return i.may_accept(); }) &&
         std::any_of(instances.begin(), instances.end(),
                     [](const auto& i) { return i.may_refuse(); });
}

std::set<std::string> Expectation::states_after_success(const InstanceExpectation& i) const {
  if (i.violations.empty() || !partial_allowed()) return i.accepted_states;
  if (!i.may_accept()) return i.before;           // refused on its own: unchanged
  std::set<std::string> out = i.accepted_states;  // taken on its own: either
  out.insert(i.before.begin(), i.before.end());
  return out;
}

bool Expectation::error_allowed() const {
  if (mode == Mode::DryRunAlways || dry_run) return true;
  if (!request.empty()) return true;
  if (mode == Mode::PerInstance) return false;
  return std::any_of(instances.begin(), instances.end(),
                     [](const auto& i) { return i.may_refuse(); });
}

CodeSet Expectation::error_codes() const {
  CodeSet out;
  if (mode == Mode::DryRunAlways) {
    out.add(dry_run_codes);
    // A request whose parameters cannot be read may be refused before its mode is known;
    // the page's "regardless of whether the request passes" speaks of the checks after that.
    for (const auto& v : request)
      if (parameter_level(v)) out.add(v.codes);
    return out;
  }
  for (const auto& v : request) out.add(v.codes);
  if (mode == Mode::PerInstance && !any_certain(request)) return out;
  bool certain = any_certain(request);
  for (const auto& i : instances) {
    out.add(i.refusal_codes());
    certain = certain || !i.may_accept();
  }
  if (dry_run && !certain) out.add(dry_run_codes);
  return out;
}

const InstanceExpectation* Expectation::instance(const std::string& id) const {
  for (const auto& i : instances)
    if (i.id == id) return &i;
  return nullptr;
}

json Expectation::to_json() const {
  auto codes = [](const CodeSet& s) {
    json a = json::array();
    for (const auto& c : s.codes)
      a.push_back({{"code", c.code}, {"http_status", c.http_status}, {"trigger", c.trigger}});
    if (s.any) a.push_back("*");
    return a;
  };
  auto violation = [&](const Violation& v) {
    return json{{"trigger", v.trigger},
                {"subject", v.subject},
                {"certain", v.certain},
                {"codes", codes(v.codes)}};
  };
  json j;
  j["api"] = api ? api->id : "";
  j["mode"] = mode == Mode::AllOrNothing  ? "all_or_nothing"
              : mode == Mode::PerInstance ? "per_instance"
                                          : "dry_run_always";
  j["dry_run"] = dry_run;
  j["batch_mode_silent"] = batch_mode_silent;
  j["partial_allowed"] = partial_allowed();
  j["success_allowed"] = success_allowed();
  j["error_allowed"] = error_allowed();
  j["error_codes"] = codes(error_codes());
  j["request_violations"] = json::array();
  for (const auto& v : request) j["request_violations"].push_back(violation(v));
  j["instances"] = json::array();
  for (const auto& i : instances) {
    json ij{{"id", i.id},
            {"exists", i.exists},
            {"before", i.before},
            {"accepted_states", i.accepted_states},
            {"states_after_success", states_after_success(i)},
            {"violations", json::array()}};
    for (const auto& v : i.violations) ij["violations"].push_back(violation(v));
    j["instances"].push_back(ij);
  }
  return j;
}

}  // namespace cc::model
