#pragma once
// Ctrl-C (SIGINT) and SIGTERM during a run: the first one asks the run to wind down — every
// later call to the target is refused, the instances the run changed are put back and the
// reports are written — the second one leaves at once. Signals are taken by a thread with
// sigwait rather than a handler, so the reaction can be ordinary code (locks, allocation).
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include <csignal>

namespace cc::suites {

class Interrupts {
 public:
  // Blocks SIGINT and SIGTERM in this thread, and so in every thread started after it: construct
  // it before the emulator or any client thread exists.
  Interrupts();
  ~Interrupts();  // stops the watcher and restores the signal mask
  Interrupts(const Interrupts&) = delete;
  Interrupts& operator=(const Interrupts&) = delete;

  // Called (on the watcher thread) with a sentence saying what happened, on the first signal.
  void on_first(std::function<void(const std::string&)> react);
  // Empty while no signal came; else "interrupted by SIGINT" (or SIGTERM).
  std::string reason() const;
  // The signal that came first (SIGINT or SIGTERM); 0 while none came.
  int signal() const;

 private:
  void watch();

  sigset_t watched_{}, saved_{};
  mutable std::mutex mu_;
  std::function<void(const std::string&)> react_;
  std::string reason_;
  int signal_ = 0;
  std::thread watcher_;
};

// What a run that is stopped early says, and how a case it stopped is told from a verdict: the
// Target refuses every call after the stop with the reason (Target::interrupt), so a case whose
// harness error carries it did not run to its end — it is "not run", never a harness error.
std::string fail_fast_reason(const std::string& case_id);  // "--fail-fast: <id> failed"
bool ended_by_stop(const std::string& harness_error);

}  // namespace cc::suites
