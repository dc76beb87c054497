#include "suites/claim.h"

#include <algorithm>

namespace cc::suites {

Level level_of(const core::Provenance& p) {
  if (p.source == "seed") return Level::Must;
  if (p.source == "protocols" || p.source == "observed") return Level::Should;
  return Level::Observed;  // inferred, silent
}

Level weakest(const std::vector<core::Provenance>& provenance) {
  if (provenance.empty()) return Level::Observed;
  Level out = Level::Must;
  for (const auto& p : provenance) out = std::min(out, level_of(p));
  return out;
}

std::string Claim::source() const {
  for (const auto& p : rests_on)
    if (level_of(p) == level()) return p.source;
  return "silent";
}

core::Provenance inferred(const std::string& reasoning) {
  core::Provenance p;
  p.source = "inferred";
  p.note = reasoning;
  return p;
}

core::Provenance silent(const std::string& what_is_missing) {
  core::Provenance p;
  p.source = "silent";
  p.note = what_is_missing;
  return p;
}

}  // namespace cc::suites
