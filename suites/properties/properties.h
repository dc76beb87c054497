#pragma once
// The property family: generated batches and command sequences judged by the model of the
// documents (harness/model), and generated signed requests. Each property runs under
// RapidCheck inside one case per API; a failure is shrunk to a minimal case whose replay file
// `cloudconform replay` runs again.
#include <vector>

#include "suites/case.h"

namespace cc::suites {

std::vector<Behaviour> property_behaviours(const core::Catalogue& catalogue);

}  // namespace cc::suites
