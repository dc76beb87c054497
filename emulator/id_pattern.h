#pragma once
// An API's instance id pattern (the catalogue's `instance_id.pattern`, an ECMAScript regex of the
// whole id), matched on every stop and start. The catalogue's patterns all have one shape,
// ^<literal>[<class>]{n} or {n,m}$, which is matched here directly; std::regex took ~7 % of a
// StopInstances request's instructions. A pattern of any other shape goes through std::regex.
#include <bitset>
#include <cstddef>
#include <regex>
#include <string>

namespace cc::emu {

class IdPattern {
 public:
  explicit IdPattern(const std::string& pattern);
  // Whether the whole id matches, exactly as std::regex_match with the pattern would say.
  bool matches(const std::string& id) const;
  bool simple() const { return simple_; }  // for the tests: the direct matcher is in use

 private:
  bool parse(const std::string& pattern);

  std::regex regex_;
  bool simple_ = false;
  std::string prefix_;
  std::bitset<256> allowed_;  // the class's characters
  std::size_t min_ = 0, max_ = 0;
};

}  // namespace cc::emu
