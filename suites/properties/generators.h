#pragma once
// Generated batches for one API, drawn from what its catalogue entry says: instances in every
// state of its status model and with every attribute its errors name (plus the security lock
// and arrears every page knows), well-formed ids that name nothing, malformed ids, duplicates,
// and each optional parameter absent, valid or invalid. Sizes are weighted toward the
// boundaries (0, 1, 100, 101) and batches are mostly uniform with a few odd members, so that a
// batch of 101 clean ids comes up often; everything shrinks toward a RUNNING instance, no odd
// members, and absent parameters.
#include <rapidcheck.h>

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>
#include <vector>

#include "harness/core/catalogue.h"
#include "suites/properties/scenario.h"

namespace cc::suites::properties {

// kind 0: an instance in state a with attribute b (0 = none); 1: a well-formed id that names
// nothing (variant a); 2: a malformed id (variant a); 3: the id of an earlier member (a picks it).
struct Slot {
  int kind = 0, a = 0, b = 0;
};

struct Special {
  int position = 0;
  Slot slot;
};

struct BatchCase {
  int size = 0;
  Slot filler;                    // every member, except
  std::vector<Special> specials;  // these few
  std::vector<int> params;  // per generated parameter: 0 absent, 1..n a valid value, n+1 invalid
};

// A weighted choice that shrinks toward the first option (rc::gen::weightedOneOf and
// weightedElement do not shrink across options): the option is picked by a number that
// shrinks toward 0, the first option's.
template <typename T>
rc::Gen<T> weighted(std::vector<std::pair<int, rc::Gen<T>>> options) {
  int total = 0;
  for (const auto& o : options) total += o.first;
  return rc::gen::mapcat(rc::gen::resize(100, rc::gen::inRange(0, total)), [options](int u) {
    for (const auto& [w, g] : options) {
      if (u < w) return g;
      u -= w;
    }
    return options.back().second;
  });
}

// A number in [lo, hi), uniform whatever RapidCheck's size, shrinking toward lo.
inline rc::Gen<int> uniform(int lo, int hi) {
  return rc::gen::resize(100, rc::gen::inRange(lo, hi));
}

void showValue(const Slot& s, std::ostream& os);
void showValue(const BatchCase& c, std::ostream& os);

class BatchSpace {
 public:
  explicit BatchSpace(const core::Api& api);

  rc::Gen<BatchCase> cases() const;
  // The scenario of a generated case: its instances and the one call, judged by the model.
  Scenario scenario(const BatchCase& c) const;
  std::size_t size_of(const BatchCase& c) const { return static_cast<std::size_t>(c.size); }

  std::string nonexistent_id(int variant) const;
  std::string malformed_id(int variant) const;

 private:
  struct GeneratedParameter {
    std::string name;
    std::vector<nlohmann::json> valid;
    nlohmann::json invalid;
  };
  rc::Gen<Slot> slots(bool special) const;

  const core::Api& api_;
  std::vector<std::string> states_;  // RUNNING first: the simplest member
  std::vector<std::string> attributes_;
  std::vector<GeneratedParameter> params_;
};

}  // namespace cc::suites::properties
