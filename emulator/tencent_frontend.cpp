// Tencent Cloud API 3.0 as the services speak it (protocols.md A1–A6): TC3 and v1 signatures,
// a 5-minute clock window, and every answer — errors included — with HTTP 200 in the
// {"Response": {...}} envelope.
#include <algorithm>
#include <array>
#include <charconv>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <unordered_map>

#include "emulator/flat_json.h"
#include "emulator/frontend.h"
#include "emulator/json_text.h"
#include "harness/core/crypto.h"
#include "harness/core/signing/tc3.h"
#include "harness/core/signing/tencent_v1.h"
#include "harness/tencent/wire.h"

namespace cc::emu {
namespace {

using nlohmann::json;
constexpr std::int64_t kWindowSeconds = 300;
constexpr std::int64_t kWideWindowSeconds = 30 * 60;  // timestamp-window-wide
constexpr const char* kProvider = "tencent";
constexpr const char* kExpired =
    "The signature expired: the timestamp is more than 5 minutes from server time.";
constexpr const char* kBadSignature =
    "The provided credentials could not be validated. Please check your signature is correct.";

struct Parsed {
  const Account* account = nullptr;
  // Views of the request's headers (TC3) or of v1_action/v1_version below (v1): an action name
  // longer than 15 bytes (DescribeInstances) was an allocation per request. A Parsed is never
  // moved or copied, so views of its own strings stay valid.
  std::string_view action, version;
  std::string v1_action, v1_version;
  json params;       // assigned before it is read (TC3's body, or the unflattened wire parameters):
                     // an empty object made here was an allocation per request
  core::Params raw;  // v1 and GET: the decoded wire parameters
  std::string service;  // TC3: the credential scope's service (the product's host label)
  bool json_body = false;
  std::int64_t now = 0;  // the server's clock, read once per request
};

HttpResponseOut envelope(json response) {
  HttpResponseOut out;
  out.status = 200;
  // Messages echo request values, which may be any bytes: invalid UTF-8 becomes U+FFFD, not an
  // exception (found by tests/fuzz).
  // Written around the answer's own text (emulator/json_text.h), byte for byte what dumping
  // {"Response": answer} gives, without building and freeing that wrapper per request.
  out.body.reserve(256);  // a Describe's answer: one allocation, not one per doubling
  out.body = "{\"Response\":";
  append_json(out.body, response);
  out.body += '}';
  return out;
}

// `code` is taken by value: a refusal's own code moves into the answer's note instead of being
// copied there.
HttpResponseOut error_envelope(std::string code, const std::string& message,
                               const std::string& rid) {
  // Written directly, byte for byte what dumping the envelope's object gives (its members in
  // std::map order): every refused request pays for this, and building the objects cost more
  // than the strings.
  HttpResponseOut out;
  out.status = 200;
  // The envelope's own 62 bytes, with room for a few escapes: 48 was short, and every refusal
  // grew (reallocated) the body once.
  out.body.reserve(80 + code.size() + message.size() + rid.size());
  out.body = "{\"Response\":{\"Error\":{\"Code\":";
  append_json_string(out.body, code);
  out.body += ",\"Message\":";
  append_json_string(out.body, message);
  out.body += "},\"RequestId\":";
  append_json_string(out.body, rid);
  out.body += "}}";
  out.note_code = std::move(code);
  return out;
}

// The headers a request is read by, found in one pass over the request's: the first of each
// name, as HttpRequestIn::header finds it, or an empty string. Looked up one at a time they were
// nine passes per request.
struct Known {
  const std::string *authorization, *action, *version, *timestamp, *host;
};

Known known_headers(const HttpRequestIn& req) {
  static const std::string kAbsent;  // an immutable constant, not state
  Known h{&kAbsent, &kAbsent, &kAbsent, &kAbsent, &kAbsent};
  for (const auto& [name, value] : req.headers) {
    const std::string** slot = nullptr;
    switch (name.size()) {  // the names' lengths first: most headers are none of them
      case 13:
        if (core::iequals_ascii(name, "Authorization")) slot = &h.authorization;
        break;
      case 11:
        if (core::iequals_ascii(name, "X-TC-Action")) slot = &h.action;
        break;
      case 12:
        if (core::iequals_ascii(name, "X-TC-Version")) slot = &h.version;
        break;
      case 14:
        if (core::iequals_ascii(name, "X-TC-Timestamp")) slot = &h.timestamp;
        break;
      case 4:
        if (core::iequals_ascii(name, "Host")) slot = &h.host;
        break;
      default:
        break;
    }
    if (slot && *slot == &kAbsent) *slot = &value;  // the first of the name counts
  }
  return h;
}

// Hosts to try when checking a signature: the Node SDK signs the host without the port but
// sends it with one (protocols.md D1). Views of the Host header, which outlives the check.
struct HostVariants {
  std::array<std::string_view, 2> hosts;
  std::size_t count = 0;
  const std::string_view* begin() const { return hosts.data(); }
  const std::string_view* end() const { return hosts.data() + count; }
};

HostVariants host_variants(std::string_view host) {
  HostVariants v{{host}, 1};
  size_t colon = host.rfind(':');
  if (colon != std::string_view::npos && host.find(']') == std::string_view::npos)
    v.hosts[v.count++] = host.substr(0, colon);
  return v;
}

// Parameters the official SDKs add to every v1 request beside the documented common ones:
// tencentcloud-sdk-nodejs sends RequestClient (e.g. SDK_NODEJS_4.1.313), signed like the rest;
// the services accept it, so it is neither the API's parameter nor an UnknownParameter.
bool is_sdk_v1_parameter(const std::string& name) { return name == "RequestClient"; }

// TC3's derived keys by secret, day and service: three of a verification's four HMACs, the same
// for every request of a day to a product, were a third of the emulator's CPU under load. Kept
// made ready for HMAC (core::HmacSha256Key: the pad blocks hashed once). Shared by the server's
// threads, each holding the key it got for as long as its check takes; cleared when full, since
// a client (a fuzzer, a clock-skew case) can name any number of services and a key is cheap to
// derive again.
class DerivedKeys {
 public:
  using Key = std::shared_ptr<const core::HmacSha256Key>;
  // The key for the UTC date of `timestamp` (keyed by its day number: no date string to format).
  Key get(const std::string& secret, std::int64_t timestamp, std::string_view service) {
    const std::int64_t day = timestamp / 86400 - (timestamp % 86400 < 0 ? 1 : 0);
    std::string id;
    {
      // The id is written into a string kept by the table (under its lock): building a fresh one
      // per request was two allocations.
      std::lock_guard lock(mu_);
      write_id(id_, secret, day, service);
      if (auto it = keys_.find(id_); it != keys_.end()) return it->second;
      id = id_;
    }
    auto key = std::make_shared<const core::HmacSha256Key>(
        core::tc3::derive_key(secret, core::utc_date(timestamp), service));
    std::lock_guard lock(mu_);
    if (keys_.size() >= kCapacity) keys_.clear();
    keys_.emplace(std::move(id), key);
    return key;
  }

 private:
  static void write_id(std::string& id, const std::string& secret, std::int64_t day,
                       std::string_view service) {
    char digits[24];
    id.assign(digits, std::to_chars(digits, digits + sizeof digits, secret.size()).ptr);
    id += ':';  // lengths first: no two ids collide
    id += secret;
    id.append(digits, std::to_chars(digits, digits + sizeof digits, day).ptr);
    id += ':';
    id += service;
  }

  static constexpr std::size_t kCapacity = 256;
  std::mutex mu_;
  std::string id_;  // the last id looked up, its capacity kept (under mu_)
  std::unordered_map<std::string, Key> keys_;
};

class TencentFrontend : public Frontend {
 public:
  explicit TencentFrontend(FrontendContext ctx) : ctx_(std::move(ctx)) {}
  std::string provider() const override { return kProvider; }
  bool claims(const HttpRequestIn& req) const override;
  HttpResponseOut handle(const HttpRequestIn& req) override;
  std::string verify(const HttpRequestIn& req) override;

 private:
  // An error answer for a common trigger, with this request's RequestId.
  // The provider's common errors are looked up only when one is answered.
  struct Fail {
    const core::Catalogue& catalogue;
    std::string rid;
    HttpResponseOut operator()(const std::string& trigger, const std::string& detail) const {
      auto entries = catalogue.common_errors(kProvider).errors_for(trigger);
      return error_envelope(entries.empty() ? "InternalError" : entries.front()->code, detail, rid);
    }
  };
  // Everything handle() checks before the behaviour acts: a refusal, or the API with `parsed`
  // filled in. Changes nothing (a request id is the caller's, in `fail`).
  std::optional<HttpResponseOut> read(const HttpRequestIn& req, const Fail& fail, Parsed& parsed,
                                      const core::Api*& api) const;
  std::optional<HttpResponseOut> read_tc3(const HttpRequestIn& req, const Known& h,
                                          const Fail& fail, Parsed& parsed) const;
  std::optional<HttpResponseOut> read_v1(const HttpRequestIn& req, const Fail& fail,
                                         Parsed& parsed) const;
  std::optional<HttpResponseOut> check_tc3_signature(const HttpRequestIn& req,
                                                     std::string_view host,
                                                     const core::tc3::AuthorizationView& a,
                                                     long long timestamp, const Fail& fail,
                                                     const Parsed& parsed) const;
  HttpResponseOut unknown(const Parsed& parsed, const Fail& fail) const;
  // Takes the request's parameters: they are the ActionRequest's from here on.
  HttpResponseOut answer(const core::Api& api, Parsed& parsed, std::string rid, std::int64_t now);
  SignatureWindow window() const {
    return signature_window(*ctx_.deviations, kWindowSeconds, kWideWindowSeconds);
  }
  bool accepts_bad_signature() const {
    return ctx_.deviations->has(Deviation::accepts_bad_signature);
  }

  FrontendContext ctx_;
  mutable DerivedKeys keys_;
};

bool TencentFrontend::claims(const HttpRequestIn& req) const {
  if (req.header("Authorization").rfind("TC3-HMAC-SHA256", 0) == 0) return true;
  if (!req.header("X-TC-Action").empty()) return true;
  if (req.method == "GET") return names_parameter(req.query_view(), "SecretId");
  return names_parameter(req.body, "SecretId");  // a view: the body is not copied
}

std::optional<HttpResponseOut> TencentFrontend::check_tc3_signature(
    const HttpRequestIn& req, std::string_view host, const core::tc3::AuthorizationView& a,
    long long timestamp, const Fail& fail, const Parsed& parsed) const {
  // Views of the request: nothing of it is copied to be signed again.
  const std::string_view query = req.method == "GET" ? req.query_view() : std::string_view();
  core::tc3::InputView in;
  in.method = req.method;
  in.canonical_query = query;
  in.payload = req.body;
  in.service = a.service;
  in.timestamp = timestamp;
  const std::string& secret = parsed.account->keys.at(kProvider).secret;
  const DerivedKeys::Key key = keys_.get(secret, timestamp, a.service);
  // The signed headers' names as views of the Authorization header, split at ';' as
  // core::split does (empty names kept), with the values the request carries. On the stack
  // for the few a client signs (a vector grown per request was three allocations). A header
  // named exactly "host" is not looked up: each host variant below is signed in its place.
  std::array<core::tc3::Header, 8> few;
  std::vector<core::tc3::Header> many;
  std::size_t count = 0;
  for (std::string_view rest = a.signed_headers;;) {
    const std::size_t semicolon = rest.find(';');
    const std::string_view name = rest.substr(0, semicolon);
    const core::tc3::Header header{name, name == "host" ? std::string_view() : req.header(name)};
    if (count == few.size()) many.assign(few.begin(), few.end());
    if (count < few.size())
      few[count] = header;
    else
      many.push_back(header);
    ++count;
    if (semicolon == std::string_view::npos) break;
    rest.remove_prefix(semicolon + 1);
  }
  const std::span<core::tc3::Header> headers = count <= few.size()
                                                   ? std::span<core::tc3::Header>(few.data(), count)
                                                   : std::span<core::tc3::Header>(many);
  in.signed_headers = headers;
  bool verified = core::utc_date(timestamp) == a.date;
  // The first host that verifies ends the search (the signature's bytes are compared in constant
  // time; which form of the host the client signed is no secret).
  for (const std::string_view h : verified ? host_variants(host) : HostVariants{}) {
    for (core::tc3::Header& header : headers)
      if (header.name == "host") header.value = h;
    verified = core::tc3::signature_matches(in, *key, a.signature);
    if (verified) break;
  }
  if (verified || accepts_bad_signature()) return std::nullopt;
  return fail("auth.signature", kBadSignature);
}

// TC3-HMAC-SHA256: action, version and timestamp in headers, the parameters in the JSON body
// (POST) or the query (GET).
std::optional<HttpResponseOut> TencentFrontend::read_tc3(const HttpRequestIn& req, const Known& h,
                                                         const Fail& fail, Parsed& parsed) const {
  // Views of the header: the parts are compared and looked up, none is kept past the check.
  const core::tc3::AuthorizationView a = core::tc3::parse_authorization_view(*h.authorization);
  if (!a.ok) return fail("auth.malformed", "The Authorization header is not TC3-HMAC-SHA256.");
  parsed.action = *h.action;
  parsed.version = *h.version;
  parsed.service = a.service;
  const std::string& ts = *h.timestamp;
  char* end = nullptr;
  const long long timestamp = std::strtoll(ts.c_str(), &end, 10);
  if (ts.empty() || *end != '\0')
    return fail("auth.malformed", "X-TC-Timestamp is not an integer.");
  parsed.account = ctx_.world->account_by_key(kProvider, a.secret_id);
  if (!parsed.account) return fail("auth.secret_not_found", "The SecretId is not found.");
  if (!window().admits(parsed.now, timestamp)) return fail("auth.expired", kExpired);
  if (auto refused = check_tc3_signature(req, *h.host, a, timestamp, fail, parsed)) return refused;
  if (req.method == "POST") {
    parsed.params = parse_body(req.body);  // nlohmann's parse, by a reader of flat objects
    if (parsed.params.is_discarded() || !parsed.params.is_object())
      return fail("param.invalid_value", "The request body is not a JSON object.");
    parsed.json_body = true;
  } else {
    auto q = core::parse_query(req.query());
    if (!q) return fail("param.invalid_value", "The query string is not well encoded.");
    parsed.raw = *q;
  }
  return std::nullopt;
}

// Signature v1: everything is in the query (GET) or the form body (POST).
std::optional<HttpResponseOut> TencentFrontend::read_v1(const HttpRequestIn& req, const Fail& fail,
                                                        Parsed& parsed) const {
  auto q = core::parse_query(req.method == "GET" ? req.query() : req.body);
  if (!q) return fail("param.invalid_value", "The parameters are not well encoded.");
  std::map<std::string, std::string> common_params;
  for (const auto& [k, v] : *q)
    if (tencent::is_v1_common_parameter(k) || is_sdk_v1_parameter(k))
      common_params[k] = v;
    else
      parsed.raw.emplace_back(k, v);
  for (const char* required : {"Action", "Version", "Timestamp", "Nonce", "SecretId", "Signature"})
    if (!common_params.count(required))
      return fail("param.missing", std::string("The parameter ") + required + " is missing.");
  parsed.v1_action = common_params["Action"];
  parsed.v1_version = common_params["Version"];
  parsed.action = parsed.v1_action;
  parsed.version = parsed.v1_version;
  parsed.account = ctx_.world->account_by_key(kProvider, common_params["SecretId"]);
  if (!parsed.account) return fail("auth.secret_not_found", "The SecretId is not found.");
  char* end = nullptr;
  const long long timestamp = std::strtoll(common_params["Timestamp"].c_str(), &end, 10);
  if (*end != '\0' || !window().admits(parsed.now, timestamp))
    return fail("auth.expired", kExpired);
  bool verified = false;
  for (const std::string_view h : host_variants(req.header("Host"))) {
    auto sig = core::tencent_v1::sign(
        {req.method, std::string(h), "/", *q, parsed.account->keys.at(kProvider).secret});
    if (core::constant_time_equal(sig.signature, common_params["Signature"])) verified = true;
  }
  if (!verified && !accepts_bad_signature()) return fail("auth.signature", kBadSignature);
  return std::nullopt;
}

HttpResponseOut TencentFrontend::unknown(const Parsed& parsed, const Fail& fail) const {
  bool version_known = false;
  for (const auto& a : ctx_.catalogue->apis)
    version_known = version_known || (a.provider == kProvider && a.version == parsed.version);
  if (!version_known)
    return fail("request.unknown_version",
                "The version " + std::string(parsed.version) + " does not exist.");
  return fail("request.unknown_action",
              "The action " + std::string(parsed.action) + " does not exist.");
}

HttpResponseOut TencentFrontend::answer(const core::Api& api, Parsed& parsed, std::string rid,
                                        std::int64_t now) {
  // The request id moves into the request and is read back from it: no copy per request.
  ActionRequest ar{&api, parsed.account->alias, std::move(parsed.params), std::move(rid), now};
  ActionResult result = ctx_.behaviour->handle(ar);
  HttpResponseOut out;
  if (!result.ok) {
    out = error_envelope(std::move(result.code), result.message, ar.request_id);
  } else {
    json response =
        result.data.contains("Response") ? std::move(result.data["Response"]) : json::object();
    // The request id is not read again: moved into the answer, not copied (a 36-byte string).
    if (!ctx_.deviations->has(Deviation::drops_request_id))
      response["RequestId"] = std::move(ar.request_id);
    out = envelope(std::move(response));
  }
  out.note_api = &api;
  out.note_action = api.id;
  return out;
}

std::optional<HttpResponseOut> TencentFrontend::read(const HttpRequestIn& req, const Fail& fail,
                                                     Parsed& parsed, const core::Api*& api) const {
  if (req.method != "GET" && req.method != "POST")
    return fail("request.bad_method", "Only GET and POST are supported.");
  const Known h = known_headers(req);
  const bool tc3 = !h.authorization->empty() || !h.action->empty();
  if (auto refused = tc3 ? read_tc3(req, h, fail, parsed) : read_v1(req, fail, parsed))
    return refused;
  if (parsed.action.empty()) return fail("param.missing", "The Action is missing.");
  api = resolve_api(*ctx_.catalogue, kProvider, parsed.version, parsed.action, *h.host,
                    parsed.service);
  if (!api) return unknown(parsed, fail);
  if (!parsed.json_body) parsed.params = tencent::unflatten(api, parsed.raw);
  // Tencent rejects parameters an API does not have. DryRun is left through on purpose:
  // what a Tencent API does with it is what the suite observes.
  for (const auto& [name, _] : parsed.params.items())
    if (!api->parameter(name) && name != "DryRun")
      return fail("request.unknown_parameter", "The parameter " + name + " is not recognized.");
  return std::nullopt;
}

HttpResponseOut TencentFrontend::handle(const HttpRequestIn& req) {
  Fail fail{*ctx_.catalogue, ctx_.world->request_id()};
  Parsed parsed;
  parsed.now = ctx_.wall_clock();
  const core::Api* api = nullptr;
  if (auto refused = read(req, fail, parsed, api)) return std::move(*refused);
  return answer(*api, parsed, std::move(fail.rid), parsed.now);
}

std::string TencentFrontend::verify(const HttpRequestIn& req) {
  const Fail fail{*ctx_.catalogue, std::string()};
  Parsed parsed;
  parsed.now = ctx_.wall_clock();
  const core::Api* api = nullptr;
  const auto refused = read(req, fail, parsed, api);
  return refused ? refused->note_code : std::string();
}

}  // namespace

std::unique_ptr<Frontend> make_tencent_frontend(FrontendContext ctx) {
  return std::make_unique<TencentFrontend>(std::move(ctx));
}

}  // namespace cc::emu
