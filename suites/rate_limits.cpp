// Rate limits as a subject, not noise: at the documented rate nothing is throttled; at twice
// the rate the excess gets the provider's throttle code; throttled calls change nothing; and
// calls succeed again once the window has passed. Calls use a well-formed id that names
// nothing, so the only side effect there could be is the throttling itself.
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

void honours_the_documented_rate_limit(Case& c) {
  const core::Api& api = c.api();
  const long long limit = *api.rate_limit.requests_per_second;
  const auto& throttle = c.catalogue().common_errors(api.provider).errors_for("request.throttled");
  auto is_throttle = [&](const core::Outcome& o) {
    return std::any_of(throttle.begin(), throttle.end(), [&](const auto* e) { return e->code == o.code; });
  };
  const json params = c.target().id_params(api, {idle_id(api)});
  auto quiet = [&] { c.target().set_transcript(nullptr); };  // dozens of identical exchanges say nothing
  auto loud = [&] { c.target().set_transcript(&c.record().transcript); };

  // 1. After a quiet second (earlier cases spent some budget), calls at the documented rate
  //    (paced at 80 %: with at most rate + 1 calls in any second, 0.8 * limit + 1 <= limit for
  //    every documented limit of 5/s and more) are never throttled.
  quiet();
  core::Pacer::quiet(std::chrono::milliseconds(1100));
  core::Pacer pacer(static_cast<double>(limit) * 0.8);
  int throttled_at_rate = 0;
  for (long long i = 0; i < limit; ++i) {
    pacer.wait();
    throttled_at_rate += is_throttle(c.call_unpaced(params));
  }
  c.check("served", throttled_at_rate == 0,
          "expected " + std::to_string(limit) + " calls paced at " + std::to_string(limit * 4 / 5) +
              "/s to be served (the document allows " + std::to_string(limit) + "/s); " +
              std::to_string(throttled_at_rate) + " were throttled");

  // 2. A burst of twice the limit, after a full quiet second: the excess is throttled with the
  //    provider's code. Accepted and throttled calls are binned per 100 ms for the report.
  //    A RUNNING instance is arranged now, to be named by a call once the budget is spent.
  std::string victim;
  if (c.target().has_control_plane()) victim = c.arrange("RUNNING").at(0);
  core::Pacer::quiet(std::chrono::milliseconds(1100));
  const auto burst_start = Clock::now();
  int accepted = 0, throttled = 0;
  json bins = json::array();
  core::Outcome sample;
  for (long long i = 0; i < 2 * limit; ++i) {
    core::Outcome o = c.call_unpaced(params);
    const auto bin = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - burst_start).count() / 100;
    while (static_cast<long long>(bins.size()) <= bin) bins.push_back({{"accepted", 0}, {"throttled", 0}});
    if (is_throttle(o)) {
      ++throttled;
      bins[bin]["throttled"] = bins[bin]["throttled"].get<int>() + 1;
      if (sample.code.empty()) sample = o;
    } else {
      ++accepted;
      bins[bin]["accepted"] = bins[bin]["accepted"].get<int>() + 1;
    }
  }
  // A throttled call changes nothing: stopping the RUNNING instance while the budget is spent.
  if (!victim.empty()) {
    core::Outcome o = c.call_unpaced(c.target().id_params(api, {victim}));
    if (is_throttle(o)) {
      auto after = c.target().observe(api, victim);
      c.require("unchanged", after.has_value(), "expected Describe to list " + victim);
      c.check("unchanged", after->state == "RUNNING",
              "expected a throttled stop to change nothing; the instance is " + after->wire_state);
    } else {
      c.observe("the stop after the burst was not throttled", answer_of(o));
    }
  }
  const double burst_ms = std::chrono::duration<double, std::milli>(Clock::now() - burst_start).count();
  c.observe("burst", {{"calls", 2 * limit}, {"accepted", accepted}, {"throttled", throttled},
                      {"duration_ms", burst_ms}, {"measured_limit_per_second", burst_ms < 1000 ? json(accepted) : json()},
                      {"documented_limit_per_second", limit}, {"bins_100ms", bins}});
  if (burst_ms >= 1000) c.inconclusive("the burst took " + std::to_string(static_cast<long>(burst_ms)) +
                                       " ms: twice the limit did not land inside one second");
  c.check("throttled", throttled >= 1,
          "expected the excess of " + std::to_string(2 * limit) + " calls in " + std::to_string(static_cast<long>(burst_ms)) +
              " ms to be throttled (the document allows " + std::to_string(limit) + "/s); all were accepted");
  c.check("throttled", accepted <= limit,
          "expected at most " + std::to_string(limit) + " calls served within one second; " + std::to_string(accepted) +
              " were");
  if (throttled > 0) c.check("code", is_one_of_documented(sample, throttle));

  // 3. After the window, calls are served again.
  core::Pacer::quiet(std::chrono::milliseconds(1100));
  loud();
  core::Outcome after = c.call_unpaced(params);
  c.check("recovers", !is_throttle(after), "expected calls to be served a second after the burst; got " + after.summary());
}

// The seed gives the rate ("A maximum of N requests can be initiated per second"): being served
// below it is MUST. That the excess is throttled, with which code, and that service comes back
// are the common tables' (protocols.md): SHOULD.
std::vector<Claim> rate_claims(const core::Catalogue& catalogue, const core::Api& api) {
  std::vector<core::Provenance> throttle;
  for (const auto* e : catalogue.common_errors(api.provider).errors_for("request.throttled")) throttle.push_back(e->provenance);
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
  return {{"HonoursTheDocumentedRateLimit", "rate_limit", documented,
           [&catalogue](const core::Api& api) {
             std::vector<core::Provenance> p = {api.rate_limit.provenance};
             for (const auto* e : catalogue.common_errors(api.provider).errors_for("request.throttled"))
               p.push_back(e->provenance);
             return p;
           },
           honours_the_documented_rate_limit, [&catalogue](const core::Api& api) { return rate_claims(catalogue, api); }}};
}

}  // namespace cc::suites
