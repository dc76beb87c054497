#include "suites/catalogue_location.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace cc::suites {

namespace fs = std::filesystem;

std::string CatalogueLocation::describe() const {
  switch (source) {
    case CatalogueSource::Option:
      return dir + " (--catalogue)";
    case CatalogueSource::Environment:
      return dir + " (CLOUDCONFORM_CATALOGUE)";
    case CatalogueSource::Installed:
      return dir + " (installed with the binary)";
    case CatalogueSource::SourceTree:
      break;
  }
  return dir + " (the source tree; no --catalogue, CLOUDCONFORM_CATALOGUE or installed one)";
}

namespace {

// <prefix>/share/cloudconform for <prefix>/bin/cloudconform, when it holds a catalogue.
std::optional<std::string> installed_beside(const std::string& executable) {
  if (executable.empty()) return std::nullopt;
  const fs::path dir =
      (fs::path(executable).parent_path() / ".." / "share" / "cloudconform").lexically_normal();
  std::error_code ec;
  if (!fs::is_directory(dir / "apis", ec)) return std::nullopt;
  std::string s = dir.string();
  if (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

}  // namespace

CatalogueLocation locate_catalogue(const CatalogueSearch& search) {
  if (!search.option.empty()) return {search.option, CatalogueSource::Option};
  if (search.environment && !search.environment->empty())
    return {*search.environment, CatalogueSource::Environment};
  if (auto installed = installed_beside(search.executable))
    return {*installed, CatalogueSource::Installed};
  return {search.source_tree, CatalogueSource::SourceTree};
}

CatalogueLocation locate_catalogue(const std::string& option, const std::string& source_tree) {
  CatalogueSearch search{option, std::nullopt, "", source_tree};
  if (const char* env = std::getenv("CLOUDCONFORM_CATALOGUE")) search.environment = env;
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) search.executable = self.string();
  return locate_catalogue(search);
}

}  // namespace cc::suites
