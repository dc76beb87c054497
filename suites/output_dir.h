#pragma once
// Where a run writes (--out, --record) is made and tried before the first request: a long run
// on a real account must not be thrown away at its end because its reports cannot be written.
#include <optional>
#include <string>

namespace cc::suites {

// Creates `dir` (and its parents) and writes and removes a probe file in it; the reason when
// either fails, nullopt when the directory is ready.
std::optional<std::string> prepare_output_dir(const std::string& dir);

}  // namespace cc::suites
