#pragma once
// `cloudconform list`: the cases (or the APIs) the suite has for a catalogue, without running
// anything — as lines for a terminal, or as one JSON document for scripts.
#include <string>

#include "suites/catalogue_location.h"

namespace cc::suites {

struct ListOptions {
  std::string only;         // the cases to list: run's --only syntax (suites/selection.h)
  bool only_given = false;  // --only was on the command line (an empty one is bad usage)
  bool provenance = false;  // each case's claims and the passages they rest on
  bool json = false;        // one JSON document on stdout, nothing else
  bool apis = false;        // the catalogue's APIs instead of the cases
};

// Exit status 0; 2 on a malformed catalogue or an --only part that selects no case (named, with
// the nearest case id, as run refuses it). With `json` stdout holds the document alone: the count
// and the catalogue go to stderr.
int list(const CatalogueLocation& where, const ListOptions& options);

}  // namespace cc::suites
