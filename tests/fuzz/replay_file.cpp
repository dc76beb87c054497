// Fuzz target: a replay file (schema cloudconform.replay/1), which a failing property writes and
// a user hands `cloudconform replay FILE`: Scenario::from_json (suites/properties/scenario.h), the
// parsing the command does before it starts a target. A malformed file must be refused with the
// std::runtime_error that function documents, naming what is wrong; any other exception, a crash
// or a sanitizer finding is a bug. A file it accepts must come back the same through to_json.
//
// Input: the file's text. What is not JSON is the JSON reader's refusal and stops there.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "suites/properties/scenario.h"

namespace {

using cc::suites::properties::Scenario;
using nlohmann::json;

[[noreturn]] void bug(const std::string& what) {
  std::fprintf(stderr, "replay_file: %s\n", what.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const json file = json::parse(data, data + size, nullptr, false);
  if (file.is_discarded()) return 0;
  Scenario scenario;
  try {
    scenario = Scenario::from_json(file);
  } catch (const std::runtime_error&) {
    return 0;  // the documented refusal
  } catch (const std::exception& e) {
    bug(std::string("not a std::runtime_error: ") + e.what());
  }
  try {
    const json written = scenario.to_json();
    if (Scenario::from_json(written).to_json() != written)
      bug("to_json and from_json disagree: " + written.dump());
  } catch (const std::exception& e) {
    bug(std::string("an accepted file does not come back: ") + e.what());
  }
  return 0;
}
