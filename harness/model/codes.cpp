#include "harness/model/codes.h"

#include <map>
#include <vector>

namespace cc::model {
namespace {

// A trigger and the more general one it is a case of. Only the trigger vocabulary of
// fixtures/apis/SCHEMA.md appears here, never an API.
const std::map<std::string, std::vector<std::string>> kCaseOf = {
    {"ids.missing", {"param.missing"}},         {"param.missing", {"ids.missing"}},
    {"id.malformed", {"param.invalid_value"}},  {"ids.too_many", {"param.invalid_value"}},
    {"ids.duplicate", {"param.invalid_value"}}, {"operation.in_progress", {"state.not_accepted"}},
};

void add_trigger(CodeSet& out, const core::Catalogue& catalogue, const core::Api& api,
                 const std::string& trigger, const std::string& label,
                 const nlohmann::json& params) {
  for (const auto* e : api.errors_for(trigger))
    if (e->applies_to(params)) out.add(Code{e->code, e->http_status, label});
  if (catalogue.common.count(api.provider))
    for (const auto* e : catalogue.common_errors(api.provider).errors_for(trigger))
      if (e->applies_to(params)) out.add(Code{e->code, e->http_status, label});
}

}  // namespace

CodeSet documented_codes(const core::Catalogue& catalogue, const core::Api& api,
                         const std::string& trigger, const nlohmann::json& params) {
  CodeSet out;
  add_trigger(out, catalogue, api, trigger, trigger, params);
  if (trigger.rfind("state.", 0) == 0 && trigger != "state.not_accepted")
    add_trigger(out, catalogue, api, "state.not_accepted", trigger, params);
  if (!out.empty()) return out;
  if (auto it = kCaseOf.find(trigger); it != kCaseOf.end())
    for (const auto& general : it->second)
      add_trigger(out, catalogue, api, general, trigger, params);
  if (out.empty()) out.any = true;
  return out;
}

}  // namespace cc::model
