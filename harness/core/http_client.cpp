#include "harness/core/http_client.h"

#include <curl/curl.h>

#include <stdexcept>
#include <string_view>
#include <tuple>

#include "harness/core/encoding.h"
#include "harness/core/http1_client.h"

namespace cc::core {

struct HttpClient::Handle {
  CURL* curl = nullptr;
  char error[CURL_ERROR_SIZE] = {};
  // The method the handle's options were last set for ("GET" or "POST"; empty: none, or another
  // method, whose options the next request must clear with a reset).
  std::string method;
  // Plain HTTP to an IPv4 address without a proxy goes through this instead (http1_client.h).
  // The environment's proxy is read once, when the client is made (the harness never changes
  // its environment), and the last URL's target kept: the harness calls one URL thousands of
  // times.
  http1::Connection plain;
  bool proxy = http1::proxy_in_environment();
  std::string url;
  std::optional<http1::Target> target;
  Handle() : curl(curl_easy_init()) {
    if (!curl) throw std::runtime_error("curl_easy_init failed");
  }
  ~Handle() { curl_easy_cleanup(curl); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
};

namespace {

struct SlistFree {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using Slist = std::unique_ptr<curl_slist, SlistFree>;

struct Sink {
  HttpResponse* response;
  std::size_t limit;
  bool overflow = false;
};

size_t on_body(char* data, size_t size, size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const size_t bytes = size * n;
  if (sink->response->body.size() + bytes > sink->limit) {
    sink->overflow = true;
    return 0;  // aborts the transfer
  }
  sink->response->body.append(data, bytes);
  return bytes;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
  auto* response = static_cast<HttpResponse*>(user);
  const size_t bytes = size * n;
  std::string line(data, bytes);
  if (line.rfind("HTTP/", 0) == 0) {
    response->headers.clear();  // a new status line (e.g. after 100 Continue) starts afresh
  } else if (auto colon = line.find(':'); colon != std::string::npos) {
    response->headers.emplace_back(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
  }
  return bytes;
}

// libcurl's failure: its kind, and a sentence that says what the target did, starting with the
// kind's marker of http_client.h, with libcurl's own words after it.
std::pair<TransportError, std::string> describe_failure(CURLcode rc, bool overflow,
                                                        const char* detail, const HttpOptions& o) {
  std::string curl = curl_easy_strerror(rc);
  if (detail && *detail) curl += ": " + std::string(detail);
  if (overflow || rc == CURLE_FILESIZE_EXCEEDED)
    return {TransportError::BodyTooLarge,
            std::string(kBodyTooLarge) + " " + std::to_string(o.max_body_bytes) +
                " bytes (the harness's limit); the rest was not read"};
  if (rc == CURLE_OPERATION_TIMEDOUT)
    return {TransportError::TimedOut, std::string(kTimedOut) + " after " +
                                          std::to_string(o.total_timeout.count()) +
                                          " ms (the per-request timeout): " + curl};
  if (rc == CURLE_PARTIAL_FILE)
    return {TransportError::Truncated,
            std::string(kTruncated) +
                ": the connection closed before the announced Content-Length was read (" + curl +
                ")"};
  const std::string lower = to_lower(curl);
  if ((rc == CURLE_RECV_ERROR || rc == CURLE_SEND_ERROR) &&
      lower.find("reset") != std::string::npos)
    return {TransportError::ConnectionReset,
            std::string(kConnectionReset) + " by the target: " + curl};
  if (rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CACERT_BADFILE ||
      rc == CURLE_SSL_CONNECT_ERROR)
    return {TransportError::Other,
            "TLS: the target's certificate could not be verified (--cacert FILE, or the profile's "
            "\"cacert\", names a private CA): " +
                curl};
  if (rc == CURLE_GOT_NOTHING)
    return {TransportError::Other, "the target closed the connection without answering: " + curl};
  return {TransportError::Other, curl};
}

}  // namespace

namespace {}  // namespace

std::string HttpResponse::header(const std::string& name) const {
  for (const auto& [k, v] : headers)
    if (iequals_ascii(k, name)) return v;
  return "";
}

HttpClient::HttpClient(HttpOptions options)
    : options_(options), handle_(std::make_unique<Handle>()) {}
HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

namespace {

// The options every request of a client has alike, set after each reset of the handle.
void set_fixed_options(CURL* c, const HttpOptions& o, char* error) {
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(o.total_timeout.count()));
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, o.verify_tls ? 1L : 0L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, o.verify_tls ? 2L : 0L);
  if (!o.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, o.ca_file.c_str());
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  // Refuses an announced oversized body before reading it; the sink catches an unannounced one.
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(o.max_body_bytes));
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
}

void set_method(CURL* c, const HttpRequest& request) {
  if (request.method == "GET") {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  } else if (request.method == "POST") {
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  } else {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    if (!request.body.empty()) {
      curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
      curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(request.body.size()));
    }
  }
}

}  // namespace

HttpResponse HttpClient::send(const HttpRequest& request) {
  if (!handle_->proxy && http1::carries(request)) {
    if (request.url != handle_->url) {
      handle_->target = http1::target_of(request.url);
      handle_->url = request.url;
    }
    if (handle_->target) return send_plain(*handle_->target, request);
  }
  HttpResponse response;
  CURL* c = handle_->curl;
  // Options are reset (keeping the handle's connection cache: keep-alive) only when the method
  // changes or is neither GET nor POST: a request of the method of the one before sets again
  // every option that differs between them, so the handle ends in the state a reset and a full
  // set would give, without the reset and the fixed options' twenty setopt calls (the harness
  // makes thousands of calls a second against the emulator).
  const bool plain = request.method == "GET" || request.method == "POST";
  if (!plain || handle_->method != request.method) {
    curl_easy_reset(c);
    set_fixed_options(c, options_, handle_->error);
  }
  handle_->method = plain ? request.method : "";
  handle_->error[0] = '\0';
  Sink sink{&response, options_.max_body_bytes};

  Slist headers;
  bool has_content_type = false;
  for (const auto& [k, v] : request.headers) {
    if (to_lower(k) == "content-type") has_content_type = true;
    std::string line = v.empty() ? k + ";" : k + ": " + v;  // "Name;" sends an empty header
    headers.reset(curl_slist_append(headers.release(), line.c_str()));
  }
  // libcurl would add "Content-Type: application/x-www-form-urlencoded" to any POST and
  // "Expect: 100-continue" to large ones; the signatures cover what we mean to send, so
  // suppress both unless asked for.
  if (!has_content_type) headers.reset(curl_slist_append(headers.release(), "Content-Type:"));
  headers.reset(curl_slist_append(headers.release(), "Expect:"));

  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &response);
  set_method(c, request);

  const auto start = std::chrono::steady_clock::now();
  CURLcode rc = curl_easy_perform(c);
  response.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - start);
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  if (rc != CURLE_OK || sink.overflow) {
    std::tie(response.transport_kind, response.transport_error) =
        describe_failure(rc, sink.overflow, handle_->error, options_);
    response.body.clear();  // a partial body is no answer; do not keep megabytes of it
  }
  return response;
}

// The same request through http1::Connection, its failures worded and sorted as libcurl's.
HttpResponse HttpClient::send_plain(const http1::Target& target, const HttpRequest& request) {
  HttpResponse response;
  const auto start = std::chrono::steady_clock::now();
  const http1::Failure f = handle_->plain.exchange(target, request, options_, response);
  response.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - start);
  if (f.code != CURLE_OK || f.overflow) {
    std::tie(response.transport_kind, response.transport_error) =
        describe_failure(f.code, f.overflow, f.detail.c_str(), options_);
    response.body.clear();
  }
  return response;
}

bool is_timeout(const std::string& transport_error) {
  return transport_error.rfind(kTimedOut, 0) == 0;
}

}  // namespace cc::core
