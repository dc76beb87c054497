#include "harness/core/outcome.h"

#include <algorithm>
#include <cctype>

#include "harness/core/encoding.h"

namespace cc::core {

namespace {

// 8-4-4-4-12 hexadecimal digits, the shape both providers document for their RequestIds.
bool uuid_shaped(const std::string& s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

}  // namespace

std::string to_string(ProtocolBreak::Part part) {
  switch (part) {
    case ProtocolBreak::Part::RequestId:
      return "request_id";
    case ProtocolBreak::Part::ErrorCode:
      return "error_code";
    case ProtocolBreak::Part::ErrorMessage:
      return "error_message";
    case ProtocolBreak::Part::Wrapper:
      return "wrapper";
    case ProtocolBreak::Part::StatusConvention:
      return "status_convention";
  }
  return "unknown";
}

bool same_request_id(const std::string& a, const std::string& b) {
  if (a == b) return true;
  // Hex digits are the only letters of a UUID: lower-casing both compares them as one value.
  return uuid_shaped(a) && uuid_shaped(b) && to_lower(a) == to_lower(b);
}

bool Outcome::broke(ProtocolBreak::Part part) const {
  return std::any_of(protocol_breaks.begin(), protocol_breaks.end(),
                     [&](const ProtocolBreak& b) { return b.part == part; });
}

std::string Outcome::summary() const {
  if (harness_error()) return "harness error: " + transport_error;
  std::string s = ok ? "ok " + std::to_string(http_status)
                     : "error " + std::to_string(http_status) + " " +
                           (code.empty() ? "(no code)" : code) +
                           (message.empty() ? "" : ": " + message);
  if (!request_id.empty()) s += " (RequestId " + request_id + ")";
  for (std::size_t i = 0; i < protocol_breaks.size(); ++i)
    s += (i == 0 ? "; breaks the protocol: " : "; ") + protocol_breaks[i].message;
  return s;
}

nlohmann::json Exchange::to_json() const {
  auto headers = [](const Headers& h) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [k, v] : h) out.push_back({k, v});
    return out;
  };
  nlohmann::json j;
  j["request"] = {{"method", request.method},
                  {"url", request.url},
                  {"headers", headers(request.headers)},
                  {"body", request.body}};
  j["response"] = {{"status", response.status},
                   {"headers", headers(response.headers)},
                   {"body", response.body},
                   {"elapsed_ms", response.elapsed.count() / 1000.0}};
  if (!response.transport_error.empty())
    j["response"]["transport_error"] = response.transport_error;
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

void Redactor::add_token_header(const std::string& name) {
  token_headers_.push_back(to_lower(name));
}

HttpRequest Redactor::redact(HttpRequest r) const {
  // Session tokens are secrets even when nobody registered them.
  for (auto& [k, v] : r.headers) {
    const std::string name = to_lower(k);
    if (std::find(token_headers_.begin(), token_headers_.end(), name) != token_headers_.end())
      v = v.empty() ? v : "***";
    v = redact(v);
  }
  r.url = redact(r.url);
  r.body = redact(r.body);
  return r;
}

}  // namespace cc::core
