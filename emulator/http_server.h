#pragma once
// A small asynchronous HTTP/1.1 server on Boost.Beast: keep-alive, bounded request size,
// per-connection timeouts, and a handler called on a pool of threads. It binds the address it
// is given (port 0 = any free port) and reports the port it got.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cc::core {
struct Api;
}

namespace cc::emu {

struct HttpRequestIn {
  std::string method;
  std::string target;  // path and query as received
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Case-insensitive, first match; an empty string when absent. A reference into the request
  // (valid while it is), not a copy: the front ends look headers up many times per request.
  const std::string& header(std::string_view name) const;
  std::string path() const;
  std::string query() const;  // raw, without '?'
  // The same as views of `target` (valid while it is): every request asks for them, and a copy
  // of a long query was an allocation.
  std::string_view path_view() const;
  std::string_view query_view() const;
};

// How the server puts an answer on the wire: faithfully, or as a hostile target would
// (emulator/faults.h). Below the HTTP response, so only the server can do it.
enum class Delivery {
  normal,
  delayed,    // held for `delay`, then sent; the connection's other work waits, no other connection
              // does
  reset,      // the connection is reset (TCP RST) instead of answered
  truncated,  // the head promises the whole body, half of it is sent, then the connection closes
};

struct HttpResponseOut {
  int status = 200;
  // Always a literal (never built per request): a std::string of this one is a heap allocation,
  // and several answers are built per request.
  std::string_view content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // For the emulator's request log and its wire variations; never sent. The API answered, from
  // the catalogue, which outlives every answer: its id is named by a view, not a copy per request
  // (an allocation for every id longer than 15 bytes), and it is not searched for again by id.
  const core::Api* note_api = nullptr;
  std::string_view note_action;  // note_api's id; empty when no API was answered
  std::string note_code;
  Delivery delivery = Delivery::normal;
  std::chrono::milliseconds delay{0};  // Delivery::delayed
  // A region's round trip (EmulatorOptions::latency): held this long before it is delivered,
  // on a timer of the connection's own — no thread waits, no other connection does.
  std::chrono::milliseconds latency{0};
  bool chunked = false;           // framed with Transfer-Encoding: chunked (HTTP/1.1 only)
  bool close_connection = false;  // "Connection: close", and the connection closed after it
};

using Handler = std::function<HttpResponseOut(const HttpRequestIn&)>;

class HttpServer {
 public:
  HttpServer(Handler handler, int threads = 2);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts serving; returns the bound port. Throws on a bind failure.
  std::uint16_t start(const std::string& address, std::uint16_t port);
  void stop();  // closes the listener and every connection, joins the threads
  std::uint16_t port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cc::emu
