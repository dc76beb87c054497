// Request authentication as the providers' common error tables describe it: a signature made
// with the wrong key, a request signed just outside the time window (either side) and a
// replayed nonce are refused with the documented common code — and refused calls change
// nothing — while a request signed just inside the window gets the normal answer.
#include <optional>
#include <random>
#include <regex>

#include "suites/behaviours.h"
#include "suites/instance_ids.h"

namespace cc::suites {
namespace {

using nlohmann::json;

std::vector<core::Provenance> common_sources(const core::Catalogue& catalogue, const core::Api& api,
                                             const std::string& trigger) {
  std::vector<core::Provenance> out;
  for (const auto* e : catalogue.common_errors(api.provider).errors_for(trigger))
    out.push_back(e->provenance);
  return out;
}

// Authentication rests on the provider's common tables (protocols.md), for the refusal and its
// code.
std::function<std::vector<Claim>(const core::Api&)> common_claims(const core::Catalogue& catalogue,
                                                                  const std::string& trigger,
                                                                  const std::string& what,
                                                                  bool unchanged) {
  return [&catalogue, trigger, what, unchanged](const core::Api& api) {
    return refusal_claims(what, common_sources(catalogue, api, trigger),
                          catalogue.common_errors(api.provider).errors_for(trigger), unchanged);
  };
}

core::Outcome reference_answer(Case& c, const nlohmann::json& params);

void rejects_a_wrong_signature(Case& c) {
  const core::Api& api = c.api();
  // A refusal proves something only if the rightly signed call is not refused too (wrong
  // credentials in the profile, a skewed clock): then the case is inconclusive.
  reference_answer(c, c.target().id_params(api, {nonexistent_id(api)}));
  const std::string id = c.arrange("RUNNING").at(0);
  const auto before = c.snapshot({id});
  core::Credentials wrong = c.target().account(api.provider).credentials;
  wrong.secret = "not-the-secret-key-of-" + wrong.id;  // same id, wrong key
  core::Outcome o = c.call_as(c.target().id_params(api, {id}), {wrong, 0, std::nullopt});
  c.expect_refused(o, c.catalogue().common_errors(api.provider).errors_for("auth.signature"),
                   "a request signed with the wrong key");
  c.expect_unchanged(before, "the call with a wrong signature");
}

// --- The signature time window, at its edges ------------------------------------------------
//
// The window is read from the catalogue's `auth.expired` rows (protocols.md A6: "Timestamp vs
// server time > 5 minutes"; B6: "differ by more than 15 minutes"). "Differ by" reads both ways,
// so the window is checked in the past and in the future. The edges are probed one tolerance
// away on either side: the tolerance absorbs the difference between the harness's clock and the
// target's and the time a request spends in flight, so a target whose window is the documented
// one passes on a real network, and one whose window is a minute off either way is still caught.
constexpr std::int64_t kWindowToleranceSeconds = 60;

// The documented window in seconds: the "<N> minutes" of the auth.expired rows' passages (or
// conditions); nullopt when no row states one. Several rows: the narrowest and the widest.
struct Window {
  std::int64_t narrowest, widest;
};
std::optional<Window> documented_window(const core::Catalogue& catalogue, const core::Api& api) {
  static const std::regex minutes(R"((\d+)\s*minutes?)");
  std::optional<Window> out;
  for (const auto* e : catalogue.common_errors(api.provider).errors_for("auth.expired")) {
    std::smatch m;
    if (!std::regex_search(e->provenance.passage, m, minutes) &&
        !std::regex_search(e->condition, m, minutes))
      continue;
    const std::int64_t s = std::stoll(m[1].str()) * 60;
    out = out ? Window{std::min(out->narrowest, s), std::max(out->widest, s)} : Window{s, s};
  }
  // Inside the window by a tolerance must still be inside it.
  if (out && out->narrowest <= 2 * kWindowToleranceSeconds) return std::nullopt;
  return out;
}

// How far from now a request is signed: `ahead` for the future, `inside` for the near side of
// the edge.
std::int64_t edge_offset(const Window& w, bool inside, bool ahead) {
  const std::int64_t magnitude =
      inside ? w.narrowest - kWindowToleranceSeconds : w.widest + kWindowToleranceSeconds;
  return ahead ? magnitude : -magnitude;
}

std::string signed_when(std::int64_t offset) {
  const std::int64_t s = offset < 0 ? -offset : offset;
  std::string when =
      std::to_string(s / 60) + " min" + (s % 60 ? " " + std::to_string(s % 60) + " s" : "");
  return offset < 0 ? "signed " + when + " in the past" : "signed " + when + " in the future";
}

std::string window_words(const Window& w) {
  return std::to_string(w.widest / 60) + "-minute window";
}

// An answer that says the request did not authenticate (any common `auth.*` code).
bool auth_refusal(const core::Catalogue& catalogue, const core::Api& api, const core::Outcome& o) {
  if (o.ok) return false;
  for (const auto& e : catalogue.common_errors(api.provider).errors)
    if (e.trigger.rfind("auth.", 0) == 0 && e.code == o.code) return true;
  return false;
}

// Whether two answers are the same answer: both accepted, or both refused with one code.
bool same_answer(const core::Outcome& a, const core::Outcome& b) {
  return a.ok == b.ok && (a.ok || a.code == b.code);
}

// A call signed at `offset` names `params`; the same call signed now first, as the answer it
// must get. Inconclusive when the call signed now does not pass authentication itself.
core::Outcome reference_answer(Case& c, const nlohmann::json& params) {
  core::Outcome now = c.call(params);
  if (auth_refusal(c.catalogue(), c.api(), now))
    c.inconclusive("the same call signed now was itself refused as unauthenticated (" +
                   now.summary() +
                   "), so the window cannot be told apart from the credentials or the clocks");
  return now;
}

void rejects_just_outside_the_window(Case& c, bool ahead) {
  const core::Api& api = c.api();
  const Window w = *documented_window(c.catalogue(), api);
  const std::int64_t offset = edge_offset(w, false, ahead);
  reference_answer(c, c.target().id_params(api, {nonexistent_id(api)}));
  const std::string id = c.arrange("RUNNING").at(0);
  const auto before = c.snapshot({id});
  const core::Outcome o =
      c.call_as(c.target().id_params(api, {id}), {std::nullopt, offset, std::nullopt});
  const std::string what =
      "a request " + signed_when(offset) + " (outside the documented " + window_words(w) + ")";
  c.expect_refused(o, c.catalogue().common_errors(api.provider).errors_for("auth.expired"), what);
  c.expect_unchanged(before, what);
}

void accepts_just_inside_the_window(Case& c, bool ahead) {
  const core::Api& api = c.api();
  const Window w = *documented_window(c.catalogue(), api);
  const std::int64_t offset = edge_offset(w, true, ahead);
  // A made-up id: the answer is the normal one (that no such instance exists), on any account.
  const nlohmann::json params = c.target().id_params(api, {nonexistent_id(api)});
  const core::Outcome now = reference_answer(c, params);
  const core::Outcome o = c.call_as(params, {std::nullopt, offset, std::nullopt});
  c.check("answered", same_answer(o, now),
          "expected a request " + signed_when(offset) + " (inside the documented " +
              window_words(w) + ") to get the answer the same call signed now got (" +
              now.summary() + "); got " + o.summary());
}

// --- Alibaba's SignatureNonce replay guard ----------------------------------------------------

// 32 hex digits, like the SDKs' nonces (and usable by any scheme that derives a number from one).
std::string fresh_nonce() {
  // No shared generator: the device's entropy, 32 bits at a time, is enough for one nonce a case.
  std::random_device device;
  constexpr const char* kHex = "0123456789abcdef";
  std::string out;
  while (out.size() < 32)
    for (unsigned bits = device(), i = 0; i < 8; ++i, bits >>= 4) out += kHex[bits & 0xf];
  return out;
}

void rejects_a_replayed_nonce(Case& c) {
  const core::Api& api = c.api();
  const auto documented = c.catalogue().common_errors(api.provider).errors_for("auth.nonce_used");
  const std::string id = c.arrange("RUNNING").at(0);
  const std::string nonce = fresh_nonce();
  // First use of the nonce: a made-up id, answered as that call with any fresh nonce is.
  const nlohmann::json first_params = c.target().id_params(api, {nonexistent_id(api)});
  const core::Outcome fresh = reference_answer(c, first_params);
  const core::Outcome first = c.call_as(first_params, {std::nullopt, 0, nonce});
  c.check("first", same_answer(first, fresh),
          "expected the first request with nonce " + nonce +
              " to get the answer the same call with another fresh nonce got (" + fresh.summary() +
              "); got " + first.summary());
  // Second use: a stop of a RUNNING instance that would change it, were it accepted.
  const auto before = c.snapshot({id});
  const core::Outcome second = c.call_as(c.target().id_params(api, {id}), {std::nullopt, 0, nonce});
  const std::string what = "a second request with the nonce " + nonce + " already used";
  c.expect_refused(second, documented, what);
  c.expect_unchanged(before, what);
}

}  // namespace

std::vector<Behaviour> authentication_behaviours(const core::Catalogue& catalogue) {
  auto always = [](const core::Api&) { return true; };
  auto has_window = [&catalogue](const core::Api& api) {
    return documented_window(catalogue, api).has_value();
  };
  // Outside the window: refused with the documented code, nothing changed. Inside: the answer the
  // same call signed now gets. Both rest on the auth.expired rows, where the window is stated.
  auto window_claims = [&catalogue](bool inside, bool ahead) {
    return [&catalogue, inside, ahead](const core::Api& api) -> std::vector<Claim> {
      const auto rule = common_sources(catalogue, api, "auth.expired");
      const auto w = documented_window(catalogue, api);
      const std::string what =
          "a request " + (w ? signed_when(edge_offset(*w, inside, ahead)) : std::string("signed")) +
          (inside ? " (inside" : " (outside") + " the documented " +
          (w ? window_words(*w) : std::string("window")) + ")";
      if (inside)
        return {{"answered", what + " gets the answer the same call signed now gets", rule}};
      return refusal_claims(what, rule,
                            catalogue.common_errors(api.provider).errors_for("auth.expired"), true);
    };
  };
  return {
      {"RejectsAWrongSignature", core::Family::Protocol, always,
       [&catalogue](const core::Api& api) {
         return common_sources(catalogue, api, "auth.signature");
       },
       rejects_a_wrong_signature,
       common_claims(catalogue, "auth.signature", "a request signed with the wrong key", true)},
      {"RejectsATimestampJustOutsideTheWindow", core::Family::Protocol, has_window,
       [&catalogue](const core::Api& api) {
         return common_sources(catalogue, api, "auth.expired");
       },
       [](Case& c) { rejects_just_outside_the_window(c, false); }, window_claims(false, false)},
      {"RejectsAFutureTimestampJustOutsideTheWindow", core::Family::Protocol, has_window,
       [&catalogue](const core::Api& api) {
         return common_sources(catalogue, api, "auth.expired");
       },
       [](Case& c) { rejects_just_outside_the_window(c, true); }, window_claims(false, true)},
      {"AcceptsATimestampJustInsideTheWindow", core::Family::Protocol, has_window,
       [&catalogue](const core::Api& api) {
         return common_sources(catalogue, api, "auth.expired");
       },
       [](Case& c) { accepts_just_inside_the_window(c, false); }, window_claims(true, false)},
      {"AcceptsAFutureTimestampJustInsideTheWindow", core::Family::Protocol, has_window,
       [&catalogue](const core::Api& api) {
         return common_sources(catalogue, api, "auth.expired");
       },
       [](Case& c) { accepts_just_inside_the_window(c, true); }, window_claims(true, true)},
      // Only where the provider's common errors document a replay refusal (Alibaba's
      // SignatureNonceUsed; Tencent documents none for its v1 Nonce, protocols.md A6).
      {"RejectsAReplayedSignatureNonce", core::Family::Protocol,
       [&catalogue](const core::Api& api) {
         return !catalogue.common_errors(api.provider).errors_for("auth.nonce_used").empty();
       },
       [&catalogue](const core::Api& api) {
         return common_sources(catalogue, api, "auth.nonce_used");
       },
       rejects_a_replayed_nonce,
       [&catalogue](const core::Api& api) {
         const auto rule = common_sources(catalogue, api, "auth.nonce_used");
         auto claims = refusal_claims(
             "a second request with a nonce already used", rule,
             catalogue.common_errors(api.provider).errors_for("auth.nonce_used"), true);
         claims.insert(
             claims.begin(),
             Claim{"first", "the first request with a nonce is answered as any fresh request",
                   rule});
         return claims;
       }},
  };
}

}  // namespace cc::suites
