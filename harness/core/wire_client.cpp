#include "harness/core/wire_client.h"

namespace cc::core {

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
  if (context_.record) context_.record({redactor_.redact(req), resp});
  return parse(resp);
}

bool begin_outcome(const HttpResponse& response, Outcome& o) {
  o.http_status = response.status;
  o.elapsed = response.elapsed;
  if (!response.received()) {
    o.transport_error = response.transport_error;
    return false;
  }
  return true;
}

}  // namespace cc::core
