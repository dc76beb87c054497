// The Normaliser (normalise.h): one case's exchanges without secrets or run-specific values.
#include "harness/snapshot/normalise.h"

#include <set>

#include "harness/core/encoding.h"

namespace cc::snapshot {

namespace {

using nlohmann::json;

// Where the wire names the action when the exchange does not: Tencent's and Alibaba V3's
// header, else (Alibaba V2, RPC style) the Action parameter of the query or the form.
const char* const kActionHeaders[] = {"x-tc-action", "x-acs-action"};
// Transport headers that say nothing about the target's behaviour.
const char* const kDroppedHeaders[] = {"host", "content-length", "connection", "user-agent"};

bool contains(const std::string& hay, std::string_view needle) {
  return hay.find(needle) != std::string::npos;
}

// The catalogue's instance-id patterns as one search: any of them, as a whole word.
std::regex id_regex(const core::Catalogue& catalogue) {
  std::set<std::string> alternatives;
  for (const auto& api : catalogue.apis) {
    std::string p = api.instance_id.pattern;
    if (!p.empty() && p.front() == '^') p.erase(0, 1);
    if (!p.empty() && p.back() == '$') p.pop_back();
    if (!p.empty()) alternatives.insert("(?:" + p + ")");
  }
  std::string all;
  for (const auto& a : alternatives) all += (all.empty() ? "" : "|") + a;
  return std::regex(all.empty() ? "(?!)" : "\\b(?:" + all + ")\\b");
}

std::string url_host(const std::string& url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  const size_t start = scheme + 3, end = url.find_first_of("/?#", start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// The path of a URL, without scheme, host, port, query or fragment.
std::string url_path(const std::string& url) {
  const size_t scheme = url.find("://");
  const size_t start = scheme == std::string::npos ? 0 : url.find('/', scheme + 3);
  if (start == std::string::npos) return "/";
  const size_t end = url.find_first_of("?#", start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

std::string url_query(const std::string& url) {
  const size_t q = url.find('?');
  if (q == std::string::npos) return "";
  const size_t end = url.find('#', q);
  return url.substr(q + 1, end == std::string::npos ? std::string::npos : end - q - 1);
}

std::optional<std::string> param(const std::string& text, const std::string& name) {
  const auto params = core::parse_query(text);
  if (!params) return std::nullopt;
  for (const auto& [k, v] : *params)
    if (k == name) return v;
  return std::nullopt;
}

std::string action_of(const RawExchange& raw) {
  if (!raw.action.empty()) return raw.action;
  for (const auto& [k, v] : raw.headers)
    for (const char* h : kActionHeaders)
      if (core::to_lower(k) == h) return v;
  if (auto a = param(url_query(raw.url), "Action")) return *a;
  if (auto a = param(raw.body, "Action")) return *a;
  return "";
}

const json* at_pointer(const json& doc, const std::string& pointer) {
  if (pointer.empty()) return nullptr;
  try {
    const json::json_pointer p(pointer);
    return doc.contains(p) ? &doc.at(p) : nullptr;
  } catch (const json::exception&) {
    return nullptr;
  }
}

// What a header's value is, by its name: the run-specific ones become typed placeholders.
std::optional<std::string> header_kind(const std::string& lower) {
  if (contains(lower, "nonce")) return "nonce";
  if (contains(lower, "signature") || contains(lower, "sha256") || contains(lower, "md5"))
    return "signature";
  if (contains(lower, "timestamp") || contains(lower, "date")) return "timestamp";
  return std::nullopt;
}

// The same for a parameter (Alibaba V2 signs in parameters, not headers).
std::optional<std::string> param_kind(const std::string& lower) {
  if (lower == "signature") return "signature";
  if (contains(lower, "nonce")) return "nonce";
  if (lower == "timestamp") return "timestamp";
  return std::nullopt;
}

}  // namespace

RawExchange raw_exchange(const json& entry) {
  RawExchange raw;
  const json& rq = entry.at("request");
  raw.method = rq.value("method", "");
  raw.url = rq.value("url", "");
  for (const auto& h : rq.value("headers", json::array()))
    raw.headers.emplace_back(h.at(0).get<std::string>(), h.at(1).get<std::string>());
  raw.body = rq.value("body", "");
  const json& rs = entry.at("response");
  raw.status = rs.value("status", 0);
  raw.response_body = rs.value("body", "");
  raw.transport_error = !rs.value("transport_error", "").empty();
  return raw;
}

bool is_describe(const std::string& action) { return action.rfind("Describe", 0) == 0; }

Normaliser::Normaliser(const core::Catalogue& catalogue, const std::string& api)
    : catalogue_(catalogue), api_(catalogue.find(api)), ids_(id_regex(catalogue)) {}

const core::Api* Normaliser::api_for(const std::string& action) const {
  if (!api_) return nullptr;
  for (const auto& a : catalogue_.apis)
    if (a.provider == api_->provider && a.product == api_->product && a.action == action) return &a;
  return nullptr;
}

json Normaliser::exchange(const RawExchange& raw) {
  // The host that served: in Alibaba's HostId, and different for every target.
  if (const std::string host = url_host(raw.url); !host.empty()) replacements_[host] = "<host>";
  for (const auto& [k, v] : raw.headers)
    if (core::to_lower(k) == "host" && !v.empty()) replacements_[v] = "<host>";
  const std::string action = action_of(raw);
  json out = {{"action", action}};
  out["request"] = request(raw);
  out["response"] = response(raw, action, out["request"]);
  return out;
}

json Normaliser::request(const RawExchange& raw) {
  json r = {{"method", raw.method}, {"path", url_path(raw.url)}, {"headers", json::object()}};
  for (const auto& [k, v] : raw.headers) {
    const std::string lower = core::to_lower(k);
    bool dropped = credential_name(k);
    for (const char* d : kDroppedHeaders) dropped = dropped || lower == d;
    if (dropped) continue;
    if (lower == "authorization")
      r["headers"][k] = "<authorization:" + v.substr(0, v.find(' ')) + ">";
    else if (auto kind = header_kind(lower))
      r["headers"][k] = placeholder(*kind, v);
    else
      r["headers"][k] = text(v);
  }
  if (const std::string q = url_query(raw.url); !q.empty()) r["query"] = params(q, false);
  if (!raw.body.empty()) {
    json p = params(raw.body, true);
    const char* key = p.is_object() ? "params" : "body";
    r[key] = std::move(p);
  }
  return r;
}

// A JSON object, or form parameters in wire order (so placeholders number in the order the
// ids were sent), or the text itself when it is neither.
json Normaliser::params(const std::string& body, bool allow_json) {
  if (allow_json) {
    const json parsed = json::parse(body, nullptr, false);
    if (parsed.is_object()) return value("", parsed);
  }
  const auto pairs = core::parse_query(body);
  if (!pairs || body.find('=') == std::string::npos) return text(body);
  json out = json::object();
  for (const auto& [k, v] : *pairs)
    if (!credential_name(k)) out[k] = value(k, v);
  return out;
}

json Normaliser::value(const std::string& name, const json& v) {
  if (v.is_object()) {
    json out = json::object();
    for (const auto& [k, child] : v.items())
      if (!credential_name(k)) out[k] = value(k, child);
    return out;
  }
  if (v.is_array()) {
    json out = json::array();
    for (const auto& child : v) out.push_back(value(name, child));
    return out;
  }
  if (!v.is_string()) return v;
  if (auto kind = param_kind(core::to_lower(name))) return placeholder(*kind, v.get<std::string>());
  return text(v.get<std::string>());
}

std::string Normaliser::text(const std::string& s) {
  std::string out;
  auto last = s.cbegin();
  for (std::sregex_iterator it(s.begin(), s.end(), ids_), end; it != end; ++it) {
    out.append(last, (*it)[0].first);
    auto [pos, fresh] = placeholders_.try_emplace(it->str(), "");
    if (fresh) pos->second = "<i" + std::to_string(placeholders_.size() - 1) + ">";
    out += pos->second;
    last = (*it)[0].second;
  }
  out.append(last, s.cend());
  for (const auto& [from, to] : replacements_)
    for (size_t p = out.find(from); p != std::string::npos; p = out.find(from, p + to.size()))
      out.replace(p, from.size(), to);
  const std::string format = format_of(out);
  if (format == "iso8601" || format == "http-date") return "<timestamp:" + format + ">";
  if (format == "uuid" || format == "upper-uuid") return "<uuid:" + format + ">";
  return out;
}

json Normaliser::response(const RawExchange& raw, const std::string& action, const json& request) {
  json out = {{"status", raw.status}};
  if (raw.transport_error) {
    out["transport_error"] = true;
    return out;
  }
  const json body = json::parse(raw.response_body, nullptr, false);
  if (body.is_discarded()) {
    out["body"] = text(raw.response_body);
    return out;
  }
  // The RequestId first: its value recurs in other fields (Alibaba's Recommend URL).
  const std::string provider = api_ ? api_->provider : "";
  const core::Envelope& envelope = catalogue_.common_errors(provider).envelope;
  if (const json* id = at_pointer(body, envelope.request_id);
      id && id->is_string() && !id->get<std::string>().empty())
    replacements_[id->get<std::string>()] = placeholder("request-id", id->get<std::string>());
  const core::Api* describe = is_describe(action) ? api_for(action) : nullptr;
  if (describe && !describe->response.instances.empty())
    out["states"] = describe_states(body, action, request);
  else
    out["body"] = value("", body);
  return out;
}

// Each instance the answer holds, with its state; each one the request named that the answer
// does not hold is "absent" (terminated, gone), or "error:<Code>" when the answer is an error.
json Normaliser::describe_states(const json& body, const std::string& action, const json& request) {
  const core::Api& d = *api_for(action);
  const std::string id_field =
      d.response.instance_fields.count("id") ? d.response.instance_fields.at("id") : "InstanceId";
  const std::string state_field =
      d.response.instance_fields.count("state") ? d.response.instance_fields.at("state") : "Status";
  json states = json::object();
  if (const json* list = at_pointer(body, d.response.instances); list && list->is_array())
    for (const auto& record : *list)
      if (record.is_object() && record.contains(id_field) && record[id_field].is_string())
        states[text(record[id_field].get<std::string>())] = record.value(state_field, json());
  const json* code = at_pointer(body, catalogue_.common_errors(d.provider).envelope.error_code);
  const std::string missing =
      code && code->is_string() ? "error:" + code->get<std::string>() : "absent";
  static const std::regex named("<i\\d+>");
  const std::string sent = request.dump();
  for (std::sregex_iterator it(sent.begin(), sent.end(), named), end; it != end; ++it)
    if (!states.contains(it->str())) states[it->str()] = missing;
  return states;
}

std::map<std::string, json> normalise_cases(const json& results, const core::Catalogue& catalogue) {
  std::map<std::string, json> out;
  for (const auto& c : results.value("cases", json::array())) {
    const json transcript = c.value("transcript", json::array());
    if (!transcript.is_array() || transcript.empty()) continue;
    Normaliser n(catalogue, c.value("api", ""));
    json exchanges = json::array();
    for (const auto& e : transcript) exchanges.push_back(n.exchange(raw_exchange(e)));
    const std::string id = c.value("id", "");
    out[id] = {{"id", id},
               {"api", c.value("api", "")},
               {"outcome", c.value("outcome", "")},
               {"exchanges", std::move(exchanges)}};
  }
  return out;
}

}  // namespace cc::snapshot
