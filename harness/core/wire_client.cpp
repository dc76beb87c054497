#include "harness/core/wire_client.h"

#include "harness/core/encoding.h"

namespace cc::core {

namespace {

// Recorded answers keep this much of a body: a 50 MB answer must not reach results.json.
constexpr std::size_t kRecordedBody = 64u << 10;

Exchange for_the_record(HttpRequest request, const HttpResponse& response) {
  if (response.body.size() <= kRecordedBody) return {std::move(request), response};
  HttpResponse kept = response;
  kept.body.resize(kRecordedBody);
  kept.body +=
      "… [" + std::to_string(response.body.size() - kRecordedBody) + " more bytes not recorded]";
  return {std::move(request), std::move(kept)};
}

// The first bytes of a body, printable, for a message.
std::string excerpt(const std::string& body) {
  std::string out;
  for (char ch : body.substr(0, 60)) out += (ch >= 0x20 && ch < 0x7f) ? ch : ' ';
  return "\"" + out + (body.size() > 60 ? "…" : "") + "\"";
}

bool json_media_type(const std::string& content_type) {
  const std::string media = to_lower(trim(content_type.substr(0, content_type.find(';'))));
  return media == "application/json" || media == "text/json" ||
         (media.size() > 5 && media.compare(media.size() - 5, 5, "+json") == 0);
}

// The mark of a listing: every Describe answer of both providers counts what it lists
// (TotalCount). Arrays alone prove nothing: a newer API version may add any member to an
// action's answer, and the documents allow it.
bool is_listing(const nlohmann::json& root) { return root.contains("TotalCount"); }

// What a listing lists: its first array (or object wrapping one, Alibaba's {"Instance": [...]}),
// to name in the message; TotalCount itself when it lists nothing.
std::string listed_member(const nlohmann::json& root, const std::string& own) {
  for (const auto& [k, v] : root.items()) {
    if (k == own) continue;
    if (v.is_array()) return k;
    if (v.is_object())
      for (const auto& [inner_key, inner] : v.items())
        if (inner.is_array()) return k;
  }
  return "TotalCount";
}

// The object the provider's envelope keeps its members in: the parent of the RequestId.
nlohmann::json::json_pointer envelope_root(const Api& api) {
  const std::string& rid = api.response.request_id;
  return nlohmann::json::json_pointer(rid.empty() ? "" : rid.substr(0, rid.rfind('/')));
}

}  // namespace

WireClient::WireClient(ClientConfig config, CallContext context)
    : config_(std::move(config)), context_(std::move(context)), http_(config_.http) {
  redactor_.add_secret(config_.credentials.secret);
  redactor_.add_secret(config_.credentials.token);
}

std::pair<Endpoint, std::string> WireClient::resolve(const Api& api) const {
  Endpoint ep = config_.endpoint(api);
  std::string host = ep.host.empty() ? url_authority(ep.url) : ep.host;
  return {std::move(ep), std::move(host)};
}

Outcome WireClient::call(const Api& api, const nlohmann::json& params, const CallStyle& style) {
  HttpRequest req = build(api, params, style);
  HttpResponse resp = http_.send(req);
  if (context_.record) context_.record(for_the_record(redactor_.redact(req), resp));
  return read(api, resp);
}

Outcome WireClient::read(const Api& api, const HttpResponse& resp) const {
  if (resp.received()) {
    if (auto why = unreadable_answer(resp)) {
      Outcome o;
      begin_outcome(resp, o);
      o.transport_error = *why;
      return o;
    }
  }
  Outcome o = parse(resp);
  if (o.harness_error()) {
    if (resp.received()) o.transport_error = explain_refusal(resp, o.transport_error);
  } else if (auto why = foreign_answer(api, o)) {
    o.transport_error = *why;
    o.protocol_breaks.clear();  // not this request's answer: nothing of it is a verdict
  }
  return o;
}

bool begin_outcome(const HttpResponse& response, Outcome& o) {
  o.http_status = response.status;
  o.elapsed = response.elapsed;
  if (!response.received()) {
    o.transport_error = response.transport_error;
    o.transport_kind = response.transport_kind;
    return false;
  }
  return true;
}

void place_parameters(HttpRequest& req, const Params& params) {
  if (req.method == "GET") {
    req.url += "?" + encode_query(params);
  } else {
    req.body = encode_query(params);
    req.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  }
}

bool begin_envelope(const HttpResponse& response, Outcome& o,
                    bool (*has_envelope)(const nlohmann::json& body)) {
  if (!begin_outcome(response, o)) return false;
  o.body = nlohmann::json::parse(response.body, nullptr, false);
  if (o.body.is_discarded() || !o.body.is_object()) {
    o.body = nullptr;
    o.transport_error =
        "HTTP " + std::to_string(response.status) + ": the body is not a JSON object";
    return false;
  }
  if (response.status >= 500 && !has_envelope(o.body)) {
    o.body = nullptr;
    o.transport_error = server_error_without_envelope(response);
    return false;
  }
  return true;
}

std::optional<std::string> unreadable_answer(const HttpResponse& r) {
  const std::string type = r.header("Content-Type");
  const bool json_type = type.empty() || json_media_type(type);
  if (r.status >= 500 && (!json_type || !nlohmann::json::accept(r.body)))
    return server_error_without_envelope(r);
  if (!json_type)
    return "HTTP " + std::to_string(r.status) + ": the answer's Content-Type is " + type +
           ", not JSON (application/json); body " + excerpt(r.body);
  return std::nullopt;
}

std::string server_error_without_envelope(const HttpResponse& r) {
  const std::string type = r.header("Content-Type");
  return "HTTP " + std::to_string(r.status) +
         ": a server error without the provider's error envelope (" +
         (type.empty() ? "no Content-Type" : type) + ", " + std::to_string(r.body.size()) +
         " bytes: " + excerpt(r.body) + ")";
}

std::optional<std::string> string_member(const nlohmann::json& object, const std::string& key) {
  if (!object.is_object()) return std::nullopt;
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<std::string> nonempty_string_member(const nlohmann::json& object,
                                                  const std::string& key) {
  auto s = string_member(object, key);
  return s && !s->empty() ? s : std::nullopt;
}

std::string explain_refusal(const HttpResponse& r, const std::string& refusal) {
  if (nlohmann::json::accept(r.body)) return refusal;
  return "HTTP " + std::to_string(r.status) + ": the body is not JSON (" +
         std::to_string(r.body.size()) + " bytes: " + excerpt(r.body) + ")";
}

std::optional<std::string> foreign_answer(const Api& api, const Outcome& o) {
  if (!o.ok || !o.body.is_object()) return std::nullopt;
  const auto root = envelope_root(api);
  if (!o.body.contains(root) || !o.body[root].is_object())
    return std::nullopt;  // the parse judged the envelope
  const std::string rid = o.request_id.empty() ? "" : " (RequestId " + o.request_id + ")";
  if (!api.response.instances.empty()) {
    if (!o.body.contains(nlohmann::json::json_pointer(api.response.instances)))
      return "the answer to " + api.id + rid + " has no " + api.response.instances +
             ": it answers another request (an action's answer, not a listing)";
    return std::nullopt;
  }
  std::string own;  // the per-instance list a batch action documents is its own
  if (api.response.per_instance) {
    const std::string& list = api.response.per_instance->list;
    const std::string rel = list.substr(root.to_string().size());
    own = rel.substr(
        1, rel.find('/', 1) == std::string::npos ? std::string::npos : rel.find('/', 1) - 1);
  }
  if (is_listing(o.body[root]))
    return "the answer to " + api.id + rid + " carries a listing (" +
           listed_member(o.body[root], own) +
           ") that only a Describe answer has: it answers another request";
  return std::nullopt;
}

}  // namespace cc::core
