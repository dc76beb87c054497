#pragma once
// What a request means, read from the catalogue alone: the one implementation of each meaning
// the model, the emulator and the suites share — whether a value is one the document allows,
// which batch mode a request is in, whether it is a dry run, which instances it names.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "harness/core/catalogue.h"

namespace cc::model {

// Whether a value is one the document allows for a parameter (its type and enumeration).
bool valid_value(const core::Parameter& parameter, const nlohmann::json& value);

// The batch mode a request is in: the one its mode parameter's value chooses, the documented
// default when it names none, silent for a value the document does not list (or a single-id
// API, where no batch can be mixed).
core::BatchMode batch_mode(const core::Api& api, const nlohmann::json& params);

// The request asks for a dry run (the API documents one and its parameter is true).
bool dry_run(const core::Api& api, const nlohmann::json& params);
// A dry run the page promises the dry-run code for, whatever else the request holds
// (Alibaba: SuccessFirst with DryRun).
bool dry_run_always_succeeds(const core::Api& api, const nlohmann::json& params);

// Each id once, in the order first named; `duplicated` tells whether any was named twice.
std::vector<std::string> distinct_ids(const std::vector<std::string>& ids, bool& duplicated);

}  // namespace cc::model
