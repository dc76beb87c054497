#include "suites/per_instance.h"

namespace cc::suites {

nlohmann::json reported(const core::Api& api, const core::Outcome& o, const std::string& id) {
  if (!api.response.per_instance) return nullptr;
  const auto& per = *api.response.per_instance;
  const nlohmann::json::json_pointer list(per.list);
  if (!o.body.contains(list) || !o.body[list].is_array()) return nullptr;
  for (const auto& item : o.body[list])
    if (item.is_object() && item.value(per.fields.at("id"), nlohmann::json()) == nlohmann::json(id))
      return item;
  return nullptr;
}

std::string reported_field(const core::Api& api, const nlohmann::json& item, const char* key) {
  const std::string& name = api.response.per_instance->fields.at(key);
  if (!item.is_object() || !item.contains(name)) return "";
  return item[name].is_string() ? item[name].get<std::string>() : item[name].dump();
}

}  // namespace cc::suites
