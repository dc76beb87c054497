#include "suites/case.h"

#include <chrono>

namespace cc::suites {

void Case::observe(const std::string& what, const nlohmann::json& value) {
  record().observations.push_back({{"what", what}, {"value", value}});
}

core::Outcome Case::call(const nlohmann::json& params, const core::CallStyle& style) {
  return call(api_, params, style);
}

core::Outcome Case::call(const core::Api& api, const nlohmann::json& params, const core::CallStyle& style) {
  core::Outcome o = ctx_.target.call(api, params, style);
  if (o.harness_error()) throw target::HarnessError(api.id + ": " + o.transport_error);
  return o;
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
    try {
      body_(c);
    } catch (const target::HarnessError& e) {
      c.record().harness_error = e.what();
      ADD_FAILURE() << "harness error: " << e.what();
    }
    ctx_.target.set_transcript(nullptr);
    c.record().duration_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
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
      rec.level = "MUST";
      for (const auto& p : rec.provenance)
        if (p.source == "silent") rec.level = "OBSERVED";
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

}  // namespace cc::suites
