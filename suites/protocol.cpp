// The wire conventions every answer follows (protocols.md A6, B6): a RequestId on every
// response, unique per call; errors in the provider's envelope with its HTTP status
// convention; unknown actions, versions and parameters, and values outside a documented
// enumeration, refused with the documented codes — and refusals change nothing.
#include "suites/behaviours.h"
#include "suites/instance_ids.h"

namespace cc::suites {
namespace {

using nlohmann::json;

void gives_every_response_a_unique_request_id(Case& c) {
  const core::Api& api = c.api();
  const json params = c.target().id_params(api, {nonexistent_id(api)});
  std::set<std::string> seen;
  for (int i = 0; i < 3; ++i) {
    core::Outcome o = c.call(params);
    ASSERT_FALSE(o.request_id.empty()) << "answer " << i + 1 << " carries no RequestId: " << o.summary();
    EXPECT_TRUE(seen.insert(o.request_id).second) << "RequestId " << o.request_id << " was given twice";
  }
}

void wraps_errors_in_the_documented_envelope(Case& c) {
  const core::Api& api = c.api();
  const auto& env = c.catalogue().common_errors(api.provider).envelope;
  core::Outcome o = c.call(c.target().id_params(api, {malformed_id(api)}));
  ASSERT_FALSE(o.ok) << "a malformed id was accepted: " << o.summary();
  ASSERT_TRUE(o.body.is_object()) << "the error answer is not a JSON object";
  auto string_at = [&](const std::string& pointer) {
    const json::json_pointer p(pointer);
    return o.body.contains(p) && o.body[p].is_string() && !o.body[p].get<std::string>().empty();
  };
  EXPECT_TRUE(string_at(env.error_code)) << "no error code at " << env.error_code << " in " << o.body.dump();
  EXPECT_TRUE(string_at(env.error_message)) << "no error message at " << env.error_message << " in " << o.body.dump();
  EXPECT_TRUE(string_at(env.request_id)) << "no RequestId at " << env.request_id << " in " << o.body.dump();
  for (const auto& f : env.error_fields) EXPECT_TRUE(o.body.contains(f)) << "the error body has no " << f;
  // The status convention: the code's documented status (Tencent: always 200).
  std::set<int> statuses;
  for (const auto& e : api.errors) statuses.insert(e.http_status);
  for (const auto& e : c.catalogue().common_errors(api.provider).errors) statuses.insert(e.http_status);
  EXPECT_TRUE(statuses.count(o.http_status)) << "HTTP " << o.http_status << " is no documented status of "
                                             << api.provider << " errors";
}

// The same API under another name or version, or with a parameter it does not have.
void refuses_a_request(Case& c, const core::Api& sent, const json& params, const std::string& trigger,
                       const std::string& what) {
  const core::Api& api = c.api();
  const std::string id = c.arrange("RUNNING").at(0);
  const auto before = c.snapshot({id});
  json p = c.target().id_params(api, {id});
  p.update(params);
  core::Outcome o = c.call(sent, p);
  const auto documented = documented_errors(c.catalogue(), api, {trigger}, true);
  if (documented.empty()) {
    c.observe("answer to " + what, answer_of(o));
    return;
  }
  EXPECT_TRUE(is_one_of_documented(o, documented)) << "for " << what;
  c.expect_unchanged(before, what);
}

void rejects_an_unknown_action(Case& c) {
  core::Api sent = c.api();
  sent.action += "Nonexistent";
  refuses_a_request(c, sent, json::object(), "request.unknown_action", "the action " + sent.action);
}

void rejects_an_unknown_version(Case& c) {
  core::Api sent = c.api();
  sent.version = "2000-01-01";
  refuses_a_request(c, sent, json::object(), "request.unknown_version", "the version " + sent.version);
}

void rejects_an_unknown_parameter(Case& c) {
  refuses_a_request(c, c.api(), json{{"NoSuchParameter", "x"}}, "request.unknown_parameter",
                    "a parameter the API does not have");
}

Behaviour rejects_an_invalid(const std::string& parameter) {
  auto applies = [parameter](const core::Api& api) {
    const core::Parameter* p = api.parameter(parameter);
    return p && !p->enum_values.empty();
  };
  auto provenance = [parameter](const core::Api& api) {
    std::vector<core::Provenance> p = {api.parameter(parameter)->provenance};
    for (const auto* e : api.errors_for("param.invalid_value")) p.push_back(e->provenance);
    return p;
  };
  auto body = [parameter](Case& c) {
    refuses_a_request(c, c.api(), json{{parameter, "NOT_A_" + parameter}}, "param.invalid_value",
                      parameter + "=NOT_A_" + parameter + ", outside its documented values");
  };
  return {"RejectsAnInvalid" + parameter, "protocol", applies, provenance, body};
}

std::vector<core::Provenance> common_sources(const core::Catalogue& catalogue, const core::Api& api,
                                             const std::string& trigger) {
  return error_provenance(catalogue, api, {trigger}, true);
}

}  // namespace

std::vector<Behaviour> protocol_behaviours(const core::Catalogue& catalogue) {
  auto always = [](const core::Api&) { return true; };
  std::vector<Behaviour> out = {
      {"GivesEveryResponseAUniqueRequestId", "protocol", always,
       [](const core::Api& api) { return std::vector<core::Provenance>{api.response.provenance}; },
       gives_every_response_a_unique_request_id},
      {"WrapsErrorsInTheDocumentedEnvelope", "protocol", always,
       [&catalogue](const core::Api& api) {
         return std::vector<core::Provenance>{catalogue.common_errors(api.provider).envelope.provenance};
       },
       wraps_errors_in_the_documented_envelope},
      {"RejectsAnUnknownAction", "protocol", always,
       [&catalogue](const core::Api& api) { return common_sources(catalogue, api, "request.unknown_action"); },
       rejects_an_unknown_action},
      {"RejectsAnUnknownVersion", "protocol", always,
       [&catalogue](const core::Api& api) { return common_sources(catalogue, api, "request.unknown_version"); },
       rejects_an_unknown_version},
      {"RejectsAnUnknownParameter", "protocol", always,
       [&catalogue](const core::Api& api) { return common_sources(catalogue, api, "request.unknown_parameter"); },
       rejects_an_unknown_parameter},
  };
  std::set<std::string> enums;
  for (const core::Api* api : catalogue.subjects())
    for (const auto& p : api->parameters)
      if (!p.enum_values.empty()) enums.insert(p.name);
  for (const auto& name : enums) out.push_back(rejects_an_invalid(name));
  return out;
}

}  // namespace cc::suites
