#include "harness/target/credentials.h"

#include "harness/provider/provider.h"

#include <gtest/gtest.h>

#include "harness/core/json_reader.h"
#include "tests/target/temp_home.h"

namespace cc::test {
namespace {

using target::CredentialLookup;

// Each provider module reads its own users' credentials.
std::optional<target::FoundCredentials> tencent_credentials(const CredentialLookup& lookup) {
  return provider::builtin().at("tencent").credentials(lookup);
}
std::optional<target::FoundCredentials> alibaba_credentials(const CredentialLookup& lookup) {
  return provider::builtin().at("alibaba").credentials(lookup);
}

// A secret no message may ever contain.
const std::string kCanary = "CANARY-secret-7f3a9c";

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const core::DataError& e) {
    return e.what();
  }
  return "";
}

TEST(Credentials, TheEnvironmentComesFirst) {
  TempHome home;
  home.write(".tccli/default.credential", R"({"secretId": "AKIDfile", "secretKey": "file-key"})");
  auto found = tencent_credentials({environment({{"TENCENTCLOUD_SECRET_ID", "AKIDenv"},
                                                 {"TENCENTCLOUD_SECRET_KEY", kCanary},
                                                 {"TENCENTCLOUD_SESSION_TOKEN", "tok"}}),
                                    home.path(), ""});
  ASSERT_TRUE(found);
  EXPECT_EQ(found->credentials.id, "AKIDenv");
  EXPECT_EQ(found->credentials.secret, kCanary);
  EXPECT_EQ(found->credentials.token, "tok");
  EXPECT_EQ(found->source, "environment");
}

TEST(Credentials, TccliProfileFileIsReadByName) {
  TempHome home;
  home.write(".tccli/default.credential", R"({"secretId": "AKIDdefault", "secretKey": "k0"})");
  const std::string file =
      home.write(".tccli/work.credential",
                 R"({"secretId": "AKIDwork", "secretKey": "k1", "token": "t1", "type": "x"})");
  auto found = tencent_credentials({environment({}), home.path(), "work"});
  ASSERT_TRUE(found);
  EXPECT_EQ(found->credentials.id, "AKIDwork");
  EXPECT_EQ(found->credentials.secret, "k1");
  EXPECT_EQ(found->credentials.token, "t1");
  EXPECT_EQ(found->source, file);
  auto fallback = tencent_credentials({environment({}), home.path(), ""});
  ASSERT_TRUE(fallback);
  EXPECT_EQ(fallback->credentials.id, "AKIDdefault");
}

TEST(Credentials, NothingAnywhereIsNoCredentials) {
  TempHome home;
  EXPECT_FALSE(tencent_credentials({environment({}), home.path(), ""}));
  EXPECT_FALSE(alibaba_credentials({environment({}), home.path(), ""}));
}

TEST(Credentials, AliyunConfigUsesTheCurrentProfileOrTheNamedOne) {
  TempHome home;
  home.write(".aliyun/config.json", R"({"current": "b", "meta_path": "", "profiles": [
      {"name": "a", "mode": "AK", "access_key_id": "LTAIa", "access_key_secret": "sa", "region_id": "cn-hangzhou"},
      {"name": "b", "mode": "StsToken", "access_key_id": "LTAIb", "access_key_secret": "sb", "sts_token": "tb"}]})");
  auto current = alibaba_credentials({environment({}), home.path(), ""});
  ASSERT_TRUE(current);
  EXPECT_EQ(current->credentials.id, "LTAIb");
  EXPECT_EQ(current->credentials.token, "tb");
  auto named = alibaba_credentials({environment({}), home.path(), "a"});
  ASSERT_TRUE(named);
  EXPECT_EQ(named->credentials.id, "LTAIa");
  EXPECT_EQ(named->credentials.secret, "sa");
  EXPECT_EQ(named->credentials.token, "");
}

TEST(Credentials, AlibabaEnvironmentVariablesAreRead) {
  TempHome home;
  auto found = alibaba_credentials({environment({{"ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIenv"},
                                                 {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", kCanary},
                                                 {"ALIBABA_CLOUD_SECURITY_TOKEN", "sts"}}),
                                    home.path(), "ignored-when-the-environment-has-keys"});
  ASSERT_TRUE(found);
  EXPECT_EQ(found->credentials.id, "LTAIenv");
  EXPECT_EQ(found->credentials.token, "sts");
}

TEST(Credentials, AHalfSetEnvironmentNamesTheMissingVariableAndNoSecret) {
  TempHome home;
  const std::string e = error_of([&] {
    tencent_credentials({environment({{"TENCENTCLOUD_SECRET_KEY", kCanary}}), home.path(), ""});
  });
  EXPECT_NE(e.find("[credentials.incomplete] environment: TENCENTCLOUD_SECRET_KEY is set but "
                   "TENCENTCLOUD_SECRET_ID is not"),
            std::string::npos)
      << e;
  EXPECT_EQ(e.find(kCanary), std::string::npos) << e;
}

TEST(Credentials, AnUnknownProfileNamesTheFile) {
  TempHome home;
  const std::string tc = error_of([&] {
    tencent_credentials({environment({}), home.path(), "nope"});
  });
  EXPECT_NE(tc.find(home.path() + "/.tccli/nope.credential"), std::string::npos) << tc;
  home.write(".aliyun/config.json", R"({"current": "a", "profiles": [{"name": "a", "mode": "AK",
      "access_key_id": "LTAIa", "access_key_secret": ")" +
                                        kCanary + R"("}]})");
  const std::string al = error_of([&] {
    alibaba_credentials({environment({}), home.path(), "nope"});
  });
  EXPECT_NE(al.find(home.path() + "/.aliyun/config.json: /profiles: no profile named \"nope\""),
            std::string::npos)
      << al;
  EXPECT_EQ(al.find(kCanary), std::string::npos) << al;
}

TEST(Credentials, MalformedFilesNameFileAndPointerButNoSecret) {
  TempHome home;
  const std::string tc_file = home.write(".tccli/default.credential",
                                         R"({"secretId": 7, "secretKey": ")" + kCanary + R"("})");
  const std::string tc = error_of([&] { tencent_credentials({environment({}), home.path(), ""}); });
  EXPECT_NE(tc.find("[credentials.wrong_type] " + tc_file + ": /secretId:"), std::string::npos)
      << tc;
  EXPECT_EQ(tc.find(kCanary), std::string::npos) << tc;

  const std::string al_file =
      home.write(".aliyun/config.json", R"({"current": "a", "profiles": [{"name": "a",
      "mode": "RamRoleArn", "access_key_id": "LTAIa", "access_key_secret": ")" +
                                            kCanary + R"("}]})");
  const std::string al = error_of([&] { alibaba_credentials({environment({}), home.path(), ""}); });
  EXPECT_NE(al.find("[credentials.unsupported_mode] " + al_file + ": /profiles/0/mode:"),
            std::string::npos)
      << al;
  EXPECT_EQ(al.find(kCanary), std::string::npos) << al;
}

TEST(Credentials, MaskedIdsHideTheMiddle) {
  EXPECT_EQ(target::masked_id("AKIDcloudconformEMULATOR0000000000"), "AKID...0000");
  EXPECT_EQ(target::masked_id("short"), "*****");
}

}  // namespace
}  // namespace cc::test
