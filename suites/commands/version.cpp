// `cloudconform --version`: what a bug report needs to name this build and the catalogue it
// judges by (the catalogue hash is the one results.json records).
#include "harness/core/catalogue.h"
#include "harness/core/results.h"
#include "suites/commands/command.h"

#ifndef CLOUDCONFORM_BUILD_TYPE
#define CLOUDCONFORM_BUILD_TYPE "unknown"
#endif

namespace cc::suites {

std::string version_text() {
  std::string text =
      std::string("cloudconform ") + CLOUDCONFORM_VERSION + " (build " +
      (std::string(CLOUDCONFORM_BUILD_TYPE).empty() ? "unnamed" : CLOUDCONFORM_BUILD_TYPE) + ")\n";
  const CatalogueLocation where = catalogue_location("");
  try {
    const core::Catalogue catalogue = core::load_catalogue(where.dir + "/apis");
    text += "catalogue " + core::catalogue_hash(catalogue) + " (" +
            std::to_string(catalogue.apis.size()) + " APIs) at " + where.describe();
  } catch (const std::exception& e) {
    text += "catalogue at " + where.describe() + ": cannot be read: " + e.what();
  }
  return text;
}

}  // namespace cc::suites
