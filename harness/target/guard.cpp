// The guards of Target (target.h): nothing reaches a target before they pass. Interrupt and
// deadline, the allowlist, the read-only mode, and the first state of every allowlisted instance
// a mutating call may change, so restore() can put it back.
#include <cctype>
#include <regex>

#include "harness/target/target.h"

namespace cc::target {

using nlohmann::json;

namespace {

// Every string anywhere in a call's parameters: ids may hide in any list or nested object.
void collect_strings(const json& v, std::vector<std::string>& out) {
  if (v.is_string())
    out.push_back(v.get<std::string>());
  else if (v.is_structured())
    for (const auto& item : v) collect_strings(item, out);
}

// The shape suites/instance_ids.cpp gives made-up ids: the prefix, then the example's width of
// digits of which at most six are significant (ins-00000042, i-000…0101). A real id looks like
// that with negligible probability; a guess at a real id would not.
bool synthetic_shape(const core::InstanceIdFormat& f, const std::string& id) {
  const std::size_t width =
      f.example.size() > f.prefix.size() ? f.example.size() - f.prefix.size() : 0;
  if (width < 8 || id.size() != f.prefix.size() + width ||
      id.compare(0, f.prefix.size(), f.prefix) != 0)
    return false;
  const std::string digits = id.substr(f.prefix.size());
  if (digits.find_first_not_of("0123456789") != std::string::npos) return false;
  return digits.find_first_not_of('0') == std::string::npos ||
         digits.find_first_not_of('0') >= width - 6;
}

}  // namespace

bool Target::allowed(const core::Api& api, const std::string& id) const {
  if (synthetic_.count(id) || synthetic_shape(api.instance_id, id)) return true;
  if (auto c = created_.find(api.product); c != created_.end() && c->second.count(id)) return true;
  return listed(api, id);
}

// An id is listed for an API when the allowlist names it under the API, its product, or — for a
// supporting API (Start, Describe) — under any API of the product: an instance given for
// TencentCvmStopInstances may be started again, but one given for AlibabaEcsStopInstance is
// not thereby given for AlibabaEcsStopInstances.
bool Target::listed(const core::Api& api, const std::string& id) const {
  if (!config_.allowlist) return false;
  for (const auto& [key, ids] : *config_.allowlist) {
    if (!ids.count(id)) continue;
    if (key == api.id || key == api.product) return true;
    const core::Api* owner = catalogue_.find(key);
    if (owner && owner->product == api.product && !api.is_subject()) return true;
  }
  return false;
}

bool Target::is_dry_run(const core::Api& api, const json& params) const {
  if (!api.dry_run.supported || api.dry_run.parameter.empty() || !params.is_object()) return false;
  auto it = params.find(api.dry_run.parameter);
  return it != params.end() && (*it == true || *it == "true");
}

void Target::guard(const core::Api& api, const json& params) {
  if (interrupted_) {
    std::lock_guard lock(interrupt_mu_);
    throw HarnessError(interrupt_reason_);
  }
  if (deadline_ && std::chrono::steady_clock::now() >= *deadline_)
    throw HarnessError(deadline_what_, HarnessError::Kind::TimedOut);
  refuse_unless_allowed(api, params);
  std::vector<std::string> changes;
  if (config_.allowlist && api.kind.rfind("describe", 0) != 0)
    remember_first_states(api, params, changes);
  if (config_.on_call) config_.on_call(api, params, changes);
}

void Target::remember_first_states(const core::Api& api, const json& params,
                                   std::vector<std::string>& changes) {
  const bool dry_run = is_dry_run(api, params);
  std::vector<std::string> strings;
  collect_strings(params, strings);
  for (const std::string& id : strings) {
    if (!listed(api, id)) continue;
    if (!dry_run) changes.push_back(id);
    if (!dry_run && (config_.read_only || config_.dry_run_only.count(id)))
      throw read_only_refusal(
          api.id + " would change allowlisted instance " + id + ", which " +
          (config_.read_only ? "a read-only run (no --allow-mutations) only observes and dry-runs"
                             : "the target profile limits to dry runs (role \"dry-run\")"));
    if (dry_run || first_seen_.count(id)) continue;
    // The state the run found it in, settled, before anything changes it: restore() goes back to
    // it. The catalogue's own API, never the caller's: a case may call a modified copy (an unknown
    // action or version) that is gone long before restore() needs it.
    const core::Api* stop = api.kind == "stop" ? catalogue_.find(api.id) : nullptr;
    for (const core::Api* s : catalogue_.subjects())
      if (!stop && s->product == api.product && s->kind == "stop") stop = s;
    if (!stop)
      throw HarnessError("the catalogue has no stop API for " + api.product + " to restore " + id +
                         " with");
    const ObservedInstance seen = await(*stop, id, [](const ObservedInstance& o) {
      return o.state == "RUNNING" || o.state == "STOPPED";
    });
    first_seen_[id] = {stop, seen.state};
    first_seen_order_.push_back(id);
  }
}

void Target::refuse_unless_allowed(const core::Api& api, const json& params) const {
  if (!config_.allowlist || api.kind.rfind("describe", 0) == 0) return;
  std::string pattern = api.instance_id.pattern;
  if (pattern.empty())
    throw HarnessError(
        api.id +
        ": the catalogue gives no instance id pattern, so the allowlist cannot be enforced");
  if (pattern.front() == '^') pattern.erase(0, 1);
  if (!pattern.empty() && pattern.back() == '$') pattern.pop_back();
  const std::regex id_shaped(pattern);
  std::vector<std::string> strings;
  collect_strings(params, strings);
  for (const std::string& s : strings) {
    if (allowed(api, s)) continue;
    // Any id-shaped part, in lower case: a lenient target might trim, split a list or fold case.
    std::string lower = s;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    for (std::sregex_iterator m(lower.begin(), lower.end(), id_shaped), end; m != end; ++m)
      if (!allowed(api, m->str()))
        throw HarnessError("refused before sending: " + api.id + " would name instance " +
                           m->str() + ", which the target profile does not allowlist for " +
                           api.id + " or " + api.product);
  }
}

std::vector<Target::FirstState> Target::first_states() const {
  std::vector<FirstState> out;
  for (const std::string& id : first_seen_order_) {
    const FirstSeen& f = first_seen_.at(id);
    out.push_back({id, f.api, f.state});
  }
  return out;
}

}  // namespace cc::target
