#pragma once
// Where the fuzz target that hands the code files (target_profile) writes them: /dev/shm when
// there is one. Its loaders read files, as they do for users, so an input is a few writes, opens
// and removals; on the disk behind /tmp (ext4 here) those kept the target waiting on I/O for most
// of its time (target_profile ran at an eighth of its CPU's rate).
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
