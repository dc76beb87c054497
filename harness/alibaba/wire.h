#pragma once
// How Alibaba Cloud RPC carries parameters: flat name/value pairs, lists as 1-based dotted
// names (InstanceId.1) or, for DescribeInstances' InstanceIds, a JSON array in one string
// (protocols.md B1). Shared by the harness (encode) and the emulator (decode).
#include <nlohmann/json.hpp>

#include "harness/core/catalogue.h"
#include "harness/core/encoding.h"

namespace cc::alibaba {

core::Params flatten(const core::Api& api, const nlohmann::json& params);
// Rebuilds lists and typed scalars from the catalogue; values that do not convert stay strings.
nlohmann::json unflatten(const core::Api& api, const core::Params& params);

// Common RPC parameters (signature V2), which are not API parameters.
bool is_common_parameter(const std::string& name);

}  // namespace cc::alibaba
