#include "suites/selection.h"

#include "harness/core/encoding.h"
#include "suites/behaviours.h"
#include "suites/suggest.h"

namespace cc::suites {

std::vector<std::string> case_ids(const core::Catalogue& catalogue) {
  std::vector<std::string> ids;
  for (const core::Api* api : catalogue.subjects())
    for (const Behaviour& b : all_behaviours(catalogue))
      if (b.applies(*api)) ids.push_back(api->id + "." + b.name);
  return ids;
}

bool glob_match(const std::string& pattern, const std::string& text) {
  // Iterative matching with one backtrack point: linear enough for ids of a few dozen letters.
  size_t p = 0, t = 0, star = std::string::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p, ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++, mark = t;
    } else if (star != std::string::npos) {
      p = star + 1, t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool selected(const std::string& only, const std::string& id) {
  const size_t dash = only.find('-');
  const std::string positive = only.substr(0, dash);
  auto any_of = [&id](const std::string& patterns) {
    for (const std::string& p : core::split(patterns, ':'))
      if (!p.empty() && glob_match(p, id)) return true;
    return false;
  };
  const bool in = positive.empty() || any_of(positive);
  return in && (dash == std::string::npos || !any_of(only.substr(dash + 1)));
}

std::set<std::string> selected_products(const core::Catalogue& catalogue, const std::string& only) {
  std::set<std::string> products;
  for (const std::string& id : case_ids(catalogue))
    if (selected(only, id))
      if (const core::Api* api = catalogue.find(id.substr(0, id.find('.'))))
        products.insert(api->product);
  return products;
}

namespace {

std::string advice(const std::string& part, const std::vector<std::string>& ids) {
  if (part.find('.') == std::string::npos && part.find('*') == std::string::npos)
    return "; case ids are <Api>.<Behaviour>: did you mean '*." + part + "'?";
  if (const auto near = nearest(part, ids)) return "; did you mean '" + *near + "'?";
  return "";
}

}  // namespace

std::optional<std::string> only_problem(const std::string& only, bool given,
                                        const std::vector<std::string>& ids) {
  if (given && only.empty())
    return "--only '' selects nothing (leave --only out to run every case)";
  const std::string positive = only.substr(0, only.find('-'));
  for (const std::string& part : core::split(positive, ':')) {
    if (part.empty()) continue;
    bool matched = false;
    for (const auto& id : ids) matched = matched || glob_match(part, id);
    if (!matched)
      return "--only part '" + part + "' matches no case" + advice(part, ids) +
             " (cloudconform list shows every case)";
  }
  return std::nullopt;
}

}  // namespace cc::suites
