#pragma once
// The executable model of the documents. From the catalogue alone — parameters and their
// enums, the id format, the batch limit, the duplicate rule, the status model, dry-run
// semantics and every error with its trigger — it says which outcomes a request may have,
// given what is known about the instances it names. Nothing here is written per API.
#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>

#include "harness/core/catalogue.h"
#include "harness/model/expectation.h"

namespace cc::model {

struct InstanceFacts {
  std::set<std::string> states;  // possible canonical states: one, or several while in transit
  std::set<std::string>
      attributes;                  // attribute triggers without "attribute.", e.g. security_locked
  bool operation_pending = false;  // its latest operation may not have finished yet
};

using World = std::map<std::string, InstanceFacts>;  // by instance id

class Model {
 public:
  explicit Model(const core::Catalogue& catalogue) : catalogue_(catalogue) {}

  // The acceptable outcomes of calling a stop or start API with `params` (typed JSON, as the
  // harness sends it) when `world` holds every instance that exists.
  Expectation expect(const core::Api& api, const World& world, const nlohmann::json& params) const;

  // The parameter naming the instances (core::Api::id_parameter).
  static std::string id_parameter(const core::Api& api);
  // Whether a value is one the document allows for a parameter (model::valid_value).
  static bool valid_value(const core::Parameter& parameter, const nlohmann::json& value);
  // States in which an instance is between two others (a transition's via) for the API's product.
  std::set<std::string> transitional_states(const core::Api& api) const;

  const core::Catalogue& catalogue() const { return catalogue_; }

 private:
  void check_parameters(const core::Api& api, const nlohmann::json& params, Expectation& e) const;
  std::vector<std::string> check_ids(const core::Api& api, const nlohmann::json& params,
                                     Expectation& e) const;
  CodeSet malformed_or_not_found(const core::Api& api, const nlohmann::json& params) const;
  InstanceExpectation check_instance(const core::Api& api, const World& world,
                                     const nlohmann::json& params, const std::string& id) const;

  const core::Catalogue& catalogue_;
};

}  // namespace cc::model
