#pragma once
// The emulator's state: accounts, and per account and product the instances with their
// state machines. Transitions are lazy: an instance remembers where it is heading and when it
// gets there, and every read settles it against the clock — no timers, no sleeps.
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/journal.h"
#include "harness/core/api_client.h"
#include "harness/core/catalogue.h"

namespace cc::emu {

using Clock = std::function<std::chrono::steady_clock::time_point()>;

struct Account {
  std::string alias;
  // By provider name (a front end's, emulator/frontend.h): the id and secret this account signs
  // with in that provider's requests.
  std::map<std::string, core::Credentials> keys;
};

struct Instance {
  std::string id;
  std::string product;
  std::string state;                 // canonical
  std::set<std::string> attributes;  // trigger names without "attribute.", e.g. security_locked
  std::string stopped_mode = "KeepCharging";
  std::string latest_operation, latest_operation_state, latest_operation_request_id;
  struct Pending {
    std::string to;  // canonical state reached at `due`
    std::chrono::steady_clock::time_point due;
    bool completes = true;           // false: a deviation keeps it in transit forever
    bool operation_succeeds = true;  // false: LatestOperationState stays OPERATING
    bool succeeds_at_once =
        false;  // SUCCESS as soon as the operation is accepted (observed CVM, O2)
  };
  std::optional<Pending> pending;
  std::int64_t created_epoch = 0;
};

class World {
 public:
  World(std::vector<Account> accounts, Clock clock, std::uint64_t seed);

  std::mutex& mutex() { return mu_; }  // held by callers around every read-modify-write

  // Holds one instant for a whole operation (under the world lock): every settle and
  // transition it makes reads the same time, so the journal's `at_ns` is exactly the time the
  // world acted at and a replay can model the timers without tolerance.
  class PinnedClock {
   public:
    explicit PinnedClock(World& w) : w_(w) { w_.pinned_ = w_.clock_(); }
    ~PinnedClock() { w_.pinned_.reset(); }
    PinnedClock(const PinnedClock&) = delete;
    PinnedClock& operator=(const PinnedClock&) = delete;
    std::chrono::steady_clock::time_point time() const { return *w_.pinned_; }

   private:
    World& w_;
  };
  Journal& journal() { return journal_; }

  // The account whose key for `provider` has this id; nullptr: none (or an empty id).
  const Account* account_by_key(const std::string& provider, std::string_view id) const;
  const Account* account(const std::string& alias) const;
  const std::vector<Account>& accounts() const { return accounts_; }

  // All instances of an account's product, settled against the clock.
  std::map<std::string, Instance>& instances(const std::string& account,
                                             const std::string& product);
  Instance* find(const std::string& account, const std::string& product, const std::string& id);
  Instance& create(const std::string& account, const std::string& product,
                   const core::InstanceIdFormat& format, const std::string& state,
                   std::set<std::string> attributes, std::int64_t epoch);
  // Sends an instance through a transition: `via` now, `to` after the transition time.
  void begin_transition(Instance& instance, const std::string& via, const std::string& to,
                        const std::string& operation, const std::string& request_id,
                        Instance::Pending how = {});
  void reset();  // the control plane's: instances and journal entries; numbering goes on
  // As if new (Emulator::start_over): reset(), and request ids, operation numbers and instance
  // ids from the seed again, the journal's epoch now. Compiled id patterns are kept.
  void start_over();

  std::chrono::milliseconds transition_time() const { return transition_; }
  void set_transition_time(std::chrono::milliseconds t) { transition_ = t; }
  // A UUID-shaped id, unique per World, without a lock: every request needs one, and taking
  // the world lock for it made every request wait for every other.
  std::string request_id();
  std::chrono::steady_clock::time_point now() const { return clock_(); }  // any thread, no lock

 private:
  void settle(Instance& instance);
  // The time settles and transitions read: the pinned one inside an operation. Under mu_ only.
  std::chrono::steady_clock::time_point instant() const { return pinned_ ? *pinned_ : clock_(); }
  std::string random_suffix(size_t n, bool hex_only);

  std::mutex mu_;
  std::vector<Account> accounts_;
  Clock clock_;
  std::mt19937_64 rng_;
  const std::uint64_t id_seed_;
  std::atomic<std::uint64_t> request_count_{0};
  std::optional<std::chrono::steady_clock::time_point> pinned_;  // under mu_
  Journal journal_;
  std::chrono::milliseconds transition_{300};
  // By account and product, found from views of them (World::find, every request that names an
  // instance): a key of two strings built per look-up was two allocations.
  struct ByAccountProduct {
    using is_transparent = void;
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return std::pair<std::string_view, std::string_view>(a.first, a.second) <
             std::pair<std::string_view, std::string_view>(b.first, b.second);
    }
  };
  std::map<std::pair<std::string, std::string>, std::map<std::string, Instance>, ByAccountProduct>
      instances_;
  // Instance id patterns by source text, compiled on first use: compiling one per created
  // instance was most of a fuzz input's time (tests/fuzz/emulator_request.cpp).
  std::map<std::string, std::regex> patterns_;  // under mu_, as create() is
};

}  // namespace cc::emu
