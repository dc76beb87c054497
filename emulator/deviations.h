#pragma once
// Deliberate departures from the documents. Each one breaks a behaviour the suite checks, so
// a run against a deviating emulator must fail that check: that is how the suite proves every
// check can fail (its negative controls).
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace cc::emu {

struct DeviationInfo {
  std::string name;
  std::string breaks;  // what documented behaviour it violates
};

const std::vector<DeviationInfo>& known_deviations();

// Thread-safe: the control plane may change the set while requests are served.
class Deviations {
 public:
  Deviations() = default;
  // Throws std::invalid_argument naming the unknown deviation and listing the known ones.
  explicit Deviations(const std::vector<std::string>& names) { set(names); }
  void set(const std::vector<std::string>& names);
  bool has(const std::string& name) const;
  std::set<std::string> active() const;

 private:
  mutable std::mutex mu_;
  std::set<std::string> active_;
};

}  // namespace cc::emu
