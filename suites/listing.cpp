// `cloudconform list`: the cases the suite has for a catalogue, without running anything.
#include "suites/listing.h"

#include <iostream>

#include "suites/behaviours.h"
#include "suites/claim.h"
#include "suites/runner.h"
#include "suites/selection.h"

namespace cc::suites {

namespace {

void print_claims(const std::vector<Claim>& claims) {
  for (const Claim& c : claims) {
    std::cout << "  " << to_string(c.level()) << "  " << c.key << ": " << c.what << "\n";
    for (const auto& p : c.rests_on)
      std::cout << "    " << p.source << (p.file.empty() ? "" : " " + p.file)
                << (p.section.empty() ? "" : " " + p.section) << ": "
                << (p.passage.empty() ? p.note : p.passage) << "\n";
  }
}

nlohmann::json claims_json(const std::vector<Claim>& claims) {
  nlohmann::json out = nlohmann::json::array();
  for (const Claim& c : claims) {
    nlohmann::json rests_on = nlohmann::json::array();
    for (const auto& p : c.rests_on) rests_on.push_back(p.to_json());
    out.push_back({{"key", c.key},
                   {"what", c.what},
                   {"level", to_string(c.level())},
                   {"source", c.source()},
                   {"rests_on", rests_on}});
  }
  return out;
}

// One entry of `list --json`: what a script needs to pick cases and see what each rests on.
nlohmann::json case_json(const core::Api& api, const Behaviour& b,
                         const std::vector<Claim>& claims) {
  return {{"id", api.id + "." + b.name},
          {"api", api.id},
          {"behaviour", b.name},
          {"family", to_string(b.family)},
          {"level", to_string(case_level(claims))},
          {"claims", claims_json(claims)}};
}

int list_apis(const core::Catalogue& catalogue, const CatalogueLocation& where, bool json) {
  nlohmann::json out = nlohmann::json::array();
  for (const core::Api& api : catalogue.apis) {
    if (json) {
      out.push_back({{"id", api.id},
                     {"provider", api.provider},
                     {"product", api.product},
                     {"action", api.action},
                     {"version", api.version},
                     {"role", api.role},
                     {"seed", api.seed}});
      continue;
    }
    std::cout << api.id << "\t" << api.provider << " " << api.product << " " << api.action << " "
              << api.version << "\t" << api.role << "\n";
  }
  if (json) std::cout << out.dump(2) << "\n";
  (json ? std::cerr : std::cout) << catalogue.apis.size() << " APIs ("
                                 << catalogue.subjects().size() << " judged, the others used to "
                                 << "arrange and observe); catalogue " << where.describe() << "\n";
  return 0;
}

}  // namespace

int list(const CatalogueLocation& where, const ListOptions& options) {
  std::optional<core::Catalogue> catalogue = load_catalogue_at(where);
  if (!catalogue) return 2;
  if (options.apis) return list_apis(*catalogue, where, options.json);
  if (const auto why = only_problem(options.only, options.only_given, case_ids(*catalogue))) {
    std::cerr << "cloudconform list: " << *why << "\n";
    return 2;
  }
  nlohmann::json out = nlohmann::json::array();
  std::size_t n = 0, of = 0;
  for (const core::Api* api : catalogue->subjects())
    for (const Behaviour& b : all_behaviours(*catalogue)) {
      if (!b.applies(*api)) continue;
      ++of;
      if (!selected(options.only, api->id + "." + b.name)) continue;
      ++n;
      const std::vector<Claim> claims = claims_of(*catalogue, b, *api);
      if (options.json) {
        out.push_back(case_json(*api, b, claims));
        continue;
      }
      std::cout << api->id << "." << b.name << "\t" << to_string(b.family) << "\t"
                << to_string(case_level(claims)) << "\n";
      if (options.provenance) print_claims(claims);
    }
  if (options.json) std::cout << out.dump(2) << "\n";
  (options.json ? std::cerr : std::cout) << n << (n == of ? "" : " of " + std::to_string(of))
                                         << " cases; catalogue " << where.describe() << "\n";
  return 0;
}

int list(const CatalogueLocation& where, bool with_provenance) {
  ListOptions options;
  options.provenance = with_provenance;
  return list(where, options);
}

}  // namespace cc::suites
