#include "suites/output_dir.h"

#include <filesystem>
#include <fstream>

namespace cc::suites {

std::optional<std::string> prepare_output_dir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return "cannot create it: " + ec.message();
  if (!fs::is_directory(dir, ec)) return "not a directory";
  const fs::path probe = fs::path(dir) / ".cloudconform-write-check";
  const bool written = static_cast<bool>(std::ofstream(probe) << "probe");
  fs::remove(probe, ec);
  if (!written) return "cannot write in it";
  return std::nullopt;
}

}  // namespace cc::suites
