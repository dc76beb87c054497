#pragma once
// "Did you mean": the nearest of a set of names to what a user typed, for the errors of the
// command line (a mistyped subcommand, option or case id).
#include <optional>
#include <string>
#include <vector>

namespace cc::suites {

// The candidate closest to `typed` by edit distance (case-insensitive), when it is close enough
// to be a plausible typo: at most a third of the longer word's letters, and at least one.
std::optional<std::string> nearest(const std::string& typed,
                                   const std::vector<std::string>& candidates);

}  // namespace cc::suites
