#pragma once
// The --only selection checked before anything runs: every part of the pattern must select some
// case, or the user is told which part selects nothing and what the nearest case id is (a typo in
// one of four parts would otherwise run the other three and say nothing).
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "harness/core/catalogue.h"

namespace cc::suites {

// Every case id the suite has for this catalogue, <Api>.<Behaviour>, in list order.
std::vector<std::string> case_ids(const core::Catalogue& catalogue);

// GoogleTest's filter globs: '*' any run of characters, '?' one character.
bool glob_match(const std::string& pattern, const std::string& text);

// Whether `id` is selected by `only` (GoogleTest filter syntax; empty = every case).
bool selected(const std::string& only, const std::string& id);

// The products whose APIs have a case `only` selects: the only endpoints a run will call.
std::set<std::string> selected_products(const core::Catalogue& catalogue, const std::string& only);

// Why `only` (GoogleTest filter syntax: ':'-separated positive globs, then '-' and negative ones)
// is bad usage against `ids`: an empty pattern, or a positive part that matches no id (with the
// nearest id, and the <Api>.<Behaviour> form when the part looks like a bare behaviour name).
// nullopt when every part selects something.
std::optional<std::string> only_problem(const std::string& only, bool given,
                                        const std::vector<std::string>& ids);

}  // namespace cc::suites
