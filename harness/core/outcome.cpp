#include "harness/core/outcome.h"

#include "harness/core/encoding.h"

namespace cc::core {

std::string Outcome::summary() const {
  if (harness_error()) return "harness error: " + transport_error;
  std::string s = ok ? "ok " + std::to_string(http_status)
                     : "error " + std::to_string(http_status) + " " + code + ": " + message;
  if (!request_id.empty()) s += " (RequestId " + request_id + ")";
  return s;
}

nlohmann::json Exchange::to_json() const {
  auto headers = [](const Headers& h) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [k, v] : h) out.push_back({k, v});
    return out;
  };
  nlohmann::json j;
  j["request"] = {{"method", request.method}, {"url", request.url},
                  {"headers", headers(request.headers)}, {"body", request.body}};
  j["response"] = {{"status", response.status}, {"headers", headers(response.headers)},
                   {"body", response.body}, {"elapsed_ms", response.elapsed.count() / 1000.0}};
  if (!response.transport_error.empty()) j["response"]["transport_error"] = response.transport_error;
  // A target may answer any bytes, yet the record must dump into results.json: invalid UTF-8
  // becomes U+FFFD instead of an exception at the end of the run (found by tests/fuzz).
  return nlohmann::json::parse(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void Redactor::add_secret(const std::string& secret) {
  if (secret.size() >= 4) {  // shorter strings would redact ordinary text
    secrets_.push_back(secret);
    secrets_.push_back(percent_encode(secret));
  }
}

std::string Redactor::redact(std::string text) const {
  for (const auto& s : secrets_) {
    for (size_t pos = text.find(s); pos != std::string::npos; pos = text.find(s, pos + 3))
      text.replace(pos, s.size(), "***");
  }
  return text;
}

HttpRequest Redactor::redact(HttpRequest r) const {
  // Session tokens are secrets even when nobody registered them.
  for (auto& [k, v] : r.headers) {
    const std::string name = to_lower(k);
    if (name == "x-tc-token" || name == "x-acs-security-token") v = v.empty() ? v : "***";
    v = redact(v);
  }
  r.url = redact(r.url);
  r.body = redact(r.body);
  return r;
}

}  // namespace cc::core
