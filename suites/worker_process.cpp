#include "suites/worker_process.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "suites/finish.h"

extern char** environ;

namespace cc::suites {

namespace {

void add(std::vector<std::string>& args, const std::string& flag, const std::string& value) {
  args.push_back(flag);
  args.push_back(value);
}

}  // namespace

std::vector<std::string> worker_args(const RunOptions& options, const std::string& only,
                                     const std::string& records) {
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  std::vector<std::string> args = {ec ? "/proc/self/exe" : self.string(), "run"};
  add(args, "--worker", records);
  add(args, "--jobs", "1");
  add(args, "--only", only);
  // Property cases write their replay files under the run's directory.
  add(args, "--out", options.out_dir);
  add(args, "--gate", options.gate);  // --fail-fast's gate; a differential gate is the parent's
  // What reaches the target and how, as in a serial run (finish.h: the replay lines' list). The
  // catalogue is found the same way (environment, install prefix, source tree) unless it was
  // named; naming it otherwise would change the replay lines the worker writes.
  const std::vector<std::string> target = target_flags(options, true);
  args.insert(args.end(), target.begin(), target.end());
  args.insert(args.end(), options.gtest_args.begin(), options.gtest_args.end());
  return args;
}

std::string scratch_dir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/cloudconform-jobs-XXXXXX";
  if (!mkdtemp(pattern.data())) {
    std::cerr << "cloudconform: cannot make a directory for the workers' files (" << pattern
              << "): " << std::strerror(errno) << "\n";
    return "";
  }
  return pattern;
}

bool ended_by_interrupt(int status) {
  if (WIFSIGNALED(status)) return WTERMSIG(status) == SIGINT || WTERMSIG(status) == SIGTERM;
  return WIFEXITED(status) && WEXITSTATUS(status) == 130;
}

std::optional<NotStarted> WorkerPool::start(WorkerProcess w) {
  std::lock_guard lock(mu_);
  if (!stopped_.empty()) return NotStarted{true, stopped_};
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&files, 1, w.stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_addopen(&files, 2, w.stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  std::vector<char*> argv;
  for (std::string& a : w.args) argv.push_back(a.data());
  argv.push_back(nullptr);
  // The signal mask is inherited: SIGINT and SIGTERM stay blocked (suites/interrupts.h) until
  // the worker's own watcher takes them, so a Ctrl-C at its start is wound down, not fatal.
  const int error = posix_spawn(&w.pid, argv[0], &files, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  if (error != 0)
    return NotStarted{false, "could not start the worker process for product " + w.share.product +
                                 ": " + std::strerror(error)};
  w.started = std::chrono::steady_clock::now();
  running_.emplace(w.pid, std::move(w));
  return std::nullopt;
}

std::size_t WorkerPool::running() const {
  std::lock_guard lock(mu_);
  return running_.size();
}

std::pair<WorkerProcess, int> WorkerPool::wait_any() {
  while (true) {
    // Seen first and reaped only once it has left the pool, so that stop() never signals a
    // process id the system may already have given to another process.
    siginfo_t info{};
    if (waitid(P_ALL, 0, &info, WEXITED | WNOWAIT) != 0) {
      if (errno == EINTR) continue;
      // No child to wait for (SIGCHLD ignored: reaped already): the workers have all ended.
      std::lock_guard lock(mu_);
      auto first = running_.begin();
      WorkerProcess w = std::move(first->second);
      running_.erase(first);
      return {std::move(w), 0};
    }
    WorkerProcess w;
    bool ours = false;
    {
      std::lock_guard lock(mu_);
      if (auto it = running_.find(info.si_pid); it != running_.end()) {
        w = std::move(it->second);
        running_.erase(it);
        ours = true;
      }
    }
    int status = 0;
    while (waitpid(info.si_pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (ours) return {std::move(w), status};
  }
}

void WorkerPool::stop(const std::string& why, int forward) {
  std::lock_guard lock(mu_);
  stopped_ = why;
  if (forward == 0) return;
  for (const auto& [pid, w] : running_) kill(pid, forward);
}

std::string WorkerPool::stopped() const {
  std::lock_guard lock(mu_);
  return stopped_;
}

void abort_if_asked(const std::set<std::string>& products) {
  const char* product = std::getenv("CLOUDCONFORM_TEST_WORKER_ABORT");
  if (!product || !products.count(product)) return;
  std::cerr << "cloudconform: worker for " << product
            << " dying on purpose (CLOUDCONFORM_TEST_WORKER_ABORT)" << std::endl;
  kill(getpid(), SIGKILL);  // as a crash or the OOM killer would: no records, no core file
}

}  // namespace cc::suites
