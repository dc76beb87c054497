// Rate limits as a subject, not noise: at the documented rate nothing is throttled; at twice
// the rate the excess gets the provider's throttle code; throttled calls change nothing; and
// calls succeed again once the window has passed. Calls use a well-formed id that names
// nothing, so the only side effect there could be is the throttling itself.
#include <algorithm>
#include <cstdio>
#include <map>

#include "harness/core/pacer.h"
#include "suites/behaviours.h"

namespace cc::suites {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

bool documented(const core::Api& api) { return api.rate_limit.requests_per_second.has_value(); }

std::string idle_id(const core::Api& api) {
  const auto& f = api.instance_id;
  return f.prefix + std::string(f.example.size() - f.prefix.size(), '0');
}

// How an answer reads for comparison: "accepted", or its error code ("" when it has none).
std::string answer_key(const core::Outcome& o) { return o.ok ? "accepted" : o.code; }

std::string one_decimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

long long ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count();
}

// One run of the rate-limit case, phase by phase; the members are what the phases share.
class RateProbe {
 public:
  explicit RateProbe(Case& c)
      : c_(c),
        api_(c.api()),
        limit_(*api_.rate_limit.requests_per_second),
        throttle_(c.catalogue().common_errors(api_.provider).errors_for("request.throttled")),
        params_(c.target().id_params(api_, {idle_id(api_)})) {}

  void run() {
    c_.target().set_transcript(nullptr);  // dozens of identical exchanges say nothing
    paced();
    burst();
    core::Pacer::quiet(std::chrono::milliseconds(1100));
    c_.target().set_transcript(&c_.record().transcript);
    recovers();
  }

 private:
  bool is_throttle(const core::Outcome& o) const {
    return std::any_of(throttle_.begin(), throttle_.end(),
                       [&](const auto* e) { return e->code == o.code; });
  }
  // Every call names the same idle id, so an unburdened target answers every one of them alike
  // (the id is well formed and names nothing). The first call after a quiet second sets that
  // answer; a later answer that differs from it is the load talking, whatever its code: a
  // documented throttle code, or a refusal the documents do not list for throttling (which the
  // "code" claim then judges). Judging by the documented codes alone would let a target that
  // throttles with another code pass every check untested.
  bool differs(const core::Outcome& o) const { return is_throttle(o) || answer_key(o) != usual_; }

  // 1. After a quiet second (earlier cases spent some budget), calls at 80 % of the documented
  //    rate are never throttled. They go in waves of k = limit / 5 calls released together, a
  //    wave every k / (0.8 * limit) = 250 ms: with at most (0.8 * limit / k + 1) waves in any
  //    second, no second holds more than 0.8 * limit + k <= limit calls, and the pace holds for
  //    any round trip up to ~250 ms (one call after another at 200 ms would manage 5/s).
  void paced() {
    core::Pacer::quiet(std::chrono::milliseconds(1100));
    const long long wave = std::max(1LL, limit_ / 5);
    const int waves = 6;  // 1.25 s: every one-second window of the phase is at the full pace
    core::Pacer pacer(static_cast<double>(limit_) * 0.8 / static_cast<double>(wave));
    int refused = 0;
    bool have_usual = false;
    std::map<std::string, int> answers;
    Clock::time_point first_sent{}, last_sent{};
    for (int w = 0; w < waves; ++w) {
      pacer.wait();
      for (auto& t :
           c_.call_concurrently(std::vector<json>(static_cast<std::size_t>(wave), params_))) {
        if (!have_usual) usual_ = answer_key(t.outcome), have_usual = true;
        first_sent = first_sent == Clock::time_point{} ? t.sent : std::min(first_sent, t.sent);
        last_sent = std::max(last_sent, t.sent);
        ++answers[answer_key(t.outcome)];
        refused += differs(t.outcome);
      }
    }
    const long long sent = wave * waves;
    const double span_s = std::chrono::duration<double>(last_sent - first_sent).count();
    const double rate = span_s > 0 ? static_cast<double>(sent - wave) / span_s : 0.0;
    c_.observe("paced", {{"calls", sent},
                         {"wave", wave},
                         {"sent_per_second", rate},
                         {"target_per_second", 0.8 * static_cast<double>(limit_)},
                         {"answers", answers}});
    if (rate < 0.5 * static_cast<double>(limit_))
      c_.observe("the paced phase could not reach half the documented rate",
                 "calls went out at " + one_decimal(rate) + "/s (the document allows " +
                     std::to_string(limit_) +
                     "/s): the round trip held the waves back, so the phase shows only that "
                     "calls below the limit are served, not that calls near it are");
    c_.check("served", refused == 0,
             "expected " + std::to_string(sent) + " calls paced at " +
                 std::to_string(limit_ * 4 / 5) + "/s to be served alike (the document allows " +
                 std::to_string(limit_) + "/s); " + std::to_string(refused) +
                 " were refused otherwise than the first (" + json(answers).dump() + ")");
  }

  // 2. A burst of twice the limit, after a full quiet second, all released at once, each call on
  //    its own connection: whatever the round trip, they are in flight together. Right after it
  //    (the budget still spent) a stop names a RUNNING instance arranged beforehand.
  void burst() {
    std::string victim;
    if (c_.target().has_control_plane()) victim = c_.arrange("RUNNING").at(0);
    core::Pacer::quiet(std::chrono::milliseconds(1100));
    burst_ = c_.call_concurrently(std::vector<json>(static_cast<std::size_t>(2 * limit_), params_));
    burst_start_ = std::min_element(burst_.begin(), burst_.end(), [](const auto& a, const auto& b) {
                     return a.sent < b.sent;
                   })->sent;
    const json victim_record = victim.empty() ? json() : stop_after_burst(victim);
    tally(victim_record);
  }

  // A throttled call changes nothing: stopping the RUNNING instance while the budget is spent.
  // Every call of the burst arrived at or after burst_start; the stop arrived by the time it was
  // answered. When that is within a second of burst_start, whatever the burst was admitted is
  // still in the window when the stop arrives.
  json stop_after_burst(const std::string& victim) {
    const auto sent = Clock::now();
    core::Outcome o = c_.call_unpaced(c_.target().id_params(api_, {victim}));
    const auto received = Clock::now();
    const json record = {{"answer", answer_of(o)},
                         {"sent_ms", ms_between(burst_start_, sent)},
                         {"received_ms", ms_between(burst_start_, received)}};
    // Throttled: a documented throttle code, or the code the burst's excess got.
    const bool excess_code = !o.ok && std::any_of(burst_.begin(), burst_.end(), [&](const auto& t) {
      return differs(t.outcome) && !t.outcome.ok && t.outcome.code == o.code;
    });
    if (is_throttle(o) || excess_code) {
      auto after = c_.target().observe(api_, victim);
      c_.require("unchanged", after.has_value(), "expected Describe to list " + victim);
      c_.check("unchanged", after->state == "RUNNING",
               "expected a throttled stop to change nothing; the instance is " + after->wire_state);
    } else {
      // Not a pass: nothing was throttled to judge. Why, the burst's observation says.
      c_.observe(
          "the stop after the burst was not throttled, so whether a throttled stop changes nothing "
          "was not tested",
          record);
    }
    return record;
  }

  // The burst's answers: how many were served, whether they all fell in one window, the code.
  void tally(const json& victim_record) {
    int accepted = 0, throttled = 0;
    std::vector<const core::Outcome*> other;  // refused under load with an undocumented code
    json bins = json::array();                // answers per 100 ms of their arrival back
    Clock::time_point last_sent = burst_start_, end = burst_start_;
    for (const auto& t : burst_) {
      last_sent = std::max(last_sent, t.sent);
      end = std::max(end, t.received);
      const auto bin = ms_between(burst_start_, t.received) / 100;
      while (static_cast<long long>(bins.size()) <= bin)
        bins.push_back({{"accepted", 0}, {"throttled", 0}});
      const char* key = differs(t.outcome) ? "throttled" : "accepted";
      ++(differs(t.outcome) ? throttled : accepted);
      bins[bin][key] = bins[bin][key].get<int>() + 1;
      if (differs(t.outcome) && !is_throttle(t.outcome)) other.push_back(&t.outcome);
    }
    // Each call arrived between its send and its answer, so every one arrived within
    // [first send, last answer]; under a second, all of them fell inside one rate window.
    const long long spread_ms = ms_between(burst_start_, end);
    const long long send_spread_ms = ms_between(burst_start_, last_sent);
    c_.observe("burst", {{"calls", 2 * limit_},
                         {"accepted", accepted},
                         {"throttled", throttled},
                         {"first_send_to_last_send_ms", send_spread_ms},
                         {"first_send_to_last_answer_ms", spread_ms},
                         {"measured_limit_per_second", spread_ms < 1000 ? json(accepted) : json()},
                         {"documented_limit_per_second", limit_},
                         {"bins_100ms", bins},
                         {"stop_after_burst", victim_record}});
    if (spread_ms >= 1000)
      c_.inconclusive("the burst's " + std::to_string(2 * limit_) + " calls were sent over " +
                      std::to_string(send_spread_ms) + " ms and answered " +
                      std::to_string(spread_ms) +
                      " ms after the first was sent: they cannot be shown to have arrived inside "
                      "one second, so twice the limit was not shown to land inside one rate "
                      "window");
    c_.check("throttled", throttled >= 1,
             "expected the excess of " + std::to_string(2 * limit_) + " calls arriving within " +
                 std::to_string(spread_ms) + " ms to be throttled (the document allows " +
                 std::to_string(limit_) + "/s); all were served");
    c_.check("throttled", accepted <= limit_,
             "expected at most " + std::to_string(limit_) + " of " + std::to_string(2 * limit_) +
                 " calls arriving within one second to be served; " + std::to_string(accepted) +
                 " were");
    // The excess carries the documented code: any refusal under load with another code is the
    // sample judged; else the first throttled answer.
    const core::Outcome* sample = other.empty() ? nullptr : other.front();
    for (const auto& t : burst_)
      if (!sample && is_throttle(t.outcome)) sample = &t.outcome;
    if (sample) c_.check("code", is_one_of_documented(*sample, throttle_));
  }

  // 3. After the window, calls are served again: answered as the first paced call was.
  void recovers() {
    core::Outcome after = c_.call_unpaced(params_);
    c_.check("recovers", !differs(after),
             "expected calls to be answered as before the burst (" + usual_ +
                 ") a second after it; got " + after.summary());
  }

  Case& c_;
  const core::Api& api_;
  const long long limit_;
  const std::vector<const core::ErrorEntry*> throttle_;
  const json params_;
  std::string usual_;
  std::vector<target::Target::Timed> burst_;
  Clock::time_point burst_start_{};
};

void honours_the_documented_rate_limit(Case& c) { RateProbe(c).run(); }

// The seed gives the rate ("A maximum of N requests can be initiated per second"): being served
// below it is MUST. That the excess is throttled, with which code, and that service comes back
// are the common tables' (protocols.md): SHOULD.
std::vector<Claim> rate_claims(const core::Catalogue& catalogue, const core::Api& api) {
  std::vector<core::Provenance> throttle;
  for (const auto* e : catalogue.common_errors(api.provider).errors_for("request.throttled"))
    throttle.push_back(e->provenance);
  if (throttle.empty()) throttle.push_back(silent("no throttle code is documented"));
  std::vector<core::Provenance> both = throttle;
  both.push_back(api.rate_limit.provenance);
  return {{"served", "calls at the documented rate are served", {api.rate_limit.provenance}},
          {"throttled", "calls beyond the documented rate are throttled", both},
          {"code", "a throttled call carries the documented throttle code", throttle},
          {"unchanged", "a throttled stop changes nothing", both},
          {"recovers", "calls are served again once the window has passed", both}};
}

}  // namespace

std::vector<Behaviour> rate_limit_behaviours(const core::Catalogue& catalogue) {
  return {{"HonoursTheDocumentedRateLimit", core::Family::RateLimit, documented,
           [&catalogue](const core::Api& api) {
             std::vector<core::Provenance> p = {api.rate_limit.provenance};
             for (const auto* e :
                  catalogue.common_errors(api.provider).errors_for("request.throttled"))
               p.push_back(e->provenance);
             return p;
           },
           honours_the_documented_rate_limit,
           [&catalogue](const core::Api& api) { return rate_claims(catalogue, api); }}};
}

}  // namespace cc::suites
