#pragma once
// How Tencent Cloud API 3.0 carries parameters: native JSON in a POST JSON body, and
// 0-based dotted names in a query or form (InstanceIds.0, Filters.0.Name) — protocols.md A1.
// Shared by the harness (encode) and the emulator (decode).
#include <nlohmann/json.hpp>

#include "harness/core/catalogue.h"
#include "harness/core/encoding.h"

namespace cc::tencent {

core::Params flatten(const nlohmann::json& params);
// Rebuilds the JSON shape from dotted names, coercing scalars to the catalogue's types
// (a value that does not convert stays a string, for the caller to reject).
nlohmann::json unflatten(const core::Api* api, const core::Params& params);

// The common parameters of signature v1, which are not API parameters.
bool is_v1_common_parameter(const std::string& name);

}  // namespace cc::tencent
