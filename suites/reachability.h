#pragma once
// The target is tried before the first case (issue 17): an endpoint that answers nothing at all
// (no connection, a TLS certificate that does not verify, a timeout) stops the run with one line,
// instead of every case failing with the same transport error. The header then says where each
// product is reached and whether a control plane was found, or why not.
#include <optional>
#include <ostream>
#include <set>
#include <string>

#include "harness/target/config.h"
#include "harness/target/credentials.h"

namespace cc::suites {

// "<product> at <url>: <transport error>" for the first endpoint that gives no HTTP answer to a
// plain GET (any status is an answer: the cloud APIs refuse unsigned requests, and that is
// enough to know they are there); nullopt when every endpoint answers.
// Only the endpoints of `products` are tried: the run never calls the others, and a profile's
// official endpoint of a product outside the selection must not be contacted at all.
std::optional<std::string> unreachable_endpoint(const target::TargetConfig& cfg,
                                                const std::set<std::string>& products);

// The proxy libcurl takes from the environment for `url`, by libcurl's own rules (it sets no
// proxy itself): no_proxy (else NO_PROXY) first — "*", a host or domain suffix, an IP or CIDR;
// loopback is not exempt unless listed — then <scheme>_proxy (https_proxy, else HTTPS_PROXY; for
// http only the lowercase http_proxy, as libcurl refuses HTTP_PROXY), then all_proxy/ALL_PROXY.
// Empty variables count as unset. The proxy URL has any user:password@ replaced by "***@".
struct ProxyUse {
  std::string proxy;   // redacted; empty = the URL is reached directly
  std::string source;  // the variable it came from, or the no_proxy that exempts the URL
};
ProxyUse proxy_for(const std::string& url, const target::Environment& env);

// "proxy: http://***@proxy:3128 (from https_proxy) for https://…" or "proxy: none" — one line
// for the distinct URLs of `cfg`, so a run says whether its requests leave through a proxy.
std::string proxy_line(const target::TargetConfig& cfg, const target::Environment& env);

// "endpoints: …", "proxy: …" and "control plane: …" lines of the run header.
void print_reach(std::ostream& out, const target::TargetConfig& cfg, bool embedded);

}  // namespace cc::suites
