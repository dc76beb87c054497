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

namespace cc::suites {

// "<product> at <url>: <transport error>" for the first endpoint that gives no HTTP answer to a
// plain GET (any status is an answer: the cloud APIs refuse unsigned requests, and that is
// enough to know they are there); nullopt when every endpoint answers.
// Only the endpoints of `products` are tried: the run never calls the others, and a profile's
// official endpoint of a product outside the selection must not be contacted at all.
std::optional<std::string> unreachable_endpoint(const target::TargetConfig& cfg,
                                                const std::set<std::string>& products);

// "endpoints: …" and "control plane: …" lines of the run header.
void print_reach(std::ostream& out, const target::TargetConfig& cfg, bool embedded);

}  // namespace cc::suites
