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
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/msgpack.h"

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

// The request an operation came from, as views that need only outlive Journal::append.
struct OperationSource {
  std::string_view account, api, request_id;
  const nlohmann::json& params;
};

// A bounded, thread-safe list of operations. Appending under the world lock is what makes the
// numbering the world's order; the journal's own mutex only guards the container.
//
// The entries live in a ring of slots that are overwritten in place once it is full: a slot's
// strings and vectors keep their capacity, so a Stop neither allocates its entry nor frees one
// written 10,000 calls before (cold in cache: 5 % of a Stop's CPU when the journal was a deque
// of Operations). The parameters are kept as MessagePack bytes, which, unlike a `json` tree, can
// be rewritten without allocating and, unlike `dump`, take any string (dump throws on invalid
// UTF-8); they read back as the same JSON.
class Journal {
 public:
  explicit Journal(std::chrono::steady_clock::time_point epoch) : epoch_(epoch) {}

  std::int64_t since_epoch(std::chrono::steady_clock::time_point t) const {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t - epoch_).count();
  }
  // Records `o` (its op, account, api, request_id and params are ignored) from `from`.
  void append(const OperationSource& from, const Operation& o) { append(from, o, o.code); }
  // The same with the answer's code named apart (o.code is ignored): the behaviour names its
  // answer's code in place, where copying it into the operation first was an allocation per
  // refused Stop.
  void append(const OperationSource& from, const Operation& o, std::string_view code) {
    std::lock_guard lock(mu_);
    Slot& s = next_slot();
    s.op = ++last_;
    s.at_ns = o.at_ns;
    s.account.assign(from.account);
    s.api.assign(from.api);
    s.request_id.assign(from.request_id);
    s.params.clear();
    append_msgpack(from.params, s.params);  // to_msgpack's bytes, without its allocations
    s.code.assign(code);
    s.applied = o.applied;
    s.transition_ms = o.transition_ms;
    s.effects = o.effects;  // element-wise: the slot's strings keep their capacity
  }
  // Entries numbered above `op`, as JSON; built outside the lock from a copy of the tail.
  nlohmann::json since(std::uint64_t op) const {
    std::vector<Slot> tail;
    {
      std::lock_guard lock(mu_);
      for (std::size_t back = 0; back < size_; ++back) {
        const Slot& s = slots_[(head_ + size_ - 1 - back) % slots_.size()];
        if (s.op <= op) break;
        tail.push_back(s);
      }
    }
    nlohmann::json out = nlohmann::json::array();
    for (auto it = tail.rbegin(); it != tail.rend(); ++it) out.push_back(to_json(it->read()));
    return out;
  }
  void clear() {
    std::lock_guard lock(mu_);
    head_ = size_ = 0;  // numbering goes on, so a reader's `since` stays meaningful
  }
  // As if new, from `epoch` (Emulator::start_over): unlike clear(), numbering starts again.
  void restart(std::chrono::steady_clock::time_point epoch) {
    std::lock_guard lock(mu_);
    head_ = size_ = 0;
    last_ = 0;
    epoch_ = epoch;
  }
  static constexpr std::size_t kCapacity = 10000;

 private:
  struct Slot {
    std::uint64_t op = 0;
    std::int64_t at_ns = 0;
    std::string account, api, request_id;
    std::vector<std::uint8_t> params;  // MessagePack
    std::string code;
    bool applied = false;
    std::int64_t transition_ms = 0;
    std::vector<Operation::Effect> effects;
    Operation read() const {
      return {
          op,   at_ns,   account,       api,    request_id, nlohmann::json::from_msgpack(params),
          code, applied, transition_ms, effects};
    }
  };
  // The slot after the newest: a new one until the ring is full, then the oldest one's.
  Slot& next_slot() {
    if (size_ < kCapacity) {
      if (slots_.size() == size_) slots_.emplace_back();  // head_ is 0 while the ring grows
      return slots_[(head_ + size_++) % slots_.size()];
    }
    Slot& oldest = slots_[head_];
    head_ = (head_ + 1) % kCapacity;
    return oldest;
  }

  std::chrono::steady_clock::time_point epoch_;
  mutable std::mutex mu_;
  std::vector<Slot> slots_;  // kCapacity at most; kept through clear() and restart()
  std::size_t head_ = 0;     // the oldest entry's slot
  std::size_t size_ = 0;
  std::uint64_t last_ = 0;
};

}  // namespace cc::emu
