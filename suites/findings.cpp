#include "suites/findings.h"

namespace cc::suites {

nlohmann::json document_vs_recording(const core::Catalogue& catalogue) {
  nlohmann::json out = nlohmann::json::array();
  for (const core::Api* api : catalogue.subjects()) {
    if (!api->async || !api->async->success_while_in_transit) continue;
    const core::Flag& seen = *api->async->success_while_in_transit;
    if (!seen.value) continue;
    // The document reads the stop's outcome from LatestOperationState = success; the service was
    // seen at that value while the instance was still in transit. The suite therefore judges the
    // final state, and says so.
    out.push_back(
        {{"api", api->id},
         {"what", "LatestOperationState reads " + api->async->success +
                      " while the instance is still " + api->status_model.wire("STOPPING") + ": " +
                      api->async->success + " reports the call accepted, not the instance stopped"},
         {"document", api->async->provenance.to_json()},
         {"observed", seen.provenance.to_json()}});
  }
  return out;
}

}  // namespace cc::suites
