#pragma once
// Transport faults: the emulator as a hostile target — slow beyond any timeout, resetting
// connections, truncating or flooding bodies, answering HTML, 5xx storms, another request's
// answer. Unlike the deviations they break no documented behaviour: they make answers unusable,
// and the suite must end each affected case as a harness error, never a verdict
// (tests/hostile). They are deviations named "fault-…", so --deviation and the control plane
// reach them, and they act on the cloud APIs only, never on the control plane.
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "emulator/deviations.h"
#include "emulator/http_server.h"

namespace cc::emu {

// How long fault-slow holds an answer: beyond the suite's default per-request timeout (15 s),
// and still finite, so a client that never times out is answered in the end.
inline constexpr std::chrono::milliseconds kSlowFaultDelay{60000};
// fault-huge-body's size: larger than any answer the documents allow, under the server's limits.
inline constexpr std::size_t kHugeFaultBody = 50u << 20;

class Faults {
 public:
  explicit Faults(const Deviations& deviations) : deviations_(deviations) {}
  Faults(const Faults&) = delete;
  Faults& operator=(const Faults&) = delete;

  // Spoils the answer the front end rendered for a cloud API request, as the active fault modes
  // say: rewrites it, or tells the server to deliver it badly (HttpResponseOut::delivery).
  void apply(const HttpRequestIn& request, HttpResponseOut& out);

 private:
  const Deviations& deviations_;
  // fault-other-request: the last successful answer per endpoint (Host) and kind — a listing
  // (Describe…) or an action (Stop…, Start…). A request gets the other kind's answer: a mix-up
  // the client can tell from the answer's shape, so it is never judged as the request's own.
  std::mutex mu_;
  std::map<std::pair<std::string, bool>, HttpResponseOut> last_success_;
};

}  // namespace cc::emu
