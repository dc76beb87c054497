#include "suites/reachability.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <vector>

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

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// The variable's value; nullopt when unset or empty (libcurl's curl_getenv treats both alike).
std::optional<std::string> variable(const target::Environment& env, const std::string& name) {
  std::optional<std::string> v = env(name);
  if (v && v->empty()) return std::nullopt;
  return v;
}

struct UrlParts {
  std::string scheme, host;  // host without brackets, lowercase
  bool ipv6 = false;
};

UrlParts parts_of(const std::string& url) {
  UrlParts p;
  const size_t colon = url.find("://");
  p.scheme = lower(colon == std::string::npos ? "http" : url.substr(0, colon));
  std::string authority = url.substr(colon == std::string::npos ? 0 : colon + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (const size_t at = authority.rfind('@'); at != std::string::npos)
    authority = authority.substr(at + 1);
  if (!authority.empty() && authority.front() == '[') {
    p.ipv6 = true;
    p.host = authority.substr(1, authority.find(']') - 1);
  } else {
    p.host = authority.substr(0, authority.find(':'));
  }
  p.host = lower(p.host);
  return p;
}

// An address against "ADDRESS[/BITS]" (no bits: the whole address), as libcurl's cidr match.
bool address_matches(const std::string& host, std::string token, bool ipv6) {
  const int family = ipv6 ? AF_INET6 : AF_INET;
  const int width = ipv6 ? 128 : 32;
  int bits = width;
  if (const size_t slash = token.find('/'); slash != std::string::npos) {
    bits = std::atoi(token.c_str() + slash + 1);
    token.resize(slash);
    if (bits <= 0 || bits > width) bits = width;
  }
  unsigned char a[16] = {}, b[16] = {};
  if (inet_pton(family, host.c_str(), a) != 1 || inet_pton(family, token.c_str(), b) != 1)
    return false;
  const int bytes = bits / 8, rest = bits % 8;
  if (std::memcmp(a, b, static_cast<size_t>(bytes)) != 0) return false;
  if (rest == 0) return true;
  const auto mask = static_cast<unsigned char>(0xff << (8 - rest));
  return (a[bytes] & mask) == (b[bytes] & mask);
}

// Whether a no_proxy list exempts the host (libcurl's Curl_check_noproxy): "*" alone exempts
// every host; a name matches itself and its subdomains (a leading dot is ignored); an IP address
// matches an address or CIDR entry only, never a name such as "localhost".
bool exempt(const UrlParts& url, const std::string& no_proxy) {
  if (no_proxy == "*") return true;
  unsigned char v4[4];
  const bool ipv4 = !url.ipv6 && inet_pton(AF_INET, url.host.c_str(), v4) == 1;
  std::string host = url.host;
  if (!ipv4 && !url.ipv6 && !host.empty() && host.back() == '.') host.pop_back();
  size_t i = 0;
  while (i < no_proxy.size()) {
    const size_t end = no_proxy.find_first_of(", \t", i);
    std::string token = lower(no_proxy.substr(i, end == std::string::npos ? end : end - i));
    i = end == std::string::npos ? no_proxy.size() : end + 1;
    if (token.empty()) continue;
    if (ipv4 || url.ipv6) {
      if (address_matches(host, token, url.ipv6)) return true;
      continue;
    }
    if (token.back() == '.') token.pop_back();
    if (!token.empty() && token.front() == '.') token.erase(0, 1);
    if (token.empty()) continue;
    if (token == host) return true;
    if (token.size() < host.size() &&
        host.compare(host.size() - token.size(), token.size(), token) == 0 &&
        host[host.size() - token.size() - 1] == '.')
      return true;
  }
  return false;
}

// "scheme://user:password@host" → "scheme://***@host": a proxy's credentials are never shown.
std::string redacted(const std::string& proxy) {
  const size_t scheme = proxy.find("://");
  const size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  const size_t end = proxy.find_first_of("/?#", start);
  const size_t at = proxy.rfind('@', end == std::string::npos ? std::string::npos : end);
  if (at == std::string::npos || at < start) return proxy;
  return proxy.substr(0, start) + "***" + proxy.substr(at);
}

}  // namespace

ProxyUse proxy_for(const std::string& url, const target::Environment& env) {
  const UrlParts parts = parts_of(url);
  // libcurl never reads HTTP_PROXY: a CGI program's environment gets it from a request header.
  std::vector<std::string> names = {parts.scheme + "_proxy"};
  if (parts.scheme != "http") names.push_back(upper(names.front()));
  names.insert(names.end(), {"all_proxy", "ALL_PROXY"});
  for (const std::string& name : names) {
    const std::optional<std::string> proxy = variable(env, name);
    if (!proxy) continue;
    std::string no_name = "no_proxy";
    std::optional<std::string> no_proxy = variable(env, no_name);
    if (!no_proxy) no_proxy = variable(env, no_name = "NO_PROXY");
    if (no_proxy && exempt(parts, *no_proxy))
      return {"", no_name + "=" + *no_proxy + " exempts it from " + name};
    return {redacted(*proxy), name};
  }
  return {};
}

std::string proxy_line(const target::TargetConfig& cfg, const target::Environment& env) {
  // Each distinct URL once, grouped by what reaches it, in the endpoints' order.
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;  // "proxy (from x)" → URLs
  std::vector<std::string> seen;
  for (const auto& [product, endpoint] : cfg.endpoints) {
    if (std::find(seen.begin(), seen.end(), endpoint.url) != seen.end()) continue;
    seen.push_back(endpoint.url);
    const ProxyUse use = proxy_for(endpoint.url, env);
    const std::string how = use.proxy.empty()
                                ? "none" + (use.source.empty() ? "" : " (" + use.source + ")")
                                : use.proxy + " (from " + use.source + ")";
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&how](const auto& g) { return g.first == how; });
    if (it == groups.end()) it = groups.insert(groups.end(), {how, {}});
    it->second.push_back(endpoint.url);
  }
  if (groups.size() == 1 && groups.front().first == "none") return "proxy: none";
  std::string line = "proxy: ";
  for (size_t g = 0; g < groups.size(); ++g) {
    line += (g ? "; " : "") + groups[g].first + " for ";
    for (size_t u = 0; u < groups[g].second.size(); ++u)
      line += (u ? ", " : "") + groups[g].second[u];
  }
  return line;
}

void print_reach(std::ostream& out, const target::TargetConfig& cfg, bool embedded) {
  out << "endpoints:";
  for (const auto& [product, endpoint] : cfg.endpoints)
    out << " " << product << " " << endpoint.url
        << (endpoint.host.empty() ? "" : " (Host " + endpoint.host + ")") << ";";
  out << "\n" << proxy_line(cfg, target::process_environment());
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
