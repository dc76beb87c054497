#include "harness/model/model.h"

#include <algorithm>

#include "harness/model/codes.h"
#include "harness/model/semantics.h"

namespace cc::model {

using nlohmann::json;

namespace {

// Whether a page states the id format. Where none does (the pattern is only the shape seen),
// an id breaking it may be refused as malformed or looked up and not found.
bool id_pattern_documented(const core::Api& api) {
  return api.instance_id.provenance.source != "silent";
}

std::string join(const std::set<std::string>& s, const char* sep) {
  std::string out;
  for (const auto& x : s) out += (out.empty() ? "" : sep) + x;
  return out;
}

}  // namespace

std::string Model::id_parameter(const core::Api& api) { return api.id_parameter(); }

bool Model::valid_value(const core::Parameter& p, const json& v) {
  return model::valid_value(p, v);
}

std::set<std::string> Model::transitional_states(const core::Api& api) const {
  std::set<std::string> out;
  for (const auto& a : catalogue_.apis)
    if (a.provider == api.provider && a.product == api.product)
      for (const auto& t : a.status_model.transitions) out.insert(t.via);
  return out;
}

void Model::check_parameters(const core::Api& api, const json& p, Expectation& e) const {
  const std::string id_param = id_parameter(api);
  int optional_given = 0;
  for (const core::Parameter& param : api.parameters) {
    if (param.name == id_param) continue;
    if (!p.contains(param.name)) {
      if (param.required)
        e.request.push_back(
            {"param.missing", param.name, documented_codes(catalogue_, api, "param.missing", p)});
      continue;
    }
    if (!param.required) ++optional_given;
    if (!valid_value(param, p[param.name]))
      e.request.push_back({"param.invalid_value", param.name,
                           documented_codes(catalogue_, api, "param.invalid_value", p)});
  }
  // The page says some parameters cannot be combined, but the catalogue does not say which:
  // any request with several optional parameters may be refused with that code.
  if (optional_given >= 2 && !api.errors_for("param.combination").empty())
    e.request.push_back({"param.combination", "",
                         documented_codes(catalogue_, api, "param.combination", p), false});
}

std::vector<std::string> Model::check_ids(const core::Api& api, const json& p,
                                          Expectation& e) const {
  const std::string id_param = id_parameter(api);
  std::vector<std::string> ids;
  auto violate = [&](const std::string& trigger, const std::string& subject) {
    e.request.push_back({trigger, subject, documented_codes(catalogue_, api, trigger, p)});
  };
  if (!p.contains(id_param)) {
    violate("ids.missing", id_param);
    return ids;
  }
  const json& v = p[id_param];
  if (api.batch) {
    if (!v.is_array()) {
      violate("param.invalid_value", id_param);
      return ids;
    }
    for (const auto& x : v) {
      if (x.is_string())
        ids.push_back(x);
      else
        violate("id.malformed", x.dump());
    }
    if (v.empty()) violate("ids.missing", id_param);
  } else {
    if (!v.is_string()) {
      violate("param.invalid_value", id_param);
      return ids;
    }
    if (v.get<std::string>().empty()) {
      // An empty id is both absent and not of the documented form: either code answers it.
      Violation missing{"ids.missing", id_param,
                        documented_codes(catalogue_, api, "ids.missing", p)};
      missing.codes.add(documented_codes(catalogue_, api, "id.malformed", p));
      e.request.push_back(missing);
      return ids;
    }
    ids.push_back(v);
  }
  if (api.batch && static_cast<long long>(ids.size()) > api.batch->max)
    violate("ids.too_many",
            std::to_string(ids.size()) + " ids, limit " + std::to_string(api.batch->max));

  bool duplicated = false;
  const std::vector<std::string> unique = distinct_ids(ids, duplicated);
  if (duplicated) {
    if (api.duplicates.rule == "reject") {
      violate("ids.duplicate", id_param);
    } else {
      // The page is silent: the target may treat the list as a set, or refuse it with any code.
      Violation v{"ids.duplicate", id_param, {}, false};
      v.codes.any = true;
      e.request.push_back(v);
    }
  }
  std::vector<std::string> named;
  for (const auto& id : unique) {
    if (api.instance_id.well_formed(id)) {
      named.push_back(id);
    } else if (!id_pattern_documented(api)) {
      // No page gives the format: the request may be refused for it as a whole, or the id
      // looked up like any other (expect() adds what that lookup may answer).
      e.request.push_back({"id.malformed", id, malformed_or_not_found(api, p), false});
      named.push_back(id);
    } else {
      violate("id.malformed", id);
    }
  }
  return named;
}

CodeSet Model::malformed_or_not_found(const core::Api& api, const json& p) const {
  CodeSet codes = documented_codes(catalogue_, api, "id.malformed", p);
  codes.add(documented_codes(catalogue_, api, "id.not_found", p));
  return codes;
}

InstanceExpectation Model::check_instance(const core::Api& api, const World& world, const json& p,
                                          const std::string& id) const {
  InstanceExpectation ie;
  ie.id = id;
  auto it = world.find(id);
  if (it == world.end()) {
    Violation v{"id.not_found", id, documented_codes(catalogue_, api, "id.not_found", p)};
    v.certain = !v.codes.any;  // a page without a not-found code is silent about it
    ie.violations.push_back(v);
    return ie;
  }
  const InstanceFacts& facts = it->second;
  ie.exists = true;
  ie.before = facts.states;
  if (!api.status_model.transitions.empty()) {
    const core::Transition& t = api.status_model.transitions.front();
    ie.accepted_states = {t.via, t.to};
    ie.heading = t.to;
  }
  for (const auto& attr : facts.attributes) {
    const std::string trigger = "attribute." + attr;
    CodeSet codes;
    bool documented = false;
    // Some attributes refuse only together with a parameter (the catalogue's with/unless:
    // local storage without ConfirmStop=true, hibernation asked of an instance without it).
    for (const auto* e : api.errors_for(trigger)) {
      documented = true;
      if (e->applies_to(p)) codes.add(Code{e->code, e->http_status, trigger});
    }
    if (documented && codes.empty()) continue;
    // An attribute the page names no code for: it may block the call, or not.
    Violation v{trigger, id, codes, documented};
    if (!documented) v.codes.any = true;
    ie.violations.push_back(v);
  }
  const std::set<std::string> transit = transitional_states(api);
  CodeSet state_codes;
  std::set<std::string> refused;
  for (const auto& s : facts.states) {
    if (api.accepts(s)) continue;
    refused.insert(s);
    state_codes.add(documented_codes(catalogue_, api, "state." + s, p));
    if (transit.count(s))  // an instance between two states is in the middle of an operation
      for (const auto* e : api.errors_for("operation.in_progress"))
        state_codes.add(Code{e->code, e->http_status, "operation.in_progress"});
  }
  if (!refused.empty())
    ie.violations.push_back(
        {"state." + join(refused, "|"), id, state_codes, refused.size() == facts.states.size()});
  // An instance whose latest operation may still be running may be refused for that (the
  // pages' "last operation is still in progress"), whatever state it shows.
  if (facts.operation_pending && !api.errors_for("operation.in_progress").empty())
    ie.violations.push_back({"operation.in_progress", id,
                             documented_codes(catalogue_, api, "operation.in_progress", p), false});
  return ie;
}

Expectation Model::expect(const core::Api& api, const World& world, const json& params) const {
  Expectation e;
  e.api = &api;
  const json p = params.is_object() ? params : json::object();
  check_parameters(api, p, e);
  const std::vector<std::string> ids = check_ids(api, p, e);

  e.dry_run = dry_run(api, p);
  for (const auto* err : api.errors_for("dry_run.pass"))
    e.dry_run_codes.add(Code{err->code, err->http_status, "dry_run.pass"});
  const core::BatchMode batch = batch_mode(api, p);
  if (dry_run_always_succeeds(api, p))
    e.mode = Mode::DryRunAlways;
  else if (!e.dry_run && batch == core::BatchMode::per_item)
    e.mode = Mode::PerInstance;
  e.batch_mode_silent = api.batch.has_value() && batch == core::BatchMode::silent;

  for (const auto& id : ids) {
    InstanceExpectation ie = check_instance(api, world, p, id);
    if (!api.instance_id.well_formed(id)) {
      // An id breaking a pattern no page documents: refused as malformed, or as not found
      // when looked up; one that is there may be refused for its form, or not.
      const CodeSet codes = malformed_or_not_found(api, p);
      bool merged = false;
      for (auto& v : ie.violations)
        if (v.trigger == "id.not_found") {
          v.codes.add(codes);
          v.certain = true;
          merged = true;
        }
      if (!merged) ie.violations.push_back({"id.malformed", id, codes, false});
    }
    e.instances.push_back(std::move(ie));
  }
  return e;
}

}  // namespace cc::model
