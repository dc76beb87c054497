// The signing properties. SignedParametersAreAccepted: whatever parameters the harness signs —
// unicode, reserved characters, empty values, long lists — in every request style and signing
// scheme the API documents, the target accepts the signature (it may refuse the parameters,
// never the signature). AChangedByteBreaksTheSignature: one changed character in a signed part
// (the signature itself, or an id among the signed parameters) gets the provider's signature
// error. The ids are never those of instances, so nothing can change.
#include <optional>

#include "harness/core/pacer.h"
#include "suites/properties/bodies.h"
#include "suites/properties/budget.h"
#include "suites/properties/generators.h"
#include "suites/properties/stage.h"

namespace cc::suites::properties {
namespace {

using nlohmann::json;

std::string utf8(char32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

// Text as users send it: letters and digits, the characters URL and form encodings reserve,
// spaces, accented letters, CJK and emoji; empty too.
rc::Gen<std::string> text() {
  static const std::string reserved = " !\"#$%&'()*+,/:;<=>?@[\\]^`{|}~-._";
  auto cp = rc::gen::weightedOneOf<char32_t>({
      {6, rc::gen::elementOf(
              std::u32string(U"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"))},
      {3, rc::gen::map(rc::gen::elementOf(reserved),
                       [](char ch) { return static_cast<char32_t>(ch); })},
      {1, rc::gen::inRange<char32_t>(0xA0, 0x100)},
      {1, rc::gen::inRange<char32_t>(0x4E00, 0xA000)},
      {1, rc::gen::inRange<char32_t>(0x1F600, 0x1F650)},
  });
  return rc::gen::map(rc::gen::resize(20, rc::gen::container<std::vector<char32_t>>(cp)),
                      [](const std::vector<char32_t>& cps) {
                        std::string s;
                        for (char32_t c : cps) s += utf8(c);
                        return s;
                      });
}

rc::Gen<core::CallStyle> call_style(const core::Api& api) {
  return rc::gen::build<core::CallStyle>(
      rc::gen::set(&core::CallStyle::style, rc::gen::elementOf(api.signing_styles)),
      rc::gen::set(&core::CallStyle::scheme, rc::gen::elementOf(api.signing_schemes)));
}

// Random values for the API's parameters: the id list (short, or long) and every other
// documented parameter now and then (a documented value or any text).
json random_params(const core::Api& api) {
  json p = json::object();
  if (api.batch) {
    const int n = *weighted<int>({{5, uniform(0, 4)},
                                  {3, uniform(4, 21)},
                                  {1, uniform(90, static_cast<int>(api.batch->max) + 1)}});
    p[api.batch->parameter] =
        *rc::gen::container<std::vector<std::string>>(static_cast<std::size_t>(n), text());
  } else {
    p[api.id_parameter()] = *text();
  }
  for (const core::Parameter& param : api.parameters) {
    if (p.contains(param.name) || param.name == "RegionId" ||
        !*weighted<bool>({{3, rc::gen::just(false)}, {1, rc::gen::just(true)}}))
      continue;
    if (param.type == "boolean")
      p[param.name] = *rc::gen::arbitrary<bool>();
    else if (param.type == "string" && !param.enum_values.empty() && *rc::gen::arbitrary<bool>())
      p[param.name] = *rc::gen::elementOf(param.enum_values);
    else if (param.type == "string")
      p[param.name] = *text();
  }
  return p;
}

// Without a control plane the target's rate limits stay on: one call at a time, paced under
// the documented limit.
std::optional<core::Pacer> pacer_for(const core::Api& api, const PropertyStage& stage) {
  if (stage.unpaced() || !api.rate_limit.requests_per_second) return std::nullopt;
  return core::Pacer(static_cast<double>(*api.rate_limit.requests_per_second) * 0.8);
}

template <typename MakeStep>
void run_signing(Case& c, const MakeStep& make_step) {
  const core::Api& api = c.api();
  PropertyStage stage(c.target(), std::nullopt);
  PropertyHarness h(c, budget(30, 1.5));
  auto pacer = pacer_for(api, stage);
  h.check(
      [&] {
        const json step = make_step(api);
        if (h.skip_case()) return;
        if (pacer) pacer->wait();
        Scenario s;
        s.api = api.id;
        s.steps.push_back(step);
        ScenarioRunner runner(c.catalogue(), c.target(),
                              h.runner_options(stage.unpaced(), std::chrono::milliseconds(0)));
        const std::optional<StepResult> result = h.run(runner, s);
        if (!result) return;
        const StepResult& r = *result;
        RC_TAG("style " + step.value("style", "") + " " + step.value("scheme", ""),
               "outcome " + r.outcome_class);
        if (!r.agrees) {
          h.failed(s, r);
          RC_FAIL(r.message);
        }
      },
      stage.settings());
}

}  // namespace

void signed_parameters_are_accepted(Case& c) {
  run_signing(c, [](const core::Api& api) {
    const core::CallStyle style = *call_style(api);
    return json{{"do", "signed"},
                {"api", api.id},
                {"params", random_params(api)},
                {"style", style.style},
                {"scheme", style.scheme}};
  });
}

void a_changed_byte_breaks_the_signature(Case& c) {
  run_signing(c, [](const core::Api& api) {
    const core::CallStyle style = *call_style(api);
    // A well-formed id that names nothing: changing one of its characters leaves it well
    // formed, so only the signature can tell.
    const std::string marker = BatchSpace(api).nonexistent_id(*uniform(0, 100000));
    json params = json::object();
    if (api.batch)
      params[api.batch->parameter] = {marker};
    else
      params[api.id_parameter()] = marker;
    return json{{"do", "corrupted"},
                {"api", api.id},
                {"params", params},
                {"style", style.style},
                {"scheme", style.scheme},
                {"part", *rc::gen::elementOf(std::vector<std::string>{"signature", "id"})},
                {"marker", marker},
                {"position", *uniform(0, 64)}};
  });
}

}  // namespace cc::suites::properties
