#include "suites/instance_ids.h"

#include <regex>

namespace cc::suites {

std::vector<std::string> nonexistent_ids(const core::Api& api, long long count) {
  const auto& f = api.instance_id;
  const std::regex pattern(f.pattern);
  std::vector<std::string> out;
  const size_t width = f.example.size() - f.prefix.size();
  for (long long i = 0; i < count; ++i) {
    const std::string n = std::to_string(i);
    std::string id = f.prefix + std::string(width > n.size() ? width - n.size() : 0, '0') + n;
    // Patterns that want letters somewhere (none today) get the example's shape instead.
    if (!std::regex_match(id, pattern)) id = f.example.substr(0, f.example.size() - n.size()) + n;
    out.push_back(id);
  }
  return out;
}

std::string nonexistent_id(const core::Api& api) { return nonexistent_ids(api, 1).front(); }

std::string malformed_id(const core::Api& api) { return api.instance_id.prefix + "NOT_AN_ID!"; }

}  // namespace cc::suites
