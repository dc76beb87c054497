#include "suites/finish.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>
#include <vector>

#include "harness/core/encoding.h"
#include "harness/snapshot/compare.h"
#include "reports/differential.h"
#include "reports/expectations.h"
#include "reports/failure.h"
#include "reports/model.h"
#include "reports/results_view.h"
#include "reports/summary.h"
#include "reports/write.h"
#include "suites/coverage.h"
#include "suites/findings.h"
#include "suites/interrupts.h"
#include "suites/reachability.h"
#include "suites/terminal.h"

namespace cc::suites {

namespace {

void add(std::vector<std::string>& args, const std::string& flag, const std::string& value) {
  args.push_back(flag);
  args.push_back(value);
}

std::string ms(std::chrono::milliseconds d) { return std::to_string(d.count()); }

// A word as a POSIX shell reads it back: left alone when it has no character the shell treats
// specially, else in single quotes.
std::string shell_word(const std::string& word) {
  const bool plain = !word.empty() && word.find_first_not_of(
                                          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                          "0123456789@%+=:,./_-") == std::string::npos;
  if (plain) return word;
  std::string quoted = "'";
  for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string command_line(std::string line, const std::vector<std::string>& words) {
  for (const std::string& w : words) line += " " + shell_word(w);
  return line;
}

}  // namespace

std::vector<std::string> target_flags(const RunOptions& o, bool with_defaults) {
  const RunOptions defaults;
  std::vector<std::string> args;
  if (o.catalogue.source == CatalogueSource::Option) add(args, "--catalogue", o.catalogue.dir);
  for (const std::string& e : o.endpoints) add(args, "--endpoint", e);
  if (!o.target_file.empty()) add(args, "--target", o.target_file);
  if (!o.cli_profile.empty()) add(args, "--profile", o.cli_profile);
  if (!o.cacert.empty()) add(args, "--cacert", o.cacert);
  if (o.allow_mutations) args.push_back("--allow-mutations");
  for (const std::string& family : o.include) add(args, "--include", family);
  // The embedded emulator's shape (a worker serves its own, like the serial run's one).
  if (o.endpoints.empty() && o.target_file.empty()) {
    for (const std::string& d : o.deviations) add(args, "--deviation", d);
    for (const std::string& v : o.variations) add(args, "--variation", v);
    if (with_defaults || o.latency_ms != defaults.latency_ms)
      add(args, "--latency-ms", std::to_string(o.latency_ms));
    if (with_defaults || o.transition_time != defaults.transition_time)
      add(args, "--transition-ms", ms(o.transition_time));
  }
  if (with_defaults || o.settle_timeout != defaults.settle_timeout)
    add(args, "--settle-ms", ms(o.settle_timeout));
  if (with_defaults || o.request_timeout != defaults.request_timeout)
    add(args, "--request-timeout-ms", ms(o.request_timeout));
  if (with_defaults || o.case_timeout != defaults.case_timeout)
    add(args, "--case-timeout-ms", ms(o.case_timeout));
  return args;
}

std::string replay_line(const RunOptions& options, const std::string& id) {
  return command_line("cloudconform run --only '" + id + "'", target_flags(options, false));
}

namespace {

// The one URL `replay --endpoint` needs for case `id`'s product: its own --endpoint PRODUCT=URL,
// else the all-products URL; empty when the run named neither.
std::string endpoint_for(const RunOptions& options, const core::Catalogue& catalogue,
                         const std::string& id) {
  const core::Api* api = catalogue.find(id.substr(0, id.find('.')));
  std::string all, own;
  for (const std::string& spec : options.endpoints) {
    const size_t eq = spec.find('=');
    if (eq == std::string::npos)
      all = spec;
    else if (api && spec.substr(0, eq) == api->product)
      own = spec.substr(eq + 1);
  }
  return own.empty() ? all : own;
}

}  // namespace

std::optional<std::string> replay_file_line(const RunOptions& options,
                                            const core::Catalogue& catalogue, const std::string& id,
                                            const std::string& file) {
  const RunOptions defaults;
  std::vector<std::string> words = {options.out_dir + "/" + file};
  if (options.catalogue.source == CatalogueSource::Option)
    add(words, "--catalogue", options.catalogue.dir);
  if (!options.target_file.empty()) {
    // The profile's own endpoints only: replay takes no PRODUCT=URL beside a profile.
    if (!options.endpoints.empty()) return std::nullopt;
    add(words, "--target", options.target_file);
    if (!options.cli_profile.empty()) add(words, "--profile", options.cli_profile);
    if (!options.cacert.empty()) add(words, "--cacert", options.cacert);
  } else if (!options.endpoints.empty()) {
    const std::string url = endpoint_for(options, catalogue, id);
    if (url.empty()) return std::nullopt;
    add(words, "--endpoint", url);
    if (!options.cacert.empty()) add(words, "--cacert", options.cacert);
  } else {
    for (const std::string& d : options.deviations) add(words, "--deviation", d);
    for (const std::string& v : options.variations) add(words, "--variation", v);
    if (options.latency_ms != defaults.latency_ms)
      add(words, "--latency-ms", std::to_string(options.latency_ms));
    if (options.transition_time != defaults.transition_time)
      add(words, "--transition-ms", ms(options.transition_time));
  }
  if (options.settle_timeout != defaults.settle_timeout)
    add(words, "--settle-ms", ms(options.settle_timeout));
  return command_line("cloudconform replay", words);
}

core::RunRecord start_record(const core::Catalogue& catalogue, const target::Target& target,
                             const RunOptions& options, bool embedded,
                             std::chrono::system_clock::time_point started) {
  core::RunRecord run;
  run.suite_version = CLOUDCONFORM_VERSION;
  run.catalogue_hash = core::catalogue_hash(catalogue);
  run.target = target.identity();
  if (embedded) {
    run.target["deviations"] = options.deviations;
    run.target["variations"] = options.variations;
    run.target["latency_ms"] = options.latency_ms;
    run.target["transition_ms"] = options.transition_time.count();
  }
  // The proxy libcurl takes from the environment, credentials redacted (reachability.h).
  run.target["proxy"] = proxy_line(target.config(), target::process_environment()).substr(7);
  run.gate = options.gate;
  run.started_at = core::utc_iso8601(
      std::chrono::duration_cast<std::chrono::seconds>(started.time_since_epoch()).count());
  return run;
}

void print_header(const core::RunRecord& run, const RunOptions& options) {
  std::cout << "cloudconform " << CLOUDCONFORM_VERSION << " against "
            << run.target.value("name", std::string("the target")) << " ("
            << run.target.value("kind", std::string("?")) << ")\n"
            << "catalogue: " << options.catalogue.describe() << "\n"
            << (options.gate == "should" ? "gate: should — a failed MUST assertion or a "
                                           "deviation from a SHOULD fails the run"
                                         : "gate: must — a failed MUST assertion fails the run; "
                                           "deviations from SHOULD are reported")
            << "\n"
            << std::flush;
}

// What the run is compared with and recorded as, said before anything runs; a snapshot made by
// another catalogue is named, since its cases may not be this run's.
void print_snapshots(const RunInputs& in, const RunOptions& options) {
  if (in.compare_to) {
    const nlohmann::json& identity = in.compare_to->identity;
    std::cout << "compared with: the snapshot " << options.compare_to << " of "
              << reports::recorded_target(identity) << " — differences are "
              << (options.differential_gate ? "reported and fail the run (--gate differential)"
                                            : "reported, not failed")
              << "\n";
    const std::string hash = identity.value("catalogue_hash", std::string());
    if (!hash.empty() && hash != core::catalogue_hash(in.catalogue))
      std::cout << "  note: the snapshot was recorded with another catalogue ("
                << hash.substr(0, 12) << "): cases may be missing on either side\n";
  }
  if (!options.record_dir.empty())
    std::cout << "recording: this run as a snapshot in " << options.record_dir << "\n";
  std::cout << std::flush;
}

namespace {

// results.json and the reports beside it; false after saying what could not be written.
// Writes results.json, then reads it back once as the reports' typed view (checked, redacted,
// counted) and renders every report from that view; nullopt when something could not be written.
std::optional<reports::Results> write_results(const nlohmann::json& results,
                                              const std::string& out_dir) {
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  const std::string path = out_dir + "/results.json";
  std::ofstream out(path);
  out << results.dump(2) << "\n";
  if (!out) {
    std::cerr << "cloudconform: cannot write " << path << "\n";
    return std::nullopt;
  }
  out.close();
  try {
    reports::Results view = reports::read_results(results, path);
    reports::write_all_reports(view, out_dir);
    return view;
  } catch (const std::exception& e) {
    std::cerr << "cloudconform: cannot write the reports: " << e.what() << "\n";
    return std::nullopt;
  }
}

// What the run judged out of what it could have: reports tell a partial selection from a
// target that could not be judged. A run stopped early adds how many selected cases did not run
// to their end: those left without an outcome (`stopped`: what the listener, or a parallel run's
// merge of its workers, recorded; results_listener.h, parallel.h).
nlohmann::json selection_of(const core::RunRecord& run, const RunOptions& options,
                            size_t registered, const nlohmann::json& stopped) {
  std::set<std::string> apis;
  for (const auto& c : run.cases) apis.insert(c.api);
  nlohmann::json out = {
      {"only", options.only.empty() ? nlohmann::json() : nlohmann::json(options.only)},
      {"cases", run.cases.size()},
      {"of", registered},
      {"apis", apis}};
  const long absent = stopped.is_object() ? stopped.value("not_run", 0L) : 0L;
  if (absent == 0 && run.interrupted.empty() && !stopped.contains("stopped")) return out;
  out["selected"] = static_cast<long>(run.cases.size()) + absent;
  out["not_run"] = absent;
  if (stopped.contains("stopped")) out["stopped"] = stopped["stopped"];
  return out;
}

// The run's answers compared with the snapshot (--compare-to) under its equivalence rules: the
// results' "differential", put in before results.json is written and any report rendered. A
// comparison that throws is a harness fault: false after saying so (the run still writes its
// results, without the section).
bool add_differential(nlohmann::json& results, const RunInputs& in, const RunOptions& options) {
  if (options.differential_gate) results["differential_gate"] = true;
  if (!in.compare_to) return true;
  try {
    results["differential"] =
        snapshot::to_json(snapshot::compare(*in.compare_to, results, in.catalogue));
    return true;
  } catch (const std::exception& e) {
    std::cerr << "cloudconform: cannot compare with the snapshot " << options.compare_to << ": "
              << e.what() << "\n";
    return false;
  }
}

void print_differential(const reports::Results& view) {
  if (!view.differential) return;
  const reports::Differential& d = *view.differential;
  std::cout << "differential: "
            << reports::count_of(static_cast<long long>(d.differences.size()), "difference")
            << " from the recorded target (" << reports::recorded_target(d) << ") over "
            << reports::count_of(d.compared, "compared case") << "\n";
}

// The verdict line of the summary in its colour at a terminal (terminal.h); unchanged elsewhere.
std::string painted_verdict(std::string summary, const reports::Results& view, bool colour) {
  if (!colour) return summary;
  const std::string line = reports::gated_verdict(view);
  const size_t at = summary.find("\n" + line + "\n");
  if (at == std::string::npos) return summary;
  const int status = reports::gated_exit_status(view);
  const Colour c = view.interrupted ? Colour::Yellow
                   : status == 0    ? Colour::Green
                   : status == 2    ? Colour::Magenta
                                    : Colour::Red;
  return summary.replace(at + 1, line.size(), paint(line, c, true));
}

// A terminal lists this many replay lines; report.md and report.html have every one.
constexpr size_t kMaxReplays = 10;

// "replay each case that did not pass, alone against the same target": the run line of every
// failure, deviation and harness error (not those a stop caused: they judged nothing).
void write_replays(std::ostringstream& out, const reports::Results& view) {
  using O = core::CaseOutcome;
  std::vector<std::string> lines;
  for (const reports::Case& c : view.cases) {
    const bool stopped = c.harness_error && ended_by_stop(*c.harness_error);
    if ((c.outcome == O::Fail || c.outcome == O::Deviation || c.outcome == O::HarnessError) &&
        !stopped)
      // A property's line carries its seed, so the same generated cases come again.
      lines.push_back(c.rapidcheck && c.rapidcheck->reproduce ? *c.rapidcheck->reproduce
                                                              : reports::replay_line(c));
  }
  if (lines.empty()) return;
  out << "  replay each case that did not pass, alone against the same target (" << lines.size()
      << "):\n";
  for (size_t i = 0; i < lines.size() && i < kMaxReplays; ++i) out << "    " << lines[i] << "\n";
  if (lines.size() > kMaxReplays)
    out << "    … and " << lines.size() - kMaxReplays << " more (report.md lists every one)\n";
}

// The expectations file's stale parts: entries that matched no case, known failures that passed.
void write_stale_expectations(std::ostringstream& out, const reports::Results& view) {
  if (!view.expectations) return;
  const std::string& file = view.expectations->file;
  std::vector<std::string> passed;
  for (const reports::Case& c : view.cases)
    if (c.outcome == core::CaseOutcome::UnexpectedPass) passed.push_back(c.id);
  if (!passed.empty()) {
    out << "  expected to fail, and passed — remove from " << file << ":\n";
    for (const std::string& id : passed) out << "    " << id << "\n";
  }
  const std::vector<std::string>& unmatched = view.expectations->unmatched;
  if (!unmatched.empty()) {
    out << "  expectation entries that matched no case — correct or remove them in " << file
        << ":\n";
    for (const std::string& pattern : unmatched) out << "    \"" << pattern << "\"\n";
  }
}

// What to do next, after the summary: where every report is, how to replay each case that did
// not pass, what in the expectations file is stale, and why the run ended early if it did.
std::string closing_block(const reports::Results& view, const RunOptions& options) {
  std::ostringstream out;
  out << "\nNext:\n  reports:\n    " << options.out_dir << "/results.json\n";
  for (const reports::ReportFile& f : reports::report_files())
    out << "    " << options.out_dir << "/" << f.name << "\n";
  write_replays(out, view);
  write_stale_expectations(out, view);
  if (const auto& sel = view.selection; sel && sel->stopped)
    out << "  stopped early (" << *sel->stopped << "): " << sel->not_run << " of "
        << reports::count_of(sel->selected, "case")
        << " not run — run again without --fail-fast to judge them\n";
  if (const auto& sel = view.selection; view.interrupted && sel)
    out << "  " << *view.interrupted << ": " << sel->not_run << " of "
        << reports::count_of(sel->selected, "case") << " not run — run again to judge them\n";
  return out.str();
}

// --record DIR, once the results are final and written: the snapshot later runs compare with. An
// interrupted run writes none, so that Ctrl-C never replaces a whole snapshot with part of one.
bool record_snapshot(const nlohmann::json& results, const RunInputs& in, const RunOptions& options,
                     bool interrupted) {
  if (options.record_dir.empty()) return true;
  if (interrupted) {
    std::cout << "snapshot: not written to " << options.record_dir
              << " (the run was interrupted; a snapshot holds a whole run)\n";
    return true;
  }
  try {
    const snapshot::Snapshot s = snapshot::snapshot_of(results, in.catalogue);
    snapshot::save(s, options.record_dir);
    std::cout << "snapshot: " << options.record_dir << " ("
              << reports::count_of(static_cast<long long>(s.cases.size()), "case") << ")\n";
    return true;
  } catch (const std::exception& e) {
    std::cerr << "cloudconform: cannot write the snapshot " << options.record_dir << ": "
              << e.what() << "\n";
    return false;
  }
}

}  // namespace

int finish(core::RunRecord& run, const RunInputs& in, const RunOptions& options,
           std::chrono::system_clock::time_point started) {
  // Cases filtered out by --gtest_filter never ran: they are not part of this run's results,
  // but the selection says how many there were.
  const size_t registered = run.cases.size();
  const nlohmann::json stopped = run.selection;  // what a stop left (results_listener.h)
  std::erase_if(run.cases, [](const core::CaseRecord& c) { return !c.outcome; });
  run.selection = selection_of(run, options, registered, stopped);
  // A mistyped filter must not read as "conformant": a run that judged nothing is bad usage.
  if (run.cases.empty() && run.interrupted.empty()) {
    std::cerr << "cloudconform: no case matches the selection"
              << (options.only.empty() ? "" : " --only '" + options.only + "'")
              << " (cloudconform list shows every case)\n";
    return 2;
  }
  run.duration_ms =
      std::chrono::duration<double, std::milli>(std::chrono::system_clock::now() - started).count();
  run.coverage = error_code_coverage(in.catalogue, run);
  nlohmann::json results = run.to_json();
  std::set<std::string> judged;
  for (const auto& c : run.cases) judged.insert(c.api);
  results["findings"] = nlohmann::json::array();
  for (const auto& f : document_vs_recording(in.catalogue))
    if (judged.count(f.value("api", ""))) results["findings"].push_back(f);
  if (!in.expectations.is_null())
    reports::apply_expectations(results, in.expectations, options.expectations_file);
  const bool compared = add_differential(results, in, options);
  const std::optional<reports::Results> view = write_results(results, options.out_dir);
  if (!view) return 2;
  const TerminalStyle style = TerminalStyle::of_stdout();
  std::cout << "\n"
            << painted_verdict(reports::render_summary(*view), *view, style.colour)
            << coverage_line(run.coverage) << "\n";
  print_differential(*view);
  std::cout << closing_block(*view, options);
  const bool recorded = record_snapshot(results, in, options, !run.interrupted.empty());
  // Differences fail the run only under --gate differential (reports/differential.h).
  const int status = reports::gated_exit_status(*view);
  if (!run.interrupted.empty()) {
    std::cerr << "cloudconform: " << run.interrupted << "\n";
    return status == 3 ? 3 : 130;  // instances left changed still say so
  }
  if (status == 3) return 3;
  return compared && recorded ? status : 2;  // a snapshot asked for and not made or read
}

}  // namespace cc::suites
