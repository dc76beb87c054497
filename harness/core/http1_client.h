#pragma once
// A small HTTP/1.1 client for the one case the harness makes thousands of calls a second in:
// plain HTTP to an IPv4 address with no proxy (an emulator on loopback). libcurl spends more per
// call there than the harness's own work (five syscalls, its parser and allocations); this one
// sends the request bytes libcurl would send and reads the answer with the same rules. Every
// other request (TLS, names to resolve, proxies, methods other than GET and POST) stays with
// libcurl, and HttpClient chooses. Failures come back as libcurl's codes, so HttpClient words
// them and sorts them into TransportError kinds exactly as it does libcurl's.
#include <curl/curl.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "harness/core/http_client.h"

namespace cc::core::http1 {

// Where a request goes when this client may carry it.
struct Target {
  std::string key;  // "address:port": the connection is kept for this target only
  std::string ip;   // dotted IPv4
  std::uint16_t port = 80;
  std::string host;  // the Host header libcurl would send when the request names none
  std::string path;  // the request target: path and query
};

// The target of a request this client carries the same as libcurl would; nullopt sends it to
// libcurl: another scheme, a name or IPv6 address, userinfo, a proxy in the environment,
// another method, or a header or path with bytes libcurl might treat otherwise.
std::optional<Target> eligible(const HttpRequest& request);
// eligible() in its three parts, for a caller that keeps the first two across calls.
std::optional<Target> target_of(const std::string& url);
bool proxy_in_environment();
bool carries(const HttpRequest& request);  // the method and the headers

struct Failure {
  CURLcode code = CURLE_OK;
  std::string detail;     // libcurl's error-buffer wording for the same failure
  bool overflow = false;  // the body outgrew HttpOptions::max_body_bytes
};

// One keep-alive connection. Not thread-safe, like HttpClient.
class Connection {
 public:
  Connection() = default;
  ~Connection();
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Sends the request and reads the answer into `response` (status, headers, body). A reused
  // connection that died unseen is replaced and the request sent again once, only where libcurl
  // does so: its sending failed, or it closed before a byte of the answer came.
  Failure exchange(const Target& target, const HttpRequest& request, const HttpOptions& options,
                   HttpResponse& response);

 private:
  using Clock = std::chrono::steady_clock;
  struct Attempt;
  Failure attempt(const Target& target, const std::string& wire, Attempt& a,
                  HttpResponse& response);
  Failure open(const Target& target, Clock::time_point connect_deadline, Attempt& a);
  Failure fill(Attempt& a);
  Failure read_head(Attempt& a, HttpResponse& response);
  Failure read_body(Attempt& a, HttpResponse& response);
  Failure read_chunked(Attempt& a, HttpResponse& response);
  Failure read_to_close(Attempt& a, HttpResponse& response);
  Failure take_body(Attempt& a, HttpResponse& response, std::size_t n);
  bool alive() const;
  void close();

  int fd_ = -1;
  std::string key_;
  Clock::time_point idle_since_{};
  std::string in_;  // bytes read and not yet consumed
};

}  // namespace cc::core::http1
