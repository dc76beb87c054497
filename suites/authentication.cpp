// Request authentication as the providers' common error tables describe it: a signature made
// with the wrong key and a request signed outside the time window are refused with the
// documented common code — and refused calls change nothing.
#include "suites/behaviours.h"
#include "suites/instance_ids.h"

namespace cc::suites {
namespace {

using nlohmann::json;

std::vector<core::Provenance> common_sources(const core::Catalogue& catalogue, const core::Api& api,
                                             const std::string& trigger) {
  std::vector<core::Provenance> out;
  for (const auto* e : catalogue.common_errors(api.provider).errors_for(trigger)) out.push_back(e->provenance);
  return out;
}

// Authentication rests on the provider's common tables (protocols.md), for the refusal and its code.
std::function<std::vector<Claim>(const core::Api&)> common_claims(const core::Catalogue& catalogue,
                                                                  const std::string& trigger, const std::string& what,
                                                                  bool unchanged) {
  return [&catalogue, trigger, what, unchanged](const core::Api& api) {
    return refusal_claims(what, common_sources(catalogue, api, trigger),
                          catalogue.common_errors(api.provider).errors_for(trigger), unchanged);
  };
}

void rejects_a_wrong_signature(Case& c) {
  const core::Api& api = c.api();
  const std::string id = c.arrange("RUNNING").at(0);
  const auto before = c.snapshot({id});
  const auto& cfg = c.target().config();
  core::Credentials wrong = api.provider == "tencent" ? cfg.tencent : cfg.alibaba;
  wrong.secret = "not-the-secret-key-of-" + wrong.id;  // same id, wrong key
  core::Outcome o = c.call_as(c.target().id_params(api, {id}), {wrong, 0});
  c.expect_refused(o, c.catalogue().common_errors(api.provider).errors_for("auth.signature"),
                   "a request signed with the wrong key");
  c.expect_unchanged(before, "the call with a wrong signature");
}

void rejects_a_stale_timestamp(Case& c) {
  const core::Api& api = c.api();
  // Tencent allows 5 minutes, Alibaba 15 (protocols.md A6, B6): an hour is outside both.
  core::Outcome o = c.call_as(c.target().id_params(api, {nonexistent_id(api)}), {std::nullopt, -3600});
  c.expect_refused(o, c.catalogue().common_errors(api.provider).errors_for("auth.expired"),
                   "a request signed an hour ago");
}

}  // namespace

std::vector<Behaviour> authentication_behaviours(const core::Catalogue& catalogue) {
  auto always = [](const core::Api&) { return true; };
  return {
      {"RejectsAWrongSignature", "protocol", always,
       [&catalogue](const core::Api& api) { return common_sources(catalogue, api, "auth.signature"); },
       rejects_a_wrong_signature, common_claims(catalogue, "auth.signature", "a request signed with the wrong key", true)},
      {"RejectsAStaleTimestamp", "protocol", always,
       [&catalogue](const core::Api& api) { return common_sources(catalogue, api, "auth.expired"); },
       rejects_a_stale_timestamp, common_claims(catalogue, "auth.expired", "a request signed an hour ago", false)},
  };
}

}  // namespace cc::suites
