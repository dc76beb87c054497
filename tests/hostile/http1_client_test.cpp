// The plain-HTTP client (harness/core/http1_client.h) against libcurl, differentially: a scripted
// server answers the same bytes to a request through each (127.0.0.1 takes the plain client,
// "localhost" takes libcurl), and both must send the same request bytes and read the same
// answer — status, headers, body, transport error kind — including answers a target may give
// that the emulator never does: chunked, HTTP/1.0, closed between calls, garbage.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "harness/core/http1_client.h"
#include "harness/core/http_client.h"

namespace cc::test {
namespace {

// What the server does with the n-th request (0-based) it reads on a connection.
struct Reply {
  std::string bytes;
  bool close_after = false;  // close the connection once written
  bool reset = false;        // reset it instead of answering
};
using Script = std::function<Reply(int request_on_connection)>;

// Accepts connections on loopback and answers each request from the script; remembers the
// bytes of every request it read.
class ScriptedServer {
 public:
  explicit ScriptedServer(Script script) : script_(std::move(script)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof sa;
    ::bind(fd_, reinterpret_cast<sockaddr*>(&sa), len);
    ::listen(fd_, 8);
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&sa), &len);
    port_ = ntohs(sa.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~ScriptedServer() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  std::string url(const std::string& host) const {
    return "http://" + host + ":" + std::to_string(port_) + "/x?a=b";
  }
  std::vector<std::string> requests;
  int connections = 0;

  // Waits (at most 5 s) until the server has closed n connections: a test that needs the client
  // to meet a close awaits it rather than sleeping.
  void await_closed(int n) {
    std::unique_lock lock(mu_);
    closed_cv_.wait_for(lock, std::chrono::seconds(5), [&] { return closed_ >= n; });
  }

 private:
  // One request's bytes: the head and a Content-Length's worth of body; empty at a close.
  static std::string read_request(int c) {
    std::string in;
    char buf[4096];
    for (;;) {
      const std::size_t end = in.find("\r\n\r\n");
      if (end != std::string::npos) {
        const std::size_t cl = in.find("Content-Length: ");
        const std::size_t body = cl == std::string::npos ? 0 : std::stoul(in.substr(cl + 16));
        if (in.size() >= end + 4 + body) return in;
      }
      const ssize_t n = ::recv(c, buf, sizeof buf, 0);
      if (n <= 0) return "";
      in.append(buf, static_cast<std::size_t>(n));
    }
  }
  void serve() {
    while (!stop_) {
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      ++connections;
      for (int i = 0;; ++i) {
        const std::string req = read_request(c);
        if (req.empty()) break;
        requests.push_back(req);
        const Reply r = script_(i);
        if (r.reset) {
          linger l{1, 0};
          ::setsockopt(c, SOL_SOCKET, SO_LINGER, &l, sizeof l);
          break;
        }
        ::send(c, r.bytes.data(), r.bytes.size(), MSG_NOSIGNAL);
        if (r.close_after) break;
      }
      ::close(c);
      {
        std::lock_guard lock(mu_);
        ++closed_;
      }
      closed_cv_.notify_all();
    }
  }
  Script script_;
  std::mutex mu_;
  std::condition_variable closed_cv_;
  int closed_ = 0;
  int fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

core::HttpRequest post(const std::string& url) {
  return {"POST",
          url,
          {{"Host", "cvm.example.com"}, {"Content-Type", "application/json"}, {"X-Empty", ""}},
          "{\"a\":1}"};
}

// Every other call a GET with a query and the Accept an Alibaba request sets, to cover both
// methods and a header that takes the place of libcurl's own.
core::HttpRequest nth(int i, const std::string& url) {
  if (i % 2 == 0) return post(url);
  return {
      "GET", url + "&c=d%20e", {{"Host", "ecs.example.com"}, {"Accept", "application/json"}}, ""};
}

struct Seen {
  std::vector<core::HttpResponse> answers;
  std::vector<std::string> requests;
  int connections = 0;
};

// The same calls through libcurl and through the plain client against fresh scripted servers.
// `await_close`: each call after the first waits until the server has closed the connections of
// the calls before it (else whether the client meets the close first is a race, for libcurl
// too).
std::pair<Seen, Seen> both(const Script& script, int calls, core::HttpOptions options = {},
                           bool await_close = false) {
  auto run = [&](const std::string& host) {
    Seen seen;
    {
      ScriptedServer server(script);
      core::HttpClient client(options);
      for (int i = 0; i < calls; ++i) {
        if (await_close) server.await_closed(i);
        seen.answers.push_back(client.send(nth(i, server.url(host))));
      }
      seen.requests = server.requests;
      seen.connections = server.connections;
    }
    return seen;
  };
  return {run("localhost"), run("127.0.0.1")};
}

void expect_same(const Seen& curl, const Seen& plain) {
  ASSERT_EQ(curl.answers.size(), plain.answers.size());
  for (std::size_t i = 0; i < curl.answers.size(); ++i) {
    const auto &a = curl.answers[i], &b = plain.answers[i];
    EXPECT_EQ(a.status, b.status) << i;
    EXPECT_EQ(a.headers, b.headers) << i;
    EXPECT_EQ(a.body, b.body) << i;
    EXPECT_EQ(a.transport_kind, b.transport_kind)
        << i << ": " << a.transport_error << " | " << b.transport_error;
    EXPECT_EQ(a.received(), b.received())
        << i << ": " << a.transport_error << " | " << b.transport_error;
  }
  EXPECT_EQ(curl.connections, plain.connections);
  ASSERT_EQ(curl.requests.size(), plain.requests.size());
  for (std::size_t i = 0; i < curl.requests.size(); ++i) {
    std::string want = curl.requests[i];
    EXPECT_EQ(want, plain.requests[i]);
  }
}

const std::string kOk =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";

TEST(PlainHttpClient, CarriesOnlyPlainHttpToAnIpv4AddressWithGetOrPost) {
  EXPECT_TRUE(core::http1::eligible({"POST", "http://127.0.0.1:8080/", {}, ""}));
  EXPECT_TRUE(core::http1::eligible({"GET", "http://127.0.0.1:8080/?a=b", {}, ""}));
  EXPECT_FALSE(core::http1::eligible({"GET", "https://127.0.0.1:8080/", {}, ""}));
  EXPECT_FALSE(core::http1::eligible({"GET", "http://localhost:8080/", {}, ""}));
  EXPECT_FALSE(core::http1::eligible({"GET", "http://[::1]:8080/", {}, ""}));
  EXPECT_FALSE(core::http1::eligible({"GET", "http://u:p@127.0.0.1:8080/", {}, ""}));
  EXPECT_FALSE(core::http1::eligible({"DELETE", "http://127.0.0.1:8080/", {}, ""}));
  EXPECT_FALSE(core::http1::eligible({"GET", "http://127.0.0.1:8080/", {{"Expect", "x"}}, ""}));
  EXPECT_FALSE(core::http1::eligible({"GET", "http://127.0.0.1:8080/", {{"X", "a\r\nB: c"}}, ""}));
}

TEST(PlainHttpClient, LeavesARequestToLibcurlWhenAProxyIsSet) {
  ::setenv("http_proxy", "http://127.0.0.1:9", 1);
  const bool eligible =
      core::http1::eligible({"GET", "http://127.0.0.1:8080/", {}, ""}).has_value();
  ::unsetenv("http_proxy");
  EXPECT_FALSE(eligible);
}

TEST(PlainHttpClient, SendsLibcurlsBytesAndReadsAKeptAliveAnswerAlike) {
  auto [curl, plain] = both([](int) { return Reply{kOk}; }, 3);
  expect_same(curl, plain);
  EXPECT_EQ(plain.connections, 1);
  EXPECT_TRUE(plain.answers[2].received()) << plain.answers[2].transport_error;
}

TEST(PlainHttpClient, ReadsAChunkedAnswerWithTrailersAlike) {
  const std::string chunked =
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
      "3;x=y\r\n{\"a\r\n4\r\n\":1}\r\n0\r\nX-Trailer: t\r\n\r\n";
  auto [curl, plain] = both([&](int) { return Reply{chunked}; }, 2);
  expect_same(curl, plain);
  EXPECT_EQ(plain.answers[1].body, "{\"a\":1}");
}

TEST(PlainHttpClient, ReadsAnHttp10AnswerToItsCloseAndReconnectsAlike) {
  const std::string old = "HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{\"old\":1}";
  auto [curl, plain] = both([&](int) { return Reply{old, true}; }, 2);
  expect_same(curl, plain);
  EXPECT_EQ(plain.connections, 2);
}

TEST(PlainHttpClient, ReconnectsWhenTheServerClosedBetweenCallsAlike) {
  auto [curl, plain] = both([](int) { return Reply{kOk, true}; }, 3, {}, true);
  expect_same(curl, plain);
  EXPECT_TRUE(plain.answers[2].received()) << plain.answers[2].transport_error;
}

TEST(PlainHttpClient, AConnectionClosedWithoutAnAnswerIsRetriedOnlyWhenReusedAlike) {
  auto [curl, plain] = both([](int i) { return i == 0 ? Reply{kOk} : Reply{"", true}; }, 2);
  expect_same(curl, plain);
}

TEST(PlainHttpClient, ResetTruncatedAndGarbageAnswersAreTheSameErrorsAlike) {
  for (const Reply& reply :
       {Reply{"", false, true}, Reply{"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}", true},
        Reply{"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{}", true},
        Reply{"garbage, not HTTP\r\n\r\n", true},
        Reply{"HTTP/1.1 200 OK\r\nContent-Length: 99999999\r\n\r\n{}", true},
        Reply{"HTTP/1.1 100 Continue\r\n\r\n" + kOk}}) {
    auto [curl, plain] = both([&](int) { return reply; }, 1);
    SCOPED_TRACE(reply.bytes);
    expect_same(curl, plain);
  }
}

TEST(PlainHttpClient, AnAnswerOverTheLimitIsRefusedAlike) {
  core::HttpOptions o;
  o.max_body_bytes = 4;
  const std::string chunked =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n0\r\n\r\n";
  for (const std::string& bytes : std::vector<std::string>{
           kOk, "HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\n12345678", chunked}) {
    auto [curl, plain] = both([&](int) { return Reply{bytes}; }, 1, o);
    expect_same(curl, plain);
  }
}

TEST(PlainHttpClient, AHeldAnswerTimesOutAlike) {
  core::HttpOptions o;
  o.total_timeout = std::chrono::milliseconds(200);
  auto [curl, plain] = both(
      [](int) {
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        return Reply{kOk};
      },
      1, o);
  expect_same(curl, plain);
  EXPECT_EQ(plain.answers[0].transport_kind, core::TransportError::TimedOut);
}

TEST(PlainHttpClient, ARefusedConnectionIsTheSameErrorAlike) {
  core::HttpClient client;
  int port;
  {
    ScriptedServer gone([](int) { return Reply{kOk}; });
    port = std::stoi(gone.url("h").substr(9));
  }
  const auto a = client.send(post("http://localhost:" + std::to_string(port) + "/"));
  const auto b = client.send(post("http://127.0.0.1:" + std::to_string(port) + "/"));
  EXPECT_EQ(a.transport_kind, b.transport_kind) << a.transport_error << " | " << b.transport_error;
  EXPECT_FALSE(b.received());
}

}  // namespace
}  // namespace cc::test
