#include "emulator/deviations.h"

#include <stdexcept>

namespace cc::emu {

const std::vector<DeviationInfo>& known_deviations() {
  static const std::vector<DeviationInfo> list = {
      {"stop-accepts-any-state", "only RUNNING instances may be stopped: a STOPPED instance is accepted"},
      {"stop-never-completes", "a stopped instance stays STOPPING forever instead of reaching STOPPED"},
      {"stop-ignored", "the call is accepted but the instance stays RUNNING"},
      {"duplicates-accepted", "duplicate instance ids are accepted where the document rejects them"},
      {"undocumented-codes", "errors carry an undocumented code instead of the documented one"},
      {"not-found-accepted", "a well-formed id that names no instance is accepted"},
  };
  return list;
}

Deviations::Deviations(const std::vector<std::string>& names) {
  for (const auto& n : names) {
    bool known = false;
    for (const auto& d : known_deviations()) known = known || d.name == n;
    if (!known) {
      std::string all;
      for (const auto& d : known_deviations()) all += (all.empty() ? "" : ", ") + d.name;
      throw std::invalid_argument("unknown deviation \"" + n + "\" (known: " + all + ")");
    }
    active_.insert(n);
  }
}

}  // namespace cc::emu
