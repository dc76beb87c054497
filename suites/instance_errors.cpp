// What the documents say about the instances a call names: ids that name nothing, ids that
// break the documented format, ids given twice, and instances whose attributes (security lock,
// arrears, local disks, spot, KMS state…) forbid the stop. Every refusal changes nothing.
#include "suites/behaviours.h"
#include "suites/instance_ids.h"

namespace cc::suites {
namespace {

using nlohmann::json;

void rejects_a_nonexistent_instance(Case& c) {
  const core::Api& api = c.api();
  const std::string id = nonexistent_id(api);
  core::Outcome o = c.call(c.target().id_params(api, {id}));
  c.observe("answer to a well-formed id that names no instance", answer_of(o));
  c.expect_refused(o, api.errors_for("id.not_found"),
                   "a well-formed id that names no instance (" + id + ")");
}

void rejects_a_malformed_id(Case& c) {
  const core::Api& api = c.api();
  const std::string id = malformed_id(api);
  core::Outcome o = c.call(c.target().id_params(api, {id}));
  c.observe("answer to an id that breaks " + api.instance_id.pattern, answer_of(o));
  c.expect_refused(o, api.errors_for("id.malformed"),
                   "the id " + id + ", which breaks " + api.instance_id.pattern);
}

void rejects_duplicate_ids(Case& c) {
  const core::Api& api = c.api();
  const std::string id = c.arrange("RUNNING").at(0);
  const auto before = c.snapshot({id});
  core::Outcome o = c.call(c.target().id_params(api, {id, id}));
  c.observe("answer to the same id twice", answer_of(o));
  if (api.duplicates.rule != "reject") {
    auto after = c.target().observe(api, id);
    if (after) c.observe("state of the instance afterwards", after->wire_state);
    return;
  }
  c.expect_refused(o, api.errors_for("ids.duplicate"), "a batch naming the same instance twice");
  c.expect_unchanged(before, "the rejected batch");
}

// The request that meets an attribute's error: its `with` parameters, never its `unless` ones.
json params_for(const core::Api& api, const std::string& trigger, json params) {
  for (const auto* e : api.errors_for(trigger))
    for (const auto& [k, v] : e->with.items()) params[k] = v;
  return params;
}

Behaviour refuses_attribute(const std::string& attribute) {
  const std::string trigger = "attribute." + attribute;
  auto applies = [trigger](const core::Api& api) { return !api.errors_for(trigger).empty(); };
  auto provenance = [trigger](const core::Api& api) {
    std::vector<core::Provenance> p;
    for (const auto* e : api.errors_for(trigger)) p.push_back(e->provenance);
    return p;
  };
  auto body = [attribute, trigger](Case& c) {
    const core::Api& api = c.api();
    const std::string id = c.arrange("RUNNING", {attribute}).at(0);
    const auto before = c.snapshot({id});
    const json params = params_for(api, trigger, c.target().id_params(api, {id}));
    core::Outcome o = c.call(params);
    std::vector<const core::ErrorEntry*> documented;
    for (const auto* e : api.errors_for(trigger))
      if (e->applies_to(params)) documented.push_back(e);
    c.expect_refused(o, documented, "stopping a RUNNING instance marked " + attribute);
    c.expect_unchanged(before, "the refused stop");
  };
  // The documents name the code and the refusal together: both rest on the error rows.
  auto claims = [trigger, attribute](const core::Api& api) {
    std::vector<core::Provenance> rows;
    for (const auto* e : api.errors_for(trigger)) rows.push_back(e->refusal_rests_on());
    return refusal_claims("stopping a RUNNING instance marked " + attribute, rows,
                          api.errors_for(trigger));
  };
  return {"RejectsAnInstanceMarked" + camel(attribute),
          core::Family::Errors,
          applies,
          provenance,
          body,
          claims};
}

}  // namespace

std::vector<Behaviour> instance_error_behaviours(const core::Catalogue& catalogue) {
  auto always = [](const core::Api&) { return true; };
  std::vector<Behaviour> out = {
      {"RejectsANonexistentInstance", core::Family::Errors, always,
       [&catalogue](const core::Api& api) {
         return error_provenance(catalogue, api, {"id.not_found"});
       },
       rejects_a_nonexistent_instance,
       [](const core::Api& api) {
         const auto rows = api.errors_for("id.not_found");
         std::vector<core::Provenance> rule;
         for (const auto* e : rows) rule.push_back(e->provenance);
         if (rule.empty())
           rule.push_back(silent("the document lists no code for an id that names nothing"));
         return refusal_claims("a well-formed id that names no instance", rule, rows, false);
       }},
      {"RejectsAMalformedId", core::Family::Errors, always,
       [&catalogue](const core::Api& api) {
         auto p = error_provenance(catalogue, api, {"id.malformed"});
         p.push_back(api.instance_id.provenance);
         return p;
       },
       rejects_a_malformed_id,
       [](const core::Api& api) {
         // Without a documented format, "malformed" is the suite's guess: the format's source
         // grades it.
         const auto rows = api.errors_for("id.malformed");
         std::vector<core::Provenance> rule = {api.instance_id.provenance};
         for (const auto* e : rows) rule.push_back(e->provenance);
         if (rows.empty()) rule.push_back(silent("the document lists no code for a malformed id"));
         return refusal_claims("an id that breaks the documented format", rule, rows, false);
       }},
      {"RejectsDuplicateIds", core::Family::Duplicates,
       [](const core::Api& api) { return api.batch.has_value(); },
       [](const core::Api& api) {
         return std::vector<core::Provenance>{api.duplicates.provenance};
       },
       rejects_duplicate_ids,
       [](const core::Api& api) {
         std::vector<core::Provenance> rule = {api.duplicates.provenance};
         if (api.duplicates.rule != "reject")
           rule.push_back(silent("the document does not reject duplicate ids"));
         return refusal_claims("a batch naming the same instance twice", rule,
                               api.errors_for("ids.duplicate"));
       }},
  };
  // One case per attribute any subject API documents an error for.
  std::set<std::string> attributes;
  for (const core::Api* api : catalogue.subjects())
    for (const auto& e : api->errors)
      if (e.trigger.rfind("attribute.", 0) == 0) attributes.insert(e.trigger.substr(10));
  for (const auto& a : attributes) out.push_back(refuses_attribute(a));
  return out;
}

}  // namespace cc::suites
