#include "harness/target/profile.h"

#include <gtest/gtest.h>

#include "harness/core/json_reader.h"
#include "tests/target/temp_home.h"

namespace cc::test {
namespace {

class Profiles : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    catalogue_ = std::make_unique<core::Catalogue>(
        core::load_catalogue(std::string(CLOUDCONFORM_FIXTURES_DIR) + "/apis"));
  }
  static void TearDownTestSuite() { catalogue_.reset(); }

  static std::string example(const std::string& name) {
    return std::string(CLOUDCONFORM_FIXTURES_DIR) + "/targets/" + name;
  }

  std::string error_of(const std::string& text) {
    const std::string path = home_.write("profile.json", text);
    try {
      target::load_profile(path, *catalogue_);
    } catch (const core::DataError& e) {
      return e.what();
    }
    return "";
  }

  static std::unique_ptr<core::Catalogue> catalogue_;
  TempHome home_;
};

std::unique_ptr<core::Catalogue> Profiles::catalogue_;

TEST_F(Profiles, EmulatorExampleServesEveryProductFromOneUrlWithOfficialHosts) {
  target::Profile p = target::load_profile(example("emulator.json"), *catalogue_);
  EXPECT_EQ(p.config.kind, "emulator");
  EXPECT_FALSE(p.real_account());
  EXPECT_EQ(p.probe_url, "http://127.0.0.1:8080");
  EXPECT_TRUE(p.config.control_plane.empty()) << "probed, not assumed";
  EXPECT_FALSE(p.config.allowlist);
  for (const char* product : {"cvm", "lighthouse", "ecm", "ecs"}) {
    ASSERT_TRUE(p.config.endpoints.count(product)) << product;
    EXPECT_EQ(p.config.endpoints.at(product).url, "http://127.0.0.1:8080");
  }
  EXPECT_EQ(p.config.endpoints.at("cvm").host, "cvm.tencentcloudapi.com");
}

TEST_F(Profiles, TencentExampleUsesOfficialEndpointsAndItsAllowlist) {
  target::Profile p = target::load_profile(example("tencent-example.json"), *catalogue_);
  EXPECT_TRUE(p.real_account());
  EXPECT_EQ(p.provider, "tencent");
  EXPECT_EQ(p.config.accounts.at("tencent").region, "ap-guangzhou");
  EXPECT_EQ(p.config.endpoints.at("cvm").url, "https://cvm.tencentcloudapi.com");
  EXPECT_EQ(p.config.endpoints.at("lighthouse").url, "https://lighthouse.tencentcloudapi.com");
  EXPECT_FALSE(p.config.endpoints.count("ecs")) << "a Tencent account has no Alibaba endpoint";
  ASSERT_TRUE(p.config.allowlist);
  EXPECT_EQ(p.config.allowlist->at("cvm"), std::set<std::string>{"ins-xxxxxxxx"});
  EXPECT_EQ(p.instances.at("cvm").front().role, "stop-target");
}

TEST_F(Profiles, AlibabaExampleUsesTheRegionalEndpointAndTheChosenSigning) {
  target::Profile p = target::load_profile(example("alibaba-example.json"), *catalogue_);
  EXPECT_EQ(p.config.endpoints.at("ecs").url, "https://ecs.cn-hangzhou.aliyuncs.com");
  EXPECT_EQ(p.config.accounts.at("alibaba").scheme, "ACS3-HMAC-SHA256");
  EXPECT_EQ(
      error_of(
          R"({"kind": "alibaba", "region": "cn-beijing", "signing": "V2", "instances": {"ecs": []}})"),
      "");
  target::Profile v2 = target::load_profile(home_.path() + "/profile.json", *catalogue_);
  EXPECT_EQ(v2.config.accounts.at("alibaba").scheme, "V2-HMAC-SHA1");
  EXPECT_EQ(v2.config.endpoints.at("ecs").url, "https://ecs.cn-beijing.aliyuncs.com");
}

TEST_F(Profiles, RolesLimitAnInstanceToDryRunsAndUnknownRolesAreMistakes) {
  const std::string file = home_.path() + "/profile.json";
  EXPECT_EQ(error_of(R"({"kind": "alibaba", "region": "cn-hangzhou", "instances": {"ecs": [
                          {"id": "i-bp67acfmxazb4ph6a2b3", "role": "dry-run"}, "i-bp67acfmxazb4ph6a2b4"]}})"),
            "");
  target::Profile p = target::load_profile(file, *catalogue_);
  EXPECT_EQ(p.config.dry_run_only, std::set<std::string>{"i-bp67acfmxazb4ph6a2b3"});
  EXPECT_EQ(p.instances.at("ecs").at(1).role, "stop-target");
  EXPECT_EQ(error_of(R"({"kind": "alibaba", "region": "cn-hangzhou", "instances": {"ecs": [
                          {"id": "i-bp67acfmxazb4ph6a2b3", "role": "keep"}]}})"),
            "[target.bad_role] " + file +
                ": /instances/ecs/0/role: expected \"stop-target\" (the default) or \"dry-run\", "
                "found \"keep\"");
}

TEST_F(Profiles, PerProductUrlsAndAnExplicitControlPlane) {
  EXPECT_EQ(
      error_of(R"({"kind": "emulator", "endpoints": {"cvm": "http://a:1/", "ecs": "http://b:2"},
                         "control_plane": "http://a:1"})"),
      "");
  target::Profile p = target::load_profile(home_.path() + "/profile.json", *catalogue_);
  EXPECT_EQ(p.config.endpoints.at("cvm").url, "http://a:1");
  EXPECT_EQ(p.config.endpoints.at("ecs").url, "http://b:2");
  EXPECT_FALSE(p.config.endpoints.count("lighthouse"));
  EXPECT_EQ(p.config.control_plane, "http://a:1");
  EXPECT_TRUE(p.probe_url.empty());
}

TEST_F(Profiles, MistakesNameTheFileAndPointer) {
  const std::string file = home_.path() + "/profile.json";
  EXPECT_EQ(error_of(R"({"kind": "aws"})"),
            "[target.unknown_kind] " + file +
                ": /kind: expected embedded-emulator, emulator, tencent or alibaba, found \"aws\"");
  EXPECT_NE(
      error_of(
          R"({"kind": "tencent", "region": "ap-guangzhou", "instances": {"cvm": ["i-bp67acfmxazb4ph6a2b3"]}})")
          .find("[target.bad_id] " + file + ": /instances/cvm/0:"),
      std::string::npos);
  EXPECT_NE(error_of(R"({"kind": "tencent", "region": "ap-guangzhou"})")
                .find("[target.missing] " + file + ": /:"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"kind": "emulator", "endpoint": "http://x", "endpoinst": {}})")
                .find(file + ": /endpoinst"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"kind": "emulator", "endpoints": {"s3": "http://x"}})")
                .find("[target.unknown_product] " + file + ": /endpoints/s3:"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"kind": "tencent", "region": "ap-guangzhou", "instances": {"Nope": []}})")
                .find("/instances/Nope:"),
            std::string::npos);
}

TEST_F(Profiles, ARealAccountWithoutCredentialsSaysWhereToPutThem) {
  target::Profile p = target::load_profile(example("tencent-example.json"), *catalogue_);
  try {
    target::apply_credentials(
        p, {environment({}), home_.path(), ""},
        {{"tencent", {"emu", "emu-key", ""}}, {"alibaba", {"emu", "emu-key", ""}}});
    FAIL() << "no credentials, yet accepted";
  } catch (const core::DataError& e) {
    EXPECT_NE(std::string(e.what()).find("TENCENTCLOUD_SECRET_ID"), std::string::npos) << e.what();
  }
}

TEST_F(Profiles, CredentialsComeFromTheEnvironmentThenTheEmulatorsKeys) {
  target::Profile p = target::load_profile(example("emulator.json"), *catalogue_);
  target::apply_credentials(
      p,
      {environment({{"TENCENTCLOUD_SECRET_ID", "AKIDenv"}, {"TENCENTCLOUD_SECRET_KEY", "k"}}),
       home_.path(), ""},
      {{"tencent", {"AKIDemu", "emu-key", ""}}, {"alibaba", {"LTAIemu", "emu-secret", ""}}});
  EXPECT_EQ(p.config.accounts.at("tencent").credentials.id, "AKIDenv");
  EXPECT_EQ(p.credential_sources.at("tencent"), "environment");
  EXPECT_EQ(p.config.accounts.at("alibaba").credentials.id, "LTAIemu");
  EXPECT_EQ(p.credential_sources.at("alibaba"), "the emulator's well-known keys");
}

}  // namespace
}  // namespace cc::test
