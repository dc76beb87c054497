#include "suites/case.h"

#include "reports/failure.h"

#include <algorithm>
#include <chrono>

namespace cc::suites {

void Case::observe(const std::string& what, const nlohmann::json& value) {
  record().observations.push_back({{"what", what}, {"value", value}});
}

core::Outcome Case::call(const nlohmann::json& params, const core::CallStyle& style) {
  return call(api_, params, style);
}

const Claim& Case::claim(const std::string& key) const {
  for (const auto& c : claims_)
    if (c.key == key) return c;
  throw std::logic_error("the case checks a claim it did not declare: \"" + key + "\"");
}

bool Case::check(const std::string& key, bool held, const std::string& message) {
  const Claim& c = claim(key);
  nlohmann::json rests_on = nlohmann::json::array();
  for (const auto& p : c.rests_on) rests_on.push_back(p.to_json());
  record().assertions.push_back({{"claim", c.key},
                                 {"what", c.what},
                                 {"level", to_string(c.level())},
                                 {"source", c.source()},
                                 {"passed", held},
                                 {"message", held ? "" : message},
                                 {"rests_on", rests_on}});
  return held;
}

void Case::require(const std::string& key, bool held, const std::string& message) {
  if (!check(key, held, message)) throw CaseEnded{};
}

void Case::expect_refused(const core::Outcome& o,
                          const std::vector<const core::ErrorEntry*>& documented,
                          const std::string& what) {
  if (!check("refused", !o.ok,
             "expected " + what + " to be refused; the call was accepted (" + o.summary() + ")"))
    return;
  if (documented.empty()) return;  // no code to hold it to: the answer is an observation
  if (check("code", has_documented_code(o, documented)))
    check("status", has_documented_status(o, documented));
}

void Case::inconclusive(const std::string& why) {
  record().inconclusive = why;
  throw CaseEnded{};
}

// A JSON answer that breaks the documented envelope is still an answer: it fails the claim it
// breaks, in the case that received it, and the case goes on judging what it can.
void Case::record_breaks(const core::Api& api, const core::Outcome& o) {
  for (const auto& b : o.protocol_breaks) {
    const bool rid = b.part == core::ProtocolBreak::Part::RequestId;
    check(rid ? "request_id" : "envelope", false, api.id + ": " + b.message);
  }
}

core::Outcome Case::checked(const core::Api& api, core::Outcome o) {
  if (o.harness_error()) throw target::harness_error_of(api.id, o);
  record().answers.push_back(
      {{"api", api.id}, {"ok", o.ok}, {"code", o.code}, {"http_status", o.http_status}});
  record_breaks(api, o);
  return o;
}

core::Outcome Case::call(const core::Api& api, const nlohmann::json& params,
                         const core::CallStyle& style) {
  return checked(api, ctx_.target.call(api, params, style));
}

core::Outcome Case::call_unpaced(const nlohmann::json& params) {
  return checked(api_, ctx_.target.call_unpaced(api_, params));
}

core::Outcome Case::call_as(const nlohmann::json& params, const target::CallVariant& variant) {
  return checked(api_, ctx_.target.call_as(api_, params, variant));
}

std::pair<target::Target::Timed, target::Target::Timed> Case::call_together(
    const nlohmann::json& a, const nlohmann::json& b) {
  auto both = ctx_.target.call_concurrently(api_, {a, b}, true);
  return {{checked(api_, std::move(both[0].outcome)), both[0].sent, both[0].received},
          {checked(api_, std::move(both[1].outcome)), both[1].sent, both[1].received}};
}

std::vector<target::Target::Timed> Case::call_concurrently(
    const std::vector<nlohmann::json>& params) {
  auto out = ctx_.target.call_concurrently(api_, params);
  for (auto& t : out) t.outcome = checked(api_, std::move(t.outcome));
  return out;
}

std::vector<std::string> Case::arrange(const std::string& state,
                                       const std::vector<std::string>& attributes, int count) {
  target::Arrangement a = ctx_.target.arrange(api_, state, attributes, count, arranged_);
  if (!a.not_supported.empty()) throw NotSupported(a.not_supported);
  arranged_.insert(a.ids.begin(), a.ids.end());
  return a.ids;
}

Case::Snapshot Case::snapshot(const std::vector<std::string>& ids) {
  Snapshot s;
  for (const auto& id : ids) {
    auto i = ctx_.target.observe(api_, id);
    // Without a "before" there is nothing to compare: the side-effect claim cannot be judged.
    if (!i)
      inconclusive("Describe does not list " + id +
                   " before the call, so its side effects cannot be read");
    s.instances.push_back(*i);
  }
  return s;
}

void Case::expect_unchanged(const Snapshot& before, const std::string& call) {
  // Behaviours that declare the side-effect claim grade it on its own sources.
  const bool own = std::any_of(claims_.begin(), claims_.end(),
                               [](const Claim& c) { return c.key == "unchanged"; });
  const std::string key = own ? "unchanged" : "behaviour";
  for (const auto& was : before.instances) {
    auto now = ctx_.target.observe(api_, was.id);
    if (!now) {
      check(key, false, "side effect of " + call + ": " + was.id + " is no longer listed");
      continue;
    }
    check(key, now->state == was.state,
          "side effect of " + call + ": " + was.id + " was " + was.wire_state + " and is now " +
              now->wire_state + "; a call that must change nothing changed it");
  }
}

namespace {

class CaseTest : public ::testing::Test {
 public:
  CaseTest(SuiteContext& ctx, const core::Api& api, std::size_t index, std::vector<Claim> claims,
           std::function<void(Case&)> body)
      : ctx_(ctx), api_(api), index_(index), claims_(std::move(claims)), body_(std::move(body)) {}

  void TestBody() override {
    Case c(ctx_, api_, index_, claims_);
    core::CaseRecord& rec = c.record();
    if (!ctx_.unreachable.empty()) {
      rec.harness_error = "the target could not be reached before the first case (" +
                          ctx_.unreachable + "); this case was not run";
      return;
    }
    if (ctx_.unresponsive_after && ctx_.timed_out_in_a_row >= ctx_.unresponsive_after) {
      rec.harness_error = "target unresponsive: the last " +
                          std::to_string(ctx_.timed_out_in_a_row) +
                          " cases each ended in a timeout (the last: " + ctx_.last_timeout +
                          "); this case was not run";
      return;
    }
    ctx_.target.set_transcript(&rec.transcript);
    const auto start = std::chrono::steady_clock::now();
    const std::size_t throttled_before = ctx_.target.throttled_retries();
    ctx_.target.set_deadline(start + ctx_.case_timeout,
                             "case timed out: its deadline of " +
                                 std::to_string(ctx_.case_timeout.count()) +
                                 " ms (--case-timeout-ms) passed; no further call was sent");
    bool timed_out = false;
    const std::string not_supported = run_body(c, timed_out);
    ctx_.target.set_deadline(std::nullopt);
    if (timed_out) {
      ++ctx_.timed_out_in_a_row;
      ctx_.last_timeout = rec.harness_error;
    } else if (not_supported.empty()) {
      ctx_.timed_out_in_a_row = 0;  // the target answered this case
    }
    ctx_.target.set_transcript(nullptr);
    if (const std::size_t n = ctx_.target.throttled_retries() - throttled_before)
      c.observe("calls throttled although paced under the documented rate, and sent again", n);
    rec.duration_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (!not_supported.empty()) GTEST_SKIP() << not_supported;
  }

 private:
  // Runs the body; returns why the case is not supported on this target, or "". `timed_out`:
  // it ended because the target did not answer in time or its deadline passed.
  std::string run_body(Case& c, bool& timed_out) {
    core::CaseRecord& rec = c.record();
    try {
      body_(c);
    } catch (const CaseEnded&) {
    } catch (const NotSupported& e) {
      return e.what();
    } catch (const target::HarnessError& e) {
      // A read-only run: the case needs --allow-mutations.
      if (e.kind() == target::HarnessError::Kind::ReadOnly) return e.what();
      rec.harness_error = e.what();
      timed_out = e.kind() == target::HarnessError::Kind::TimedOut;
    } catch (const std::exception& e) {
      // A case body that broke on what the target answered (a JSON type error…) judged nothing.
      rec.harness_error = std::string("the case broke on the target's answer: ") + e.what();
    }
    adopt_googletest_failures(c);
    return "";
  }

  // Property cases judge inside RapidCheck and report through GoogleTest: each failure becomes
  // an assertion on the case's "behaviour" claim.
  void adopt_googletest_failures(Case& c) {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    if (!info || !c.record().harness_error.empty() || !c.record().inconclusive.empty()) return;
    const bool declared = std::any_of(claims_.begin(), claims_.end(),
                                      [](const Claim& k) { return k.key == "behaviour"; });
    const ::testing::TestResult& r = *info->result();
    bool failed = false;
    for (int i = 0; i < r.total_part_count(); ++i) {
      const auto& part = r.GetTestPartResult(i);
      if (!part.failed()) continue;
      failed = true;
      if (declared)
        c.check("behaviour", false,
                reports::readable_message(part.message() ? part.message() : ""));
      else
        c.record().harness_error = "the case failed outside its claims: " +
                                   reports::readable_message(part.message() ? part.message() : "");
    }
    // A body judged by GoogleTest (a property) that ran to its end without a failure held.
    const auto& made = c.record().assertions;
    const bool judged = std::any_of(made.begin(), made.end(), [](const auto& a) {
      return a.value("claim", "") == "behaviour";
    });
    if (declared && !failed && !judged) c.check("behaviour", true, "");
  }

  SuiteContext& ctx_;
  const core::Api& api_;
  std::size_t index_;
  std::vector<Claim> claims_;
  std::function<void(Case&)> body_;
};

}  // namespace

std::vector<Claim> claims_of(const core::Catalogue& catalogue, const Behaviour& b,
                             const core::Api& api) {
  std::vector<Claim> out;
  if (b.claims)
    out = b.claims(api);
  else
    out.push_back({"behaviour", "the behaviour holds", b.provenance(api)});
  out.push_back(
      {"envelope",
       "every error answer is in the provider's documented envelope and status convention",
       {catalogue.common_errors(api.provider).envelope.provenance}});
  out.push_back({"request_id", "every answer carries a RequestId", {api.response.provenance}});
  return out;
}

std::vector<Claim> refusal_claims(const std::string& what,
                                  const std::vector<core::Provenance>& rule,
                                  const std::vector<const core::ErrorEntry*>& documented,
                                  bool unchanged) {
  std::vector<core::Provenance> codes;
  for (const auto* e : documented) codes.push_back(e->provenance);
  if (codes.empty()) codes.push_back(silent("the documents list no code for " + what));
  const std::vector<core::Provenance> statuses =
      documented.empty() ? codes : status_provenance(documented);
  std::vector<Claim> out = {{"refused", what + " is refused", rule},
                            {"code", "the refusal carries a documented code", codes},
                            {"status", "the code comes with its documented HTTP status", statuses}};
  // A refusal means the operation was not done — whether the rule says the state is refused or a
  // row gives the refusal's code: the strongest of them carries it (003 infers its accepted
  // states, but its own IncorrectInstanceStatus row is a refusal all the same).
  if (unchanged) {
    std::vector<core::Provenance> all = rule;
    if (!documented.empty()) all.insert(all.end(), codes.begin(), codes.end());
    const auto strongest =
        std::max_element(all.begin(), all.end(),
                         [](const auto& a, const auto& b) { return level_of(a) < level_of(b); });
    out.push_back({"unchanged", "the refused call changes no instance",
                   strongest == all.end() ? rule : std::vector<core::Provenance>{*strongest}});
  }
  return out;
}

Level case_level(const std::vector<Claim>& claims) {
  const auto implicit = [](const Claim& c) { return c.key == "envelope" || c.key == "request_id"; };
  const bool own =
      std::any_of(claims.begin(), claims.end(), [&](const Claim& c) { return !implicit(c); });
  Level out = Level::Observed;
  for (const auto& c : claims)
    if (!own || !implicit(c)) out = std::max(out, c.level());
  return out;
}

void register_behaviours(SuiteContext& ctx, const std::vector<Behaviour>& behaviours) {
  for (const core::Api* api : ctx.catalogue.subjects()) {
    for (const Behaviour& b : behaviours) {
      if (!b.applies(*api)) continue;
      std::vector<Claim> claims = claims_of(ctx.catalogue, b, *api);
      core::CaseRecord rec;
      rec.id = api->id + "." + b.name;
      rec.api = api->id;
      rec.behaviour = b.name;
      rec.family = b.family;
      for (const auto& c : claims)
        for (const auto& p : c.rests_on) rec.provenance.push_back(p);
      rec.level = case_level(claims);
      ctx.run.cases.push_back(std::move(rec));
      const std::size_t index = ctx.run.cases.size() - 1;
      auto body = b.body;
      ::testing::RegisterTest(api->id.c_str(), b.name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                              [&ctx, api, index, claims, body]() -> ::testing::Test* {
                                return new CaseTest(ctx, *api, index, claims, body);
                              });
    }
  }
}

namespace {

std::string expected_codes(const std::vector<const core::ErrorEntry*>& documented) {
  std::string expected;
  for (const auto* e : documented) {
    if (!expected.empty()) expected += " or ";
    expected += e->code + " (HTTP " + std::to_string(e->http_status) + ")";
  }
  return expected;
}

}  // namespace

Judgement has_documented_code(const core::Outcome& o,
                              const std::vector<const core::ErrorEntry*>& documented) {
  if (o.ok)
    return Judgement::failed("expected a refusal with " + expected_codes(documented) +
                             "; the call was accepted (" + o.summary() + ")");
  for (const auto* e : documented)
    if (e->code == o.code) return Judgement::ok();
  return Judgement::failed("expected " + expected_codes(documented) + "; got " + o.summary());
}

Judgement has_documented_status(const core::Outcome& o,
                                const std::vector<const core::ErrorEntry*>& documented) {
  for (const auto* e : documented)
    if (e->code == o.code && e->http_status != o.http_status)
      return Judgement::failed("expected " + o.code + " with HTTP " +
                               std::to_string(e->http_status) + "; it came with HTTP " +
                               std::to_string(o.http_status));
  return Judgement::ok();
}

Judgement is_one_of_documented(const core::Outcome& o,
                               const std::vector<const core::ErrorEntry*>& documented) {
  Judgement code = has_documented_code(o, documented);
  return code.held ? has_documented_status(o, documented) : code;
}

std::vector<core::Provenance> status_provenance(
    const std::vector<const core::ErrorEntry*>& documented) {
  std::vector<core::Provenance> out;
  for (const auto* e : documented) out.push_back(e->http_status_rests_on());
  return out;
}

std::vector<const core::ErrorEntry*> documented_errors(const core::Catalogue& catalogue,
                                                       const core::Api& api,
                                                       const std::vector<std::string>& triggers,
                                                       bool common) {
  std::vector<const core::ErrorEntry*> out;
  for (const auto& t : triggers)
    for (const auto* e : api.errors_for(t)) out.push_back(e);
  if (common)
    for (const auto& t : triggers)
      for (const auto* e : catalogue.common_errors(api.provider).errors_for(t)) out.push_back(e);
  return out;
}

std::vector<core::Provenance> error_provenance(const core::Catalogue& catalogue,
                                               const core::Api& api,
                                               const std::vector<std::string>& triggers,
                                               bool common) {
  std::vector<core::Provenance> out;
  for (const auto* e : documented_errors(catalogue, api, triggers, common))
    out.push_back(e->provenance);
  if (out.empty()) {
    std::string all;
    for (const auto& t : triggers) all += (all.empty() ? "" : ", ") + t;
    out.push_back(silent("the documents list no code for " + all));
  }
  return out;
}

std::string camel(const std::string& snake) {
  std::string out;
  bool upper = true;
  for (char ch : snake) {
    if (ch == '_' || ch == '-' || ch == '.') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(ch)))
                 : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    upper = false;
  }
  return out;
}

}  // namespace cc::suites
