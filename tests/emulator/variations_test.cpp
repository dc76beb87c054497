// Each variation does what it says — and only when asked: the same probe on a faithful emulator
// shows the default. Unlike a deviation, a variation breaks nothing the documents say, so every
// answer stays readable by the harness's clients (tests/CMakeLists.txt runs the whole suite
// through each one).
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <regex>

#include "emulator_fixture.h"
#include "harness/core/encoding.h"

namespace cc::test {
namespace {

using nlohmann::json;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using RawAnswer = http::response<http::string_body>;

// An unsigned request any emulator answers with a Tencent error envelope (MissingParameter).
constexpr const char* kUnsigned =
    "GET /?Action=DescribeInstances HTTP/1.1\r\nHost: cvm.tencentcloudapi.com\r\n\r\n";

class Variation : public EmulatorTest {
 protected:
  // Sends the raw request `times` times on one connection, one after the other; the answers
  // read, and whether the server had closed the connection before all were answered.
  std::pair<std::vector<RawAnswer>, bool> raw(const std::string& request, int times) {
    boost::asio::io_context io;
    tcp::socket socket(io);
    const std::string url = emulator_->base_url();
    socket.connect({boost::asio::ip::make_address("127.0.0.1"),
                    static_cast<unsigned short>(std::stoi(url.substr(url.rfind(':') + 1)))});
    boost::beast::flat_buffer buffer;
    std::vector<RawAnswer> answers;
    bool closed = false;
    for (int i = 0; i < times && !closed; ++i) {
      boost::system::error_code ec;
      boost::asio::write(socket, boost::asio::buffer(request), ec);
      RawAnswer a;
      http::read(socket, buffer, a, ec);
      if (ec)
        closed = true;
      else
        answers.push_back(std::move(a));
    }
    return {answers, closed};
  }

  // The raw answer to a signed Tencent call, as the client received it.
  core::HttpResponse raw_tencent(const core::Api& api, const json& params) {
    std::vector<core::Exchange> seen;
    tencent_client({}, 0, recording(seen)).call(api, params);
    return seen.at(0).response;
  }

  std::string stop_and_describe_state(const core::Api& stop, const std::string& product) {
    control("/_cloudconform/v1/config", {{"transition_ms", 60000}}, 200);
    const std::string id = create(stop, "RUNNING");
    EXPECT_TRUE(tencent_client().call(stop, {{"InstanceIds", {id}}}).ok);
    const json listed = control("/_cloudconform/v1/instances?product=" + product, nullptr, 200);
    for (const auto& i : listed["instances"])
      if (i["id"] == id)
        return i["state"].get<std::string>() + " " + i["latest_operation_state"].get<std::string>();
    return "ABSENT";
  }
};

TEST_F(Variation, Chunked) {
  auto [faithful, f_closed] = raw(kUnsigned, 1);
  ASSERT_EQ(faithful.size(), 1u);
  EXPECT_TRUE(faithful[0].has_content_length());
  EXPECT_FALSE(faithful[0].chunked());
  start_with({}, {"chunked"});
  auto [varied, v_closed] = raw(kUnsigned, 2);
  ASSERT_EQ(varied.size(), 2u) << "the connection stays open";
  EXPECT_TRUE(varied[0].chunked());
  EXPECT_FALSE(varied[0].has_content_length());
  EXPECT_EQ(json::parse(varied[0].body())["Response"]["Error"]["Code"],
            json::parse(faithful[0].body())["Response"]["Error"]["Code"]);
  EXPECT_TRUE(tencent_client().call(api("TencentCvmDescribeInstances"), json::object()).ok)
      << "the harness reads it";
}

TEST_F(Variation, ConnectionClose) {
  auto [faithful, f_closed] = raw(kUnsigned, 2);
  EXPECT_EQ(faithful.size(), 2u) << "keep-alive by default";
  EXPECT_FALSE(f_closed);
  EXPECT_NE(faithful.at(0)[http::field::connection], "close");
  start_with({}, {"connection-close"});
  auto [varied, v_closed] = raw(kUnsigned, 2);
  ASSERT_EQ(varied.size(), 1u);
  EXPECT_EQ(varied[0][http::field::connection], "close");
  EXPECT_TRUE(v_closed) << "closed after the answer: the second request got none";
  EXPECT_TRUE(tencent_client().call(api("TencentCvmDescribeInstances"), json::object()).ok);
}

TEST_F(Variation, ExtraFields) {
  const core::Api& describe = api("TencentCvmDescribeInstances");
  auto probe = [&] {
    create(api("TencentCvmStopInstances"), "RUNNING");
    const json ok = tencent_client().call(describe, json::object()).body;
    const json error =
        tencent_client()
            .call(api("TencentCvmStopInstances"), {{"InstanceIds", {"ins-00000000"}}})
            .body;
    const json ali = alibaba_client()
                         .call(api("AlibabaEcsStopInstance"), {{"InstanceId", "i-000000000000"}})
                         .body;
    create(api("AlibabaEcsStopInstances"), "RUNNING");
    const json ali_ok =
        alibaba_client().call(api("AlibabaEcsDescribeInstances"), json::object()).body;
    return std::vector<json>{ok["Response"],
                             ok["Response"]["InstanceSet"][0],
                             error["Response"],
                             error["Response"]["Error"],
                             ali,
                             ali_ok,
                             ali_ok["Instances"]["Instance"][0]};
  };
  for (const json& j : probe()) EXPECT_FALSE(j.contains("NewerVersionField")) << j.dump();
  start_with({}, {"extra-fields"});
  for (const json& j : probe()) EXPECT_TRUE(j.contains("NewerVersionField")) << j.dump();
}

TEST_F(Variation, OtherWording) {
  auto probe = [&] {
    core::Outcome t =
        tencent_client().call(api("TencentCvmStopInstances"), {{"InstanceIds", {"ins-00000000"}}});
    core::Outcome a =
        alibaba_client().call(api("AlibabaEcsStopInstance"), {{"InstanceId", "i-000000000000"}});
    return std::pair{t, a};
  };
  auto [t1, a1] = probe();
  start_with({}, {"other-wording"});
  auto [t2, a2] = probe();
  for (const auto& [faithful, varied] : {std::pair{t1, t2}, std::pair{a1, a2}}) {
    EXPECT_EQ(varied.code, faithful.code);
    EXPECT_EQ(varied.http_status, faithful.http_status);
    EXPECT_NE(varied.message, faithful.message);
    EXPECT_NE(varied.message.find("请求未能完成"), std::string::npos) << varied.message;
  }
}

TEST_F(Variation, RequestIdFormat) {
  const std::regex lower("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  const std::regex upper("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");
  const core::Api& stop = api("TencentLighthouseStopInstances");
  auto probe = [&] {
    const std::string id = create(stop, "RUNNING");
    core::Outcome o = tencent_client().call(stop, {{"InstanceIds", {id}}});
    core::Outcome d =
        tencent_client().call(api("TencentLighthouseDescribeInstances"), {{"InstanceIds", {id}}});
    core::Outcome a = alibaba_client().call(api("AlibabaEcsDescribeInstances"), json::object());
    return std::tuple{
        o.request_id,
        d.body["Response"]["InstanceSet"][0]["LatestOperationRequestId"].get<std::string>(),
        a.request_id};
  };
  auto [stop_rid, latest, ali] = probe();
  EXPECT_TRUE(std::regex_match(stop_rid, lower)) << stop_rid;
  EXPECT_EQ(latest, stop_rid);
  EXPECT_TRUE(std::regex_match(ali, upper)) << ali;
  start_with({}, {"request-id-format"});
  auto [v_stop_rid, v_latest, v_ali] = probe();
  EXPECT_TRUE(std::regex_match(v_stop_rid, upper)) << v_stop_rid;
  EXPECT_TRUE(std::regex_match(v_latest, lower)) << v_latest;
  EXPECT_TRUE(core::to_lower(v_stop_rid) == v_latest) << "the same id, differing only in case";
  EXPECT_TRUE(std::regex_match(v_ali, lower)) << v_ali;
}

TEST_F(Variation, JsonStyle) {
  auto [faithful, f_closed] = raw(kUnsigned, 1);
  const std::string& fb = faithful.at(0).body();
  EXPECT_EQ(fb.find('\n'), std::string::npos);
  EXPECT_LT(fb.find("\"Error\""), fb.find("\"RequestId\""));
  start_with({}, {"json-style"});
  auto [varied, v_closed] = raw(kUnsigned, 1);
  const std::string& vb = varied.at(0).body();
  EXPECT_NE(vb.find("\n  "), std::string::npos) << "pretty-printed: " << vb;
  EXPECT_GT(vb.find("\"Error\""), vb.find("\"RequestId\"")) << "keys reversed: " << vb;
  EXPECT_GT(vb.find("\"Code\""), vb.find("\"Message\"")) << vb;
  EXPECT_EQ(json::parse(vb)["Response"]["Error"]["Code"],
            json::parse(fb)["Response"]["Error"]["Code"]);
  EXPECT_TRUE(tencent_client().call(api("TencentCvmDescribeInstances"), json::object()).ok);
}

TEST_F(Variation, SuccessWhileStopping) {
  const core::Api& stop = api("TencentLighthouseStopInstances");
  EXPECT_EQ(stop_and_describe_state(stop, "lighthouse"), "STOPPING OPERATING");
  start_with({}, {"success-while-stopping"});
  EXPECT_EQ(stop_and_describe_state(stop, "lighthouse"), "STOPPING SUCCESS");
}

TEST_F(Variation, ALatencyAndEveryVariationTogetherStillServe) {
  std::vector<std::string> all;
  for (const auto& v : emu::known_variations()) all.push_back(v.name);
  start_with({}, all, std::chrono::milliseconds(20));
  const core::Api& stop = api("AlibabaEcsStopInstances");
  const std::string id = create(stop, "RUNNING");
  core::Outcome o =
      alibaba_client().call(stop, {{"InstanceId", {id}}, {"BatchOptimization", "SuccessFirst"}});
  EXPECT_TRUE(o.ok) << o.summary();
  EXPECT_TRUE(tencent_client().call(api("TencentEcmDescribeInstances"), json::object()).ok);
}

TEST_F(Variation, UnknownNamesAreRefusedWithTheList) {
  try {
    emu::Variations v({"made-up"});
    FAIL() << "accepted an unknown variation";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("success-while-stopping"), std::string::npos) << e.what();
  }
  EXPECT_THROW(control("/_cloudconform/v1/config", {{"variations", {"nope"}}}, 200),
               std::runtime_error);
}

TEST_F(Variation, CanBeSetAndReadThroughTheControlPlane) {
  EXPECT_EQ(control("/_cloudconform/v1/config", nullptr, 200)["variations"], json::array());
  const json set =
      control("/_cloudconform/v1/config", {{"variations", {"json-style", "chunked"}}}, 200);
  EXPECT_EQ(set["variations"], json({"chunked", "json-style"}));
  EXPECT_EQ(control("/_cloudconform/v1/info", nullptr, 200)["variations"],
            json({"chunked", "json-style"}));
  auto [answers, closed] = raw(kUnsigned, 1);
  EXPECT_TRUE(answers.at(0).chunked());
}

}  // namespace
}  // namespace cc::test
