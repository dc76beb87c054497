#pragma once
// Deterministic client-side pacing: consecutive calls are released at least 1 / rate apart,
// no jitter, so a run stays under a documented limit the same way every time. A late call
// does not let the next ones catch up in a burst: any one-second window holds at most
// rate + 1 calls. Waiting for a point in time is the purpose here, not a stand-in for a
// condition.
#include <algorithm>
#include <chrono>
#include <thread>

namespace cc::core {

class Pacer {
 public:
  using Clock = std::chrono::steady_clock;
  explicit Pacer(double calls_per_second)
      : interval_(std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(1.0 / calls_per_second))),
        next_(Clock::now()) {}

  // Lets a rate window pass with no calls: the only way to await "a second without calls".
  static void quiet(std::chrono::milliseconds period) { std::this_thread::sleep_for(period); }

  // After the target throttled a call paced under its documented limit: half the pace.
  void slow_down() { interval_ *= 2; }

  // Blocks until the next call may go.
  void wait() {
    std::this_thread::sleep_until(next_);
    next_ = std::max(next_, Clock::now()) + interval_;
  }

 private:
  Clock::duration interval_;
  Clock::time_point next_;
};

}  // namespace cc::core
