// Alibaba Cloud ECS RPC as the service speaks it (protocols.md B1–B6): V2 (HMAC-SHA1) and V3
// (ACS3-HMAC-SHA256) signatures, a 15-minute window, nonce replay rejected, and errors as
// {RequestId, HostId, Code, Message, Recommend} with each code's documented HTTP status.
#include <algorithm>
#include <cstdlib>

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
                     std::int64_t window) {
  std::lock_guard lock(mu_);
  if (now - last_sweep_ > window) {  // forget what can no longer be replayed inside the window
    for (auto it = seen_.begin(); it != seen_.end();)
      it = now - it->second > window ? seen_.erase(it) : std::next(it);
    last_sweep_ = now;
  }
  return seen_.emplace(account + "\n" + nonce, now).second;
}

bool AlibabaFrontend::claims(const HttpRequestIn& req) {
  if (req.header("Authorization").rfind("ACS3-HMAC-SHA256", 0) == 0) return true;
  if (!req.header("x-acs-action").empty() && req.header("X-TC-Action").empty()) return true;
  const std::string q = req.query() + "&" + req.body;
  return q.find("AccessKeyId=") != std::string::npos;
}

HttpResponseOut AlibabaFrontend::handle(const HttpRequestIn& req) {
  World& world = *ctx_.world;
  std::string rid = world.request_id();  // lock-free
  for (auto& c : rid) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const std::string host = req.header("Host");
  const core::CommonErrors& common = ctx_.catalogue->common_errors("alibaba");
  auto fail = [&](const std::string& trigger, const std::string& message) {
    auto entries = common.errors_for(trigger);
    if (entries.empty()) return error_body(500, "InternalError", message, rid, host);
    return error_body(entries.front()->http_status, entries.front()->code, message, rid, host);
  };
  if (req.method != "GET" && req.method != "POST")
    return fail("request.bad_method", "This http method not supported.");

  const std::int64_t now = ctx_.wall_clock();
  const SignatureWindow window =
      signature_window(*ctx_.deviations, kWindowSeconds, kWideWindowSeconds);
  // A nonce is remembered as long as a request carrying it could still be inside the window.
  const std::int64_t nonce_window = std::max(kWindowSeconds, window.seconds);
  const bool replay_allowed = ctx_.deviations->has("accepts-replayed-nonce");
  auto query = core::parse_query(req.query());
  const bool form =
      core::to_lower(req.header("Content-Type")).rfind("application/x-www-form-urlencoded", 0) == 0;
  auto body = form ? core::parse_query(req.body) : std::optional<core::Params>(core::Params{});
  if (!query || !body) return fail("param.invalid_value", "The parameters are not well encoded.");

  core::Params api_params;
  const Account* account = nullptr;
  std::string action, version;
  const std::string auth = req.header("Authorization");
  if (auth.rfind("ACS3-HMAC-SHA256", 0) == 0) {
    core::alibaba_v3::Authorization a = core::alibaba_v3::parse_authorization(auth);
    if (!a.ok)
      return fail("auth.malformed", "The request signature does not conform to Aliyun standards.");
    action = req.header("x-acs-action");
    version = req.header("x-acs-version");
    account = world.account_by_alibaba_id(a.access_key_id);
    if (!account) return fail("auth.secret_not_found", "Specified access key is not found.");
    auto date = core::parse_utc_iso8601(req.header("x-acs-date"));
    if (!date)
      return fail("auth.malformed", "Specified time stamp or date value is not well formatted.");
    if (!window.admits(now, *date))
      return fail("auth.expired", "Specified time stamp or date value is expired.");
    const std::string hashed = core::sha256_hex(req.body);
    core::alibaba_v3::Input in;
    in.method = req.method;
    in.query = *query;
    in.hashed_payload = req.header("x-acs-content-sha256");
    in.access_key_id = a.access_key_id;
    in.secret = account->alibaba_access_key_secret;
    for (const std::string& name : core::split(a.signed_headers, ';'))
      in.signed_headers.emplace_back(name, req.header(name));
    const std::string sig = core::alibaba_v3::sign(in).signature;
    if ((in.hashed_payload != hashed || !core::constant_time_equal(sig, a.signature)) &&
        !ctx_.deviations->has("accepts-bad-signature"))
      return fail("auth.signature", "Specified signature is not matched with our calculation.");
    if (!nonces_.use(account->alias, req.header("x-acs-signature-nonce"), now, nonce_window) &&
        !replay_allowed)
      return fail("auth.nonce_used", "Specified signature nonce was used already.");
    api_params = *query;
    api_params.insert(api_params.end(), body->begin(), body->end());
  } else {
    core::Params all = *query;
    all.insert(all.end(), body->begin(), body->end());
    std::map<std::string, std::string> c;
    for (const auto& [k, v] : all)
      if (alibaba::is_common_parameter(k))
        c[k] = v;
      else
        api_params.emplace_back(k, v);
    for (const char* required :
         {"AccessKeyId", "Signature", "SignatureNonce", "Timestamp", "Action", "Version"})
      if (!c.count(required))
        return fail("param.missing", std::string(required) + " is mandatory for this action.");
    if (c.count("SignatureMethod") && c["SignatureMethod"] != "HMAC-SHA1")
      return fail("auth.malformed", "Specified signature method is not valid.");
    action = c["Action"];
    version = c["Version"];
    account = world.account_by_alibaba_id(c["AccessKeyId"]);
    if (!account) return fail("auth.secret_not_found", "Specified access key is not found.");
    auto ts = core::parse_utc_iso8601(c["Timestamp"]);
    if (!ts)
      return fail("auth.malformed", "Specified time stamp or date value is not well formatted.");
    if (!window.admits(now, *ts))
      return fail("auth.expired", "Specified time stamp or date value is expired.");
    auto r = core::alibaba_v2::sign({req.method, all, account->alibaba_access_key_secret});
    if (!core::constant_time_equal(r.signature, c["Signature"]) &&
        !ctx_.deviations->has("accepts-bad-signature"))
      return fail(
          "auth.signature",
          "Specified signature is not matched with our calculation. server string to sign is:" +
              r.string_to_sign);
    if (!nonces_.use(account->alias, c["SignatureNonce"], now, nonce_window) && !replay_allowed)
      return fail("auth.nonce_used", "Specified signature nonce was used already.");
    if (c.count("Format") && core::to_lower(c["Format"]) != "json" &&
        core::to_lower(c["Format"]) != "xml")
      return fail("request.bad_format", "Specified parameter format is not valid.");
  }

  const core::Api* api = ctx_.catalogue->find("alibaba", version, action);
  if (!api)
    return fail("request.unknown_action",
                "Specified api is not found, please check your url and method.");
  ActionRequest ar{api, account->alias, alibaba::unflatten(*api, api_params), rid, now};
  ActionResult result = ctx_.behaviour->handle(ar);
  HttpResponseOut out;
  if (!result.ok) {
    out = error_body(result.http_status, result.code, result.message, rid, host);
  } else {
    json response = std::move(result.data);
    if (!ctx_.deviations->has("drops-request-id")) response["RequestId"] = rid;
    out.status = api->response.success_status;
    out.body = response.dump(-1, ' ', false,
                             json::error_handler_t::replace);  // echoed ids may not be UTF-8
  }
  out.note_action = api->id;
  return out;
}

}  // namespace cc::emu
