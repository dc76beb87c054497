#include "emulator/wire_deviations.h"

#include <nlohmann/json.hpp>

#include <set>

namespace cc::emu {

using nlohmann::json;

namespace {

struct EnvelopeBreaks {
  bool no_code, no_message, under_200;
};

// The error envelope's documented parts, broken one at a time (protocols.md A6, B6): each one is
// a protocol break the suite must judge as a verdict, never as a harness error.
void break_error_envelope(const EnvelopeBreaks& b, bool tencent, json& body, HttpResponseOut& out) {
  json& error = tencent ? body["Response"]["Error"] : body;
  if (b.no_code) error.erase("Code");
  if (b.no_message) error.erase("Message");
  if (!tencent && b.under_200) out.status = 200;
}

}  // namespace

void apply_wire_deviations(const Deviations& deviations, const std::string& provider,
                           HttpResponseOut& out) {
  const bool repeat = deviations.has("repeats-request-id");
  const bool bare = deviations.has("bare-error-envelope");
  const bool misreport = deviations.has("unknown-requests-misreported");
  const bool no_code = deviations.has("error-without-code"),
             no_message = deviations.has("error-without-message");
  const bool unwrapped = deviations.has("tencent-error-unwrapped"),
             under_200 = deviations.has("alibaba-error-under-200");
  if (!repeat && !bare && !misreport && !no_code && !no_message && !unwrapped && !under_200) return;
  json body = json::parse(out.body, nullptr, false);
  if (!body.is_object()) return;
  const bool tencent = provider == "tencent";
  json& root = tencent ? body["Response"] : body;
  if (!root.is_object()) return;
  const bool error = tencent ? root.contains("Error") : root.contains("Code");
  if (error) break_error_envelope({no_code, no_message, under_200}, tencent, body, out);
  if (repeat && root.contains("RequestId"))
    root["RequestId"] = "00000000-0000-4000-8000-000000000000";
  if (bare && error) {
    if (tencent)
      root["Error"].erase("Message");
    else {
      body.erase("Message");
      body.erase("HostId");
    }
  }
  static const std::set<std::string> unknown = {"InvalidAction", "NoSuchVersion",
                                                "UnknownParameter", "InvalidApi.NotFound",
                                                "InvalidAction.NotFound"};
  if (misreport && error && unknown.count(out.note_code)) {
    out.note_code = "InternalError";
    if (tencent)
      root["Error"]["Code"] = "InternalError";
    else {
      body["Code"] = "InternalError";
      out.status = 500;
    }
  }
  // tencent-error-unwrapped: {"Error": {...}, "RequestId": ...} at the top, without "Response".
  const json& sent = error && tencent && unwrapped ? root : body;
  out.body = sent.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace cc::emu
