#pragma once
// Deliberate departures from the documents. Each one breaks a behaviour the suite checks, so
// a run against a deviating emulator must fail that check: that is how the suite proves every
// check can fail (its negative controls).
#include <set>
#include <string>
#include <vector>

namespace cc::emu {

struct DeviationInfo {
  std::string name;
  std::string breaks;  // what documented behaviour it violates
};

const std::vector<DeviationInfo>& known_deviations();

class Deviations {
 public:
  Deviations() = default;
  // Throws std::invalid_argument naming the unknown deviation and listing the known ones.
  explicit Deviations(const std::vector<std::string>& names);
  bool has(const std::string& name) const { return active_.count(name) > 0; }
  const std::set<std::string>& active() const { return active_; }

 private:
  std::set<std::string> active_;
};

}  // namespace cc::emu
