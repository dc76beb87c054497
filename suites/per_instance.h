#pragma once
// An action's per-instance report (003's InstanceResponses): one instance's item, and its fields
// as text — the sample gives Code as the string "200", another page as the number 200: the
// value, not its JSON type, is the fact.
#include <nlohmann/json.hpp>

#include <string>

#include "harness/core/catalogue.h"
#include "harness/core/outcome.h"

namespace cc::suites {

// The item reporting `id`; null when the answer has no such item (or no per-instance list).
nlohmann::json reported(const core::Api& api, const core::Outcome& o, const std::string& id);
// A field of that item by its catalogue key ("code", "previous", "current"); "" when absent.
std::string reported_field(const core::Api& api, const nlohmann::json& item, const char* key);

}  // namespace cc::suites
