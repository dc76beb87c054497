#pragma once
// A home directory of its own per test, for the CLIs' credential files, and an environment
// given as a map: no test reads or writes the real ones.
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>

#include "harness/target/credentials.h"

namespace cc::test {

class TempHome {
 public:
  TempHome() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("cc-home-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempHome() { std::filesystem::remove_all(path_); }
  TempHome(const TempHome&) = delete;
  TempHome& operator=(const TempHome&) = delete;

  std::string path() const { return path_.string(); }
  std::string write(const std::string& relative, const std::string& text) const {
    const auto p = path_ / relative;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p.string();
  }

 private:
  std::filesystem::path path_;
};

inline target::Environment environment(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

}  // namespace cc::test
