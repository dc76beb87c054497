// Fuzz target: the catalogue loader (load_catalogue), which every run and the emulator start
// from. A malformed file must be refused with a DataError naming file and JSON pointer; any
// other exception, a crash or a sanitizer finding is a bug.
//
// Input: byte 0 picks the file's role (even: an API file, odd: common-errors.json), the rest is
// its text, handed to the loader in memory (load_catalogue_files: load_catalogue's checks and
// messages without a directory; writing the file and walking its directory was a fifth of the
// target's time, most of it in the kernel).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "harness/core/catalogue.h"
#include "harness/core/json_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const char* name = data[0] % 2 ? "fuzz/common-errors.json" : "fuzz/StopInstances.json";
  try {
    cc::core::Catalogue c = cc::core::load_catalogue_files(
        {{name, std::string(reinterpret_cast<const char*>(data) + 1, size - 1)}});
    // What the suites and the emulator ask of a loaded API.
    for (const auto& a : c.apis) {
      (void)a.errors_for("id.not_found");
      for (const auto& s : a.status_model.states) (void)a.status_model.wire(s.canonical);
      for (const auto& e : a.errors) (void)e.applies_to(nlohmann::json::object());
    }
  } catch (const cc::core::DataError&) {
    // the expected refusal of a malformed file
  } catch (const std::exception& e) {
    std::fprintf(stderr, "catalogue_loader: not a DataError: %s\n", e.what());
    std::abort();
  }
  return 0;
}
