// Fuzz target: how the harness turns an HTTP response into an Outcome, as WireClient::call does
// after the send (WireClient::read: unreadable_answer, the adapter's envelope parse — Tencent
// {"Response": {...}}, Alibaba {RequestId, Code, Message} — with its protocol breaks,
// explain_refusal or foreign_answer) — and how it records the exchange (Exchange::to_json,
// dumped as results.json will be). A target can answer anything; the harness must turn it into
// an outcome, not crash or throw, and a JSON answer that breaks the envelope must say which part.
//
// Input: byte 0 picks the API (catalogue order, which fixes the provider), bytes 1–2 the HTTP
// status (big-endian, modulo 600), byte 3 the Content-Type, the rest is the body.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "harness/alibaba/client.h"
#include "harness/core/catalogue.h"
#include "harness/tencent/client.h"

namespace {

cc::core::ClientConfig config() {
  cc::core::ClientConfig c;
  c.endpoint = [](const cc::core::Api&) { return cc::core::Endpoint{"http://127.0.0.1:9", ""}; };
  return c;
}

[[noreturn]] void bug(const std::string& what) {
  std::fprintf(stderr, "response_envelope: %s\n", what.c_str());
  std::abort();
}

using Part = cc::core::ProtocolBreak::Part;

// Each outcome is accepted, refused with a code, refused with protocol breaks, or a harness
// error (foreign_answer makes an accepted one a harness error too) — never none of them.
void check(const cc::core::Outcome& o) {
  if (o.harness_error()) {
    if (!o.protocol_breaks.empty())
      bug("a harness error that lists protocol breaks: " + o.summary());
    return;
  }
  if (o.ok && !o.code.empty()) bug("an accepted outcome with an error code: " + o.summary());
  // Without a code, only a lost Code or a missing wrapper can explain a refusal.
  if (!o.ok && o.code.empty() && !o.broke(Part::ErrorCode) && !o.broke(Part::Wrapper))
    bug("a refusal with neither a code nor a break saying why: " + o.summary());
  // An accepted answer can lack only its RequestId: any other break makes it no acceptance.
  for (const auto& b : o.protocol_breaks) {
    if (b.message.empty())
      bug("a protocol break without a message: " + cc::core::to_string(b.part));
    if (o.ok && b.part != Part::RequestId)
      bug("an accepted outcome that breaks " + cc::core::to_string(b.part) + ": " + o.summary());
  }
  if (o.request_id.empty() && !o.broke(Part::RequestId))
    bug("no RequestId and no break saying so: " + o.summary());
}

const char* const kContentTypes[] = {
    "application/json", "",           "application/json; charset=utf-8",
    "text/html",        "text/plain", "application/problem+json"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 4) return 0;
  static const cc::core::Catalogue catalogue =
      cc::core::load_catalogue(std::string(CLOUDCONFORM_FIXTURES_DIR) + "/apis");
  // Parsing needs no connection: the clients are built once and never send.
  static const cc::tencent::Client tencent(config(), cc::core::CallContext{});
  static const cc::alibaba::Client alibaba(config(), cc::core::CallContext{});
  const cc::core::Api& api = catalogue.apis[data[0] % catalogue.apis.size()];
  const cc::core::WireClient& client =
      api.provider == "alibaba" ? static_cast<const cc::core::WireClient&>(alibaba) : tencent;

  cc::core::HttpResponse response;
  response.status = ((data[1] << 8) | data[2]) % 600;
  const char* type = kContentTypes[data[3] % std::size(kContentTypes)];
  if (*type) response.headers = {{"Content-Type", type}};
  response.body.assign(reinterpret_cast<const char*>(data) + 4, size - 4);

  cc::core::Outcome o;
  try {
    (void)cc::core::Exchange{{}, response}.to_json().dump();
    o = client.read(api, response);
    (void)o.summary();
  } catch (const std::exception& e) {
    bug(std::string("threw: ") + e.what());
  }
  check(o);
  return 0;
}
