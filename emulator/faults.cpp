#include "emulator/faults.h"

#include <set>

namespace cc::emu {

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
  if (!deviations_.any_fault()) return;
  auto has = [&](Deviation d) { return deviations_.has(d); };

  if (has(Deviation::fault_other_request) && !out.note_action.empty()) {
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
  if (has(Deviation::fault_not_json))
    out.body = "upstream connect error or disconnect/reset before headers. reset reason: overflow";
  if (has(Deviation::fault_huge_body)) out.body = padded(out.body, kHugeFaultBody);
  if (has(Deviation::fault_wrong_content_type)) out.content_type = "text/html; charset=utf-8";
  if (has(Deviation::fault_five_xx_storm)) {
    out.status = 503;
    out.content_type = "text/html";
    out.headers = {{"Retry-After", "1"}};
    out.body =
        "<html><head><title>503 Service Temporarily "
        "Unavailable</title></head><body><center><h1>503 Service "
        "Temporarily Unavailable</h1></center></body></html>";
  }
  if (has(Deviation::fault_truncated)) out.delivery = Delivery::truncated;
  if (has(Deviation::fault_reset)) out.delivery = Delivery::reset;
  if (has(Deviation::fault_slow)) {
    out.delivery = Delivery::delayed;
    out.delay = kSlowFaultDelay;
  }
}

}  // namespace cc::emu
