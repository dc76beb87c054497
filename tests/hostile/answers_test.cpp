// What a hostile target answers that is no answer (harness/core/wire_client.h): each check says
// why, and leaves real answers — errors in the provider's envelope included — to the suite.
#include <gtest/gtest.h>

#include "harness/core/catalogue.h"
#include "harness/core/wire_client.h"

namespace cc::test {
namespace {

using nlohmann::json;

const core::Catalogue& catalogue() {
  static const core::Catalogue c =
      core::load_catalogue(std::string(CLOUDCONFORM_FIXTURES_DIR) + "/apis");
  return c;
}

const core::Api& api(const std::string& id) {
  const core::Api* a = catalogue().find(id);
  if (!a) throw std::runtime_error("no API " + id);
  return *a;
}

core::HttpResponse response(int status, const std::string& type, const std::string& body) {
  core::HttpResponse r;
  r.status = status;
  if (!type.empty()) r.headers = {{"Content-Type", type}};
  r.body = body;
  return r;
}

core::Outcome accepted(json body) {
  core::Outcome o;
  o.ok = true;
  o.http_status = 200;
  o.body = std::move(body);
  return o;
}

bool says(const std::optional<std::string>& why, const std::string& what) {
  return why && why->find(what) != std::string::npos;
}

TEST(HostileAnswers, AServerErrorPageIsNotAnAnswer) {
  auto why = core::unreadable_answer(
      response(503, "text/html", "<html>503 Service Temporarily Unavailable</html>"));
  EXPECT_TRUE(says(why, "HTTP 503: a server error without the provider's error envelope"))
      << why.value_or("");
  EXPECT_TRUE(says(why, "<html>503")) << "the message quotes the body";
}

TEST(HostileAnswers, AServerErrorInTheEnvelopeIsAnAnswer) {
  EXPECT_EQ(core::unreadable_answer(
                response(500, "application/json;charset=utf-8",
                         R"({"RequestId":"r","Code":"InternalError","Message":"m"})")),
            std::nullopt);
}

TEST(HostileAnswers, AServerErrorInJsonIsLeftToTheProvidersEnvelope) {
  // The adapter tells a gateway's JSON page (nothing of its envelope) from its API's broken error.
  const core::HttpResponse gateway =
      response(502, "application/json", R"({"message":"Bad Gateway"})");
  EXPECT_EQ(core::unreadable_answer(gateway), std::nullopt);
  EXPECT_EQ(
      core::server_error_without_envelope(gateway),
      "HTTP 502: a server error without the provider's error envelope (application/json, 25 bytes: "
      "\"{\"message\":\"Bad Gateway\"}\")");
}

TEST(HostileAnswers, AContentTypeThatIsNotJsonIsNotAnAnswer) {
  auto why = core::unreadable_answer(
      response(200, "text/html; charset=utf-8", R"({"Response":{"RequestId":"r"}})"));
  EXPECT_TRUE(says(why, "Content-Type is text/html; charset=utf-8, not JSON")) << why.value_or("");
  EXPECT_EQ(core::unreadable_answer(response(200, "application/json; charset=utf-8", "{}")),
            std::nullopt);
  EXPECT_EQ(core::unreadable_answer(response(200, "application/vnd.api+json", "{}")), std::nullopt);
  EXPECT_EQ(core::unreadable_answer(response(200, "", "{}")), std::nullopt)
      << "no Content-Type: the body decides";
}

TEST(HostileAnswers, ARefusedBodyThatIsNotJsonSaysSo) {
  EXPECT_EQ(core::explain_refusal(response(200, "application/json", "upstream connect error"),
                                  "not an envelope"),
            "HTTP 200: the body is not JSON (22 bytes: \"upstream connect error\")");
  EXPECT_EQ(core::explain_refusal(response(200, "application/json", "[1]"), "not an envelope"),
            "not an envelope");
}

TEST(HostileAnswers, AListingAnswerToAStopAnswersAnotherRequest) {
  const json listing = {
      {"Response",
       {{"RequestId", "r1"},
        {"TotalCount", 1},
        {"InstanceSet", {{{"InstanceId", "ins-1"}, {"InstanceState", "RUNNING"}}}}}}};
  auto why = core::foreign_answer(api("TencentCvmStopInstances"), accepted(listing));
  EXPECT_TRUE(says(why, "carries a listing (InstanceSet)")) << why.value_or("");
  EXPECT_TRUE(says(why, "answers another request"));
  EXPECT_EQ(core::foreign_answer(api("TencentCvmDescribeInstances"), accepted(listing)),
            std::nullopt);
  // An empty listing is a listing all the same.
  why = core::foreign_answer(
      api("TencentLighthouseStopInstances"),
      accepted(
          {{"Response", {{"RequestId", "r"}, {"TotalCount", 0}, {"InstanceSet", json::array()}}}}));
  EXPECT_TRUE(says(why, "carries a listing (InstanceSet)")) << why.value_or("");
}

TEST(HostileAnswers, AMemberANewerVersionAddsIsNoListing) {
  // The documents allow fields a newer API version adds, arrays included: only a count of what
  // is listed marks a Describe answer.
  const json newer = {{"Response",
                       {{"RequestId", "r1"},
                        {"NewerVersionField", {{"Items", json::array({1, 2})}}},
                        {"Warnings", json::array()}}}};
  EXPECT_EQ(core::foreign_answer(api("TencentCvmStopInstances"), accepted(newer)), std::nullopt);
}

TEST(HostileAnswers, ADescribeAnswerWithoutItsListAnswersAnotherRequest) {
  auto why = core::foreign_answer(api("TencentCvmDescribeInstances"),
                                  accepted({{"Response", {{"RequestId", "r"}}}}));
  EXPECT_TRUE(says(why, "has no /Response/InstanceSet: it answers another request"))
      << why.value_or("");
  // ECM may answer a null list: present, so its own.
  EXPECT_EQ(core::foreign_answer(
                api("TencentEcmDescribeInstances"),
                accepted({{"Response", {{"RequestId", "r"}, {"InstanceSet", nullptr}}}})),
            std::nullopt);
  why = core::foreign_answer(api("AlibabaEcsDescribeInstances"), accepted({{"RequestId", "r"}}));
  EXPECT_TRUE(says(why, "has no /Instances/Instance")) << why.value_or("");
}

TEST(HostileAnswers, AnAlibabaActionKeepsItsOwnPerInstanceList) {
  const json batch = {
      {"RequestId", "r"},
      {"InstanceResponses", {{"InstanceResponse", {{{"InstanceId", "i-1"}, {"Code", "200"}}}}}}};
  EXPECT_EQ(core::foreign_answer(api("AlibabaEcsStopInstances"), accepted(batch)), std::nullopt);
  const json listing = {
      {"RequestId", "r"},
      {"TotalCount", 1},
      {"Instances", {{"Instance", {{{"InstanceId", "i-1"}, {"Status", "Running"}}}}}}};
  auto why = core::foreign_answer(api("AlibabaEcsStopInstance"), accepted(listing));
  EXPECT_TRUE(says(why, "carries a listing (Instances)")) << why.value_or("");
}

TEST(HostileAnswers, AnErrorAnswerIsLeftToTheSuite) {
  core::Outcome refused;
  refused.code = "IncorrectInstanceStatus";
  refused.body = {{"RequestId", "r"}, {"Code", "IncorrectInstanceStatus"}};
  EXPECT_EQ(core::foreign_answer(api("AlibabaEcsDescribeInstances"), refused), std::nullopt);
}

}  // namespace
}  // namespace cc::test
