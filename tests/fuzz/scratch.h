#pragma once
// Where the fuzz targets that hand the code files (catalogue_loader, target_profile) write them:
// /dev/shm when there is one. Their loaders read files, as they do for users, so every input is
// a few writes, opens and removals; on the disk behind /tmp (ext4 here) those kept the targets
// waiting on I/O for most of their time (target_profile ran at an eighth of its CPU's rate).
// TMPDIR still wins when set, as for every program.
#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace cc::fuzz {

inline std::filesystem::path scratch_parent() {
  std::error_code ec;
  if (!std::getenv("TMPDIR") && std::filesystem::is_directory("/dev/shm", ec)) return "/dev/shm";
  return std::filesystem::temp_directory_path();
}

}  // namespace cc::fuzz
