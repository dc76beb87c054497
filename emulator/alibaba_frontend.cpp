// Alibaba Cloud ECS RPC as the service speaks it (protocols.md B1–B6): V2 (HMAC-SHA1) and V3
// (ACS3-HMAC-SHA256) signatures, a 15-minute window, nonce replay rejected, and errors as
// {RequestId, HostId, Code, Message, Recommend} with each code's documented HTTP status.
#include <algorithm>
#include <cstdlib>
#include <optional>

#include "emulator/frontend.h"
#include "harness/alibaba/wire.h"
#include "harness/core/crypto.h"
#include "harness/core/signing/alibaba_v2.h"
#include "harness/core/signing/alibaba_v3.h"

namespace cc::emu {
namespace {

using nlohmann::json;
constexpr std::int64_t kWindowSeconds = 15 * 60;
constexpr std::int64_t kWideWindowSeconds = 45 * 60;  // timestamp-window-wide
constexpr const char* kProvider = "alibaba";

HttpResponseOut error_body(int status, const std::string& code, const std::string& message,
                           const std::string& rid, const std::string& host) {
  HttpResponseOut out;
  out.status = status;
  out.body =
      json{{"RequestId", rid},
           {"HostId", host},
           {"Code", code},
           {"Message", message},
           {"Recommend",
            "https://api.aliyun.com/troubleshoot?q=" + code + "&product=Ecs&requestId=" + rid}}
          .dump(-1, ' ', false,
                json::error_handler_t::replace);  // echoed bytes may not be UTF-8 (tests/fuzz)
  out.note_code = code;
  return out;
}

}  // namespace

bool NonceCache::use(const std::string& account, const std::string& nonce, std::int64_t now,
                     std::int64_t window, NonceUse how) {
  std::lock_guard lock(mu_);
  // An entry older than the window still counts until the sweep that forgets it, which runs
  // when the last one is a window old: what a check answers is what a use would.
  const bool sweep = now - last_sweep_ > window;
  const std::string key = account + "\n" + nonce;
  const auto found = seen_.find(key);
  const bool used = found != seen_.end() && !(sweep && now - found->second > window);
  if (how == NonceUse::check) return !used;
  if (sweep) {  // forget what can no longer be replayed inside the window
    for (auto it = seen_.begin(); it != seen_.end();)
      it = now - it->second > window ? seen_.erase(it) : std::next(it);
    last_sweep_ = now;
  }
  if (!used) seen_[key] = now;
  return !used;
}

namespace {

// What the signature part of a request yields: who signed it, and what it asks.
struct Signed {
  const Account* account = nullptr;
  std::string action, version;
  core::Params params;   // the API's own parameters, common ones removed
  std::int64_t now = 0;  // the server's clock, read once per request
};

class AlibabaFrontend : public Frontend {
 public:
  explicit AlibabaFrontend(FrontendContext ctx) : ctx_(std::move(ctx)) {}
  std::string provider() const override { return kProvider; }
  bool claims(const HttpRequestIn& req) const override;
  HttpResponseOut handle(const HttpRequestIn& req) override;
  std::string verify(const HttpRequestIn& req) override;

 private:
  // An error answer for a common trigger, with this request's RequestId and Host.
  struct Fail {
    const core::CommonErrors& common;
    std::string rid, host;
    HttpResponseOut operator()(const std::string& trigger, const std::string& message) const {
      auto entries = common.errors_for(trigger);
      if (entries.empty()) return error_body(500, "InternalError", message, rid, host);
      return error_body(entries.front()->http_status, entries.front()->code, message, rid, host);
    }
  };
  // Everything handle() checks before the behaviour acts: a refusal, or the API with `s` filled
  // in. A nonce is remembered only when `nonces` says so (verify() changes nothing).
  std::optional<HttpResponseOut> read(const HttpRequestIn& req, const Fail& fail, Signed& s,
                                      const core::Api*& api, NonceUse nonces);
  // `all` is the query's parameters (the first `in_query`) then the form's; on success they
  // move into `s`.
  std::optional<HttpResponseOut> read_v3(const HttpRequestIn& req, core::Params& all,
                                         std::size_t in_query, const Fail& fail, Signed& s,
                                         NonceUse nonces);
  std::optional<HttpResponseOut> read_v2(core::Params& all, const std::string& method,
                                         const Fail& fail, Signed& s, NonceUse nonces);
  HttpResponseOut answer(const core::Api& api, const Signed& s, const Fail& fail, std::int64_t now);
  SignatureWindow window() const {
    return signature_window(*ctx_.deviations, kWindowSeconds, kWideWindowSeconds);
  }
  // A nonce is remembered as long as a request carrying it could still be inside the window.
  bool fresh_nonce(const Signed& s, const std::string& nonce, NonceUse how) {
    const std::int64_t keep = std::max(kWindowSeconds, window().seconds);
    return nonces_.use(s.account->alias, nonce, s.now, keep, how) ||
           ctx_.deviations->has(Deviation::accepts_replayed_nonce);
  }
  bool accepts_bad_signature() const {
    return ctx_.deviations->has(Deviation::accepts_bad_signature);
  }

  FrontendContext ctx_;
  NonceCache nonces_;
};

bool AlibabaFrontend::claims(const HttpRequestIn& req) const {
  if (req.header("Authorization").rfind("ACS3-HMAC-SHA256", 0) == 0) return true;
  if (!req.header("x-acs-action").empty() && req.header("X-TC-Action").empty()) return true;
  return names_parameter(req.query_view(), "AccessKeyId") ||
         names_parameter(req.body, "AccessKeyId");
}

// V3 (ACS3-HMAC-SHA256): action, version, date and nonce in x-acs-* headers.
std::optional<HttpResponseOut> AlibabaFrontend::read_v3(const HttpRequestIn& req, core::Params& all,
                                                        std::size_t in_query, const Fail& fail,
                                                        Signed& s, NonceUse nonces) {
  const core::alibaba_v3::AuthorizationView a =
      core::alibaba_v3::parse_authorization_view(req.header("Authorization"));
  if (!a.ok)
    return fail("auth.malformed", "The request signature does not conform to Aliyun standards.");
  s.action = req.header("x-acs-action");
  s.version = req.header("x-acs-version");
  s.account = ctx_.world->account_by_key(kProvider, a.access_key_id);
  if (!s.account) return fail("auth.secret_not_found", "Specified access key is not found.");
  auto date = core::parse_utc_iso8601(req.header("x-acs-date"));
  if (!date)
    return fail("auth.malformed", "Specified time stamp or date value is not well formatted.");
  if (!window().admits(s.now, *date))
    return fail("auth.expired", "Specified time stamp or date value is expired.");
  core::alibaba_v3::Input in;
  in.method = req.method;
  in.query.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(in_query));
  in.hashed_payload = req.header("x-acs-content-sha256");
  in.access_key_id = a.access_key_id;
  in.secret = s.account->keys.at(kProvider).secret;
  for (std::string_view names = a.signed_headers;;) {  // split(';') without a list of copies
    const std::size_t semicolon = names.find(';');
    const std::string_view name = names.substr(0, semicolon);
    in.signed_headers.emplace_back(name, req.header(name));
    if (semicolon == std::string_view::npos) break;
    names.remove_prefix(semicolon + 1);
  }
  const std::string sig = core::alibaba_v3::sign(in).signature;
  char body_hash[64];
  core::sha256_hex(req.body, body_hash);
  if ((in.hashed_payload != std::string_view(body_hash, sizeof body_hash) ||
       !core::constant_time_equal(sig, a.signature)) &&
      !accepts_bad_signature())
    return fail("auth.signature", "Specified signature is not matched with our calculation.");
  if (!fresh_nonce(s, req.header("x-acs-signature-nonce"), nonces))
    return fail("auth.nonce_used", "Specified signature nonce was used already.");
  s.params = std::move(all);
  return std::nullopt;
}

// The value a common parameter has in the list, or null: the last one when it comes twice (a map
// of the common parameters kept the last; a look-up in the list needs no copies).
const std::string* common(const core::Params& all, std::string_view name) {
  for (auto it = all.rbegin(); it != all.rend(); ++it)
    if (it->first == name) return &it->second;
  return nullptr;
}

// V2 (HMAC-SHA1): the common parameters travel with the API's own, in the query or the form.
std::optional<HttpResponseOut> AlibabaFrontend::read_v2(core::Params& all,
                                                        const std::string& method, const Fail& fail,
                                                        Signed& s, NonceUse nonces) {
  for (const char* required :
       {"AccessKeyId", "Signature", "SignatureNonce", "Timestamp", "Action", "Version"})
    if (!common(all, required))
      return fail("param.missing", std::string(required) + " is mandatory for this action.");
  const std::string* signature_method = common(all, "SignatureMethod");
  if (signature_method && *signature_method != "HMAC-SHA1")
    return fail("auth.malformed", "Specified signature method is not valid.");
  s.action = *common(all, "Action");
  s.version = *common(all, "Version");
  s.account = ctx_.world->account_by_key(kProvider, *common(all, "AccessKeyId"));
  if (!s.account) return fail("auth.secret_not_found", "Specified access key is not found.");
  auto ts = core::parse_utc_iso8601(*common(all, "Timestamp"));
  if (!ts)
    return fail("auth.malformed", "Specified time stamp or date value is not well formatted.");
  if (!window().admits(s.now, *ts))
    return fail("auth.expired", "Specified time stamp or date value is expired.");
  if (!core::alibaba_v2::signature_matches(method, all, s.account->keys.at(kProvider).secret,
                                           *common(all, "Signature")) &&
      !accepts_bad_signature()) {
    std::string message =
        "Specified signature is not matched with our calculation. server string to sign is:";
    core::alibaba_v2::string_to_sign(method, all, message);
    return fail("auth.signature", message);
  }
  if (!fresh_nonce(s, *common(all, "SignatureNonce"), nonces))
    return fail("auth.nonce_used", "Specified signature nonce was used already.");
  const std::string* format = common(all, "Format");
  if (format && !core::iequals_ascii(*format, "json") && !core::iequals_ascii(*format, "xml"))
    return fail("request.bad_format", "Specified parameter format is not valid.");
  for (core::Param& p : all)  // the API's own parameters; the common ones stay behind
    if (!alibaba::is_common_parameter(p.first)) s.params.push_back(std::move(p));
  return std::nullopt;
}

HttpResponseOut AlibabaFrontend::answer(const core::Api& api, const Signed& s, const Fail& fail,
                                        std::int64_t now) {
  ActionRequest ar{&api, s.account->alias, alibaba::unflatten(api, s.params), fail.rid, now};
  ActionResult result = ctx_.behaviour->handle(ar);
  HttpResponseOut out;
  if (!result.ok) {
    out = error_body(result.http_status, result.code, result.message, fail.rid, fail.host);
  } else {
    // A result with no fields has a null `data`: the answer is still an object.
    json response = result.data.is_null() ? json::object() : std::move(result.data);
    if (!ctx_.deviations->has(Deviation::drops_request_id)) response["RequestId"] = fail.rid;
    out.status = api.response.success_status;
    out.body = response.dump(-1, ' ', false,
                             json::error_handler_t::replace);  // echoed ids may not be UTF-8
  }
  out.note_api = &api;
  out.note_action = api.id;
  return out;
}

std::optional<HttpResponseOut> AlibabaFrontend::read(const HttpRequestIn& req, const Fail& fail,
                                                     Signed& s, const core::Api*& api,
                                                     NonceUse nonces) {
  if (req.method != "GET" && req.method != "POST")
    return fail("request.bad_method", "This http method not supported.");
  // The query's and the form's parameters in one list, as both schemes read them.
  core::Params all;
  const bool query_ok = core::parse_query(req.query(), all);
  const std::size_t in_query = all.size();
  constexpr std::string_view kForm = "application/x-www-form-urlencoded";
  const std::string_view type = req.header("Content-Type");
  const bool form = core::iequals_ascii(type.substr(0, kForm.size()), kForm);
  if (!query_ok || (form && !core::parse_query(req.body, all)))
    return fail("param.invalid_value", "The parameters are not well encoded.");
  std::optional<HttpResponseOut> refused;
  if (req.header("Authorization").rfind("ACS3-HMAC-SHA256", 0) == 0)
    refused = read_v3(req, all, in_query, fail, s, nonces);
  else
    refused = read_v2(all, req.method, fail, s, nonces);
  if (refused) return refused;
  api = resolve_api(*ctx_.catalogue, kProvider, s.version, s.action, req.header("Host"));
  if (!api)
    return fail("request.unknown_action",
                "Specified api is not found, please check your url and method.");
  return std::nullopt;
}

HttpResponseOut AlibabaFrontend::handle(const HttpRequestIn& req) {
  std::string rid = ctx_.world->request_id();  // lock-free
  for (auto& c : rid) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const Fail fail{ctx_.catalogue->common_errors(kProvider), rid, req.header("Host")};
  Signed s;
  s.now = ctx_.wall_clock();
  const core::Api* api = nullptr;
  if (auto refused = read(req, fail, s, api, NonceUse::remember)) return std::move(*refused);
  return answer(*api, s, fail, s.now);
}

std::string AlibabaFrontend::verify(const HttpRequestIn& req) {
  const Fail fail{ctx_.catalogue->common_errors(kProvider), std::string(), req.header("Host")};
  Signed s;
  s.now = ctx_.wall_clock();
  const core::Api* api = nullptr;
  const auto refused = read(req, fail, s, api, NonceUse::check);
  return refused ? refused->note_code : std::string();
}

}  // namespace

std::unique_ptr<Frontend> make_alibaba_frontend(FrontendContext ctx) {
  return std::make_unique<AlibabaFrontend>(std::move(ctx));
}

}  // namespace cc::emu
