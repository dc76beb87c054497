#pragma once
// Where a recording of the real service and a document disagree, both stand: the disagreement is
// a finding of its own ("the document says … / the real service was seen …"), listed in every
// report, never a failure of the target.
#include <nlohmann/json.hpp>

#include "harness/core/catalogue.h"

namespace cc::suites {

// [{"api", "what", "document": provenance, "observed": provenance}] for every subject API whose
// catalogue carries an observed fact beside the documented one it qualifies.
nlohmann::json document_vs_recording(const core::Catalogue& catalogue);

}  // namespace cc::suites
