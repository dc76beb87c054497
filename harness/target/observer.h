#pragma once
// Reading instances through the product's Describe API: the one parser of a Describe answer
// (Target::observe and the property scenarios both use it), and observing and awaiting a state.
#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "harness/core/catalogue.h"

namespace cc::target {

class Target;

struct ObservedInstance {
  std::string id;
  std::string state;       // canonical
  std::string wire_state;  // as the target spelled it
  nlohmann::json fields;   // the whole instance record
};

// A Describe answer's instance list, as found at the API's documented pointer.
struct Listing {
  enum class Shape {
    Missing,   // nothing at the pointer: not a listing
    Null,      // null, as ECM may answer for no instance
    NotAList,  // something else than an array
    List,
  };
  Shape shape = Shape::Missing;
  std::vector<ObservedInstance> instances;  // the list's objects, in order
};

// Parses a Describe answer's body: each listed object's id, state (canonical and as spelled)
// and record, by the catalogue's instance fields and status model.
Listing read_listing(const core::Api& describe, const nlohmann::json& body);

// Observes instances through a Target, so every Describe is guarded, paced and recorded.
class Observer {
 public:
  Observer(Target& target, const core::Catalogue& catalogue)
      : target_(target), catalogue_(catalogue) {}

  // The instance as the product's Describe API reports it; nullopt when it lists no such id.
  std::optional<ObservedInstance> observe(const core::Api& api, const std::string& id);
  // Polls until `done` holds or the settle timeout passes; returns the last observation. The
  // polls are not recorded in the transcript: one observation per state is what a reader needs.
  ObservedInstance await(const core::Api& api, const std::string& id,
                         const std::function<bool(const ObservedInstance&)>& done);

 private:
  Target& target_;
  const core::Catalogue& catalogue_;
};

}  // namespace cc::target
