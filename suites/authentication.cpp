// Request authentication as the providers' common error tables describe it: a signature made
// with the wrong key and a request signed outside the time window are refused with the
// documented common code — and refused calls change nothing.
#include "suites/behaviours.h"

namespace cc::suites {
namespace {

using nlohmann::json;

std::vector<core::Provenance> common_sources(const core::Catalogue& catalogue, const core::Api& api,
                                             const std::string& trigger) {
  std::vector<core::Provenance> out;
  for (const auto* e : catalogue.common_errors(api.provider).errors_for(trigger)) out.push_back(e->provenance);
  return out;
}

void rejects_a_wrong_signature(Case& c) {
  const core::Api& api = c.api();
  if (!c.target().has_control_plane()) GTEST_SKIP() << "the target has no control plane to create a RUNNING instance";
  const std::string id = c.target().create_instances(api, "RUNNING").at(0);
  const auto& cfg = c.target().config();
  core::Credentials wrong = api.provider == "tencent" ? cfg.tencent : cfg.alibaba;
  wrong.secret = "not-the-secret-key-of-" + wrong.id;  // same id, wrong key
  core::Outcome o = c.target().call_as(api, c.target().id_params(api, {id}), {wrong, 0});
  if (o.harness_error()) throw target::HarnessError(o.transport_error);
  EXPECT_TRUE(is_one_of_documented(o, c.catalogue().common_errors(api.provider).errors_for("auth.signature")));
  auto after = c.target().observe(api, id);
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->state, "RUNNING") << "an unauthenticated call stopped the instance";
}

void rejects_a_stale_timestamp(Case& c) {
  const core::Api& api = c.api();
  // Tencent allows 5 minutes, Alibaba 15 (protocols.md A6, B6): an hour is outside both.
  core::Outcome o = c.target().call_as(api, c.target().id_params(api, {api.instance_id.example}), {std::nullopt, -3600});
  if (o.harness_error()) throw target::HarnessError(o.transport_error);
  EXPECT_TRUE(is_one_of_documented(o, c.catalogue().common_errors(api.provider).errors_for("auth.expired")));
}

}  // namespace

std::vector<Behaviour> authentication_behaviours(const core::Catalogue& catalogue) {
  auto always = [](const core::Api&) { return true; };
  return {
      {"RejectsAWrongSignature", "errors", always,
       [&catalogue](const core::Api& api) { return common_sources(catalogue, api, "auth.signature"); },
       rejects_a_wrong_signature},
      {"RejectsAStaleTimestamp", "errors", always,
       [&catalogue](const core::Api& api) { return common_sources(catalogue, api, "auth.expired"); },
       rejects_a_stale_timestamp},
  };
}

}  // namespace cc::suites
