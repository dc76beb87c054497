#pragma once
// What a case asserts, graded by the weakest source of the fact it checks (README "Levels"):
// a seed sentence makes an assertion MUST; the wire reference (protocols.md) or a recording of
// the real service SHOULD; an inference, or silence, only an observation. A case declares its
// claims before it runs, so `cloudconform list --provenance` can grade each one.
#include <string>
#include <vector>

#include "harness/core/catalogue.h"
#include "harness/core/results.h"

namespace cc::suites {

// The core's enum (ordered weakest first; to_string and parse_level beside it), so the reports
// read the same vocabulary the suites write.
using Level = core::Level;

Level level_of(const core::Provenance& provenance);
// The weakest level of a set of sources; OBSERVED when there is none.
Level weakest(const std::vector<core::Provenance>& provenance);

struct Claim {
  std::string key;   // how the case body names it: "refused", "code", "unchanged"
  std::string what;  // the fact, as a sentence: "a STOPPED instance is refused"
  std::vector<core::Provenance> rests_on;
  Level level() const { return weakest(rests_on); }
  // The source that sets the level (the weakest one): "seed", "protocols", "observed", "inferred",
  // "silent".
  std::string source() const;
};

// An inference: a rule no document states, with the reasoning that leads to it.
core::Provenance inferred(const std::string& reasoning);
// Silence: the documents say nothing, and what is missing.
core::Provenance silent(const std::string& what_is_missing);

// A judgement in the suite's own words: whether it held, and, when not, what was expected and
// what came back.
struct Judgement {
  bool held = true;
  std::string message;
  static Judgement ok() { return {true, ""}; }
  static Judgement failed(std::string message) { return {false, std::move(message)}; }
};

}  // namespace cc::suites
