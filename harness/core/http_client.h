#pragma once
// A libcurl client for the harness. One connection kept alive across calls, explicit timeouts,
// and no retries: a conformance harness must see throttling, not hide it. An HTTP error or a
// transport failure is a value in the response, never an exception.
#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace cc::core {

namespace http1 {
struct Target;
}

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  Headers headers;  // sent as given; a "Host" entry overrides the URL's host
  std::string body;
};

// What kind of transport failure a response is, so callers can tell a slow target (a timeout:
// the run may give up on it) from a broken one without reading libcurl's wording.
enum class TransportError {
  None,             // a response was read
  TimedOut,         // no complete answer within the per-request timeout
  ConnectionReset,  // the target reset the connection
  Truncated,        // the connection closed before the announced Content-Length
  BodyTooLarge,     // the answer exceeds HttpOptions::max_body_bytes
  Other,            // refused, unresolvable, closed without answering, TLS…
};

struct HttpResponse {
  int status = 0;  // 0 when nothing came back
  Headers headers;
  std::string body;
  std::string transport_error;  // empty when a response was read; for reports
  TransportError transport_kind = TransportError::None;
  std::chrono::microseconds elapsed{0};

  bool received() const { return transport_error.empty(); }
  // First header of that name, case-insensitively; empty when absent.
  std::string header(const std::string& name) const;
};

struct HttpOptions {
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds total_timeout{30000};
  bool verify_tls = true;
  // A PEM bundle to verify the target's certificate with instead of the system's store (a
  // private CA in front of an emulator or a proxy); empty = the system's store.
  std::string ca_file = {};
  // A larger body is a transport error, not memory exhaustion: it is refused from its
  // Content-Length, or cut off once that many bytes came. The largest answer the documents allow
  // (a 100-instance Describe) is well under 1 MB.
  std::size_t max_body_bytes = 8u << 20;
};

// The text a transport error of each kind begins with (reports and tests read it; code reads
// HttpResponse::transport_kind).
inline constexpr const char* kTimedOut = "request timed out";
inline constexpr const char* kConnectionReset = "connection reset";
inline constexpr const char* kTruncated = "truncated answer";
inline constexpr const char* kBodyTooLarge = "body larger than";
// Whether a transport error's text is a timeout's (for readers of recorded text; code holding
// the response reads transport_kind).
bool is_timeout(const std::string& transport_error);

// Not thread-safe: one client per thread (it owns one connection).
class HttpClient {
 public:
  explicit HttpClient(HttpOptions options = {});
  ~HttpClient();
  HttpClient(HttpClient&&) noexcept;
  HttpClient& operator=(HttpClient&&) noexcept;
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResponse send(const HttpRequest& request);
  const HttpOptions& options() const { return options_; }

 private:
  struct Handle;
  HttpResponse send_plain(const http1::Target& target, const HttpRequest& request);
  HttpOptions options_;
  std::unique_ptr<Handle> handle_;
};

}  // namespace cc::core
