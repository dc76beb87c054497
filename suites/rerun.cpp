#include "suites/rerun.h"

#include <filesystem>
#include <iostream>
#include <set>

#include "harness/core/catalogue.h"
#include "reports/model.h"
#include "reports/summary.h"
#include "suites/selection.h"

namespace cc::suites {

bool worth_rerunning(core::CaseOutcome outcome) {
  using O = core::CaseOutcome;
  switch (outcome) {
    case O::Fail:
    case O::Deviation:
    case O::HarnessError:
    case O::Inconclusive:
    case O::UnexpectedPass:
      return true;
    case O::Pass:
    case O::Observed:
    case O::NotSupported:
    case O::ExpectedFail:
      return false;
  }
  return false;
}

RerunSource read_rerun_source(const std::string& results) {
  RerunSource source;
  std::error_code ec;
  // A run's directory stands for its results.json, as for every `report` command.
  source.file = std::filesystem::is_directory(results, ec)
                    ? (std::filesystem::path(results) / "results.json").string()
                    : results;
  const reports::Results read = reports::load_results(source.file);
  source.cases = read.cases.size();
  for (const reports::Case& c : read.cases)
    if (worth_rerunning(c.outcome)) source.ids.push_back(c.id);
  return source;
}

std::vector<std::string> rerun_ids(const std::vector<std::string>& rerun, const std::string& only) {
  std::vector<std::string> kept;
  for (const std::string& id : rerun)
    if (selected(only, id)) kept.push_back(id);
  return kept;
}

namespace {

// "A, B, C and 4 more": enough to recognise the cases without flooding the terminal.
std::string some_of(const std::vector<std::string>& ids, std::size_t shown = 10) {
  std::string text;
  for (std::size_t i = 0; i < ids.size() && i < shown; ++i) text += (i ? ", " : "") + ids[i];
  if (ids.size() > shown) text += " and " + std::to_string(ids.size() - shown) + " more";
  return text;
}

// The rerun ids this catalogue has no case for (a results file of another catalogue or suite).
std::vector<std::string> unknown_ids(const std::vector<std::string>& ids,
                                     const std::vector<std::string>& known) {
  const std::set<std::string> have(known.begin(), known.end());
  std::vector<std::string> unknown;
  for (const std::string& id : ids)
    if (!have.count(id)) unknown.push_back(id);
  return unknown;
}

}  // namespace

std::optional<int> select_rerun(RunOptions& options) {
  RerunSource source;
  try {
    source = read_rerun_source(options.rerun_failed);
  } catch (const std::exception& e) {  // core::DataError: file and JSON pointer
    std::cerr << "cloudconform run: --rerun-failed: " << e.what() << "\n";
    return 2;
  }
  const std::optional<core::Catalogue> catalogue = load_catalogue_at(options.catalogue);
  if (!catalogue) return 2;
  const std::vector<std::string> known = case_ids(*catalogue);
  // An --only beside it is checked as run checks it: a part selecting no case is a typo.
  if (const auto why = only_problem(options.only, options.only_given, known)) {
    std::cerr << "cloudconform run: " << *why << "\n";
    return 2;
  }
  if (source.ids.empty()) {
    std::cout << "nothing to rerun: " << source.file << " has no case that failed, deviated, met "
              << "a harness error, was inconclusive or passed unexpectedly ("
              << reports::count_of(static_cast<long long>(source.cases), "case") << ")\n";
    return 0;
  }
  const std::vector<std::string> ids = rerun_ids(source.ids, options.only);
  if (ids.empty()) {
    std::cout << "nothing to rerun: --only '" << options.only << "' keeps none of the "
              << source.ids.size() << " cases to rerun in " << source.file << "\n";
    return 0;
  }
  if (const std::vector<std::string> unknown = unknown_ids(ids, known); !unknown.empty()) {
    std::cerr << "cloudconform run: --rerun-failed " << source.file << ": " << unknown.size()
              << " of its cases are not in this catalogue (" << options.catalogue.describe()
              << "): " << some_of(unknown, unknown.size())
              << " (a results file of another catalogue or suite version? cloudconform list "
                 "shows every case)\n";
    return 2;
  }
  std::cout << "rerun: " << ids.size() << " of the " << source.cases << " cases of " << source.file
            << ": " << some_of(ids) << "\n";
  options.only.clear();
  for (const std::string& id : ids) options.only += (options.only.empty() ? "" : ":") + id;
  options.only_given = true;
  return std::nullopt;
}

}  // namespace cc::suites
