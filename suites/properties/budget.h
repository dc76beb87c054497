#pragma once
// Per-property defaults, sized so the whole property stage stays within about a minute against
// the embedded emulator. RC_PARAMS="max_success=N" overrides the case count and
// CLOUDCONFORM_PROPERTY_SECONDS the time budget of every property.
#include <cstdlib>
#include <string>

#include "suites/properties/harness.h"

namespace cc::suites::properties {

inline Budget budget(int max_success, double seconds) {
  if (const char* s = std::getenv("CLOUDCONFORM_PROPERTY_SECONDS")) {
    char* end = nullptr;
    const double v = std::strtod(s, &end);
    if (end != s && v > 0) seconds = v;
  }
  return {max_success, seconds};
}

}  // namespace cc::suites::properties
