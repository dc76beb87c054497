#pragma once
// What keeps the harness from going on with a call or a case. Told apart by a typed kind, never
// by its text (the text is for the reports) and never by which catch clause sees it first.
#include <stdexcept>
#include <string>

namespace cc::target {

class HarnessError : public std::runtime_error {
 public:
  enum class Kind {
    Fault,     // the target or the harness misbehaved: a harness error in the report
    TimedOut,  // the target did not answer in time, or the case's deadline passed
    ReadOnly,  // a read-only run may not send this call: the case cannot run here (not a fault)
  };
  explicit HarnessError(const std::string& what, Kind kind = Kind::Fault)
      : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// Thrown instead of sending a call a read-only run may not make (a real account without
// --allow-mutations, or an instance the profile limits to dry runs): neither a verdict nor a
// harness fault.
inline HarnessError read_only_refusal(const std::string& why) {
  return HarnessError(why, HarnessError::Kind::ReadOnly);
}

}  // namespace cc::target
