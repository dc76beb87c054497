#pragma once
// The world's own record of every Stop/Start call, in the order the world applied them: an
// operation is numbered while the world lock that decides it is held, so replaying the journal
// in `op` order replays exactly what happened (the request log's `seq` is only the order answers
// were logged). Each entry says what was asked, what was answered and what the world saw of
// every named instance before and after — enough for a checker to replay a serial history
// through the model (harness/model/history.h) without trusting the emulator's own verdicts.
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace cc::emu {

struct Operation {
  std::uint64_t op = 0;    // assigned by Journal::append
  std::int64_t at_ns = 0;  // world time of the operation, since the journal began
  std::string account, api, request_id;
  nlohmann::json params;           // as the behaviour received them
  std::string code;                // the answer: empty = accepted
  bool applied = false;            // decided under the world lock; false = refused before it
  std::int64_t transition_ms = 0;  // the world's transition time at that moment
  struct Effect {
    std::string id, before, after;  // canonical states, at `at_ns`
  };
  std::vector<Effect> effects;  // every named instance that exists, in the order named
};

inline nlohmann::json to_json(const Operation& o) {
  nlohmann::json effects = nlohmann::json::array();
  for (const auto& e : o.effects)
    effects.push_back({{"id", e.id}, {"before", e.before}, {"after", e.after}});
  return {{"op", o.op},
          {"at_ns", o.at_ns},
          {"account", o.account},
          {"api", o.api},
          {"request_id", o.request_id},
          {"params", o.params},
          {"accepted", o.code.empty()},
          {"code", o.code},
          {"applied", o.applied},
          {"transition_ms", o.transition_ms},
          {"effects", effects}};
}

// A bounded, thread-safe list of operations. Appending under the world lock is what makes the
// numbering the world's order; the journal's own mutex only guards the container.
class Journal {
 public:
  explicit Journal(std::chrono::steady_clock::time_point epoch) : epoch_(epoch) {}

  std::int64_t since_epoch(std::chrono::steady_clock::time_point t) const {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t - epoch_).count();
  }
  void append(Operation o) {
    std::lock_guard lock(mu_);
    o.op = ++last_;
    entries_.push_back(std::move(o));
    if (entries_.size() > kCapacity) entries_.pop_front();
  }
  // Entries numbered above `op`, as JSON; built outside the lock from a copy of the tail.
  nlohmann::json since(std::uint64_t op) const {
    std::vector<Operation> tail;
    {
      std::lock_guard lock(mu_);
      for (auto it = entries_.rbegin(); it != entries_.rend() && it->op > op; ++it)
        tail.push_back(*it);
    }
    nlohmann::json out = nlohmann::json::array();
    for (auto it = tail.rbegin(); it != tail.rend(); ++it) out.push_back(to_json(*it));
    return out;
  }
  void clear() {
    std::lock_guard lock(mu_);
    entries_.clear();  // numbering goes on, so a reader's `since` stays meaningful
  }
  // As if new, from `epoch` (Emulator::start_over): unlike clear(), numbering starts again.
  void restart(std::chrono::steady_clock::time_point epoch) {
    std::lock_guard lock(mu_);
    entries_.clear();
    last_ = 0;
    epoch_ = epoch;
  }

 private:
  static constexpr std::size_t kCapacity = 10000;
  std::chrono::steady_clock::time_point epoch_;
  mutable std::mutex mu_;
  std::deque<Operation> entries_;
  std::uint64_t last_ = 0;
};

}  // namespace cc::emu
