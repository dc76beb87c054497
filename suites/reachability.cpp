#include "suites/reachability.h"

#include <algorithm>
#include <map>

#include "harness/core/http_client.h"

namespace cc::suites {

std::optional<std::string> unreachable_endpoint(const target::TargetConfig& cfg,
                                                const std::set<std::string>& products) {
  core::HttpOptions quick = cfg.http;  // the target's TLS settings, a probe's patience
  quick.total_timeout = std::min(quick.total_timeout, std::chrono::milliseconds(10000));
  quick.connect_timeout = std::min(quick.connect_timeout, quick.total_timeout);
  core::HttpClient http(quick);
  std::map<std::string, bool> tried;  // one GET per distinct URL
  for (const auto& [product, endpoint] : cfg.endpoints) {
    if (!products.count(product) || tried.count(endpoint.url)) continue;
    tried[endpoint.url] = true;
    core::HttpRequest req{"GET", endpoint.url + "/", {}, ""};
    if (!endpoint.host.empty()) req.headers.push_back({"Host", endpoint.host});
    const core::HttpResponse r = http.send(req);
    if (!r.received()) return product + " at " + endpoint.url + ": " + r.transport_error;
  }
  return std::nullopt;
}

void print_reach(std::ostream& out, const target::TargetConfig& cfg, bool embedded) {
  out << "endpoints:";
  for (const auto& [product, endpoint] : cfg.endpoints)
    out << " " << product << " " << endpoint.url
        << (endpoint.host.empty() ? "" : " (Host " + endpoint.host + ")") << ";";
  out << "\ncontrol plane: ";
  if (embedded)
    out << "the embedded emulator's";
  else if (!cfg.control_plane.empty())
    out << "found at " << cfg.control_plane << "/_cloudconform/v1";
  else if (!cfg.control_plane_absent.empty())
    out << "none (" << cfg.control_plane_absent
        << "): cases that arrange instance states are not supported";
  else
    out << "none: instances are arranged only through the public APIs";
  out << "\n";
}

}  // namespace cc::suites
