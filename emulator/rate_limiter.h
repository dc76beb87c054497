#pragma once
// Per account and API request budgets, as the documents state them ("A maximum of 10 requests
// can be initiated per second for this API"): a sliding one-second window of admitted calls.
// Throttled calls are not admitted, so they neither count nor change anything.
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace cc::emu {

class RateLimiter {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  // limit: admitted calls per second; nullopt = unlimited.
  bool admit(const std::string& account, const std::string& api, std::optional<double> limit,
             TimePoint now);
  void reset();

 private:
  std::mutex mu_;
  std::map<std::pair<std::string, std::string>, std::deque<TimePoint>> windows_;
};

}  // namespace cc::emu
