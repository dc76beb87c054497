#include "suites/case.h"

#include <chrono>

namespace cc::suites {

void Case::observe(const std::string& what, const nlohmann::json& value) {
  record().observations.push_back({{"what", what}, {"value", value}});
}

core::Outcome Case::call(const nlohmann::json& params, const core::CallStyle& style) {
  return call(api_, params, style);
}

namespace {

core::Outcome checked(const core::Api& api, core::Outcome o, core::CaseRecord& rec) {
  if (o.harness_error()) throw target::HarnessError(api.id + ": " + o.transport_error);
  rec.answers.push_back({{"api", api.id}, {"ok", o.ok}, {"code", o.code}, {"http_status", o.http_status}});
  return o;
}

}  // namespace

core::Outcome Case::call(const core::Api& api, const nlohmann::json& params, const core::CallStyle& style) {
  return checked(api, ctx_.target.call(api, params, style), record());
}

core::Outcome Case::call_unpaced(const nlohmann::json& params) {
  return checked(api_, ctx_.target.call_unpaced(api_, params), record());
}

core::Outcome Case::call_as(const nlohmann::json& params, const target::CallVariant& variant) {
  return checked(api_, ctx_.target.call_as(api_, params, variant), record());
}

std::pair<core::Outcome, core::Outcome> Case::call_together(const nlohmann::json& a, const nlohmann::json& b) {
  auto [oa, ob] = ctx_.target.call_together(api_, a, api_, b);
  return {checked(api_, std::move(oa), record()), checked(api_, std::move(ob), record())};
}

std::vector<std::string> Case::arrange(const std::string& state, const std::vector<std::string>& attributes,
                                       int count) {
  target::Arrangement a = ctx_.target.arrange(api_, state, attributes, count, arranged_);
  if (!a.not_supported.empty()) throw NotSupported(a.not_supported);
  arranged_.insert(a.ids.begin(), a.ids.end());
  return a.ids;
}

Case::Snapshot Case::snapshot(const std::vector<std::string>& ids) {
  Snapshot s;
  for (const auto& id : ids)
    if (auto i = ctx_.target.observe(api_, id)) s.instances.push_back(*i);
  return s;
}

void Case::expect_unchanged(const Snapshot& before, const std::string& call) {
  for (const auto& was : before.instances) {
    auto now = ctx_.target.observe(api_, was.id);
    if (!now) {
      ADD_FAILURE() << "side effect of " << call << ": " << was.id << " is no longer listed";
      continue;
    }
    EXPECT_EQ(now->state, was.state) << "side effect of " << call << ": " << was.id << " was " << was.wire_state
                                     << " and is now " << now->wire_state << "; a call that "
                                     << "must change nothing changed it";
  }
}

namespace {

class CaseTest : public ::testing::Test {
 public:
  CaseTest(SuiteContext& ctx, const core::Api& api, std::size_t index, std::function<void(Case&)> body)
      : ctx_(ctx), api_(api), index_(index), body_(std::move(body)) {}

  void TestBody() override {
    Case c(ctx_, api_, index_);
    core::CaseRecord& rec = c.record();
    ctx_.target.set_transcript(&rec.transcript);
    const auto start = std::chrono::steady_clock::now();
    const std::size_t throttled_before = ctx_.target.throttled_retries();
    std::string not_supported;
    if (ctx_.unresponsive_after && ctx_.timed_out_in_a_row >= ctx_.unresponsive_after) {
      rec.harness_error = "target unresponsive: the last " + std::to_string(ctx_.timed_out_in_a_row) +
                          " cases each ended in a timeout (the last: " + ctx_.last_timeout + "); this case was not run";
      ADD_FAILURE() << "harness error: " << rec.harness_error;
      ctx_.target.set_transcript(nullptr);
      return;
    }
    ctx_.target.set_deadline(start + ctx_.case_timeout,
                             "case timed out: its deadline of " + std::to_string(ctx_.case_timeout.count()) +
                                 " ms (--case-timeout-ms) passed; no further call was sent");
    try {
      body_(c);
    } catch (const NotSupported& e) {
      not_supported = e.what();
    } catch (const target::ReadOnlyRefusal& e) {
      not_supported = e.what();  // a read-only run: the case needs --allow-mutations
    } catch (const target::HarnessError& e) {
      c.record().harness_error = e.what();
      ADD_FAILURE() << "harness error: " << e.what();
    } catch (const std::exception& e) {
      // A case body that broke on what the target answered (a JSON type error…) judged nothing.
      c.record().harness_error = std::string("the case broke on the target's answer: ") + e.what();
      ADD_FAILURE() << "harness error: " << c.record().harness_error;
    }
    ctx_.target.set_deadline(std::nullopt);
    if (c.record().harness_error.find("timed out") != std::string::npos) {
      ++ctx_.timed_out_in_a_row;
      ctx_.last_timeout = c.record().harness_error;
    } else if (not_supported.empty()) {
      ctx_.timed_out_in_a_row = 0;  // the target answered this case
    }
    ctx_.target.set_transcript(nullptr);
    if (const std::size_t n = ctx_.target.throttled_retries() - throttled_before)
      c.observe("calls throttled although paced under the documented rate, and sent again", n);
    c.record().duration_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (!not_supported.empty()) GTEST_SKIP() << not_supported;
  }

 private:
  SuiteContext& ctx_;
  const core::Api& api_;
  std::size_t index_;
  std::function<void(Case&)> body_;
};

}  // namespace

void register_behaviours(SuiteContext& ctx, const std::vector<Behaviour>& behaviours) {
  for (const core::Api* api : ctx.catalogue.subjects()) {
    for (const Behaviour& b : behaviours) {
      if (!b.applies(*api)) continue;
      core::CaseRecord rec;
      rec.id = api->id + "." + b.name;
      rec.api = api->id;
      rec.behaviour = b.name;
      rec.family = b.family;
      rec.provenance = b.provenance(*api);
      rec.level = level_of(rec.provenance);
      ctx.run.cases.push_back(std::move(rec));
      const std::size_t index = ctx.run.cases.size() - 1;
      auto body = b.body;
      ::testing::RegisterTest(api->id.c_str(), b.name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                              [&ctx, api, index, body]() -> ::testing::Test* {
                                return new CaseTest(ctx, *api, index, body);
                              });
    }
  }
}

::testing::AssertionResult is_one_of_documented(const core::Outcome& o,
                                                const std::vector<const core::ErrorEntry*>& documented) {
  std::string expected;
  for (const auto* e : documented) {
    if (!expected.empty()) expected += " or ";
    expected += e->code + " (HTTP " + std::to_string(e->http_status) + ")";
  }
  if (o.ok) return ::testing::AssertionFailure() << "the call was accepted (" << o.summary() << "); the document expects " << expected;
  for (const auto* e : documented) {
    if (e->code != o.code) continue;
    if (e->http_status != o.http_status)
      return ::testing::AssertionFailure() << "code " << o.code << " came with HTTP " << o.http_status
                                           << "; the document gives HTTP " << e->http_status;
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "got " << o.summary() << "; the document expects " << expected;
}

std::string level_of(const std::vector<core::Provenance>& provenance) {
  bool seed = false;
  for (const auto& p : provenance) {
    if (p.source == "silent") return "OBSERVED";
    seed = seed || p.source == "seed";
  }
  return seed ? "MUST" : "SHOULD";
}

std::vector<const core::ErrorEntry*> documented_errors(const core::Catalogue& catalogue, const core::Api& api,
                                                       const std::vector<std::string>& triggers, bool common) {
  std::vector<const core::ErrorEntry*> out;
  for (const auto& t : triggers)
    for (const auto* e : api.errors_for(t)) out.push_back(e);
  if (common)
    for (const auto& t : triggers)
      for (const auto* e : catalogue.common_errors(api.provider).errors_for(t)) out.push_back(e);
  return out;
}

std::vector<core::Provenance> error_provenance(const core::Catalogue& catalogue, const core::Api& api,
                                               const std::vector<std::string>& triggers, bool common) {
  std::vector<core::Provenance> out;
  for (const auto* e : documented_errors(catalogue, api, triggers, common)) out.push_back(e->provenance);
  if (out.empty()) {
    std::string all;
    for (const auto& t : triggers) all += (all.empty() ? "" : ", ") + t;
    out.push_back({"silent", "", "", "", "the documents list no code for " + all});
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
