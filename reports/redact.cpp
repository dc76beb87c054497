#include "reports/redact.h"

#include <vector>

#include "harness/core/encoding.h"

namespace cc::reports {
namespace {

const char* const kRedacted = "***";

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// Redacts sensitive keys of a JSON value in place; true when anything changed.
template <typename Json>
bool redact_json(Json& v) {
  bool changed = false;
  if (v.is_object()) {
    for (auto& [key, value] : v.items()) {
      if (sensitive_name(key) && !(value.is_string() && value == kRedacted)) {
        value = kRedacted;
        changed = true;
      } else {
        changed |= redact_json(value);
      }
    }
  } else if (v.is_array()) {
    for (auto& item : v) changed |= redact_json(item);
  }
  return changed;
}

bool looks_like_form(std::string_view s) {
  if (s.empty() || s.find('=') == std::string_view::npos) return false;
  for (char c : s)
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '"' || c == '{' || c == '<')
      return false;
  return true;
}

std::string redact_form(std::string_view form) {
  std::string out;
  for (const std::string& pair : core::split(form, '&')) {
    if (!out.empty()) out += '&';
    const size_t eq = pair.find('=');
    const std::string key = pair.substr(0, eq);
    const std::string name = core::percent_decode(key).value_or(key);
    out += sensitive_name(name) ? key + "=" + kRedacted : pair;
  }
  return out;
}

}  // namespace

bool sensitive_name(std::string_view name) {
  std::string n;
  for (char c : name)
    if (c != '-' && c != '_' && c != '.' && c != ' ')
      n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* suffix :
       {"secret", "token", "password", "passwd", "secretkey", "privatekey", "apikey"})
    if (ends_with(n, suffix)) return true;
  for (const char* exact :
       {"signature", "authorization", "proxyauthorization", "cookie", "setcookie"})
    if (n == exact) return true;
  return false;
}

std::string redact_authorization(std::string_view value) {
  const std::string v = trim(value);
  const size_t space = v.find(' ');
  if (space == std::string::npos) return kRedacted;
  std::string out = v.substr(0, space);
  std::string sep = " ";
  for (const std::string& raw : core::split(std::string_view(v).substr(space + 1), ',')) {
    const std::string part = trim(raw);
    const size_t eq = part.find('=');
    const std::string key = core::to_lower(part.substr(0, eq == std::string::npos ? 0 : eq));
    // Only the parts known to be public are kept; an unknown scheme (Basic, Bearer) keeps none.
    if (key == "credential" || key == "signedheaders")
      out += sep + part;
    else if (key == "signature")
      out += sep + "Signature=" + kRedacted;
    else
      out += sep + kRedacted;
    sep = ", ";
  }
  return out;
}

std::string redact_body(std::string_view body) {
  // Ordered, so a redacted body keeps its fields where the client put them.
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(body, nullptr, false);
  if (!j.is_discarded()) return redact_json(j) ? j.dump() : std::string(body);
  if (looks_like_form(body)) return redact_form(body);
  return std::string(body);
}

std::string redact_url(std::string_view url) {
  const size_t q = url.find('?');
  if (q == std::string_view::npos) return std::string(url);
  std::string_view query = url.substr(q + 1), fragment;
  const size_t hash = query.find('#');
  if (hash != std::string_view::npos) fragment = query.substr(hash), query = query.substr(0, hash);
  return std::string(url.substr(0, q + 1)) + redact_form(query) + std::string(fragment);
}

nlohmann::json redact_exchange(const nlohmann::json& exchange) {
  nlohmann::json x = exchange;
  for (const char* side : {"request", "response"}) {
    if (!x.contains(side) || !x[side].is_object()) continue;
    nlohmann::json& m = x[side];
    if (m.contains("headers") && m["headers"].is_array()) {
      for (auto& h : m["headers"]) {
        if (!h.is_array() || h.size() != 2 || !h[0].is_string() || !h[1].is_string()) continue;
        const std::string name = h[0];
        if (core::to_lower(name) == "authorization")
          h[1] = redact_authorization(h[1].get<std::string>());
        else if (sensitive_name(name))
          h[1] = kRedacted;
      }
    }
    if (m.contains("url") && m["url"].is_string())
      m["url"] = redact_url(m["url"].get<std::string>());
    if (m.contains("body") && m["body"].is_string())
      m["body"] = redact_body(m["body"].get<std::string>());
  }
  return x;
}

nlohmann::json public_identity(const nlohmann::json& target) {
  nlohmann::json t = target;
  if (t.is_object()) {
    for (auto it = t.begin(); it != t.end();) {
      if (sensitive_name(it.key())) {
        it = t.erase(it);
      } else {
        it.value() = public_identity(it.value());
        ++it;
      }
    }
  } else if (t.is_array()) {
    for (auto& item : t) item = public_identity(item);
  }
  return t;
}

}  // namespace cc::reports
