#include "harness/tencent/client.h"

#include "harness/core/signing/tc3.h"
#include "harness/core/signing/tencent_v1.h"
#include "harness/tencent/wire.h"

namespace cc::tencent {

core::HttpRequest Client::build(const core::Api& api, const nlohmann::json& params,
                                const core::CallStyle& call_style) {
  const auto [ep, host] = resolve(api);
  const std::string style = call_style.style.empty() ? "POST-JSON" : call_style.style;
  const std::string scheme = call_style.scheme.empty() ? "TC3-HMAC-SHA256" : call_style.scheme;
  const std::int64_t now = context_.now();
  const core::Credentials& cred = config_.credentials;

  core::HttpRequest req;
  req.url = ep.url + "/";
  req.headers.emplace_back("Host", host);

  if (scheme == "TC3-HMAC-SHA256") {
    core::tc3::Input in;
    in.service = api.product;  // the endpoint's first label: cvm, lighthouse, ecm
    in.timestamp = now;
    in.secret_id = cred.id;
    in.secret_key = cred.secret;
    std::string content_type;
    if (style == "GET-QUERY") {
      req.method = "GET";
      content_type = "application/x-www-form-urlencoded";
      in.canonical_query = core::encode_query(flatten(params));
      if (!in.canonical_query.empty()) req.url += "?" + in.canonical_query;
    } else {
      req.method = "POST";
      content_type = "application/json";
      req.body = params.dump();
    }
    in.method = req.method;
    in.payload = req.body;
    in.signed_headers = {{"content-type", content_type}, {"host", host}};
    core::tc3::Result r = core::tc3::sign(in);
    req.headers.emplace_back("Content-Type", content_type);
    req.headers.emplace_back("X-TC-Action", api.action);
    req.headers.emplace_back("X-TC-Version", api.version);
    req.headers.emplace_back("X-TC-Timestamp", std::to_string(now));
    if (!config_.region.empty()) req.headers.emplace_back("X-TC-Region", config_.region);
    if (!cred.token.empty()) req.headers.emplace_back("X-TC-Token", cred.token);
    req.headers.emplace_back("Authorization", r.authorization);
    return req;
  }

  // Signature v1: the common parameters travel with the API's own.
  core::Params all = flatten(params);
  all.emplace_back("Action", api.action);
  all.emplace_back("Version", api.version);
  if (!config_.region.empty()) all.emplace_back("Region", config_.region);
  all.emplace_back("Timestamp", std::to_string(now));
  // v1 wants a positive integer nonce: derive one from the context's nonce source.
  std::string nonce_hex = context_.nonce().substr(0, 8);
  all.emplace_back("Nonce", std::to_string(std::stoul(nonce_hex, nullptr, 16) % 2000000000 + 1));
  all.emplace_back("SecretId", cred.id);
  if (scheme == "HmacSHA256") all.emplace_back("SignatureMethod", "HmacSHA256");
  if (!cred.token.empty()) all.emplace_back("Token", cred.token);
  req.method = style == "POST-FORM" ? "POST" : "GET";
  std::string sig = core::tencent_v1::sign({req.method, host, "/", all, cred.secret}).signature;
  all.emplace_back("Signature", sig);
  if (req.method == "GET") {
    req.url += "?" + core::encode_query(all);
  } else {
    req.body = core::encode_query(all);
    req.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  }
  return req;
}

core::Outcome Client::parse(const core::HttpResponse& response) const {
  core::Outcome o;
  if (!core::begin_outcome(response, o)) return o;
  o.body = nlohmann::json::parse(response.body, nullptr, false);
  if (o.body.is_discarded() || !o.body.is_object() || !o.body.contains("Response") ||
      !o.body["Response"].is_object()) {
    o.body = nullptr;
    o.transport_error = "HTTP " + std::to_string(response.status) +
                        ": the body is not a Tencent {\"Response\": {...}} envelope";
    return o;
  }
  const nlohmann::json& r = o.body["Response"];
  if (r.contains("RequestId") && r["RequestId"].is_string()) o.request_id = r["RequestId"];
  if (r.contains("Error")) {
    const nlohmann::json& e = r["Error"];
    if (e.is_object() && e.contains("Code") && e["Code"].is_string()) {
      o.code = e["Code"];
      if (e.contains("Message") && e["Message"].is_string()) o.message = e["Message"];
    } else {
      o.transport_error = "Response.Error has no string Code";
    }
    return o;
  }
  o.ok = response.status == 200;
  if (!o.ok) o.code = "HTTP" + std::to_string(response.status);
  return o;
}

}  // namespace cc::tencent
