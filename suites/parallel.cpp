#include "suites/parallel.h"

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "harness/core/json_reader.h"
#include "reports/failure.h"
#include "suites/behaviours.h"
#include "suites/finish.h"
#include "suites/interrupts.h"
#include "suites/selection.h"
#include "suites/worker_process.h"

namespace cc::suites {

namespace {

std::string api_of(const std::string& case_id) { return case_id.substr(0, case_id.find('.')); }

// The --only of a share: "Api.*" for an API none of whose cases the filter leaves out (a short
// command line for a full run), else the API's selected case ids one by one.
std::string only_of(const std::vector<std::string>& ids, const std::map<std::string, int>& total) {
  std::map<std::string, int> chosen;
  for (const std::string& id : ids) ++chosen[api_of(id)];
  std::string only;
  std::set<std::string> whole;
  auto add = [&only](const std::string& part) { only += (only.empty() ? "" : ":") + part; };
  for (const std::string& id : ids) {
    const std::string api = api_of(id);
    if (chosen[api] != total.at(api)) {
      add(id);
    } else if (whole.insert(api).second) {
      add(api + ".*");
    }
  }
  return only;
}

}  // namespace

std::vector<Share> shares_of(const core::Catalogue& catalogue, const std::string& filter) {
  std::vector<Share> shares;
  std::map<std::string, int> total;  // cases per API
  for (const std::string& id : case_ids(catalogue)) {
    ++total[api_of(id)];
    if (!selected(filter, id)) continue;
    const core::Api* api = catalogue.find(api_of(id));
    if (!api) continue;
    auto share = std::find_if(shares.begin(), shares.end(),
                              [api](const Share& s) { return s.product == api->product; });
    if (share == shares.end()) share = shares.insert(shares.end(), Share{api->product, "", {}});
    share->case_ids.push_back(id);
  }
  for (Share& s : shares) s.only = only_of(s.case_ids, total);
  return shares;
}

int jobs_for(const RunOptions& options, const RunInputs& in, std::size_t shares,
             const TargetTraits& target) {
  // GoogleTest's own selection, order and sharding act on one process's cases.
  const bool gtest_shapes = !options.gtest_args.empty() || std::getenv("GTEST_TOTAL_SHARDS");
  if (options.fail_fast || gtest_shapes || target.unreachable || shares <= 1) return 1;
  const int asked = options.jobs ? options.jobs : in.profile ? in.profile->jobs : 0;
  if (target.shared_control_plane && !target.embedded) {
    if (asked > 1)
      std::cerr << "cloudconform: --jobs " << asked
                << ": running in series — the target's control plane is shared by every worker, "
                   "and cases change its global configuration (rate limits, transition time)\n";
    return 1;
  }
  const int jobs = asked ? asked : target.embedded ? static_cast<int>(shares) : 1;
  return std::min(jobs, static_cast<int>(shares));
}

bool write_worker_file(const core::RunRecord& run, const std::string& file) {
  nlohmann::json cases = nlohmann::json::array();
  for (const core::CaseRecord& c : run.cases)
    if (c.outcome) cases.push_back(c.to_json());
  const nlohmann::json out = {
      {"cases", cases}, {"restore", run.restore}, {"interrupted", run.interrupted}};
  // Written beside and renamed: the parent reads a whole file or none, never half of one.
  const std::string partial = file + ".partial";
  {
    std::ofstream f(partial);
    f << out.dump() << "\n";
    if (!f.flush()) {
      std::cerr << "cloudconform: worker: cannot write " << partial << "\n";
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(partial, file, ec);
  if (ec)
    std::cerr << "cloudconform: worker: cannot write " << file << ": " << ec.message() << "\n";
  return !ec;
}

namespace {

// What one worker left behind: its cases' records, or why there are none.
struct WorkerResult {
  std::vector<core::CaseRecord> cases;
  nlohmann::json restore = nlohmann::json::array();
  std::string interrupted;  // the worker's own word that a signal wound it down
  std::string failure;      // empty = the records were read
  // The run's own interruption (a signal to the run, passed on or from the terminal) explains
  // the missing records: the worker was never started, or left at once on the signal.
  bool cut_short = false;
};

std::string last_lines(const std::string& path, std::size_t count) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  std::string out;
  for (std::size_t i = lines.size() > count ? lines.size() - count : 0; i < lines.size(); ++i)
    out += (out.empty() ? "" : " | ") + lines[i];
  return out;
}

std::string how_it_ended(int status) {
  if (WIFSIGNALED(status))
    return "was killed by signal " + std::to_string(WTERMSIG(status)) + " (" +
           strsignal(WTERMSIG(status)) + ")";
  return "exited with status " + std::to_string(WEXITSTATUS(status));
}

// `stopped`: the run was interrupted (WorkerPool::stopped) before the worker ended.
WorkerResult read_worker(const WorkerProcess& w, int status, bool stopped) {
  WorkerResult r;
  try {
    const nlohmann::json doc = core::read_json_file(w.records, "worker");
    for (const nlohmann::json& c : doc.at("cases"))
      r.cases.push_back(core::CaseRecord::from_json(c));
    r.restore = doc.at("restore");
    r.interrupted = doc.at("interrupted").get<std::string>();
    if (!r.restore.is_array()) throw core::DataError("\"restore\" is not an array");
    return r;
  } catch (const std::exception& e) {
    const bool written = std::filesystem::exists(w.records);
    r = WorkerResult{};
    r.failure = "the worker process for product " + w.share.product + " " + how_it_ended(status) +
                (written ? ", leaving records that cannot be read (" + std::string(e.what()) + ")"
                         : " without writing its records");
    const std::string said = last_lines(w.stderr_file, 5);
    if (!said.empty()) r.failure += "; it said: " + said;
    r.cut_short = stopped && ended_by_interrupt(status);
    return r;
  }
}

// A case the worker should have judged and did not: a harness error, never a verdict.
core::CaseRecord harness_error(core::CaseRecord rec, const std::string& why,
                               const RunOptions& options) {
  rec.outcome = core::CaseOutcome::HarnessError;
  rec.harness_error = why;
  rec.message = "harness error: " + why;
  rec.replay = replay_line(options, rec.id);
  return rec;
}

// Whatever the worker printed (it runs quiet: normally nothing), its blocks for the cases that
// did not pass, as the serial run prints them (suites/results_listener.cpp), what it said on
// stderr, then where the run stands.
void print_worker(const std::vector<const core::CaseRecord*>& records, const WorkerProcess& w,
                  std::size_t done, std::size_t of) {
  using core::CaseOutcome;
  if (std::ifstream printed(w.stdout_file); printed && printed.peek() != EOF)
    std::cout << printed.rdbuf() << std::flush;
  std::size_t failed = 0, judged = 0;
  for (const core::CaseRecord* rec : records) {
    if (!rec->outcome) continue;  // not run: a stop came first
    ++judged;
    const CaseOutcome o = *rec->outcome;
    failed += o == CaseOutcome::Fail || o == CaseOutcome::HarnessError;
    if (o == CaseOutcome::Pass || o == CaseOutcome::Observed || o == CaseOutcome::NotSupported)
      continue;
    std::string block = reports::failure_block(rec->to_json(), {300, 200});
    if (!block.empty() && block.back() != '\n') block += '\n';
    std::fputs(block.c_str(), stdout);
  }
  std::fflush(stdout);
  std::ifstream said(w.stderr_file);
  for (std::string line; std::getline(said, line);)
    std::cerr << "[" << w.share.product << "] " << line << "\n";
  // The cases a stop left, as a serial run's progress line counts them.
  const std::size_t not_run = records.size() - judged;
  const std::string left = not_run ? ", " + std::to_string(not_run) + " not run" : "";
  std::printf("[progress] %s: %zu cases, %zu failed%s, %.1f s (%zu of %zu products done)\n",
              w.share.product.c_str(), judged, failed, left.c_str(), w.seconds(), done, of);
  std::fflush(stdout);
}

// The parent's view of a parallel run: the records, indexed by case id, that workers fill in.
class Merge {
 public:
  Merge(SuiteContext& ctx, const RunOptions& options) : ctx_(ctx), options_(options) {
    for (std::size_t i = 0; i < ctx.run.cases.size(); ++i) index_[ctx.run.cases[i].id] = i;
  }

  // The share's records into the run; returns them. As in a serial run (results_listener.h), a
  // case the run's own interruption cut short judged nothing and is not run: left without an
  // outcome and counted. That is a case whose harness error is the stop's refusal (the worker's
  // quiet listener keeps it so), and a case without a record when the worker was wound down by
  // the signal or never started. A case missing for any other reason — the worker crashed, was
  // killed, or left unreadable records — is a harness error saying how the worker ended.
  std::vector<const core::CaseRecord*> take(const Share& share, WorkerResult result) {
    std::map<std::string, core::CaseRecord> got;
    for (core::CaseRecord& c : result.cases) got[c.id] = std::move(c);
    const bool cut_short = result.cut_short || !result.interrupted.empty();
    const std::string missing =
        result.failure.empty() ? "its worker process did not judge it" : result.failure;
    std::vector<const core::CaseRecord*> taken;
    for (const std::string& id : share.case_ids) {
      core::CaseRecord& into = ctx_.run.cases.at(index_.at(id));
      auto it = got.find(id);
      if (it != got.end() && !stopped_by_signal(it->second)) {
        into = std::move(it->second);
      } else if (it != got.end() || cut_short) {
        count_not_run();
      } else {
        into = harness_error(into, missing, options_);
      }
      taken.push_back(&into);
    }
    for (const auto& r : result.restore) ctx_.run.restore.push_back(r);
    if (ctx_.run.interrupted.empty()) ctx_.run.interrupted = result.interrupted;
    return taken;
  }

 private:
  static bool stopped_by_signal(const core::CaseRecord& c) {
    return c.outcome == core::CaseOutcome::HarnessError && ended_by_stop(c.harness_error);
  }

  // Where a serial run's listener counts the cases a stop left (suites/results_listener.h).
  void count_not_run() {
    if (!ctx_.run.selection.is_object()) ctx_.run.selection = nlohmann::json::object();
    ctx_.run.selection["not_run"] = ctx_.run.selection.value("not_run", 0L) + 1;
  }

  SuiteContext& ctx_;
  const RunOptions& options_;
  std::map<std::string, std::size_t> index_;
};

// Where a worker's records and output go, and how it is started.
WorkerProcess prepare(const Share& share, const std::string& dir, const RunOptions& options) {
  WorkerProcess w;
  w.share = share;
  w.records = dir + "/" + share.product + ".json";
  w.stdout_file = dir + "/" + share.product + ".out";
  w.stderr_file = dir + "/" + share.product + ".err";
  w.args = worker_args(options, share.only, w.records);
  w.started = std::chrono::steady_clock::now();
  return w;
}

}  // namespace

void run_in_workers(SuiteContext& ctx, const RunOptions& options, const std::vector<Share>& shares,
                    int jobs, Interrupts& interrupts) {
  // Every case the suite has, in serial order (registered with GoogleTest too, never run here):
  // the workers' records are put in their places, so the results read as a serial run's.
  register_behaviours(ctx, all_behaviours(ctx.catalogue));
  ctx.run.jobs = jobs;
  const std::string dir = scratch_dir();
  auto pool = std::make_shared<WorkerPool>();
  interrupts.on_first([pool, &ctx, &interrupts](const std::string& why) {
    ctx.target.interrupt(why);
    pool->stop(why, interrupts.signal() == SIGTERM ? SIGTERM : 0);
  });
  // A signal before the line above: no worker is started (its cases say why).
  if (const std::string why = interrupts.reason(); !why.empty()) pool->stop(why);
  std::string names;
  for (const Share& s : shares) names += (names.empty() ? "" : ", ") + s.product;
  std::cout << "jobs: " << jobs << " worker processes side by side, a product each (" << names
            << ")\n"
            << std::flush;
  Merge merge(ctx, options);
  std::size_t next = 0, done = 0;
  auto start_more = [&] {
    for (; next < shares.size() && pool->running() < static_cast<std::size_t>(jobs); ++next) {
      WorkerProcess w = prepare(shares[next], dir, options);
      if (std::optional<NotStarted> not_started = pool->start(w)) {
        WorkerResult none;
        none.failure = std::move(not_started->why);
        none.cut_short = not_started->stopped;
        ++done;
        print_worker(merge.take(w.share, std::move(none)), w, done, shares.size());
      }
    }
  };
  start_more();
  while (pool->running() > 0) {
    auto [w, status] = pool->wait_any();
    ++done;
    const bool stopped = !pool->stopped().empty();
    print_worker(merge.take(w.share, read_worker(w, status, stopped)), w, done, shares.size());
    start_more();
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

}  // namespace cc::suites
