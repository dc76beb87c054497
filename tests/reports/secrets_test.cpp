#include <gtest/gtest.h>

#include "reports/redact.h"
#include "tests/reports/test_data.h"

namespace cc::reports::testing {
namespace {

using nlohmann::json;

// The emulator's well-known secret keys: never on the wire, so never in a results file nor in
// a report — even the hand-made canary file, which holds them in secret-named fields.
const char* const kEmulatorSecrets[] = {"cloudconformEmulatorTencentKey00",
                                        "cloudconformEmulatorAlibabaSecret"};
// Every canary token of canary.json starts with this.
const char* const kCanaryPrefix = "CANARY-";

TEST(ReportSecrets, TheCanaryFileReallyHoldsTheSecrets) {
  // Without them in the input the tests below could not fail.
  const std::string raw = read_text(data_path(kCanary));
  for (const char* s : kEmulatorSecrets) EXPECT_NE(raw.find(s), std::string::npos) << s;
  EXPECT_GE(std::count(raw.begin(), raw.end(), '\n'), 10);
  size_t canaries = 0;
  for (size_t p = raw.find(kCanaryPrefix); p != std::string::npos;
       p = raw.find(kCanaryPrefix, p + 1))
    ++canaries;
  EXPECT_GE(canaries, 9u);
}

TEST(ReportSecrets, NoReportOfTheCanaryFileContainsACanaryToken) {
  for (const auto& [name, text] : all_reports(load_data(kCanary))) {
    EXPECT_EQ(text.find(kCanaryPrefix), std::string::npos)
        << name << ": ..."
        << text.substr(text.find(kCanaryPrefix) - std::min<size_t>(text.find(kCanaryPrefix), 80),
                       120);
  }
}

TEST(ReportSecrets, NoReportOfAnyDataFileContainsTheEmulatorSecretKeys) {
  const auto files = data_files();
  ASSERT_GE(files.size(), 4u);
  for (const auto& file : files)
    for (const auto& [name, text] : all_reports(load_data(file)))
      for (const char* s : kEmulatorSecrets)
        EXPECT_EQ(text.find(s), std::string::npos) << file << " " << name << ": " << s;
}

TEST(ReportSecrets, TheTranscriptStillShowsWhatIsNotSecret) {
  // Redaction that hid everything would pass the tests above; this one keeps it honest.
  const std::string html = all_reports(load_data(kCanary))[2].second;
  EXPECT_NE(html.find("Authorization: TC3-HMAC-SHA256 "
                      "Credential=AKIDcloudconformEMULATOR0000000000/2026-01-01/cvm/"
                      "tc3_request, SignedHeaders=content-type;host, Signature=***"),
            std::string::npos);
  EXPECT_NE(html.find("Authorization: Bearer ***"), std::string::npos);
  EXPECT_NE(html.find("X-TC-Token: ***"), std::string::npos);
  EXPECT_NE(html.find("AccessKeyId = LTAIcloudconformEMULATOR"), std::string::npos);
  EXPECT_NE(html.find("AccessKeySecret = ***"), std::string::npos);
  EXPECT_NE(html.find("&quot;InstanceIds&quot;"), std::string::npos);
  EXPECT_NE(html.find("?Signature=***&amp;SignatureNonce=n-1"), std::string::npos);
  EXPECT_NE(html.find("LTAIcloudconformEMULATOR"),
            std::string::npos);  // the target's key id is public
}

TEST(ReportSecrets, SensitiveNamesAreSecretsAndIdsAreNot) {
  for (const char* name :
       {"SecretKey", "AccessKeySecret", "SecurityToken", "X-TC-Token", "x-acs-security-token",
        "Token", "Password", "Signature", "Authorization", "Cookie", "tencent_secret_key"})
    EXPECT_TRUE(sensitive_name(name)) << name;
  for (const char* name : {"SecretId", "AccessKeyId", "tencent_secret_id", "SignatureNonce",
                           "SignatureMethod", "InstanceIds", "Host", "RequestId"})
    EXPECT_FALSE(sensitive_name(name)) << name;
}

TEST(ReportSecrets, RedactsBodiesOfEveryShape) {
  EXPECT_EQ(redact_body(R"({"a":{"SecretKey":"s"},"b":[{"Token":"t"}],"Id":"i"})"),
            R"({"a":{"SecretKey":"***"},"b":[{"Token":"***"}],"Id":"i"})");
  EXPECT_EQ(redact_body("A=1&Access%4BeySecret=x&Signature=y"),
            "A=1&Access%4BeySecret=***&Signature=***");
  EXPECT_EQ(redact_body("plain text SecretKey=x"),
            "plain text SecretKey=x");  // not a form: left as it came
  EXPECT_EQ(redact_body(R"({"Id":"i"})"), R"({"Id":"i"})");
  EXPECT_EQ(redact_url("http://h/p?Signature=s&A=1#f"), "http://h/p?Signature=***&A=1#f");
  EXPECT_EQ(redact_authorization("Basic dXNlcjpwYXNz=="), "Basic ***");
  EXPECT_EQ(redact_authorization("secret"), "***");
  EXPECT_EQ(public_identity(json{{"name", "n"}, {"nested", {{"api_key_secret", "x"}, {"id", 1}}}}),
            (json{{"name", "n"}, {"nested", {{"id", 1}}}}));
}

}  // namespace
}  // namespace cc::reports::testing
