// Fuzz target: the catalogue loader (load_catalogue), which every run and the emulator start
// from. A malformed file must be refused with a DataError naming file and JSON pointer; any
// other exception, a crash or a sanitizer finding is a bug.
//
// Input: byte 0 picks the file's role (even: an API file, odd: common-errors.json), the rest is
// its text, loaded from a directory of its own (the loader reads directories, not strings).
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "harness/core/catalogue.h"
#include "harness/core/json_reader.h"
#include "tests/fuzz/scratch.h"

namespace {

namespace fs = std::filesystem;

// One scratch directory per process, removed at exit; in memory (tests/fuzz/scratch.h).
struct Scratch {
  fs::path dir;
  Scratch() {
    std::string tmpl = (cc::fuzz::scratch_parent() / "cc-fuzz-catalogue-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) std::abort();
    dir = tmpl;
  }
  ~Scratch() {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  static Scratch scratch;
  const fs::path api = scratch.dir / "StopInstances.json",
                 common = scratch.dir / "common-errors.json";
  std::error_code ignored;
  fs::remove(api, ignored);
  fs::remove(common, ignored);
  std::ofstream(data[0] % 2 ? common : api, std::ios::binary)
      .write(reinterpret_cast<const char*>(data) + 1, static_cast<std::streamsize>(size - 1));
  try {
    cc::core::Catalogue c = cc::core::load_catalogue(scratch.dir.string());
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
