#pragma once
// Where the catalogue (the fixtures directory: apis/, targets/, expectations/) is found, and why
// there: a copied or installed binary must judge against the catalogue beside it, not the one of
// the tree it was built in (issue 16, point 5).
#include <optional>
#include <string>

namespace cc::suites {

enum class CatalogueSource {
  Option,       // --catalogue DIR (or its alias --fixtures)
  Environment,  // CLOUDCONFORM_CATALOGUE
  Installed,    // <prefix>/share/cloudconform beside <prefix>/bin/cloudconform
  SourceTree,   // the fixtures/ of the tree the binary was built from (compiled in)
};

struct CatalogueLocation {
  std::string dir;
  CatalogueSource source = CatalogueSource::SourceTree;
  // "DIR (why)", for the run header, `list` and `catalogue`.
  std::string describe() const;
};

// What the search looks at, given explicitly so that it can be tested without a process.
struct CatalogueSearch {
  std::string option;                      // --catalogue; empty = not given
  std::optional<std::string> environment;  // CLOUDCONFORM_CATALOGUE; empty = unset
  std::string executable;                  // the running binary's path; empty = unknown
  std::string source_tree;                 // the compiled-in fixtures directory
};

// The first of: the option, the environment variable, the install prefix's share/cloudconform
// when it exists (it holds apis/), the source tree.
CatalogueLocation locate_catalogue(const CatalogueSearch& search);

// The same for this process: CLOUDCONFORM_CATALOGUE from its environment, its binary from
// /proc/self/exe, and `source_tree` as the last resort.
CatalogueLocation locate_catalogue(const std::string& option, const std::string& source_tree);

}  // namespace cc::suites
