#pragma once
// The worker processes of a parallel run (suites/parallel.h): how one is started — this same
// executable, `run --worker FILE --jobs 1 --only …` with the run's target flags, its output in
// files of a scratch directory so that workers never interleave — and awaited.
#include <sys/types.h>

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "suites/parallel.h"
#include "suites/runner.h"

namespace cc::suites {

struct WorkerProcess {
  Share share;
  std::vector<std::string> args;  // argv, the executable first
  std::string records;            // FILE: where the worker writes its cases' records
  std::string stdout_file, stderr_file;
  pid_t pid = -1;
  std::chrono::steady_clock::time_point started;

  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  }
};

// The command line of the worker judging `only` into `records`: every option that shapes the
// target or the cases, none that belongs to the run as a whole (out dir checks, expectations,
// snapshots: the parent's).
std::vector<std::string> worker_args(const RunOptions& options, const std::string& only,
                                     const std::string& records);

// A new private directory under $TMPDIR (or /tmp) for the workers' files; empty when none can be
// made (then every worker fails to start, and its cases say so).
std::string scratch_dir();

// Why a worker was not started: the run was stopped first (`stopped`: its cases are not run, as a
// serial run leaves the cases after a stop), or the system refused (its cases are harness errors).
struct NotStarted {
  bool stopped = false;
  std::string why;
};

// Whether a worker's wait status is the end the run's own interruption gives it: it left at once
// on a signal (exit 130, suites/interrupts.h) or was ended by SIGINT or SIGTERM. Anything else — a
// crash, SIGKILL, another status without records — is a worker dying on its own.
bool ended_by_interrupt(int status);

// The workers running now. start and stop are called from different threads (stop from the
// interrupt watcher), so a SIGTERM reaches every worker started before it, and none starts after.
class WorkerPool {
 public:
  // Nullopt once `w` runs; else why it was not started.
  std::optional<NotStarted> start(WorkerProcess w);
  std::size_t running() const;
  // Blocks until some running worker ends: that worker and its wait status.
  std::pair<WorkerProcess, int> wait_any();
  // A signal came (`why` names it): no worker starts any more, and `forward` (SIGTERM) is passed
  // on. A Ctrl-C is not: it reaches the workers from the terminal itself (they are in its process
  // group), and a second one would make them leave without putting instances back.
  void stop(const std::string& why, int forward = 0);
  std::string stopped() const;  // what stop() was told; empty = not stopped

 private:
  mutable std::mutex mu_;
  std::map<pid_t, WorkerProcess> running_;
  std::string stopped_;
};

// Tests make a worker die this way (tests/parallel/): when CLOUDCONFORM_TEST_WORKER_ABORT names one
// of `products`, the worker says so on stderr and is killed before its first case. Read only in
// worker mode.
void abort_if_asked(const std::set<std::string>& products);

}  // namespace cc::suites
