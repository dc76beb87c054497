// Emulator::verify is handle()'s verifier alone (the signing fuzz target's entry point): for any
// request, signed as the harness signs it in every scheme and style or changed a byte at a time
// after, it answers the refusal handle() answers before dispatching, and empty exactly when
// handle() dispatches — seen as the fault every API is given here, which the behaviour answers
// first. And it changes nothing: no request id, nonce or request log entry.
#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <vector>

#include "emulator/emulator.h"
#include "harness/alibaba/client.h"
#include "harness/core/catalogue.h"
#include "harness/tencent/client.h"
#include "tests/fuzz/signed_request.h"

namespace cc::test {
namespace {

using emu::HttpRequestIn;
using nlohmann::json;

constexpr std::int64_t kNow = 1796188310;
// A common code of both providers that no front end answers: a dispatched request's answer.
constexpr const char* kDispatched = "ServiceUnavailable";

const core::Catalogue& catalogue() {
  static const core::Catalogue c =
      core::load_catalogue(std::string(CLOUDCONFORM_FIXTURES_DIR) + "/apis");
  return c;
}

emu::EmulatorOptions options(std::vector<std::string> deviations = {}) {
  emu::EmulatorOptions o;
  o.transition_time = std::chrono::milliseconds(0);
  o.rate_limits = false;
  o.seed = 3;
  o.steady_clock = [] { return std::chrono::steady_clock::time_point(); };
  o.wall_clock = [] { return kNow; };
  o.deviations = std::move(deviations);
  return o;
}

// Back to new, with every API answering kDispatched once the behaviour is reached.
void start_over(emu::Emulator& e) {
  e.start_over();
  for (const auto& api : catalogue().apis) {
    HttpRequestIn fault{"POST", "/_cloudconform/v1/faults", {}, ""};
    fault.body = json{{"api", api.id}, {"code", kDispatched}, {"count", 1000}}.dump();
    ASSERT_EQ(e.handle(fault).status, 201) << api.id;
  }
}

struct Choice {
  const char* provider;
  const char* style;
  const char* scheme;
};
constexpr Choice kChoices[] = {
    {"tencent", "POST-JSON", "TC3-HMAC-SHA256"},  {"tencent", "GET-QUERY", "TC3-HMAC-SHA256"},
    {"tencent", "GET-QUERY", "HmacSHA1"},         {"tencent", "POST-FORM", "HmacSHA256"},
    {"alibaba", "GET-QUERY", "ACS3-HMAC-SHA256"}, {"alibaba", "POST-FORM", "ACS3-HMAC-SHA256"},
    {"alibaba", "GET-QUERY", "V2-HMAC-SHA1"},     {"alibaba", "POST-FORM", "V2-HMAC-SHA1"}};

HttpRequestIn signed_request(const core::Api& api, const Choice& c, int nonce_seed) {
  core::CallContext context;
  context.now = [] { return kNow; };
  context.nonce = [nonce_seed] {
    return "5d41402abc4b2a76b9719d911017c" + std::to_string(nonce_seed);
  };
  const core::Credentials key = emu::default_account().keys.at(c.provider);
  const std::string region = c.provider == std::string("tencent") ? "ap-guangzhou" : "cn-hangzhou";
  auto endpoint = [](const core::Api& a) {
    return core::Endpoint{fuzz::kSignedEndpoint, a.hosts.front()};
  };
  const json params = {{"DryRun", false}};  // a parameter every front end lets through
  const core::HttpRequest sent = c.provider == std::string("tencent")
                                     ? tencent::Client({key, region, endpoint, {}}, context)
                                           .build(api, params, {c.style, c.scheme})
                                     : alibaba::Client({key, region, endpoint, {}}, context)
                                           .build(api, params, {c.style, c.scheme});
  return fuzz::as_received(sent, api.hosts.front());
}

// Every signed request of the catalogue: each API in each of its provider's choices.
std::vector<HttpRequestIn> signed_requests() {
  std::vector<HttpRequestIn> out;
  int n = 0;
  for (const auto& api : catalogue().apis)
    for (const Choice& c : kChoices)
      if (api.provider == c.provider) out.push_back(signed_request(api, c, ++n));
  return out;
}

// The request with its `at`-th byte (of target, header values, body, in that order) changed to
// the next one of its kind; false when it has fewer bytes.
bool change_byte(HttpRequestIn& req, std::size_t at) {
  std::vector<std::string*> parts = {&req.target};
  for (auto& h : req.headers) parts.push_back(&h.second);
  parts.push_back(&req.body);
  for (std::string* p : parts) {
    if (at >= p->size()) {
      at -= p->size();
      continue;
    }
    char& c = (*p)[at];
    c = c == '9' ? '0' : c == 'z' ? 'a' : c == 'Z' ? 'A' : static_cast<char>(c + 1);
    return true;
  }
  return false;
}

// What handle() answers on an emulator as new, against what verify() says on another.
void expect_agreement(emu::Emulator& verifier, emu::Emulator& handler, const HttpRequestIn& req,
                      const std::string& what) {
  const std::string verdict = verifier.verify(req);
  start_over(handler);
  const std::string answered = handler.handle(req).note_code;
  EXPECT_EQ(answered, verdict.empty() ? std::string(kDispatched) : verdict)
      << what << ": " << req.method << " " << req.target << " " << req.body;
}

TEST(Verify, AcceptsWhatTheHarnessSignsInEveryScheme) {
  emu::Emulator verifier(catalogue(), options()), handler(catalogue(), options());
  start_over(verifier);
  for (const HttpRequestIn& req : signed_requests()) {
    EXPECT_EQ(verifier.verify(req), "") << req.method << " " << req.target;
    expect_agreement(verifier, handler, req, "as signed");
  }
}

TEST(Verify, AgreesWithHandleOnRequestsChangedOneByteAtATime) {
  emu::Emulator verifier(catalogue(), options()), handler(catalogue(), options());
  start_over(verifier);
  int refused = 0, accepted = 0;
  for (const HttpRequestIn& original : signed_requests())
    for (std::size_t at = 0;; at += 5) {  // every fifth byte: bad signatures, keys, dates, names
      HttpRequestIn req = original;
      if (!change_byte(req, at)) break;
      (verifier.verify(req).empty() ? accepted : refused) += 1;
      expect_agreement(verifier, handler, req, "byte " + std::to_string(at) + " changed");
    }
  // Both kinds are compared: refusals, and changes no scheme signs (a header, a user agent).
  EXPECT_GT(refused, 500);
  EXPECT_GT(accepted, 50);
}

TEST(Verify, AgreesWithHandleOnMethodsAndMissingParts) {
  emu::Emulator verifier(catalogue(), options()), handler(catalogue(), options());
  start_over(verifier);
  for (const HttpRequestIn& original : signed_requests()) {
    HttpRequestIn put = original;
    put.method = "PUT";
    expect_agreement(verifier, handler, put, "PUT");
    for (std::size_t i = 0; i < original.headers.size(); ++i) {
      HttpRequestIn without = original;
      without.headers.erase(without.headers.begin() + static_cast<long>(i));
      expect_agreement(verifier, handler, without, "without " + original.headers[i].first);
    }
  }
}

TEST(Verify, SeesTheFrontEndsDeviations) {
  emu::Emulator verifier(catalogue(), options({"accepts-bad-signature"}));
  HttpRequestIn req = signed_request(*catalogue().find("TencentCvmStopInstances"), kChoices[0], 1);
  for (auto& [name, value] : req.headers)
    if (name == "Authorization") value.back() = value.back() == '0' ? '1' : '0';
  EXPECT_EQ(verifier.verify(req), "");
  EXPECT_EQ(emu::Emulator(catalogue(), options()).verify(req), "AuthFailure.SignatureFailure");
}

TEST(Verify, ChangesNothing) {
  emu::Emulator verified(catalogue(), options()), fresh(catalogue(), options());
  start_over(verified);
  start_over(fresh);
  // An Alibaba nonce is checked, not remembered: verified twice, the request is still served.
  const HttpRequestIn req =
      signed_request(*catalogue().find("AlibabaEcsStopInstances"), kChoices[6], 1);
  EXPECT_EQ(verified.verify(req), "");
  EXPECT_EQ(verified.verify(req), "");
  // Nor is a request id drawn: the answer is byte for byte a new emulator's.
  const emu::HttpResponseOut served = verified.handle(req);
  EXPECT_EQ(served.body, fresh.handle(req).body);
  EXPECT_EQ(served.note_code, kDispatched);
  // Once served, the nonce is used: verify says what handle answers now.
  EXPECT_EQ(verified.verify(req), "SignatureNonceUsed");
  EXPECT_EQ(verified.handle(req).note_code, "SignatureNonceUsed");
  // The request log has the two requests served, none verified.
  HttpRequestIn log{"GET", "/_cloudconform/v1/requests", {}, ""};
  EXPECT_EQ(json::parse(verified.handle(log).body)["requests"].size(), 2u);
  EXPECT_EQ(verified.verify(log), "");  // the control plane is not a cloud API: nothing to refuse
}

}  // namespace
}  // namespace cc::test
