#include "harness/target/control_plane.h"

#include "harness/target/errors.h"

namespace cc::target {

using nlohmann::json;

ControlPlane::ControlPlane(std::string base_url, core::HttpOptions http)
    : base_(std::move(base_url)), http_(std::move(http)) {}

bool ControlPlane::answers(const std::string& base_url, std::string* why_not,
                           const core::HttpOptions& options) {
  core::HttpOptions quick = options;  // the TLS settings of the target, a probe's patience
  quick.connect_timeout = std::chrono::milliseconds(2000);
  quick.total_timeout = std::chrono::milliseconds(5000);
  core::HttpClient http(quick);
  const std::string info = base_url + "/_cloudconform/v1/info";
  core::HttpResponse r = http.send({"GET", info, {}, ""});
  std::string why;
  if (!r.received())
    why = r.transport_error;
  else if (r.status != 200)
    why = "HTTP " + std::to_string(r.status) + " at " + info;
  else if (!json::parse(r.body, nullptr, false).is_object())
    why = "not a JSON object at " + info;
  if (why_not) *why_not = why;
  return why.empty();
}

std::vector<std::string> ControlPlane::create_instances(const std::string& product,
                                                        const std::string& state,
                                                        const std::vector<std::string>& attributes,
                                                        int count) {
  core::HttpRequest req;
  req.method = "POST";
  req.url = url("/instances");
  req.headers = {{"Content-Type", "application/json"}};
  req.body =
      json{{"product", product}, {"state", state}, {"attributes", attributes}, {"count", count}}
          .dump();
  core::HttpResponse resp = http_.send(req);
  if (!resp.received()) throw HarnessError("control plane unreachable: " + resp.transport_error);
  json body = json::parse(resp.body, nullptr, false);
  if (resp.status != 201 || body.is_discarded() || !body.contains("instances"))
    throw HarnessError("control plane refused to create instances: HTTP " +
                       std::to_string(resp.status) + " " + resp.body);
  return body["instances"].get<std::vector<std::string>>();
}

json ControlPlane::config() {
  core::HttpResponse r = http_.send({"GET", url("/config"), {}, ""});
  json cfg = r.received() && r.status == 200 ? json::parse(r.body, nullptr, false) : json();
  if (!cfg.is_object()) throw HarnessError("control plane: cannot read /_cloudconform/v1/config");
  return cfg;
}

json ControlPlane::change_config(const json& change) {
  core::HttpResponse r =
      http_.send({"POST", url("/config"), {{"Content-Type", "application/json"}}, change.dump()});
  if (!r.received() || r.status != 200)
    throw HarnessError("control plane refused " + change.dump() + ": HTTP " +
                       std::to_string(r.status) + " " + r.body);
  return json::parse(r.body, nullptr, false);
}

}  // namespace cc::target
