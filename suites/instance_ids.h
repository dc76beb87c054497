#pragma once
// Instance ids the suite makes up: well-formed ids that name nothing (the pattern's shape
// filled with zeros and a counter — never a guess at a real instance), and ids that break the
// documented pattern.
#include <string>
#include <vector>

#include "harness/core/catalogue.h"

namespace cc::suites {

std::vector<std::string> nonexistent_ids(const core::Api& api, long long count);
std::string nonexistent_id(const core::Api& api);
// Keeps the prefix and breaks the rest: upper case and punctuation no pattern allows.
std::string malformed_id(const core::Api& api);

}  // namespace cc::suites
