#include "suites/properties/scenario.h"

#include <algorithm>
#include <thread>

#include "suites/properties/signing.h"

namespace cc::suites::properties {

using nlohmann::json;

json Scenario::to_json() const {
  json inst = json::array();
  for (const auto& i : instances)
    inst.push_back({{"label", i.label}, {"state", i.state}, {"attributes", i.attributes}});
  return {{"schema", "cloudconform.replay/1"}, {"api", api}, {"instances", inst}, {"steps", steps}};
}

namespace {

// One instance of the scenario, every member of its type: a mistyped replay file is named by
// pointer, never a JSON library exception.
InstanceSpec instance_from_json(const json& i, const std::string& at) {
  if (!i.is_object() || !i.contains("label") || !i.contains("state"))
    throw std::runtime_error(at + ": each instance needs a label and a state");
  if (!i["label"].is_string()) throw std::runtime_error(at + "/label: expected a string");
  if (!i["state"].is_string()) throw std::runtime_error(at + "/state: expected a string");
  std::vector<std::string> attributes;
  const json a = i.value("attributes", json::array());
  if (!a.is_array()) throw std::runtime_error(at + "/attributes: expected an array of strings");
  for (const json& x : a) {
    if (!x.is_string()) throw std::runtime_error(at + "/attributes: expected an array of strings");
    attributes.push_back(x);
  }
  return {i["label"], i["state"], attributes};
}

}  // namespace

Scenario Scenario::from_json(const json& j) {
  // Not j.value("schema", ""): a schema of another type would let the library's type_error out.
  if (!j.is_object() || !j.contains("schema") || j["schema"] != "cloudconform.replay/1")
    throw std::runtime_error("not a replay file (schema cloudconform.replay/1)");
  Scenario s;
  if (!j.contains("api") || !j["api"].is_string())
    throw std::runtime_error("/api: expected the subject API id");
  s.api = j["api"];
  if (!j.contains("steps") || !j["steps"].is_array())
    throw std::runtime_error("/steps: expected an array");
  s.steps = j["steps"];
  const json instances = j.value("instances", json::array());
  if (!instances.is_array()) throw std::runtime_error("/instances: expected an array");
  for (std::size_t n = 0; n < instances.size(); ++n)
    s.instances.push_back(instance_from_json(instances[n], "/instances/" + std::to_string(n)));
  for (const auto& step : s.steps)
    if (!step.is_object() || !step.contains("do") || !step["do"].is_string())
      throw std::runtime_error("/steps: each step is an object with \"do\"");
  return s;
}

ScenarioRunner::ScenarioRunner(const core::Catalogue& catalogue, target::Target& target,
                               RunnerOptions options)
    : catalogue_(catalogue), target_(target), options_(std::move(options)), model_(catalogue) {}

void ScenarioRunner::arrange(const Scenario& scenario) {
  subject_ = catalogue_.find(scenario.api);
  if (!subject_) throw target::HarnessError("the catalogue has no API " + scenario.api);
  ids_.clear();
  beliefs_.clear();
  // One control-plane call per kind of instance: a batch of 101 is one request.
  std::map<std::pair<std::string, std::vector<std::string>>, std::vector<const InstanceSpec*>>
      groups;
  for (const auto& spec : scenario.instances)
    groups[{spec.state, spec.attributes}].push_back(&spec);
  for (const auto& [kind, specs] : groups) {
    auto created = target_.create_instances(*subject_, kind.first, kind.second,
                                            static_cast<int>(specs.size()));
    if (created.size() != specs.size())
      throw target::HarnessError("the control plane created the wrong number of instances");
    for (std::size_t k = 0; k < specs.size(); ++k) {
      ids_[specs[k]->label] = created[k];
      beliefs_[created[k]] = Belief{{kind.first}, "", {kind.second.begin(), kind.second.end()}};
    }
  }
}

json ScenarioRunner::bind(const json& value) const {
  if (value.is_string()) {
    const std::string& s = value.get_ref<const std::string&>();
    if (s.size() > 2 && s.front() == '<' && s.back() == '>') {
      auto it = ids_.find(s.substr(1, s.size() - 2));
      if (it != ids_.end()) return it->second;
    }
    return value;
  }
  if (value.is_array() || value.is_object()) {
    json out = value;
    for (auto& v : out) v = bind(v);
    return out;
  }
  return value;
}

model::World ScenarioRunner::world() const {
  model::World w;
  for (const auto& [id, b] : beliefs_) w[id] = {b.states, b.attributes, b.operation_pending};
  return w;
}

// The harness sends the region the API requires (the adapters add it): the model is told so.
json ScenarioRunner::with_required(const core::Api& api, json params) const {
  if (!params.is_object()) return params;
  const core::Parameter* region = api.parameter("RegionId");
  if (region && region->required && !params.contains("RegionId"))
    params["RegionId"] = target_.account(api.provider).region;
  return params;
}

core::Outcome ScenarioRunner::send(const core::Api& api, const json& params) {
  core::Outcome o =
      options_.unpaced ? target_.call_unpaced(api, params) : target_.call(api, params);
  if (o.harness_error()) throw target::harness_error_of(api.id, o);
  if (options_.on_answer) options_.on_answer(api, o);
  return o;
}

// Canonical states through the product's Describe, ten ids a call (under every documented
// default page size).
std::map<std::string, std::string> ScenarioRunner::observe(const std::vector<std::string>& ids) {
  std::map<std::string, std::string> out;
  if (ids.empty()) return out;
  const core::Api* describe = catalogue_.sibling(*subject_, "describe");
  if (!describe)
    throw target::HarnessError("the catalogue has no describe API for " + subject_->product);
  const auto& f = describe->response.instance_fields;
  for (std::size_t from = 0; from < ids.size(); from += 10) {
    std::vector<std::string> chunk(ids.begin() + from,
                                   ids.begin() + std::min(ids.size(), from + 10));
    core::Outcome o =
        send(*describe, with_required(*describe, target_.id_params(*describe, chunk)));
    if (!o.ok) throw target::HarnessError(describe->id + " failed: " + o.summary());
    const target::Listing listing = target::read_listing(*describe, o.body);
    if (listing.shape == target::Listing::Shape::Missing)
      throw target::HarnessError(describe->id + ": no instance list at " +
                                 describe->response.instances);
    // Not a list (ECM may answer null): nothing listed.
    for (const target::ObservedInstance& item : listing.instances) {
      if (std::find(chunk.begin(), chunk.end(), item.id) == chunk.end()) continue;
      out[item.id] = item.state;
      auto op = f.find("latest_operation_state");
      const json& record = item.fields;
      operation_state_[item.id] =
          op != f.end() && record.contains(op->second) && record[op->second].is_string()
              ? record[op->second].get<std::string>()
              : "";
    }
  }
  for (const auto& id : ids)
    if (!out.count(id)) out[id] = "(not listed)";
  return out;
}

bool ScenarioRunner::operating(const std::string& id) const {
  auto it = operation_state_.find(id);
  return it != operation_state_.end() && subject_->async && it->second != subject_->async->success;
}

void ScenarioRunner::settle(Belief& b, const std::string& id, const std::string& observed) const {
  if (!b.heading.empty() && observed == b.heading) b.heading.clear();
  b.states = {observed};
  if (!b.heading.empty()) b.states.insert(b.heading);
  // Where Describe reports the operation (the async pages), it ends when it says so;
  // elsewhere, when the transition has.
  if (b.heading.empty() && !operating(id)) b.operation_pending = false;
}

const core::Api& ScenarioRunner::api(const json& step) const {
  const core::Api* a = catalogue_.find(step.value("api", ""));
  if (!a) throw target::HarnessError("the catalogue has no API \"" + step.value("api", "") + "\"");
  return *a;
}

std::vector<std::string> ScenarioRunner::ids_of(const json& labels) const {
  std::vector<std::string> out;
  for (const auto& l : labels) {
    auto it = ids_.find(l.get<std::string>());
    if (it == ids_.end())
      throw target::HarnessError("no instance labelled " + l.get<std::string>());
    out.push_back(it->second);
  }
  return out;
}

namespace {

json summary(const core::Outcome& o) {
  json j{{"ok", o.ok}, {"http_status", o.http_status}, {"request_id", o.request_id}};
  if (!o.ok) j["code"] = o.code;
  if (!o.message.empty()) j["message"] = o.message;
  return j;
}

std::string states_text(const std::set<std::string>& s) {
  std::string out;
  for (const auto& x : s) out += (out.empty() ? "" : " or ") + x;
  return out;
}

}  // namespace

StepResult ScenarioRunner::call_step(const json& step) {
  const core::Api& a = api(step);
  const json params = with_required(a, bind(step.value("params", json::object())));
  const model::Expectation e = model_.expect(a, world(), params);
  const core::Outcome o = send(a, params);
  std::vector<std::string> named;
  for (const auto& ie : e.instances)
    if (ie.exists) named.push_back(ie.id);
  const auto after = observe(named);
  const model::Judgement j = model::judge(e, o, after);
  StepResult r{
      j.agrees,
      j.message,
      j.outcome_class,
      {{"api", a.id}, {"params", params}, {"response", summary(o)}, {"states_after", after}}};
  if (!j.agrees) r.printout["model"] = e.to_json();
  for (const auto& ie : e.instances) {
    if (!ie.exists) continue;
    Belief& b = beliefs_[ie.id];
    if (j.acted.count(ie.id)) {
      b.states = ie.accepted_states;
      b.heading = ie.heading;
      b.operation_pending = true;
    }
    settle(b, ie.id, after.at(ie.id));
  }
  return r;
}

// Two calls released together: some order of the two must explain both answers, and the
// states after both.
StepResult ScenarioRunner::together_step(const json& step) {
  const json& calls = step.at("calls");
  const core::Api& a = api(calls.at(0));
  const core::Api& b = api(calls.at(1));
  const json pa = with_required(a, bind(calls[0].value("params", json::object())));
  const json pb = with_required(b, bind(calls[1].value("params", json::object())));
  auto [oa, ob] = target_.call_together(a, pa, b, pb);
  for (const auto* o : {&oa, &ob})
    if (o->harness_error()) throw target::harness_error_of("concurrent call", *o);
  if (options_.on_answer) {
    options_.on_answer(a, oa);
    options_.on_answer(b, ob);
  }
  std::set<std::string> named;
  for (const auto& e : model_.expect(a, world(), pa).instances)
    if (e.exists) named.insert(e.id);
  for (const auto& e : model_.expect(b, world(), pb).instances)
    if (e.exists) named.insert(e.id);
  const auto after = observe({named.begin(), named.end()});

  StepResult r;
  r.printout = {{"calls",
                 {{{"api", a.id}, {"params", pa}, {"response", summary(oa)}},
                  {{"api", b.id}, {"params", pb}, {"response", summary(ob)}}}},
                {"states_after", after}};
  struct Call {
    const core::Api* api;
    const json* params;
    const core::Outcome* outcome;
  };
  const Call first{&a, &pa, &oa}, second{&b, &pb, &ob};
  std::string why;
  for (const auto& order : {std::pair{first, second}, std::pair{second, first}}) {
    std::map<std::string, Belief> beliefs = beliefs_;
    model::World w = world();
    bool ok = true;
    std::string classes;
    for (int k = 0; k < 2; ++k) {
      const Call& c = k == 0 ? order.first : order.second;
      const model::Expectation e = model_.expect(*c.api, w, *c.params);
      const model::Judgement j = model::judge_answer(e, *c.outcome);
      if (!j.agrees) {
        ok = false;
        if (why.empty())
          why = c.api->id + " (had it come " + (k == 0 ? "first" : "second") + "): " + j.message;
        break;
      }
      classes += (classes.empty() ? "" : " + ") + j.outcome_class;
      for (const auto& ie : e.instances)
        if (j.acted.count(ie.id)) {
          beliefs[ie.id].states = ie.accepted_states;
          beliefs[ie.id].heading = ie.heading;
          beliefs[ie.id].operation_pending = true;
          w[ie.id].states = ie.accepted_states;
          w[ie.id].operation_pending = true;
        }
    }
    if (!ok) continue;
    for (const auto& id : named)
      if (!beliefs[id].states.count(after.at(id))) {
        ok = false;
        if (why.empty())
          why = id + " is " + after.at(id) + " after both calls; in either order it would be " +
                states_text(beliefs[id].states);
      }
    if (!ok) continue;
    for (const auto& id : named) settle(beliefs[id], id, after.at(id));
    beliefs_ = std::move(beliefs);
    r.outcome_class = "together: " + classes;
    return r;
  }
  r.agrees = false;
  r.message = "no order of the two concurrent calls explains what happened: " + why;
  return r;
}

StepResult ScenarioRunner::observe_step(const json& step) {
  const auto ids = ids_of(step.at("instances"));
  const auto seen = observe(ids);
  StepResult r{true, "", "observed", {{"describe", seen}}};
  for (const auto& id : ids) {
    Belief& b = beliefs_[id];
    if (!b.states.count(seen.at(id))) {
      r.agrees = false;
      r.message = "Describe shows " + id + " " + seen.at(id) + "; the model expects " +
                  states_text(b.states);
      return r;
    }
    settle(b, id, seen.at(id));
  }
  return r;
}

StepResult ScenarioRunner::wait_step(const json& step) {
  const auto ids = ids_of(step.at("instances"));
  StepResult r{true, "", "waited", json::object()};
  for (const auto& id : ids) {
    Belief& b = beliefs_[id];
    const auto deadline = std::chrono::steady_clock::now() + options_.wait_bound;
    const auto started = std::chrono::steady_clock::now();
    while (true) {
      const std::string s = observe({id}).at(id);
      if (!b.states.count(s)) {
        r.agrees = false;
        r.message = "Describe shows " + id + " " + s + " while waiting; the model expects " +
                    states_text(b.states);
        return r;
      }
      // Done when the transition has ended and, where Describe reports the operation (the
      // async pages), the operation has reached its documented success.
      const bool arrived = b.heading.empty() || s == b.heading;
      const bool finished = !b.operation_pending || !operating(id);
      if (arrived && finished) {
        r.printout[id] = {{"state", s},
                          {"after_ms", std::chrono::duration<double, std::milli>(
                                           std::chrono::steady_clock::now() - started)
                                           .count()}};
        settle(b, id, s);
        break;
      }
      if (std::chrono::steady_clock::now() >= deadline) {
        r.agrees = false;
        r.message = arrived
                        ? id + " is " + s + " but its LatestOperationState did not reach " +
                              subject_->async->success + " within " +
                              std::to_string(options_.wait_bound.count()) + " ms (still " +
                              operation_state_[id] + ")"
                        : id + " did not reach " + b.heading + " within " +
                              std::to_string(options_.wait_bound.count()) + " ms (still " + s + ")";
        return r;
      }
      // Polling a remote state: the target offers nothing to wait on.
      std::this_thread::sleep_for(options_.poll);
    }
  }
  return r;
}

StepResult ScenarioRunner::signed_step(const json& step) {
  const core::Api& a = api(step);
  const json params = bind(step.value("params", json::object()));
  const core::CallStyle style{step.value("style", ""), step.value("scheme", "")};
  target_.admit(a, params);  // the allowlist holds for hand-built requests too
  SigningClient client(target_, a);
  core::HttpRequest req = client.build(params, style);
  StepResult r;
  r.printout = {
      {"api", a.id}, {"params", params}, {"style", style.style}, {"scheme", style.scheme}};
  const bool corrupted = step["do"] == "corrupted";
  if (corrupted) {
    const std::string what =
        corrupt(req, step.value("part", ""), step.value("marker", ""), step.value("position", 0));
    if (what.empty())
      throw target::HarnessError("no " + step.value("part", std::string("?")) +
                                 " to corrupt in the request");
    r.printout["changed"] = what;
  }
  const core::Outcome o = client.send(req, options_.transcript);
  if (o.harness_error()) throw target::harness_error_of(a.id, o);
  if (options_.on_answer) options_.on_answer(a, o);
  r.printout["response"] = summary(o);
  const core::CommonErrors& common = catalogue_.common_errors(a.provider);
  if (corrupted) {
    const auto documented = common.errors_for("auth.signature");
    const bool ok = std::any_of(documented.begin(), documented.end(), [&](const auto* e) {
      return e->code == o.code && e->http_status == o.http_status;
    });
    r.outcome_class = o.ok ? "accepted" : "refused: " + o.code;
    if (!ok) {
      r.agrees = false;
      std::string expected;
      for (const auto* e : documented)
        expected += (expected.empty() ? "" : " or ") + e->code + " (HTTP " +
                    std::to_string(e->http_status) + ")";
      r.message = "a request with one changed byte (" + r.printout["changed"].get<std::string>() +
                  ") got " + o.summary() + "; the documents give " + expected;
    }
    return r;
  }
  for (const char* t : {"auth.signature", "auth.malformed", "auth.secret_not_found", "auth.expired",
                        "auth.nonce_used"})
    for (const auto* e : common.errors_for(t))
      if (e->code == o.code) {
        r.agrees = false;
        r.message = "the harness's signature was refused: " + o.summary() + " (" + t +
                    ") for parameters " + params.dump();
      }
  r.outcome_class = o.ok ? "accepted" : "answered: " + o.code;
  return r;
}

StepResult ScenarioRunner::step(const json& step) {
  const std::string kind = step.value("do", "");
  if (kind == "call") return call_step(step);
  if (kind == "together") return together_step(step);
  if (kind == "observe") return observe_step(step);
  if (kind == "wait") return wait_step(step);
  if (kind == "signed" || kind == "corrupted") return signed_step(step);
  throw target::HarnessError("unknown step \"" + kind + "\"");
}

StepResult ScenarioRunner::run(const Scenario& scenario,
                               const std::function<void(const json&, const StepResult&)>& each) {
  arrange(scenario);
  StepResult last;
  for (const auto& s : scenario.steps) {
    last = step(s);
    if (each) each(s, last);
    if (!last.agrees) return last;
  }
  return last;
}

}  // namespace cc::suites::properties
