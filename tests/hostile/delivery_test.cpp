// The server's hostile deliveries (emulator/http_server.h, Delivery) as the harness's client
// sees them: each becomes a transport error that says what happened, none holds the server.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "emulator/http_server.h"
#include "harness/core/http_client.h"

namespace cc::test {
namespace {

using Clock = std::chrono::steady_clock;

struct Server {
  explicit Server(emu::Handler handler, int threads = 1) : http(std::move(handler), threads) {
    port = http.start("127.0.0.1", 0);
  }
  std::string url(const std::string& path = "/") const {
    return "http://127.0.0.1:" + std::to_string(port) + path;
  }
  emu::HttpServer http;
  std::uint16_t port = 0;
};

emu::HttpResponseOut answer(std::string body, emu::Delivery delivery = emu::Delivery::normal) {
  emu::HttpResponseOut out;
  out.body = std::move(body);
  out.delivery = delivery;
  return out;
}

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

TEST(HostileDelivery, AResetConnectionIsAConnectionResetError) {
  Server server([](const emu::HttpRequestIn&) { return answer("{}", emu::Delivery::reset); });
  core::HttpResponse r = core::HttpClient().send({"GET", server.url(), {}, ""});
  EXPECT_FALSE(r.received());
  EXPECT_TRUE(starts_with(r.transport_error, core::kConnectionReset)) << r.transport_error;
}

TEST(HostileDelivery, AHalfSentBodyIsATruncatedAnswer) {
  Server server([](const emu::HttpRequestIn&) {
    return answer(std::string(4000, 'x'), emu::Delivery::truncated);
  });
  core::HttpResponse r = core::HttpClient().send({"GET", server.url(), {}, ""});
  EXPECT_FALSE(r.received());
  EXPECT_TRUE(starts_with(r.transport_error, core::kTruncated)) << r.transport_error;
  EXPECT_TRUE(r.body.empty()) << "a partial body is no answer";
}

TEST(HostileDelivery, AHeldAnswerTimesOutWithoutHoldingOtherConnectionsOrStop) {
  std::mutex mu;
  std::condition_variable cv;
  bool slow_arrived = false;
  // One server thread: a held answer that blocked it would block the second connection too.
  auto server = std::make_unique<Server>(
      [&](const emu::HttpRequestIn& in) {
        if (in.path() != "/slow") return answer("{\"fast\":true}");
        {
          std::lock_guard lock(mu);
          slow_arrived = true;
        }
        cv.notify_all();
        emu::HttpResponseOut out = answer("{}", emu::Delivery::delayed);
        out.delay = std::chrono::seconds(60);
        return out;
      },
      1);
  core::HttpOptions o;
  o.total_timeout = std::chrono::milliseconds(1500);
  core::HttpResponse slow;
  std::thread t([&] { slow = core::HttpClient(o).send({"GET", server->url("/slow"), {}, ""}); });
  {
    std::unique_lock lock(mu);
    ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(5), [&] { return slow_arrived; }));
  }
  const auto before = Clock::now();
  core::HttpResponse fast = core::HttpClient(o).send({"GET", server->url("/fast"), {}, ""});
  EXPECT_TRUE(fast.received()) << fast.transport_error;
  EXPECT_LT(Clock::now() - before, std::chrono::milliseconds(1000))
      << "the other connection waited";
  t.join();
  EXPECT_FALSE(slow.received());
  EXPECT_TRUE(starts_with(slow.transport_error, core::kTimedOut)) << slow.transport_error;
  EXPECT_TRUE(core::is_timeout(slow.transport_error));
  // The held answer is still pending on the server (60 s): stopping must not wait for it.
  const auto stopping = Clock::now();
  server.reset();
  EXPECT_LT(Clock::now() - stopping, std::chrono::seconds(2));
}

TEST(HostileDelivery, ABodyOverTheLimitIsRefusedUnread) {
  Server server([](const emu::HttpRequestIn&) { return answer(std::string(2u << 20, 'x')); });
  core::HttpOptions o;
  o.max_body_bytes = 64u << 10;
  core::HttpResponse r = core::HttpClient(o).send({"GET", server.url(), {}, ""});
  EXPECT_FALSE(r.received());
  EXPECT_TRUE(starts_with(r.transport_error, core::kBodyTooLarge)) << r.transport_error;
  EXPECT_NE(r.transport_error.find("65536"), std::string::npos) << r.transport_error;
  EXPECT_TRUE(r.body.empty());
}

TEST(HostileDelivery, TheDefaultLimitRefusesAFiftyMegabyteBody) {
  Server server([](const emu::HttpRequestIn&) { return answer(std::string(50u << 20, 'x')); });
  core::HttpResponse r = core::HttpClient().send({"GET", server.url(), {}, ""});
  EXPECT_FALSE(r.received());
  EXPECT_TRUE(starts_with(r.transport_error, core::kBodyTooLarge)) << r.transport_error;
  EXPECT_TRUE(r.body.empty());
}

TEST(HostileDelivery, AnAnswerUnderTheLimitIsRead) {
  Server server([](const emu::HttpRequestIn&) { return answer(std::string(1u << 20, 'x')); });
  core::HttpResponse r = core::HttpClient().send({"GET", server.url(), {}, ""});
  EXPECT_TRUE(r.received()) << r.transport_error;
  EXPECT_EQ(r.body.size(), 1u << 20);
}

}  // namespace
}  // namespace cc::test
