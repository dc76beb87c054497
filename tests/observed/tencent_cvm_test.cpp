// Ten real exchanges with Tencent CVM (shared/reference/observed/tencent-cvm-2022-09.json),
// replayed through the harness as if a run had received them: the Tencent client's reading of
// each answer, the catalogue's status model for every state the service showed, and the model's
// verdict on the stop, the start and the refused request it recorded. A real service doing what
// it did must never be a harness error, a protocol break or a model violation here; where one
// is, the catalogue or the model over-reaches, not the service.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "harness/core/catalogue.h"
#include "harness/model/judge.h"
#include "harness/model/model.h"
#include "harness/tencent/client.h"

namespace cc::observed {
namespace {

using nlohmann::json;

const std::string kRecording =
    std::string(CLOUDCONFORM_SHARED_DIR) + "/reference/observed/tencent-cvm-2022-09.json";

const core::Catalogue& catalogue() {
  static const core::Catalogue c =
      core::load_catalogue(std::string(CLOUDCONFORM_FIXTURES_DIR) + "/apis");
  return c;
}

const json& recording() {
  static const json r = [] {
    std::ifstream in(kRecording);
    if (!in) throw std::runtime_error("the recording is missing at " + kRecording);
    return json::parse(in);
  }();
  return r;
}

const json& exchanges() { return recording().at("exchanges"); }

std::string name_of(const json& e) {
  return e.at("scenario").get<std::string>() + " / " + std::to_string(e.at("step").get<int>()) +
         " " + e.at("request").at("action").get<std::string>();
}

const json& exchange(const std::string& scenario, int step) {
  for (const auto& e : exchanges())
    if (e.at("scenario") == scenario && e.at("step") == step) return e;
  throw std::runtime_error("the recording has no exchange " + scenario + " / " +
                           std::to_string(step));
}

// The catalogued API an exchange called; nullptr for an action the suite does not use
// (TerminateInstances).
const core::Api* api_of(const json& e) {
  return catalogue().find("tencent", e.at("request").at("version"), e.at("request").at("action"));
}

// The recorded answer as the HTTP layer would hand it over. The body was recorded as JSON, so
// its bytes are re-serialised; nothing the parse reads depends on the formatting.
core::HttpResponse response_of(const json& e) {
  const json& r = e.at("response");
  core::HttpResponse out;
  out.status = r.at("status");
  for (const auto& [name, value] : r.at("headers").items())
    out.headers.emplace_back(name, value.get<std::string>());
  out.body = r.at("body").dump();
  return out;
}

// A client that never sends: only its reading of answers is used.
tencent::Client reader() {
  core::ClientConfig config;
  config.endpoint = [](const core::Api&) {
    return core::Endpoint{"https://cvm.tencentcloudapi.com", ""};
  };
  return tencent::Client(config, core::system_context());
}

// What a run makes of a recorded answer: WireClient::read for a catalogued API (the checks for
// what is no answer, the envelope parse, the foreign-answer check), and for an uncatalogued
// action the same minus the foreign-answer check, which needs the API's documented shape.
core::Outcome read(const json& e) {
  const tencent::Client client = reader();
  const core::HttpResponse response = response_of(e);
  if (const core::Api* api = api_of(e)) return client.read(*api, response);
  core::Outcome o;
  if (auto why = core::unreadable_answer(response)) {
    o.transport_error = *why;
    return o;
  }
  return client.parse(response);
}

std::string breaks_of(const core::Outcome& o) {
  std::string out;
  for (const auto& b : o.protocol_breaks) out += (out.empty() ? "" : "; ") + b.message;
  return out;
}

// The instances of a recorded DescribeInstances answer, read where the catalogue says they are.
std::vector<json> described_instances(const json& e) {
  const core::Api* api = api_of(e);
  if (!api || api->response.instances.empty()) return {};
  const json& list = e.at("response").at("body").at(json::json_pointer(api->response.instances));
  return std::vector<json>(list.begin(), list.end());
}

// The canonical state of the one instance a recorded describe shows.
std::string state_in(const std::string& scenario, int step) {
  const json& e = exchange(scenario, step);
  const core::Api& describe = *api_of(e);
  const std::vector<json> instances = described_instances(e);
  if (instances.size() != 1) throw std::runtime_error(scenario + " shows no single instance");
  const std::string wire = instances[0].at(describe.response.instance_fields.at("state"));
  return describe.status_model.canonical(wire).value_or("not a documented state: " + wire);
}

json request_params(const json& e) {
  return json::parse(e.at("request").at("body").get<std::string>());
}

// The model's verdict on a recorded call: the world before it (the instance as the describe
// before the call showed it), the answer, and the state the describe after it showed.
model::Judgement judge_recorded(const json& call, const std::map<std::string, std::string>& before,
                                const std::map<std::string, std::string>& after) {
  const core::Api& api = *api_of(call);
  model::World world;
  for (const auto& [id, state] : before) world[id].states = {state};
  const model::Model m(catalogue());
  const model::Expectation expected = m.expect(api, world, request_params(call));
  return model::judge(expected, read(call), after);
}

TEST(ObservedTencentCvm, TheRecordingHoldsTheTenExchangesItsReadmeLists) {
  EXPECT_EQ(recording().at("schema"), "cloudconform.observed/1");
  EXPECT_EQ(exchanges().size(), 10u);
}

TEST(ObservedTencentCvm, EveryRecordedCallButTerminateIsACataloguedApi) {
  for (const auto& e : exchanges()) {
    SCOPED_TRACE(name_of(e));
    if (e.at("request").at("action") == "TerminateInstances") {
      EXPECT_EQ(api_of(e), nullptr) << "the suite never terminates: it is not catalogued";
      continue;
    }
    const core::Api* api = api_of(e);
    ASSERT_NE(api, nullptr);
    EXPECT_EQ(api->product, "cvm");
  }
}

TEST(ObservedTencentCvm, EveryRecordedAnswerParses) {
  for (const auto& e : exchanges()) {
    SCOPED_TRACE(name_of(e));
    const core::Outcome o = read(e);
    EXPECT_FALSE(o.harness_error()) << o.transport_error;
    EXPECT_EQ(o.http_status, 200);
    const json& answer = e.at("response").at("body").at("Response");
    EXPECT_EQ(o.request_id, answer.at("RequestId"));
    if (answer.contains("Error")) {
      EXPECT_FALSE(o.ok);
      EXPECT_EQ(o.code, answer.at("Error").at("Code"));
    } else {
      EXPECT_TRUE(o.ok) << o.summary();
    }
  }
}

TEST(ObservedTencentCvm, NoRecordedAnswerBreaksTheProtocol) {
  for (const auto& e : exchanges()) {
    SCOPED_TRACE(name_of(e));
    const core::Outcome o = read(e);
    EXPECT_TRUE(o.protocol_breaks.empty()) << breaks_of(o);
  }
}

// The refusal of InstanceIds given as a string carries a message in Chinese: messages are not
// stable text, and a parse that read them would be wrong.
TEST(ObservedTencentCvm, ARecordedErrorInChineseIsAnOrdinaryRefusal) {
  const core::Outcome o = read(exchange("test_cvm_exec_exception", 0));
  EXPECT_FALSE(o.harness_error()) << o.transport_error;
  EXPECT_EQ(o.code, "InvalidParameter");
  EXPECT_FALSE(o.message.empty());
}

TEST(ObservedTencentCvm, EveryRecordedInstanceStateIsADocumentedWireState) {
  int seen = 0;
  for (const auto& e : exchanges()) {
    const core::Api* api = api_of(e);
    if (!api || api->response.instances.empty()) continue;
    SCOPED_TRACE(name_of(e));
    for (const json& instance : described_instances(e)) {
      const std::string wire = instance.at(api->response.instance_fields.at("state"));
      EXPECT_TRUE(api->status_model.canonical(wire).has_value())
          << wire << " is not among the documented states";
      // The stop API's own status model knows every state the describe showed too.
      EXPECT_TRUE(
          catalogue().find("TencentCvmStopInstances")->status_model.canonical(wire).has_value())
          << wire;
      ++seen;
    }
  }
  EXPECT_EQ(seen, 5)
      << "six describes: five show the one instance, the one after the termination none";
}

TEST(ObservedTencentCvm, EveryRecordedRequestIdHasTheObservedFormat) {
  const core::Api& stop = *catalogue().find("TencentCvmStopInstances");
  ASSERT_TRUE(stop.response.request_id_format);
  const std::regex format(stop.response.request_id_format->pattern);
  for (const auto& e : exchanges()) {
    SCOPED_TRACE(name_of(e));
    const std::string id = read(e).request_id;
    EXPECT_TRUE(std::regex_match(id, format)) << id;
  }
}

// O2: ten seconds after the stop the instance is still STOPPING and its latest operation already
// reads SUCCESS, naming the stop. The catalogue says the contract allows it.
TEST(ObservedTencentCvm, TheAsyncContractAllowsSuccessWhileStillStopping) {
  const core::Api& stop = *catalogue().find("TencentCvmStopInstances");
  const core::Api& describe = *catalogue().find("TencentCvmDescribeInstances");
  ASSERT_TRUE(stop.async && stop.async->success_while_in_transit);
  EXPECT_TRUE(stop.async->success_while_in_transit->value);
  const json after = described_instances(exchange("test_cvm_stop", 2)).at(0);
  const auto& fields = describe.response.instance_fields;
  EXPECT_EQ(after.at(fields.at("latest_operation_state")), stop.async->success);
  EXPECT_EQ(describe.status_model.canonical(after.at(fields.at("state"))),
            stop.status_model.transitions.at(0).via);
  EXPECT_EQ(after.at(fields.at("latest_operation")), stop.action);
  EXPECT_EQ(after.at(fields.at("latest_operation_request_id")),
            read(exchange("test_cvm_stop", 1)).request_id);
}

TEST(ObservedTencentCvm, TheModelAllowsTheRecordedStopOfARunningInstance) {
  const json& call = exchange("test_cvm_stop", 1);
  const std::string id = request_params(call).at("InstanceIds").at(0);
  const std::string before = state_in("test_cvm_stop", 0), after = state_in("test_cvm_stop", 2);
  ASSERT_EQ(before, "RUNNING");
  const model::Judgement j = judge_recorded(call, {{id, before}}, {{id, after}});
  EXPECT_TRUE(j.agrees) << j.message;
  EXPECT_EQ(j.outcome_class, "accepted");
}

TEST(ObservedTencentCvm, TheModelAllowsTheRecordedStartOfAStoppedInstance) {
  const json& call = exchange("test_cvm_start", 1);
  const std::string id = request_params(call).at("InstanceIds").at(0);
  const std::string before = state_in("test_cvm_start", 0), after = state_in("test_cvm_start", 2);
  ASSERT_EQ(before, "STOPPED");
  const model::Judgement j = judge_recorded(call, {{id, before}}, {{id, after}});
  EXPECT_TRUE(j.agrees) << j.message;
}

// O7: InstanceIds as a string instead of a list is refused with InvalidParameter, which the model
// allows for a parameter value of the wrong type (protocols A6's common code).
TEST(ObservedTencentCvm, TheModelAllowsTheRecordedRefusalOfInstanceIdsGivenAsAString) {
  const json& call = exchange("test_cvm_exec_exception", 0);
  ASSERT_TRUE(request_params(call).at("InstanceIds").is_string());
  const model::Judgement j = judge_recorded(call, {}, {});
  EXPECT_TRUE(j.agrees) << j.message;
}

}  // namespace
}  // namespace cc::observed
