#include "emulator/faults.h"

#include <set>

namespace cc::emu {

const std::vector<DeviationInfo>& fault_deviations() {
  static const std::vector<DeviationInfo> list = {
      {"fault-slow",
       "transport fault, not a conformance deviation: every cloud answer is held 60 s, beyond the "
       "client's timeout"},
      {"fault-reset",
       "transport fault, not a conformance deviation: every cloud request's connection is reset "
       "(TCP RST) instead of answered"},
      {"fault-truncated",
       "transport fault, not a conformance deviation: every cloud answer promises its full "
       "Content-Length, sends half and closes"},
      {"fault-not-json",
       "transport fault, not a conformance deviation: every cloud answer's body is plain text, not "
       "JSON (Content-Type still JSON)"},
      {"fault-huge-body",
       "transport fault, not a conformance deviation: every cloud answer is padded to a 50 MB "
       "body"},
      {"fault-wrong-content-type",
       "transport fault, not a conformance deviation: every cloud answer comes as text/html"},
      {"fault-5xx-storm",
       "transport fault, not a conformance deviation: every cloud request gets HTTP 503 with an "
       "HTML page"},
      {"fault-other-request",
       "transport fault, not a conformance deviation: a cloud request gets the last successful "
       "answer to another API of its provider"},
  };
  return list;
}

namespace {

// Inserts a padding member at the front of a JSON object's text, up to `size` bytes in all; a
// body that is not an object is padded as a string would not be valid either way, so it is
// replaced by the padding object alone.
std::string padded(const std::string& body, std::size_t size) {
  const bool object = body.size() >= 2 && body.front() == '{' && body.back() == '}';
  const std::string rest = object ? body.substr(1) : "}";
  const std::string head = "{\"Padding\":\"";
  const std::string tail = rest == "}" ? "\"}" : "\"," + rest;
  const std::size_t fill = size > head.size() + tail.size() ? size - head.size() - tail.size() : 0;
  std::string out;
  out.reserve(head.size() + fill + tail.size());
  out += head;
  out.append(fill, 'x');
  out += tail;
  return out;
}

}  // namespace

void Faults::apply(const HttpRequestIn& request, HttpResponseOut& out) {
  const std::set<std::string> active = deviations_.active();
  bool any = false;
  for (const auto& d : active) any = any || d.rfind("fault-", 0) == 0;
  if (!any) return;
  auto has = [&](const char* name) { return active.count(name) > 0; };

  if (has("fault-other-request") && !out.note_action.empty()) {
    const bool listing = out.note_action.find("Describe") != std::string::npos;
    const bool success = out.status >= 200 && out.status < 300 && out.note_code.empty();
    const std::string host = request.header("Host");
    std::lock_guard lock(mu_);
    HttpResponseOut genuine = out;
    if (auto other = last_success_.find({host, !listing}); other != last_success_.end()) {
      out.status = other->second.status;
      out.content_type = other->second.content_type;
      out.headers = other->second.headers;
      out.body = other->second.body;
    }
    if (success) last_success_[{host, listing}] = std::move(genuine);
  }
  if (has("fault-not-json"))
    out.body = "upstream connect error or disconnect/reset before headers. reset reason: overflow";
  if (has("fault-huge-body")) out.body = padded(out.body, kHugeFaultBody);
  if (has("fault-wrong-content-type")) out.content_type = "text/html; charset=utf-8";
  if (has("fault-5xx-storm")) {
    out.status = 503;
    out.content_type = "text/html";
    out.headers = {{"Retry-After", "1"}};
    out.body =
        "<html><head><title>503 Service Temporarily "
        "Unavailable</title></head><body><center><h1>503 Service "
        "Temporarily Unavailable</h1></center></body></html>";
  }
  if (has("fault-truncated")) out.delivery = Delivery::truncated;
  if (has("fault-reset")) out.delivery = Delivery::reset;
  if (has("fault-slow")) {
    out.delivery = Delivery::delayed;
    out.delay = kSlowFaultDelay;
  }
}

}  // namespace cc::emu
