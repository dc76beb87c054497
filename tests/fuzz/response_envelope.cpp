// Fuzz target: how the harness turns an HTTP response into an Outcome, as WireClient::call does
// after the send — unreadable_answer, the adapter's envelope parse (Tencent {"Response": {...}},
// Alibaba {RequestId, Code, Message}), explain_refusal or foreign_answer — and how it records
// the exchange (Exchange::to_json, dumped as results.json will be). A target can answer
// anything; the harness must turn it into an outcome, not crash or throw.
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

const char* const kContentTypes[] = {"application/json", "", "application/json; charset=utf-8",
                                     "text/html", "text/plain", "application/problem+json"};

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
    if (auto why = cc::core::unreadable_answer(response)) {
      o.transport_error = *why;
    } else {
      o = client.parse(response);
      if (o.harness_error()) o.transport_error = cc::core::explain_refusal(response, o.transport_error);
      else if (auto foreign = cc::core::foreign_answer(api, o)) o.transport_error = *foreign;
    }
    (void)o.summary();
  } catch (const std::exception& e) {
    bug(std::string("threw: ") + e.what());
  }
  // Each outcome is accepted, refused with a code, or a harness error (foreign_answer makes an
  // accepted one a harness error too): never none of them, never accepted with a code.
  if (!o.ok && o.code.empty() && !o.harness_error()) bug("an outcome with neither ok, code nor harness error: " + o.summary());
  if (o.ok && !o.code.empty()) bug("an accepted outcome with an error code: " + o.summary());
  return 0;
}
