#pragma once
// Which error codes the documents give for a trigger on an API.
#include <string>

#include "harness/core/catalogue.h"
#include "harness/model/expectation.h"

namespace cc::model {

// The API's own codes for the trigger together with its provider's common ones; a specific
// state (state.STOPPED) also admits the generic state code (state.not_accepted), since the
// pages list both for the same instance. Where a trigger has no code at all, the codes of the
// trigger it is a case of stand in (an empty id list is a missing parameter; a malformed id,
// too many ids or a duplicate is an invalid parameter value). Where none of these has a code
// either, the documents are silent: `any` is set. Entries whose `with`/`unless` conditions the
// request's parameters do not meet are left out.
CodeSet documented_codes(const core::Catalogue& catalogue, const core::Api& api,
                         const std::string& trigger,
                         const nlohmann::json& params = nlohmann::json::object());

}  // namespace cc::model
