#include "emulator/wire_deviations.h"

#include <nlohmann/json.hpp>

#include <set>

namespace cc::emu {

using nlohmann::json;

void apply_wire_deviations(const Deviations& deviations, const std::string& provider, HttpResponseOut& out) {
  const bool repeat = deviations.has("repeats-request-id");
  const bool bare = deviations.has("bare-error-envelope");
  const bool misreport = deviations.has("unknown-requests-misreported");
  if (!repeat && !bare && !misreport) return;
  json body = json::parse(out.body, nullptr, false);
  if (!body.is_object()) return;
  const bool tencent = provider == "tencent";
  json& root = tencent ? body["Response"] : body;
  if (!root.is_object()) return;
  const bool error = tencent ? root.contains("Error") : root.contains("Code");
  if (repeat && root.contains("RequestId")) root["RequestId"] = "00000000-0000-4000-8000-000000000000";
  if (bare && error) {
    if (tencent) root["Error"].erase("Message");
    else {
      body.erase("Message");
      body.erase("HostId");
    }
  }
  static const std::set<std::string> unknown = {"InvalidAction", "NoSuchVersion", "UnknownParameter",
                                                "InvalidApi.NotFound", "InvalidAction.NotFound"};
  if (misreport && error && unknown.count(out.note_code)) {
    out.note_code = "InternalError";
    if (tencent) root["Error"]["Code"] = "InternalError";
    else {
      body["Code"] = "InternalError";
      out.status = 500;
    }
  }
  out.body = body.dump();
}

}  // namespace cc::emu
