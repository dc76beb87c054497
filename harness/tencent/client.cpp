#include "harness/tencent/client.h"

#include "harness/core/signing/tc3.h"
#include "harness/core/signing/tencent_v1.h"
#include "harness/tencent/wire.h"

namespace cc::tencent {

Client::Client(ClientConfig config, core::CallContext context)
    : core::WireClient(std::move(config), std::move(context)) {
  redact_token_header("X-TC-Token");  // the session token's header
}

const std::string& Client::derived_key(const std::string& date, const std::string& service) {
  if (last_key_.key.empty() || last_key_.date != date || last_key_.service != service)
    last_key_ = {date, service, core::tc3::derive_key(config_.credentials.secret, date, service)};
  return last_key_.key;
}

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
    core::tc3::Result r =
        core::tc3::sign_with_key(in, derived_key(core::utc_date(now), in.service));
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
  core::place_parameters(req, all);
  return req;
}

namespace {

// Anything of the envelope: {"Response": …}, or an Error a target forgot to wrap.
bool has_envelope_member(const nlohmann::json& body) {
  return body.contains("Response") || body.contains("Error");
}

using Part = core::ProtocolBreak::Part;

// A6: every processed request gets HTTP 200, errors included; another status breaks the
// convention (the answer is still read: a 5xx in the envelope is an answer).
void check_status(const core::HttpResponse& response, core::Outcome& o) {
  if (response.status == 200) return;
  const std::string what = o.code.empty() || o.code.rfind("HTTP", 0) == 0
                               ? "an answer"
                               : "an error (Code " + o.code + ")";
  o.protocol_breaks.push_back(
      {Part::StatusConvention, what + " under HTTP " + std::to_string(response.status) +
                                   ": Tencent answers every request it processed, errors "
                                   "included, with HTTP 200"});
}

// The RequestId belongs in Response; one outside it still tells which request was answered.
void read_request_id(const nlohmann::json& body, bool wrapped, core::Outcome& o) {
  if (wrapped) {
    if (auto rid = core::nonempty_string_member(body["Response"], "RequestId")) {
      o.request_id = *rid;
      return;
    }
  }
  if (auto rid = core::nonempty_string_member(body, "RequestId")) {
    o.request_id = *rid;
    if (wrapped)
      o.protocol_breaks.push_back(
          {Part::RequestId,
           "the answer's RequestId is outside Response, not at Response.RequestId"});
    return;
  }
  o.protocol_breaks.push_back(
      {Part::RequestId, wrapped ? "the answer carries no RequestId (no Response.RequestId)"
                                : "the answer carries no RequestId"});
}

// Error.Code and Error.Message are always present on failure (A6). What is there is kept, so
// the case still sees the code of an error that lost its message.
void read_error(const nlohmann::json& error, const std::string& where, core::Outcome& o) {
  o.ok = false;
  if (!error.is_object()) {
    o.protocol_breaks.push_back(
        {Part::ErrorCode, "the error answer's " + where + " is not an object with a Code"});
    return;
  }
  if (auto code = core::nonempty_string_member(error, "Code"))
    o.code = *code;
  else
    o.protocol_breaks.push_back({Part::ErrorCode, "the error answer has no " + where + ".Code"});
  if (auto message = core::string_member(error, "Message"))
    o.message = *message;
  else
    o.protocol_breaks.push_back(
        {Part::ErrorMessage, "the error answer has no " + where + ".Message"});
}

}  // namespace

core::Outcome Client::parse(const core::HttpResponse& response) const {
  core::Outcome o;
  if (!core::begin_envelope(response, o, has_envelope_member)) return o;
  const bool wrapped = o.body.contains("Response") && o.body["Response"].is_object();
  const nlohmann::json& r = wrapped ? o.body["Response"] : o.body;
  if (!wrapped) {
    const std::string what = o.body.contains("Error") ? "the error" : "the answer";
    o.protocol_breaks.push_back(
        {Part::Wrapper, o.body.contains("Response")
                            ? "the answer's Response is not an object"
                            : what + " is not wrapped in {\"Response\": …}"});
  }
  if (r.contains("Error")) {
    read_error(r["Error"], wrapped ? "Response.Error" : "Error", o);
  } else if (wrapped) {
    o.ok = response.status == 200;
    if (!o.ok) o.code = "HTTP" + std::to_string(response.status);
  }
  // Unwrapped and no Error: an answer with nothing the suite can read as accepted or refused.
  read_request_id(o.body, wrapped, o);
  check_status(response, o);
  return o;
}

}  // namespace cc::tencent
