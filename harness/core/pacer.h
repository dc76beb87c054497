#pragma once
// Deterministic client-side pacing: call i is released at start + i / rate, no jitter, so a
// run stays under a documented limit (or, for the rate-limit family, exactly at it) the same
// way every time. Waiting for a point in time is the purpose here, not a stand-in for a
// condition.
#include <chrono>
#include <thread>

namespace cc::core {

class Pacer {
 public:
  using Clock = std::chrono::steady_clock;
  explicit Pacer(double calls_per_second)
      : interval_(std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / calls_per_second))),
        next_(Clock::now()) {}

  // Blocks until the next call may go.
  void wait() {
    std::this_thread::sleep_until(next_);
    next_ += interval_;
  }

 private:
  Clock::duration interval_;
  Clock::time_point next_;
};

}  // namespace cc::core
