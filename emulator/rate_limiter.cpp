#include "emulator/rate_limiter.h"

#include <cmath>

namespace cc::emu {

bool RateLimiter::admit(const std::string& account, const std::string& api,
                        std::optional<double> limit, TimePoint now) {
  if (!limit) return true;
  std::lock_guard lock(mu_);
  auto& window = windows_[{account, api}];
  while (!window.empty() && now - window.front() >= std::chrono::seconds(1)) window.pop_front();
  if (static_cast<double>(window.size()) >= std::floor(*limit)) return false;
  window.push_back(now);
  return true;
}

void RateLimiter::reset() {
  std::lock_guard lock(mu_);
  windows_.clear();
}

}  // namespace cc::emu
