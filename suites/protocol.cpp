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
    if (o.request_id.empty()) continue;  // the answer's own "request_id" claim failed already
    std::string lower = o.request_id;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char ch) { return std::tolower(ch); });
    c.check("unique", seen.insert(lower).second,
            "expected a new RequestId on every answer; " + o.request_id + " was given twice");
  }
  if (seen.empty()) c.inconclusive("no answer carried a RequestId to compare");
}

std::vector<Claim> unique_request_id_claims(const core::Api& api) {
  // A seed that calls the RequestId unique makes uniqueness MUST; "The request ID." alone does not.
  const bool says_unique = api.response.provenance.passage.find("nique") != std::string::npos;
  std::vector<core::Provenance> rests_on = {api.response.provenance};
  if (!says_unique)
    rests_on.push_back(
        inferred("the document names a request ID without saying it is unique; an ID that "
                 "identifies a request is taken to differ between requests"));
  return {{"unique", "every answer carries a RequestId of its own", rests_on}};
}

void wraps_errors_in_the_documented_envelope(Case& c) {
  const core::Api& api = c.api();
  const auto& env = c.catalogue().common_errors(api.provider).envelope;
  core::Outcome o = c.call(c.target().id_params(api, {malformed_id(api)}));
  if (o.ok)
    c.inconclusive("a malformed id was accepted, so there was no error answer to read: " +
                   o.summary());
  if (!o.body.is_object()) c.inconclusive("the error answer has no JSON body to read");
  auto string_at = [&](const std::string& pointer) {
    const json::json_pointer p(pointer);
    return o.body.contains(p) && o.body[p].is_string() && !o.body[p].get<std::string>().empty();
  };
  c.check("envelope", string_at(env.error_code),
          "expected the error code at " + env.error_code + "; the body is " + o.body.dump());
  c.check("envelope", string_at(env.error_message),
          "expected the error message at " + env.error_message + "; the body is " + o.body.dump());
  c.check("envelope", string_at(env.request_id),
          "expected the RequestId at " + env.request_id + "; the body is " + o.body.dump());
  for (const auto& f : env.error_fields)
    c.check("envelope", o.body.contains(f),
            "expected the error body to carry " + f + "; it is " + o.body.dump());
  // The status convention: the code's documented status (Tencent: always 200).
  std::set<int> statuses;
  for (const auto& e : api.errors) statuses.insert(e.http_status);
  for (const auto& e : c.catalogue().common_errors(api.provider).errors)
    statuses.insert(e.http_status);
  c.check("envelope", statuses.count(o.http_status) > 0,
          "expected an HTTP status " + api.provider + " errors come with; got HTTP " +
              std::to_string(o.http_status));
}

// The same API under another name or version, or with a parameter it does not have.
void refuses_a_request(Case& c, const core::Api& sent, const json& params,
                       const std::string& trigger, const std::string& what) {
  const core::Api& api = c.api();
  const std::string id = c.arrange("RUNNING").at(0);
  const auto before = c.snapshot({id});
  json p = c.target().id_params(api, {id});
  p.update(params);
  core::Outcome o = c.call(sent, p);
  c.observe("answer to " + what, answer_of(o));
  c.expect_refused(o, documented_errors(c.catalogue(), api, {trigger}, true), what);
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
  refuses_a_request(c, sent, json::object(), "request.unknown_version",
                    "the version " + sent.version);
}

void rejects_an_unknown_parameter(Case& c) {
  refuses_a_request(c, c.api(), json{{"NoSuchParameter", "x"}}, "request.unknown_parameter",
                    "a parameter the API does not have");
}

Behaviour rejects_an_invalid(const core::Catalogue& catalogue, const std::string& parameter) {
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
  // The refusal rests on where the enumeration is documented; the code on its own rows.
  auto claims = [&catalogue, parameter](const core::Api& api) {
    return refusal_claims(parameter + "=NOT_A_" + parameter + ", outside its documented values",
                          {api.parameter(parameter)->provenance},
                          documented_errors(catalogue, api, {"param.invalid_value"}, true));
  };
  return {
      "RejectsAnInvalid" + parameter, core::Family::Protocol, applies, provenance, body, claims};
}

std::vector<core::Provenance> common_sources(const core::Catalogue& catalogue, const core::Api& api,
                                             const std::string& trigger) {
  return error_provenance(catalogue, api, {trigger}, true);
}

// An unknown action, version or parameter: refused where the common error tables say so.
std::function<std::vector<Claim>(const core::Api&)> unknown_claims(const core::Catalogue& catalogue,
                                                                   const std::string& trigger,
                                                                   const std::string& what) {
  return [&catalogue, trigger, what](const core::Api& api) {
    return refusal_claims(what, common_sources(catalogue, api, trigger),
                          documented_errors(catalogue, api, {trigger}, true));
  };
}

}  // namespace

std::vector<Behaviour> protocol_behaviours(const core::Catalogue& catalogue) {
  auto always = [](const core::Api&) { return true; };
  std::vector<Behaviour> out = {
      {"GivesEveryResponseAUniqueRequestId", core::Family::Protocol, always,
       [](const core::Api& api) { return std::vector<core::Provenance>{api.response.provenance}; },
       gives_every_response_a_unique_request_id, unique_request_id_claims},
      {"WrapsErrorsInTheDocumentedEnvelope", core::Family::Protocol, always,
       [&catalogue](const core::Api& api) {
         return std::vector<core::Provenance>{
             catalogue.common_errors(api.provider).envelope.provenance};
       },
       wraps_errors_in_the_documented_envelope,
       [](const core::Api&) {
         return std::vector<Claim>{};
       }},  // the implicit "envelope" claim is its subject
      {"RejectsAnUnknownAction", core::Family::Protocol, always,
       [&catalogue](const core::Api& api) {
         return common_sources(catalogue, api, "request.unknown_action");
       },
       rejects_an_unknown_action,
       unknown_claims(catalogue, "request.unknown_action", "an unknown action")},
      {"RejectsAnUnknownVersion", core::Family::Protocol, always,
       [&catalogue](const core::Api& api) {
         return common_sources(catalogue, api, "request.unknown_version");
       },
       rejects_an_unknown_version,
       unknown_claims(catalogue, "request.unknown_version", "an unknown version")},
      {"RejectsAnUnknownParameter", core::Family::Protocol, always,
       [&catalogue](const core::Api& api) {
         return common_sources(catalogue, api, "request.unknown_parameter");
       },
       rejects_an_unknown_parameter,
       unknown_claims(catalogue, "request.unknown_parameter", "a parameter the API does not have")},
  };
  std::set<std::string> enums;
  for (const core::Api* api : catalogue.subjects())
    for (const auto& p : api->parameters)
      if (!p.enum_values.empty()) enums.insert(p.name);
  for (const auto& name : enums) out.push_back(rejects_an_invalid(catalogue, name));
  return out;
}

}  // namespace cc::suites
