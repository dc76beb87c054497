// Differential fuzz target for signing: the harness signs arbitrary parameters in every scheme
// and request style of both providers (harness/tencent, harness/alibaba: WireClient::build), and
// the emulator's verifier (emulator/*_frontend.cpp) must
//   A. accept the request as signed: no verifier refusal (a bad signature, an unknown key, an
//      expired timestamp, a malformed Authorization, a used nonce);
//   B. refuse it with a one-byte change in a part the scheme signs — a verifier refusal, or one
//      of the refusals that come before the signature can be checked (a missing common
//      parameter, an unknown action or version named by a signed header);
//   C. not take a one-byte change in a header the scheme does not sign for a signature problem.
// What each scheme signs (protocols.md, harness/core/signing): TC3 the query, the body, the
// headers its SignedHeaders names and X-TC-Timestamp; Tencent v1 every parameter and the Host;
// ACS3 the query, the body and the headers its SignedHeaders names; Alibaba V2 every parameter.
// The Authorization's key id and signature are signed parts too: changed, they no longer match.
// A form body's Content-Type is neither: without it the signed parameters cannot be read.
// A change keeps the byte's kind (a digit stays a digit, a letter a letter of the same case)
// and never touches a %XX escape, so the request stays well formed and means something else.
//
// Input: byte 0 picks the API (catalogue order), byte 1 the scheme and style, byte 2 which byte
// changes, byte 3 the property checked (modulo 3: B, C, or A and D); the rest are parameters, one
// "Name=value" a line (names of letters, digits and '_', not those of the protocol's common
// parameters; a value "[...]" that is a JSON array of strings is a list). The clocks and nonces
// are pinned, and the emulator starts over after each input (Emulator::start_over; it is new
// before the first), so a reproducer replays exactly.
//
// The changed requests go to the verifier alone (Emulator::verify: the front end's reading and
// checks, the refusal code handle() would answer, nothing dispatched or remembered); three whole
// Emulator::handle calls per input were the target's largest cost. The request as signed still
// goes through handle (A), and first through verify, which B and C rely on:
//   D. when the verifier alone refuses the request as signed, handle refuses it with that code.
// One property per input, as results_reader runs one command: checking all of them on every
// input made each cost four verifications and a handle (2,300 inputs a second), while an input
// that reaches a new path for one property is kept for that property alone.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/emulator.h"
#include "harness/alibaba/client.h"
#include "harness/core/catalogue.h"
#include "harness/tencent/client.h"
#include "tests/fuzz/signed_request.h"

namespace {

using cc::emu::HttpRequestIn;
using nlohmann::json;

constexpr std::int64_t kNow = 1796188310;  // the signing time, and the emulator's wall clock

const cc::core::Catalogue& catalogue() {
  static const cc::core::Catalogue c =
      cc::core::load_catalogue(std::string(CLOUDCONFORM_FIXTURES_DIR) + "/apis");
  return c;
}

struct Choice {
  const char* provider;
  const char* scheme;
  const char* style;
};
constexpr Choice kChoices[] = {
    {"tencent", "TC3-HMAC-SHA256", "POST-JSON"},  {"tencent", "TC3-HMAC-SHA256", "GET-QUERY"},
    {"tencent", "HmacSHA1", "GET-QUERY"},         {"tencent", "HmacSHA1", "POST-FORM"},
    {"tencent", "HmacSHA256", "GET-QUERY"},       {"tencent", "HmacSHA256", "POST-FORM"},
    {"alibaba", "ACS3-HMAC-SHA256", "GET-QUERY"}, {"alibaba", "ACS3-HMAC-SHA256", "POST-FORM"},
    {"alibaba", "V2-HMAC-SHA1", "GET-QUERY"},     {"alibaba", "V2-HMAC-SHA1", "POST-FORM"}};

// The common parameters each protocol adds itself: a caller's parameter of that name would be
// a second copy, which no signer can make unambiguous.
const std::set<std::string>& reserved() {
  static const std::set<std::string> names = {
      "action",           "version",         "region",   "timestamp",    "nonce",  "secretid",
      "signature",        "signaturemethod", "token",    "language",     "format", "accesskeyid",
      "signatureversion", "signaturenonce",  "regionid", "securitytoken"};
  return names;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Valid UTF-8 (what a JSON parameter file can hold): any other byte becomes '?'.
std::string utf8(std::string_view v) {
  std::string out;
  for (std::size_t i = 0; i < v.size();) {
    const unsigned char c = static_cast<unsigned char>(v[i]);
    const std::size_t n = c < 0x80         ? 1
                          : (c >> 5) == 6  ? 2
                          : (c >> 4) == 14 ? 3
                          : (c >> 3) == 30 ? 4
                                           : 0;
    bool ok = n > 0 && i + n <= v.size() && !(n == 2 && c < 0xc2) && !(n == 4 && c > 0xf4);
    for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(v[i + k]) >> 6) == 2;
    if (ok && n == 3) {
      const unsigned char d = static_cast<unsigned char>(v[i + 1]);
      ok = !(c == 0xe0 && d < 0xa0) && !(c == 0xed && d >= 0xa0);  // no overlong, no surrogate
    }
    if (ok && n == 4) {
      const unsigned char d = static_cast<unsigned char>(v[i + 1]);
      ok = !(c == 0xf0 && d < 0x90) && !(c == 0xf4 && d >= 0x90);
    }
    out += ok ? std::string(v.substr(i, n)) : "?";
    i += ok ? n : 1;
  }
  return out;
}

json parameters(std::string_view text) {
  json params = json::object();
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    const std::size_t eq = line.find('=');
    std::string name;
    for (char c : line.substr(0, eq))
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') name += c;
    if (name.empty() || reserved().count(lower(name))) continue;
    const std::string value = eq == std::string_view::npos ? "" : utf8(line.substr(eq + 1));
    // Only a value whose first non-blank is '[' can be an array: the others skip the parser
    // (7 % of the target's time when every value went through it).
    const std::size_t first = value.find_first_not_of(" \t\r");
    json list = first != std::string::npos && value[first] == '['
                    ? json::parse(value, nullptr, false)
                    : json();
    const bool strings =
        list.is_array() &&
        std::all_of(list.begin(), list.end(), [](const json& v) { return v.is_string(); });
    params[name] = strings ? list : json(value);
  }
  return params;
}

[[noreturn]] void bug(const std::string& what, const HttpRequestIn& req,
                      const std::string& answer) {
  std::fprintf(stderr, "signing: %s\n  request: %s %s\n", what.c_str(), req.method.c_str(),
               req.target.c_str());
  for (const auto& [k, v] : req.headers) std::fprintf(stderr, "  %s: %s\n", k.c_str(), v.c_str());
  std::fprintf(stderr, "  body: %s\n  answer: %s\n", req.body.c_str(), answer.c_str());
  std::abort();
}

// The codes of one provider's refusals, by the triggers of emulator/*_frontend.cpp.
std::set<std::string> codes(const std::string& provider,
                            std::initializer_list<const char*> triggers) {
  std::set<std::string> out;
  for (const char* t : triggers)
    for (const auto* e : catalogue().common_errors(provider).errors_for(t)) out.insert(e->code);
  return out;
}
struct Refusals {
  std::set<std::string> verifier, before_verifier;
};
const Refusals& refusals(const std::string& provider) {
  static std::map<std::string, Refusals> by_provider;
  auto it = by_provider.find(provider);
  if (it == by_provider.end()) {
    Refusals r{codes(provider, {"auth.signature", "auth.secret_not_found", "auth.expired",
                                "auth.malformed", "auth.nonce_used"}),
               codes(provider, {"param.missing", "request.unknown_action",
                                "request.unknown_version", "request.bad_format"})};
    it = by_provider.emplace(provider, std::move(r)).first;
  }
  return it->second;
}

cc::emu::Emulator& emulator() {
  static cc::emu::Emulator e = [] {
    cc::emu::EmulatorOptions o;
    o.transition_time = std::chrono::milliseconds(0);
    o.rate_limits = false;
    o.seed = 1;
    o.steady_clock = [] { return std::chrono::steady_clock::time_point(); };
    o.wall_clock = [] { return kNow; };
    return cc::emu::Emulator(catalogue(), o);
  }();
  return e;
}

// Where a one-byte change goes: a field of the request and the positions in it that may change.
struct Site {
  std::string* text;
  std::vector<std::size_t> at;
};

// Alphanumeric positions of text[begin, end), outside %XX escapes.
std::vector<std::size_t> alnum(const std::string& text, std::size_t begin = 0,
                               std::size_t end = std::string::npos) {
  std::vector<std::size_t> out;
  for (std::size_t i = begin; i < std::min(end, text.size()); ++i) {
    if (text[i] == '%') {
      i += 2;
      continue;
    }
    if (std::isalnum(static_cast<unsigned char>(text[i]))) out.push_back(i);
  }
  return out;
}

// The value of `key=` in an Authorization header, as [begin, end) up to ',' or ' '.
std::vector<std::size_t> auth_value(const std::string& auth, const std::string& key) {
  const std::size_t at = auth.find(key + "=");
  if (at == std::string::npos) return {};
  const std::size_t begin = at + key.size() + 1;
  return alnum(auth, begin, auth.find_first_of(", ", begin));
}

std::set<std::string> signed_header_names(const HttpRequestIn& req) {
  const std::string auth = req.header("Authorization");
  std::set<std::string> names;
  const std::size_t at = auth.find("SignedHeaders=");
  if (at == std::string::npos) return names;
  std::string list = auth.substr(at + 14, auth.find_first_of(", ", at + 14) - at - 14);
  for (std::size_t from = 0; from <= list.size();) {
    const std::size_t semi = std::min(list.find(';', from), list.size());
    names.insert(lower(list.substr(from, semi - from)));
    from = semi + 1;
  }
  return names;
}

// The request's signed sites (signed = true) or its unsigned headers (signed = false).
std::vector<Site> sites(HttpRequestIn& req, const Choice& c, bool is_signed) {
  const std::string scheme = c.scheme;
  const bool tc3 = scheme == "TC3-HMAC-SHA256", acs3 = scheme == "ACS3-HMAC-SHA256";
  const bool v1 = c.provider == std::string("tencent") && !tc3;
  const std::set<std::string> listed = signed_header_names(req);
  std::vector<Site> out;
  if (is_signed) {
    const std::size_t q = req.target.find('?');
    if (q != std::string::npos) out.push_back({&req.target, alnum(req.target, q + 1)});
    out.push_back({&req.body, alnum(req.body)});
  }
  for (auto& [name, value] : req.headers) {
    const std::string n = lower(name);
    if (n == "authorization") {
      if (is_signed)
        for (const char* key : {"Credential", "Signature"})
          out.push_back({&value, auth_value(value, key)});
      continue;
    }
    if (n == "content-type" && !tc3 && !acs3) continue;  // reads the form body: neither
    const bool header_signed =
        listed.count(n) || (tc3 && n == "x-tc-timestamp") || (v1 && n == "host");
    if (header_signed == is_signed) out.push_back({&value, alnum(value)});
  }
  return out;
}

// The next character of the same kind ('9' wraps to '0', 'z' to 'a', 'Z' to 'A').
char changed(char c) {
  if (c == '9') return '0';
  if (c == 'z') return 'a';
  if (c == 'Z') return 'A';
  return static_cast<char>(c + 1);
}

// Changes the `pick`-th changeable byte of the sites (modulo how many); false: none.
bool change_one(std::vector<Site>& s, std::size_t pick, std::string& what) {
  std::size_t total = 0;
  for (const Site& site : s) total += site.at.size();
  if (total == 0) return false;
  pick %= total;
  for (Site& site : s) {
    if (pick >= site.at.size()) {
      pick -= site.at.size();
      continue;
    }
    char& c = (*site.text)[site.at[pick]];
    what = "byte " + std::to_string(site.at[pick]) + " of \"" + *site.text + "\": '" +
           std::string(1, c) + "'";
    c = changed(c);
    return true;
  }
  return false;
}

HttpRequestIn build(const cc::core::Api& api, const Choice& c, const json& params) {
  cc::fuzz::CountingNonce nonce;
  cc::core::CallContext context;
  context.now = [] { return kNow; };
  context.nonce = [&nonce] { return nonce(); };
  const cc::core::Credentials key = cc::emu::default_account().keys.at(c.provider);
  const std::string region = c.provider == std::string("tencent") ? "ap-guangzhou" : "cn-hangzhou";
  auto endpoint = [](const cc::core::Api& a) {
    return cc::core::Endpoint{cc::fuzz::kSignedEndpoint, a.hosts.front()};
  };
  cc::core::HttpRequest sent;
  if (c.provider == std::string("tencent"))
    sent = cc::tencent::Client({key, region, endpoint, {}}, context)
               .build(api, params, {c.style, c.scheme});
  else
    sent = cc::alibaba::Client({key, region, endpoint, {}}, context)
               .build(api, params, {c.style, c.scheme});
  return cc::fuzz::as_received(sent, api.hosts.front());
}

// B (is_signed) or C: the request with one byte changed, by `pick`, in a part the scheme signs
// or in a header it does not.
void check_changed(const HttpRequestIn& original, const Choice& choice, const Refusals& refused,
                   std::uint8_t pick, bool is_signed) {
  HttpRequestIn changed_req = original;
  std::vector<Site> where = sites(changed_req, choice, is_signed);
  std::string what;
  if (!change_one(where, pick, what)) return;
  const std::string code = emulator().verify(changed_req);
  const bool by_verifier = refused.verifier.count(code) > 0;
  if (is_signed && !by_verifier && !refused.before_verifier.count(code))
    bug("B: a changed " + what + " (signed) is not refused: " + code, changed_req, code);
  if (!is_signed && by_verifier)
    bug("C: a changed " + what + " (not signed) is refused as " + code, changed_req, code);
}

// A and D: the request as signed, through the verifier alone and then through handle().
void check_as_signed(const HttpRequestIn& original) {
  cc::emu::Emulator& emu = emulator();
  // verify() remembers no nonce: the request as signed is still new to handle().
  const std::string verified = emu.verify(original);
  const auto answer = emu.handle(original);
  // Either provider's verifier: a request the other front end claimed is refused in its words
  // (an Alibaba request with a parameter named XSecretId got Tencent's "not TC3-HMAC-SHA256").
  for (const char* provider : {"tencent", "alibaba"})
    if (refusals(provider).verifier.count(answer.note_code))
      bug("A: the verifier refuses what the harness signed: " + answer.note_code, original,
          answer.body);
  // D (when verify lets it through, handle's code is the behaviour's, if any).
  if (!verified.empty() && verified != answer.note_code)
    bug("D: the verifier alone refuses with " + verified + ", handle() with " + answer.note_code,
        original, answer.body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 4) return 0;
  const cc::core::Catalogue& cat = catalogue();
  const cc::core::Api& api = cat.apis[data[0] % cat.apis.size()];
  std::vector<const Choice*> choices;
  for (const Choice& c : kChoices)
    if (api.provider == c.provider) choices.push_back(&c);
  if (choices.empty()) return 0;
  const Choice& choice = *choices[data[1] % choices.size()];
  const json params =
      parameters(std::string_view(reinterpret_cast<const char*>(data) + 4, size - 4));

  HttpRequestIn original;
  try {
    original = build(api, choice, params);
  } catch (const std::exception& e) {
    bug(std::string("the harness cannot sign these parameters: ") + e.what(), {}, params.dump());
  }
  switch (data[3] % 3) {
    case 0:
      check_changed(original, choice, refusals(api.provider), data[2], true);
      break;
    case 1:
      check_changed(original, choice, refusals(api.provider), data[2], false);
      break;
    default:
      check_as_signed(original);
  }
  // A nonce, a rate window: nothing of this input remains for the next. Starting over here
  // rather than first frees within the input what its handle() kept (a nonce, a derived key):
  // seeing more allocations than frees, libFuzzer ran such an input again and looked for leaks.
  emulator().start_over();
  return 0;
}
