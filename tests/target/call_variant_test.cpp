// Target::call_as signs a call differently from the target's own calls: a skewed clock moves the
// signed timestamp, a fixed nonce is the one signed into the request (Alibaba V2 SignatureNonce,
// V3 x-acs-signature-nonce), and the emulator's replay guard sees the same nonce twice. Without a
// fixed nonce every call still gets a fresh one, and a variant never leaks into later calls.
#include <gtest/gtest.h>

#include <map>

#include "harness/core/encoding.h"
#include "harness/target/target.h"
#include "tests/emulator/emulator_fixture.h"

namespace cc::test {
namespace {

using nlohmann::json;

class CallVariant : public EmulatorTest {
 protected:
  // No allowlist, no pacing; every exchange into transcript_; `now` pinned when given.
  std::unique_ptr<target::Target> make_target(const std::string& alibaba_scheme = "",
                                              std::optional<std::int64_t> now = std::nullopt) {
    target::TargetConfig cfg;
    for (const core::Api& a : catalogue_->apis)
      cfg.endpoints[a.product] = {emulator_->base_url(), a.hosts.front()};
    const emu::Account acc = emu::default_account();
    cfg.accounts["tencent"].credentials = {acc.keys.at("tencent").id, acc.keys.at("tencent").secret,
                                           ""};
    cfg.accounts["alibaba"] = {
        {acc.keys.at("alibaba").id, acc.keys.at("alibaba").secret, ""}, "", alibaba_scheme};
    cfg.control_plane = emulator_->base_url();
    cfg.pace_fraction = 0;
    core::CallContext ctx = core::system_context();
    if (now) ctx.now = [t = *now] { return t; };
    auto t = std::make_unique<target::Target>(*catalogue_, cfg, ctx);
    t->set_transcript(&transcript_);
    return t;
  }

  static std::string header(const json& exchange, const std::string& name) {
    for (const json& h : exchange["request"]["headers"])
      if (core::to_lower(h[0].get<std::string>()) == core::to_lower(name))
        return h[1].get<std::string>();
    return "";
  }

  // V2 common parameters: in the form body (POST) or the query (GET).
  static std::map<std::string, std::string> form(const json& exchange) {
    std::string text = exchange["request"]["body"].get<std::string>();
    const std::string url = exchange["request"]["url"].get<std::string>();
    if (auto q = url.find('?'); q != std::string::npos)
      text += (text.empty() ? "" : "&") + url.substr(q + 1);
    std::map<std::string, std::string> out;
    if (auto p = core::parse_query(text))
      for (const auto& [k, v] : *p) out[k] = v;
    return out;
  }

  // A well-formed id naming nothing: the answer is "not found", past authentication.
  json nothing(const target::Target& t, const core::Api& a) const {
    return t.id_params(
        a,
        {a.instance_id.prefix +
         std::string(a.instance_id.example.size() - a.instance_id.prefix.size() - 1, '0') + "7"});
  }

  std::vector<json> transcript_;
};

constexpr const char* kNonce = "0123456789abcdef0123456789abcdef";

TEST_F(CallVariant, AFixedNonceIsSignedIntoAnAlibabaV3Request) {
  auto t = make_target("ACS3-HMAC-SHA256");
  const core::Api& stop = api("AlibabaEcsStopInstance");
  const core::Outcome o = t->call_as(stop, nothing(*t, stop), {std::nullopt, 0, kNonce});
  ASSERT_EQ(transcript_.size(), 1u);
  EXPECT_EQ(header(transcript_[0], "x-acs-signature-nonce"), kNonce);
  EXPECT_NE(header(transcript_[0], "Authorization").find("x-acs-signature-nonce"),
            std::string::npos)
      << "the nonce header is one of the signed headers";
  EXPECT_EQ(o.code, "InvalidInstanceId.NotFound")
      << o.summary();  // it verified: past authentication
}

TEST_F(CallVariant, AFixedNonceIsSignedIntoAnAlibabaV2Request) {
  auto t = make_target("V2-HMAC-SHA1");
  const core::Api& stop = api("AlibabaEcsStopInstances");
  const core::Outcome o = t->call_as(stop, nothing(*t, stop), {std::nullopt, 0, kNonce});
  ASSERT_EQ(transcript_.size(), 1u);
  const auto p = form(transcript_[0]);
  ASSERT_TRUE(p.count("SignatureNonce")) << transcript_[0].dump();
  EXPECT_EQ(p.at("SignatureNonce"), kNonce);
  EXPECT_NE(o.code, "SignatureDoesNotMatch") << o.summary();
  EXPECT_NE(o.code, "SignatureNonceUsed") << o.summary();
}

TEST_F(CallVariant, TheSameFixedNonceTwiceIsRefusedTheSecondTimeUnderEitherScheme) {
  for (const std::string scheme : {"ACS3-HMAC-SHA256", "V2-HMAC-SHA1"}) {
    SCOPED_TRACE(scheme);
    auto t = make_target(scheme);
    const core::Api& stop = api("AlibabaEcsStopInstance");
    const std::string nonce =
        std::string(scheme == "V2-HMAC-SHA1" ? "2" : "3") + std::string(kNonce).substr(1);
    const core::Outcome first = t->call_as(stop, nothing(*t, stop), {std::nullopt, 0, nonce});
    const core::Outcome second = t->call_as(stop, nothing(*t, stop), {std::nullopt, 0, nonce});
    EXPECT_EQ(first.code, "InvalidInstanceId.NotFound") << first.summary();
    EXPECT_EQ(second.code, "SignatureNonceUsed") << second.summary();
  }
}

TEST_F(CallVariant, WithoutAFixedNonceEveryCallSignsAFreshOne) {
  auto t = make_target("ACS3-HMAC-SHA256");
  const core::Api& stop = api("AlibabaEcsStopInstance");
  const core::Outcome a = t->call_as(stop, nothing(*t, stop), {});
  const core::Outcome b = t->call_as(stop, nothing(*t, stop), {});
  ASSERT_EQ(transcript_.size(), 2u);
  EXPECT_NE(header(transcript_[0], "x-acs-signature-nonce"),
            header(transcript_[1], "x-acs-signature-nonce"));
  EXPECT_EQ(a.code, "InvalidInstanceId.NotFound") << a.summary();
  EXPECT_EQ(b.code, "InvalidInstanceId.NotFound") << b.summary();
}

TEST_F(CallVariant, AVariantDoesNotLeakIntoTheTargetsOwnCalls) {
  auto t = make_target("ACS3-HMAC-SHA256");
  const core::Api& stop = api("AlibabaEcsStopInstance");
  t->call_as(stop, nothing(*t, stop), {std::nullopt, -3600, kNonce});
  const core::Outcome own = t->call(stop, nothing(*t, stop));
  ASSERT_EQ(transcript_.size(), 2u);
  EXPECT_NE(header(transcript_[1], "x-acs-signature-nonce"), kNonce);
  EXPECT_EQ(own.code, "InvalidInstanceId.NotFound") << own.summary();
}

TEST_F(CallVariant, AClockSkewMovesTheSignedTimestampBothWays) {
  const std::int64_t now = core::system_context().now();
  auto t = make_target("", now);
  const core::Api& stop = api("TencentCvmStopInstances");
  for (const std::int64_t skew : {-360, -240, 240, 360}) {
    SCOPED_TRACE(skew);
    transcript_.clear();
    const core::Outcome o = t->call_as(stop, nothing(*t, stop), {std::nullopt, skew, std::nullopt});
    ASSERT_EQ(transcript_.size(), 1u);
    EXPECT_EQ(header(transcript_[0], "X-TC-Timestamp"), std::to_string(now + skew));
    // The emulator's documented 5-minute window, either side.
    if (skew == -360 || skew == 360)
      EXPECT_EQ(o.code, "AuthFailure.SignatureExpire") << o.summary();
    else
      EXPECT_NE(o.code, "AuthFailure.SignatureExpire") << o.summary();
  }
}

}  // namespace
}  // namespace cc::test
