// `cloudconform list`: the cases the suite has for a catalogue, without running anything.
#include <iostream>

#include "suites/behaviours.h"
#include "suites/claim.h"
#include "suites/runner.h"

namespace cc::suites {

int list(const CatalogueLocation& where, bool with_provenance) {
  std::optional<core::Catalogue> catalogue = load_catalogue_at(where);
  if (!catalogue) return 2;
  std::size_t n = 0;
  for (const core::Api* api : catalogue->subjects())
    for (const Behaviour& b : all_behaviours(*catalogue)) {
      if (!b.applies(*api)) continue;
      const std::vector<Claim> claims = claims_of(*catalogue, b, *api);
      std::cout << api->id << "." << b.name << "\t" << to_string(b.family) << "\t"
                << to_string(case_level(claims)) << "\n";
      if (with_provenance)
        for (const Claim& c : claims) {
          std::cout << "  " << to_string(c.level()) << "  " << c.key << ": " << c.what << "\n";
          for (const auto& p : c.rests_on)
            std::cout << "    " << p.source << (p.file.empty() ? "" : " " + p.file)
                      << (p.section.empty() ? "" : " " + p.section) << ": "
                      << (p.passage.empty() ? p.note : p.passage) << "\n";
        }
      ++n;
    }
  std::cout << n << " cases; catalogue " << where.describe() << "\n";
  return 0;
}

}  // namespace cc::suites
