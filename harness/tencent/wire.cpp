#include "harness/tencent/wire.h"

#include <algorithm>
#include <cctype>

#include "harness/core/api_client.h"

namespace cc::tencent {
namespace {

void flatten_into(const std::string& prefix, const nlohmann::json& v, core::Params& out) {
  if (v.is_array()) {
    for (size_t i = 0; i < v.size(); ++i) flatten_into(prefix + "." + std::to_string(i), v[i], out);
  } else if (v.is_object()) {
    for (const auto& [k, x] : v.items()) flatten_into(prefix + "." + k, x, out);
  } else {
    out.emplace_back(prefix, core::query_value(v));
  }
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

nlohmann::json coerce(const core::Parameter* p, const std::string& v) {
  if (!p) return v;
  if (p->type == "boolean") {
    std::string l = core::to_lower(v);
    if (l == "true") return true;
    if (l == "false") return false;
  } else if (p->type == "integer" &&
             (all_digits(v) || (v.size() > 1 && v[0] == '-' && all_digits(v.substr(1))))) {
    try {
      return std::stoll(v);
    } catch (...) {
    }
  }
  return v;
}

}  // namespace

core::Params flatten(const nlohmann::json& params) {
  core::Params out;
  for (const auto& [k, v] : params.items()) flatten_into(k, v, out);
  return out;
}

nlohmann::json unflatten(const core::Api* api, const core::Params& params) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, value] : params) {
    // Split "A.0.B" into tokens and walk/create the structure; numeric tokens index arrays.
    std::vector<std::string> tokens;
    size_t start = 0;
    while (true) {
      size_t dot = name.find('.', start);
      tokens.push_back(
          name.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    const core::Parameter* p = api ? api->parameter(tokens[0]) : nullptr;
    nlohmann::json* node = &out[tokens[0]];
    for (size_t i = 1; i < tokens.size(); ++i) {
      if (all_digits(tokens[i])) {
        size_t idx = std::stoul(tokens[i]);
        if (!node->is_array()) *node = nlohmann::json::array();
        if (idx > 10000) break;  // a hostile index must not allocate gigabytes
        while (node->size() <= idx) node->push_back(nullptr);
        node = &(*node)[idx];
      } else {
        if (!node->is_object()) *node = nlohmann::json::object();
        node = &(*node)[tokens[i]];
      }
    }
    *node = tokens.size() == 1 ? coerce(p, value) : nlohmann::json(value);
  }
  return out;
}

bool is_v1_common_parameter(const std::string& n) {
  static const char* kNames[] = {"Action",    "Region",  "Timestamp",       "Nonce", "SecretId",
                                 "Signature", "Version", "SignatureMethod", "Token", "Language"};
  return std::any_of(std::begin(kNames), std::end(kNames), [&](const char* k) { return n == k; });
}

}  // namespace cc::tencent
