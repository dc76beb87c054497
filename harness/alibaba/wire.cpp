#include "harness/alibaba/wire.h"

#include <algorithm>
#include <cctype>

#include "harness/core/api_client.h"

namespace cc::alibaba {
namespace {

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

}  // namespace

core::Params flatten(const core::Api& api, const nlohmann::json& params) {
  core::Params out;
  for (const auto& [name, value] : params.items()) {
    const core::Parameter* p = api.parameter(name);
    const std::string encoding = p ? p->list_query : (value.is_array() ? "dotted-1" : "");
    if (value.is_array() && encoding == "json-string") {
      out.emplace_back(name, value.dump());
    } else if (value.is_array()) {
      for (size_t i = 0; i < value.size(); ++i)
        out.emplace_back(name + "." + std::to_string(i + 1), core::query_value(value[i]));
    } else {
      out.emplace_back(name, core::query_value(value));
    }
  }
  return out;
}

nlohmann::json unflatten(const core::Api& api, const core::Params& params) {
  nlohmann::json out = nlohmann::json::object();
  // Dotted list items are gathered by index, so InstanceId.2 before InstanceId.1 still works.
  std::map<std::string, std::map<long, std::string>> lists;
  for (const auto& [name, value] : params) {
    size_t dot = name.rfind('.');
    if (dot != std::string::npos && all_digits(name.substr(dot + 1)) && name.size() - dot < 8) {
      const core::Parameter* p = api.parameter(name.substr(0, dot));
      if (!p || p->list_query == "dotted-1") {
        lists[name.substr(0, dot)][std::stol(name.substr(dot + 1))] = value;
        continue;
      }
    }
    const core::Parameter* p = api.parameter(name);
    if (p && p->list_query == "json-string") {
      nlohmann::json parsed = nlohmann::json::parse(value, nullptr, false);
      out[name] = parsed.is_discarded() ? nlohmann::json(value) : parsed;
    } else if (p && p->type == "boolean" &&
               (core::to_lower(value) == "true" || core::to_lower(value) == "false")) {
      out[name] = core::to_lower(value) == "true";
    } else if (p && p->type == "integer" && all_digits(value) && value.size() < 18) {
      out[name] = std::stoll(value);
    } else {
      out[name] = value;
    }
  }
  for (auto& [name, items] : lists) {
    nlohmann::json arr = nlohmann::json::array();
    // Keep the index visible: a 0 index or a gap is the target's business to reject.
    for (auto& [idx, v] : items) arr.push_back(v);
    out[name] = arr;
    if (!items.empty() && items.begin()->first < 1) out["_invalid_index"] = name;
  }
  return out;
}

bool is_common_parameter(const std::string& n) {
  static const char* kNames[] = {"Action",         "Version",         "Format",
                                 "AccessKeyId",    "SignatureMethod", "SignatureVersion",
                                 "SignatureNonce", "Timestamp",       "Signature",
                                 "SecurityToken",  "SignatureType",   "ResourceOwnerAccount"};
  return std::any_of(std::begin(kNames), std::end(kNames), [&](const char* k) { return n == k; });
}

}  // namespace cc::alibaba
