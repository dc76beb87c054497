#include "harness/alibaba/client.h"

#include "harness/alibaba/wire.h"
#include "harness/core/crypto.h"
#include "harness/core/signing/alibaba_v2.h"
#include "harness/core/signing/alibaba_v3.h"

namespace cc::alibaba {

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
    if (req.method == "GET") {
      req.url += "?" + core::encode_query(all);
    } else {
      req.body = core::encode_query(all);
      req.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    }
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
  if (!req.body.empty()) in.signed_headers.emplace_back("content-type", "application/x-www-form-urlencoded");
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

core::Outcome Client::parse(const core::HttpResponse& response) const {
  core::Outcome o;
  if (!core::begin_outcome(response, o)) return o;
  o.body = nlohmann::json::parse(response.body, nullptr, false);
  if (o.body.is_discarded() || !o.body.is_object()) {
    o.body = nullptr;
    o.transport_error = "HTTP " + std::to_string(response.status) + ": the body is not a JSON object";
    return o;
  }
  if (o.body.contains("RequestId") && o.body["RequestId"].is_string()) o.request_id = o.body["RequestId"];
  const bool success = response.status >= 200 && response.status < 300;
  if (success) {
    o.ok = true;
    return o;
  }
  if (o.body.contains("Code") && o.body["Code"].is_string()) {
    o.code = o.body["Code"];
    if (o.body.contains("Message") && o.body["Message"].is_string()) o.message = o.body["Message"];
  } else {
    o.transport_error = "HTTP " + std::to_string(response.status) + " without an error Code";
  }
  return o;
}

}  // namespace cc::alibaba
