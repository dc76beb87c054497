#include "suites/properties/properties.h"

#include "suites/properties/bodies.h"

namespace cc::suites {
namespace {

// What the properties rest on: the facts of the API entry they exercise. Silent facts are
// left out here (the model admits any answer where the documents are silent, so they do not
// lower the property to an observation).
std::vector<core::Provenance> model_sources(const core::Api& api) {
  std::vector<core::Provenance> out = {api.status_model.provenance};
  if (api.batch) out.push_back(api.batch->provenance);
  if (api.duplicates.provenance.source != "silent") out.push_back(api.duplicates.provenance);
  if (api.dry_run.supported && api.dry_run.provenance.source != "silent")
    out.push_back(api.dry_run.provenance);
  for (const auto& e : api.errors)
    if (e.provenance.source == "seed") {
      out.push_back(e.provenance);
      break;  // one passage of the error table stands for it
    }
  return out;
}

std::vector<core::Provenance> signing_sources(const core::Catalogue& catalogue,
                                              const core::Api& api) {
  std::vector<core::Provenance> out = {api.signing_provenance};
  for (const auto* e : catalogue.common_errors(api.provider).errors_for("auth.signature"))
    out.push_back(e->provenance);
  return out;
}

}  // namespace

std::vector<Behaviour> property_behaviours(const core::Catalogue& catalogue) {
  auto changes_state = [](const core::Api& api) { return !api.status_model.transitions.empty(); };
  auto has_sequences = [&catalogue](const core::Api& api) {
    return !api.status_model.transitions.empty() && catalogue.sibling(api, "start") &&
           catalogue.sibling(api, "describe");
  };
  auto always = [](const core::Api&) { return true; };
  auto signing = [&catalogue](const core::Api& api) { return signing_sources(catalogue, api); };
  return {
      {"GeneratedBatchesAgreeWithTheModel", core::Family::Properties, changes_state, model_sources,
       properties::generated_batches_agree_with_the_model},
      {"CommandSequencesAgreeWithTheModel", core::Family::Properties, has_sequences, model_sources,
       properties::command_sequences_agree_with_the_model},
      {"SignedParametersAreAccepted", core::Family::Properties, always, signing,
       properties::signed_parameters_are_accepted},
      {"AChangedByteBreaksTheSignature", core::Family::Properties, always, signing,
       properties::a_changed_byte_breaks_the_signature},
  };
}

}  // namespace cc::suites
