#include "harness/alibaba/client.h"

#include "harness/alibaba/wire.h"
#include "harness/core/crypto.h"
#include "harness/core/signing/alibaba_v2.h"
#include "harness/core/signing/alibaba_v3.h"

namespace cc::alibaba {

Client::Client(ClientConfig config, core::CallContext context)
    : core::WireClient(std::move(config), std::move(context)) {
  redact_token_header("x-acs-security-token");  // the session token's header
}

core::HttpRequest Client::build(const core::Api& api, const nlohmann::json& params,
                                const core::CallStyle& call_style) {
  const auto [ep, host] = resolve(api);
  const std::string style = call_style.style.empty() ? "POST-FORM" : call_style.style;
  const std::string scheme = call_style.scheme.empty() ? "ACS3-HMAC-SHA256" : call_style.scheme;
  const core::Credentials& cred = config_.credentials;

  nlohmann::json p = params;
  if (!config_.region.empty() && api.parameter("RegionId") && !p.contains("RegionId"))
    p["RegionId"] = config_.region;
  core::Params api_params = flatten(api, p);

  core::HttpRequest req;
  req.method = style == "GET-QUERY" ? "GET" : "POST";
  req.url = ep.url + "/";
  req.headers.emplace_back("Host", host);
  const std::string timestamp = core::utc_iso8601(context_.now());
  const std::string nonce = context_.nonce();

  if (scheme == "V2-HMAC-SHA1") {
    core::Params all = api_params;
    all.emplace_back("Action", api.action);
    all.emplace_back("Version", api.version);
    all.emplace_back("Format", "JSON");
    all.emplace_back("AccessKeyId", cred.id);
    all.emplace_back("SignatureMethod", "HMAC-SHA1");
    all.emplace_back("SignatureVersion", "1.0");
    all.emplace_back("SignatureNonce", nonce);
    all.emplace_back("Timestamp", timestamp);
    if (!cred.token.empty()) all.emplace_back("SecurityToken", cred.token);
    all.emplace_back("Signature", core::alibaba_v2::sign({req.method, all, cred.secret}).signature);
    core::place_parameters(req, all);
    return req;
  }

  // V3: API parameters in the query (GET) or a form body (POST), the rest in x-acs-* headers.
  core::alibaba_v3::Input in;
  in.method = req.method;
  if (req.method == "GET") {
    in.query = api_params;
    if (!api_params.empty()) req.url += "?" + core::encode_query(api_params);
  } else {
    req.body = core::encode_query(api_params);
  }
  in.hashed_payload = core::sha256_hex(req.body);
  in.signed_headers = {{"host", host},
                       {"x-acs-action", api.action},
                       {"x-acs-version", api.version},
                       {"x-acs-date", timestamp},
                       {"x-acs-signature-nonce", nonce},
                       {"x-acs-content-sha256", in.hashed_payload}};
  if (!req.body.empty())
    in.signed_headers.emplace_back("content-type", "application/x-www-form-urlencoded");
  if (!cred.token.empty()) in.signed_headers.emplace_back("x-acs-security-token", cred.token);
  in.access_key_id = cred.id;
  in.secret = cred.secret;
  core::alibaba_v3::Result r = core::alibaba_v3::sign(in);
  for (const auto& h : in.signed_headers)
    if (h.first != "host") req.headers.push_back(h);
  req.headers.emplace_back("Accept", "application/json");
  req.headers.emplace_back("Authorization", r.authorization);
  return req;
}

namespace {

using Part = core::ProtocolBreak::Part;

// A gateway's JSON 5xx carries nothing of the envelope; the API's error carries at least part.
bool has_envelope_member(const nlohmann::json& body) {
  return body.contains("Code") || body.contains("Message") || body.contains("RequestId");
}

// B6: errors come with a 4xx/5xx status, their Code and their Message. What is there is kept,
// so the case still sees the code of an error that lost its message.
void read_error(const core::HttpResponse& response, core::Outcome& o) {
  o.ok = false;
  const std::string status = "HTTP " + std::to_string(response.status);
  if (auto code = core::nonempty_string_member(o.body, "Code"))
    o.code = *code;
  else
    o.protocol_breaks.push_back({Part::ErrorCode, "the error answer (" + status + ") has no Code"});
  if (auto message = core::string_member(o.body, "Message"))
    o.message = *message;
  else
    o.protocol_breaks.push_back(
        {Part::ErrorMessage, "the error answer (" + status + ") has no Message"});
  if (!o.code.empty() && response.status < 400)
    o.protocol_breaks.push_back(
        {Part::StatusConvention, "an error (Code " + o.code + ") under " + status +
                                     ": Alibaba errors come with their documented 4xx/5xx status"});
}

}  // namespace

core::Outcome Client::parse(const core::HttpResponse& response) const {
  core::Outcome o;
  if (!core::begin_envelope(response, o, has_envelope_member)) return o;
  const bool success = response.status >= 200 && response.status < 300;
  // The error shape is a top-level Code AND Message: a batch's per-instance Code ("200") is
  // nested in InstanceResponses, and a lone Code is no error envelope.
  const bool error_shaped =
      core::nonempty_string_member(o.body, "Code") && core::string_member(o.body, "Message");
  if (success && !error_shaped)
    o.ok = true;
  else
    read_error(response, o);
  if (auto rid = core::nonempty_string_member(o.body, "RequestId"))
    o.request_id = *rid;
  else
    o.protocol_breaks.push_back({Part::RequestId, "the answer carries no RequestId"});
  return o;
}

}  // namespace cc::alibaba
