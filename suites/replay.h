#pragma once
// `cloudconform replay FILE [--endpoint URL [--cacert FILE]]`: runs a replay file written by a
// failing property (the arranged instances, then the steps in order) against the embedded emulator
// or an endpoint, printing each request and response, and says whether the target agrees with the
// model. Exit status: 0 agrees, 1 disagrees, 2 harness error or bad usage.
#include <string>
#include <vector>

#include "suites/catalogue_location.h"

namespace cc::suites {

struct ReplayOptions {
  std::string file;
  std::string endpoint;                 // empty = the embedded emulator
  CatalogueLocation catalogue;          // where the catalogue is
  std::string cacert;                   // verifies an HTTPS --endpoint (run's --cacert)
  std::string target_file;              // --target: an emulator's profile (run's --target)
  std::string cli_profile;              // --profile: the CLI profile its credentials come from
  std::vector<std::string> deviations;  // for the embedded emulator
  std::vector<std::string> variations;  // for the embedded emulator
  long latency_ms = 0;                  // for the embedded emulator
  long transition_ms = 300;
  long settle_ms = 30000;
};

int replay(const ReplayOptions& options);

}  // namespace cc::suites
