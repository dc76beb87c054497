#include "suites/interrupts.h"

#include <pthread.h>
#include <unistd.h>

#include <iostream>

namespace cc::suites {

Interrupts::Interrupts() {
  sigemptyset(&watched_);
  sigaddset(&watched_, SIGINT);
  sigaddset(&watched_, SIGTERM);
  sigaddset(&watched_, SIGUSR2);  // the destructor's "stop watching"
  pthread_sigmask(SIG_BLOCK, &watched_, &saved_);
  watcher_ = std::thread([this] { watch(); });
}

Interrupts::~Interrupts() {
  pthread_kill(watcher_.native_handle(), SIGUSR2);
  watcher_.join();
  pthread_sigmask(SIG_SETMASK, &saved_, nullptr);
}

void Interrupts::on_first(std::function<void(const std::string&)> react) {
  std::lock_guard lock(mu_);
  react_ = std::move(react);
}

std::string Interrupts::reason() const {
  std::lock_guard lock(mu_);
  return reason_;
}

int Interrupts::signal() const {
  std::lock_guard lock(mu_);
  return signal_;
}

void Interrupts::watch() {
  while (true) {
    int sig = 0;
    if (sigwait(&watched_, &sig) != 0 || sig == SIGUSR2) return;
    const std::string name = sig == SIGINT ? "SIGINT" : "SIGTERM";
    std::function<void(const std::string&)> react;
    {
      std::lock_guard lock(mu_);
      if (!reason_.empty() || !react_) {
        // A second signal, or one before there is anything to wind down: leave now.
        std::cerr << "\ncloudconform: " << name
                  << " again: leaving without putting instances back\n";
        _exit(130);
      }
      reason_ = "interrupted by " + name;
      signal_ = sig;
      react = react_;
    }
    std::cerr
        << "\ncloudconform: " << name
        << ": winding down — putting back the instances the run changed and writing the reports"
           " (again to leave at once)\n";
    react(reason_);
  }
}

std::string fail_fast_reason(const std::string& case_id) {
  return "--fail-fast: " + case_id + " failed";
}

bool ended_by_stop(const std::string& harness_error) {
  // The reasons above, as the Target's refusals carry them (a case may quote one inside its own
  // message: "could not arrange …: interrupted by SIGINT").
  for (const char* mark : {"interrupted by SIGINT", "interrupted by SIGTERM", "--fail-fast: "})
    if (harness_error.find(mark) != std::string::npos) return true;
  return false;
}

}  // namespace cc::suites
