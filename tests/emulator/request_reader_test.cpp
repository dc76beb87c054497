// The server reads simple requests by hand (emulator/request_reader.h) and leaves every other to
// Boost.Beast's parser: what the hand reader accepts must be exactly what Beast reads from the
// same bytes — method, target, fields in order, body, version, keep-alive, bytes taken — and
// the requests clients send (wrk's, the harness's, the SDKs') must be taken. Compared over
// hand-picked requests and 40,000 generated ones: odd names and values, blanks, folds, bare
// line feeds, bytes outside ASCII, every framing header, pipelined, cut short or damaged.
#include <gtest/gtest.h>

#include <boost/asio/buffer.hpp>

#include <random>
#include <string>
#include <vector>

#include "emulator/request_reader.h"

namespace cc::test {
namespace {

using emu::HttpRequestIn;
using emu::SimpleRequest;

constexpr std::uint64_t kLimit = 1000;  // a body limit the generated bodies cross

struct Read {
  bool ok = false;
  HttpRequestIn in;
  unsigned version = 0;
  bool keep_alive = false;
  std::size_t size = 0;
};

Read by_beast(const std::string& bytes) {
  Read r;
  emu::RequestParser p(r.in);
  p.body_limit(kLimit);
  p.eager(true);
  boost::beast::error_code ec;
  std::size_t used = 0;
  while (!ec && !p.is_done() && used < bytes.size())
    used += p.put(boost::asio::buffer(bytes.data() + used, bytes.size() - used), ec);
  r.ok = !ec && p.is_done();
  if (r.ok) r.version = p.version(), r.keep_alive = p.keep_alive(), r.size = used;
  return r;
}

// Whether the hand reader took the request; when it did, it must have read what Beast reads.
bool agrees(const std::string& bytes) {
  Read fast;
  SimpleRequest simple;
  fast.ok = emu::read_simple_request(bytes, kLimit, fast.in, simple);
  if (!fast.ok) return false;
  const Read beast = by_beast(bytes);
  EXPECT_TRUE(beast.ok) << "taken, but Beast refuses it:\n" << bytes;
  if (!beast.ok) return true;
  EXPECT_EQ(fast.in.method, beast.in.method) << bytes;
  EXPECT_EQ(fast.in.target, beast.in.target) << bytes;
  EXPECT_EQ(fast.in.headers, beast.in.headers) << bytes;
  EXPECT_EQ(fast.in.body, beast.in.body) << bytes;
  EXPECT_EQ(simple.version, beast.version) << bytes;
  EXPECT_EQ(simple.keep_alive, beast.keep_alive) << bytes;
  EXPECT_EQ(simple.size, beast.size) << bytes;
  return true;
}

TEST(RequestReader, TakesTheRequestsClientsSend) {
  const std::string body = R"({"InstanceIds":["ins-00000000"]})";
  for (const std::string& request : {
           "POST / HTTP/1.1\r\nHost: cvm.tencentcloudapi.com\r\nAuthorization: TC3-HMAC-SHA256 "
           "Credential=AKID/2026-12-05/cvm/tc3_request, SignedHeaders=content-type;host, "
           "Signature=0123abcd\r\nContent-Type: application/json; charset=utf-8\r\nX-TC-Action: "
           "StopInstances\r\nX-TC-Timestamp: 1796188310\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\n\r\n" + body,
           std::string("GET /?Action=DescribeInstances&Version=2014-05-26 HTTP/1.1\r\nHost: "
                       "ecs.aliyuncs.com\r\nAccept: */*\r\nUser-Agent: curl/8.5\r\n\r\n"),
           std::string("GET /_cloudconform/v1/info HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"),
           std::string("GET / HTTP/1.0\r\n\r\n"),
           std::string("POST / HTTP/1.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"),
           std::string("POST / HTTP/1.1\r\nX-Empty:\r\nX-Blanks: \t a  b \t\r\n"
                       "content-length: 2\r\n\r\n{}GET / HTTP/1.1\r\n\r\n"),  // pipelined
       })
    EXPECT_TRUE(agrees(request)) << request;
}

TEST(RequestReader, LeavesEveryOtherRequestToBeast) {
  for (const std::string& request : {
           std::string("GET / HTTP/1.1\r\nHost: x\r\n"),  // not all there
           std::string("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n{}"),
           std::string("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"),
           std::string("POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}"),
           std::string("POST / HTTP/1.1\r\nContent-Length: 2000\r\n\r\n") + std::string(2000, 'x'),
           std::string("GET / HTTP/1.1\r\nConnection: close, upgrade\r\nUpgrade: h2c\r\n\r\n"),
           std::string("GET / HTTP/1.1\r\nProxy-Connection: close\r\n\r\n"),
           std::string("GET / HTTP/1.1\r\nX-Folded: a\r\n b\r\n\r\n"),
           std::string("GET / HTTP/1.1\nHost: x\n\n"),
           std::string("GET / HTTP/2.0\r\n\r\n"),
           std::string("GET  / HTTP/1.1\r\n\r\n"),
           std::string("GET / HTTP/1.1\r\nHost : x\r\n\r\n"),
           std::string("GET / HTTP/1.1\r\nX-Utf8: \xc3\xa9\r\n\r\n"),
           std::string("GET /\xc3\xa9 HTTP/1.1\r\n\r\n"),
           std::string("\r\nGET / HTTP/1.1\r\n\r\n"),
           std::string("GET / HTTP/1.1\r\nX-Long: ") + std::string(8200, 'a') + "\r\n\r\n",
       })
    EXPECT_FALSE(agrees(request)) << request;
}

class Generator {
 public:
  explicit Generator(std::uint32_t seed) : rng_(seed) {}

  std::string request() {
    static const char* kMethods[] = {"GET", "POST", "PUT", "get", "M-SEARCH", "G@T", ""};
    static const char* kTargets[] = {
        "/",         "/?Action=Stop&Version=2017-03-12", "/a%20b?x=1&y", "*", "/\x7f", "/\xc3\xa9",
        "http://h/p"};
    static const char* kVersions[] = {"HTTP/1.1", "HTTP/1.1", "HTTP/1.0", "HTTP/2.0",
                                      "HTTP/1.2", "http/1.1", "HTTP/1.10"};
    std::string out = std::string(kMethods[some(2, 7)]) + (pick(20) ? " " : "  ") +
                      kTargets[some(3, 7)] + " " + kVersions[some(3, 7)] + eol();
    const std::string body = pick(3) ? "" : std::string(pick(5) ? pick(40) : 1200, 'b');
    const int n = pick(5);
    for (int i = 0; i < n; ++i) out += field(body);
    if (pick(2)) out += "Content-Length: " + std::to_string(body.size()) + eol();
    out += eol() + body;
    if (pick(4) == 0) out += "GET /next HTTP/1.1\r\n\r\n";  // pipelined
    return out;
  }

  std::string damaged(std::string text) {
    const std::size_t at = static_cast<std::size_t>(pick(static_cast<int>(text.size())));
    switch (pick(3)) {
      case 0:
        return text.substr(0, at);
      case 1:
        text[at] = static_cast<char>(pick(256));
        return text;
      default:
        return text.insert(at, 1, " \t\r\n:\x01\x80"[pick(7)]);
    }
  }

 private:
  int pick(int n) { return static_cast<int>(rng_() % static_cast<std::uint32_t>(n)); }
  // Mostly one of the first `usual` of `all` choices, sometimes any: most requests stay
  // readable, and every odd part still comes up.
  int some(int usual, int all) { return pick(10) < 8 ? pick(usual) : pick(all); }
  std::string eol() { return pick(200) ? "\r\n" : "\n"; }

  std::string field(const std::string& body) {
    static const char* kNames[] = {"Host",
                                   "Content-Type",
                                   "Authorization",
                                   "X-TC-Action",
                                   "Connection",
                                   "connection",
                                   "Content-Length",
                                   "Transfer-Encoding",
                                   "Upgrade",
                                   "Proxy-Connection",
                                   "X_Odd!#",
                                   "Bad Name",
                                   "",
                                   "Accept"};
    static const char* kValues[] = {"cvm.tencentcloudapi.com",
                                    "application/json",
                                    "close",
                                    "keep-alive",
                                    "Keep-Alive",
                                    "close, keep-alive",
                                    "upgrade",
                                    "",
                                    " padded ",
                                    "\ttabs\t",
                                    "a\tb c",
                                    "chunked",
                                    "12",
                                    "+3",
                                    "\xc3\xa9",
                                    "\x01",
                                    "007",
                                    "99999999999999999999"};
    std::string value = kValues[some(13, 18)];
    if (pick(6) == 0) value = std::to_string(body.size());
    std::string out = std::string(kNames[some(7, 14)]) + ":" + (pick(3) ? " " : "") + value;
    if (pick(100) == 0) out += "\r\n folded";
    return out + eol();
  }

  std::mt19937 rng_;
};

TEST(RequestReader, AgreesWithBeastOnGeneratedRequests) {
  Generator g(18);
  int taken = 0, left = 0;
  for (int i = 0; i < 20000 && !::testing::Test::HasFailure(); ++i) {
    const std::string request = g.request();
    (agrees(request) ? taken : left) += 1;
    (agrees(g.damaged(request)) ? taken : left) += 1;
  }
  EXPECT_GT(taken, 2000);  // both sides are exercised
  EXPECT_GT(left, 2000);
}

}  // namespace
}  // namespace cc::test
