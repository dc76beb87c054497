#include "harness/model/semantics.h"

#include <algorithm>
#include <set>

namespace cc::model {

using nlohmann::json;

bool valid_value(const core::Parameter& p, const json& v) {
  if (p.type == "boolean") return v.is_boolean();
  if (p.type == "integer") return v.is_number_integer();
  if (p.type == "string-list")
    return v.is_array() &&
           std::all_of(v.begin(), v.end(), [](const json& x) { return x.is_string(); });
  if (!v.is_string()) return false;
  return p.enum_values.empty() || std::find(p.enum_values.begin(), p.enum_values.end(),
                                            v.get<std::string>()) != p.enum_values.end();
}

core::BatchMode batch_mode(const core::Api& api, const json& params) {
  if (!api.batch) return core::BatchMode::silent;
  const core::BatchModes& modes = api.batch->mode;
  if (modes.parameter.empty() || !params.is_object() || !params.contains(modes.parameter))
    return modes.default_mode;
  const json& v = params[modes.parameter];
  if (!v.is_string()) return core::BatchMode::silent;
  auto it = modes.values.find(v.get<std::string>());
  return it == modes.values.end() ? core::BatchMode::silent : it->second;
}

bool dry_run(const core::Api& api, const json& params) {
  return api.dry_run.supported && params.is_object() &&
         params.value(api.dry_run.parameter, json(false)) == json(true);
}

bool dry_run_always_succeeds(const core::Api& api, const json& params) {
  if (!dry_run(api, params) || api.dry_run.always_success_when.empty()) return false;
  return std::all_of(
      api.dry_run.always_success_when.begin(), api.dry_run.always_success_when.end(),
      [&](const auto& kv) { return params.value(kv.first, json("")) == json(kv.second); });
}

std::vector<std::string> distinct_ids(const std::vector<std::string>& ids, bool& duplicated) {
  std::set<std::string> seen;
  std::vector<std::string> unique;
  duplicated = false;
  for (const auto& id : ids) {
    if (seen.insert(id).second)
      unique.push_back(id);
    else
      duplicated = true;
  }
  return unique;
}

}  // namespace cc::model
