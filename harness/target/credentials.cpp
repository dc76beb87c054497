#include "harness/target/credentials.h"

namespace cc::target {

std::string masked_id(const std::string& id) {
  if (id.size() <= 8) return std::string(id.size(), '*');
  return id.substr(0, 4) + "..." + id.substr(id.size() - 4);
}

}  // namespace cc::target
