#pragma once
// A child process for the end-to-end target tests: `cloudconform run` spawned with extra
// environment variables and its output in a file, awaited with a bound (a hung run fails the
// test instead of hanging it).
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <future>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace cc::test {

class Subprocess {
 public:
  Subprocess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
             const std::string& output_file)
      : output_file_(output_file) {
    std::map<std::string, std::string> all;
    for (char** e = environ; *e; ++e) {
      const std::string kv = *e;
      const size_t eq = kv.find('=');
      if (eq != std::string::npos) all[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    for (const auto& [k, v] : env) all[k] = v;
    std::vector<std::string> env_strings;
    for (const auto& [k, v] : all) env_strings.push_back(k + "=" + v);
    std::vector<char*> envp, args;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> argv_copy = argv;
    for (auto& a : argv_copy) args.push_back(a.data());
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, output_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    const int rc = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + argv.front());
    // waitpid blocks: a thread waits, the test waits on its future with a bound.
    exit_ = std::async(std::launch::async, [pid = pid_] {
      int status = 0;
      waitpid(pid, &status, 0);
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    });
  }
  ~Subprocess() {
    if (exit_.valid() && exit_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
      kill(pid_, SIGKILL);
      exit_.wait();
    }
  }
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  void signal(int sig) const { kill(pid_, sig); }
  // The exit status, or nullopt (after killing it) when it did not end within `bound`.
  std::optional<int> wait(std::chrono::seconds bound) {
    if (exit_.wait_for(bound) != std::future_status::ready) {
      kill(pid_, SIGKILL);
      exit_.wait();
      return std::nullopt;
    }
    return exit_.get();
  }
  std::string output() const {
    std::ifstream in(output_file_);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

 private:
  std::string output_file_;
  pid_t pid_ = 0;
  std::future<int> exit_;
};

}  // namespace cc::test
