#include "emulator/behaviour.h"

#include <algorithm>
#include <array>
#include <functional>
#include <set>
#include <stdexcept>
#include <string_view>

#include "emulator/cvm_record.h"
#include "emulator/json_pointer.h"
#include "harness/model/semantics.h"

namespace cc::emu {
namespace {

using nlohmann::json;

// Where a trigger has no code of its own, the closest documented one stands in; the suite
// records what the emulator chose as an observation, never as a documented rule. A constant
// table of views, searched in place: a map of strings cost a tree walk of string compares per
// refusal.
struct Fallback {
  std::string_view trigger;
  std::array<std::string_view, 2> instead;  // in order; an empty one ends the list
};
constexpr std::array<Fallback, 7> kFallbacks = {{
    {"ids.missing", {"param.missing"}},
    {"id.not_found", {"id.malformed", "param.invalid_value"}},
    {"id.malformed", {"param.invalid_value"}},
    {"ids.too_many", {"param.invalid_value"}},
    {"ids.duplicate", {"param.invalid_value"}},
    {"operation.in_progress", {"state.not_accepted"}},
    {"param.missing", {"ids.missing"}},
}};

const Fallback* fallback_of(std::string_view trigger) {
  for (const Fallback& f : kFallbacks)
    if (f.trigger == trigger) return &f;
  return nullptr;
}

bool transitional(const Instance& i) { return i.pending.has_value(); }

// The first documented error for a trigger (Api::errors_for(trigger).front(), without the list).
const core::ErrorEntry* first_error(const std::vector<core::ErrorEntry>& errors,
                                    std::string_view trigger) {
  for (const auto& e : errors)
    if (e.trigger == trigger) return &e;
  return nullptr;
}

// The parameter a stop's billing mode is asked with (CVM, ECS), and the instance field it shows
// under in a Describe.
constexpr const char* kStoppedMode = "StoppedMode";

}  // namespace

Behaviour::Behaviour(const core::Catalogue& catalogue, World& world, const Deviations& deviations,
                     const Variations& variations)
    : catalogue_(catalogue), world_(world), deviations_(deviations), variations_(variations) {
  id_patterns_.reserve(catalogue.apis.size());
  for (const auto& api : catalogue.apis) id_patterns_.emplace_back(api.instance_id.pattern);
}

const IdPattern& Behaviour::id_pattern(const core::Api& api) const {
  // The APIs requests name are the catalogue's own: found by position, not by id. Anything else
  // by its id, as the map by id found it (out_of_range when the catalogue has no such API).
  // std::less: the built-in < on pointers into different objects is unspecified.
  const auto& apis = catalogue_.apis;
  const std::less<const core::Api*> before;
  if (!before(&api, apis.data()) && before(&api, apis.data() + apis.size()))
    return id_patterns_[static_cast<std::size_t>(&api - apis.data())];
  for (std::size_t i = 0; i < apis.size(); ++i)
    if (apis[i].id == api.id) return id_patterns_[i];
  throw std::out_of_range("no id pattern for API " + api.id);
}

ActionResult Behaviour::error(const core::Api& api, const std::string& trigger,
                              const std::string& detail) const {
  // Every refusal comes through here (a StopInstances of an unknown id, under load): the chain
  // and the look-ups are views and pointers, not vectors of copies.
  std::array<std::string_view, 4> chain;
  std::size_t links = 0;
  chain[links++] = trigger;
  if (trigger.rfind("state.", 0) == 0 && trigger != "state.not_accepted")
    chain[links++] = "state.not_accepted";
  if (const Fallback* f = fallback_of(trigger))
    for (const std::string_view t : f->instead)
      if (!t.empty() && links < chain.size()) chain[links++] = t;
  const core::CommonErrors& common = catalogue_.common_errors(api.provider);
  const core::ErrorEntry* entry = nullptr;
  for (std::size_t i = 0; i < links && !entry; ++i) {
    entry = first_error(api.errors, chain[i]);
    if (!entry) entry = first_error(common.errors, chain[i]);
  }
  if (!entry && trigger.rfind("state.", 0) == 0) entry = state_refusal_fallback(api);
  if (!entry) {
    auto internal = catalogue_.common_errors(api.provider).errors_for("server.internal");
    if (!internal.empty()) entry = internal.front();
  }
  ActionResult r;
  r.ok = false;
  r.code = entry ? entry->code : "InternalError";
  r.http_status = entry ? entry->http_status : 500;
  // Messages such as "%s" are templates on the pages: the detail fills them, else follows the
  // page's message after a space. Written into one reserved string: a copy, a " " + detail and
  // the copy grown again were three allocations per refusal.
  const std::string_view page = entry ? std::string_view(entry->message) : std::string_view();
  std::string message;
  message.reserve(page.size() + 1 + detail.size());
  if (size_t pos = page.find("%s"); pos != std::string_view::npos) {
    message.append(page.substr(0, pos)).append(detail).append(page.substr(pos + 2));
  } else {
    message.append(page);
    if (!detail.empty()) message.append(message.empty() ? "" : " ").append(detail);
  }
  // Many rows give no message, but a real error always carries one (protocols A6, B6).
  if (message.empty())
    message = entry && !entry->condition.empty() ? entry->condition : "The request was refused.";
  // Every error carries a Message (A6, B6); where the page prints none and the call adds no
  // detail, the condition the catalogue records for the code says what went wrong.
  if (message.empty())
    message = entry && !entry->condition.empty() ? "Refused: " + entry->condition + "."
                                                 : "The request was refused.";
  r.message = std::move(message);
  if (deviations_.has(Deviation::undocumented_codes)) r.code = "Emulator.UndocumentedCode";
  // (A provider with one status for every error, Tencent's 200, has no status to get wrong.)
  if (deviations_.has(Deviation::wrong_alibaba_status) &&
      !catalogue_.common_errors(api.provider).envelope.fixed_error_status)
    r.http_status = 500;
  return r;
}

// A refused state is never an internal error: when the catalogue files no code under the
// state's triggers (CVM's LAUNCH_FAILED has none of its own), the API's own generic "not
// supported for the instance" refusal (a *.NotSupported code, e.g. CVM's
// InvalidInstance.NotSupported, whatever trigger it is filed under), else any code the API
// files for a state, else the provider's common UnsupportedOperation.
const core::ErrorEntry* Behaviour::state_refusal_fallback(const core::Api& api) const {
  auto ends_with = [](const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
  };
  for (const auto& e : api.errors)
    if (ends_with(e.code, ".NotSupported")) return &e;
  for (const auto& e : api.errors)
    if (e.trigger.rfind("state.", 0) == 0) return &e;
  for (const auto& e : catalogue_.common_errors(api.provider).errors)
    if (e.code == "UnsupportedOperation") return &e;
  return nullptr;
}

bool Behaviour::succeeds_while_stopping(const core::Api& api) const {
  // Where a recording saw it (CVM, O2: async.success_while_in_transit), SUCCESS as soon as the
  // stop is accepted. Elsewhere the operation stays OPERATING until STOPPED, unless the
  // variation asks otherwise of a product whose Describe shows the operation's state at all.
  if (api.async && api.async->success_while_in_transit &&
      api.async->success_while_in_transit->value)
    return true;
  if (!variations_.has(Variation::success_while_stopping)) return false;
  const core::Api* describe = catalogue_.sibling(api, "describe");
  return describe && describe->response.instance_fields.count("latest_operation_state");
}

void Behaviour::set_rate_limits(RateLimitConfig config) {
  std::lock_guard lock(config_mu_);
  rate_limits_ = std::move(config);
}

RateLimitConfig Behaviour::rate_limits() const {
  std::lock_guard lock(config_mu_);
  return rate_limits_;
}

std::optional<double> Behaviour::limit_for(const core::Api& api) const {
  std::lock_guard lock(config_mu_);
  if (!rate_limits_.enabled || deviations_.has(Deviation::never_throttles)) return std::nullopt;
  std::optional<double> limit;
  if (api.rate_limit.requests_per_second)
    limit = static_cast<double>(*api.rate_limit.requests_per_second);
  if (auto it = rate_limits_.overrides.find(api.id); it != rate_limits_.overrides.end())
    limit = it->second > 0 ? std::optional<double>(it->second) : std::nullopt;
  if (limit && deviations_.has(Deviation::throttles_at_half_limit))
    *limit = std::max(1.0, *limit / 2);
  return limit;
}

// The provider's first throttling code (the common errors' request.throttled: Tencent's
// generic RequestLimitExceeded, Alibaba's per-user Throttling.User — the limits are per
// account), with its catalogued status and message.
ActionResult Behaviour::throttled(const core::Api& api) const {
  const auto entries = catalogue_.common_errors(api.provider).errors_for("request.throttled");
  ActionResult r;
  r.ok = false;
  r.code = entries.empty() ? "RequestLimitExceeded" : entries.front()->code;
  r.http_status = entries.empty() ? 429 : entries.front()->http_status;
  r.message = entries.empty() ? "" : entries.front()->message;
  if (r.message.empty()) r.message = "Request was denied due to request throttling.";
  return r;
}

std::string Behaviour::inject_fault(const core::Api& api, const std::string& code, int count) {
  const core::ErrorEntry* entry = nullptr;
  for (const auto& e : api.errors)
    if (!entry && e.code == code) entry = &e;
  for (const auto& e : catalogue_.common_errors(api.provider).errors)
    if (!entry && e.code == code) entry = &e;
  if (!entry)
    return "\"" + code + "\" is documented neither for " + api.id + " nor as a common " +
           api.provider + " code";
  if (count < 1) return "count must be at least 1";
  std::lock_guard lock(config_mu_);
  faults_[api.id].push_back({entry, count});
  fault_entries_.fetch_add(1, std::memory_order_release);
  return "";
}

void Behaviour::clear_faults() {
  std::lock_guard lock(config_mu_);
  faults_.clear();
  fault_entries_.store(0, std::memory_order_release);
}

ActionResult Behaviour::handle(const ActionRequest& r) {
  const bool mutating = r.api->kind != "describe" && r.api->kind != "describe-status";
  // A refusal before the world is reached is journaled as one (see transition()).
  auto refused = [&](const ActionResult& answer) {
    if (mutating) {
      world_.journal().append(source(r), operation(world_.now()), answer.code);
    }
    return answer;
  };
  // Without a limit nothing is counted: the clock is not read (one read less per request).
  if (const std::optional<double> limit = limit_for(*r.api);
      limit && !limiter_.admit(r.account, r.api->id, limit, world_.now())) {
    ActionResult answer = throttled(*r.api);
    if (deviations_.has(Deviation::throttled_calls_mutate) && mutating) {
      (void)transition(r, &answer);  // journaled with the answer the caller gets
      return answer;
    }
    return refused(answer);
  }
  // Faults are rare: without one pending, no call takes the configuration lock for them.
  if (fault_entries_.load(std::memory_order_acquire) > 0) {
    std::lock_guard lock(config_mu_);
    auto it = faults_.find(r.api->id);
    if (it != faults_.end() && !it->second.empty()) {
      Fault& f = it->second.front();
      ActionResult result;
      result.ok = false;
      result.code = f.entry->code;
      result.http_status = f.entry->http_status;
      result.message = f.entry->message.empty() ? "%s" : f.entry->message;
      if (size_t pos = result.message.find("%s"); pos != std::string::npos)
        result.message.replace(pos, 2, "Injected through the control plane.");
      if (--f.remaining == 0) {
        it->second.erase(it->second.begin());
        fault_entries_.fetch_sub(1, std::memory_order_release);
      }
      return refused(result);
    }
  }
  const std::string& kind = r.api->kind;
  if (kind == "describe" || kind == "describe-status") return describe(r);
  return transition(r);
}

ActionResult Behaviour::transition(const ActionRequest& r, const ActionResult* answered) {
  bool applied = false;
  ActionResult result = decide(r, answered, applied);
  if (!applied) {
    // Refused before reaching the world: it changed nothing, and where it stands among the
    // world's operations does not matter; it is journaled so no call goes unaccounted.
    world_.journal().append(source(r), operation(world_.now()), journaled_code(answered, result));
  }
  return result;
}

Operation Behaviour::operation(std::chrono::steady_clock::time_point at) const {
  Operation op;
  op.at_ns = world_.journal().since_epoch(at);
  return op;
}

// The code an operation is journaled with: the answer the caller gets (`answered`, when a
// deviation answers otherwise than the decision), empty when accepted. A view: the journal
// copies it into a slot it reuses.
std::string_view Behaviour::journaled_code(const ActionResult* answered,
                                           const ActionResult& result) {
  if (answered) return answered->code;
  return result.ok ? std::string_view() : std::string_view(result.code);
}

// The journal copies these into a slot it reuses: nothing of the request is copied before.
OperationSource Behaviour::source(const ActionRequest& r) {
  return {r.account, r.api->id, r.request_id, r.params};
}

// Types and enumerations of every documented parameter but the id list, and the required ones.
std::optional<ActionResult> Behaviour::check_parameters(const core::Api& api, const json& p) const {
  const std::string& id_param = api.id_parameter();
  const bool unchecked = deviations_.has(Deviation::enum_values_unchecked);
  for (const core::Parameter& param : api.parameters) {
    if (!p.contains(param.name) || param.name == id_param) continue;
    bool ok = model::valid_value(param, p[param.name]);
    if (!ok && unchecked && !param.enum_values.empty()) {
      core::Parameter any_value = param;  // the type still counts
      any_value.enum_values.clear();
      ok = model::valid_value(any_value, p[param.name]);
    }
    if (!ok) return error(api, "param.invalid_value", "Invalid value for " + param.name + ".");
  }
  for (const core::Parameter& param : api.parameters)
    if (param.required && param.name != id_param && !p.contains(param.name))
      return error(api, "param.missing", param.name + " is mandatory for this action.");
  return std::nullopt;
}

std::optional<ActionResult> Behaviour::read_ids(const core::Api& api, const json& p,
                                                std::vector<std::string>& ids) const {
  const std::string& id_param = api.id_parameter();
  if (!p.contains(id_param)) return std::nullopt;
  const json& v = p[id_param];
  if (v.is_array()) {
    for (const auto& x : v) {
      if (!x.is_string()) return error(api, "id.malformed", "");
      ids.push_back(x);
    }
  } else if (v.is_string() && !api.batch) {
    if (!v.get<std::string>().empty()) ids.push_back(v);
  } else {
    return error(api, "param.invalid_value", "Invalid value for " + id_param + ".");
  }
  return std::nullopt;
}

// The answers a request gets before the world is reached: the dry runs that check nothing, and
// the id list's own faults (absent, too long, repeated, malformed). `ids` leaves as a set.
std::optional<ActionResult> Behaviour::check_request(const core::Api& api, const json& p,
                                                     std::vector<std::string>& ids) const {
  const bool dry_run = model::dry_run(api, p);
  if (model::dry_run_always_succeeds(api, p) &&
      !deviations_.has(Deviation::success_first_dry_run_validates))
    return error(api, "dry_run.pass", "");
  // The deviation answers the dry-run code before any check: missing ids, limits, states.
  if (dry_run && deviations_.has(Deviation::dry_run_skips_validation))
    return error(api, "dry_run.pass", "");
  if (ids.empty()) {
    if (deviations_.has(Deviation::empty_batch_accepted)) return ActionResult{};
    return error(api, "ids.missing", api.id_parameter() + " is mandatory for this action.");
  }
  const long long limit =
      api.batch ? api.batch->max - (deviations_.has(Deviation::batch_limit_off_by_one) ? 1 : 0) : 1;
  if (api.batch && static_cast<long long>(ids.size()) > limit &&
      !deviations_.has(Deviation::batch_limit_ignored))
    return error(api, "ids.too_many", "");
  // Where the page is silent, the list is a set. One id is one already (a Stop under load names
  // one): no set and no second list for it.
  bool duplicated = false;
  if (ids.size() > 1) ids = model::distinct_ids(ids, duplicated);
  if (duplicated && api.duplicates.rule == "reject" &&
      !deviations_.has(Deviation::duplicates_accepted))
    return error(api, "ids.duplicate", "");
  const IdPattern& well_formed = id_pattern(api);
  for (const auto& id : ids)
    if (!well_formed.matches(id) && !deviations_.has(Deviation::malformed_ids_looked_up))
      return error(api, "id.malformed", "The instance id " + id + " is malformed.");
  return std::nullopt;
}

ActionResult Behaviour::decide(const ActionRequest& r, const ActionResult* answered,
                               bool& applied) {
  const core::Api& api = *r.api;
  std::vector<std::string> ids;
  if (auto refusal = check_parameters(api, r.params)) return std::move(*refusal);
  if (auto refusal = read_ids(api, r.params, ids)) return std::move(*refusal);
  if (auto early = check_request(api, r.params, ids)) return std::move(*early);

  // The world's part, journaled under the same lock so the journal's order is the world's.
  Operation op;
  std::lock_guard lock(world_.mutex());
  const World::PinnedClock pin(world_);
  op.at_ns = world_.journal().since_epoch(pin.time());
  op.applied = true;
  op.transition_ms = world_.transition_time().count();
  ActionResult result = apply(r, ids, model::dry_run(api, r.params), op);
  for (auto& e : op.effects) e.after = world_.find(r.account, api.product, e.id)->state;
  world_.journal().append(source(r), op, journaled_code(answered, result));
  applied = true;
  return result;
}

// Under the world lock: why one named instance is refused, if it is.
std::optional<ActionResult> Behaviour::refusal_of(const ActionRequest& r, const std::string& id,
                                                  const Instance* inst) const {
  const core::Api& api = *r.api;
  if (!inst) {
    if (deviations_.has(Deviation::not_found_accepted)) return std::nullopt;
    std::string detail;  // built in one allocation: every Stop of an unknown id says this
    detail.reserve(32 + id.size());
    detail.append("The instance ").append(id).append(" does not exist.");
    return error(api,
                 deviations_.has(Deviation::wrong_not_found_code) ? "id.malformed" : "id.not_found",
                 detail);
  }
  // Some attributes matter only with a parameter (the catalogue's `with`/`unless`): local
  // storage without ConfirmStop=true, hibernation asked of an instance without the option,
  // STOP_CHARGING asked of an instance that cannot.
  if (!deviations_.has(Deviation::attributes_ignored))
    for (const auto& attr : inst->attributes) {
      const auto entries = api.errors_for("attribute." + attr);
      if (std::any_of(entries.begin(), entries.end(),
                      [&](const core::ErrorEntry* e) { return e->applies_to(r.params); }))
        return error(api, "attribute." + attr, "");
    }
  const core::Transition& tr = api.status_model.transitions.at(0);
  const bool stop_deviates =
      tr.to == "STOPPED" &&
      (deviations_.has(Deviation::stop_accepts_any_state) ||
       (inst->state == "STOPPING" && deviations_.has(Deviation::stop_accepts_stopping)));
  if (api.accepts(inst->state) || stop_deviates) return std::nullopt;
  const std::string specific = "state." + inst->state;
  if (transitional(*inst) && api.errors_for(specific).empty() &&
      !api.errors_for("operation.in_progress").empty())
    return error(api, "operation.in_progress", "");
  return error(api, specific,
               "The instance " + id + " is " + api.status_model.wire(inst->state) + ".");
}

// Under the world lock: an accepted instance starts its transition, in the mode the request
// asks (or the parameter's documented default: CVM's KEEP_CHARGING, A7).
void Behaviour::begin(const ActionRequest& r, Instance& inst) {
  const core::Api& api = *r.api;
  const json& p = r.params;
  const core::Transition& tr = api.status_model.transitions.at(0);
  const bool stop = tr.to == "STOPPED";
  Instance::Pending how;
  how.completes = !(stop && deviations_.has(Deviation::stop_never_completes));
  how.operation_succeeds = !deviations_.has(Deviation::latest_operation_never_succeeds);
  how.succeeds_at_once = stop && succeeds_while_stopping(api);
  const std::string via = stop && deviations_.has(Deviation::skips_stopping) ? tr.to : tr.via;
  if (!(stop && deviations_.has(Deviation::stop_ignored)))
    world_.begin_transition(inst, via, tr.to, api.action, r.request_id, how);
  const core::Parameter* mode = api.parameter(kStoppedMode);
  if (p.contains(kStoppedMode) && p[kStoppedMode].is_string())
    inst.stopped_mode = p[kStoppedMode];
  else if (stop && mode && mode->default_value.is_string())
    inst.stopped_mode = mode->default_value;
}

// Under the world lock: the verdict on every named instance, and the transitions it allows.
ActionResult Behaviour::apply(const ActionRequest& r, const std::vector<std::string>& ids,
                              bool dry_run, Operation& op) {
  const core::Api& api = *r.api;
  const core::Transition& tr = api.status_model.transitions.at(0);
  std::vector<Verdict> verdicts;
  for (const auto& id : ids) {
    Instance* inst = world_.find(r.account, api.product, id);
    verdicts.push_back({id, inst, refusal_of(r, id, inst)});
    if (inst) op.effects.push_back({id, inst->state, ""});
  }
  // (success-first-dry-run-validates: the dry run validates the batch as AllTogether would.)
  const bool per_item = model::batch_mode(api, r.params) == core::BatchMode::per_item &&
                        !deviations_.has(Deviation::success_first_all_together) &&
                        !(dry_run && deviations_.has(Deviation::success_first_dry_run_validates));
  ActionResult* first_failure = nullptr;  // moved out when it is the answer: verdicts are local
  for (auto& v : verdicts)
    if (v.failure && !first_failure) first_failure = &*v.failure;
  const bool partial = deviations_.has(Deviation::all_together_partial) && !dry_run;
  if (first_failure && deviations_.has(Deviation::refusals_mutate) && !dry_run)
    for (auto& v : verdicts)
      if (v.failure && v.inst)
        world_.begin_transition(*v.inst, tr.via, tr.to, api.action, r.request_id);
  if (!per_item && first_failure && !partial) return std::move(*first_failure);
  if (dry_run && !deviations_.has(Deviation::dry_run_mutates))
    return error(api, "dry_run.pass", "");

  ActionResult result;
  json report = json::array();
  for (auto& v : verdicts) {
    const std::string previous = v.inst ? api.status_model.wire(v.inst->state) : "";
    if (!v.failure && v.inst) begin(r, *v.inst);
    if (api.response.per_instance) report.push_back(reported(api, v, previous));
  }
  if (api.response.per_instance && !deviations_.has(Deviation::instance_report_missing))
    set_pointer(result.data, api.response.per_instance->list, report);
  if (first_failure && !per_item)
    return std::move(*first_failure);  // all-together-partial: stopped some, reports the error
  if (dry_run)
    return error(api, "dry_run.pass", "");  // dry-run-mutates: stopped, and says it did not
  return result;
}

// One instance's entry in the per-instance report (Alibaba's InstanceResponses).
json Behaviour::reported(const core::Api& api, const Verdict& v,
                         const std::string& previous) const {
  const auto& f = api.response.per_instance->fields;
  json item;
  item[f.at("id")] = v.id;
  item[f.at("code")] = v.failure ? v.failure->code : "200";
  item[f.at("message")] = v.failure ? v.failure->message : "success";
  item[f.at("current")] = v.inst ? api.status_model.wire(v.inst->state) : "";
  item[f.at("previous")] = previous;
  return item;
}

json Behaviour::render_instance(const core::Api& api, const Instance& inst) const {
  const auto& f = api.response.instance_fields;
  // Where a recording saw whole records (CVM's Describe, O9), the record of that shape; the
  // catalogue's fields are written over it below, as for every product.
  json j = api.response.recorded_instance ? cvm_instance_record(inst) : json::object();
  j[f.at("id")] = inst.id;
  j[f.at("state")] = api.status_model.wire(inst.state);
  auto put = [&](const char* key, json v) {
    if (auto it = f.find(key); it != f.end()) j[it->second] = std::move(v);
  };
  auto or_null = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  put("latest_operation", or_null(inst.latest_operation));
  put("latest_operation_state", or_null(inst.latest_operation_state));
  put("latest_operation_request_id", or_null(inst.latest_operation_request_id));
  put("stopped_mode", inst.state == "STOPPED" ? json(inst.stopped_mode) : json("Not-applicable"));
  json locks = json::array();
  if (inst.attributes.count("security_locked")) locks.push_back({{"LockReason", "security"}});
  if (inst.attributes.count("expired_or_in_arrears"))
    locks.push_back({{"LockReason", "financial"}});
  put("locks", json{{"LockReason", locks}});
  return j;
}

ActionResult Behaviour::describe(const ActionRequest& r) {
  const core::Api& api = *r.api;
  const json& p = r.params;
  std::set<std::string> wanted;
  auto take = [&](const json& v) {
    if (v.is_array())
      for (const auto& x : v)
        if (x.is_string()) wanted.insert(x);
  };
  if (const std::string& name = api.instance_id.parameter; !name.empty() && p.contains(name))
    take(p[name]);
  // An API without an id parameter names instances through the catalogue's filter (ECM's
  // Filters: [{"Name": "instance-id", "Values": [...]}]).
  if (const core::IdFilter& by = api.instance_id.filter;
      !by.parameter.empty() && p.contains(by.parameter) && p[by.parameter].is_array())
    for (const auto& f : p[by.parameter])
      if (f.is_object() && f.value(by.name_key, "") == by.name && f.contains(by.values_key))
        take(f[by.values_key]);
  long long offset = 0, limit = 100;
  if (p.contains("Offset") && p["Offset"].is_number_integer()) offset = p["Offset"];
  if (p.contains("Limit") && p["Limit"].is_number_integer()) limit = p["Limit"];
  if (p.contains("PageSize") && p["PageSize"].is_number_integer()) limit = p["PageSize"];
  if (p.contains("PageNumber") && p["PageNumber"].is_number_integer())
    offset = (p["PageNumber"].get<long long>() - 1) * limit;
  if (offset < 0 || limit < 0) return error(api, "param.invalid_value", "");

  std::lock_guard lock(world_.mutex());
  json list = json::array();
  long long total = 0;
  for (const auto& [id, inst] : world_.instances(r.account, api.product)) {
    if (!wanted.empty() && !wanted.count(id)) continue;
    if (total >= offset && total < offset + limit) list.push_back(render_instance(api, inst));
    ++total;
  }
  ActionResult result;
  set_pointer(result.data, api.response.instances, std::move(list));
  // The count sits beside the RequestId (Tencent's Response object, Alibaba's top level).
  const std::string_view rid = api.response.request_id;
  set_pointer_child(result.data, rid.substr(0, rid.rfind('/')), "TotalCount", total);
  return result;
}

}  // namespace cc::emu
