#pragma once
// Deliberate departures from the documents. Each one breaks a behaviour the suite checks, so
// a run against a deviating emulator must fail that check: that is how the suite proves every
// check can fail (its negative controls). The transport faults (emulator/faults.h) are reached
// the same way: deviations named "fault-…".
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace cc::emu {

// A closed set: parsed from names once at the edge (command line, control plane), so a misspelt
// name is refused there, never silently ignored; the emulator tests enum values.
enum class Deviation {
  stop_accepts_any_state,
  stop_never_completes,
  stop_ignored,
  duplicates_accepted,
  undocumented_codes,
  not_found_accepted,
  never_throttles,
  batch_limit_ignored,
  dry_run_mutates,
  success_first_dry_run_validates,
  wrong_not_found_code,
  skips_stopping,
  all_together_partial,
  wrong_alibaba_status,
  accepts_bad_signature,
  accepts_stale_timestamp,
  drops_request_id,
  latest_operation_never_succeeds,
  throttles_at_half_limit,
  attributes_ignored,
  refusals_mutate,
  malformed_ids_looked_up,
  empty_batch_accepted,
  batch_limit_off_by_one,
  enum_values_unchecked,
  dry_run_skips_validation,
  success_first_all_together,
  stop_accepts_stopping,
  throttled_calls_mutate,
  repeats_request_id,
  instance_report_missing,
  bare_error_envelope,
  unknown_requests_misreported,
  error_without_code,
  error_without_message,
  tencent_error_unwrapped,
  alibaba_error_under_200,
  timestamp_window_wide,
  timestamp_window_narrow,
  accepts_replayed_nonce,
  fault_slow,
  fault_reset,
  fault_truncated,
  fault_not_json,
  fault_huge_body,
  fault_wrong_content_type,
  fault_five_xx_storm,
  fault_other_request,
  count_,  // not a deviation: how many there are
};
static_assert(static_cast<unsigned>(Deviation::count_) <= 64, "Deviations keeps one bit each");

struct DeviationInfo {
  Deviation deviation;
  std::string name;
  std::string breaks;  // what documented behaviour it violates
};

const std::vector<DeviationInfo>& known_deviations();
const std::string& name_of(Deviation d);
// Throws std::invalid_argument naming the unknown deviation and listing the known ones.
Deviation parse_deviation(const std::string& name);
bool is_fault(Deviation d);

// Thread-safe: the control plane may change the set while requests are served. The set is one
// atomic word, a bit per deviation: a request asks has() a dozen times, and a mutex per question
// showed in the profile under load. A request that races a change sees each question answered
// by the old or the new set, as it did under the mutex.
class Deviations {
 public:
  Deviations() = default;
  explicit Deviations(const std::vector<std::string>& names) { set(names); }
  void set(const std::vector<std::string>& names);  // all or nothing: throws before changing
  bool has(Deviation d) const {
    return (active_.load(std::memory_order_acquire) >> static_cast<unsigned>(d)) & 1u;
  }
  bool any_fault() const;
  std::vector<std::string> active() const;  // names, sorted

 private:
  std::atomic<std::uint64_t> active_{0};  // bit d = deviation d
};

}  // namespace cc::emu
